package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/budgetfeed/budgetfeed/sources/demoportal"
)

// readFeedTable reads every Parquet file of one table in a feed folder with
// arrow-go's reader (independent of the writer), filling fiscal_year from the
// Hive partition folder when the file does not carry the column.
func readFeedTable(t *testing.T, feed string, table *schemas.Table) any {
	t.Helper()
	var files []string
	err := filepath.WalkDir(filepath.Join(feed, table.Name), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".parquet") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatalf("walk %s: %v", table.Name, err)
	}
	sort.Strings(files)
	var all reflect.Value
	for _, f := range files {
		rdr, err := file.OpenParquetFile(f, false)
		if err != nil {
			t.Fatalf("open %s: %v", f, err)
		}
		if v := rdr.MetaData().KeyValueMetadata().FindValue(schemas.VersionKey); v == nil || *v != schemas.Version {
			t.Errorf("%s: schema version metadata missing or wrong", f)
		}
		fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
		if err != nil {
			t.Fatalf("reader %s: %v", f, err)
		}
		tbl, err := fr.ReadTable(context.Background())
		if err != nil {
			t.Fatalf("read %s: %v", f, err)
		}
		tr := array.NewTableReader(tbl, 64<<10)
		for tr.Next() {
			rows, err := table.Rows(tr.RecordBatch())
			if err != nil {
				t.Fatalf("rows %s: %v", f, err)
			}
			rv := reflect.ValueOf(rows)
			if y := partitionYear(f); y != 0 {
				for i := 0; i < rv.Len(); i++ {
					if fy := rv.Index(i).FieldByName("FiscalYear"); fy.IsValid() && fy.Int() == 0 {
						fy.SetInt(int64(y))
					}
				}
			}
			if !all.IsValid() {
				all = rv
			} else {
				all = reflect.AppendSlice(all, rv)
			}
		}
		tr.Release()
		tbl.Release()
		rdr.Close()
	}
	if !all.IsValid() {
		rows, _ := table.Rows(emptyRecord(table))
		return rows
	}
	return all.Interface()
}

func partitionYear(path string) int32 {
	for _, part := range strings.Split(filepath.ToSlash(path), "/") {
		if v, ok := strings.CutPrefix(part, "fiscal_year="); ok {
			n, _ := strconv.Atoi(v)
			return int32(n)
		}
	}
	return 0
}

// TestEndToEndDemo runs the whole pipeline in-process against the embedded
// demo portal and checks that every published figure equals the generator's
// truth, and that nothing was published that the generator did not write.
func TestEndToEndDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end run")
	}
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	if err := execute(ctx, []string{"run", "--out", out}, nil, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\nstderr:\n%s", err, stderr.String())
	}
	t.Logf("run printed:\n%s", stdout.String())
	if !strings.Contains(stdout.String(), "三公") {
		t.Errorf("run printed no comparison:\n%s", stdout.String())
	}
	feed := filepath.Join(out, "feed")
	docs := readFeedTable(t, feed, schemas.Documents).([]schemas.Document)
	facts := readFeedTable(t, feed, schemas.Facts).([]schemas.Fact)

	site := demoportal.Generate(demoSeed)
	truth := site.Truth()
	if len(truth) < 144 {
		t.Fatalf("demo portal truth has %d documents, want ≥ 144", len(truth))
	}
	byPath := map[string]schemas.Document{}
	for _, d := range docs {
		byPath[urlPath(d.URL)] = d
	}
	if len(docs) != len(truth) {
		t.Errorf("published %d documents, generator wrote %d", len(docs), len(truth))
	}
	factsByDoc := map[string][]schemas.Fact{}
	for _, f := range facts {
		factsByDoc[f.DocID] = append(factsByDoc[f.DocID], f)
	}
	var missing, wrong, extra int
	// BUDGETFEED_E2E_DUMP=file writes every mismatch there, for diagnosis.
	var dump strings.Builder
	defer func() {
		if p := os.Getenv("BUDGETFEED_E2E_DUMP"); p != "" {
			_ = os.WriteFile(p, []byte(dump.String()), 0o644)
		}
	}()
	for _, td := range truth {
		d, ok := byPath[td.Path]
		if !ok {
			t.Errorf("document %s (%s) not published", td.Path, td.Title)
			continue
		}
		if d.FiscalYear != td.FiscalYear || d.Stage != td.Stage {
			t.Errorf("%s: published as %d %s, truth %d %s", td.Path, d.FiscalYear, d.Stage, td.FiscalYear, td.Stage)
		}
		if d.County != td.County {
			t.Errorf("%s: county %q, truth %q", td.Path, d.County, td.County)
		}
		want := map[string]demoportal.TruthFact{}
		for _, f := range td.Facts {
			want[truthKey(schemas.MethodText, f)] = f
		}
		for _, f := range td.TableFacts {
			want[truthKey(schemas.MethodTable, f)] = f
		}
		got := map[string]schemas.Fact{}
		for _, f := range factsByDoc[d.DocID] {
			if m, ok := schemas.LookupMetric(f.Metric); ok && m.Kind == schemas.MetricText {
				continue
			}
			if f.Quote == "" && f.Cell == "" {
				t.Errorf("%s %s: fact without provenance", td.Path, f.Metric)
			}
			k := factKey(f)
			got[k] = f
			w, ok := want[k]
			switch {
			case !ok:
				extra++
				fmt.Fprintf(&dump, "extra\t%s\t%s\t%s\t%s\t%q\n", td.Path, k, f.Value, f.Unit, f.Quote)
				if extra <= 15 {
					t.Errorf("%s: published %s = %s %s (%q) that the generator did not write", td.Path, k, f.Value, f.Unit, f.Quote)
				}
			case w.HasAmount != f.HasAmount || w.Amount != f.Amount || w.HasCount != f.HasCount || w.Count != f.Count:
				wrong++
				fmt.Fprintf(&dump, "wrong\t%s\t%s\t%s\t%s\t%q\n", td.Path, k, f.Amount, w.Amount, f.Quote)
				if wrong <= 15 {
					t.Errorf("%s: %s published %s/%d, truth %s/%d (%q)", td.Path, k, f.Amount, f.Count, w.Amount, w.Count, f.Quote)
				}
			}
		}
		for k := range want {
			if _, ok := got[k]; !ok {
				missing++
				fmt.Fprintf(&dump, "missing\t%s\t%s\n", td.Path, k)
				if missing <= 15 {
					t.Errorf("%s: truth %s not published", td.Path, k)
				}
			}
		}
	}
	if missing+wrong+extra > 0 {
		t.Errorf("facts: %d missing, %d wrong, %d not in truth", missing, wrong, extra)
	}
	// The demo links a few legacy Word .doc attachments: recorded in the
	// ledger as unsupported, never a source of facts.
	ledger := readFeedTable(t, feed, schemas.Ledger).([]schemas.LedgerEntry)
	unsupported := 0
	for _, e := range ledger {
		if e.Outcome == schemas.OutcomeUnsupportedFormat {
			unsupported++
		}
	}
	if unsupported == 0 {
		t.Error("no unsupported_format row in the ledger, though the demo links .doc attachments")
	}
	for _, f := range facts {
		if strings.HasSuffix(f.SourceURL, ".doc") {
			t.Errorf("fact %s published from unsupported attachment %s", f.Metric, f.SourceURL)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "budgetfeed.duckdb")); err != nil {
		t.Errorf("database not written: %v", err)
	}
	checkPreferred(t, docs, facts)
}

