package extract

import "testing"

// Rules of the fourth generalisation round, each with at least three
// phrasings that match and one that must not. All texts are written for this
// test (fictional departments and figures).

// TestGlossaryTOC: a 名词解释 entry in a table of contents starts no
// glossary; a glossary starts only where definitions follow and ends at the
// next section heading, after which figures are read again.
func TestGlossaryTOC(t *testing.T) {
	runGenCases(t, []genCase{
		{"TOC with an ellipsis line", "目录\n第一部分 单位概况\n第二部分 名词解释\n……\n第三部分 2023年部门预算情况说明\n2023年收入预算总计640.00万元，支出预算总计640.00万元。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "6400000"}, {"total_expenditure", cur3, 2023, "", "6400000"}}, nil},
		{"TOC lines one after another", "目 录\n一、部门主要职责\n二、名词解释\n三、附表\n一、部门主要职责\n负责全镇农业技术推广。\n三、附表说明\n2022年度收入总计1,018.20万元。", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "10182000"}}, nil},
		{"TOC line dotted to a page number", "目录\n四、名词解释……………………12\n五、收支情况\n2024年部门预算收入总计318.00万元。", bud3(2024),
			[]want{{"total_income", cur3, 2024, "", "3180000"}}, nil},
		{"glossary ends at the next section heading", "五、名词解释\n1.基本支出：指为保障机构正常运转发生的支出，如2.00万元的办公费。\n2.项目支出：是指为完成特定任务发生的支出。\n六、“三公”经费情况\n2023年“三公”经费预算3.40万元。", bud3(2023),
			[]want{{"three_public_total", cur3, 2023, "", "34000"}}, []string{"basic_expenditure", "project_expenditure"}},
		{"glossary on the heading line, term without colon", "七、名词解释：“三公”经费指用财政拨款安排的因公出国（境）费、公务接待费，上年为5.00万元。\n", fin3(2022),
			nil, []string{"three_public_total"}},
		{"negative: a real glossary still hides its figures", "2023年收入预算总计640.00万元。\n名词解释\n（一）财政拨款收入：指区财政当年拨付的资金，例如基本支出500.00万元。\n（二）项目支出：反映专项业务支出。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "6400000"}}, []string{"basic_expenditure"}},
	})
}

// TestStaffWordings: 实有, 实有人员, 在职 (also traditional 在職) right
// before a count are the staff in post; 离退休职工/离退休干部 the retired.
func TestStaffWordings(t *testing.T) {
	runGenCases(t, []genCase{
		{"bare 实有 after the posts", "三、人员情况：核定编制28人，实有25人；退休人员7人。", bud3(2023),
			[]want{{"staff_in_post", cur3, 2023, "", "25"}, {"retired_staff", cur3, 2023, "", "7"}}, nil},
		{"实有人员 in 名", "人员构成：行政编制9名，实有人员11名。", bud3(2024),
			[]want{{"staff_in_post", cur3, 2024, "", "11"}}, nil},
		{"traditional 在職 and 离退休职工", "本單位事業編制30人，在職27人，离退休职工12人。", bud3(2022),
			[]want{{"staff_in_post", cur3, 2022, "", "27"}, {"retired_staff", cur3, 2022, "", "12"}}, nil},
		{"离退休干部", "单位在职人员40人，离退休干部15人。", fin3(2021),
			[]want{{"retired_staff", cur3, 2021, "", "15"}}, nil},
		{"negative: 在职 inside another phrase is not the staff", "全年组织在职党员学习教育12次，培训在职干部培训班学员120人次。", bud3(2023),
			nil, []string{"staff_in_post"}},
	})
}

