package extract

import "testing"

// Rules of the eighth generalisation round (set 8's failure families), each
// with phrasings set 8 does not contain and near misses that must not be
// extracted. All texts are written for this test (fictional departments and
// figures).

// TestMultiColumnRowsNeedHeader: a row with more figure columns than its
// header explains is not read; a header that names the columns (in
// simplified or traditional characters, after a title line, with a code
// column, in either order) is read column by column.
func TestMultiColumnRowsNeedHeader(t *testing.T) {
	runGenCases(t, []genCase{
		{"traditional tab table with a code column under a title", "某區文化館2019年度部門決算\n單位：萬元\n一般公共預算財政撥款支出決算表\n科目編碼\t科目名稱\t年初預算\t決算數\n207\t文化旅遊體育與傳媒支出\t410.00\t436.20\n221\t住房保障支出\t30.00\t31.50\n\t合計\t440.00\t467.70", fin3(2019),
			[]want{{"function_class", cur3, 2019, "文化旅游体育与传媒支出", "4362000"}, {"function_class", ini3, 2019, "文化旅游体育与传媒支出", "4100000"},
				{"function_class", cur3, 2019, "住房保障支出", "315000"},
				{"general_public_budget_expenditure", cur3, 2019, "", "4677000"}, {"general_public_budget_expenditure", ini3, 2019, "", "4400000"}}, nil},
		{"决算 before 年初预算 in a tab table", "單位：萬元\n支出決算表\n科目編碼\t科目名稱\t決算數\t年初預算\n207\t文化旅遊體育與傳媒支出\t436.20\t410.00\n221\t住房保障支出\t31.50\t30.00", fin3(2019),
			[]want{{"function_class", cur3, 2019, "文化旅游体育与传媒支出", "4362000"}, {"function_class", ini3, 2019, "文化旅游体育与传媒支出", "4100000"}}, nil},
		{"negative: rows of two figures without a header", "单位：万元\n207 | 文化旅游体育与传媒支出 | 410.00 | 436.20\n221 | 住房保障支出 | 30.00 | 31.50\n合计 | 440.00 | 467.70", fin3(2019),
			nil, []string{"function_class", "general_public_budget_expenditure"}},
		{"a later table's year columns under an earlier table's header", "2023年部门预算表（区水务局）\n表一：部门收支总表　单位：元\n本年收入 | 本年预算\n一般公共预算 | 9,100,000.00\n收入总计 | 9,100,000.00\n表五：“三公”经费（元）\n项目 | 2022年预算 | 2023年预算 | 增减\n公务接待费 | 30,000.00 | 20,000.00 | -10,000.00\n公务用车运行维护费 | 150,000.00 | 140,000.00 | -10,000.00\n合计 | 180,000.00 | 160,000.00 | -20,000.00", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "9100000"}, {"three_public_reception", cur3, 2023, "", "20000"}, {"three_public_total", cur3, 2023, "", "160000"}},
			nil},
		{"negative: 上年 before 本年 with a 增减 column and no stage header", "单位：万元\n项目|上年数|本年数|增减%\n基本支出|300.00|320.00|6.7\n项目支出|100.00|90.00|-10.0", bud3(2024),
			[]want{{"basic_expenditure", cur3, 2024, "", "3200000"}, {"basic_expenditure", prior3, 2023, "", "3000000"}}, nil},
	})
}

