package validate

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/budgetfeed/budgetfeed/schemas"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md")

// fact builds a current-year text fact of a 2024 budget.
func fact(metric, value, unit string, opts ...func(*schemas.Fact)) schemas.Fact {
	f := schemas.Fact{
		DocID: "d1", FiscalYear: 2024, Stage: schemas.StageBudget, Period: schemas.PeriodCurrent,
		Metric: metric, Scheme: schemas.SchemeNone, Value: value, Unit: unit, Method: schemas.MethodText,
		SourceURL: "http://example.test/a.html",
	}
	m, err := schemas.ParseMoney(value, unit)
	if err != nil {
		panic(err)
	}
	f.Amount, f.HasAmount = m, true
	for _, o := range opts {
		o(&f)
	}
	return f
}

func class(code, name, value string, opts ...func(*schemas.Fact)) schemas.Fact {
	return fact("function_class", value, "万元", append([]func(*schemas.Fact){func(f *schemas.Fact) {
		f.Scheme, f.Code, f.Name, f.Level = schemas.SchemeFunction, code, name, int8(len(code)/2)
	}}, opts...)...)
}

func share(p string) func(*schemas.Fact) { return func(f *schemas.Fact) { f.SharePct = p } }

func change(v string) func(*schemas.Fact) {
	return func(f *schemas.Fact) {
		m, err := schemas.ParseMoney(v, f.Unit)
		if err != nil {
			panic(err)
		}
		f.ChangeValue, f.ChangeAmount, f.HasChange = v, m, true
	}
}

func changePct(p string) func(*schemas.Fact) { return func(f *schemas.Fact) { f.ChangePct = p } }
func prior(f *schemas.Fact)                  { f.Period = schemas.PeriodPrior; f.FiscalYear = 2023 }
func finalAccount(f *schemas.Fact)           { f.Stage = schemas.StageFinalAccount }
func table(sheet, cell string) func(*schemas.Fact) {
	return func(f *schemas.Fact) {
		f.Method, f.Sheet, f.Cell, f.SourceURL = schemas.MethodTable, sheet, cell, "http://example.test/a.xls"
	}
}

