package tables

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/budgetfeed/budgetfeed/pipeline/tables/tablegen"
	"github.com/budgetfeed/budgetfeed/schemas"
)

var fixtureDir = filepath.Join("..", "..", "testdata", "tables")

// generatedXLS is the fixture extension of a BIFF8 workbook rendered in
// memory by tablegen.XLS (the project's own .xls writer), next to the
// committed .xls files LibreOffice converted.
const generatedXLS = "biff8.xls"

func readFixture(t testing.TB, name string) File {
	t.Helper()
	if doc, ok := strings.CutSuffix(name, "."+generatedXLS); ok {
		for _, stage := range []string{"budget", "final_account"} {
			if m := tablegen.Standard(stage); m.Name == doc {
				data, err := tablegen.XLS(m)
				if err != nil {
					t.Fatalf("tablegen.XLS(%s): %v", doc, err)
				}
				return File{Name: name, URL: "http://portal.test/att/" + name, Data: data}
			}
		}
		t.Fatalf("no tablegen model named %s", doc)
	}
	data, err := os.ReadFile(filepath.Join(fixtureDir, name))
	if err != nil {
		t.Fatalf("fixture %s: %v (regenerate: see testdata/tables/README)", name, err)
	}
	return File{Name: name, URL: "http://portal.test/att/" + name, Data: data}
}

func money(t testing.TB, v, unit string) schemas.Money {
	t.Helper()
	x, ok := parseNumber(v)
	if !ok {
		t.Fatalf("not a number: %q", v)
	}
	m, err := schemas.ParseMoney(x, unit)
	if err != nil {
		t.Fatalf("ParseMoney(%q, %q): %v", v, unit, err)
	}
	return m
}

// TestRoundTrip reads every generated document in every format and compares
// each standard table with the tablegen model: title, unit, emptiness and
// statement, and per row the code, level, name, 合计 flag and every amount.
func TestRoundTrip(t *testing.T) {
	for _, stage := range []string{"budget", "final_account"} {
		model := tablegen.Standard(stage)
		for _, ext := range []string{"xlsx", "xls", generatedXLS, "docx", "pdf"} {
			name := model.Name + "." + ext
			t.Run(name, func(t *testing.T) {
				f := readFixture(t, name)
				ts, err := Read(context.Background(), f)
				if err != nil {
					t.Fatal(err)
				}
				byKind := map[string]Table{}
				for _, tb := range ts {
					if _, dup := byKind[tb.Kind]; dup {
						t.Errorf("table kind %s recognised twice (%q)", tb.Kind, tb.Title)
					}
					byKind[tb.Kind] = tb
				}
				if len(ts) != len(model.Tables) {
					t.Errorf("read %d tables, model has %d", len(ts), len(model.Tables))
				}
				for _, mt := range model.Tables {
					got, ok := byKind[mt.Kind]
					if !ok {
						t.Errorf("%s: table %q not recognised", mt.Kind, mt.Title)
						continue
					}
					compareTable(t, mt, got)
				}
			})
		}
	}
}