// TestClassWordings: a 类 named with 科目, (类), 支出决算/支出预算 after it,
// after a list marker, a year or 主要用于 is the function class.
func TestClassWordings(t *testing.T) {
	runGenCases(t, []genCase{
		{"quoted name with 科目", "支出预算900.00万元，主要用于：“教育支出”科目610.00万元；“住房保障支出”科目290.00万元。", bud3(2022),
			[]want{{"function_class", cur3, 2022, "教育支出", "6100000"}, {"function_class", cur3, 2022, "住房保障支出", "2900000"}}, nil},
		{"(类) and 决算 after a list marker", "四、农林水支出（类）决算1,204.50万元。", fin3(2020),
			[]want{{"function_class", cur3, 2020, "农林水支出", "12045000"}}, nil},
		{"支出决算 right after the name", "三、交通运输支出决算356.70万元。", fin3(2023),
			[]want{{"function_class", cur3, 2023, "交通运输支出", "3567000"}}, nil},
		{"a year before the name", "2024年节能环保支出预算88.00万元。", bud3(2024),
			[]want{{"function_class", cur3, 2024, "节能环保支出", "880000"}}, nil},
		{"主要用于 a class", "一般公共预算支出2,000.00万元，主要用于城乡社区支出（类）1,500.00万元。", bud3(2021),
			[]want{{"function_class", cur3, 2021, "城乡社区支出", "15000000"}}, nil},
		{"negative: a list of classes with one figure", "教育支出、科学技术支出决算共计300.00万元。", fin3(2023),
			nil, []string{"function_class"}},
		{"negative: a word before the name is not a boundary", "全区城乡社区支出决算9,800.00万元。", fin3(2023),
			nil, []string{"function_class"}},
	})
}

// TestFiscalSpendBreakdown: the classes after 其中 under a 财政拨款支出
// figure (which has no metric) are the department's classes, not parts of
// the 财政拨款收入 stated before it.
func TestFiscalSpendBreakdown(t *testing.T) {
	runGenCases(t, []genCase{
		{"after 财政拨款收入 in one sentence", "财政拨款收入820.00万元，财政拨款支出815.40万元，其中教育支出700.00万元，住房保障支出115.40万元。", fin3(2022),
			[]want{{"function_class", cur3, 2022, "教育支出", "7000000"}, {"function_class", cur3, 2022, "住房保障支出", "1154000"}}, nil},
		{"财政拨款支出决算为", "本年财政拨款收入640.00万元，财政拨款支出决算为633.20万元，其中：农林水支出600.00万元。", fin3(2021),
			[]want{{"function_class", cur3, 2021, "农林水支出", "6000000"}}, nil},
		{"财政拨款支出预算合计", "财政拨款收入1,200.00万元，财政拨款支出预算合计1,200.00万元，其中卫生健康支出1,050.00万元。", bud3(2024),
			[]want{{"function_class", cur3, 2024, "卫生健康支出", "10500000"}}, nil},
		{"negative: a class under 财政拨款收入 is still not read", "财政拨款收入820.00万元，其中教育支出700.00万元。", fin3(2022),
			nil, []string{"function_class"}},
	})
}

// TestInitialBudgetClauseEnds: a 年初预算 side figure ends at its closing
// parenthesis, ';' or its change statement; the breakdown after it is of the
// final account's own figure (period current), not of the initial budget.
func TestInitialBudgetClauseEnds(t *testing.T) {
	runGenCases(t, []genCase{
		{"parenthesised 年初预算", "“三公”经费决算8.10万元（年初预算9.00万元）：公务接待费3.10万元，公务用车运行维护费5.00万元。", fin3(2022),
			[]want{{"three_public_reception", cur3, 2022, "", "31000"}, {"three_public_vehicle_operation", cur3, 2022, "", "50000"}, {"three_public_total", ini3, 2022, "", "90000"}},
			[]string{"three_public_reception@initial_budget", "three_public_vehicle_operation@initial_budget"}},
		{"after its change statement", "“三公”经费决算数1.40万元，比年初预算2.00万元减少0.60万元，其中公务接待费1.40万元。", fin3(2021),
			[]want{{"three_public_reception", cur3, 2021, "", "14000"}}, []string{"three_public_reception@initial_budget"}},
		{"after ';'", "“三公”经费支出决算3.00万元，年初预算4.00万元；其中公务用车运行维护费3.00万元。", fin3(2023),
			[]want{{"three_public_vehicle_operation", cur3, 2023, "", "30000"}}, []string{"three_public_vehicle_operation@initial_budget"}},
		{"negative: the breakdown of the 年初预算 itself", "“三公”经费支出决算3.00万元，年初预算4.00万元，其中公务接待费年初预算1.00万元。", fin3(2023),
			[]want{{"three_public_reception", ini3, 2023, "", "10000"}}, []string{"three_public_reception@current"}},
	})
}

