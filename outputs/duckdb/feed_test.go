package duckdb

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// writeParquet writes rows (a slice of t's row type) to path with arrow-go.
func writeParquet(tb testing.TB, t *schemas.Table, path string, rows any) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	rec, err := t.Record(memory.DefaultAllocator, rows)
	if err != nil {
		tb.Fatal(err)
	}
	defer rec.Release()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w, err := pqarrow.NewFileWriter(rec.Schema(), f,
		parquet.NewWriterProperties(parquet.WithCompression(compress.Codecs.Zstd)),
		pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		tb.Fatal(err)
	}
	if err := w.Write(rec); err != nil {
		tb.Fatal(err)
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
}

// writeFeed lays rows out like the published feed: documents, facts and
// quality partitioned by fiscal_year, codes and ledger flat.
func writeFeed(tb testing.TB, dir string, docs []schemas.Document, facts []schemas.Fact, quality []schemas.Quality, codes []schemas.Code, ledger []schemas.LedgerEntry) {
	tb.Helper()
	facts = stampFacts(docs, facts)
	part := func(t *schemas.Table, rows any) {
		rv := reflect.ValueOf(rows)
		byYear := map[int32]reflect.Value{}
		for i := 0; i < rv.Len(); i++ {
			y := int32(rv.Index(i).FieldByName("FiscalYear").Int())
			s, ok := byYear[y]
			if !ok {
				s = reflect.MakeSlice(rv.Type(), 0, 0)
			}
			byYear[y] = reflect.Append(s, rv.Index(i))
		}
		for y, s := range byYear {
			writeParquet(tb, t, filepath.Join(dir, t.Name, fmt.Sprintf("fiscal_year=%d", y), "part-00000.parquet"), s.Interface())
		}
	}
	part(schemas.Documents, docs)
	part(schemas.Facts, facts)
	part(schemas.QualityTable, quality)
	if len(codes) > 0 {
		writeParquet(tb, schemas.Codes, filepath.Join(dir, "codes", "part-00000.parquet"), codes)
	}
	if len(ledger) > 0 {
		writeParquet(tb, schemas.Ledger, filepath.Join(dir, "ledger", "part-00000.parquet"), ledger)
	}
}

// stampFacts returns a copy of facts with what pipeline.Process copies
// from the document onto each fact: county, department type and scope, and
// the page URL as the source of a text fact that names none. preferred is
// the fixture's own (newFixture marks the figures stated twice).
func stampFacts(docs []schemas.Document, facts []schemas.Fact) []schemas.Fact {
	byID := map[string]schemas.Document{}
	for _, d := range docs {
		byID[d.DocID] = d
	}
	out := append([]schemas.Fact(nil), facts...)
	for i := range out {
		f := &out[i]
		d, ok := byID[f.DocID]
		if !ok {
			continue
		}
		f.Department, f.DepartmentCanonical = d.Department, d.DepartmentCanonical
		f.County, f.DepartmentType, f.Scope = d.County, d.DepartmentType, d.Scope
		if f.SourceURL == "" {
			f.SourceURL = d.URL
		}
	}
	return out
}

