package extract

import "testing"

// Rules of the ninth generalisation round (set 9's failure families), each
// with phrasings set 9 does not contain and near misses that must not be
// extracted. All texts are written for this test (fictional departments and
// figures).

// TestTwoSidedSummaryTotals: a 收入支出总表 printed side by side (收入 | |
// 支出 | header, rows of income label and figure then expenditure label and
// figure) reads its 总计 row as the income total on the left and the
// expenditure total on the right; 本年收入合计/本年支出合计 give way to them.
// Its first row's 一般公共预算财政拨款收入 does not make it a 一般公共预算支出
// table.
func TestTwoSidedSummaryTotals(t *testing.T) {
	runGenCases(t, []genCase{
		{"总计 on both halves after 本年合计 rows", "某区档案馆2022年度部门决算\n收入支出决算总表\n单位：万元\n| 收入 | | 支出 | |\n| 项目 | 决算数 | 项目 | 决算数 |\n| 一、一般公共预算财政拨款收入 | 802.40 | 一、一般公共服务支出 | 700.10 |\n| 二、事业收入 | 10.00 | 二、住房保障支出 | 112.30 |\n| 本年收入合计 | 812.40 | 本年支出合计 | 812.40 |\n| 年初结转和结余 | 20.60 | 年末结转和结余 | 20.60 |\n| 总计 | 833.00 | 总计 | 833.00 |", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "8330000"}, {"total_expenditure", cur3, 2022, "", "8330000"},
				{"general_public_budget_income", cur3, 2022, "", "8024000"}, {"function_class", cur3, 2022, "住房保障支出", "1123000"}},
			[]string{"general_public_budget_expenditure"}},
		{"different totals on the two halves, without leading bars", "收入支出预算总表（单位：万元）\n收入 | | 支出 |\n项目 | 预算数 | 项目 | 预算数\n一般公共预算拨款收入 | 300.00 | 教育支出 | 290.00\n总计 | 300.00 | 总计 | 295.00", bud3(2024),
			[]want{{"total_income", cur3, 2024, "", "3000000"}, {"total_expenditure", cur3, 2024, "", "2950000"}},
			[]string{"general_public_budget_expenditure"}},
		{"negative: 总计 of a table naming 收入 and 支出 as columns", "收支对比表（单位：万元）\n项目 | 收入 | 支出\n总计 | 300.00 | 295.00", bud3(2024),
			nil, []string{"total_income", "total_expenditure"}},
		{"negative: 总计 in a one-sided income table", "部门收入总表（单位：万元）\n收入项目 | 预算数\n一般公共预算拨款收入 | 300.00\n总计 | 300.00", bud3(2024),
			[]want{{"general_public_budget_income", cur3, 2024, "", "3000000"}}, []string{"total_expenditure"}},
		{"a 一般公共预算支出 table keeps its 合计", "一般公共预算支出表（单位：万元）\n科目名称 | 合计\n教育支出 | 290.00\n住房保障支出 | 10.00\n合计 | 300.00", bud3(2024),
			[]want{{"general_public_budget_expenditure", cur3, 2024, "", "3000000"}}, []string{"total_income", "total_expenditure"}},
	})
}

// TestLabelFigureCells: a | table whose cells each hold a label and its
// figure ("收入合计 5,123,460.00 | 支出合计 5,123,460.00") is read as label and
// figure cells, each half of a side-by-side row with its own figure; a
// label holding a digit is not split.
func TestLabelFigureCells(t *testing.T) {
	runGenCases(t, []genCase{
		{"side-by-side label and figure cells", "某区残联2024年部门预算\n部门收支总表（单位：元）\n收入合计 5,123,460.00 | 支出合计 5,123,460.00\n一般公共预算拨款收入 4,923,460.00 | 社会保障和就业支出 5,000,000.00\n其他收入 200,000.00 | 住房保障支出 123,460.00", bud3(2024),
			[]want{{"total_income", cur3, 2024, "", "5123460"}, {"total_expenditure", cur3, 2024, "", "5123460"},
				{"general_public_budget_income", cur3, 2024, "", "4923460"}, {"other_income", cur3, 2024, "", "200000"},
				{"function_class", cur3, 2024, "住房保障支出", "123460"}}, nil},
		{"negative: labels naming a year are not split", "部门收支总表（单位：元）\n2023年收入 5,000,000.00 | 2023年支出 5,000,000.00\n2022年收入 4,000,000.00 | 2022年支出 4,000,000.00", bud3(2024),
			nil, []string{"total_income", "total_expenditure", "total_income@prior"}},
	})
}