// TestRestatementPlaces: "X，全部为 L" also after side clauses that compare
// X or state its 年初预算, and "X(L)" with L in parentheses.
func TestRestatementPlaces(t *testing.T) {
	runGenCases(t, []genCase{
		{"after a comparison clause", "2024年“三公”经费预算2.40万元，较上年预算减少0.20万元，全部为公务接待费。", bud3(2024),
			[]want{{"three_public_reception", cur3, 2024, "", "24000"}}, nil},
		{"after a 年初预算 clause", "“三公”经费决算1.30万元，年初预算1.80万元，均为公务用车运行维护费。", fin3(2022),
			[]want{{"three_public_vehicle_operation", cur3, 2022, "", "13000"}}, []string{"three_public_vehicle_operation@initial_budget"}},
		{"in parentheses", "2023年“三公”经费预算0.90万元（公务接待费）。", bud3(2023),
			[]want{{"three_public_reception", cur3, 2023, "", "9000"}}, nil},
		{"in parentheses, vehicle operation", "“三公”经费预算6.00万元（公务用车运行维护费），与上年持平。", bud3(2025),
			[]want{{"three_public_vehicle_operation", cur3, 2025, "", "60000"}}, nil},
		{"negative: a clause that is not a side clause stops the search", "“三公”经费预算2.40万元，主要用于保障基层工作，全部为公务接待费。", bud3(2024),
			nil, []string{"three_public_reception"}},
		{"negative: parentheses with a figure are not a restatement", "“三公”经费预算2.40万元（公务接待费1.00万元）。", bud3(2024),
			[]want{{"three_public_reception", cur3, 2024, "", "10000"}}, nil},
	})
}

// TestIncomeWordings: 预算(总)收入/预算支出 at a boundary are the totals;
// 财政补助收入 is the appropriation (weak, like 财政拨款收入), a hospital's
// 医疗收入 its business income, 其他资金收入 other income.
func TestIncomeWordings(t *testing.T) {
	runGenCases(t, []genCase{
		{"部门预算总收入", "2012年部门预算总收入206.00万元，全部为财政拨款。", bud3(2012),
			[]want{{"total_income", cur3, 2012, "", "2060000"}, {"general_public_budget_income", cur3, 2012, "", "2060000"}}, nil},
		{"预算收入/预算支出 in 元", "本单位2019年预算收入1,250,000元，预算支出1,250,000元。", bud3(2019),
			[]want{{"total_income", cur3, 2019, "", "1250000"}, {"total_expenditure", cur3, 2019, "", "1250000"}}, nil},
		{"hospital income sources", "2017年预算收入合计9,200.00万元，其中：财政补助收入900.00万元，医疗收入8,000.00万元，其他资金收入300.00万元。", bud3(2017),
			[]want{{"general_public_budget_income", cur3, 2017, "", "9000000"}, {"business_income", cur3, 2017, "", "80000000"}, {"other_income", cur3, 2017, "", "3000000"}}, nil},
		{"negative: a fund's 预算收入 is not the total", "2019年政府性基金预算收入80.00万元。", bud3(2019),
			[]want{{"government_fund_income", cur3, 2019, "", "800000"}}, []string{"total_income"}},
		{"negative: 预算收入 after a word is not the total", "全区一般债务预算收入2,000.00万元。", bud3(2019),
			nil, []string{"total_income"}},
	})
}

