package extract

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budgetfeed/budgetfeed/schemas"
)

var update = flag.Bool("update", false, "rewrite golden files")

// seedPath is the disclosure the project started from (outside the repository).
var seedPath = filepath.Join("..", "..", "..", "shared", "seeds", "000_9ba702920bbae5b8.txt")

// goldenLines renders facts as stable JSON lines.
func goldenLines(t *testing.T, r Result) string {
	t.Helper()
	var b strings.Builder
	head, _ := json.Marshal(map[string]any{"department": r.Department, "scope": r.Scope, "fiscal_year": r.FiscalYear, "stage": r.Stage})
	b.Write(head)
	b.WriteByte('\n')
	for _, f := range r.Facts {
		m := map[string]any{"metric": f.Metric, "period": f.Period, "fiscal_year": f.FiscalYear, "stage": f.Stage,
			"value": f.Value, "unit": f.Unit, "quote": f.Quote, "start": f.Start, "end": f.End}
		if f.HasAmount {
			m["amount_yuan"] = f.Amount.Yuan()
		}
		if f.HasCount {
			m["count"] = f.Count
		}
		for k, v := range map[string]string{"code": f.Code, "name": f.Name, "share_pct": f.SharePct, "change_value": f.ChangeValue,
			"change_pct": f.ChangePct, "execution_pct": f.ExecutionPct, "reason": f.Reason, "purpose": f.Purpose} {
			if v != "" {
				m[k] = v
			}
		}
		if f.Level != 0 {
			m["level"] = f.Level
		}
		line, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	for _, q := range r.Findings {
		line, _ := json.Marshal(map[string]string{"finding": q.RuleID, "metric": q.Metric, "actual": q.Actual})
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden %s (run go test -update): %v", path, err)
	}
	if string(want) != got {
		t.Errorf("%s differs from golden; run go test -update and review the diff\n--- got ---\n%s", path, got)
	}
}

// want is one figure a text states.
type want struct {
	metric, period string
	year           int32
	name           string
	yuan           string // amount in yuan, or count
}

func find(r Result, w want) *schemas.Fact {
	for i, f := range r.Facts {
		if f.Metric != w.metric || f.Period != w.period || f.FiscalYear != w.year || f.Name != w.name && w.name != "" {
			continue
		}
		return &r.Facts[i]
	}
	return nil
}

func valueOf(f *schemas.Fact) string {
	if f.HasCount {
		return json.Number(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(jsonInt(f.Count)), "+"))).String()
	}
	return f.Amount.Yuan()
}

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }

// checkFacts asserts the stated figures and that every extracted figure of
// the same key has the stated value, and that quotes are the original text.
func checkFacts(t *testing.T, text string, r Result, wants []want) {
	t.Helper()
	src := []rune(text)
	for _, f := range r.Facts {
		if f.Start < 0 || int(f.End) > len(src) || f.Start > f.End || string(src[f.Start:f.End]) != f.Quote {
			t.Errorf("%s: quote %q is not the text at [%d,%d)", f.Metric, f.Quote, f.Start, f.End)
		}
		if f.Method != schemas.MethodText {
			t.Errorf("%s: method %q", f.Metric, f.Method)
		}
	}
	for _, w := range wants {
		f := find(r, w)
		if f == nil {
			t.Errorf("missing %s/%s %d %s = %s", w.metric, w.period, w.year, w.name, w.yuan)
			continue
		}
		for _, g := range r.Facts {
			if g.Metric == w.metric && g.Period == w.period && g.FiscalYear == w.year && (w.name == "" || g.Name == w.name) {
				if got := valueOf(&g); got != w.yuan {
					t.Errorf("%s/%s %d %s = %s (quote %q), want %s", w.metric, w.period, w.year, w.name, got, g.Quote, w.yuan)
				}
			}
		}
	}
}

