package extract

import "testing"

// Rules of the fifth generalisation round, each with at least three
// phrasings that match and one that must not. All texts are written for this
// test (fictional departments and figures).

// TestCaptionBelowTable: a | table whose 单位 caption is printed under it
// is read in that unit when no table row follows the caption.
func TestCaptionBelowTable(t *testing.T) {
	runGenCases(t, []genCase{
		{"caption line under a budget table", "区水务局2023年部门预算\n|项目|金额|\n|收入总计|1,240.50|\n|支出总计|1,240.50|\n|基本支出|640.50|\n|项目支出|600.00|\n单位：万元\n2023年“三公”经费预算1.50万元。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "12405000"}, {"total_expenditure", cur3, 2023, "", "12405000"}, {"basic_expenditure", cur3, 2023, "", "6405000"}, {"project_expenditure", cur3, 2023, "", "6000000"}}, nil},
		{"caption in parentheses under a final-account table", "二、收支决算\n|项目|决算数|\n|本年收入合计|312.08|\n|财政拨款收入|300.00|\n|其他收入|12.08|\n（单位：万元）\n三、其他说明", fin3(2021),
			[]want{{"total_income", cur3, 2021, "", "3120800"}, {"other_income", cur3, 2021, "", "120800"}}, nil},
		{"三公 table with the caption under it", "|项目|预算数|\n|因公出国（境）费|0.00|\n|公务接待费|0.60|\n|公务用车运行维护费|2.10|\n|合计|2.70|\n单位:万元", bud3(2024),
			[]want{{"three_public_reception", cur3, 2024, "", "6000"}, {"three_public_vehicle_operation", cur3, 2024, "", "21000"}, {"three_public_total", cur3, 2024, "", "27000"}}, nil},
		{"one cell per line with bar lines, caption under it", "2022年部门预算\n项目\n|\n预算数\n|\n收入总计\n|\n905.62\n|\n支出总计\n|\n905.62\n|\n基本支出\n|\n247.19\n单位：万元\n2022年“三公”经费预算为3.80万元。", bud3(2022),
			[]want{{"total_income", cur3, 2022, "", "9056200"}, {"basic_expenditure", cur3, 2022, "", "2471900"}}, nil},
		{"negative: a caption above a one-cell-per-line table belongs to it", "|项目|金额|\n|收入总计|980.00|\n|支出总计|980.00|\n|基本支出|500.00|\n单位：元\n公务接待费\n3,000.00\n公务用车运行维护费\n8,000.00", bud3(2023),
			nil, []string{"total_income", "total_expenditure", "basic_expenditure"}},
		{"negative: a caption heading the table below belongs to it", "|项目|金额|\n|收入总计|980.00|\n|支出总计|980.00|\n|基本支出|500.00|\n单位：元\n|项目|金额|\n|公务接待费|3,000.00|", bud3(2023),
			nil, []string{"total_income", "total_expenditure", "basic_expenditure"}},
	})
}

// TestDashAndNamedClassRows: in a | table without a caption, a row whose
// figure is a dash keeps the run of rows going (it states nothing), and a
// 款 or 项 printed by name alone is the class under the row above it (a 款
// also alone when its name is unique in the code list).
func TestDashAndNamedClassRows(t *testing.T) {
	runGenCases(t, []genCase{
		{"类, 款 and 项 one under another", "2022年度支出决算820.00万元。\n|科目|决算数|\n|一般公共服务支出|820.00|\n|人大事务|300.00|\n|行政运行|300.00|\n|其他人大事务支出|—|", fin3(2022),
			[]want{{"function_class", cur3, 2022, "一般公共服务支出", "8200000"}, {"function_class", cur3, 2022, "人大事务", "3000000"}, {"function_class", cur3, 2022, "行政运行", "3000000"}}, nil},
		{"a 款 alone, then its 项", "支出预算410.00万元。\n|项目|预算数|\n|城乡社区管理事务|410.00|\n|城管执法|300.00|\n|其他城乡社区管理事务支出|110.00|", bud3(2023),
			[]want{{"function_class", cur3, 2023, "城乡社区管理事务", "4100000"}, {"function_class", cur3, 2023, "城管执法", "3000000"}, {"function_class", cur3, 2023, "其他城乡社区管理事务支出", "1100000"}}, nil},
		{"dash rows between figures", "单位决算公开，金额均为万元。本年支出合计96.30万元。\n|科目|决算数|\n|档案事务|96.30|\n|档案馆|-|\n|其他档案事务支出|96.30|", fin3(2020),
			[]want{{"function_class", cur3, 2020, "档案事务", "963000"}, {"function_class", cur3, 2020, "其他档案事务支出", "963000"}}, nil},
		{"negative: one figure and dashes make no table", "本年支出合计96.30万元。\n|科目|决算数|\n|档案事务|96.30|\n|档案馆|—|\n|行政运行|—|", fin3(2020),
			nil, []string{"function_class"}},
		{"negative: a 项 that recurs under many 款 needs its row above", "支出合计50.00万元。\n|科目|预算数|\n|行政运行|30.00|\n|一般行政管理事务|20.00|\n|机关服务|—|", bud3(2023),
			nil, []string{"function_class:行政运行", "function_class:一般行政管理事务"}},
	})
}

// TestRegionRevenue: a region (地区, 州, 市, 县, 区 …) opening the clause
// before a government's public revenue or expenditure (一般公共预算收入, 地方
// 财政收入, 税收收入) is the region's figure, not the department's; the
// department's own 一般公共预算拨款 is then read from its restatement.
func TestRegionRevenue(t *testing.T) {
	runGenCases(t, []genCase{
		{"prefecture revenue after a note", "一、收入预算 2021年收入预算960.00万元，均为一般公共预算拨款。\n附：和田地区2021年一般公共预算收入31.2亿元。", bud3(2021),
			[]want{{"total_income", cur3, 2021, "", "9600000"}, {"general_public_budget_income", cur3, 2021, "", "9600000"}}, nil},
		{"county revenue in running text", "本局2020年收入预算512.40万元。全县2020年地方财政收入完成8.6亿元，榆林县2020年一般公共预算支出42.1亿元。", bud3(2020),
			[]want{{"total_income", cur3, 2020, "", "5124000"}}, []string{"general_public_budget_expenditure", "general_public_budget_income"}},
		{"autonomous prefecture, tax revenue", "2022年度收入总计2,410.00万元。甘孜州全年税收收入48.00亿元，一般公共预算收入60.30亿元。", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "24100000"}}, []string{"general_public_budget_income"}},
		{"negative: the department's own appropriation after 区", "2023年收入预算300.00万元，其中区财政拨款收入280.00万元，其他收入20.00万元。", bud3(2023),
			[]want{{"general_public_budget_income", cur3, 2023, "", "2800000"}}, nil},
		{"negative: a township's own income", "色林乡2023年一般公共预算拨款收入512.00万元。", bud3(2023),
			[]want{{"general_public_budget_income", cur3, 2023, "", "5120000"}}, nil},
	})
}