// seedFacts are the figures of the 2024 district 科协 budget the project
// started from (../shared/seeds), as an extractor states them.
func seedFacts() []schemas.Fact {
	return []schemas.Fact{
		fact("total_income", "120.66", "万元"),
		fact("carryover_income", "0", "万元", share("0")),
		fact("general_public_budget_income", "120.66", "万元", share("100"), change("-4.12")),
		fact("business_income", "0", "万元", share("0")),
		fact("operating_income", "0", "万元", share("0")),
		fact("other_income", "0", "万元", share("0")),
		fact("total_expenditure", "120.66", "万元"),
		fact("basic_expenditure", "104.66", "万元", share("86.74")),
		fact("project_expenditure", "16", "万元", share("13.26")),
		fact("fiscal_appropriation_total", "120.66", "万元", change("-4.12")),
		class("206", "科学技术支出", "92.7", share("76.82")),
		class("208", "社会保障和就业支出", "17.14", share("14.21")),
		class("210", "卫生健康支出", "3.68", share("3.05")),
		class("221", "住房保障支出", "7.14", share("5.92")),
		class("2060701", "机构运行", "76.7"),
		class("2060702", "科普活动", "16"),
		class("2080505", "机关事业单位基本养老保险缴费支出", "8.68"),
		class("2080506", "机关事业单位职业年金缴费支出", "4.34"),
		class("20899", "其他社会保障和就业支出", "0.12"),
		class("2080599", "其他行政事业单位养老支出", "4"),
		class("2101101", "行政单位医疗", "3.68"),
		class("2210201", "住房公积金", "7.14"),
		fact("basic_expenditure", "104.66", "万元"),
		fact("personnel_expenditure", "94.97", "万元"),
		fact("public_expenditure", "9.68", "万元"),
		fact("three_public_total", "0.6", "万元"),
		fact("three_public_overseas", "0", "万元"),
		fact("three_public_reception", "0.6", "万元", change("-0.4")),
		fact("three_public_vehicle_purchase", "0", "万元"),
		fact("three_public_vehicle_operation", "0", "万元"),
		fact("operating_expenses", "9.68", "万元"),
		fact("government_procurement", "0", "万元"),
		fact("fixed_assets_total", "5.05", "万元"),
		fact("performance_target_funds", "120.66", "万元"),
	}
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name  string
		facts []schemas.Fact
		want  []string // rule:severity
	}{
		{"seed document holds every identity", seedFacts(), nil},
		{"empty", nil, nil},

		{"basic+project ok", []schemas.Fact{fact("total_expenditure", "120.66", "万元"), fact("basic_expenditure", "104.66", "万元"), fact("project_expenditure", "16", "万元")}, nil},
		{"basic+project off", []schemas.Fact{fact("total_expenditure", "120.66", "万元"), fact("basic_expenditure", "104.66", "万元"), fact("project_expenditure", "15", "万元")},
			[]string{"identity.basic_project_total:error"}},
		{"basic+project above total", []schemas.Fact{fact("total_expenditure", "120.66", "万元", finalAccount), fact("basic_expenditure", "104.66", "万元", finalAccount), fact("project_expenditure", "17", "万元", finalAccount)},
			[]string{"identity.basic_project_total:error"}},
		{"final account total holds more than basic+project", []schemas.Fact{fact("total_expenditure", "130", "万元", finalAccount), fact("basic_expenditure", "104.66", "万元", finalAccount), fact("project_expenditure", "16", "万元", finalAccount)},
			[]string{"identity.basic_project_total:warning"}},
		{"basic+project in yuan, exact", []schemas.Fact{fact("total_expenditure", "1206600.00", "元"), fact("basic_expenditure", "1046600.00", "元"), fact("project_expenditure", "160000.01", "元")},
			[]string{"identity.basic_project_total:error"}},
		{"basic stated twice, one value fits", []schemas.Fact{fact("total_expenditure", "120.66", "万元"), fact("basic_expenditure", "90", "万元"), fact("basic_expenditure", "104.66", "万元"), fact("project_expenditure", "16", "万元")}, nil},
		{"different years are not compared", []schemas.Fact{fact("total_expenditure", "120.66", "万元"), fact("basic_expenditure", "104.66", "万元", prior), fact("project_expenditure", "16", "万元")}, nil},

		{"personnel+public rounding ok", []schemas.Fact{fact("basic_expenditure", "104.66", "万元"), fact("personnel_expenditure", "94.97", "万元"), fact("public_expenditure", "9.68", "万元")}, nil},
		{"personnel+public off", []schemas.Fact{fact("basic_expenditure", "104.66", "万元"), fact("personnel_expenditure", "94.97", "万元"), fact("public_expenditure", "8.68", "万元")},
			[]string{"identity.personnel_public_basic:error"}},

		{"classes sum to general public budget", []schemas.Fact{fact("general_public_budget_income", "120.66", "万元"), fact("total_expenditure", "150", "万元"), class("206", "科学技术支出", "100"), class("208", "社会保障和就业支出", "20.66")}, nil},
		{"classes sum to total expenditure", []schemas.Fact{fact("general_public_budget_income", "120.66", "万元"), fact("total_expenditure", "150", "万元"), class("206", "科学技术支出", "130"), class("208", "社会保障和就业支出", "20")}, nil},
		{"classes short of every total", []schemas.Fact{fact("general_public_budget_income", "120.66", "万元"), class("206", "科学技术支出", "100"), class("208", "社会保障和就业支出", "10")},
			[]string{"identity.function_classes_total:warning"}},
		{"classes above every total", []schemas.Fact{fact("general_public_budget_income", "120.66", "万元"), fact("total_expenditure", "120.66", "万元"), class("206", "科学技术支出", "110"), class("208", "社会保障和就业支出", "20")},
			[]string{"identity.function_classes_total:error"}},
		{"classes of two tables checked apart", []schemas.Fact{fact("general_public_budget_income", "100", "万元"), fact("total_expenditure", "150", "万元"),
			class("206", "科学技术支出", "100", table("一般公共预算支出表", "")), class("206", "科学技术支出", "150", table("支出总表", ""))}, nil},

		{"items sum to their class", []schemas.Fact{class("206", "科学技术支出", "92.7"), class("20607", "科学技术普及", "92.7"), class("2060701", "机构运行", "76.7"), class("2060702", "科普活动", "16")}, nil},
		{"items above their 款", []schemas.Fact{class("20607", "科学技术普及", "92.7"), class("2060701", "机构运行", "76.7"), class("2060702", "科普活动", "17")},
			[]string{"identity.function_children:error"}},
		{"款 short of their 类", []schemas.Fact{class("208", "社会保障和就业支出", "17.14"), class("20805", "行政事业单位养老支出", "16.5")},
			[]string{"identity.function_children:warning"}},

		{"three public ok", []schemas.Fact{fact("three_public_total", "5", "万元"), fact("three_public_overseas", "1", "万元"), fact("three_public_reception", "1.5", "万元"),
			fact("three_public_vehicle_total", "2.5", "万元"), fact("three_public_vehicle_purchase", "0", "万元"), fact("three_public_vehicle_operation", "2.5", "万元")}, nil},
		{"three public total off", []schemas.Fact{fact("three_public_total", "5.00", "万元"), fact("three_public_overseas", "1.00", "万元"), fact("three_public_reception", "1.50", "万元"), fact("three_public_vehicle_total", "3.00", "万元")},
			[]string{"identity.three_public_total:error"}},
		{"vehicle parts off", []schemas.Fact{fact("three_public_vehicle_total", "3.00", "万元"), fact("three_public_vehicle_purchase", "1.00", "万元"), fact("three_public_vehicle_operation", "1.50", "万元")},
			[]string{"identity.three_public_total:error"}},

		{"share rounding not reported (86.74% of 120.66万元)", []schemas.Fact{fact("total_expenditure", "120.66", "万元"), fact("basic_expenditure", "104.66", "万元", share("86.74"))}, nil},
		{"share off", []schemas.Fact{fact("total_expenditure", "120.66", "万元"), fact("basic_expenditure", "104.66", "万元", share("88.74"))},
			[]string{"identity.share:warning"}},
		{"share without its total is not checked", []schemas.Fact{fact("basic_expenditure", "104.66", "万元", share("50"))}, nil},
		{"class share of its parent", []schemas.Fact{class("208", "社会保障和就业支出", "20"), class("20805", "行政事业单位养老支出", "15", share("75")), class("20899", "其他社会保障和就业支出", "5")}, nil},
		{"integer figures allow half a unit", []schemas.Fact{class("208", "社会保障和就业支出", "17.14"), class("20805", "行政事业单位养老支出", "17")}, nil},

		{"prior + change = current", []schemas.Fact{fact("general_public_budget_income", "120.66", "万元", change("-4.12")), fact("general_public_budget_income", "124.78", "万元", prior)}, nil},
		{"prior + change != current", []schemas.Fact{fact("general_public_budget_income", "120.66", "万元", change("-4.12")), fact("general_public_budget_income", "125.78", "万元", prior)},
			[]string{"identity.prior_change:warning"}},
		{"change pct from current and change", []schemas.Fact{fact("three_public_total", "2", "万元", change("-2"), changePct("-50"))}, nil},
		{"change pct wrong", []schemas.Fact{fact("three_public_total", "2.00", "万元", change("-2.00"), changePct("-40"))},
			[]string{"identity.prior_change:warning"}},
		{"change pct against stated prior", []schemas.Fact{fact("three_public_total", "2.00", "万元", change("-2.00"), changePct("-50.29")), fact("three_public_total", "4.00", "万元", prior)},
			[]string{"identity.prior_change:warning"}},
		{"change stated on the prior fact", []schemas.Fact{fact("three_public_total", "2.00", "万元"), fact("three_public_total", "4.00", "万元", prior, change("-1.00"))},
			[]string{"identity.prior_change:warning"}},
		{"change on both facts is reported once", []schemas.Fact{fact("three_public_total", "2.00", "万元", change("-1.00")), fact("three_public_total", "4.00", "万元", prior, change("-1.00"))},
			[]string{"identity.prior_change:warning"}},
		{"change without prior or pct is not checked", []schemas.Fact{fact("three_public_reception", "0.6", "万元", change("-0.4"))}, nil},

		{"income sources with carryover", []schemas.Fact{fact("total_income", "130", "万元"), fact("general_public_budget_income", "120", "万元"), fact("carryover_income", "10", "万元")}, nil},
		{"income sources without carryover", []schemas.Fact{fact("total_income", "120", "万元"), fact("general_public_budget_income", "100", "万元"), fact("business_income", "20", "万元"), fact("carryover_income", "10", "万元")}, nil},
		{"income sources above total", []schemas.Fact{fact("total_income", "120", "万元"), fact("general_public_budget_income", "100", "万元"), fact("business_income", "30", "万元")},
			[]string{"identity.income_sources_total:error"}},
		{"income sources short", []schemas.Fact{fact("total_income", "120", "万元"), fact("general_public_budget_income", "100", "万元"), fact("business_income", "10", "万元")},
			[]string{"identity.income_sources_total:warning"}},
		{"one source short is a partial mention", []schemas.Fact{fact("total_income", "120", "万元"), fact("general_public_budget_income", "100", "万元")}, nil},
		{"one class short is a partial mention", []schemas.Fact{fact("total_expenditure", "120", "万元"), class("205", "教育支出", "100")}, nil},

		{"text and table agree across units", []schemas.Fact{fact("total_expenditure", "120.66", "万元"), fact("total_expenditure", "1206612.34", "元", table("收支总表", "B7"))}, nil},
		{"text and table disagree", []schemas.Fact{fact("total_expenditure", "120.66", "万元"), fact("total_expenditure", "1216600", "元", table("收支总表", "B7"))},
			[]string{"crosscheck.text_table:warning"}},
		{"text and table same class differs", []schemas.Fact{class("206", "科学技术支出", "92.7"), class("206", "科学技术支出", "93.7", table("支出表", "C5"))},
			[]string{"crosscheck.text_table:warning"}},

		{"a class breakdown of a metric is not its total", []schemas.Fact{
			fact("personnel_expenditure", "120.19", "万元"),
			fact("personnel_expenditure", "425900", "元", table("基本支出表", "D6"), func(f *schemas.Fact) {
				f.Scheme, f.Code, f.Name, f.Level = schemas.SchemeEconomic, "30101", "基本工资", 2
			})}, nil},
		{"the breakdown total still cross-checks", []schemas.Fact{
			fact("personnel_expenditure", "120.19", "万元"),
			fact("personnel_expenditure", "1100000", "元", table("基本支出表", "D20"))},
			[]string{"crosscheck.text_table:warning"}},

		{"negative amount", []schemas.Fact{fact("other_income", "-1", "万元")}, []string{"range.negative_amount:warning"}},
		{"share over 100", []schemas.Fact{fact("total_income", "100", "万元"), fact("general_public_budget_income", "100", "万元", share("100.5"))},
			[]string{"range.share_over_100:error"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Check("d1", 2024, tc.facts)
			var ids []string
			for _, q := range got {
				ids = append(ids, q.RuleID+":"+q.Severity)
				if q.DocID != "d1" || q.FiscalYear != 2024 || q.Message == "" || q.Metric == "" {
					t.Errorf("incomplete finding %+v", q)
				}
			}
			if !slices.Equal(ids, tc.want) {
				for _, q := range got {
					t.Logf("%s %s expected=%s actual=%s: %s", q.RuleID, q.Severity, q.Expected, q.Actual, q.Message)
				}
				t.Errorf("findings %v, want %v", ids, tc.want)
			}
		})
	}
}