func TestSeed(t *testing.T) {
	b, err := os.ReadFile(seedPath)
	if err != nil {
		t.Skipf("seed not available: %v", err)
	}
	text := string(b)
	r := Extract(text, Hint{})
	if r.FiscalYear != 2024 || r.Stage != schemas.StageBudget || r.Scope != schemas.ScopeDepartment {
		t.Errorf("document = %d %s %s, want 2024 budget department", r.FiscalYear, r.Stage, r.Scope)
	}
	y := int32(2024)
	cur := schemas.PeriodCurrent
	checkFacts(t, text, r, []want{
		{"budget_units", cur, y, "", "1"},
		{"authorized_posts", cur, y, "", "3"}, {"authorized_posts_admin", cur, y, "", "3"},
		{"authorized_posts_institution", cur, y, "", "0"}, {"authorized_posts_worker", cur, y, "", "0"},
		{"staff_in_post", cur, y, "", "5"}, {"staff_in_post_admin", cur, y, "", "4"},
		{"staff_in_post_institution", cur, y, "", "0"}, {"staff_in_post_worker", cur, y, "", "0"},
		{"temporary_staff", cur, y, "", "1"}, {"retired_staff", cur, y, "", "2"},
		{"total_income", cur, y, "", "1206600"}, {"general_public_budget_income", cur, y, "", "1206600"},
		{"carryover_income", cur, y, "", "0"}, {"business_income", cur, y, "", "0"},
		{"operating_income", cur, y, "", "0"}, {"other_income", cur, y, "", "0"},
		{"total_expenditure", cur, y, "", "1206600"}, {"basic_expenditure", cur, y, "", "1046600"},
		{"project_expenditure", cur, y, "", "160000"}, {"fiscal_appropriation_total", cur, y, "", "1206600"},
		{"function_class", cur, y, "科学技术支出", "927000"}, {"function_class", cur, y, "社会保障和就业支出", "171400"},
		{"function_class", cur, y, "卫生健康支出", "36800"}, {"function_class", cur, y, "住房保障支出", "71400"},
		{"function_class", cur, y, "机构运行", "767000"}, {"function_class", cur, y, "科普活动", "160000"},
		{"function_class", cur, y, "机关事业单位基本养老保险缴费支出", "86800"},
		{"function_class", cur, y, "机关事业单位职业年金缴费支出", "43400"},
		{"function_class", cur, y, "其他社会保障和就业支出", "1200"},
		{"function_class", cur, y, "其他行政事业单位养老支出", "40000"},
		{"function_class", cur, y, "行政单位医疗", "36800"}, {"function_class", cur, y, "住房公积金", "71400"},
		{"personnel_expenditure", cur, y, "", "949700"}, {"public_expenditure", cur, y, "", "96800"},
		{"three_public_total", cur, y, "", "6000"}, {"three_public_overseas", cur, y, "", "0"},
		{"three_public_reception", cur, y, "", "6000"}, {"three_public_vehicle_purchase", cur, y, "", "0"},
		{"three_public_vehicle_operation", cur, y, "", "0"}, {"overseas_groups", cur, y, "", "0"},
		{"overseas_trips_persons", cur, y, "", "0"}, {"vehicles_count", cur, y, "", "0"},
		{"government_fund_expenditure", cur, y, "", "0"}, {"state_capital_expenditure", cur, y, "", "0"},
		{"operating_expenses", cur, y, "", "96800"}, {"government_procurement", cur, y, "", "0"},
		{"fixed_assets_total", cur, y, "", "50500"}, {"performance_target_funds", cur, y, "", "1206600"},
	})
	for _, m := range []string{"department_functions", "internal_structure", "key_tasks", "budget_unit_nature"} {
		if f := find(r, want{metric: m, period: cur, year: y}); f == nil || f.Value == "" {
			t.Errorf("text fact %s missing", m)
		}
	}
	// Class codes from the code list, renamed class included.
	for name, code := range map[string]string{"机构运行": "2060701", "其他社会保障和就业支出": "20899", "行政单位医疗": "2101101", "卫生健康支出": "210"} {
		if f := find(r, want{metric: "function_class", period: cur, year: y, name: name}); f == nil || f.Code != code || f.Scheme != schemas.SchemeFunction {
			t.Errorf("function class %s: got %+v, want code %s", name, f, code)
		}
	}
	if f := find(r, want{metric: "basic_expenditure", period: cur, year: y}); f == nil || f.SharePct != "86.74" {
		t.Errorf("basic_expenditure share: %+v", f)
	}
	if f := find(r, want{metric: "general_public_budget_income", period: cur, year: y}); f == nil || f.ChangeValue != "-4.12" || f.Reason == "" {
		t.Errorf("general_public_budget_income change: %+v", f)
	}
	checkGolden(t, "seed.golden.jsonl", goldenLines(t, r))
}

