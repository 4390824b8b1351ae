package extract

import "testing"

// Rules of the sixth generalisation round (set 6's failure families), each
// with phrasings set 6 does not contain and near misses that must not be
// extracted. All texts are written for this test (fictional departments and
// figures).

// TestVehicleShortNames: 公车 and 公务车辆 name the 公务用车 of the 三公
// items too (公车购置及运维费, 公车运行维护费, 公务车辆购置费); a 公车 word
// that names no 三公 item (公车改革补贴) states none.
func TestVehicleShortNames(t *testing.T) {
	runGenCases(t, []genCase{
		{"公车购置及运维费 with its split", "2023年“三公”经费预算12.00万元，其中公务接待费2.00万元，公车购置及运维费10.00万元（购置费0万元，运行维护费10.00万元）。", bud3(2023),
			[]want{{"three_public_vehicle_total", cur3, 2023, "", "100000"}, {"three_public_vehicle_operation", cur3, 2023, "", "100000"}}, nil},
		{"公车运行维护费 in a final account", "2021年度“三公”经费支出6.30万元，其中公车运行维护费5.10万元，公务接待费1.20万元。", fin3(2021),
			[]want{{"three_public_vehicle_operation", cur3, 2021, "", "51000"}, {"three_public_reception", cur3, 2021, "", "12000"}}, nil},
		{"公务车辆购置费 and 公务车辆运行费", "2024年公务车辆购置费20.00万元，公务车辆运行费3.40万元。", bud3(2024),
			[]want{{"three_public_vehicle_purchase", cur3, 2024, "", "200000"}, {"three_public_vehicle_operation", cur3, 2024, "", "34000"}}, nil},
		{"negative: a 公车 reform allowance is no 三公 item", "2022年发放公车改革补贴12.00万元。", bud3(2022),
			nil, []string{"three_public_vehicle_total", "three_public_vehicle_operation", "three_public_vehicle_purchase"}},
	})
}