// TestRoundedTextGivesWayToTable: a total stated rounded in the text
// (512.35万元) and exactly in a table (5,123,460.00元) is the table's exact
// figure; a text figure that is not the table's rounded is kept and the
// table's is not.
func TestRoundedTextGivesWayToTable(t *testing.T) {
	runGenCases(t, []genCase{
		{"rounded 万元 text before an exact 元 table", "某区残联2024年部门预算\n2024年部门收入预算512.35万元，支出预算512.35万元。\n部门收支总表（单位：元）\n项目 | 预算数\n收入总计 | 5,123,460.00\n支出总计 | 5,123,460.00\n一般公共预算拨款收入 | 5,123,460.00", bud3(2024),
			[]want{{"total_income", cur3, 2024, "", "5123460"}, {"total_expenditure", cur3, 2024, "", "5123460"}}, nil},
		{"negative: a text figure more than half its last place away is kept", "某区残联2024年部门预算\n2024年部门收入预算512.30万元。\n部门收支总表（单位：元）\n项目 | 预算数\n收入总计 | 5,123,460.00\n一般公共预算拨款收入 | 5,123,460.00", bud3(2024),
			[]want{{"total_income", cur3, 2024, "", "5123000"}}, nil},
		{"negative: a text figure as exact as the table's is kept", "某区残联2024年部门预算\n2024年部门收入预算5,123,400.00元。\n部门收支总表（单位：元）\n项目 | 预算数\n收入总计 | 5,123,460.00\n一般公共预算拨款收入 | 5,123,460.00", bud3(2024),
			[]want{{"total_income", cur3, 2024, "", "5123400"}}, nil},
	})
}

// TestColonFigureLines: rows written as one "label：figure" line each under
// a 单位 caption (and a title line) keep their line breaks and are read in
// the caption's unit, a bracketed remark after the figure skipped; a
// "label：figure" line followed by a unit, or a lone such line, is not a row.
func TestColonFigureLines(t *testing.T) {
	runGenCases(t, []genCase{
		{"label：figure lines under a title", "某区第三幼儿园2025年部门预算\n单位：元\n部门收支总表\n收入总计：4,210,500\n一般公共预算拨款收入：4,010,500\n其他收入：200,000\n支出总计：4,210,500\n基本支出：3,900,000（含人员经费）\n项目支出：310,500", bud3(2025),
			[]want{{"total_income", cur3, 2025, "", "4210500"}, {"general_public_budget_income", cur3, 2025, "", "4010500"},
				{"other_income", cur3, 2025, "", "200000"}, {"total_expenditure", cur3, 2025, "", "4210500"},
				{"basic_expenditure", cur3, 2025, "", "3900000"}, {"project_expenditure", cur3, 2025, "", "310500"}}, nil},
		{"negative: one label：figure line in running text", "某区第三幼儿园2025年部门预算\n单位：元\n说明：2025\n年度收支情况另行公开。", bud3(2025),
			nil, []string{"total_income", "total_expenditure"}},
		{"negative: a bracket remark left open ends the rows (fewer than three read)", "某区第三幼儿园2025年部门预算\n单位：元\n收入总计：4,210,500\n支出总计：4,210,500（含\n上年结转）\n基本支出：3,900,000", bud3(2025),
			nil, []string{"total_income", "basic_expenditure"}},
	})
}

