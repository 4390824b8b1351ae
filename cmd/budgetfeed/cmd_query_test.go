package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// writeTestFeed writes a two-department feed under out/feed the way the
// publisher lays it out (fiscal_year partitions).
func writeTestFeed(t *testing.T, out string) {
	t.Helper()
	write := func(tb *schemas.Table, rel string, rows any) {
		p := filepath.Join(out, "feed", tb.Name, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		rec, err := tb.Record(memory.DefaultAllocator, rows)
		if err != nil {
			t.Fatal(err)
		}
		defer rec.Release()
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		w, err := pqarrow.NewFileWriter(rec.Schema(), f, parquet.NewWriterProperties(), pqarrow.DefaultWriterProps())
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	doc := func(dept, typ string) schemas.Document {
		url := "http://127.0.0.1/罗江区/" + dept + ".html"
		return schemas.Document{DocID: schemas.NewDocID("t", url), URL: url, County: "罗江区", Department: "区" + dept,
			DepartmentCanonical: dept, DepartmentType: typ, Scope: schemas.ScopeDepartment, FiscalYear: 2024,
			Stage: schemas.StageBudget, FetchedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	}
	kx, edu := doc("科学技术协会", "科协"), doc("教育局", "教育局")
	fact := func(d schemas.Document, metric, v string) schemas.Fact {
		m, err := schemas.ParseMoney(v, "万元")
		if err != nil {
			t.Fatal(err)
		}
		return schemas.Fact{DocID: d.DocID, FiscalYear: 2024, Stage: schemas.StageBudget, Metric: metric, Period: schemas.PeriodCurrent,
			Value: v, Unit: "万元", Amount: m, HasAmount: true, Method: schemas.MethodText, Quote: metric + "为" + v + "万元",
			// as pipeline.Process stamps them: the page URL, the document's
			// region and kind, and one preferred fact per figure
			SourceURL: d.URL, Department: d.Department, DepartmentCanonical: d.DepartmentCanonical,
			County: d.County, DepartmentType: d.DepartmentType, Scope: d.Scope, Preferred: true}
	}
	write(schemas.Documents, "fiscal_year=2024/part-00000.parquet", []schemas.Document{kx, edu})
	facts := []schemas.Fact{fact(kx, "total_expenditure", "120.66"), fact(edu, "total_expenditure", "5000.5")}
	cls := fact(kx, "function_class", "120.66")
	cls.Scheme, cls.Code, cls.Level, cls.Name = schemas.SchemeFunction, "206", 1, "科学技术支出"
	facts = append(facts, cls)
	write(schemas.Facts, "fiscal_year=2024/part-00000.parquet", facts)
}

func run(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := execute(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	return stdout.String(), stderr.String(), err
}

func TestQueryCompareReportCommands(t *testing.T) {
	out := t.TempDir()
	if _, _, err := run(t, "query", "--out", out, "SELECT 1"); err == nil || !strings.Contains(err.Error(), "budgetfeed run") {
		t.Fatalf("no feed: err = %v", err)
	}
	writeTestFeed(t, out)

	// query builds the missing database, then answers.
	stdout, _, err := run(t, "query", "--out", out, "--format", "csv", "SELECT d.department, amount_yuan FROM facts f JOIN documents d USING (doc_id) WHERE metric = 'total_expenditure' ORDER BY 2")
	if err != nil {
		t.Fatal(err)
	}
	if want := "department,amount_yuan\n区科学技术协会,1206600.00\n区教育局,50005000.00\n"; stdout != want {
		t.Errorf("query csv = %q, want %q", stdout, want)
	}
	if _, err := os.Stat(filepath.Join(out, "budgetfeed.duckdb")); err != nil {
		t.Fatal(err)
	}
	for _, sql := range []string{"INSERT INTO budgetfeed_meta VALUES ('a','b')", "COPY facts TO '" + filepath.Join(out, "x.csv") + "'", "ATTACH 'x.duckdb'"} {
		if _, _, err := run(t, "query", "--out", out, sql); err == nil {
			t.Errorf("%s: accepted", sql)
		}
	}
	if _, _, err := run(t, "query", "--out", out, "--format", "xml", "SELECT 1"); exitCode(context.Background(), err) != 2 {
		t.Errorf("bad format: exit %d", exitCode(context.Background(), err))
	}

	stdout, _, err = run(t, "compare", "total_expenditure", "--out", out, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.UseNumber()
	if err := dec.Decode(&rows); err != nil {
		t.Fatalf("compare json: %v\n%s", err, stdout)
	}
	if len(rows) != 2 || rows[0]["department"] != "区教育局" || rows[0]["amount_yuan"] != json.Number("50005000.00") || rows[0]["quote"] != "total_expenditure为5000.5万元" {
		t.Errorf("compare rows = %v", rows)
	}
	stdout, _, err = run(t, "compare", "function", "--kind", "composition", "--out", out, "--format", "markdown")
	if err != nil || !strings.Contains(stdout, "| 206 | 科学技术支出 |") || !strings.Contains(stdout, "| 100.00 |") {
		t.Errorf("composition: %v\n%s", err, stdout)
	}
	if _, _, err := run(t, "compare", "nonsense", "--out", out); exitCode(context.Background(), err) != 2 {
		t.Errorf("unknown metric: exit %d (%v)", exitCode(context.Background(), err), err)
	}

	stdout, _, err = run(t, "report", "--out", out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout, "index.html") {
		t.Errorf("report stdout = %q", stdout)
	}
	for _, p := range reportPages() {
		b, err := os.ReadFile(filepath.Join(out, "report", p.slug+".html"))
		if err != nil {
			t.Fatal(err)
		}
		if p.slug == "ranking_total_expenditure" && (!strings.Contains(string(b), "<svg") || !strings.Contains(string(b), `href="http://127.0.0.1/%e7%bd%97`) && !strings.Contains(string(b), `href="http://127.0.0.1/罗江区`)) {
			t.Errorf("%s: no chart or no source link", p.slug)
		}
	}
}
