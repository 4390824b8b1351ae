package extract

import "testing"

// Rules of the seventh generalisation round (set 7's failure families), each
// with phrasings set 7 does not contain and near misses that must not be
// extracted. All texts are written for this test (fictional departments and
// figures).

// TestCaptionlessHeaderColumns: a | table without a 单位 caption is read
// with its header row, so a 年初预算 column is the initial budget and the
// 决算 column the figure, 本年数/上年数 columns are this year's and the
// previous year's figures, and a header whose columns cannot be told apart
// leaves the table out.
func TestCaptionlessHeaderColumns(t *testing.T) {
	runGenCases(t, []genCase{
		{"年初预算 before 决算数", "（四）“三公”经费支出情况（万元）\n|项目|年初预算|决算数|\n|合计|16.00|12.40|\n|公务接待费|4.00|2.40|\n|公务用车运行维护费|12.00|10.00|\n以上为本单位“三公”经费。", fin3(2022),
			[]want{{"three_public_total", cur3, 2022, "", "124000"}, {"three_public_total", ini3, 2022, "", "160000"},
				{"three_public_reception", cur3, 2022, "", "24000"}, {"three_public_vehicle_operation", cur3, 2022, "", "100000"}}, nil},
		{"决算数 before 年初预算数, no outer bars", "支出决算情况如下（单位均为万元，见正文）：本年支出合计820.00万元。\n项目 | 决算数 | 年初预算数\n基本支出 | 500.00 | 520.00\n项目支出 | 320.00 | 300.00\n其他 | 0.00 | 0.00", fin3(2021),
			[]want{{"basic_expenditure", cur3, 2021, "", "5000000"}, {"project_expenditure", cur3, 2021, "", "3200000"}}, nil},
		{"本年数 and 上年数 in a final account", "一、收入支出决算总表\n单位：万元\n项目|本年数|上年数\n本年收入合计|900.00|850.00\n年初结转和结余|100.00|60.00\n收入总计|1,000.00|910.00\n本年支出合计|880.00|810.00\n支出总计|1,000.00|910.00", fin3(2023),
			[]want{{"total_income", cur3, 2023, "", "10000000"}, {"total_income", prior3, 2022, "", "9100000"},
				{"total_expenditure", cur3, 2023, "", "10000000"}, {"carryover_income", cur3, 2023, "", "1000000"}},
			nil},
		{"negative: columns of other years are not this year's", "|项目|2019年决算|2020年决算|\n|合计|16.00|12.40|\n|公务接待费|4.00|2.40|\n|公务用车运行维护费|12.00|10.00|\n本单位2022年“三公”经费共9.60万元。", fin3(2022),
			[]want{{"three_public_total", cur3, 2022, "", "96000"}}, []string{"three_public_reception", "three_public_vehicle_operation", "three_public_total@prior"}},
		{"negative: a change column is not read", "本单位2022年“三公”经费决算16.00万元。\n|项目|决算数|比上年增减|\n|合计|16.00|2.40|\n|公务接待费|4.00|1.00|\n|公务用车运行维护费|12.00|3.40|", fin3(2022),
			[]want{{"three_public_total", cur3, 2022, "", "160000"}, {"three_public_reception", cur3, 2022, "", "40000"}}, []string{"three_public_total@prior"}},
	})
}

// TestDepartmentSpendTotalWeak: 部门支出合计 (the department's 本年支出合计,
// split into 基本支出 and 项目支出) gives way to a 支出总计 printed in the
// same text, and is the total where none is printed.
func TestDepartmentSpendTotalWeak(t *testing.T) {
	runGenCases(t, []genCase{
		{"支出总计 in a table after the narrative", "2022年度本部门支出合计460.00万元，其中基本支出300.00万元，项目支出160.00万元。\n单位：万元\n项目|本年数\n本年支出合计|460.00\n年末结转和结余|40.00\n支出总计|500.00", fin3(2022),
			[]want{{"total_expenditure", cur3, 2022, "", "5000000"}, {"basic_expenditure", cur3, 2022, "", "3000000"}}, nil},
		{"支出总计 stated first", "2022年度支出总计500.00万元。本单位支出合计460.00万元，其中基本支出300.00万元。", fin3(2022),
			[]want{{"total_expenditure", cur3, 2022, "", "5000000"}}, nil},
		{"部门支出合计 alone is the total", "2024年部门支出合计1,120.00万元，其中基本支出800.00万元，项目支出320.00万元。", bud3(2024),
			[]want{{"total_expenditure", cur3, 2024, "", "11200000"}}, nil},
		{"部门收入合计 gives way to 收入总计", "2022年度部门收入合计460.00万元，年初结转和结余40.00万元，收入总计500.00万元。", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "5000000"}}, nil},
	})
}