// TestSpaceAlignedRows: a table whose cells are aligned with spaces
// (ideographic or plain, full-width digits) is read row by row; rows of
// several figures only under a header line that names their columns.
func TestSpaceAlignedRows(t *testing.T) {
	runGenCases(t, []genCase{
		{"full-width digits and ideographic spaces", "區婦聯2021年度部門決算\n收入支出決算總表（單位：萬元）\n收入總計　５１２．３０\n本年收入合計　４９０．００\n年初結轉和結餘　２２．３０\n支出總計　５１２．３０\n基本支出　３００．１０\n項目支出　１９０．２０", fin3(2021),
			[]want{{"total_income", cur3, 2021, "", "5123000"}, {"carryover_income", cur3, 2021, "", "223000"}, {"total_expenditure", cur3, 2021, "", "5123000"},
				{"basic_expenditure", cur3, 2021, "", "3001000"}, {"project_expenditure", cur3, 2021, "", "1902000"}}, nil},
		{"header names 决算 before 年初预算", "“三公”经费支出决算表（单位：万元）\n项目　决算　年初预算\n合计　2.10　4.00\n公务接待费　0.60　1.00\n公务用车运行维护费　1.50　3.00", fin3(2022),
			[]want{{"three_public_total", cur3, 2022, "", "21000"}, {"three_public_total", ini3, 2022, "", "40000"}, {"three_public_reception", cur3, 2022, "", "6000"},
				{"three_public_vehicle_operation", cur3, 2022, "", "15000"}}, nil},
		{"negative: two figure columns without a header", "“三公”经费支出决算表（单位：万元）\n合计　4.00　2.10\n公务接待费　1.00　0.60\n公务用车运行维护费　3.00　1.50", fin3(2022),
			nil, []string{"three_public_total", "three_public_reception", "three_public_vehicle_operation"}},
		{"negative: a 增减 column is not read", "“三公”经费支出决算表（单位：万元）\n项目　决算　增减\n合计　2.10　-1.90\n公务接待费　0.60　-0.40\n公务用车运行维护费　1.50　-1.50", fin3(2022),
			[]want{{"three_public_total", cur3, 2022, "", "21000"}, {"three_public_reception", cur3, 2022, "", "6000"}}, []string{"three_public_total@prior"}},
		{"negative: prose with spaces before figures and units", "本单位收入总计 512.30万元，\n支出总计 512.30万元，\n基本支出 300.10万元。", fin3(2021),
			[]want{{"total_income", cur3, 2021, "", "5123000"}}, nil},
	})
}

// TestSpaceAlignedShortRow: a row of one figure under a header of two
// figure columns is not read (which column it is is not known).
func TestSpaceAlignedShortRow(t *testing.T) {
	runGenCases(t, []genCase{
		{"negative: one figure under two columns", "“三公”经费支出决算表（单位：万元）\n项目　年初预算　决算\n合计　4.00\n公务接待费　1.00　0.60\n公务用车运行维护费　3.00　1.50", fin3(2022),
			[]want{{"three_public_reception", cur3, 2022, "", "6000"}}, []string{"three_public_total"}},
	})
}

// TestFiscalSummaryOneCellPerLine: a 财政拨款收入支出决算总表 printed one
// cell per line under a "项目 / 决算数" header is read (its first label,
// numbered 一、, is no header), and its 收入总计 is the fiscal appropriation
// total, not the department's total income.
func TestFiscalSummaryOneCellPerLine(t *testing.T) {
	runGenCases(t, []genCase{
		{"numbered labels under a one-column header", "财政拨款收入支出决算总表\n单位：万元\n项目\n决算数\n一、一般公共预算财政拨款\n620.40\n二、政府性基金预算财政拨款\n12.00\n本年收入合计\n632.40\n收入总计\n650.10\n教育支出\n600.00\n支出总计\n650.10", fin3(2020),
			[]want{{"general_public_budget_income", cur3, 2020, "", "6204000"}, {"government_fund_income", cur3, 2020, "", "120000"},
				{"fiscal_appropriation_total", cur3, 2020, "", "6501000"}, {"function_class", cur3, 2020, "教育支出", "6000000"}},
			[]string{"total_income", "total_expenditure"}},
		{"negative: two stage columns one cell per line without names", "财政拨款收入支出决算总表\n单位：万元\n项目\n一、一般公共预算财政拨款\n600.00\n620.40\n收入总计\n640.00\n650.10", fin3(2020),
			nil, []string{"general_public_budget_income", "fiscal_appropriation_total", "total_income"}},
	})
}