func TestFixtures(t *testing.T) {
	cur, prior, ini := schemas.PeriodCurrent, schemas.PeriodPrior, schemas.PeriodInitialBudget
	tests := []struct {
		file  string
		year  int32
		stage string
		scope string
		wants []want
	}{
		{"budget_2024.txt", 2024, schemas.StageBudget, schemas.ScopeUnit, []want{
			{"budget_units", cur, 2024, "", "2"}, {"authorized_posts", cur, 2024, "", "12"},
			{"staff_in_post", cur, 2024, "", "11"}, {"temporary_staff", cur, 2024, "", "3"}, {"retired_staff", cur, 2024, "", "6"},
			{"total_income", cur, 2024, "", "12345678"}, {"total_income", prior, 2023, "", "13000000"},
			{"general_public_budget_income", cur, 2024, "", "11000000"}, {"government_fund_income", cur, 2024, "", "345678"},
			{"carryover_income", cur, 2024, "", "0"},
			{"total_expenditure", cur, 2024, "", "12345678"}, {"basic_expenditure", cur, 2024, "", "9345678"},
			{"project_expenditure", cur, 2024, "", "3000000"}, {"fiscal_appropriation_total", cur, 2024, "", "11345678"},
			{"function_class", cur, 2024, "医疗卫生与计划生育支出", "345678"}, {"function_class", cur, 2024, "气象服务", "6000000"},
			{"personnel_expenditure", cur, 2024, "", "8000000"}, {"public_expenditure", cur, 2024, "", "1345678"},
			{"three_public_total", cur, 2024, "", "150000"}, {"three_public_overseas", cur, 2024, "", "30000"},
			{"three_public_vehicle_total", cur, 2024, "", "100000"}, {"three_public_vehicle_purchase", cur, 2024, "", "0"},
			{"overseas_groups", cur, 2024, "", "1"}, {"overseas_trips_persons", cur, 2024, "", "3"},
			{"reception_batches", cur, 2024, "", "20"}, {"reception_persons", cur, 2024, "", "150"},
			{"vehicles_count", cur, 2024, "", "2"}, {"government_fund_expenditure", cur, 2024, "", "345678"},
			{"state_capital_expenditure", cur, 2024, "", "0"}, {"operating_expenses", cur, 2024, "", "500000"},
			{"government_procurement", cur, 2024, "", "1200000"}, {"government_procurement_goods", cur, 2024, "", "800000"},
			{"government_procurement_works", cur, 2024, "", "0"}, {"government_procurement_services", cur, 2024, "", "400000"},
			{"fixed_assets_total", cur, 2024, "", "235000000"}, {"performance_target_funds", cur, 2024, "", "12345678"},
		}},
		{"final_2023.txt", 2023, schemas.StageFinalAccount, schemas.ScopeUnit, []want{
			{"staff_in_post", cur, 2023, "", "18"},
			{"total_income", cur, 2023, "", "8564000"}, {"total_expenditure", cur, 2023, "", "8564000"},
			{"function_class", ini, 2023, "群众文化", "6000000"}, {"function_class", cur, 2023, "群众文化", "6123500"},
			{"three_public_total", cur, 2023, "", "45000"}, {"three_public_reception", cur, 2023, "", "15000"},
			{"reception_batches", cur, 2023, "", "8"}, {"reception_persons", cur, 2023, "", "60"},
			{"three_public_vehicle_operation", cur, 2023, "", "30000"},
			{"basic_expenditure", cur, 2023, "", "6007000"}, {"personnel_expenditure", cur, 2023, "", "5202000"},
			{"public_expenditure", cur, 2023, "", "805000"}, {"operating_expenses", cur, 2024, "", "755000"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			r := Extract(string(b), Hint{})
			if r.FiscalYear != tt.year || r.Stage != tt.stage || r.Scope != tt.scope {
				t.Errorf("document = %d %s %s, want %d %s %s", r.FiscalYear, r.Stage, r.Scope, tt.year, tt.stage, tt.scope)
			}
			checkFacts(t, string(b), r, tt.wants)
			checkGolden(t, strings.TrimSuffix(tt.file, ".txt")+".golden.jsonl", goldenLines(t, r))
		})
	}
}