// TestJointZeroListAfterRestatement: a "均为0" list joined by a comma takes
// the label before the comma only when that label opens its clause; a label
// that restates the figure before it ("全部为公务接待费，…均为0") is no
// member of the list.
func TestJointZeroListAfterRestatement(t *testing.T) {
	runGenCases(t, []genCase{
		{"restatement then the zero items", "2023年“三公”经费预算6.00万元，全部为公务用车运行维护费，因公出国（境）费、公务接待费均为0。", bud3(2023),
			[]want{{"three_public_vehicle_operation", cur3, 2023, "", "60000"}, {"three_public_overseas", cur3, 2023, "", "0"}, {"three_public_reception", cur3, 2023, "", "0"}}, nil},
		{"是 restatement in a final account", "2021年度“三公”经费支出2.10万元，全部是公务接待费，因公出国（境）费和公务用车购置及运行维护费均为0万元。", fin3(2021),
			[]want{{"three_public_total", cur3, 2021, "", "21000"}, {"three_public_reception", cur3, 2021, "", "21000"}, {"three_public_overseas", cur3, 2021, "", "0"}, {"three_public_vehicle_total", cur3, 2021, "", "0"}}, nil},
		{"a comma list that opens its clause is a list", "2023年“三公”经费预算0万元，其中因公出国（境）费，公务接待费，公务用车购置及运行维护费均为0万元。", bud3(2023),
			[]want{{"three_public_overseas", cur3, 2023, "", "0"}, {"three_public_reception", cur3, 2023, "", "0"}, {"three_public_vehicle_total", cur3, 2023, "", "0"}}, nil},
	})
}

// TestEarlierYearClauseEnds: an earlier year opening a clause after a comma
// ("，2011年为4.8万元") holds for that clause only; the figure after the next
// semicolon is the document's year's, and a year that opens the sentence
// still holds for all of it.
func TestEarlierYearClauseEnds(t *testing.T) {
	runGenCases(t, []genCase{
		{"the next item is this year's", "其中：车辆运行费3.6万元，2013年为4.0万元；公务接待费0.9万元。", bud3(2014),
			[]want{{"three_public_vehicle_operation", cur3, 2014, "", "36000"}, {"three_public_reception", cur3, 2014, "", "9000"}}, []string{"three_public_reception@prior"}},
		{"上年 wording keeps working", "其中：公务接待费1.5万元，比上年减少0.3万元；公务用车运行费6.0万元。", bud3(2016),
			[]want{{"three_public_reception", cur3, 2016, "", "15000"}, {"three_public_vehicle_operation", cur3, 2016, "", "60000"}}, nil},
		{"negative: a year opening the sentence holds after a semicolon", "2013年“三公”经费决算5.0万元；其中公务接待费1.1万元。", bud3(2014),
			nil, []string{"three_public_reception@current", "three_public_total@current"}},
	})
}

// TestYearColumnsAndLaterTables: a column headed by a year alone
// ("2020年度", "2019年") holds the document's stage for that year; a tab or
// | table further down a caption's region, after running text, is read
// from its own header; a year column of neither this year nor the previous
// one is not read.
func TestYearColumnsAndLaterTables(t *testing.T) {
	runGenCases(t, []genCase{
		{"year columns in a final account, tabs", "收入支出决算表\t金额单位：万元\n项目\t2020年度\t2019年度\n事业收入\t2,400.00\t2,210.50\n其他收入\t36.00\t40.00\n本年收入合计\t2,436.00\t2,250.50", fin3(2020),
			[]want{{"business_income", cur3, 2020, "", "24000000"}, {"business_income", prior3, 2019, "", "22105000"}, {"other_income", prior3, 2019, "", "400000"}}, nil},
		{"year budget columns after prose under a 千元 caption", "（金额单位：千元）\n一、收支总体\n2024年部门收入预算合计12,000千元，全部为一般公共预算拨款收入，支出预算合计12,000千元，主要用于履职。\n二、“三公”经费预算表\n项目 | 2024年预算 | 2023年预算\n合计 | 90 | 110\n公务接待费 | 30 | 40\n公务用车运行维护费 | 60 | 70", bud3(2024),
			[]want{{"three_public_total", cur3, 2024, "", "90000"}, {"three_public_total", prior3, 2023, "", "110000"}, {"three_public_reception", cur3, 2024, "", "30000"}, {"three_public_vehicle_operation", prior3, 2023, "", "70000"}}, nil},
		{"negative: columns of two earlier years", "（金额单位：万元）\n2024年“三公”经费预算8.00万元，较上年减少，主要是压减公务接待，严格执行中央八项规定精神。\n项目 | 2021年 | 2022年\n合计 | 9.00 | 10.00\n公务接待费 | 3.00 | 4.00\n公务用车运行维护费 | 6.00 | 6.00", bud3(2024),
			[]want{{"three_public_total", cur3, 2024, "", "80000"}}, []string{"three_public_reception", "three_public_vehicle_operation", "three_public_total@prior"}},
	})
}

