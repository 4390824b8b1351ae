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
				{"function_class", cur3, 2019, "住房保障支出", "315000"}}, nil},
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
