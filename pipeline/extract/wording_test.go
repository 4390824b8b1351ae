package extract

import (
	"strings"
	"testing"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// TestWordings covers wordings added to raise recall on unseen text. Every
// case is written for this test (fictional departments and figures); each
// wording has a case that must match and one that must not.
func TestWordings(t *testing.T) {
	cur, prior, ini := schemas.PeriodCurrent, schemas.PeriodPrior, schemas.PeriodInitialBudget
	bud := func(y int32) Hint { return Hint{FiscalYear: y, Stage: schemas.StageBudget} }
	fin := func(y int32) Hint { return Hint{FiscalYear: y, Stage: schemas.StageFinalAccount} }
	tests := []struct {
		name  string
		text  string
		hint  Hint
		wants []want
		none  []string // keys that must not be extracted: metric[@period][:name]
	}{
		// Prior-year figures named with a year after 比/较/与…相比.
		{"year after 比 in a budget", "本局2022年机关运行经费预算43.70万元，比2021年预算47.15万元减少3.45万元。", bud(2022),
			[]want{{"operating_expenses", cur, 2022, "", "437000"}, {"operating_expenses", prior, 2021, "", "471500"}}, nil},
		{"year after 较 in a final account", "2019年度“三公”经费支出决算9.84万元，较2018年度决算数12.06万元下降18.4%。", fin(2019),
			[]want{{"three_public_total", cur, 2019, "", "98400"}, {"three_public_total", prior, 2018, "", "120600"}}, nil},
		{"与…相比 names the compared year", "2023年度公务接待费支出决算2.16万元，与2022年度决算数3.02万元相比减少0.86万元。", fin(2023),
			[]want{{"three_public_reception", cur, 2023, "", "21600"}, {"three_public_reception", prior, 2022, "", "30200"}}, nil},
		{"a compared year after a stated reason", "2023年度“三公”经费财政拨款支出决算为21.30万元，比年初预算30.00万元减少8.70万元，主要原因是严格控制接待规模，公务接待费大幅下降；比2022年度决算数26.85万元减少5.55万元。", fin(2023),
			[]want{{"three_public_total", cur, 2023, "", "213000"}, {"three_public_total", ini, 2023, "", "300000"}, {"three_public_total", prior, 2022, "", "268500"}},
			[]string{"three_public_reception"}},
		{"a figure inside a stated reason", "2023年度“三公”经费财政拨款支出决算为21.30万元，比年初预算减少8.70万元，主要原因是公务接待费减少；公务用车运行维护费8.00万元。", fin(2023),
			[]want{{"three_public_total", cur, 2023, "", "213000"}}, []string{"three_public_total@prior"}},
		{"a compared year two years back is not prior", "本单位2022年机关运行经费预算43.70万元，比2020年预算47.15万元减少3.45万元。", bud(2022),
			[]want{{"operating_expenses", cur, 2022, "", "437000"}}, []string{"operating_expenses@prior"}},
		{"a change after a compared year stays a change", "2022年支出预算300万元，比2021年预算增加12万元。", bud(2022),
			[]want{{"total_expenditure", cur, 2022, "", "3000000"}}, []string{"total_expenditure@prior"}},

		// Staffing of a budget as at the end of the year before.
		{"year-end staffing in a budget", "2019年末实有在职人员52人，其中行政人员20人、事业人员30人、工勤人员2人；离退休人员17人。", bud(2020),
			[]want{{"staff_in_post", cur, 2020, "", "52"}, {"staff_in_post_admin", cur, 2020, "", "20"}, {"retired_staff", cur, 2020, "", "17"}},
			[]string{"staff_in_post@prior"}},
		{"year-end staffing in a final account of the next year is prior", "2020年末实有在职人员52人。", fin(2021),
			[]want{{"staff_in_post", prior, 2020, "", "52"}}, []string{"staff_in_post@current"}},
		{"a year-end money figure in a budget is not moved", "2019年末公用经费20万元。", bud(2020),
			nil, []string{"public_expenditure@current"}},
		{"教职工 staffing", "本校实有在职教职工86人，退休教职工21人。", bud(2024),
			[]want{{"staff_in_post", cur, 2024, "", "86"}, {"retired_staff", cur, 2024, "", "21"}}, nil},
		{"学生 are not staff", "本校在校学生1200人，教职工宿舍30间。", bud(2024), nil, []string{"staff_in_post", "retired_staff"}},

		// 一般公共预算 totals in narrative.
		{"一般公共预算财政拨款支出 total", "2017年度一般公共预算财政拨款支出1,420.36万元，占本年支出合计的93.1%。", fin(2017),
			[]want{{"general_public_budget_expenditure", cur, 2017, "", "14203600"}}, nil},
		{"一般公共预算基本支出 is the GPB basic figure", "2024年一般公共预算基本支出386.20万元，其中人员经费301.00万元，公用经费85.20万元。", bud(2024),
			[]want{{"general_public_budget_basic_expenditure", cur, 2024, "", "3862000"}, {"personnel_expenditure", cur, 2024, "", "3010000"}},
			[]string{"basic_expenditure"}},
		{"expenditure by fund source", "2024年支出预算980.00万元，其中：一般公共预算拨款安排930.00万元，政府性基金预算拨款安排50.00万元。", bud(2024),
			[]want{{"total_expenditure", cur, 2024, "", "9800000"}, {"general_public_budget_expenditure", cur, 2024, "", "9300000"},
				{"government_fund_expenditure", cur, 2024, "", "500000"}}, []string{"general_public_budget_income", "government_fund_income"}},
		{"fund sources in an expenditure breakdown without 安排", "2024年支出预算980.00万元，其中一般公共预算拨款930.00万元、政府性基金预算拨款50.00万元。", bud(2024),
			[]want{{"general_public_budget_expenditure", cur, 2024, "", "9300000"}, {"government_fund_expenditure", cur, 2024, "", "500000"}},
			[]string{"general_public_budget_income", "government_fund_income"}},
		{"fund sources in an income breakdown stay income", "2024年收入预算980.00万元，其中一般公共预算拨款930.00万元、政府性基金预算拨款50.00万元。", bud(2024),
			[]want{{"general_public_budget_income", cur, 2024, "", "9300000"}, {"government_fund_income", cur, 2024, "", "500000"}},
			[]string{"general_public_budget_expenditure", "government_fund_expenditure"}},

		// 财政拨款收入 and 年初结转和结余.
		{"财政拨款收入 of a final account", "本年收入合计702.15万元，其中：财政拨款收入688.40万元，其他收入13.75万元。年初结转和结余12.30万元。", fin(2022),
			[]want{{"general_public_budget_income", cur, 2022, "", "6884000"}, {"other_income", cur, 2022, "", "137500"}, {"carryover_income", cur, 2022, "", "123000"}}, nil},
		{"一般公共预算 wins over 财政拨款收入", "财政拨款收入700.00万元，其中：一般公共预算财政拨款收入650.00万元，政府性基金预算财政拨款收入50.00万元。", fin(2022),
			[]want{{"general_public_budget_income", cur, 2022, "", "6500000"}, {"government_fund_income", cur, 2022, "", "500000"}}, nil},
		{"年初财政拨款结转和结余 is not the department's carryover", "年初财政拨款结转和结余8.00万元。", fin(2022), nil, []string{"carryover_income"}},
		{"政府性基金预算拨款 without 收入", "收入预算总计600万元，其中一般公共预算拨款420.00万元，政府性基金预算拨款180.00万元。", bud(2024),
			[]want{{"government_fund_income", cur, 2024, "", "1800000"}}, nil},

		// PDF line wraps inside a digit group.
		{"line wrap inside a digit group", "一、收支预算总体情况\n收入预算 3,4\n07.15万元，基本支出 2,90\n1.00 万元。", bud(2024),
			[]want{{"total_income", cur, 2024, "", "34071500"}, {"basic_expenditure", cur, 2024, "", "29010000"}}, nil},
		{"two cells are not joined", "单位:万元\n项目 | 金额\n基本支出 | 1,23\n45 | 6\n", bud(2024), nil, []string{"basic_expenditure"}},

		// Share before amount.
		{"share before amount", "基本支出占比81.20%，金额为652.33万元；项目支出占比18.80%，金额为151.03万元。", bud(2024),
			[]want{{"basic_expenditure", cur, 2024, "", "6523300"}, {"project_expenditure", cur, 2024, "", "1510300"}}, nil},
		{"a share without an amount gives nothing", "基本支出占比81.20%，较上年提高2个百分点。", bud(2024), nil, []string{"basic_expenditure"}},

		// 三公 wording.
		{"total after the items", "2023年因公出国（境）费0万元，公务接待费3.10万元，公务用车购置及运行维护费11.50万元，以上三项合计14.60万元。", bud(2023),
			[]want{{"three_public_total", cur, 2023, "", "146000"}}, nil},
		{"以上三项 without 三公 items", "会议费2万元、培训费3万元、差旅费4万元，以上三项合计9.00万元。", bud(2023), nil, []string{"three_public_total"}},
		{"joint zero", "因公出国（境）费和公务用车购置及运行维护费均为0万元。公务接待费1.80万元。", bud(2023),
			[]want{{"three_public_overseas", cur, 2023, "", "0"}, {"three_public_vehicle_total", cur, 2023, "", "0"}, {"three_public_reception", cur, 2023, "", "18000"}}, nil},
		{"a list without 均 stays ambiguous", "因公出国（境）费和公务用车购置及运行维护费0万元。", bud(2023), nil,
			[]string{"three_public_overseas", "three_public_vehicle_total"}},
		{"reception visits", "全年接待国内公务来访团组31批次、207人次。", fin(2023),
			[]want{{"reception_batches", cur, 2023, "", "31"}, {"reception_persons", cur, 2023, "", "207"}}, nil},
		{"接待人数 after the reception fee", "公务接待费支出决算1.35万元。接待人数96人次。", fin(2023),
			[]want{{"reception_persons", cur, 2023, "", "96"}}, nil},
		{"接待人数 of petitions", "信访接待大厅全年接待人数1500人次。", fin(2023), nil, []string{"reception_persons"}},

		// Assets, owners, headings.
		{"固定资产 in an assets breakdown", "截至2023年12月31日，本单位资产总额2,310.55万元，其中：流动资产515.43万元，固定资产1,795.12万元。", fin(2023),
			[]want{{"fixed_assets_total", cur, 2023, "", "17951200"}}, nil},
		{"其中固定资产 after the assets total", "截至2023年12月31日，本单位共占用资产总额800.00万元。其中固定资产612.40万元。", fin(2023),
			[]want{{"fixed_assets_total", cur, 2023, "", "6124000"}}, nil},
		{"固定资产 purchased is not the stock", "资产总额2,310.55万元。本年购置固定资产20.00万元。", fin(2023), nil, []string{"fixed_assets_total"}},
		{"a subordinate unit's figure", "本部门日常公用经费支出决算60.10万元；另所属区农机推广站日常公用经费支出决算9.25万元。", fin(2023),
			[]want{{"public_expenditure", cur, 2023, "", "601000"}}, nil},
		{"所属单位 together with the department is the department's", "本部门及所属单位日常公用经费支出决算60.10万元。", fin(2023),
			[]want{{"public_expenditure", cur, 2023, "", "601000"}}, nil},
		{"公用经费 under the 机关运行经费 heading", "（十）机关运行经费支出说明\n本部门2016年度一般公共预算财政拨款基本支出中的日常公用经费支出合计64.20万元，比2015年度决算数70.05万元减少5.85万元。", fin(2016),
			[]want{{"operating_expenses", cur, 2016, "", "642000"}, {"operating_expenses", prior, 2015, "", "700500"}}, []string{"public_expenditure"}},
		{"公用经费 under another heading", "（四）一般公共预算财政拨款基本支出决算情况说明\n人员经费300.00万元，日常公用经费64.20万元。", fin(2016),
			[]want{{"public_expenditure", cur, 2016, "", "642000"}}, []string{"operating_expenses"}},
		{"计划生育 is not a plan", "2016年度一般公共预算财政拨款支出3,652.18万元，主要用于：医疗卫生与计划生育支出3,248.58万元，住房保障支出102.00万元。\n" +
			"医疗卫生与计划生育支出（类）公立医院（款）综合医院（项）年初预算为3,000.00万元，支出决算为3,100.00万元。", fin(2016),
			[]want{{"function_class", cur, 2016, "医疗卫生与计划生育支出", "32485800"}, {"function_class", cur, 2016, "住房保障支出", "1020000"},
				{"function_class", ini, 2016, "综合医院", "30000000"}, {"function_class", cur, 2016, "综合医院", "31000000"}},
			[]string{"function_class@initial_budget:医疗卫生与计划生育支出", "function_class@initial_budget:住房保障支出"}},
		{"项 named with its level mark", "其中，普通高中（项）支出决算2.35亿元，初中教育（项）支出决算6,120.50万元。", fin(2023),
			[]want{{"function_class", cur, 2023, "初中教育", "61205000"}}, []string{"total_expenditure", "function_class:普通高中"}},
		{"a level mark after a name not in the list", "城市公园维护（项）支出决算35.00万元。", fin(2023), nil, []string{"function_class", "total_expenditure"}},
		// Tables flattened to text.
		{"class table with codes and a 合计 row", "表二 一般公共预算支出表\n单位：万元\n科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出\n" +
			"205 | 教育支出 | 88.10 | 80.10 | 8.00\n20501 | 教育管理事务 | 88.10 | 80.10 | 8.00\n2050101 | 行政运行 | 80.10 | 80.10 | \n2050199 | 其他教育管理事务支出 | 8.00 |  | 8.00\n合计 |  | 88.10 | 80.10 | 8.00\n", bud(2024),
			[]want{{"general_public_budget_expenditure", cur, 2024, "", "881000"}, {"function_class", cur, 2024, "教育支出", "881000"},
				{"function_class", cur, 2024, "行政运行", "801000"}, {"function_class", cur, 2024, "其他教育管理事务支出", "80000"}}, nil},
		{"a code that does not name the class", "一般公共预算支出表\n单位：万元\n科目编码 | 科目名称 | 合计\n206 | 教育支出 | 88.10\n207 | 科学技术支出 | 10.00\n", bud(2024),
			nil, []string{"function_class"}},
		{"class rows of a government fund table", "政府性基金预算支出表\n单位：万元\n科目编码 | 科目名称 | 合计\n212 | 城乡社区支出 | 40.00\n合计 |  | 40.00\n", bud(2024),
			nil, []string{"function_class", "general_public_budget_expenditure"}},
		{"three-public table one cell per line", "“三公”经费支出预算表\n单位：万元\n项目\n|\n预算数\n|\n合计\n|\n7.30\n|\n因公出国（境）费\n|\n0.00\n|\n公务接待费\n|\n2.30\n|\n公务用车购置及运行维护费\n|\n5.00\n|\n其中：（1）公务用车购置费\n|\n0.00\n|\n（2）公务用车运行维护费\n|\n5.00\n", bud(2024),
			[]want{{"three_public_total", cur, 2024, "", "73000"}, {"three_public_vehicle_purchase", cur, 2024, "", "0"}, {"three_public_vehicle_operation", cur, 2024, "", "50000"}}, nil},
		{"three-public table of a final account: the 决算 column", "单位：万元\n项目 | 预算数 | 决算数\n合计 | 9.00 | 7.45\n1.因公出国（境）费 | 0.00 | 0.00\n2.公务接待费 | 3.00 | 2.45\n", fin(2023),
			[]want{{"three_public_total", cur, 2023, "", "74500"}, {"three_public_reception", cur, 2023, "", "24500"}}, []string{"three_public_total@initial_budget"}},
		{"class names as row labels of an overview table", "收支预算总表\n单位：万元\n项目\n|\n预算数\n|\n一、一般公共服务支出\n|\n310.20\n|\n二、社会保障和就业支出\n|\n41.76\n", bud(2024),
			[]want{{"function_class", cur, 2024, "一般公共服务支出", "3102000"}, {"function_class", cur, 2024, "社会保障和就业支出", "417600"}}, nil},
		{"合计 of a table that names no kind", "单位：万元\n项目 | 金额\n办公费 | 3.00\n合计 | 3.00\n", bud(2024), nil,
			[]string{"three_public_total", "general_public_budget_expenditure", "total_expenditure"}},
		{"initial budget of a class is not current", "教育支出（类）年初预算为100万元，支出决算为98万元。", fin(2023),
			[]want{{"function_class", ini, 2023, "教育支出", "1000000"}, {"function_class", cur, 2023, "教育支出", "980000"}}, nil},
	}
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
