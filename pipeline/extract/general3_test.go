package extract

import (
	"strings"
	"testing"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// genCase is one sentence of the pattern-level rules of the third
// generalisation round: every rule has at least three phrasings that match
// and one that must not. All texts are written for this test (fictional
// departments and figures).
type genCase struct {
	name  string
	text  string
	hint  Hint
	wants []want
	none  []string // keys that must not be extracted: metric[@period][:name]
}

func runGenCases(t *testing.T, tests []genCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Extract(tt.text, tt.hint)
			checkFacts(t, tt.text, r, tt.wants)
			for _, key := range tt.none {
				key, name, _ := strings.Cut(key, ":")
				metric, period, hasPeriod := strings.Cut(key, "@")
				for _, f := range r.Facts {
					if f.Metric == metric && (!hasPeriod || f.Period == period) && (name == "" || f.Name == name) {
						t.Errorf("unexpected %s/%s %s = %s%s (quote %q)", f.Metric, f.Period, f.Name, f.Value, f.Unit, f.Quote)
					}
				}
			}
		})
	}
}

var (
	cur3, prior3, ini3 = schemas.PeriodCurrent, schemas.PeriodPrior, schemas.PeriodInitialBudget
	bud3               = func(y int32) Hint { return Hint{FiscalYear: y, Stage: schemas.StageBudget} }
	fin3               = func(y int32) Hint { return Hint{FiscalYear: y, Stage: schemas.StageFinalAccount} }
)

// TestProseNumberWrap: a PDF line wrap after the first digits of a number in
// running text joins the number; a page number or a table cell does not.
func TestProseNumberWrap(t *testing.T) {
	runGenCases(t, []genCase{
		{"wrap after one digit", "二、收支预算\n2023年收入预算总计7\n25.40万元，支出预算总计725.40万元。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "7254000"}}, nil},
		{"wrap after a thousands comma", "（一）2022年度收入总计2,\n318.06万元，支出总计2,318.06万元。", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "23180600"}}, nil},
		{"wrap after the decimal point", "（三）三公经费：2022年度“三公”经费支出合计3.\n18万元。", fin3(2022),
			[]want{{"three_public_total", cur3, 2022, "", "31800"}}, nil},
		{"a page number before a line is not joined", "2023年收入预算总计725.40万元。\n7\n25万元的项目支出另行说明。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "7254000"}}, []string{"project_expenditure"}},
	})
}