func compareTable(t *testing.T, mt tablegen.Table, got Table) {
	t.Helper()
	if norm(got.Title) != norm(mt.Title) {
		t.Errorf("%s: title %q, want %q", mt.Kind, got.Title, mt.Title)
	}
	if got.Unit != mt.Unit {
		t.Errorf("%s: unit %q, want %q", mt.Kind, got.Unit, mt.Unit)
	}
	if (mt.Empty != "") != got.Empty || norm(got.EmptyStatement) != norm(mt.Empty) {
		t.Errorf("%s: empty=%v %q, want statement %q", mt.Kind, got.Empty, got.EmptyStatement, mt.Empty)
	}
	if len(got.Rows) != len(mt.Rows) {
		t.Errorf("%s: %d rows, want %d", mt.Kind, len(got.Rows), len(mt.Rows))
		for _, r := range got.Rows {
			t.Logf("  got %s:%d %s %q %v", r.Sheet, r.Line, r.Code, r.Name, r.Cells)
		}
		return
	}
	for i, mr := range mt.Rows {
		gr := got.Rows[i]
		where := mt.Kind + " row " + gr.Sheet + ":" + itoa(gr.Line)
		if gr.Code != mr.Code || int(gr.Level) != mr.Level {
			t.Errorf("%s: code %q level %d, want %q %d", where, gr.Code, gr.Level, mr.Code, mr.Level)
		}
		if mr.Total != gr.Total {
			t.Errorf("%s: total=%v, want %v", where, gr.Total, mr.Total)
		}
		first := 0
		if mt.CodeMode != tablegen.CodeNone {
			first = 1
			if gr.Name != mr.Cells[0] {
				t.Errorf("%s: name %q, want %q", where, gr.Name, mr.Cells[0])
			}
		}
		var want []string
		for k, v := range mr.Cells {
			if k >= first && isAmountText(v) {
				want = append(want, v)
			}
		}
		var have []string
		for _, c := range gr.Cells {
			if got.Columns[c.Col].Role == RoleAmount {
				have = append(have, c.Text)
			}
		}
		if len(have) != len(want) {
			t.Errorf("%s: amounts %v, want %v", where, have, want)
			continue
		}
		for k := range want {
			if money(t, have[k], mt.Unit) != money(t, want[k], mt.Unit) {
				t.Errorf("%s: amount %d = %s, want %s", where, k, have[k], want[k])
			}
		}
	}
}

func isAmountText(s string) bool {
	_, ok := parseNumber(s)
	return ok && s != ""
}

func itoa(n int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+n/100%10)) + string(rune('0'+n/10%10)) + string(rune('0'+n%10)))
}

