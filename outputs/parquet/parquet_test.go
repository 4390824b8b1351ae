package parquet

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/budgetfeed/budgetfeed/schemas"
)

type dataset struct {
	docs    []schemas.Document
	facts   []schemas.Fact
	quality []schemas.Quality
	codes   []schemas.Code
	ledger  []schemas.LedgerEntry
}

func newDataset(years ...int32) dataset {
	d := dataset{docs: testDocs(years...), codes: testCodes(), ledger: testLedger()}
	d.facts = testFacts(d.docs)
	d.quality = testQuality(d.docs)
	return d
}

// publish writes d in several Write calls and commits it.
func publish(t *testing.T, o Options, d dataset) *Release {
	t.Helper()
	w, err := NewWriter(o)
	if err != nil {
		t.Fatal(err)
	}
	writes := []struct {
		t    *schemas.Table
		rows any
	}{
		{schemas.Documents, d.docs}, {schemas.Codes, d.codes}, {schemas.Ledger, d.ledger},
		{schemas.QualityTable, d.quality},
	}
	for _, x := range writes {
		if err := w.Write(x.t, x.rows); err != nil {
			t.Fatal(err)
		}
	}
	// Facts in two calls, the second in reverse order.
	half := len(d.facts) / 2
	if err := w.Write(schemas.Facts, d.facts[:half]); err != nil {
		t.Fatal(err)
	}
	rev := slices.Clone(d.facts[half:])
	slices.Reverse(rev)
	if err := w.Write(schemas.Facts, rev); err != nil {
		t.Fatal(err)
	}
	rel, err := w.Commit(context.Background(), ReleaseMeta{Title: "测试", Sources: []string{"demo"},
		CrawlStarted: fixedNow.Add(-time.Hour), CrawlFinished: fixedNow, CodeListVersion: "2024"})
	if err != nil {
		t.Fatal(err)
	}
	return rel
}

// canon sorts a copy of rows into one total order for comparison.
func canon(t *schemas.Table, rows any) any {
	v := reflect.ValueOf(rows)
	c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
	reflect.Copy(c, v)
	sortRows(t, c)
	return c.Interface()
}

func TestRoundTripAllTables(t *testing.T) {
	out := t.TempDir()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	d := newDataset(2023, 2024)
	// Small row groups so that files hold several of them.
	rel := publish(t, Options{OutDir: out, RowGroupRows: 7, Now: clock(fixedNow), Allocator: mem}, d)
	mem.AssertSize(t, 0)

	tests := []struct {
		table *schemas.Table
		want  any
	}{
		{schemas.Documents, d.docs}, {schemas.Facts, d.facts}, {schemas.QualityTable, d.quality},
		{schemas.Codes, d.codes}, {schemas.Ledger, d.ledger},
	}
	for _, tc := range tests {
		t.Run(tc.table.Name, func(t *testing.T) {
			got, err := ReadRows(rel.Dir, tc.table)
			if err != nil {
				t.Fatal(err)
			}
			g, w := canon(tc.table, got), canon(tc.table, tc.want)
			if !reflect.DeepEqual(g, w) {
				gv, wv := reflect.ValueOf(g), reflect.ValueOf(w)
				if gv.Len() != wv.Len() {
					t.Fatalf("read %d rows, wrote %d", gv.Len(), wv.Len())
				}
				for i := 0; i < gv.Len(); i++ {
					if !reflect.DeepEqual(gv.Index(i).Interface(), wv.Index(i).Interface()) {
						t.Fatalf("row %d:\n got %+v\nwant %+v", i, gv.Index(i).Interface(), wv.Index(i).Interface())
					}
				}
			}
			st, _ := rel.Manifest.Table(tc.table.Name)
			if st.Rows != int64(reflect.ValueOf(tc.want).Len()) {
				t.Errorf("manifest rows = %d, want %d", st.Rows, reflect.ValueOf(tc.want).Len())
			}
		})
	}

	// Arrow types survive as the schema defines them.
	tbl, err := ReadTable(rel.Dir, schemas.Facts)
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	for _, name := range []string{"amount_yuan", "change_yuan"} {
		f, _ := tbl.Schema().FieldsByName(name)
		if !arrow.TypeEqual(f[0].Type, &arrow.Decimal128Type{Precision: 18, Scale: 2}) {
			t.Errorf("%s read back as %s", name, f[0].Type)
		}
	}
	if f, _ := tbl.Schema().FieldsByName("fiscal_year"); f[0].Type.ID() != arrow.INT32 {
		t.Errorf("fiscal_year read back as %s", f[0].Type)
	}
	dt, err := ReadTable(rel.Dir, schemas.Documents)
	if err != nil {
		t.Fatal(err)
	}
	defer dt.Release()
	for name, want := range map[string]arrow.DataType{
		"published_at": arrow.FixedWidthTypes.Date32,
		"fetched_at":   &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"},
	} {
		f, _ := dt.Schema().FieldsByName(name)
		if !arrow.TypeEqual(f[0].Type, want) {
			t.Errorf("%s read back as %s, want %s", name, f[0].Type, want)
		}
	}
}