// TestTwoCellTabRows: rows of a label and one figure separated by a tab are
// a table when two such lines follow each other; a stray tab in prose is not.
func TestTwoCellTabRows(t *testing.T) {
	runGenCases(t, []genCase{
		{"two-cell tab rows under a titled caption", "表3 一般公共预算“三公”经费预算表（万元）\n因公出国（境）费\t0.00\n公务接待费\t2.40\n公务用车运行维护费\t6.00\n合计\t8.40", bud3(2023),
			[]want{{"three_public_overseas", cur3, 2023, "", "0"}, {"three_public_reception", cur3, 2023, "", "24000"},
				{"three_public_vehicle_operation", cur3, 2023, "", "60000"}, {"three_public_total", cur3, 2023, "", "84000"}}, nil},
		{"negative: two figures per tab row without a header", "表3 一般公共预算“三公”经费预算表（万元）\n公务接待费\t3.00\t2.40\n公务用车运行维护费\t7.00\t6.00\n合计\t10.00\t8.40", bud3(2023),
			nil, []string{"three_public_reception", "three_public_vehicle_operation", "three_public_total"}},
	})
}

// TestSpacedLinesWithoutCaption: three lines or more of a label and a
// figure separated by a space, under a title without a 单位 caption, are read
// in the text's one money unit; not when the text mixes units.
func TestSpacedLinesWithoutCaption(t *testing.T) {
	runGenCases(t, []genCase{
		{"function classes under a titled table", "2022年本部门支出预算1,500.00万元。\n二、一般公共预算支出表（万元）\n教育支出 1,200.00\n  普通教育 1,200.00\n卫生健康支出 180.00\n住房保障支出 120.00\n三、其他说明", bud3(2022),
			[]want{{"function_class", cur3, 2022, "教育支出", "12000000"}, {"function_class", cur3, 2022, "普通教育", "12000000"}, {"function_class", cur3, 2022, "住房保障支出", "1200000"}}, nil},
		{"negative: the text mixes units", "2022年本部门支出预算1,500.00万元，公务接待费8,000元。\n二、一般公共预算支出表\n教育支出 1,200.00\n卫生健康支出 180.00\n住房保障支出 120.00", bud3(2022),
			nil, []string{"function_class"}},
		{"negative: two lines only", "2022年本部门支出预算1,500.00万元。\n教育支出 1,200.00\n住房保障支出 120.00", bud3(2022),
			nil, []string{"function_class"}},
	})
}

// TestPostsCountedInGe: 编制数/行政编制/工勤编制/事业编制 counts written with
// 个 are posts; a bare 编制 before N个 (编制了12个项目) is the verb.
func TestPostsCountedInGe(t *testing.T) {
	runGenCases(t, []genCase{
		{"posts in 个", "本会机关内设3个部室。2021年末编制数15个，其中行政编制11个、工勤编制2个、事业编制2个。", fin3(2021),
			[]want{{"authorized_posts", cur3, 2021, "", "15"}, {"authorized_posts_admin", cur3, 2021, "", "11"},
				{"authorized_posts_worker", cur3, 2021, "", "2"}, {"authorized_posts_institution", cur3, 2021, "", "2"}}, nil},
		{"negative: 编制 as a verb", "本单位2021年编制了12个项目的绩效目标，编制部门预算的单位3个。", fin3(2021),
			nil, []string{"authorized_posts"}},
	})
}

// TestBothTotalsNamedInFull: 收入总计、支出总计均为X states both totals; with
// 分别为 two figures the pair is not read as one.
func TestBothTotalsNamedInFull(t *testing.T) {
	runGenCases(t, []genCase{
		{"均为 after both totals", "本单位2019年度收入总计、支出总计均为356.20万元，比2018年度决算的340.00万元增加16.20万元。", fin3(2019),
			[]want{{"total_income", cur3, 2019, "", "3562000"}, {"total_expenditure", cur3, 2019, "", "3562000"}, {"total_income", prior3, 2018, "", "3400000"}}, nil},
		{"和 between them", "2024年收入预算总计和支出预算总计均为1,020.00万元。", bud3(2024),
			[]want{{"total_income", cur3, 2024, "", "10200000"}, {"total_expenditure", cur3, 2024, "", "10200000"}}, nil},
		{"negative: 分别为 two figures", "本单位2019年度收入总计、支出总计分别为356.20万元、350.00万元。", fin3(2019),
			nil, []string{"total_expenditure@current"}},
	})
}