// TestSemicolonJoinedRows: a table flattened onto one line, rows of "label |
// figure" joined with semicolons after a title ending in a colon, is read
// row by row; semicolons between figures with units (running text) and a
// line of only two such segments are left as they are.
func TestSemicolonJoinedRows(t *testing.T) {
	runGenCases(t, []genCase{
		{"bar rows joined with ; and ；", "某区档案馆2021年部门决算\n2021年度收入总计1,520.40万元。\n收入决算表（万元）：财政拨款收入 | 1,400.00 ；其他收入 | 20.40 ; 年初结转和结余 | 100.00\n支出决算表（万元）：基本支出 | 900.00 ; 项目支出 | 520.40 ; 年末结转和结余 | 100.00", fin3(2021),
			[]want{{"general_public_budget_income", cur3, 2021, "", "14000000"}, {"other_income", cur3, 2021, "", "204000"},
				{"carryover_income", cur3, 2021, "", "1000000"}, {"basic_expenditure", cur3, 2021, "", "9000000"},
				{"project_expenditure", cur3, 2021, "", "5204000"}}, nil},
		{"negative: semicolons in running text between figures with units", "某区档案馆2021年部门决算\n“三公”经费支出12.00万元。具体为：公务用车运行维护费10.00万元；公务接待费2.00万元；因公出国（境）费0万元。", fin3(2021),
			[]want{{"three_public_total", cur3, 2021, "", "120000"}}, []string{"basic_expenditure", "general_public_budget_income"}},
		{"negative: two segments are not a table", "某区档案馆2021年部门决算\n2021年度收入总计1,520.40万元。\n收入决算表（万元）：财政拨款收入 | 1,400.00 ; 其他收入 | 20.40", fin3(2021),
			[]want{{"total_income", cur3, 2021, "", "15204000"}}, []string{"general_public_budget_income", "other_income"}},
	})
}

// TestCSVRows: runs of two or more comma-separated lines, figures in quoted
// cells ("收入总计,\"1,520.40\""), are read as table rows with the unit of the
// header cell; an unquoted "label,1,234.56" (a thousands comma, not a cell
// delimiter) is not split, and a lone comma-separated line is left alone.
func TestCSVRows(t *testing.T) {
	runGenCases(t, []genCase{
		{"quoted figure cells under a header naming the unit", "某镇2021年部门决算\n全镇财政总收入2.10亿元。\n项目,金额（万元）\n收入总计,\"1,520.40\"\n其中：财政拨款收入,\"1,400.00\"\n其他收入,\"120.40\"\n支出总计,\"1,520.40\"\n基本支出,\"1,000.00\"", fin3(2021),
			[]want{{"total_income", cur3, 2021, "", "15204000"}, {"general_public_budget_income", cur3, 2021, "", "14000000"},
				{"other_income", cur3, 2021, "", "1204000"}, {"total_expenditure", cur3, 2021, "", "15204000"},
				{"basic_expenditure", cur3, 2021, "", "10000000"}}, nil},
		{"negative: unquoted thousands commas are not cell delimiters", "某镇2021年部门决算\n单位：万元\n一般公共服务支出,1,234.56\n农林水支出,2,100.00\n住房保障支出,88.00", fin3(2021),
			nil, []string{"function_class"}},
	})
}

// TestIdeographicSpaceCells: a table whose cells are separated by one
// ideographic space each (code, name, 年初预算, 决算数) is read like a tab
// table, the 年初预算 column as the initial budget; runs of ideographic
// spaces (alignment) are not cell separators.
func TestIdeographicSpaceCells(t *testing.T) {
	runGenCases(t, []genCase{
		{"code table with one ideographic space between cells", "某区档案馆2021年度部门决算\n一般公共预算财政拨款支出决算表\u3000单位：元\n科目编码\u3000科目名称\u3000年初预算\u3000决算数\n201\u3000一般公共服务支出\u30001,200,000.00\u30001,350,000.00\n221\u3000住房保障支出\u3000100,000.00\u3000112,500.00\n合计\u30001,300,000.00\u30001,462,500.00", fin3(2021),
			[]want{{"function_class", cur3, 2021, "一般公共服务支出", "1350000"}, {"function_class", ini3, 2021, "一般公共服务支出", "1200000"},
				{"function_class", cur3, 2021, "住房保障支出", "112500"}, {"general_public_budget_expenditure", cur3, 2021, "", "1462500"}}, nil},
		{"negative: two ideographic spaces are alignment, not a cell of a year column", "某区档案馆2021年度部门决算\n“三公”经费（单位：万元）\n2021年\u3000\u3000决算\u3000\u300012.00\n2020年\u3000\u3000决算\u3000\u300014.00", fin3(2021),
			nil, []string{"three_public_total@initial_budget", "function_class"}},
	})
}