// TestUnitAfterTable: label and figure lines before a unit caption that
// follows them (or stands apart) are a table in that unit.
func TestUnitAfterTable(t *testing.T) {
	runGenCases(t, []genCase{
		{"unit note right after", "支出预算合计900.00万元，其中：\n人员经费\n600.00\n公用经费\n80.00\n项目支出\n220.00\n（以上单位：万元）", bud3(2024),
			[]want{{"personnel_expenditure", cur3, 2024, "", "6000000"}, {"public_expenditure", cur3, 2024, "", "800000"}, {"project_expenditure", cur3, 2024, "", "2200000"}}, nil},
		{"unit at the end, prose between", "一、收支总体情况\n收入总计\n1,020.00\n支出总计\n1,020.00\n基本支出\n700.00\n二、三公经费决算3.00万元。\n单位：万元", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "10200000"}, {"total_expenditure", cur3, 2022, "", "10200000"}, {"basic_expenditure", cur3, 2022, "", "7000000"}}, nil},
		{"unit in 元", "收入总计\n560,000\n支出总计\n560,000\n项目支出\n120,000\n单位：元", bud3(2020),
			[]want{{"total_income", cur3, 2020, "", "560000"}, {"project_expenditure", cur3, 2020, "", "120000"}}, nil},
		{"negative: only two pairs", "收入总计\n1,020.00\n支出总计\n1,020.00\n单位：万元", fin3(2022),
			nil, []string{"total_income", "total_expenditure"}},
		{"negative: captions of different units", "收入总计\n1,020.00\n支出总计\n1,020.00\n基本支出\n700.00\n单位：万元\n人员\n单位：人", fin3(2022),
			nil, []string{"total_income"}},
	})
}

// TestSpaceAlignedTable: a table after a unit caption whose columns are
// aligned with spaces (label figure pairs, one or two per line).
func TestSpaceAlignedTable(t *testing.T) {
	runGenCases(t, []genCase{
		{"two pairs per line, ideographic spaces", "单位：万元\n收入总计 980.00\u3000支出总计 980.00\n一般公共预算拨款收入 980.00\u3000教育支出 980.00", bud3(2022),
			[]want{{"total_income", cur3, 2022, "", "9800000"}, {"total_expenditure", cur3, 2022, "", "9800000"}, {"general_public_budget_income", cur3, 2022, "", "9800000"}, {"function_class", cur3, 2022, "教育支出", "9800000"}}, nil},
		{"one pair per line, ASCII spaces", "单位：万元\n收入总计   450.00\n基本支出   300.00\n项目支出   150.00\n", fin3(2021),
			[]want{{"total_income", cur3, 2021, "", "4500000"}, {"basic_expenditure", cur3, 2021, "", "3000000"}, {"project_expenditure", cur3, 2021, "", "1500000"}}, nil},
		{"indented second column", "单位：元\n收入总计 52,000\u3000支出总计 52,000\n\u3000\u3000\u3000\u3000 农林水支出 52,000\n其他说明略。", bud3(2019),
			[]want{{"total_income", cur3, 2019, "", "52000"}, {"function_class", cur3, 2019, "农林水支出", "52000"}}, nil},
		{"two stage columns are not pairs: only the column its header names is read", "单位：万元\n项目 预算数 决算数\n收入总计 450.00 430.00\n基本支出 300.00 290.00\n项目支出 150.00 140.00", fin3(2021),
			[]want{{"total_income", cur3, 2021, "", "4300000"}, {"basic_expenditure", cur3, 2021, "", "2900000"}, {"project_expenditure", cur3, 2021, "", "1400000"}},
			[]string{"total_income@initial_budget", "basic_expenditure@initial_budget"}},
		{"negative: two stage columns without a header are not read", "单位：万元\n收入总计 450.00 430.00\n基本支出 300.00 290.00\n项目支出 150.00 140.00", fin3(2021),
			nil, []string{"total_income", "basic_expenditure", "project_expenditure"}},
	})
}

// TestComparedYearAmount: an amount right after a compared year (较2019年
// 1.50万元, 均比2024年预算X) is the previous year's figure of the label before.
func TestComparedYearAmount(t *testing.T) {
	runGenCases(t, []genCase{
		{"较 year then amount", "2021年“三公”经费预算2.20万元，较2020年2.60万元减少0.40万元。", bud3(2021),
			[]want{{"three_public_total", cur3, 2021, "", "22000"}, {"three_public_total", prior3, 2020, "", "26000"}}, nil},
		{"较 year 度 then amount", "2018年度支出总计930.00万元，较2017年度880.00万元增长5.68%。", fin3(2018),
			[]want{{"total_expenditure", prior3, 2017, "", "8800000"}}, nil},
		{"均比 year 预算", "2023年收入预算500.00万元，支出预算500.00万元，均比2022年预算450.00万元增加50.00万元。", bud3(2023),
			[]want{{"total_expenditure", prior3, 2022, "", "4500000"}}, nil},
		{"比 year then amount", "本年公务接待费0.50万元，比2016年0.80万元减少0.30万元。", fin3(2017),
			[]want{{"three_public_reception", prior3, 2016, "", "8000"}}, nil},
		{"negative: a date after the compared year", "2021年“三公”经费预算2.20万元，较2020年12月调整后预算减少0.40万元。", bud3(2021),
			nil, []string{"three_public_total@prior"}},
	})
}

