package extract

import (
	"testing"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// TestQuirks covers real-world wording, each case in its own sentences.
func TestQuirks(t *testing.T) {
	cur, prior, ini := schemas.PeriodCurrent, schemas.PeriodPrior, schemas.PeriodInitialBudget
	tests := []struct {
		name  string
		text  string
		hint  Hint
		wants []want
		none  []string // metrics that must not be extracted
		scope string
	}{
		{"mixed units in one sentence", "2024年部门预算\n2024年收入预算1.2亿元，其中一般公共预算拨款收入9,500万元，事业收入25000000元。",
			Hint{}, []want{{"total_income", cur, 2024, "", "120000000"}, {"general_public_budget_income", cur, 2024, "", "95000000"}, {"business_income", cur, 2024, "", "25000000"}}, nil, ""},
		{"line breaks inside number and keyword", "2024年部门预算\n2024年基本支\n出 1,234.\n5678 万元。",
			Hint{}, []want{{"basic_expenditure", cur, 2024, "", "12345678"}}, nil, ""},
		{"four-decimal wan", "2024年部门预算\n公用经费0.0125万元。", Hint{}, []want{{"public_expenditure", cur, 2024, "", "125"}}, nil, ""},
		{"traditional script and pinyin", "某某區(qū)科協(xié)2023年部門預算\n2023年機關運行經費財政撥款預算為12.5萬元。",
			Hint{}, []want{{"operating_expenses", cur, 2023, "", "125000"}}, nil, ""},
		{"negative growth", "2024年部门预算\n2024年“三公”经费预算数为10万元，比2023年增长-50.29%。",
			Hint{}, []want{{"three_public_total", cur, 2024, "", "100000"}}, nil, ""},
		{"change is not a prior figure", "2024年部门预算\n一般公共预算拨款收入120.66万元，比2023年预算数减少了4.12万元。",
			Hint{}, []want{{"general_public_budget_income", cur, 2024, "", "1206600"}}, nil, ""},
		{"prior year stated", "2024年部门预算\n2024年支出预算100万元。2023年支出预算为90万元。",
			Hint{}, []want{{"total_expenditure", cur, 2024, "", "1000000"}, {"total_expenditure", prior, 2023, "", "900000"}}, nil, ""},
		{"pipe table", "2024年部门预算\n人员情况\n单位:人\n项目 | 合计 | 行政 | 事业\n编制数 | 10 | 6 | 4\n在职人数 | 9 | 5 | 4\n",
			Hint{}, []want{{"authorized_posts", cur, 2024, "", "10"}, {"staff_in_post", cur, 2024, "", "9"}}, nil, ""},
		{"two-stage table: the column of the document's stage", "2023年部门决算\n单位:万元\n项目 | 预算数 | 决算数\n公务接待费 | 1 | 0.53\n",
			Hint{}, []want{{"three_public_reception", cur, 2023, "", "5300"}}, nil, ""},
		{"two-stage table of a budget: the 预算 column", "2023年部门预算\n单位:万元\n项目 | 2023年预算数 | 2022年预算数 | 增减\n公务接待费 | 1 | 0.53 | 0.47\n",
			Hint{}, []want{{"three_public_reception", cur, 2023, "", "10000"}}, nil, ""},
		{"two-stage table whose rows do not line up is left out", "2023年部门决算\n单位:万元\n项目 | 预算数 | 决算数\n公务接待费 | 0.53\n",
			Hint{}, nil, []string{"three_public_reception"}, ""},
		{"district roll-up in a department text", "2024年部门预算\n经汇总，全区2024年“三公”经费预算为99万元。本单位“三公”经费预算为1万元。",
			Hint{Department: "区文化局"}, []want{{"three_public_total", cur, 2024, "", "10000"}}, nil, schemas.ScopeDepartment},
		{"district document", "区本级2021年“三公”经费预算为4432万元。", Hint{Department: "区本级", FiscalYear: 2021, Stage: schemas.StageBudget},
			[]want{{"three_public_total", cur, 2021, "", "44320000"}}, nil, schemas.ScopeDistrict},
		{"rate is not a figure", "2024年部门预算\n计划出国2人，预算费用3.5万元/人。", Hint{}, nil, []string{"three_public_overseas"}, ""},
		{"part inside parentheses", "2011年部门预算\n2011年因公出国(境)费财政拨款预算1492.78万元(含援外医疗队支出530万元)。",
			Hint{}, []want{{"three_public_overseas", cur, 2011, "", "14927800"}}, nil, ""},
		{"final account wording", "2023年度部门决算\n一般公共预算财政拨款“三公”经费支出年初预算为3万元，支出决算为1.71万元，完成预算的57%。",
			Hint{}, []want{{"three_public_total", schemas.PeriodInitialBudget, 2023, "", "30000"}, {"three_public_total", cur, 2023, "", "17100"}}, nil, ""},
		{"no government fund", "2024年部门预算\n八、政府性基金预算情况\n本部门无政府性基金预算收支。",
			Hint{}, []want{{"government_fund_expenditure", cur, 2024, "", "0"}}, nil, ""},
		{"second year section", "2016年度部门决算公开补充资料\n公务接待费1.49万元。\n二、2017年部门预算公开补充资料\n2017年机关运行经费财政拨款预算310.17万元。",
			Hint{}, []want{{"three_public_reception", cur, 2016, "", "14900"}, {"operating_expenses", cur, 2017, "", "3101700"}}, nil, ""},
		{"class named with its code in parentheses", "2023年度部门决算\n1.行政运行（2010101）：年初预算为12.5万元，支出决算为12.1万元，完成年初预算的96.80%。\n" +
			"2.其他政府办公厅（室）及相关机构事务支出（2010399）：年初预算为3万元，支出决算为2.5万元。",
			Hint{}, []want{{"function_class", ini, 2023, "行政运行", "125000"}, {"function_class", cur, 2023, "行政运行", "121000"},
				{"function_class", ini, 2023, "其他政府办公厅（室）及相关机构事务支出", "30000"}, {"function_class", cur, 2023, "其他政府办公厅（室）及相关机构事务支出", "25000"}}, nil, ""},
		{"code in parentheses that names another class", "2023年度部门决算\n1.行政运行（2060701）：支出决算为12.1万元。",
			Hint{}, nil, []string{"function_class"}, ""},
		{"procurement kinds after 政府采购", "2024年度部门决算\n2024年度，本单位政府采购支出总额10万元，其中：政府采购货物支出5万元、政府采购工程支出3万元、政府采购服务支出2万元。",
			Hint{}, []want{{"government_procurement", cur, 2024, "", "100000"}, {"government_procurement_goods", cur, 2024, "", "50000"},
				{"government_procurement_works", cur, 2024, "", "30000"}, {"government_procurement_services", cur, 2024, "", "20000"}}, nil, ""},
		{"second count after 累计", "2024年度部门决算\n全年因公出国（境）团组2个，累计9人次。",
			Hint{}, []want{{"overseas_groups", cur, 2024, "", "2"}, {"overseas_trips_persons", cur, 2024, "", "9"}}, nil, ""},
		{"reception named later in the sentence", "2025年部门预算\n预计全年接待12批次、80人次，严格执行公务接待标准。",
			Hint{}, []want{{"reception_batches", cur, 2025, "", "12"}, {"reception_persons", cur, 2025, "", "80"}}, nil, ""},
		{"接待 without 公务接待 is not a reception count", "2025年部门预算\n全年接待群众来访120批次。", Hint{}, nil, []string{"reception_batches"}, ""},
		{"fiscal appropriation 收、支总决算", "2024年度部门决算\n本单位2024年度财政拨款收、支总决算107.3万元，比上年增加0.64万元。上年决算数为106.66万元。",
			Hint{}, []want{{"fiscal_appropriation_total", cur, 2024, "", "1073000"}}, nil, ""},
		{"initial budget in parentheses after the execution rate", "2024年度部门决算\n本单位2024年度“三公”经费财政拨款支出决算为4,400.00元，完成年初预算的97.78%（年初预算为4,500.00元）。",
			Hint{FiscalYear: 2024, Stage: schemas.StageFinalAccount}, []want{{"three_public_total", cur, 2024, "", "4400"}, {"three_public_total", ini, 2024, "", "4500"}}, nil, ""},
		{"funds of a performance self-evaluation", "2024年度部门决算\n本单位对2024年度一般公共预算项目支出全面开展绩效自评，涉及资金119,300.00元。",
			Hint{}, []want{{"performance_target_funds", cur, 2024, "", "119300"}}, nil, ""},
		{"涉及资金 of an earlier year's evaluation", "2024年部门预算\n2023年度开展部门整体支出绩效自评1次，重点项目绩效评价3个，涉及资金386.00万元。",
			Hint{}, nil, []string{"performance_target_funds"}, ""},
		{"涉及资金 outside performance management", "2024年度部门决算\n本单位开展专项整治，涉及资金5万元。", Hint{}, nil, []string{"performance_target_funds"}, ""},
		{"a restated prior year holds for its clause only", "2024年部门预算\n2024年收入预算108.62万元，2023年预算数为105.13万元，比上年增加3.49万元；支出预算108.62万元。",
			Hint{}, []want{{"total_income", cur, 2024, "", "1086200"}, {"total_income", prior, 2023, "", "1051300"}, {"total_expenditure", cur, 2024, "", "1086200"}}, nil, ""},
		{"prior final account restated", "2024年度部门决算\n2024年度机关运行经费支出14.36万元，上年决算数为14.357万元，比上年增加0.003万元。",
			Hint{}, []want{{"operating_expenses", cur, 2024, "", "143600"}, {"operating_expenses", prior, 2023, "", "143570"}}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Extract(tt.text, tt.hint)
			checkFacts(t, tt.text, r, tt.wants)
			for _, m := range tt.none {
				for _, f := range r.Facts {
					if f.Metric == m {
						t.Errorf("unexpected %s = %s%s (quote %q)", m, f.Value, f.Unit, f.Quote)
					}
				}
			}
			if tt.scope != "" && r.Scope != tt.scope {
				t.Errorf("scope = %s, want %s", r.Scope, tt.scope)
			}
		})
	}
}

func TestParseTitle(t *testing.T) {
	tests := []struct {
		title, dept string
		year        int32
		stage       string
	}{
		{"农安县教育局2026年部门预算公开（汇总、本级、二级单位）", "农安县教育局", 2026, schemas.StageBudget},
		{"2024年襄阳市某区残疾人联合会 部门预算公开说明", "襄阳市某区残疾人联合会", 2024, schemas.StageBudget},
		{"某县文物保护中心2023年度部门决算", "某县文物保护中心", 2023, schemas.StageFinalAccount},
		{"關於2019年度部門決算的公開", "", 2019, schemas.StageFinalAccount},
		{"通知公告", "", 0, ""},
	}
	for _, tt := range tests {
		d, y, s := ParseTitle(tt.title)
		if d != tt.dept || y != tt.year || s != tt.stage {
			t.Errorf("ParseTitle(%q) = %q %d %q, want %q %d %q", tt.title, d, y, s, tt.dept, tt.year, tt.stage)
		}
	}
}