// TestSpaceThousandsLines: "label figure" lines whose figures group
// thousands with spaces and carry a decimal part ("一般公共服务支出 2 906.40")
// are read in the text's one money unit; integers separated by a space are
// two columns, never one number.
func TestSpaceThousandsLines(t *testing.T) {
	runGenCases(t, []genCase{
		{"space-grouped figures with decimals", "某街道2023年部门预算\n2023年收入预算4,602.50万元。支出按功能分类如下（万元）：\n一般公共服务支出 3 100.20\n教育支出 60.00\n城乡社区支出 1 442.30", bud3(2023),
			[]want{{"function_class", cur3, 2023, "一般公共服务支出", "31002000"}, {"function_class", cur3, 2023, "教育支出", "600000"},
				{"function_class", cur3, 2023, "城乡社区支出", "14423000"}}, nil},
		{"negative: integers a space apart are not one number", "某街道2023年部门预算\n2023年收入预算4,602.50万元。支出按功能分类如下（万元）：\n一般公共服务支出 3 100\n教育支出 60 120\n城乡社区支出 1 442", bud3(2023),
			nil, []string{"function_class"}},
	})
}

// TestThreePublicHeadThenValueRow: a 三公 table run on below a | 收支总表
// under its own title line, printed as a header row of items over one row
// of figures, is read column by column; a header row whose next row has
// another width, or holds a label that names no stage, gives nothing.
func TestThreePublicHeadThenValueRow(t *testing.T) {
	const above = "某区档案馆2022年度部门决算\n收入支出决算总表\n单位：万元\n| 收入 | | 支出 | |\n| 项目 | 决算数 | 项目 | 决算数 |\n| 一、一般公共预算财政拨款收入 | 802.40 | 一、一般公共服务支出 | 802.40 |\n| 总计 | 802.40 | 总计 | 802.40 |\n"
	runGenCases(t, []genCase{
		{"header row of items over the figures", above + "表三　三公经费支出决算表　单位：万元\n| 因公出国（境）费 | 公务用车购置及运行费 | 公务接待费 | 合计 |\n| 1.20 | 3.40 | 0.60 | 5.20 |", fin3(2022),
			[]want{{"three_public_total", cur3, 2022, "", "52000"}, {"three_public_overseas", cur3, 2022, "", "12000"},
				{"three_public_reception", cur3, 2022, "", "6000"}, {"total_expenditure", cur3, 2022, "", "8024000"}}, nil},
		{"the run-on table's own unit", above + "表三　三公经费支出决算表　单位：元\n| 合计 | 公务接待费 | 因公出国（境）费 |\n| 52,000.00 | 6,000.00 | 46,000.00 |", fin3(2022),
			[]want{{"three_public_total", cur3, 2022, "", "52000"}, {"three_public_reception", cur3, 2022, "", "6000"}}, nil},
		{"negative: the figure row is narrower than the header", above + "表三　三公经费支出决算表　单位：万元\n| 合计 | 公务接待费 | 因公出国（境）费 | 公务用车费 |\n| 5.20 | 0.60 | 1.20 |", fin3(2022),
			nil, []string{"three_public_total", "three_public_reception", "three_public_overseas"}},
		{"negative: the next row is a unit's row", above + "表三　三公经费支出决算表　单位：万元\n| 合计 | 公务接待费 | 因公出国（境）费 |\n| 其中：机关本级 | 0.60 | 1.20 |", fin3(2022),
			nil, []string{"three_public_total", "three_public_reception", "three_public_overseas"}},
	})
}