// checkPreferred checks what the comparisons rely on in a published feed:
// every fact carries its document's county, department type and scope and a
// source URL, and each figure (document, year, stage, period, metric,
// scheme, code) has exactly one preferred fact, read the preferred way
// whenever the document states it that way (class figures: a table cell
// with an amount; other figures: the text).
func checkPreferred(t *testing.T, docs []schemas.Document, facts []schemas.Fact) {
	t.Helper()
	byID := map[string]schemas.Document{}
	for _, d := range docs {
		byID[d.DocID] = d
	}
	type key struct {
		doc, stage, period, metric, scheme, code string
		year                                     int32
	}
	groups := map[key][]schemas.Fact{}
	bad := 0
	for _, f := range facts {
		d := byID[f.DocID]
		if (f.County != d.County || f.DepartmentType != d.DepartmentType || f.Scope != d.Scope || f.SourceURL == "") && bad < 10 {
			bad++
			t.Errorf("fact %s %s: county/type/scope %q/%q/%q source %q; document %q/%q/%q", f.DocID, f.Metric,
				f.County, f.DepartmentType, f.Scope, f.SourceURL, d.County, d.DepartmentType, d.Scope)
		}
		k := key{f.DocID, f.Stage, f.Period, f.Metric, f.Scheme, f.Code, f.FiscalYear}
		groups[k] = append(groups[k], f)
	}
	good := func(f schemas.Fact) bool {
		if f.Metric == "function_class" || f.Metric == "economic_class" {
			return f.Method == schemas.MethodTable && f.HasAmount
		}
		return f.Method == schemas.MethodText
	}
	twice := 0
	for k, fs := range groups {
		var pref []schemas.Fact
		anyGood := false
		for _, f := range fs {
			if f.Preferred {
				pref = append(pref, f)
			}
			anyGood = anyGood || good(f)
		}
		if len(fs) > 1 {
			twice++
		}
		switch {
		case len(pref) != 1:
			t.Errorf("%+v: %d preferred of %d facts, want 1", k, len(pref), len(fs))
		case anyGood && !good(pref[0]):
			t.Errorf("%+v: preferred %s %q over a %s figure the rule prefers", k, pref[0].Method, pref[0].Quote, fs[0].Method)
		}
	}
	if twice == 0 {
		t.Error("no figure stated twice in the demo feed: the preference is not exercised")
	}
	t.Logf("%d figures, %d stated more than once", len(groups), twice)
}

func truthKey(method string, f demoportal.TruthFact) string {
	scheme := f.Scheme
	if scheme == "" {
		scheme = schemas.SchemeNone
	}
	if method == schemas.MethodText {
		scheme = "" // the narrative's truth does not carry schemes
	}
	return fmt.Sprintf("%s/%d/%s/%s/%s/%s", method, f.FiscalYear, f.Metric, f.Period, f.Code, scheme)
}

func factKey(f schemas.Fact) string {
	scheme := f.Scheme
	if f.Method == schemas.MethodText {
		scheme = ""
	}
	return fmt.Sprintf("%s/%d/%s/%s/%s/%s", f.Method, f.FiscalYear, f.Metric, f.Period, f.Code, scheme)
}

func urlPath(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		if j := strings.Index(u, "/"); j >= 0 {
			return u[j:]
		}
	}
	return u
}

func emptyRecord(table *schemas.Table) arrow.RecordBatch {
	b := array.NewRecordBuilder(memory.DefaultAllocator, table.Schema())
	defer b.Release()
	return b.NewRecordBatch()
}