// TestSpendSplitWordings: 人员支出, and 专项经费 beside 人员经费/公用经费,
// are parts of expenditure; 政府性基金预算当年拨款 is the fund's income.
func TestSpendSplitWordings(t *testing.T) {
	runGenCases(t, []genCase{
		{"人员经费/公用经费/专项经费 in 元", "支出预算合计2,000,000元，其中：人员经费1,500,000元，公用经费200,000元，专项经费300,000元。", bud3(2014),
			[]want{{"personnel_expenditure", cur3, 2014, "", "1500000"}, {"project_expenditure", cur3, 2014, "", "300000"}}, nil},
		{"人员支出/公用支出", "支出总计700.00万元，其中：人员支出500.00万元，公用支出80.00万元，项目支出120.00万元。", bud3(2013),
			[]want{{"personnel_expenditure", cur3, 2013, "", "5000000"}, {"public_expenditure", cur3, 2013, "", "800000"}}, nil},
		{"政府性基金预算当年拨款", "2024年收入总计900.00万元。其中：一般公共预算当年拨款800.00万元；政府性基金预算当年拨款100.00万元。", bud3(2024),
			[]want{{"government_fund_income", cur3, 2024, "", "1000000"}}, nil},
		{"negative: 专项经费 alone is not the project expenditure", "安排乡村振兴专项经费300.00万元。", bud3(2024),
			nil, []string{"project_expenditure"}},
	})
}

// TestBareSpendTotal: a bare 支出 at a boundary in a sentence that states
// the income is the expenditure total.
func TestBareSpendTotal(t *testing.T) {
	runGenCases(t, []genCase{
		{"after ';'", "2012年部门预算收入410.00万元，全部为财政拨款；支出410.00万元，其中：人员支出300.00万元，公用支出110.00万元。", bud3(2012),
			[]want{{"total_expenditure", cur3, 2012, "", "4100000"}, {"personnel_expenditure", cur3, 2012, "", "3000000"}}, nil},
		{"after a comma", "本年收入合计88.00万元，支出88.00万元。", fin3(2015),
			[]want{{"total_expenditure", cur3, 2015, "", "880000"}}, nil},
		{"支出 after 年", "2014年收入预算120.00万元，2014年支出120.00万元。", bud3(2014),
			[]want{{"total_expenditure", cur3, 2014, "", "1200000"}}, nil},
		{"negative: no income in the sentence", "全年支出56.00万元用于办公楼维修。", bud3(2014),
			nil, []string{"total_expenditure"}},
		{"negative: after a word", "收入预算120.00万元，其中教育支出120.00万元。", bud3(2014),
			nil, []string{"total_expenditure"}},
	})
}

// TestRollupLabel: 汇总 before a label does not turn 收入总计 into 汇 + 总收入.
func TestRollupLabel(t *testing.T) {
	runGenCases(t, []genCase{
		{"汇总收入总计", "汇总收入总计3,300.00万元，支出总计3,300.00万元。", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "33000000"}}, nil},
		{"汇总 then the 本级 figure", "汇总收入总计3,300.00万元。\n其中局本级收入总计1,200.00万元。", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "33000000"}}, nil},
		{"汇总支出总计", "2023年汇总支出总计870.00万元。", bud3(2023),
			[]want{{"total_expenditure", cur3, 2023, "", "8700000"}}, nil},
		{"negative: 汇总 alone labels nothing", "本部门汇总3个单位的数据，涉及520.00万元。", fin3(2022),
			nil, []string{"total_income", "total_expenditure"}},
	})
}