// TestFacts checks the facts of each format against figures the model
// states, with their metric, period, scheme, code, level and exact amount,
// and the provenance of a cell.
func TestFacts(t *testing.T) {
	type want struct {
		metric, period, scheme, code string
		level                        int8
		yuan                         string
		name                         string // "" matches any
	}
	cases := []struct {
		doc   string
		hint  Hint
		wants []want
	}{
		{"budget_2024", Hint{FiscalYear: 2024, Stage: schemas.StageBudget, Department: "区科协"}, []want{
			{"total_income", "current", "none", "", 0, "1206600", ""},
			{"general_public_budget_income", "current", "none", "", 0, "1206600", ""},
			{"total_expenditure", "current", "none", "", 0, "1206600", ""},
			{"basic_expenditure", "current", "none", "", 0, "1006600", ""},
			{"project_expenditure", "current", "none", "", 0, "200000", "合计"},
			{"project_expenditure", "current", "none", "", 0, "120000", "科普活动经费"},
			{"function_class", "current", "function", "2060701", 3, "785000", ""},
			{"function_class", "current", "function", "20805", 2, "128000", ""},
			{"function_class", "current", "function", "221", 1, "54000", ""},
			{"economic_class", "current", "economic", "30101", 2, "402000", ""},
			// the convention: breakdown columns keep the row's class, 合计 rows carry the table total
			{"basic_expenditure", "current", "function", "2060701", 3, "785000", "机构运行"},
			{"project_expenditure", "current", "function", "2060702", 3, "200000", "科普活动"},
			{"personnel_expenditure", "current", "economic", "30101", 2, "402000", "基本工资"},
			{"public_expenditure", "current", "economic", "30201", 2, "91600", "办公费"},
			{"general_public_budget_expenditure", "current", "none", "", 0, "1206600", "合计"},
			{"general_public_budget_basic_expenditure", "current", "none", "", 0, "1006600", "合计"},
			{"general_public_budget_project_expenditure", "current", "none", "", 0, "200000", "合计"},
			{"personnel_expenditure", "current", "none", "", 0, "915000", ""},
			{"public_expenditure", "current", "none", "", 0, "91600", ""},
			{"three_public_total", "current", "none", "", 0, "23000", ""},
			{"three_public_vehicle_total", "current", "none", "", 0, "15000", ""},
			{"three_public_vehicle_operation", "current", "none", "", 0, "15000", ""},
			{"three_public_reception", "current", "none", "", 0, "8000", ""},
			{"government_fund_expenditure", "current", "none", "", 0, "0", ""},
			{"state_capital_expenditure", "current", "none", "", 0, "0", ""},
			{"fiscal_appropriation_total", "current", "none", "", 0, "1206600", ""},
		}},
		{"final_2023", Hint{FiscalYear: 2023, Stage: schemas.StageFinalAccount, Department: "区科协"}, []want{
			{"three_public_total", "initial_budget", "none", "", 0, "23000", ""},
			{"three_public_total", "current", "none", "", 0, "19875.4", ""},
			{"three_public_reception", "current", "none", "", 0, "6755.4", ""},
			{"three_public_vehicle_operation", "initial_budget", "none", "", 0, "15000", ""},
			{"function_class", "current", "function", "2080506", 3, "42700", ""},
			{"general_public_budget_expenditure", "current", "none", "", 0, "1206600", "合计"},
			{"personnel_expenditure", "current", "none", "", 0, "915000", "合计"},
			{"personnel_expenditure", "current", "economic", "303", 1, "64000", "对个人和家庭的补助"},
			{"government_fund_expenditure", "current", "none", "", 0, "0", ""},
			{"total_income", "current", "none", "", 0, "1206600", ""},
		}},
	}
	cellRe := map[string]*regexp.Regexp{
		"xlsx": regexp.MustCompile(`^[A-Z]+[0-9]+$`), "xls": regexp.MustCompile(`^[A-Z]+[0-9]+$`), generatedXLS: regexp.MustCompile(`^[A-Z]+[0-9]+$`),
		"docx": regexp.MustCompile(`^r[0-9]+c[0-9]+$`), "pdf": regexp.MustCompile(`^r[0-9]+c[0-9]+$`),
	}
	for _, c := range cases {
		for _, ext := range []string{"xlsx", "xls", generatedXLS, "docx", "pdf"} {
			name := c.doc + "." + ext
			t.Run(name, func(t *testing.T) {
				f := readFixture(t, name)
				ts, err := Read(context.Background(), f)
				if err != nil {
					t.Fatal(err)
				}
				facts, quality := Facts(ts, f, c.hint)
				for _, q := range quality {
					if q.Severity == schemas.SeverityError || q.RuleID == RuleCodeUnknown || q.RuleID == RuleSumMismatch || q.RuleID == RuleCodeNameMismatch {
						t.Errorf("unexpected finding: %+v", q)
					}
				}
				for _, fa := range facts {
					if fa.Method != schemas.MethodTable || fa.SourceURL != f.URL || len(fa.SourceSHA256) != 64 || fa.Sheet == "" {
						t.Fatalf("provenance missing: %+v", fa)
					}
					if fa.Cell != "" && !cellRe[ext].MatchString(fa.Cell) {
						t.Errorf("cell address %q of %s", fa.Cell, fa.Metric)
					}
					if !strings.Contains(fa.Location, fa.SourceSHA256) {
						t.Errorf("location %q", fa.Location)
					}
					if _, ok := schemas.LookupMetric(fa.Metric); !ok {
						t.Errorf("metric %q not in the vocabulary", fa.Metric)
					}
				}
				for _, w := range c.wants {
					found := false
					for _, fa := range facts {
						if fa.Metric == w.metric && fa.Period == w.period && fa.Scheme == w.scheme && fa.Code == w.code && fa.Level == w.level && fa.HasAmount && (w.name == "" || fa.Name == w.name) {
							found = true
							if fa.Amount.Yuan() != w.yuan {
								t.Errorf("%+v: amount %s (value %q %s at %s!%s)", w, fa.Amount.Yuan(), fa.Value, fa.Unit, fa.Sheet, fa.Cell)
							}
						}
					}
					if !found {
						t.Errorf("no fact %+v", w)
					}
				}
			})
		}
	}
}