// TestSemicolonSideLines: a 收支总表 written as one line per side, its rows
// joined with semicolons after a "收入：" / "支出：" title ("收入：一般公共预算
// 拨款 1,234 ；其他收入 56 ；合计 1,290"), is read row by row under its
// caption's unit; the lines around it do not run into its first and last
// rows, and its 合计 rows are not read as totals. Two segments are not rows.
func TestSemicolonSideLines(t *testing.T) {
	runGenCases(t, []genCase{
		{"收入 and 支出 lines of semicolon-joined rows", "某区档案馆2023年部门预算\n收支预算总表　　金额单位：千元\n收入：一般公共预算拨款 12,340 ；事业收入 560 ；合计 12,900\n支出：文化旅游体育与传媒支出 11,800 ；住房保障支出 1,100 ；合计 12,900\n本馆预算安排如上。", bud3(2023),
			[]want{{"general_public_budget_income", cur3, 2023, "", "12340000"}, {"business_income", cur3, 2023, "", "560000"},
				{"function_class", cur3, 2023, "住房保障支出", "1100000"}, {"function_class", cur3, 2023, "文化旅游体育与传媒支出", "11800000"}},
			[]string{"total_income", "total_expenditure"}},
		{"negative: two segments are not rows", "某区档案馆2023年部门预算\n收支预算总表　　金额单位：千元\n收入：一般公共预算拨款 12,340 ；合计 12,340\n支出：住房保障支出 1,100 ；合计 1,100", bud3(2023),
			nil, []string{"general_public_budget_income", "function_class", "total_income", "total_expenditure"}},
		{"negative: a sentence with semicolons after 收入：", "某区档案馆2023年部门预算\n金额单位：千元\n收入：一般公共预算拨款比上年增加 340 ；其他收入减少 56 ；合计增加了 284 。", bud3(2023),
			nil, []string{"general_public_budget_income", "other_income", "total_income"}},
	})
}

// TestLabelsBeforeFigures: a table printed one cell per line with all its
// labels (项目, the rows, the column's 合计) before as many figures is read
// row by row; one figure short, a column header that is not 合计/金额, or a
// label holding a digit gives nothing.
func TestLabelsBeforeFigures(t *testing.T) {
	runGenCases(t, []genCase{
		{"income and expenditure tables, labels first", "某区档案馆2021年度部门决算表\n收入决算表\n单位：万元\n项目\n本年收入合计\n财政拨款收入\n事业收入\n合计\n402.50\n400.00\n2.50\n支出决算表\n单位：万元\n项目\n本年支出合计\n基本支出\n项目支出\n合计\n402.50\n310.20\n92.30", fin3(2021),
			[]want{{"general_public_budget_income", cur3, 2021, "", "4000000"}, {"business_income", cur3, 2021, "", "25000"},
				{"basic_expenditure", cur3, 2021, "", "3102000"}, {"project_expenditure", cur3, 2021, "", "923000"}}, nil},
		{"negative: one figure short", "收入决算表\n单位：万元\n项目\n本年收入合计\n财政拨款收入\n事业收入\n合计\n402.50\n400.00", fin3(2021),
			nil, []string{"general_public_budget_income", "business_income"}},
		{"negative: a column header naming a stage", "收入决算表\n单位：万元\n项目\n财政拨款收入\n事业收入\n年初预算数\n400.00\n2.50", fin3(2021),
			nil, []string{"general_public_budget_income", "business_income", "general_public_budget_income@initial_budget"}},
		{"negative: a label holding a year", "收入决算表\n单位：万元\n项目\n2020年财政拨款收入\n事业收入\n合计\n400.00\n2.50", fin3(2021),
			nil, []string{"general_public_budget_income", "business_income"}},
	})
}
