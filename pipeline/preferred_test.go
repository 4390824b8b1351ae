package pipeline

import (
	"context"
	"fmt"
	"testing"

	"github.com/budgetfeed/budgetfeed/schemas"
)

func TestMarkPreferred(t *testing.T) {
	const B = schemas.StageBudget
	text := func(metric, v string, start int32) schemas.Fact {
		return schemas.Fact{DocID: "d1", FiscalYear: 2024, Stage: B, Metric: metric, Period: schemas.PeriodCurrent,
			Scheme: schemas.SchemeNone, Value: v, HasAmount: true, Method: schemas.MethodText, Start: start,
			Quote: metric + v, Location: fmt.Sprintf("chars %d-%d", start, start+10)}
	}
	table := func(metric, v, cell string) schemas.Fact {
		return schemas.Fact{DocID: "d1", FiscalYear: 2024, Stage: B, Metric: metric, Period: schemas.PeriodCurrent,
			Scheme: schemas.SchemeNone, Value: v, HasAmount: true, Method: schemas.MethodTable,
			Quote: "合计 " + v, Location: "sha256:ab/Sheet1/" + cell}
	}
	class := func(f schemas.Fact, scheme, code string) schemas.Fact {
		f.Scheme, f.Code = scheme, code
		return f
	}
	noAmount := func(f schemas.Fact) schemas.Fact {
		f.HasAmount = false
		return f
	}
	with := func(f schemas.Fact, edit func(*schemas.Fact)) schemas.Fact {
		edit(&f)
		return f
	}
	tests := []struct {
		name  string
		facts []schemas.Fact
		want  []bool
	}{
		{"one fact", []schemas.Fact{text("total_expenditure", "120.66", 5)}, []bool{true}},
		{"total: text over table",
			[]schemas.Fact{table("total_expenditure", "120.66", "C7"), text("total_expenditure", "120.66", 40)},
			[]bool{false, true}},
		{"total: text over table, either order",
			[]schemas.Fact{text("total_expenditure", "120.66", 40), table("total_expenditure", "120.66", "C7")},
			[]bool{true, false}},
		{"class: table over text",
			[]schemas.Fact{class(text("function_class", "13", 5), "function", "208"), class(table("function_class", "12", "C9"), "function", "208")},
			[]bool{false, true}},
		{"economic class: table over text",
			[]schemas.Fact{class(table("economic_class", "90", "C5"), "economic", "301"), class(text("economic_class", "91", 0), "economic", "301")},
			[]bool{true, false}},
		{"class: a figure with an amount over a table cell without",
			[]schemas.Fact{class(noAmount(table("function_class", "", "C9")), "function", "208"), class(text("function_class", "13", 5), "function", "208")},
			[]bool{false, true}},
		{"two texts: the earlier start",
			[]schemas.Fact{text("three_public_total", "0.6", 90), text("three_public_total", "0.7", 12)},
			[]bool{false, true}},
		{"two tables: location, then quote",
			[]schemas.Fact{table("total_income", "5", "D3"), table("total_income", "5", "C3"),
				with(table("total_income", "5", "C3"), func(f *schemas.Fact) { f.Quote = "收入合计 5" })},
			[]bool{false, true, false}},
		{"different codes, periods, years, stages, schemes, metrics are different figures",
			[]schemas.Fact{
				class(table("function_class", "1", "C1"), "function", "201"),
				class(table("function_class", "2", "C2"), "function", "205"),
				text("total_expenditure", "3", 1),
				with(text("total_expenditure", "4", 2), func(f *schemas.Fact) { f.Period = schemas.PeriodPrior; f.FiscalYear = 2023 }),
				with(text("total_expenditure", "5", 3), func(f *schemas.Fact) { f.Stage = schemas.StageFinalAccount }),
				with(text("total_expenditure", "6", 4), func(f *schemas.Fact) { f.DocID = "d2" }),
				with(text("total_expenditure", "7", 5), func(f *schemas.Fact) { f.Scheme = schemas.SchemeFundSource }),
				text("total_income", "8", 6),
			},
			[]bool{true, true, true, true, true, true, true, true}},
		{"a stale flag is cleared",
			[]schemas.Fact{with(table("total_expenditure", "9", "C7"), func(f *schemas.Fact) { f.Preferred = true }), text("total_expenditure", "9", 1)},
			[]bool{false, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := append([]schemas.Fact(nil), tt.facts...)
			markPreferred(fs)
			for i, f := range fs {
				if f.Preferred != tt.want[i] {
					t.Errorf("fact %d (%s %s %s): preferred %v, want %v", i, f.Method, f.Value, f.Location, f.Preferred, tt.want[i])
				}
				if f.Value != tt.facts[i].Value || f.Location != tt.facts[i].Location {
					t.Errorf("fact %d moved: %s %s, was %s %s", i, f.Value, f.Location, tt.facts[i].Value, tt.facts[i].Location)
				}
			}
		})
	}
}

// TestProcessPreferredOncePerFigure runs a document through Process and
// checks the published invariant: exactly one preferred fact per document,
// fiscal year, stage, period, metric, scheme and code, and the region and
// department fields of the document copied onto every fact.
func TestProcessPreferredOncePerFigure(t *testing.T) {
	// The attachment restates the page's total with another figure, so the
	// document states one figure twice.
	att := schemas.Capture{URL: "http://p.test/P2.docx", FileName: "附件1：情况说明.docx", StatusCode: 200,
		Body: docx(t, "区科协2024年收支总预算120.67万元。")}
	res := Process(context.Background(), disclosure("http://p.test/p.html", "区科协2024年部门预算", article, att), nil)
	if len(res.Facts) == 0 {
		t.Fatal("no facts")
	}
	n, facts := map[preferKey]int{}, map[preferKey]int{}
	for _, f := range res.Facts {
		k := preferKey{f.DocID, f.Stage, f.Period, f.Metric, f.Scheme, f.Code, f.FiscalYear}
		facts[k]++
		if f.Preferred {
			n[k]++
		}
		if f.County != res.Document.County || f.DepartmentType != res.Document.DepartmentType || f.Scope != res.Document.Scope {
			t.Errorf("fact %s: county/type/scope %q/%q/%q, document has %q/%q/%q", f.Metric, f.County, f.DepartmentType, f.Scope,
				res.Document.County, res.Document.DepartmentType, res.Document.Scope)
		}
	}
	twice := 0
	for k, c := range facts {
		if n[k] != 1 {
			t.Errorf("%+v: %d preferred of %d facts, want 1", k, n[k], c)
		}
		if c > 1 {
			twice++
		}
	}
	if twice == 0 {
		t.Error("no figure stated twice: the test does not exercise the preference")
	}
	if res.Document.County == "" || res.Document.Scope == "" {
		t.Errorf("document county/scope empty (%q/%q): the copy check is vacuous", res.Document.County, res.Document.Scope)
	}
}
