package extract

import (
	"strings"
	"testing"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// TestGeneralWordings covers the layouts and wordings generalised from the
// second blind held-out set's failure categories. Every case is written for
// this test (fictional departments and figures); each has a case that must
// match and one that must not.
func TestGeneralWordings(t *testing.T) {
	cur, prior, ini := schemas.PeriodCurrent, schemas.PeriodPrior, schemas.PeriodInitialBudget
	bud := func(y int32) Hint { return Hint{FiscalYear: y, Stage: schemas.StageBudget} }
	fin := func(y int32) Hint { return Hint{FiscalYear: y, Stage: schemas.StageFinalAccount} }
	_, _, _ = cur, prior, ini
	tests := []struct {
		name  string
		text  string
		hint  Hint
		wants []want
		none  []string // keys that must not be extracted: metric[@period][:name]
	}{
		// 1. Tables flattened with |.
		{"two-sided overview rows", "收支总表\n单位：万元\n收入 | 预算数 | 支出 | 预算数\n一、一般公共预算拨款 | 520.00 | 一、基本支出 | 410.00\n二、事业收入 | 30.00 | 二、项目支出 | 140.00\n收入总计 | 550.00 | 支出总计 | 550.00\n", bud(2022),
			[]want{{"general_public_budget_income", cur, 2022, "", "5200000"}, {"basic_expenditure", cur, 2022, "", "4100000"},
				{"business_income", cur, 2022, "", "300000"}, {"project_expenditure", cur, 2022, "", "1400000"},
				{"total_income", cur, 2022, "", "5500000"}, {"total_expenditure", cur, 2022, "", "5500000"}}, nil},
		{"two-sided header naming a fund on the first row is one stage", "收入支出决算总表\n单位：万元\n项目 | 决算数 | 项目 | 决算数\n一般公共预算财政拨款收入 | 700.00 | 教育支出 | 650.00\n其他收入 | 5.00 | 本年支出合计 | 650.00\n", fin(2021),
			[]want{{"general_public_budget_income", cur, 2021, "", "7000000"}, {"other_income", cur, 2021, "", "50000"}, {"total_expenditure", cur, 2021, "", "6500000"}}, nil},
		{"合计 row of a class table with 基本支出 and 项目支出 columns", "一般公共预算支出表\n单位：万元\n科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出\n207 | 文化旅游体育与传媒支出 | 90.00 | 60.00 | 30.00\n | 合计 | 90.00 | 60.00 | 30.00\n", bud(2022),
			[]want{{"general_public_budget_expenditure", cur, 2022, "", "900000"}, {"general_public_budget_basic_expenditure", cur, 2022, "", "600000"},
				{"general_public_budget_project_expenditure", cur, 2022, "", "300000"}}, []string{"basic_expenditure", "project_expenditure"}},
		{"class rows are not read as basic and project figures", "一般公共预算支出表\n单位：万元\n科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出\n207 | 文化旅游体育与传媒支出 | 90.00 | 60.00 | 30.00\n", bud(2022),
			[]want{{"function_class", cur, 2022, "文化旅游体育与传媒支出", "900000"}}, []string{"general_public_budget_basic_expenditure", "general_public_budget_project_expenditure"}},
		{"horizontal three-public table", "“三公”经费预算表\n单位：万元\n合计 | 因公出国（境）费 | 公务接待费 | 公务用车购置及运行费\n9.50 | 0.00 | 2.50 | 7.00\n", bud(2022),
			[]want{{"three_public_total", cur, 2022, "", "95000"}, {"three_public_overseas", cur, 2022, "", "0"},
				{"three_public_reception", cur, 2022, "", "25000"}, {"three_public_vehicle_total", cur, 2022, "", "70000"}}, nil},
		{"horizontal three-public table with stage rows", "“三公”经费支出决算表\n单位：万元\n项目 | 合计 | 因公出国（境）费 | 公务接待费\n年初预算数 | 6.00 | 1.00 | 5.00\n决算数 | 4.20 | 0.00 | 4.20\n", fin(2021),
			[]want{{"three_public_total", ini, 2021, "", "60000"}, {"three_public_reception", ini, 2021, "", "50000"},
				{"three_public_total", cur, 2021, "", "42000"}, {"three_public_reception", cur, 2021, "", "42000"}, {"three_public_overseas", cur, 2021, "", "0"}}, nil},
		{"horizontal table with a change row reads no change", "“三公”经费预算表\n单位：万元\n项目 | 合计 | 公务接待费 | 公务用车购置及运行费\n增减 | -1.00 | -0.50 | -0.50\n", bud(2022),
			nil, []string{"three_public_total", "three_public_reception", "three_public_vehicle_total"}},
		{"year columns: current and prior", "“三公”经费预算表\n单位：万元\n项目 | 2021年预算 | 2022年预算 | 增减\n合计 | 12.00 | 10.00 | -2.00\n公务接待费 | 4.00 | 3.00 | -1.00\n", bud(2022),
			[]want{{"three_public_total", cur, 2022, "", "100000"}, {"three_public_total", prior, 2021, "", "120000"},
				{"three_public_reception", cur, 2022, "", "30000"}, {"three_public_reception", prior, 2021, "", "40000"}}, nil},
		{"a column two years back is not read", "“三公”经费预算表\n单位：万元\n项目 | 2020年预算 | 2022年预算\n合计 | 12.00 | 10.00\n公务接待费 | 4.00 | 3.00\n", bud(2022),
			[]want{{"three_public_total", cur, 2022, "", "100000"}}, []string{"three_public_total@prior"}},
		// 7. A space as thousands separator.
		{"space inside a number", "2022年项目支出1 471.33万元，本年收入合计１ ８６２．３０万元。", fin(2022),
			[]want{{"project_expenditure", cur, 2022, "", "14713300"}, {"total_income", cur, 2022, "", "18623000"}}, nil},
		{"two figures side by side stay apart", "单位：万元\n项目 | 金额\n基本支出 | 12 345.00\n", bud(2022),
			nil, []string{"basic_expenditure"}},
		// 2. One cell per line.
		{"one cell per line with | lines under a year header", "“三公”经费预算表\n单位：万元\n项目\n|\n2022年预算数\n|\n合计\n|\n4.00\n|\n公务接待费\n|\n4.00\n", bud(2022),
			[]want{{"three_public_total", cur, 2022, "", "40000"}, {"three_public_reception", cur, 2022, "", "40000"}}, nil},

		{"one cell per line without bars", "收支预算总表（单位：万元）\n收入项目\n金额\n一般公共预算\n120.50\n政府性基金预算\n0\n其他收入\n4.00\n收入合计\n124.50\n三、其他说明\n本单位无政府采购预算。", bud(2023),
			[]want{{"general_public_budget_income", cur, 2023, "", "1205000"}, {"government_fund_income", cur, 2023, "", "0"},
				{"other_income", cur, 2023, "", "40000"}, {"total_income", cur, 2023, "", "1245000"}}, nil},
		{"a fund name in an expenditure table is not income", "支出预算表（单位：万元）\n项目\n金额\n一般公共预算\n120.50\n政府性基金预算\n3.00\n", bud(2023),
			nil, []string{"general_public_budget_income", "government_fund_income"}},
		{"a page number between prose lines joins no cells", "本部门支出预算\n12\n主要用于日常运转。", bud(2023),
			nil, []string{"total_expenditure"}},
		// 4. Vehicle split without the 公务用车 prefix.
		{"vehicle split without prefix", "公务用车购置及运行维护费9.00万元（其中购置费0万元，运行维护费9.00万元）。", bud(2022),
			[]want{{"three_public_vehicle_purchase", cur, 2022, "", "0"}, {"three_public_vehicle_operation", cur, 2022, "", "90000"}}, nil},
		{"运行费 without vehicles is not a vehicle cost", "项目支出中信息系统运行费12.00万元，设备购置费3.00万元。", bud(2022),
			nil, []string{"three_public_vehicle_operation", "three_public_vehicle_purchase"}},
		{"old label 车辆购置及运行费", "2011年度车辆购置及运行费30.10万元。", fin(2011),
			[]want{{"three_public_vehicle_total", cur, 2011, "", "301000"}}, nil},
		// 5. Counts in a 三公 breakdown.
		{"counts in a 三公 breakdown", "“三公”经费预算8.00万元，其中：因公出国（境）费3.00万元，拟安排出国团组1个、4人次；公务接待费5.00万元，预计接待20批次、150人次，单位现有公务用车3辆。", bud(2022),
			[]want{{"overseas_groups", cur, 2022, "", "1"}, {"overseas_trips_persons", cur, 2022, "", "4"}, {"reception_batches", cur, 2022, "", "20"},
				{"reception_persons", cur, 2022, "", "150"}, {"vehicles_count", cur, 2022, "", "3"}}, nil},
		{"count before 团组", "因公出国（境）费2.00万元，用于业务考察1个团组5人次。", bud(2022),
			[]want{{"overseas_groups", cur, 2022, "", "1"}, {"overseas_trips_persons", cur, 2022, "", "5"}}, nil},
		{"团组 without 出国 is not a trip", "全年接待来访1个团组5人次。", bud(2022),
			nil, []string{"overseas_groups", "overseas_trips_persons"}},
		{"现有执法执勤用车 is the vehicle count", "本单位现有执法执勤用车4辆。", fin(2022),
			[]want{{"vehicles_count", cur, 2022, "", "4"}}, nil},
		{"执法执勤用车 under a total stays out", "本单位共有公务用车6辆，其中执法执勤用车4辆。", fin(2022),
			[]want{{"vehicles_count", cur, 2022, "", "6"}}, nil},
		// 10. Singles.
		{"退休教师", "学校在职教职工120人，退休教师29人。", fin(2022),
			[]want{{"retired_staff", cur, 2022, "", "29"}}, nil},
		{"procurement by type named 支出", "2022年度政府采购支出总额50.00万元，其中：政府采购货物支出30.00万元、工程支出0万元、服务支出20.00万元。", fin(2022),
			[]want{{"government_procurement_services", cur, 2022, "", "200000"}, {"government_procurement_works", cur, 2022, "", "0"}}, nil},
		{"服务支出 outside procurement", "商品和服务支出20.00万元。", fin(2022),
			nil, []string{"government_procurement_services"}},
		// 3. 款/项 named on their own.
		{"项 with its mark and no 支出", "人大会议（项）95.00万元，主要用于人代会召开。", bud(2022),
			[]want{{"function_class", cur, 2022, "人大会议", "950000"}}, nil},
		{"款 with its mark after 其中", "科学技术支出500.00万元，其中：技术研究与开发（款）120.00万元。", bud(2022),
			[]want{{"function_class", cur, 2022, "技术研究与开发", "1200000"}}, nil},
		{"项 named alone after 其中 under its class", "教育支出800.00万元，其中小学教育700.00万元；住房保障支出20.00万元。", bud(2022),
			[]want{{"function_class", cur, 2022, "教育支出", "8000000"}, {"function_class", cur, 2022, "小学教育", "7000000"}}, nil},
		{"款 in parentheses after its class", "社会保障和就业支出300.00万元（其中退役军人管理事务210.00万元）。", bud(2022),
			[]want{{"function_class", cur, 2022, "退役军人管理事务", "2100000"}}, nil},
		{"a name under another class is not read", "教育支出800.00万元，其中退役军人管理事务700.00万元。", bud(2022),
			nil, []string{"function_class:退役军人管理事务"}},
		{"a non-class item after 其中 is not read", "教育支出800.00万元，其中设备购置700.00万元。", bud(2022),
			nil, []string{"function_class:设备购置"}},
		// 9. A 财政拨款收入 split by fund in parentheses.
		{"财政拨款收入 split by fund in parentheses", "2021年度本部门收入决算900.00万元，其中：财政拨款收入850.00万元（其中一般公共预算财政拨款800.00万元，政府性基金预算财政拨款50.00万元），其他收入50.00万元。", fin(2021),
			[]want{{"general_public_budget_income", cur, 2021, "", "8000000"}, {"government_fund_income", cur, 2021, "", "500000"}, {"other_income", cur, 2021, "", "500000"}},
			[]string{"general_public_budget_expenditure", "government_fund_expenditure"}},
		{"fund split under an expenditure total stays expenditure", "2021年支出预算900.00万元，其中：一般公共预算拨款800.00万元，政府性基金预算拨款100.00万元。", bud(2021),
			[]want{{"general_public_budget_expenditure", cur, 2021, "", "8000000"}, {"government_fund_expenditure", cur, 2021, "", "1000000"}},
			[]string{"general_public_budget_income", "government_fund_income"}},
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