func money(tb testing.TB, v, unit string) schemas.Money {
	tb.Helper()
	m, err := schemas.ParseMoney(v, unit)
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// fixture is a small feed: two districts, two years, budgets and final
// accounts of three kinds of department, and a district roll-up whose
// totals dwarf every department (it must never be ranked with them).
type fixture struct {
	docs  []schemas.Document
	facts []schemas.Fact
}

func (fx *fixture) doc(county, dept, typ, scope string, year int32, stage string) string {
	url := "http://127.0.0.1/" + county + "/" + dept + fmt.Sprintf("/%d/%s.html", year, stage)
	id := schemas.NewDocID("fixture", url)
	fx.docs = append(fx.docs, schemas.Document{
		DocID: id, Source: "fixture", URL: url,
		Title: fmt.Sprintf("%s%s%d年%s", county, dept, year, stage), Province: "四川省", City: "德阳市", County: county,
		Department: "区" + dept, DepartmentCanonical: dept, DepartmentType: typ, Scope: scope,
		FiscalYear: year, Stage: stage, PublishedAt: time.Date(int(year), 2, 20, 0, 0, 0, 0, time.UTC),
		FetchedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Status: schemas.StatusOK,
	})
	return id
}

func (fx *fixture) money(tb testing.TB, doc string, year int32, stage, metric, period, v string) *schemas.Fact {
	fx.facts = append(fx.facts, schemas.Fact{
		DocID: doc, FiscalYear: year, Stage: stage, Metric: metric, Period: period, Scheme: schemas.SchemeNone,
		Value: v, Unit: "万元", Amount: money(tb, v, "万元"), HasAmount: true, Method: schemas.MethodText,
		Quote: fmt.Sprintf("%s为%s万元", metric, v), SourceURL: "", Location: "chars 1-10", Preferred: true,
	})
	return &fx.facts[len(fx.facts)-1]
}

func (fx *fixture) count(doc string, year int32, stage, metric string, n int64) {
	fx.facts = append(fx.facts, schemas.Fact{
		DocID: doc, FiscalYear: year, Stage: stage, Metric: metric, Period: schemas.PeriodCurrent, Scheme: schemas.SchemeNone,
		Value: fmt.Sprint(n), Unit: "人", Count: n, HasCount: true, Method: schemas.MethodText,
		Quote: fmt.Sprintf("%s%d人", metric, n), Preferred: true,
	})
}

func (fx *fixture) class(tb testing.TB, doc string, year int32, stage, scheme, code, name, v string) {
	metric := "function_class"
	if scheme == schemas.SchemeEconomic {
		metric = "economic_class"
	}
	fx.facts = append(fx.facts, schemas.Fact{
		DocID: doc, FiscalYear: year, Stage: stage, Metric: metric, Period: schemas.PeriodCurrent, Scheme: scheme,
		Code: code, Level: int8(map[int]int{3: 1, 5: 2, 7: 3}[len(code)]), Name: name,
		Value: v, Unit: "万元", Amount: money(tb, v, "万元"), HasAmount: true, Method: schemas.MethodTable,
		Quote: name + " " + v, SourceURL: "http://127.0.0.1/attach/" + doc + ".xls", Sheet: "Sheet1", Cell: "C7", Preferred: true,
	})
}

// newFixture builds the shared fixture. Figures:
//
//	罗江区 2024 budget: 科学技术协会 120.66 (2023: 124.78, stated prior 124.78, reason),
//	  教育局 5000.5, 财政局 800; district roll-up 99999.
//	旌阳区 2024 budget: 科学技术协会 200, 教育局 4000.25 (also a table cell 4000).
//	罗江区 科学技术协会 2024 also states class 208 in its text (13; the table's 12 counts).
//	罗江区 2023 final account of 科学技术协会: 130.00 (initial budget 124.78,
//	  the 2023 budget document says 124.78 too).
func newFixture(tb testing.TB) *fixture {
	fx := &fixture{}
	const B, F = schemas.StageBudget, schemas.StageFinalAccount
	kx := fx.doc("罗江区", "科学技术协会", "科协", "department", 2024, B)
	cur := fx.money(tb, kx, 2024, B, "total_expenditure", "current", "120.66")
	cur.ChangeValue, cur.ChangeAmount, cur.HasChange, cur.ChangePct = "-4.12", money(tb, "-4.12", "万元"), true, "-3.30"
	cur.Reason = "主要原因是项目支出减少"
	fx.money(tb, kx, 2023, B, "total_expenditure", "prior", "124.78")
	fx.money(tb, kx, 2024, B, "three_public_total", "current", "0.6")
	fx.money(tb, kx, 2024, B, "operating_expenses", "current", "10.01")
	fx.money(tb, kx, 2024, B, "personnel_expenditure", "current", "90")
	fx.money(tb, kx, 2024, B, "basic_expenditure", "current", "104.66").SharePct = "86.74"
	fx.money(tb, kx, 2024, B, "project_expenditure", "current", "16").SharePct = "13.26"
	fx.count(kx, 2024, B, "staff_in_post", 7)
	fx.count(kx, 2024, B, "authorized_posts", 8)
	fx.class(tb, kx, 2024, B, "function", "206", "科学技术支出", "100.66")
	fx.class(tb, kx, 2024, B, "function", "208", "社会保障和就业支出", "12")
	// A class stated in the text too: compositions keep the table cell.
	twice := fx.money(tb, kx, 2024, B, "function_class", "current", "13")
	twice.Scheme, twice.Code, twice.Level, twice.Name = schemas.SchemeFunction, "208", 1, "社会保障和就业支出"
	twice.Preferred = false
	fx.class(tb, kx, 2024, B, "function", "210", "医疗卫生与计划生育支出", "8")
	fx.class(tb, kx, 2024, B, "function", "20607", "科学技术普及", "100.66")
	fx.class(tb, kx, 2024, B, "economic", "301", "工资福利支出", "90")
	fx.class(tb, kx, 2024, B, "economic", "302", "商品和服务支出", "30.66")

	edu := fx.doc("罗江区", "教育局", "教育局", "department", 2024, B)
	fx.money(tb, edu, 2024, B, "total_expenditure", "current", "5000.5")
	fx.money(tb, edu, 2024, B, "three_public_total", "current", "3")
	fx.count(edu, 2024, B, "staff_in_post", 200)
	fin := fx.doc("罗江区", "财政局", "财政局", "department", 2024, B)
	fx.money(tb, fin, 2024, B, "total_expenditure", "current", "800")
	dist := fx.doc("罗江区", "全区", "", "district", 2024, B)
	fx.money(tb, dist, 2024, B, "total_expenditure", "current", "99999")
	fx.money(tb, dist, 2024, B, "basic_expenditure", "current", "80000")
	fx.money(tb, dist, 2024, B, "project_expenditure", "current", "19999")

	jkx := fx.doc("旌阳区", "科学技术协会", "科协", "department", 2024, B)
	fx.money(tb, jkx, 2024, B, "total_expenditure", "current", "200")
	fx.money(tb, jkx, 2024, B, "three_public_total", "current", "1")
	fx.count(jkx, 2024, B, "staff_in_post", 3)
	fx.money(tb, jkx, 2024, B, "basic_expenditure", "current", "150")
	fx.money(tb, jkx, 2024, B, "project_expenditure", "current", "50")
	jedu := fx.doc("旌阳区", "教育局", "教育局", "department", 2024, B)
	fx.money(tb, jedu, 2024, B, "total_expenditure", "current", "4000.25")
	// The same figure stated twice: the text quote wins over the table
	// cell (rankings show 4000.25), whatever their order in the feed.
	dup := fx.money(tb, jedu, 2024, B, "total_expenditure", "current", "4000")
	dup.Method, dup.Quote, dup.Start = schemas.MethodTable, "支出合计 4000", -1
	dup.Preferred = false

	kx23 := fx.doc("罗江区", "科学技术协会", "科协", "department", 2023, B)
	fx.money(tb, kx23, 2023, B, "total_expenditure", "current", "124.78")
	kxf := fx.doc("罗江区", "科学技术协会", "科协", "department", 2023, F)
	fa := fx.money(tb, kxf, 2023, F, "total_expenditure", "current", "130")
	fa.ExecutionPct = "104.18"
	fx.money(tb, kxf, 2023, F, "total_expenditure", "initial_budget", "124.78")
	return fx
}

func fixtureCodes(tb testing.TB) []schemas.Code {
	l, err := schemas.LoadCodes()
	if err != nil {
		tb.Fatal(err)
	}
	return l.All()
}