func TestFindingContent(t *testing.T) {
	got := Check("d1", 2024, []schemas.Fact{fact("total_expenditure", "120.66", "万元"), fact("basic_expenditure", "104.66", "万元"), fact("project_expenditure", "15", "万元")})
	if len(got) != 1 {
		t.Fatalf("got %d findings", len(got))
	}
	q := got[0]
	if q.Expected != "1196600.00" || q.Actual != "1206600.00" || q.Metric != "total_expenditure" {
		t.Errorf("expected/actual/metric = %s/%s/%s", q.Expected, q.Actual, q.Metric)
	}
	for _, s := range []string{"基本支出 104.66万元", "项目支出 15万元", "1196600", "10000 yuan less", "120.66万元"} {
		if !strings.Contains(q.Message, s) {
			t.Errorf("message %q lacks %q", q.Message, s)
		}
	}
	sh := Check("d1", 2024, []schemas.Fact{fact("total_expenditure", "120.66", "万元"), fact("basic_expenditure", "104.66", "万元", share("88.74"))})
	if len(sh) != 1 || sh[0].Expected != "86.74" || sh[0].Actual != "88.74" {
		t.Errorf("share finding = %+v", sh)
	}
}

func TestTolerance(t *testing.T) {
	for _, tc := range []struct {
		value, unit string
		want        int64
	}{
		{"120.66", "万元", 10000}, // 0.01万元 = 100 yuan = 10000 fen
		{"16", "万元", 1000000},
		{"1,206,600.5", "元", 10},
		{"1206600", "元", 100},
		{"0.001", "元", 0}, // finer than a fen: exact
		{"0.01", "元", 0},  // to the fen: exact
		{"1.2", "亿元", 1000000000},
		{"１２０．６６", "万元", 10000},
		{"5", "人", 0},
	} {
		if got := ulpOf(tc.value, tc.unit); got != tc.want {
			t.Errorf("ulp(%s %s) = %d, want %d", tc.value, tc.unit, got, tc.want)
		}
	}
}

func TestRulesDoc(t *testing.T) {
	const path = "../../docs/rules.md"
	want := Markdown()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./pipeline/validate -run TestRulesDoc -update)", err)
	}
	if string(got) != want {
		t.Errorf("%s is stale: run go test ./pipeline/validate -run TestRulesDoc -update", path)
	}
	seen := map[string]bool{}
	for _, r := range Rules() {
		if seen[r.ID] || r.Description == "" || (r.Severity != schemas.SeverityError && r.Severity != schemas.SeverityWarning && r.Severity != schemas.SeverityInfo) {
			t.Errorf("bad rule %+v", r)
		}
		seen[r.ID] = true
		if !strings.Contains(string(got), fmt.Sprintf("`%s`", r.ID)) {
			t.Errorf("docs/rules.md lacks %s", r.ID)
		}
	}
}