// TestFundSubsidyIncome: a fund's appropriation named as a 补助收入
// (一般公共预算补助收入, 政府性基金[预算]补助收入) is that fund's income, in
// any money unit; 上级补助收入 is not an appropriation.
func TestFundSubsidyIncome(t *testing.T) {
	runGenCases(t, []genCase{
		{"千元 in a budget", "2023年收入预算合计52,300千元，其中一般公共预算补助收入50,100千元，政府性基金补助收入2,200千元。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "52300000"}, {"general_public_budget_income", cur3, 2023, "", "50100000"}, {"government_fund_income", cur3, 2023, "", "2200000"}}, nil},
		{"政府性基金预算补助收入 in 万元", "2020年度收入总计806.00万元，其中：一般公共预算补助收入780.00万元，政府性基金预算补助收入26.00万元。", fin3(2020),
			[]want{{"general_public_budget_income", cur3, 2020, "", "7800000"}, {"government_fund_income", cur3, 2020, "", "260000"}}, nil},
		{"一般公共预算财政补助收入", "2025年一般公共预算财政补助收入318.40万元。", bud3(2025),
			[]want{{"general_public_budget_income", cur3, 2025, "", "3184000"}}, nil},
		{"negative: a subsidy from the unit above", "2022年收入预算410.00万元，其中上级补助收入60.00万元。", bud3(2022),
			[]want{{"total_income", cur3, 2022, "", "4100000"}}, []string{"general_public_budget_income", "government_fund_income"}},
	})
}

// TestStaffInPostWordings: 在编职工, 实有在职 and 实有在编 (with or without a
// staff noun after them) count the staff in post; posts (编制) and the
// retired do not.
func TestStaffInPostWordings(t *testing.T) {
	runGenCases(t, []genCase{
		{"在编职工 after 年末实有人数", "本院年末实有人数：在编职工64人，其中专业技术人员50人。", fin3(2020),
			[]want{{"staff_in_post", cur3, 2020, "", "64"}}, nil},
		{"实有在职 right before the count", "核定行政编制12名，年末实有在职11人，退休5人。", bud3(2018),
			[]want{{"staff_in_post", cur3, 2018, "", "11"}, {"authorized_posts_admin", cur3, 2018, "", "12"}, {"retired_staff", cur3, 2018, "", "5"}}, nil},
		{"实有在编人员 and 实有在职教职工", "学校实有在职教职工93人。局机关实有在编人员19人。", bud3(2021),
			[]want{{"staff_in_post", cur3, 2021, "", "93"}}, nil},
		{"negative: posts and retired staff", "核定编制30名；退休职工12人。", bud3(2021),
			nil, []string{"staff_in_post"}},
	})
}

// TestInitialBudgetSideClause: a 年初预算 figure stated right after the
// sentence's own 决算 figure is a side clause; a breakdown (其中) or a
// restatement (全部为, also after ';') that follows it is of the 决算 figure.
// A breakdown after a 年初预算 figure that is the sentence's head stays a
// breakdown of the budget.
func TestInitialBudgetSideClause(t *testing.T) {
	runGenCases(t, []genCase{
		{"其中 after the side clause, in 元", "2022年度“三公”经费支出决算8,400.00元，年初预算10,000.00元，其中公务接待费8,400.00元，因公出国（境）费0元。", fin3(2022),
			[]want{{"three_public_total", cur3, 2022, "", "8400"}, {"three_public_total", ini3, 2022, "", "10000"}, {"three_public_reception", cur3, 2022, "", "8400"}}, []string{"three_public_reception@initial_budget"}},
		{"全部为 after a side clause closed by a semicolon", "2021年度“三公”经费支出1.20万元，年初预算2.00万元；全部为公务用车运行维护费。", fin3(2021),
			[]want{{"three_public_vehicle_operation", cur3, 2021, "", "12000"}}, []string{"three_public_vehicle_operation@initial_budget"}},
		{"全部用于 after a compared side clause and a semicolon", "2020年度“三公”经费支出0.90万元，比年初预算减少0.10万元；全部用于公务接待。", fin3(2020),
			[]want{{"three_public_reception", cur3, 2020, "", "9000"}}, nil},
		{"negative: the budget figure heads the sentence", "2022年度“三公”经费年初预算10,000.00元，其中公务接待费4,000.00元。", fin3(2022),
			[]want{{"three_public_reception", ini3, 2022, "", "4000"}}, []string{"three_public_reception@current"}},
		{"negative: the own clause goes on after a semicolon", "2021年度“三公”经费支出1.20万元；全部为公务接待费的单位另行公开。", fin3(2021),
			nil, []string{"three_public_reception"}},
	})
}

// TestRowLabelCore: a table row label may carry the document's year before
// its keyword (2024年度收入总计) and a note in parentheses after it
// (其他收入（社会捐赠管理费）); another year's label and a note with a figure
// are not read.
func TestRowLabelCore(t *testing.T) {
	runGenCases(t, []genCase{
		{"one cell per line in 元, year before the total", "（单位：元）\n一、收支决算总表\n2023年度收入总计\n1,200,000.00\n支出总计\n1,200,000.00\n本年收入合计\n1,000,000.00\n其他收入（捐赠管理费）\n50,000.00\n年初结转和结余\n200,000.00", fin3(2023),
			[]want{{"total_income", cur3, 2023, "", "1200000"}, {"other_income", cur3, 2023, "", "50000"}, {"carryover_income", cur3, 2023, "", "200000"}}, nil},
		{"| table with a year-prefixed label and a note", "单位：万元\n|项目|预算数|\n|2025年收入预算合计|860.00|\n|其他收入（利息）|10.00|\n|支出预算合计|860.00|", bud3(2025),
			[]want{{"total_income", cur3, 2025, "", "8600000"}, {"other_income", cur3, 2025, "", "100000"}, {"total_expenditure", cur3, 2025, "", "8600000"}}, nil},
		{"negative: another year's total and a note with a figure", "单位：万元\n|项目|金额|\n|2022年收入总计|700.00|\n|其他收入（含2项）|10.00|\n|支出总计|720.00|", bud3(2023),
			[]want{{"total_expenditure", cur3, 2023, "", "7200000"}}, []string{"total_income", "other_income"}},
	})
}

// TestSubClassWordings: a 款 or 项 named alone under the class figure just
// before it, after 含/包括 or in a parenthesis opened right after the figure;
// a name found under several 款 of the class keeps no code, and a 项 every 款
// has (行政运行) stands under a 款 whose 项 the code list leaves out.
func TestSubClassWordings(t *testing.T) {
	runGenCases(t, []genCase{
		{"含 after a 款 figure", "一般公共预算支出800.00万元，其中：人大事务（款）700.00万元，含行政运行500.00万元、人大会议200.00万元；住房保障支出100.00万元。", bud3(2021),
			[]want{{"function_class", cur3, 2021, "人大事务", "7000000"}, {"function_class", cur3, 2021, "行政运行", "5000000"}, {"function_class", cur3, 2021, "人大会议", "2000000"}}, nil},
		{"a parenthesis opened right after the 类 figure", "一般公共预算支出3,000.00万元：教育支出2,600.00万元（学前教育600.00万元、小学教育2,000.00万元）；卫生健康支出400.00万元。", bud3(2022),
			[]want{{"function_class", cur3, 2022, "学前教育", "6000000"}, {"function_class", cur3, 2022, "小学教育", "20000000"}}, nil},
		{"行政运行 under a 款 the list carries no 项 of", "公共安全支出（类）检察（款）900.00万元，其中：行政运行600.00万元，一般行政管理事务300.00万元。", bud3(2023),
			[]want{{"function_class", cur3, 2023, "检察", "9000000"}, {"function_class", cur3, 2023, "行政运行", "6000000"}, {"function_class", cur3, 2023, "一般行政管理事务", "3000000"}}, nil},
		{"negative: an item that is no class under such a 款", "公共安全支出（类）检察（款）900.00万元，其中：办案业务600.00万元。", bud3(2023),
			[]want{{"function_class", cur3, 2023, "检察", "9000000"}}, []string{"function_class:办案业务"}},
		{"negative: 含 a figure of another kind", "人大事务（款）700.00万元，含人员经费500.00万元。", bud3(2021),
			[]want{{"function_class", cur3, 2021, "人大事务", "7000000"}}, []string{"function_class:人员经费"}},
	})
	// Under a 类, 行政运行 is a 项 of every 款: the name is stated, the code
	// is not (it was the first 款's before).
	r := Extract("公共安全支出1,404.41万元，其中：行政运行1,088.16万元。", bud3(2024))
	n := 0
	for _, f := range r.Facts {
		if f.Metric == "function_class" && f.Name == "行政运行" {
			n++
			if f.Code != "" || f.Level != 3 {
				t.Errorf("行政运行 under 公共安全支出: code %q level %d, want no code, level 3", f.Code, f.Level)
			}
		}
	}
	if n != 1 {
		t.Errorf("行政运行 under 公共安全支出: %d facts, want 1", n)
	}
}

// TestRetiredSplit: retired_staff counts the 离休 and the 退休; a 退休 count
// stated beside a non-zero 离休 count is a part, and their sum is not stated.
// With 离休 0, with 离休 inside the 退休 count, or under 离退休 the count is
// the figure.
func TestRetiredSplit(t *testing.T) {
	runGenCases(t, []genCase{
		{"离休 then 退休", "实有在职28人，离休1人、退休17人。", bud3(2016),
			[]want{{"staff_in_post", cur3, 2016, "", "28"}}, []string{"retired_staff"}},
		{"退休人员 then 离休干部", "在职人员40人；退休人员20人，离休干部2人。", bud3(2019),
			[]want{{"staff_in_post", cur3, 2019, "", "40"}}, []string{"retired_staff"}},
		{"a 离休 count of 0", "在职人员35人；离休0人，退休人员17人。", bud3(2017),
			[]want{{"retired_staff", cur3, 2017, "", "17"}}, nil},
		{"离休 inside the 退休 count", "在职人员35人，退休人员20人（含离休2人）。", bud3(2017),
			[]want{{"retired_staff", cur3, 2017, "", "20"}}, nil},
		{"离退休 with its parts", "离退休人员19人，其中离休2人，退休17人。", bud3(2020),
			[]want{{"retired_staff", cur3, 2020, "", "19"}}, nil},
	})
}

// TestTabSeparatedTables: cells separated by tabs are read like "a | b"
// cells: two column groups side by side, the header line above the first
// row with a figure, rows that start with empty cells, a header naming two
// stages (the document's column is read). Prose with a stray tab is prose.
func TestTabSeparatedTables(t *testing.T) {
	runGenCases(t, []genCase{
		{"two column groups side by side", "收支总表（单位：万元）\n收入\t金额\t支出\t金额\n一般公共预算拨款收入\t980.00\t教育支出\t900.00\n其他收入\t20.00\t住房保障支出\t100.00\n收入合计\t1,000.00\t支出合计\t1,000.00\n说明：本年无政府性基金。", bud3(2022),
			[]want{{"general_public_budget_income", cur3, 2022, "", "9800000"}, {"other_income", cur3, 2022, "", "200000"}, {"total_income", cur3, 2022, "", "10000000"},
				{"function_class", cur3, 2022, "教育支出", "9000000"}, {"function_class", cur3, 2022, "住房保障支出", "1000000"}, {"total_expenditure", cur3, 2022, "", "10000000"}}, nil},
		{"rows starting with empty cells, a final account", "决算总表（单位：万元）\n项目\t决算数\t项目\t决算数\n财政拨款收入\t512.30\t一般公共服务支出\t450.00\n\t\t卫生健康支出\t62.30\n收入总计\t512.30\t支出总计\t512.30", fin3(2020),
			[]want{{"function_class", cur3, 2020, "一般公共服务支出", "4500000"}, {"function_class", cur3, 2020, "卫生健康支出", "623000"}, {"total_income", cur3, 2020, "", "5123000"}, {"total_expenditure", cur3, 2020, "", "5123000"}}, nil},
		{"a header naming two stages: the 决算 column of a final account", "（单位：万元）\n项目\t预算数\t决算数\n收入总计\t600.00\t580.00\n支出总计\t600.00\t575.00", fin3(2021),
			[]want{{"total_income", cur3, 2021, "", "5800000"}, {"total_expenditure", cur3, 2021, "", "5750000"}}, []string{"total_income@initial_budget"}},
		{"negative: prose with a stray tab", "2023年收入预算合计\t860.00万元，其中一般公共预算拨款收入800.00万元。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "8600000"}, {"general_public_budget_income", cur3, 2023, "", "8000000"}}, nil},
	})
}

// TestMarkedClassStatements: a class printed with its level mark, then ':'
// and a stage word ("行政运行（项）：支出决算为N"), is the class's figure, not
// the total expenditure; a 款-项 chain printed without its 类 resolves under
// the 类 stated before it in the sentence, with its 年初预算 and 决算.
func TestMarkedClassStatements(t *testing.T) {
	runGenCases(t, []genCase{
		{"(项): then 支出决算为", "2021年度收入总计900.00万元，支出总计900.00万元。1.一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）：支出决算为300.00万元。2.住房公积金（项）：支出决算为40.00万元。", fin3(2021),
			[]want{{"total_expenditure", cur3, 2021, "", "9000000"}, {"function_class", cur3, 2021, "行政运行", "3000000"}, {"function_class", cur3, 2021, "住房公积金", "400000"}}, nil},
		{"(款): then 年初预算为, 支出决算为", "3.教育支出（类）普通教育（款）：年初预算为500.00万元，支出决算为480.00万元。", fin3(2022),
			[]want{{"function_class", ini3, 2022, "普通教育", "5000000"}, {"function_class", cur3, 2022, "普通教育", "4800000"}}, []string{"total_expenditure"}},
		{"a 款-项 chain under the 类 before it", "卫生健康支出（类）800.00万元，其中：公共卫生（款）疾病预防控制机构（项）年初预算为620.00万元，支出决算为600.00万元。", fin3(2023),
			[]want{{"function_class", ini3, 2023, "疾病预防控制机构", "6200000"}, {"function_class", cur3, 2023, "疾病预防控制机构", "6000000"}}, nil},
		{"negative: a chain whose 款 is not under the 类 before it", "卫生健康支出（类）800.00万元，其中：普通教育（款）小学教育（项）支出决算为600.00万元。", fin3(2023),
			[]want{{"function_class", cur3, 2023, "卫生健康支出", "8000000"}}, []string{"function_class:小学教育", "total_expenditure"}},
	})
}

// TestDashPartsAndUniqueKuanChains: lines opened by —— mark the parts of the
// class line above (not a 类-款-项 chain), and a 款-项 chain without its 类
// resolves through a 款 name the code list has once, with the 项 listed
// under it.
func TestDashPartsAndUniqueKuanChains(t *testing.T) {
	runGenCases(t, []genCase{
		{"—— lines under a 类 line", "支出预算合计600.00万元。其中：\n卫生健康支出（类）500.00万元\n——疾病预防控制机构（项）420.00万元\n——其他卫生健康支出（款）80.00万元\n住房保障支出（类）100.00万元", bud3(2022),
			[]want{{"function_class", cur3, 2022, "疾病预防控制机构", "4200000"}, {"function_class", cur3, 2022, "其他卫生健康支出", "800000"}, {"function_class", cur3, 2022, "住房保障支出", "1000000"}}, nil},
		{"a 款-项 chain after prose naming the 类", "财政拨款支出主要为：卫生健康支出类中，公立医院（款）中医（民族）医院（项）3,200.00万元；公共卫生（款）500.00万元。", fin3(2021),
			[]want{{"function_class", cur3, 2021, "中医(民族)医院", "32000000"}, {"function_class", cur3, 2021, "公共卫生", "5000000"}}, nil},
		{"negative: a 项 not listed under the 款 named", "财政拨款支出主要为：公立医院（款）小学教育（项）300.00万元。", fin3(2021),
			nil, []string{"function_class:小学教育"}},
	})
}

// TestChainJoinedByXiaDe: 下的/中的 between a class and its part joins them;
// it is no part of the part's name.
func TestChainJoinedByXiaDe(t *testing.T) {
	runGenCases(t, []genCase{
		{"(类)下的…(项)", "主要用于：社会保障和就业支出（类）下的机关事业单位基本养老保险缴费支出（项）88.00万元。", fin3(2022),
			[]want{{"function_class", cur3, 2022, "机关事业单位基本养老保险缴费支出", "880000"}}, []string{"function_class:下的机关事业单位基本养老保险缴费支出"}},
		{"(类)中的…(款)", "教育支出（类）中的普通教育（款）1,200.00万元。", bud3(2023),
			[]want{{"function_class", cur3, 2023, "普通教育", "12000000"}}, nil},
		{"negative: a 中 that starts the name stays", "卫生健康支出（类）公立医院（款）中医（民族）医院（项）300.00万元。", bud3(2023),
			[]want{{"function_class", cur3, 2023, "中医(民族)医院", "3000000"}}, nil},
	})
}

// TestComparedFigureOpeningSentence: a sentence that opens with the compared
// figure (比/较 a year's figure, or only a year, a stage and a figure) states
// that year's figure of the previous sentence's head figure.
func TestComparedFigureOpeningSentence(t *testing.T) {
	runGenCases(t, []genCase{
		{"比 a year's 决算 in a final account", "2022年度“三公”经费支出决算为6.20万元，其中公务接待费1.20万元，公务用车运行维护费5.00万元。比2021年度决算7.00万元减少0.80万元。", fin3(2022),
			[]want{{"three_public_total", cur3, 2022, "", "62000"}, {"three_public_total", prior3, 2021, "", "70000"}}, nil},
		{"较 a year's 预算 in a budget", "2023年“三公”经费预算5.00万元，其中公务接待费1.00万元。较2022年预算6.50万元下降23.1%。", bud3(2023),
			[]want{{"three_public_total", prior3, 2022, "", "65000"}}, []string{"three_public_reception@prior"}},
		{"a sentence of only another year's figure", "2024年机关运行经费预算120.00万元，主要用于办公费和水电费。2023年预算为118.00万元。", bud3(2024),
			[]want{{"operating_expenses", cur3, 2024, "", "1200000"}, {"operating_expenses", prior3, 2023, "", "1180000"}}, nil},
		{"negative: the document's own year opens the sentence", "2024年“三公”经费预算5.00万元。2024年预算为5.00万元的部分另行公开。", bud3(2024),
			[]want{{"three_public_total", cur3, 2024, "", "50000"}}, []string{"three_public_total@prior"}},
		{"negative: no figure in the sentence before", "一、“三公”经费情况说明。比2021年度决算7.00万元减少0.80万元。", fin3(2022),
			nil, []string{"three_public_total"}},
	})
}

// TestParenthesisedRestatement: a restatement in parentheses right after a
// figure ("13.10万元（全部为运行费）") names the part the whole figure is.
func TestParenthesisedRestatement(t *testing.T) {
	runGenCases(t, []genCase{
		{"全部为 in parentheses", "2019年“三公”经费预算9.00万元，其中公务用车购置及运行费8.00万元（全部为运行费），公务接待费1.00万元。", bud3(2019),
			[]want{{"three_public_vehicle_total", cur3, 2019, "", "80000"}, {"three_public_vehicle_operation", cur3, 2019, "", "80000"}}, nil},
		{"均为 in parentheses, income", "2020年收入预算300.00万元（均为一般公共预算拨款收入），支出预算300.00万元。", bud3(2020),
			[]want{{"general_public_budget_income", cur3, 2020, "", "3000000"}}, nil},
		{"negative: a parenthesis that is no part", "2019年公务用车购置及运行费8.00万元（全部为保障执法执勤）。", bud3(2019),
			[]want{{"three_public_vehicle_total", cur3, 2019, "", "80000"}}, []string{"three_public_vehicle_operation", "three_public_vehicle_purchase"}},
	})
}

// TestNoneWithZeroFigures: "无 L，年初预算为0万元，决算为0万元" states L's zero
// figures; a non-zero figure after a "无" clause, or a clause that is more
// than "无 L", labels nothing.
func TestNoneWithZeroFigures(t *testing.T) {
	runGenCases(t, []genCase{
		{"三公 after a heading's colon", "五、“三公”经费支出决算情况：2022年度无“三公”经费支出，年初预算为0万元，决算为0万元。", fin3(2022),
			[]want{{"three_public_total", ini3, 2022, "", "0"}, {"three_public_total", cur3, 2022, "", "0"}}, nil},
		{"公务接待费 in a budget", "本单位无公务接待费，预算为0.00万元。", bud3(2024),
			[]want{{"three_public_reception", cur3, 2024, "", "0"}}, nil},
		{"negative: a non-zero figure", "无“三公”经费支出，年初预算为2.00万元。", fin3(2022),
			nil, []string{"three_public_total"}},
		{"negative: the clause says more than 无 L", "无“三公”经费支出的下属单位，年初预算为0万元。", fin3(2022),
			nil, []string{"three_public_total"}},
	})
}

// TestBudgetUnitsLists: the count that ends a list of the budget's units
// ("单位包括：…等7家。") and the department alone ("本级1个单位") are the
// budget units; 本级 beside another count of units is not.
func TestBudgetUnitsLists(t *testing.T) {
	runGenCases(t, []genCase{
		{"等N家 ending the list", "纳入2024年部门预算编制范围的单位包括：局机关、局信息中心、局执法大队等3家。", bud3(2024),
			[]want{{"budget_units", cur3, 2024, "", "3"}}, nil},
		{"本级1个单位", "部门预算单位构成：区档案馆本级1个单位，无下属单位。", bud3(2023),
			[]want{{"budget_units", cur3, 2023, "", "1"}}, nil},
		{"negative: 本级 beside another count", "部门预算单位构成：局本级1个单位，下属事业单位3个。", bud3(2023),
			nil, []string{"budget_units"}},
		{"negative: 等N家 of something else", "本年与辖区企业等5家开展合作。", bud3(2023),
			nil, []string{"budget_units"}},
	})
}

// TestFundHeadingFigures: a bare 基本支出/项目支出 under a heading that names
// the 一般公共预算 (财政拨款) figure of that kind is that figure, also when
// the heading runs into the figure ("…基本支出决算情况：X"); 项目经费 beside
// 人员经费/公用经费 is the project expenditure; 资金合计 in a sentence about
// 绩效目标管理 is the funds under performance targets.
func TestFundHeadingFigures(t *testing.T) {
	runGenCases(t, []genCase{
		{"under the heading", "三、一般公共预算财政拨款基本支出决算\n基本支出230.40万元，其中人员经费200.00万元，公用经费30.40万元。", fin3(2019),
			[]want{{"general_public_budget_basic_expenditure", cur3, 2019, "", "2304000"}, {"personnel_expenditure", cur3, 2019, "", "2000000"}}, []string{"basic_expenditure"}},
		{"heading run into its figure", "四、一般公共预算财政拨款项目支出决算情况：96.00万元。", fin3(2020),
			[]want{{"general_public_budget_project_expenditure", cur3, 2020, "", "960000"}}, nil},
		{"项目经费 in the three-way split", "支出预算300.00万元，其中人员经费200.00万元，公用经费40.00万元，项目经费60.00万元。", bud3(2018),
			[]want{{"project_expenditure", cur3, 2018, "", "600000"}}, nil},
		{"资金合计 of projects under performance targets", "2020年纳入绩效目标管理的项目5个，资金合计320.00万元。", bud3(2020),
			[]want{{"performance_target_funds", cur3, 2020, "", "3200000"}}, nil},
		{"negative: a heading of the whole budget", "三、支出预算情况\n基本支出230.40万元，项目支出70.00万元。", bud3(2019),
			[]want{{"basic_expenditure", cur3, 2019, "", "2304000"}}, []string{"general_public_budget_basic_expenditure"}},
		{"negative: 项目经费 alone, 资金合计 without targets", "本年项目经费增加60.00万元。专项资金合计80.00万元。", bud3(2018),
			nil, []string{"project_expenditure", "performance_target_funds"}},
	})
}

// TestOnePartTotal: a 合计 after the one part its sentence lists, equal to
// it, is the family's total when the sentence names the family.
func TestOnePartTotal(t *testing.T) {
	runGenCases(t, []genCase{
		{"政府采购 with goods only", "六、政府采购预算：货物类18.00万元，合计18.00万元。", bud3(2020),
			[]want{{"government_procurement_goods", cur3, 2020, "", "180000"}, {"government_procurement", cur3, 2020, "", "180000"}}, nil},
		{"三公 with reception only", "2021年“三公”经费预算：公务接待费0.60万元，合计0.60万元。", bud3(2021),
			[]want{{"three_public_reception", cur3, 2021, "", "6000"}, {"three_public_total", cur3, 2021, "", "6000"}}, nil},
		{"negative: a different 合计", "六、政府采购预算：货物类18.00万元，合计20.00万元。", bud3(2020),
			nil, []string{"government_procurement"}},
		{"negative: the family not named", "办公设备采购：货物类18.00万元，合计18.00万元。", bud3(2020),
			[]want{{"government_procurement_goods", cur3, 2020, "", "180000"}}, []string{"government_procurement"}},
	})
}

// TestKuanNamedWithColon: "（统计信息事务款：行政运行X" names the 款 with 款
// and a colon, then its 项; the 款 must be under the class before it and the
// 项 listed under the 款.
func TestKuanNamedWithColon(t *testing.T) {
	runGenCases(t, []genCase{
		{"款: in a parenthesis", "支出预算500.00万元，其中：一般公共服务支出450.00万元（档案事务款：行政运行300.00万元，档案馆150.00万元），住房保障支出50.00万元。", bud3(2014),
			[]want{{"function_class", cur3, 2014, "行政运行", "3000000"}, {"function_class", cur3, 2014, "档案馆", "1500000"}}, nil},
		{"(款): after 其中", "一般公共服务支出450.00万元，其中人大事务（款）：行政运行300.00万元。", bud3(2015),
			[]want{{"function_class", cur3, 2015, "行政运行", "3000000"}}, nil},
		{"negative: the 款 is under another class", "住房保障支出450.00万元（档案事务款：行政运行300.00万元）。", bud3(2014),
			nil, []string{"function_class:行政运行"}},
	})
	r := Extract("一般公共服务支出450.00万元（档案事务款：行政运行300.00万元）。", bud3(2014))
	for _, f := range r.Facts {
		if f.Name == "行政运行" && f.Code != "2012601" {
			t.Errorf("行政运行 under 档案事务: code %q, want 2012601", f.Code)
		}
	}
}

// TestProjectsUnderTargets: a figure whose label follows it — the projects it
// funds and their performance targets — is the funds under performance
// targets; a figure followed by 项目支出 and anything else is not.
func TestProjectsUnderTargets(t *testing.T) {
	runGenCases(t, []genCase{
		{"编报绩效目标", "2024年本局对1,250.00万元项目支出全部编报绩效目标。", bud3(2024),
			[]want{{"performance_target_funds", cur3, 2024, "", "12500000"}}, nil},
		{"纳入绩效目标管理", "2023年共有860.50万元的项目资金均纳入绩效目标管理。", bud3(2023),
			[]want{{"performance_target_funds", cur3, 2023, "", "8605000"}}, nil},
		{"设置了绩效目标", "全年安排320.00万元项目支出设置了绩效目标。", bud3(2022),
			[]want{{"performance_target_funds", cur3, 2022, "", "3200000"}}, nil},
		{"negative: 项目支出 without targets", "全年安排320.00万元项目支出用于道路养护。", bud3(2022),
			nil, []string{"performance_target_funds"}},
	})
}