// TestFundNamesAsIncomeParts: inside the breakdown of the total income, a
// fund named without 收入 (一般公共预算资金, 政府性基金, 国有资本经营预算) is
// that fund's income; under an expenditure total it is not.
func TestFundNamesAsIncomeParts(t *testing.T) {
	runGenCases(t, []genCase{
		{"资金 and a bare 政府性基金", "2024年收入预算650.00万元，其中：一般公共预算资金600.00万元，政府性基金50.00万元。", bud3(2024),
			[]want{{"total_income", cur3, 2024, "", "6500000"}, {"general_public_budget_income", cur3, 2024, "", "6000000"}, {"government_fund_income", cur3, 2024, "", "500000"}}, nil},
		{"listed with 、 in a final account", "2022年度收入总计450.00万元，其中一般公共预算420.00万元、国有资本经营预算资金30.00万元。", fin3(2022),
			[]want{{"general_public_budget_income", cur3, 2022, "", "4200000"}, {"state_capital_income", cur3, 2022, "", "300000"}}, nil},
		{"parts after a change and a semicolon", "2021年收入预算1,000.00万元，其中：一般公共预算资金900.00万元，比上年增加20.00万元；政府性基金预算100.00万元。", bud3(2021),
			[]want{{"general_public_budget_income", cur3, 2021, "", "9000000"}, {"government_fund_income", cur3, 2021, "", "1000000"}}, nil},
		{"the list in the next sentence", "2023年收入预算1,000.00万元。其中：一般公共预算资金950.00万元，政府性基金50.00万元。", bud3(2023),
			[]want{{"general_public_budget_income", cur3, 2023, "", "9500000"}, {"government_fund_income", cur3, 2023, "", "500000"}}, nil},
		{"具体为 and a numbered list", "2023年收入预算1,000.00万元，具体为：\n1.一般公共预算940.00万元；\n2.政府性基金预算50.00万元；\n3.国有资本经营预算10.00万元。", bud3(2023),
			[]want{{"general_public_budget_income", cur3, 2023, "", "9400000"}, {"government_fund_income", cur3, 2023, "", "500000"}, {"state_capital_income", cur3, 2023, "", "100000"}}, nil},
		{"negative: a list after an expenditure total in the next sentence", "2023年支出预算1,000.00万元。其中：一般公共预算资金950.00万元，政府性基金50.00万元。", bud3(2023),
			nil, []string{"general_public_budget_income", "government_fund_income"}},
		{"negative: a list under another heading", "2023年收入预算1,000.00万元。\n二、支出预算\n1.一般公共预算资金950.00万元；\n2.政府性基金50.00万元。", bud3(2023),
			nil, []string{"general_public_budget_income", "government_fund_income"}},
		{"negative: the same names under an expenditure total", "2024年支出预算650.00万元，其中一般公共预算资金600.00万元，政府性基金50.00万元。", bud3(2024),
			nil, []string{"general_public_budget_income", "government_fund_income"}},
	})
}