func TestFileLayoutAndMetadata(t *testing.T) {
	out := t.TempDir()
	d := newDataset(2023, 2024)
	rel := publish(t, Options{OutDir: out, RowGroupRows: 4, Now: clock(fixedNow)}, d)
	var got []string
	for _, f := range rel.Manifest.Files {
		if strings.HasSuffix(f.Path, ".parquet") {
			got = append(got, f.Path)
		}
	}
	want := []string{
		"documents/fiscal_year=2023/part-00000.parquet", "documents/fiscal_year=2024/part-00000.parquet",
		"facts/fiscal_year=2023/part-00000.parquet", "facts/fiscal_year=2024/part-00000.parquet",
		"quality/fiscal_year=2023/part-00000.parquet",
		"codes/part-00000.parquet", "ledger/part-00000.parquet",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("files:\n got %q\nwant %q", got, want)
	}
	for _, p := range got {
		t.Run(p, func(t *testing.T) {
			pf, err := file.OpenParquetFile(filepath.Join(rel.Dir, p), false)
			if err != nil {
				t.Fatal(err)
			}
			defer pf.Close()
			kv := pf.MetaData().KeyValueMetadata()
			if v := kv.FindValue(schemas.VersionKey); v == nil || *v != schemas.Version {
				t.Errorf("%s = %v, want %q", schemas.VersionKey, v, schemas.Version)
			}
			if v := kv.FindValue("ARROW:schema"); v == nil {
				t.Error("no stored Arrow schema")
			}
			if v := kv.FindValue(SortScopeKey); v == nil || *v != "row_group" {
				t.Errorf("%s = %v", SortScopeKey, v)
			}
			tname := strings.Split(p, "/")[0]
			table, _ := schemas.TableByName(tname)
			if v := kv.FindValue(PartitionKey); v == nil || (strings.Contains(p, "=") != (*v != "")) {
				t.Errorf("%s = %v", PartitionKey, v)
			}
			for rg := 0; rg < pf.NumRowGroups(); rg++ {
				rgm := pf.MetaData().RowGroup(rg)
				if int(rgm.NumRows()) > 4 {
					t.Errorf("row group %d has %d rows, want ≤ 4", rg, rgm.NumRows())
				}
				for ci, c := range table.Columns {
					cc, err := rgm.ColumnChunk(ci)
					if err != nil {
						t.Fatal(err)
					}
					if cc.Compression() != compress.Codecs.Zstd {
						t.Errorf("column %s compression %s", c.Name, cc.Compression())
					}
					dict := slices.Contains(cc.Encodings(), parquet.Encodings.RLEDict) || slices.Contains(cc.Encodings(), parquet.Encodings.PlainDict)
					switch plain := plainColumns[table.Name][c.Name]; {
					case c.Kind == schemas.KindString && !plain && !dict:
						t.Errorf("string column %s not dictionary encoded: %v", c.Name, cc.Encodings())
					case plain && dict:
						t.Errorf("column %s is dictionary encoded, want plain: %v", c.Name, cc.Encodings())
					}
				}
				if sc := rgm.SortingColumns(); len(sc) != len(table.SortKey) {
					t.Errorf("row group %d sorting columns %v, want %d", rg, sc, len(table.SortKey))
				}
			}
		})
	}
	// Rows are sorted by the sort key within each row group.
	err := ScanTable(context.Background(), rel.Dir, schemas.Facts, 4, func(f TableFile, rec arrow.RecordBatch) error {
		v, err := schemas.Facts.Rows(rec)
		if err != nil {
			return err
		}
		rows := v.([]schemas.Fact)
		for i := 1; i < len(rows); i++ {
			a, b := rows[i-1], rows[i]
			ka := []string{a.DepartmentCanonical, a.DocID, a.Metric, a.Period, a.Code}
			kb := []string{b.DepartmentCanonical, b.DocID, b.Metric, b.Period, b.Code}
			if slices.Compare(ka, kb) > 0 {
				t.Errorf("%s: rows out of order: %q before %q", f.Path, ka, kb)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestReleaseFeedChangelog(t *testing.T) {
	out := t.TempDir()
	d1 := newDataset(2023, 2024)
	r1 := publish(t, Options{OutDir: out, Now: clock(fixedNow)}, d1)
	if r1.Changelog.PreviousRelease != "" || r1.Changelog.Summary.DocumentsAdded != len(d1.docs) {
		t.Errorf("first changelog: %+v", r1.Changelog.Summary)
	}
	latest, err := OpenLatest(out)
	if err != nil || latest.ID != r1.ID {
		t.Fatalf("OpenLatest = %v, %v; want %s", latest, err, r1.ID)
	}

	// Second crawl: one figure silently edited, one document added, one
	// document re-captured with a different payload.
	d2 := newDataset(2023, 2024)
	changed := -1
	for i, f := range d2.facts {
		if f.Metric == "total_expenditure" && f.FiscalYear == 2024 && f.Department == "区教育局" {
			d2.facts[i].Value, d2.facts[i].Amount = "150.50", schemas.Money(150500000)
			d2.facts[i].Quote = "支出预算150.50万元"
			changed = i
		}
	}
	if changed < 0 {
		t.Fatal("fixture has no figure to change")
	}
	d2.docs[0].PayloadSHA256 = strings.Repeat("f", 64)
	extra := testDocs(2025)[:1]
	d2.docs = append(d2.docs, extra...)
	d2.facts = append(d2.facts, testFacts(extra)...)
	r2 := publish(t, Options{OutDir: out, Now: clock(fixedNow.Add(time.Hour))}, d2)

	if r2.ID == r1.ID || !strings.HasPrefix(r2.ID, "20260315T093000Z-") {
		t.Errorf("release ids %s, %s", r1.ID, r2.ID)
	}
	cl := r2.Changelog
	if cl.PreviousRelease != r1.ID {
		t.Errorf("previous = %q, want %q", cl.PreviousRelease, r1.ID)
	}
	if len(cl.FiguresChanged) != 1 {
		t.Fatalf("figures changed = %+v, want exactly one", cl.FiguresChanged)
	}
	fc := cl.FiguresChanged[0]
	want := d2.facts[changed]
	if fc.DocID != want.DocID || fc.Metric != "total_expenditure" || fc.FiscalYear != 2024 ||
		fc.Old.AmountYuan != "1256600.00" || fc.New.AmountYuan != "1505000.00" ||
		fc.New.Quote != "支出预算150.50万元" || fc.Old.Quote == fc.New.Quote || fc.New.SourceURL != want.SourceURL {
		t.Errorf("changed figure = %+v", fc)
	}
	old, _ := schemas.ParseMoney(fc.Old.AmountYuan, "元")
	if fc.DeltaYuan != (schemas.Money(150500000) - old).String() {
		t.Errorf("delta = %s", fc.DeltaYuan)
	}
	if len(cl.DocumentsAdded) != 1 || cl.DocumentsAdded[0].DocID != extra[0].DocID {
		t.Errorf("documents added = %+v", cl.DocumentsAdded)
	}
	if len(cl.DocumentsRemoved) != 0 || len(cl.FiguresAdded) != 0 || len(cl.FiguresRemoved) != 0 {
		t.Errorf("unexpected changes: %+v", cl.Summary)
	}
	if len(cl.DocumentsRepublished) != 1 || cl.DocumentsRepublished[0].DocID != d2.docs[0].DocID {
		t.Errorf("republished = %+v", cl.DocumentsRepublished)
	}
	md, err := os.ReadFile(filepath.Join(r2.Dir, ChangelogMDFile))
	if err != nil || !strings.Contains(string(md), "支出预算150.50万元") {
		t.Errorf("CHANGELOG.md lacks the new quote: %v\n%s", err, md)
	}

	// The feed points at the second release; the first is intact.
	latest, err = OpenLatest(out)
	if err != nil || latest.ID != r2.ID || latest.Changelog == nil || len(latest.Changelog.FiguresChanged) != 1 {
		t.Fatalf("OpenLatest after second release = %+v, %v", latest, err)
	}
	if target, _ := os.Readlink(filepath.Join(out, FeedLink)); target != "releases/"+r2.ID {
		t.Errorf("feed -> %q", target)
	}
	for _, r := range []*Release{r1, r2} {
		if err := r.Verify(); err != nil {
			t.Error(err)
		}
	}

	// A figure removed and one added in an existing document.
	d3 := newDataset(2023, 2024)
	d3.docs = append(d3.docs, extra...)
	d3.facts = append(d3.facts, testFacts(extra)...)
	d3.docs[0].PayloadSHA256 = strings.Repeat("f", 64)
	d3.facts[changed] = d2.facts[changed]
	var drop schemas.Fact
	for i, f := range d3.facts {
		if f.Metric == "vehicles_count" && f.DocID == d3.docs[1].DocID {
			drop = f
			d3.facts = slices.Delete(d3.facts, i, i+1)
			break
		}
	}
	add := drop
	add.Metric, add.Quote = "overseas_groups", "因公出国团组2个"
	d3.facts = append(d3.facts, add)
	r3 := publish(t, Options{OutDir: out, Now: clock(fixedNow.Add(2 * time.Hour))}, d3)
	s := r3.Changelog.Summary
	if s != (Summary{FiguresAdded: 1, FiguresRemoved: 1}) {
		t.Errorf("third summary = %+v", s)
	}
	if s.FiguresAdded == 1 && (r3.Changelog.FiguresAdded[0].Metric != "overseas_groups" || r3.Changelog.FiguresRemoved[0].Metric != "vehicles_count") {
		t.Errorf("added/removed = %+v / %+v", r3.Changelog.FiguresAdded, r3.Changelog.FiguresRemoved)
	}
}

func TestAbortAndCrashKeepPreviousRelease(t *testing.T) {
	out := t.TempDir()
	d := newDataset(2024)
	r1 := publish(t, Options{OutDir: out, Now: clock(fixedNow)}, d)

	stagingLeft := func() []string {
		ents, _ := os.ReadDir(filepath.Join(out, ReleasesDir))
		var s []string
		for _, e := range ents {
			if strings.HasPrefix(e.Name(), ".staging-") {
				s = append(s, e.Name())
			}
		}
		return s
	}
	tests := []struct {
		name    string
		finish  func(w *Writer) error
		staging int // staging directories left behind
	}{
		{"abort", func(w *Writer) error { return w.Abort() }, 0},
		{"cancelled commit", func(w *Writer) error {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			_, err := w.Commit(ctx, ReleaseMeta{})
			if !errors.Is(err, context.Canceled) {
				t.Errorf("commit with cancelled context: %v", err)
			}
			return nil
		}, 0},
		{"crash (never committed)", func(w *Writer) error { return nil }, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := len(stagingLeft())
			w, err := NewWriter(Options{OutDir: out, RowGroupRows: 2, Now: clock(fixedNow.Add(time.Hour))})
			if err != nil {
				t.Fatal(err)
			}
			d2 := newDataset(2024, 2025)
			if err := w.Write(schemas.Facts, d2.facts); err != nil {
				t.Fatal(err)
			}
			if err := tc.finish(w); err != nil {
				t.Fatal(err)
			}
			latest, err := OpenLatest(out)
			if err != nil || latest.ID != r1.ID {
				t.Fatalf("latest = %v, %v; want %s", latest, err, r1.ID)
			}
			if err := latest.Verify(); err != nil {
				t.Error(err)
			}
			if got := len(stagingLeft()) - before; got != tc.staging {
				t.Errorf("staging dirs left: %d, want %d", got, tc.staging)
			}
		})
	}
	ents, _ := os.ReadDir(filepath.Join(out, ReleasesDir))
	for _, e := range ents {
		if !strings.HasPrefix(e.Name(), ".staging-") && e.Name() != r1.ID {
			t.Errorf("unexpected release %s", e.Name())
		}
	}
}

func TestMetadataDocuments(t *testing.T) {
	out := t.TempDir()
	rel := publish(t, Options{OutDir: out, Now: clock(fixedNow), BaseURL: "https://data.example.org/feed"}, newDataset(2023, 2024))

	// The manifest lists every file of the release but itself, with the
	// right sizes and checksums.
	var onDisk []string
	filepath.WalkDir(rel.Dir, func(p string, de fs.DirEntry, err error) error {
		if err == nil && !de.IsDir() && de.Name() != ManifestFile {
			r, _ := filepath.Rel(rel.Dir, p)
			onDisk = append(onDisk, filepath.ToSlash(r))
		}
		return nil
	})
	var listed []string
	for _, f := range rel.Manifest.Files {
		listed = append(listed, f.Path)
	}
	slices.Sort(onDisk)
	slices.Sort(listed)
	if !slices.Equal(onDisk, listed) {
		t.Errorf("manifest lists %q, release holds %q", listed, onDisk)
	}
	if err := rel.Verify(); err != nil {
		t.Error(err)
	}
	if rel.Manifest.SchemaVersion != schemas.Version || !slices.Equal(rel.Manifest.FiscalYears, []int32{2023, 2024}) {
		t.Errorf("manifest: %+v", rel.Manifest)
	}

	var dp struct {
		Profile      string            `json:"profile"`
		FiscalPeriod map[string]string `json:"fiscalPeriod"`
		Resources    []struct {
			Name, Format, Mediatype string
			Path                    any
			Schema                  struct {
				Fields []struct {
					Name, Type, ColumnType, DecimalChar, Description string
					BareNumber                                       *bool
					ColumnTypeByScheme                               map[string]string
					PhaseMap                                         map[string]string
				}
				ExtraFields []struct {
					Name, ColumnType, Constant string
					Values                     map[string][]string
				}
			}
		}
	}
	readJSON(t, filepath.Join(rel.Dir, DataPackageFile), &dp)
	if dp.Profile != "tabular-data-package" || dp.FiscalPeriod["start"] != "2023-01-01" || dp.FiscalPeriod["end"] != "2024-12-31" {
		t.Errorf("datapackage header: %+v", dp)
	}
	if len(dp.Resources) != 5 {
		t.Fatalf("resources: %d", len(dp.Resources))
	}
	for _, r := range dp.Resources {
		if r.Format != "parquet" || r.Mediatype != ParquetMediaType {
			t.Errorf("%s: format %s %s", r.Name, r.Format, r.Mediatype)
		}
		if r.Name != "facts" {
			continue
		}
		types := map[string]string{}
		for _, f := range r.Schema.Fields {
			types[f.Name] = f.Type + "|" + f.ColumnType
			if f.Description == "" {
				t.Errorf("field %s has no description", f.Name)
			}
			switch f.Name {
			case "amount_yuan":
				if f.DecimalChar != "." || f.BareNumber == nil || !*f.BareNumber {
					t.Errorf("amount_yuan: %+v", f)
				}
			case "code":
				if f.ColumnTypeByScheme["function"] != "functional-classification:generic:code" ||
					f.ColumnTypeByScheme["economic"] != "economic-classification:generic:code" {
					t.Errorf("code column types: %v", f.ColumnTypeByScheme)
				}
			case "stage":
				if f.PhaseMap["budget"] != "approved" || f.PhaseMap["final_account"] != "executed" {
					t.Errorf("phase map: %v", f.PhaseMap)
				}
			}
		}
		for name, want := range map[string]string{"amount_yuan": "number|value", "fiscal_year": "integer|date:fiscal-year",
			"stage": "string|phase:id", "count": "integer|", "quote": "string|"} {
			if types[name] != want {
				t.Errorf("facts.%s = %s, want %s", name, types[name], want)
			}
		}
		var dir, cur bool
		for _, x := range r.Schema.ExtraFields {
			dir = dir || x.ColumnType == "direction" && slices.Contains(x.Values["revenue"], "total_income") && slices.Contains(x.Values["expenditure"], "function_class")
			cur = cur || x.ColumnType == "value-currency:code" && x.Constant == "CNY"
		}
		if !dir || !cur {
			t.Errorf("facts extra fields: %+v", r.Schema.ExtraFields)
		}
	}

	var cat map[string]any
	readJSON(t, filepath.Join(rel.Dir, CatalogFile), &cat)
	if cat["@context"].(map[string]any)["@base"] != "https://data.example.org/feed/" {
		t.Errorf("@base = %v", cat["@context"])
	}
	ds := cat["@graph"].([]any)[1].(map[string]any)
	if ds["@type"] != "dcat:Dataset" || ds["dct:identifier"] != rel.ID {
		t.Errorf("dataset: %v", ds)
	}
	tmp := ds["dct:temporal"].(map[string]any)
	if tmp["dcat:startDate"].(map[string]any)["@value"] != "2023-01-01" {
		t.Errorf("temporal: %v", tmp)
	}
	dists := ds["dcat:distribution"].([]any)
	if len(dists) != 5 {
		t.Fatalf("distributions: %d", len(dists))
	}
	for _, x := range dists {
		dd := x.(map[string]any)
		if dd["dcat:mediaType"].(map[string]any)["@id"] != "https://www.iana.org/assignments/media-types/application/vnd.apache.parquet" {
			t.Errorf("mediaType: %v", dd["dcat:mediaType"])
		}
		st, _ := rel.Manifest.Table(dd["dct:title"].(string))
		if dd["dcat:byteSize"].(map[string]any)["@value"] != strconv.FormatInt(st.Bytes, 10) {
			t.Errorf("%s byteSize %v, manifest %d", st.Name, dd["dcat:byteSize"], st.Bytes)
		}
		sum := dd["spdx:checksum"].(map[string]any)["spdx:checksumValue"].(map[string]any)["@value"].(string)
		if st.Files == 1 {
			for _, f := range rel.Manifest.Files {
				if f.Table == st.Name && f.SHA256 != sum {
					t.Errorf("%s checksum %s, manifest %s", st.Name, sum, f.SHA256)
				}
			}
		} else if len(sum) != 64 {
			t.Errorf("%s checksum %q", st.Name, sum)
		}
	}
}

func TestDeterministicContent(t *testing.T) {
	d := newDataset(2023)
	r1 := publish(t, Options{OutDir: t.TempDir(), Now: clock(fixedNow)}, d)
	slices.Reverse(d.facts)
	slices.Reverse(d.docs)
	r2 := publish(t, Options{OutDir: t.TempDir(), Now: clock(fixedNow)}, d)
	if r1.Manifest.ContentSHA256 != r2.Manifest.ContentSHA256 || r1.ID != r2.ID {
		t.Errorf("same rows in another order gave %s and %s", r1.ID, r2.ID)
	}
}

func TestWriteErrors(t *testing.T) {
	w, err := NewWriter(Options{OutDir: t.TempDir(), Now: clock(fixedNow)})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	tests := []struct {
		name  string
		table *schemas.Table
		rows  any
	}{
		{"wrong row type", schemas.Facts, []schemas.Document{{}}},
		{"not a slice", schemas.Facts, schemas.Fact{}},
		{"nil table", nil, []schemas.Fact{}},
	}
	for _, tc := range tests {
		if err := w.Write(tc.table, tc.rows); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	if _, err := NewWriter(Options{}); err == nil {
		t.Error("NewWriter without OutDir: no error")
	}
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(schemas.Facts, []schemas.Fact{{}}); err == nil {
		t.Error("write after abort: no error")
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestPlainColumnsExist guards the list of columns written without a
// dictionary against renamed or removed columns.
func TestPlainColumnsExist(t *testing.T) {
	for tname, cols := range plainColumns {
		table, ok := schemas.TableByName(tname)
		if !ok {
			t.Errorf("plainColumns: no table %s", tname)
			continue
		}
		for name := range cols {
			if c, ok := table.Column(name); !ok || c.Kind != schemas.KindString {
				t.Errorf("plainColumns: %s.%s is not a string column", tname, name)
			}
		}
	}
}

// TestManyChunksAndRowGroups writes more rows than one buffered chunk and
// one row group holds, in odd-sized batches with mixed fiscal years, and
// checks that every row reads back, that row groups are sorted and that the
// same rows in reverse order give the same files when each partition fits
// in one row group.
func TestManyChunksAndRowGroups(t *testing.T) {
	rows := make([]schemas.Fact, 3*chunkRows+123)
	benchFacts(rows, 0)
	for i := range rows {
		switch i % 7 {
		case 1:
			rows[i].HasAmount, rows[i].Amount = false, 0
			rows[i].Count, rows[i].HasCount = int64(i), true
		case 2:
			rows[i].ChangeAmount, rows[i].HasChange, rows[i].ChangeValue = schemas.Money(-i), true, "-0.01"
		case 3:
			rows[i] = rows[i-1] // exact duplicates must survive
		}
	}
	publishRows := func(in []schemas.Fact, rowGroup int) *Release {
		w, err := NewWriter(Options{OutDir: t.TempDir(), RowGroupRows: rowGroup, Now: clock(fixedNow)})
		if err != nil {
			t.Fatal(err)
		}
		for from := 0; from < len(in); from += 777 {
			if err := w.Write(schemas.Facts, in[from:min(from+777, len(in))]); err != nil {
				t.Fatal(err)
			}
		}
		rel, err := w.Commit(context.Background(), ReleaseMeta{Title: "chunks"})
		if err != nil {
			t.Fatal(err)
		}
		return rel
	}
	for _, rowGroup := range []int{1500, chunkRows + 500} {
		t.Run(fmt.Sprintf("row_group=%d", rowGroup), func(t *testing.T) {
			rel := publishRows(rows, rowGroup)
			got, err := ReadRows(rel.Dir, schemas.Facts)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(canon(schemas.Facts, got), canon(schemas.Facts, rows)) {
				t.Fatal("rows read back differ from the rows written")
			}
			// Facts are written as row groups of one metric each (so
			// readers filtering on metric skip the others); every row group
			// is in the total order and holds at most rowGroup rows.
			keys := map[string]bool{}
			for _, r := range rows {
				keys[fmt.Sprint(r.FiscalYear, r.Metric)] = true
			}
			st, _ := rel.Manifest.Table("facts")
			var groups, minGroups int
			for _, fe := range rel.Manifest.Files {
				groups += fe.RowGroups
			}
			perKey := map[string]int{}
			for _, r := range rows {
				perKey[fmt.Sprint(r.FiscalYear, r.Metric)]++
			}
			for _, n := range perKey {
				minGroups += (n + rowGroup - 1) / rowGroup
			}
			if groups < minGroups {
				t.Errorf("%d row groups in %d files, want at least %d", groups, st.Files, minGroups)
			}
			if rowGroup >= len(rows)/3 && groups != len(keys) {
				t.Errorf("%d row groups in %d files, want one per year and metric (%d)", groups, st.Files, len(keys))
			}
			seen := 0
			for _, fe := range rel.Manifest.Files {
				if fe.Table != "facts" {
					continue
				}
				for _, rs := range readRowGroups(t, filepath.Join(rel.Dir, filepath.FromSlash(fe.Path))) {
					seen += len(rs)
					if len(rs) > rowGroup {
						t.Errorf("%s: a row group of %d rows, want ≤ %d", fe.Path, len(rs), rowGroup)
					}
					if !reflect.DeepEqual(rs, canon(schemas.Facts, rs)) {
						t.Errorf("%s: a row group is not in the total order", fe.Path)
					}
					for _, r := range rs {
						if r.Metric != rs[0].Metric {
							t.Errorf("%s: a row group mixes metrics %s and %s", fe.Path, rs[0].Metric, r.Metric)
							break
						}
					}
				}
			}
			if seen != len(rows) {
				t.Errorf("%d rows in the row groups, want %d", seen, len(rows))
			}
			if rowGroup < len(rows)/3 {
				return // several row groups: grouping depends on arrival order
			}
			rev := slices.Clone(rows)
			slices.Reverse(rev)
			if rel2 := publishRows(rev, rowGroup); rel2.Manifest.ContentSHA256 != rel.Manifest.ContentSHA256 {
				t.Error("the same rows in reverse order gave other files")
			}
		})
	}
}

// readRowGroups reads the facts of the Parquet file at path, one slice per
// row group.
func readRowGroups(t *testing.T, path string) [][]schemas.Fact {
	t.Helper()
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	cols := make([]int, pf.MetaData().Schema.NumColumns())
	for i := range cols {
		cols[i] = i
	}
	var out [][]schemas.Fact
	for rg := 0; rg < pf.NumRowGroups(); rg++ {
		tbl, err := fr.ReadRowGroups(context.Background(), cols, []int{rg})
		if err != nil {
			t.Fatalf("%s row group %d: %v", path, rg, err)
		}
		tr := array.NewTableReader(tbl, 0)
		var rs []schemas.Fact
		for tr.Next() {
			v, err := schemas.Facts.Rows(tr.RecordBatch())
			if err != nil {
				t.Fatal(err)
			}
			rs = append(rs, v.([]schemas.Fact)...)
		}
		tr.Release()
		tbl.Release()
		out = append(out, rs)
	}
	return out
}

// TestDictionaryPathSameBytes checks that handing the Parquet writer
// dictionary arrays gives byte for byte the files it writes when it builds
// the dictionaries itself, and that string columns still read back as utf8.
func TestDictionaryPathSameBytes(t *testing.T) {
	rows := make([]schemas.Fact, chunkRows+321)
	benchFacts(rows, 0)
	for i := range rows {
		if i%5 == 0 {
			rows[i].Reason = "" // some empty strings among the values
		} else {
			rows[i].Reason = fmt.Sprintf("原因%d", i%11)
		}
		// A dictionary past the 1 MiB dictionary page limit (the writer
		// falls back to plain encoding within the column chunk).
		rows[i].Name = fmt.Sprintf("%0800d", i)
	}
	d := newDataset(2023, 2024)
	var ids []string
	for _, dense := range []bool{false, true} {
		w, err := NewWriter(Options{OutDir: t.TempDir(), RowGroupRows: 5000, Now: clock(fixedNow), noDictArrays: dense})
		if err != nil {
			t.Fatal(err)
		}
		for _, wr := range []struct {
			t    *schemas.Table
			rows any
		}{{schemas.Facts, rows}, {schemas.Facts, d.facts}, {schemas.Documents, d.docs}, {schemas.QualityTable, d.quality},
			{schemas.Codes, d.codes}, {schemas.Ledger, d.ledger}} {
			if err := w.Write(wr.t, wr.rows); err != nil {
				t.Fatal(err)
			}
		}
		rel, err := w.Commit(context.Background(), ReleaseMeta{Title: "dict"})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, rel.Manifest.ContentSHA256)
		tbl, err := ReadTable(rel.Dir, schemas.Facts)
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range tbl.Schema().Fields() {
			if want := schemas.Facts.Columns[i].ArrowType(); !arrow.TypeEqual(f.Type, want) {
				t.Errorf("column %s reads back as %s, want %s", f.Name, f.Type, want)
			}
		}
		tbl.Release()
	}
	if ids[0] != ids[1] {
		t.Errorf("dictionary arrays gave other bytes than dense strings: %s vs %s", ids[0], ids[1])
	}
}

// TestFactColumnsMatchRows checks the changelog's direct reader of fact
// columns against Table.Rows on the fields the diff uses.
func TestFactColumnsMatchRows(t *testing.T) {
	rows := make([]schemas.Fact, 500)
	benchFacts(rows, 0)
	for i := range rows {
		switch i % 4 {
		case 1:
			rows[i].Amount = -rows[i].Amount
		case 2:
			rows[i].HasAmount, rows[i].Amount, rows[i].HasCount, rows[i].Count = false, 0, true, int64(i)
		case 3:
			rows[i].Amount = schemas.Money(999999999999999999)
		}
	}
	rec, err := schemas.Facts.Record(memory.DefaultAllocator, rows)
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Release()
	fc, ok := newFactColumns(rec)
	if !ok {
		t.Fatal("record of the writer's own types not accepted")
	}
	var f schemas.Fact
	for i, want := range rows {
		fc.fact(i, &f)
		if !reflect.DeepEqual(toEntry(&f), toEntry(&want)) {
			t.Fatalf("row %d: got %+v, want %+v", i, toEntry(&f), toEntry(&want))
		}
	}
}

// TestStagedSmallWrites writes facts one, two or three at a time (as the
// pipeline does per document and metric), so rows sit in the buffers'
// stages when row groups are flushed and when Commit runs; every row must
// read back, in row groups of at most RowGroupRows rows.
func TestStagedSmallWrites(t *testing.T) {
	rows := make([]schemas.Fact, 5*stageRows*4+17)
	benchFacts(rows, 0)
	w, err := NewWriter(Options{OutDir: t.TempDir(), RowGroupRows: 300, Now: clock(fixedNow)})
	if err != nil {
		t.Fatal(err)
	}
	for from, k := 0, 1; from < len(rows); from, k = from+k, k%3+1 {
		if err := w.Write(schemas.Facts, rows[from:min(from+k, len(rows))]); err != nil {
			t.Fatal(err)
		}
	}
	rel, err := w.Commit(context.Background(), ReleaseMeta{Title: "staged"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadRows(rel.Dir, schemas.Facts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(canon(schemas.Facts, got), canon(schemas.Facts, rows)) {
		t.Fatalf("%d rows read back differ from the %d written", reflect.ValueOf(got).Len(), len(rows))
	}
	st, _ := rel.Manifest.Table("facts")
	var groups int
	for _, fe := range rel.Manifest.Files {
		groups += fe.RowGroups
	}
	if st.Rows != int64(len(rows)) || groups < len(rows)/300 {
		t.Errorf("%d rows in %d row groups, want %d rows in at least %d", st.Rows, groups, len(rows), len(rows)/300)
	}
}