// TestStageTotalRows: a table row labelled with a total and the document's
// own stage (收入预算, 支出预算, 三公经费预算 in a budget; …决算 in a final
// account) is that total; with the other stage it is not read.
func TestStageTotalRows(t *testing.T) {
	runGenCases(t, []genCase{
		{"budget rows", "单位：万元\n收入预算 | 880.40\n　一般公共预算拨款 | 880.40\n支出预算 | 880.40\n　教育支出 | 880.40\n“三公”经费预算 | 6.20\n　公务接待费 | 6.20", bud3(2017),
			[]want{{"total_income", cur3, 2017, "", "8804000"}, {"total_expenditure", cur3, 2017, "", "8804000"}, {"three_public_total", cur3, 2017, "", "62000"}}, nil},
		{"a 收入总计 row wins over 收入预算", "单位：万元\n收入预算 | 800.00\n上年结转 | 80.40\n收入总计 | 880.40\n支出总计 | 880.40", bud3(2017),
			[]want{{"total_income", cur3, 2017, "", "8804000"}}, nil},
		{"negative: 预算 rows of a final account", "单位：万元\n收入预算 | 880.40\n支出预算 | 880.40\n“三公”经费预算 | 6.20\n公务接待费 | 6.20", fin3(2017),
			nil, []string{"total_income", "total_expenditure", "three_public_total"}},
	})
}

// TestProcurementTable: a 政府采购 table's 货物类/服务类/工程类 rows and its 合计
// (when such rows are listed) are read; the same rows under another title are
// not.
func TestProcurementTable(t *testing.T) {
	runGenCases(t, []genCase{
		{"tab rows under a 政府采购 title", "学校2023年部门预算公开表\n表4 政府采购预算（万元）\n货物类\t420.00\n服务类\t96.50\n工程类\t0.00\n合计\t516.50", bud3(2023),
			[]want{{"government_procurement_goods", cur3, 2023, "", "4200000"}, {"government_procurement_services", cur3, 2023, "", "965000"},
				{"government_procurement_works", cur3, 2023, "", "0"}, {"government_procurement", cur3, 2023, "", "5165000"}}, nil},
		{"negative: the 合计 of items that are not the three kinds", "表4 政府采购预算（万元）\n办公设备\t420.00\n印刷服务\t96.50\n合计\t516.50", bud3(2023),
			nil, []string{"government_procurement"}},
		{"negative: the rows under another title", "表4 资产配置情况（万元）\n货物类\t420.00\n服务类\t96.50\n合计\t516.50", bud3(2023),
			nil, []string{"government_procurement", "government_procurement_goods", "government_procurement_services"}},
	})
}

// TestThreePublicShortSubRows: in a 三公 table, 购置费/运行费 rows under 公务用车
// 购置及运行费 are the vehicle purchase and operation; the same words in
// another table are not read.
func TestThreePublicShortSubRows(t *testing.T) {
	runGenCases(t, []genCase{
		{"indented short names", "表3 “三公”经费预算表（万元）\n因公出国（境）费\t0.00\n公务接待费\t0.80\n公务用车购置及运行费\t5.60\n　购置费\t0.00\n　运行费\t5.60\n合计\t6.40", bud3(2022),
			[]want{{"three_public_vehicle_total", cur3, 2022, "", "56000"}, {"three_public_vehicle_purchase", cur3, 2022, "", "0"},
				{"three_public_vehicle_operation", cur3, 2022, "", "56000"}, {"three_public_total", cur3, 2022, "", "64000"}}, nil},
		{"negative: 运行费 in a table of another kind", "表5 机关运行经费（万元）\n办公费\t3.00\n运行费\t5.60\n印刷费\t1.00", bud3(2022),
			nil, []string{"three_public_vehicle_operation", "three_public_vehicle_purchase"}},
	})
}