// TestTrailingTotal: 合计/共计 after two or more parts of one family (三公,
// 政府采购) in its sentence is the family's total.
func TestTrailingTotal(t *testing.T) {
	runGenCases(t, []genCase{
		{"三公 合计 in 元", "三公经费：公务接待费30,000元，公务用车运行维护费50,000元，合计80,000元。", bud3(2013),
			[]want{{"three_public_total", cur3, 2013, "", "80000"}}, nil},
		{"三公 共计为", "公务接待费1.20万元，因公出国（境）费0.80万元，共计为2.00万元。", fin3(2019),
			[]want{{"three_public_total", cur3, 2019, "", "20000"}}, nil},
		{"procurement 合计", "政府采购预算：货物类12.00万元，服务类8.00万元，合计20.00万元。", bud3(2022),
			[]want{{"government_procurement", cur3, 2022, "", "200000"}}, nil},
		{"negative: one part only", "公务接待费1.20万元，合计1.20万元。", fin3(2019),
			nil, []string{"three_public_total"}},
		{"negative: the total already stated", "三公经费合计2.00万元，其中公务接待费1.20万元，因公出国（境）费0.80万元，合计2.10万元。", fin3(2019),
			[]want{{"three_public_total", cur3, 2019, "", "20000"}}, nil},
	})
}

// TestUnitsListed: "部门决算/预算包括…共N个单位" counts the budget's units.
func TestUnitsListed(t *testing.T) {
	runGenCases(t, []genCase{
		{"决算包括…共", "本部门决算包括局机关及所属区园林中心、区路灯所共3个单位。", fin3(2022),
			[]want{{"budget_units", cur3, 2022, "", "3"}}, nil},
		{"预算包括…共", "本部门预算包括委机关和区档案馆共2个单位。", bud3(2023),
			[]want{{"budget_units", cur3, 2023, "", "2"}}, nil},
		{"纳入…包括…共", "纳入2024年部门预算编制的包括局本级及下属事业单位共4个单位。", bud3(2024),
			[]want{{"budget_units", cur3, 2024, "", "4"}}, nil},
		{"negative: no scope word", "本次培训包括机关及社区共5个单位参加。", bud3(2024),
			nil, []string{"budget_units"}},
	})
}

// TestInitialBudgetApart: in a final account, a 年初预算 figure in the next
// sentence ("。年初预算X", "。与年初预算X相比") or after a restatement
// ("，为公务接待费；年初预算X") is the head figure's initial budget.
func TestInitialBudgetApart(t *testing.T) {
	runGenCases(t, []genCase{
		{"next sentence, bare", "2021年度“三公”经费支出0.95万元，为公务接待费。年初预算1.20万元。", fin3(2021),
			[]want{{"three_public_total", cur3, 2021, "", "9500"}, {"three_public_total", ini3, 2021, "", "12000"}}, nil},
		{"next sentence, 与…相比", "一般公共预算财政拨款支出决算860.00万元，占本年支出合计的97.2%。与年初预算800.00万元相比，增加60.00万元。", fin3(2020),
			[]want{{"general_public_budget_expenditure", ini3, 2020, "", "8000000"}}, nil},
		{"after a restatement and ';'", "“三公”经费支出决算2.05万元，为公务用车运行维护费；年初预算2.50万元。", fin3(2019),
			[]want{{"three_public_total", ini3, 2019, "", "25000"}}, nil},
		{"negative: a budget document has no 年初预算 restatement", "2021年“三公”经费预算0.95万元，为公务接待费。年初预算1.20万元。", bud3(2021),
			nil, []string{"three_public_total@initial_budget"}},
	})
}

// TestStreetSubject: a 街道 short name is an organisation subject before a
// generic label, like 局/委/中心.
func TestStreetSubject(t *testing.T) {
	runGenCases(t, []genCase{
		{"after a year and a comma", "2019年度，南湖街道收入预算3,100.00万元。", bud3(2019),
			[]want{{"total_income", cur3, 2019, "", "31000000"}}, nil},
		{"at the sentence start", "西坪街道支出预算1,020.00万元。", bud3(2021),
			[]want{{"total_expenditure", cur3, 2021, "", "10200000"}}, nil},
		{"本街道", "本街道收入决算880.00万元。", fin3(2020),
			[]want{{"total_income", cur3, 2020, "", "8800000"}}, nil},
		{"negative: a longer phrase before 街道 is not a short name", "全区各乡镇和所有街道收入预算合并为5.00亿元。", bud3(2021),
			nil, []string{"total_income"}},
	})
}