// TestSpaceThousandsTable: a | table that groups thousands with spaces
// throughout ("| 事业收入 | 12 406.10 | 11 980.00 |") is read; one spaced
// cell in a table that writes other large figures plainly is not a figure.
func TestSpaceThousandsTable(t *testing.T) {
	runGenCases(t, []genCase{
		{"spaced thousands with 本年数 | 上年数", "收入支出决算总表（单位：万元）\n| 项目 | 本年数 | 上年数 |\n| 事业收入 | 12 406.10 | 11 980.00 |\n| 其他收入 | 320.40 | 298.00 |\n| 收入总计 | 14 006.50 | 13 100.00 |\n收入较上年增加。", fin3(2021),
			[]want{{"business_income", cur3, 2021, "", "124061000"}, {"business_income", prior3, 2020, "", "119800000"}, {"total_income", cur3, 2021, "", "140065000"}, {"other_income", cur3, 2021, "", "3204000"}}, nil},
		{"spaced thousands, one column", "单位：万元\n| 项目 | 决算数 |\n| 财政拨款收入 | 2 310.00 |\n| 事业收入 | 1 120.50 |", fin3(2021),
			[]want{{"general_public_budget_income", cur3, 2021, "", "23100000"}, {"business_income", cur3, 2021, "", "11205000"}}, nil},
		{"negative: one spaced cell among plain large figures", "单位：万元\n| 项目 | 决算数 |\n| 财政拨款收入 | 2310.00 |\n| 事业收入 | 11 205.00 |\n| 其他收入 | 3 12.00 |", fin3(2021),
			[]want{{"general_public_budget_income", cur3, 2021, "", "23100000"}}, []string{"business_income", "other_income"}},
	})
}

// TestPerLineColumns: a table printed one cell per line with two or three
// figure columns is read by the column names of its header (one per line,
// or run together into one line); a column that cannot be placed (调整预算,
// 增减) is not read, and a row without a figure for every column leaves the
// table out.
func TestPerLineColumns(t *testing.T) {
	runGenCases(t, []genCase{
		{"年初预算 and 决算数, names on their own lines", "支出决算表\n单位：万元\n项目\n\n年初预算数\n\n决算数\n\n教育支出\n\n420.00\n\n436.50\n\n卫生健康支出\n\n80.00\n\n76.20\n\n三、说明", fin3(2021),
			[]want{{"function_class", cur3, 2021, "教育支出", "4365000"}, {"function_class", ini3, 2021, "教育支出", "4200000"}, {"function_class", cur3, 2021, "卫生健康支出", "762000"}}, nil},
		{"three columns with an adjusted budget", "单位：万元\n科目\n年初预算\n调整预算\n决算\n农林水支出\n300.00\n320.00\n318.40\n住房保障支出\n40.00\n40.00\n39.10", fin3(2020),
			[]want{{"function_class", cur3, 2020, "农林水支出", "3184000"}, {"function_class", ini3, 2020, "农林水支出", "3000000"}, {"function_class", cur3, 2020, "住房保障支出", "391000"}}, nil},
		{"本年数 and 上年数 in a budget", "单位：万元\n项目\n本年数\n上年数\n基本支出\n610.00\n590.00\n项目支出\n210.00\n260.00", bud3(2024),
			[]want{{"basic_expenditure", cur3, 2024, "", "6100000"}, {"basic_expenditure", prior3, 2023, "", "5900000"}, {"project_expenditure", cur3, 2024, "", "2100000"}}, nil},
		{"negative: a change column and a short row", "单位：万元\n项目\n决算数\n增减\n基本支出\n610.00\n20.00\n项目支出\n210.00", fin3(2022),
			nil, []string{"basic_expenditure", "project_expenditure"}},
	})
}