// TestOfficeSubject: the full name of a sub-district office or a township
// government (…街道办事处, …人民政府) as the subject of a generic label.
func TestOfficeSubject(t *testing.T) {
	runGenCases(t, []genCase{
		{"街道办事处 after the year", "2023年，城东街道办事处收入预算为820.00万元。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "8200000"}}, nil},
		{"镇人民政府", "桃源镇人民政府支出预算1,120.00万元。", bud3(2022),
			[]want{{"total_expenditure", cur3, 2022, "", "11200000"}}, nil},
		{"街道办 in a final account", "2021年度青石街道办收入决算536.20万元。", fin3(2021),
			[]want{{"total_income", cur3, 2021, "", "5362000"}}, nil},
		{"negative: a subordinate office", "本单位收入预算900.00万元，其中所属城东街道办事处收入预算120.00万元。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "9000000"}}, nil},
	})
}

// TestBothTotalsAtStage: 收支预算/收支决算 (also 收入和支出, 收、支) with
// 均为/各为 or the figure right after states both totals.
func TestBothTotalsAtStage(t *testing.T) {
	runGenCases(t, []genCase{
		{"收支预算均为", "2025年收支预算均为1,380.20万元，较上年增长2.1%。", bud3(2025),
			[]want{{"total_income", cur3, 2025, "", "13802000"}, {"total_expenditure", cur3, 2025, "", "13802000"}}, nil},
		{"收入和支出预算各为", "本部门2023年收入和支出预算各为506.00万元。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "5060000"}, {"total_expenditure", cur3, 2023, "", "5060000"}}, nil},
		{"收支决算均为 in a final account", "2021年度收、支决算均为2,204.18万元。", fin3(2021),
			[]want{{"total_income", cur3, 2021, "", "22041800"}, {"total_expenditure", cur3, 2021, "", "22041800"}}, nil},
		{"部门预算收支均为", "2023年部门预算收支均为1,000.00万元。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "10000000"}, {"total_expenditure", cur3, 2023, "", "10000000"}}, nil},
		{"negative: a fund's own totals", "2023年政府性基金收支预算均为0万元，一般公共预算收支预算均为800.00万元，国有资本经营预算收支总额为0万元。", bud3(2023),
			nil, []string{"total_income", "total_expenditure"}},
		{"negative: the 财政拨款 totals are not the department's", "2023年财政拨款收支预算均为480.00万元。", bud3(2023),
			nil, []string{"total_income", "total_expenditure"}},
		{"negative: a prior year's 收支预算", "2024年收支预算均为900.00万元，2023年收支预算为860.00万元。", bud3(2024),
			[]want{{"total_income", prior3, 2023, "", "8600000"}}, nil},
	})
}

// TestFigureUnitLines: running text broken into one line per text run
// (label, figure, unit on lines of their own) is read as the sentence; a
// table with one cell per line keeps its cells apart.
func TestFigureUnitLines(t *testing.T) {
	runGenCases(t, []genCase{
		{"万元 followed by the breakdown", "一、收入\n收入预算\n1,208.00\n万元，其中：一般公共预算拨款收入\n1,108.00\n万元，其他收入\n100.00\n万元。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "12080000"}, {"general_public_budget_income", cur3, 2023, "", "11080000"}, {"other_income", cur3, 2023, "", "1000000"}}, nil},
		{"元 in a final account", "2022年度“三公”经费支出\n35,600.00\n元，比年初预算减少4,400.00元。", fin3(2022),
			[]want{{"three_public_total", cur3, 2022, "", "35600"}}, nil},
		{"traditional 萬元 on its own line", "收入預算\n2,046.51\n萬元，其中：一般公共預算撥款收入\n2,046.51\n萬元。", bud3(2025),
			[]want{{"total_income", cur3, 2025, "", "20465100"}, {"general_public_budget_income", cur3, 2025, "", "20465100"}}, nil},
		{"a space-indented unit line", "支出预算\n 640.50\n 万元：基本支出\n 520.50\n 万元，项目支出120.00万元。", bud3(2024),
			[]want{{"total_expenditure", cur3, 2024, "", "6405000"}, {"basic_expenditure", cur3, 2024, "", "5205000"}, {"project_expenditure", cur3, 2024, "", "1200000"}}, nil},
		{"negative: a unit column alone on its line stays a table cell", "单位：万元\n项目\n金额\n单位\n收入总计\n980.00\n万元\n支出总计\n980.00\n万元", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "9800000"}, {"total_expenditure", cur3, 2023, "", "9800000"}}, nil},
	})
}

// TestAppropriationSpendClasses: a bare 支出 right after an appropriation
// income figure (财政拨款收入X，支出Y) is that appropriation's expenditure;
// the classes after 其中 under it are the department's.
func TestAppropriationSpendClasses(t *testing.T) {
	runGenCases(t, []genCase{
		{"财政拨款收入, 支出, 其中 classes", "二、财政拨款收入支出\n财政拨款收入1,200.00万元，支出1,180.50万元，其中教育支出1,000.00万元，住房保障支出180.50万元。", fin3(2022),
			[]want{{"function_class", cur3, 2022, "教育支出", "10000000"}, {"function_class", cur3, 2022, "住房保障支出", "1805000"}}, nil},
		{"支出决算为 and a colon", "2021年度一般公共预算财政拨款收入860.00万元，支出决算为852.30万元，其中：农林水支出700.00万元、卫生健康支出152.30万元。", fin3(2021),
			[]want{{"function_class", cur3, 2021, "农林水支出", "7000000"}, {"function_class", cur3, 2021, "卫生健康支出", "1523000"}}, nil},
		{"in a budget", "2024年财政拨款收入530.00万元，支出预算530.00万元，其中一般公共服务支出430.00万元，社会保障和就业支出100.00万元。", bud3(2024),
			[]want{{"function_class", cur3, 2024, "一般公共服务支出", "4300000"}, {"function_class", cur3, 2024, "社会保障和就业支出", "1000000"}}, nil},
		{"negative: the appropriation's spending is not the total expenditure", "2022年度财政拨款收入1,200.00万元；支出1,180.50万元。", fin3(2022),
			[]want{{"general_public_budget_income", cur3, 2022, "", "12000000"}}, []string{"total_expenditure"}},
		{"the total income's other side is still the total", "2022年度收入1,200.00万元，其中财政拨款收入1,100.00万元；支出1,180.50万元。", fin3(2022),
			[]want{{"total_expenditure", cur3, 2022, "", "11805000"}}, nil},
		{"negative: classes under the income itself", "财政拨款收入1,200.00万元，其中教育支出1,000.00万元。", fin3(2022),
			nil, []string{"function_class"}},
	})
}

// TestVehicleCountWordings: 公务车辆 and 公车 before a count in 辆 are the
// vehicles held; vehicles bought or scrapped are not.
func TestVehicleCountWordings(t *testing.T) {
	runGenCases(t, []genCase{
		{"公务车辆 in a staff sentence", "本单位编制29人，实有在职人员31人，公务车辆2辆。", bud3(2013),
			[]want{{"vehicles_count", cur3, 2013, "", "2"}}, nil},
		{"公车 with 数量", "截至2022年底，公车数量3辆，均为执法执勤用车。", fin3(2022),
			[]want{{"vehicles_count", cur3, 2022, "", "3"}}, nil},
		{"公务车辆 保有量 in a final account", "2021年末公务车辆保有量5辆。", fin3(2021),
			[]want{{"vehicles_count", cur3, 2021, "", "5"}}, nil},
		{"the count in parentheses after the 购置及运行费 figure", "公务用车购置及运行费4.60万元（本局共有公务用车2辆，今年无购车计划）。", bud3(2014),
			[]want{{"vehicles_count", cur3, 2014, "", "2"}}, nil},
		{"negative: vehicles bought", "2023年计划购置公务车辆1辆，预算18.00万元。", bud3(2023),
			nil, []string{"vehicles_count"}},
		{"negative: vehicles scrapped", "2022年度报废公车2辆。", fin3(2022),
			nil, []string{"vehicles_count"}},
	})
}

// TestWholeUsedFor: "X，全部用于/均用于 L" restates X as L's figure like 全部为
// (a 三公 item may be named by its activity, without 费); a use that is not a
// part of X's family is not a restatement.
func TestWholeUsedFor(t *testing.T) {
	runGenCases(t, []genCase{
		{"三公 all used for reception", "2023年“三公”经费预算1.60万元，全部用于公务接待。", bud3(2023),
			[]want{{"three_public_reception", cur3, 2023, "", "16000"}}, nil},
		{"均用于 vehicle operation in a final account", "2022年度“三公”经费支出4.12万元，均用于公务用车运行维护。", fin3(2022),
			[]want{{"three_public_vehicle_operation", cur3, 2022, "", "41200"}}, nil},
		{"expenditure all used for basic expenditure", "2024年支出预算380.00万元，全部用于基本支出。", bud3(2024),
			[]want{{"basic_expenditure", cur3, 2024, "", "3800000"}}, nil},
		{"negative: a use that is no part of the figure", "2023年“三公”经费预算1.60万元，全部用于保障基层执法。", bud3(2023),
			nil, []string{"three_public_reception", "three_public_vehicle_operation"}},
		{"negative: 主要用于 is not the whole", "2023年“三公”经费预算1.60万元，主要用于公务接待。", bud3(2023),
			nil, []string{"three_public_reception"}},
	})
}

// TestLevelClause: "X，与上年持平" (同上年…相同, 与YEAR年度决算一致) is a side
// clause of X: a restatement after it still restates X. It states no
// figure for the compared year (the convention of the annotated sets and
// the dev set).
func TestLevelClause(t *testing.T) {
	runGenCases(t, []genCase{
		{"与上年持平, then 全部为", "2020年“三公”经费预算2.80万元，与上年持平，全部为公务接待费。", bud3(2020),
			[]want{{"three_public_total", cur3, 2020, "", "28000"}, {"three_public_reception", cur3, 2020, "", "28000"}}, []string{"three_public_total@prior"}},
		{"同上年预算相同, then 均为", "2024年“三公”经费预算6.00万元，同上年预算相同，均为公务用车运行维护费。", bud3(2024),
			[]want{{"three_public_vehicle_operation", cur3, 2024, "", "60000"}}, []string{"three_public_total@prior"}},
		{"与YEAR年度决算一致 in a final account", "2022年度“三公”经费支出3.10万元，与2021年度决算一致，全部为公务接待费。", fin3(2022),
			[]want{{"three_public_reception", cur3, 2022, "", "31000"}}, []string{"three_public_total@prior"}},
		{"negative: a clause of another kind ends the figure's restatement", "2023年“三公”经费预算5.00万元，主要保障执法用车，全部为公务用车运行维护费。", bud3(2023),
			nil, []string{"three_public_vehicle_operation"}},
	})
}

// TestHeaderUnit: a | table without a 单位 caption whose header names the
// unit in parentheses (金额（万元）) is read in that unit, even when the text
// states its other figures in another unit; without it, a text of mixed units
// leaves the table out.
func TestHeaderUnit(t *testing.T) {
	runGenCases(t, []genCase{
		{"header unit over a text in 元", "2023年部门预算\n|项目|预算数（万元）|\n|收入总计|1,240.50|\n|支出总计|1,240.50|\n|基本支出|640.50|\n三公经费预算12000元。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "12405000"}, {"basic_expenditure", cur3, 2023, "", "6405000"}, {"three_public_total", cur3, 2023, "", "12000"}}, nil},
		{"two rows under a header unit in a text of mixed units", "2022年度收入总计1,000,000元，另有结转20.00万元。\n|项目|决算数(元)|\n|公务接待费|3,600.00|\n|公务用车运行维护费|18,000.00|", fin3(2022),
			[]want{{"three_public_reception", cur3, 2022, "", "3600"}, {"three_public_vehicle_operation", cur3, 2022, "", "18000"}}, nil},
		{"header unit 万元 with class rows", "|科目|金额（万元）|\n|教育支出|500.00|\n|卫生健康支出|300.00|\n|住房保障支出|100.00|\n以上为2024年预算。共计9,000,000元。", bud3(2024),
			[]want{{"function_class", cur3, 2024, "教育支出", "5000000"}}, nil},
		{"unit in the title line above the header", "2023年部门预算\n收支预算总表（万元）\n|项目|预算数|\n|收入总计|1,240.50|\n|支出总计|1,240.50|\n三公经费预算12000元。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "12405000"}, {"total_expenditure", cur3, 2023, "", "12405000"}}, nil},
		{"unit in a title right above the rows", "“三公”经费预算表（万元）\n|公务接待费|1.00|\n|公务用车运行维护费|2.50|\n2023年政府采购预算12,000元。", bud3(2023),
			[]want{{"three_public_reception", cur3, 2023, "", "10000"}, {"three_public_vehicle_operation", cur3, 2023, "", "25000"}}, nil},
		{"negative: a header naming two units", "2023年支出预算9,000,000元，另有专项资金20.00万元。\n|项目|预算数(万元)|上年数(元)|\n|教育支出|500.00|\n|卫生健康支出|300.00|\n|住房保障支出|100.00|", bud3(2023),
			nil, []string{"function_class"}},
	})
}

// TestParenthesisedComparison: the compared figure in parentheses right
// after 比/较/与 (较上年预算数（960万元）增加…) is the compared period's figure,
// and a restatement may follow a parenthesised side clause of another year
// or stage (1.20万元（2022年预算1.50万元），全部为…).
func TestParenthesisedComparison(t *testing.T) {
	runGenCases(t, []genCase{
		{"较上年预算数（X）", "2023年收入预算1,000.00万元，较上年预算数（960.00万元）增加40.00万元。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "10000000"}, {"total_income", prior3, 2022, "", "9600000"}}, nil},
		{"比YEAR年度决算（X）", "2022年度“三公”经费支出3.20万元，比2021年度决算（4.00万元）减少0.80万元。", fin3(2022),
			[]want{{"three_public_total", prior3, 2021, "", "40000"}}, nil},
		{"比年初预算（X）", "2022年度“三公”经费支出3.20万元，比年初预算（5.00万元）减少1.80万元。", fin3(2022),
			[]want{{"three_public_total", ini3, 2022, "", "50000"}}, nil},
		{"restatement after a prior side clause", "2023年“三公”经费预算1.20万元（2022年预算1.50万元），全部为公务接待费。", bud3(2023),
			[]want{{"three_public_reception", cur3, 2023, "", "12000"}, {"three_public_total", prior3, 2022, "", "15000"}}, []string{"three_public_reception@prior"}},
		{"restatement after a 年初预算 side clause", "2022年度“三公”经费支出0.90万元（年初预算1.00万元），均为公务用车运行维护费。", fin3(2022),
			[]want{{"three_public_vehicle_operation", cur3, 2022, "", "9000"}}, []string{"three_public_vehicle_operation@initial_budget"}},
		{"negative: a part in parentheses is no side clause", "2023年“三公”经费预算1.20万元（含结转0.20万元），全部为公务接待费。", bud3(2023),
			nil, []string{"three_public_reception"}},
		{"negative: a figure in parentheses that is not compared", "2023年收入预算1,000.00万元，较上年增加（其中追加40.00万元）。", bud3(2023),
			nil, []string{"total_income@prior"}},
	})
}

// TestOwnClauseAfterDistrict: after a district-wide figure, a clause whose
// subject is the department itself (本局, 本单位, 其中本单位 …) states the
// department's own figure; a clause without that subject stays district-wide.
func TestOwnClauseAfterDistrict(t *testing.T) {
	runGenCases(t, []genCase{
		{"本局 after the county's revenue", "2023年全县一般公共预算收入12.5亿元，本局收入预算820.00万元。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "8200000"}}, []string{"general_public_budget_income"}},
		{"其中本单位 after a system roll-up", "2022年度，全区教育系统汇总收入决算36,200.00万元，其中本单位收入决算820.00万元。", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "8200000"}}, nil},
		{"本部门 after 全市", "全市2024年部门预算安排总额86亿元；本部门支出预算1,130.00万元。", bud3(2024),
			[]want{{"total_expenditure", cur3, 2024, "", "11300000"}}, nil},
		{"negative: the roll-up's other side", "2022年度，全区教育系统汇总收入决算36,200.00万元，本系统各单位支出决算36,000.00万元。", fin3(2022),
			nil, []string{"total_income", "total_expenditure"}},
		{"negative: 本单位 naming a district figure", "2023年全区一般公共预算收入12.5亿元，本单位所在全区财政支出80亿元。", bud3(2023),
			nil, []string{"general_public_budget_income", "general_public_budget_expenditure", "total_expenditure"}},
	})
}

// TestRestatementOfBothSides: "收入预算X，支出预算X，均为 L" with L a fund
// restates the income total as L's income; with different totals the
// sources of the income are not stated.
func TestRestatementOfBothSides(t *testing.T) {
	runGenCases(t, []genCase{
		{"均为一般公共预算拨款", "2023年收入预算1,874.30万元，支出预算1,874.30万元，均为一般公共预算拨款。", bud3(2023),
			[]want{{"general_public_budget_income", cur3, 2023, "", "18743000"}}, nil},
		{"全部为财政拨款 in a final account", "2022年度收入决算620.00万元；支出决算620.00万元，全部为财政拨款。", fin3(2022),
			[]want{{"general_public_budget_income", cur3, 2022, "", "6200000"}}, nil},
		{"收入总计 and 支出总计", "2021年收入总计96.50万元，支出总计96.50万元，均为财政拨款收入。", bud3(2021),
			[]want{{"general_public_budget_income", cur3, 2021, "", "965000"}}, nil},
		{"negative: different totals", "2023年收入预算1,874.30万元，支出预算1,900.00万元，均为一般公共预算拨款。", bud3(2023),
			nil, []string{"general_public_budget_income"}},
	})
}

// TestWeakTotalRestated: "本年收入合计X，全部为财政拨款" states the 财政拨款
// income even when a 收入总计 printed in the same text replaces X as the
// total income.
func TestWeakTotalRestated(t *testing.T) {
	runGenCases(t, []genCase{
		{"收入总计 after", "2022年度本年收入合计1,000.00万元，全部为财政拨款收入；收入总计1,050.00万元。", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "10500000"}, {"general_public_budget_income", cur3, 2022, "", "10000000"}}, nil},
		{"收入总计 in the sentence before", "2021年度收入总计420.00万元，支出总计420.00万元。本年收入合计400.00万元，均为一般公共预算财政拨款。", fin3(2021),
			[]want{{"total_income", cur3, 2021, "", "4200000"}, {"general_public_budget_income", cur3, 2021, "", "4000000"}}, nil},
		{"budget wording", "2024年收入预算总计300.00万元。本年收入合计280.00万元，全部为财政拨款；上年结转20.00万元。", bud3(2024),
			[]want{{"general_public_budget_income", cur3, 2024, "", "2800000"}, {"carryover_income", cur3, 2024, "", "200000"}}, nil},
		{"negative: a stated appropriation wins", "2022年度本年收入合计1,000.00万元，全部为财政拨款；收入总计1,050.00万元，其中一般公共预算财政拨款收入980.00万元。", fin3(2022),
			[]want{{"general_public_budget_income", cur3, 2022, "", "9800000"}}, nil},
	})
}

// TestBothPriors: a compared figure stated once for both equal totals (均比,
// or after one figure for both) is the compared figure of each total; without
// 均 it stays with the last total.
func TestBothPriors(t *testing.T) {
	runGenCases(t, []genCase{
		{"均比 after two totals", "2023年收入预算1,000.00万元，支出预算1,000.00万元，均比2022年预算960.00万元增加40.00万元。", bud3(2023),
			[]want{{"total_income", prior3, 2022, "", "9600000"}, {"total_expenditure", prior3, 2022, "", "9600000"}}, nil},
		{"after one figure for both", "2023年收入、支出预算均为1,000.00万元，较上年预算960.00万元增加40.00万元。", bud3(2023),
			[]want{{"total_income", prior3, 2022, "", "9600000"}, {"total_expenditure", prior3, 2022, "", "9600000"}}, nil},
		{"均较 in a final account", "2022年度收入总计500.00万元，支出总计500.00万元，均较2021年度决算数480.00万元增加20.00万元。", fin3(2022),
			[]want{{"total_income", prior3, 2021, "", "4800000"}, {"total_expenditure", prior3, 2021, "", "4800000"}}, nil},
		{"negative: without 均 only the last total", "2023年收入预算1,000.00万元，支出预算1,000.00万元，比2022年预算960.00万元增加40.00万元。", bud3(2023),
			[]want{{"total_expenditure", prior3, 2022, "", "9600000"}}, []string{"total_income@prior"}},
		{"negative: different totals", "2023年收入预算1,000.00万元，支出预算1,020.00万元，均比2022年预算增加。", bud3(2023),
			nil, []string{"total_income@prior", "total_expenditure@prior"}},
	})
}