// TestSourceRestatementAndHiredStaff: "X，资金来源全部是 L" restates X as L's
// figure (a strong marker only); 聘用人员 beside the staff in post (另有…)
// is temporary staff, alone it is not read.
func TestSourceRestatementAndHiredStaff(t *testing.T) {
	runGenCases(t, []genCase{
		{"资金来源全部是", "2024年收入预算860.00万元，资金来源全部是一般公共预算拨款；支出预算860.00万元。", bud3(2024),
			[]want{{"total_income", cur3, 2024, "", "8600000"}, {"general_public_budget_income", cur3, 2024, "", "8600000"}}, nil},
		{"经费来源均为 in a final account", "2021年度收入决算合计315.20万元，经费来源均为财政拨款。", fin3(2021),
			[]want{{"general_public_budget_income", cur3, 2021, "", "3152000"}}, nil},
		{"negative: 资金来源 with a bare 为 names no whole", "2024年收入预算860.00万元，资金来源为一般公共预算拨款和上年结转。", bud3(2024),
			[]want{{"total_income", cur3, 2024, "", "8600000"}}, []string{"general_public_budget_income"}},
		{"另有聘用人员", "本局实有在职人员21人，另有聘用人员6名。", bud3(2022),
			[]want{{"staff_in_post", cur3, 2022, "", "21"}, {"temporary_staff", cur3, 2022, "", "6"}}, nil},
		{"negative: 聘用人员 alone", "学校聘用人员45名，均为事业编制。", bud3(2022),
			nil, []string{"temporary_staff"}},
	})
}

// TestPerLineWithoutCaption: label and figure lines (three pairs or more)
// without a 单位 caption are read in the one money unit of the whole text;
// with two units in the text, or fewer than three pairs, nothing is read.
func TestPerLineWithoutCaption(t *testing.T) {
	runGenCases(t, []genCase{
		{"class rows under a heading", "一、2023年部门收入预算640.00万元。\n二、一般公共预算支出功能分类\n教育支出\n600.00\n社会保障和就业支出\n30.00\n住房保障支出\n10.00\n合计\n640.00\n三、其他", bud3(2023),
			[]want{{"function_class", cur3, 2023, "教育支出", "6000000"}, {"function_class", cur3, 2023, "住房保障支出", "100000"}, {"general_public_budget_expenditure", cur3, 2023, "", "6400000"}}, nil},
		{"negative: two units in the text", "一、2023年部门收入预算640.00万元，机关运行经费12,000元。\n教育支出\n600.00\n社会保障和就业支出\n30.00\n住房保障支出\n10.00", bud3(2023),
			nil, []string{"function_class"}},
		{"negative: two pairs only", "一、2023年部门收入预算640.00万元。\n教育支出\n600.00\n住房保障支出\n40.00\n三、其他", bud3(2023),
			nil, []string{"function_class"}},
	})
}

// TestUnitsMadeUpOf: "由…本级及/和 A、B N个单位组成/构成/的决算汇总而成" counts
// the budget's units; a count of subordinate units alone, or a second count
// of units in the sentence, gives none.
func TestUnitsMadeUpOf(t *testing.T) {
	runGenCases(t, []genCase{
		{"组成", "本部门预算由局机关本级及区档案馆、区史志中心3个单位组成。", bud3(2024),
			[]want{{"budget_units", cur3, 2024, "", "3"}}, nil},
		{"的决算汇总而成", "本部门决算由乡机关本级和乡文化站2个单位的决算汇总而成。", fin3(2020),
			[]want{{"budget_units", cur3, 2020, "", "2"}}, nil},
		{"negative: subordinate units only", "局下属事业单位由区检测站、区服务中心2个单位组成。", bud3(2024),
			nil, []string{"budget_units"}},
		{"negative: two counts of units", "本部门预算由局机关本级及区档案馆、区史志中心2个单位组成，其中行政单位1个。", bud3(2024),
			nil, []string{"budget_units"}},
		{"negative: 本级及下属 N counts the subordinate units only", "本部门预算由局机关本级及下属2个单位组成。", bud3(2024),
			nil, []string{"budget_units"}},
	})
}
