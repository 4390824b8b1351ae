package tablegen

import "fmt"

// h is a header cell shorthand.
func h(text string, colSpan, rowSpan int) HeaderCell {
	return HeaderCell{Text: text, ColSpan: colSpan, RowSpan: rowSpan}
}

// class is one line of the function classification the standard set uses:
// total, basic and project amounts in 万元.
type class struct {
	code, name            string
	total, basic, project string
}

var functionClasses = []class{
	{"206", "科学技术支出", "98.50", "78.50", "20.00"},
	{"20607", "科学技术普及", "98.50", "78.50", "20.00"},
	{"2060701", "机构运行", "78.50", "78.50", "0"},
	{"2060702", "科普活动", "20.00", "0", "20.00"},
	{"208", "社会保障和就业支出", "12.80", "12.80", "0"},
	{"20805", "行政事业单位养老支出", "12.80", "12.80", "0"},
	{"2080505", "机关事业单位基本养老保险缴费支出", "8.53", "8.53", "0"},
	{"2080506", "机关事业单位职业年金缴费支出", "4.27", "4.27", "0"},
	{"210", "卫生健康支出", "3.96", "3.96", "0"},
	{"21011", "行政事业单位医疗", "3.96", "3.96", "0"},
	{"2101101", "行政单位医疗", "3.96", "3.96", "0"},
	{"221", "住房保障支出", "5.40", "5.40", "0"},
	{"22102", "住房改革支出", "5.40", "5.40", "0"},
	{"2210201", "住房公积金", "5.40", "5.40", "0"},
}

// economic classes of the basic expenditure: total, personnel, public (万元).
var economicClasses = []class{
	{"301", "工资福利支出", "85.10", "85.10", "0"},
	{"30101", "基本工资", "40.20", "40.20", "0"},
	{"30102", "津贴补贴", "35.40", "35.40", "0"},
	{"30103", "奖金", "9.50", "9.50", "0"},
	{"302", "商品和服务支出", "9.16", "0", "9.16"},
	{"30201", "办公费", "9.16", "0", "9.16"},
	{"303", "对个人和家庭的补助", "6.40", "6.40", "0"},
	{"30302", "退休费", "6.40", "6.40", "0"},
}

func level(code string) int {
	switch len(code) {
	case 3:
		return 1
	case 5:
		return 2
	case 7:
		return 3
	}
	return 0
}

// wanToYuan renders a 万元 amount such as "98.50" in 元 ("985000.00").
func wanToYuan(v string) string {
	var ip, fp int
	var frac string
	if _, err := fmt.Sscanf(v, "%d.%s", &ip, &frac); err != nil {
		fmt.Sscanf(v, "%d", &ip)
		frac = ""
	}
	for len(frac) < 4 {
		frac += "0"
	}
	fmt.Sscanf(frac[:4], "%d", &fp)
	return fmt.Sprintf("%d.00", ip*10000+fp)
}

// Standard returns the standard table set of a department for the stage
// (budget: the ten 部门预算 tables; final_account: the nine 部门决算 tables).
// Amounts are consistent across tables (totals add up), units are mixed
// (元 and 万元), code layouts vary (joined, split 类/款/项, code in name),
// two tables are empty with a printed statement, and two share a sheet.
func Standard(stage string) Doc {
	if stage == "final_account" {
		return finalAccount()
	}
	return budget()
}

func budget() Doc {
	d := Doc{Name: "budget_2024", Department: "区科协", Year: 2024, Stage: "budget"}
	num := "预算数"
	d.Tables = append(d.Tables,
		summaryTable("income_expenditure_summary", "区科协2024年部门收支预算总表", num, "表1"),
		incomeTable("income", "区科协2024年部门收入预算总表", "表2"),
		expenditureTable("expenditure", "区科协2024年部门支出预算总表", "表3"),
		fiscalSummaryTable("fiscal_appropriation_summary", "区科协2024年财政拨款收支预算总表", num, "表4"),
		gpbFunctionTable("gpb_function", "区科协2024年一般公共预算支出预算表", "表5"),
		economicTable("gpb_basic_economic", "区科协2024年一般公共预算基本支出预算表", "表6"),
		threePublicBudget("区科协2024年一般公共预算“三公”经费支出预算表", "表7"),
		emptyTable("gov_fund", "区科协2024年政府性基金支出预算表", "本部门2024年无政府性基金预算支出，故本表为空。", "表8"),
		emptyTable("state_capital", "区科协2024年国有资本经营预算支出预算表", "本单位无此项", "表8"),
		projectTable("区科协2024年项目支出预算表", "表9"),
	)
	return d
}

func finalAccount() Doc {
	d := Doc{Name: "final_2023", Department: "区科协", Year: 2023, Stage: "final_account"}
	num := "决算数"
	d.Tables = append(d.Tables,
		summaryTable("income_expenditure_summary", "收入支出决算总表", num, "表1"),
		incomeTable("income", "收入决算表", "表2"),
		expenditureTable("expenditure", "支出决算表", "表3"),
		fiscalSummaryTable("fiscal_appropriation_summary", "财政拨款收入支出决算总表", num, "表4"),
		gpbFunctionTable("gpb_function", "一般公共预算财政拨款支出决算表", "表5"),
		economicTable("gpb_basic_economic", "一般公共预算财政拨款基本支出决算表", "表6"),
		threePublicFinal("一般公共预算财政拨款“三公”经费支出决算表", "表7"),
		emptyTable("gov_fund", "政府性基金预算财政拨款收入支出决算表", "本单位2023年度无政府性基金预算财政拨款收入、支出，故本表为空。", "表8"),
		emptyTable("state_capital", "国有资本经营预算财政拨款支出决算表", "本部门无国有资本经营预算财政拨款支出，本表无数据。", "表8"),
	)
	return d
}

func summaryTable(kind, title, num, sheet string) Table {
	t := Table{Kind: kind, Title: title, Unit: "万元", Sheet: sheet}
	t.Header = [][]HeaderCell{
		{h("收入", 2, 1), h("支出", 2, 1)},
		{h("项目", 1, 1), h(num, 1, 1), h("项目", 1, 1), h(num, 1, 1)},
	}
	lines := [][]string{
		{"一般公共预算拨款收入", "120.66", "科学技术支出", "98.50"},
		{"政府性基金预算拨款收入", "0", "社会保障和就业支出", "12.80"},
		{"国有资本经营预算拨款收入", "0", "卫生健康支出", "3.96"},
		{"财政专户管理资金收入", "0", "住房保障支出", "5.40"},
		{"事业收入", "0", "", ""},
		{"其他收入", "0", "", ""},
		{"本年收入合计", "120.66", "本年支出合计", "120.66"},
		{"上年结转", "0", "结转下年", "0"},
		{"收入总计", "120.66", "支出总计", "120.66"},
	}
	for _, l := range lines {
		t.Rows = append(t.Rows, Row{Cells: l, Total: isTotalLabel(l[0])})
	}
	return t
}

func incomeTable(kind, title, sheet string) Table {
	t := Table{Kind: kind, Title: title, Unit: "元", CodeMode: CodeInName, Sheet: sheet}
	t.Header = [][]HeaderCell{
		{h("功能分类科目", 1, 2), h("合计", 1, 2), h("上年结转", 1, 2), h("本年收入", 4, 1)},
		{h("一般公共预算拨款收入", 1, 1), h("政府性基金预算拨款收入", 1, 1), h("事业收入", 1, 1), h("其他收入", 1, 1)},
	}
	t.Rows = append(t.Rows, Row{Total: true, Cells: []string{"合计", "1206600.00", "0", "1206600.00", "0", "0", "0"}})
	for _, c := range functionClasses {
		if level(c.code) == 3 {
			continue
		}
		y := wanToYuan(c.total)
		t.Rows = append(t.Rows, Row{Code: c.code, Level: level(c.code), Cells: []string{c.name, y, "0", y, "0", "0", "0"}})
	}
	return t
}

func expenditureTable(kind, title, sheet string) Table {
	t := Table{Kind: kind, Title: title, Unit: "万元", CodeMode: CodeJoined, Sheet: sheet}
	t.Header = [][]HeaderCell{
		{h("科目编码", 1, 1), h("科目名称", 1, 1), h("合计", 1, 1), h("基本支出", 1, 1), h("项目支出", 1, 1)},
	}
	total := Row{Total: true, Cells: []string{"合计", "120.66", "100.66", "20.00"}, Formula: map[int][]int{}}
	t.Rows = append(t.Rows, total)
	var top []int
	for _, c := range functionClasses {
		if level(c.code) == 1 {
			top = append(top, len(t.Rows))
		}
		t.Rows = append(t.Rows, Row{Code: c.code, Level: level(c.code), Cells: []string{c.name, c.total, c.basic, c.project}})
	}
	// The 合计 row is written as SUM formulas of the 类 rows (no cached value
	// in the .xlsx, as excelize writes formulas).
	for i := 1; i <= 3; i++ {
		t.Rows[0].Formula[i] = top
	}
	return t
}

func fiscalSummaryTable(kind, title, num, sheet string) Table {
	t := Table{Kind: kind, Title: title, Unit: "万元", Sheet: sheet}
	t.Header = [][]HeaderCell{
		{h("收入", 2, 1), h("支出", 5, 1)},
		{h("项目", 1, 2), h(num, 1, 2), h("项目", 1, 2), h(num, 4, 1)},
		{h("合计", 1, 1), h("一般公共预算", 1, 1), h("政府性基金预算", 1, 1), h("国有资本经营预算", 1, 1)},
	}
	lines := [][]string{
		{"一般公共预算拨款收入", "120.66", "科学技术支出", "98.50", "98.50", "0", "0"},
		{"政府性基金预算拨款收入", "0", "社会保障和就业支出", "12.80", "12.80", "0", "0"},
		{"国有资本经营预算拨款收入", "0", "卫生健康支出", "3.96", "3.96", "0", "0"},
		{"", "", "住房保障支出", "5.40", "5.40", "0", "0"},
		{"收入总计", "120.66", "支出总计", "120.66", "120.66", "0", "0"},
	}
	for _, l := range lines {
		t.Rows = append(t.Rows, Row{Cells: l, Total: isTotalLabel(l[0])})
	}
	return t
}

func gpbFunctionTable(kind, title, sheet string) Table {
	t := Table{Kind: kind, Title: title, Unit: "万元", CodeMode: CodeSplit, Sheet: sheet}
	t.Header = [][]HeaderCell{
		{h("功能分类科目编码", 3, 1), h("科目名称", 1, 2), h("合计", 1, 2), h("基本支出", 1, 2), h("项目支出", 1, 2)},
		{h("类", 1, 1), h("款", 1, 1), h("项", 1, 1)},
	}
	for _, c := range functionClasses {
		t.Rows = append(t.Rows, Row{Code: c.code, Level: level(c.code), Cells: []string{c.name, c.total, c.basic, c.project}})
	}
	t.Rows = append(t.Rows, Row{Total: true, Cells: []string{"合计", "120.66", "100.66", "20.00"}})
	return t
}

func economicTable(kind, title, sheet string) Table {
	t := Table{Kind: kind, Title: title, Unit: "万元", CodeMode: CodeJoined, Sheet: sheet}
	t.Header = [][]HeaderCell{
		{h("部门经济分类科目", 2, 1), h("基本支出", 3, 1)},
		{h("科目编码", 1, 1), h("科目名称", 1, 1), h("合计", 1, 1), h("人员经费", 1, 1), h("公用经费", 1, 1)},
	}
	t.Rows = append(t.Rows, Row{Total: true, Cells: []string{"合计", "100.66", "91.50", "9.16"}})
	for _, c := range economicClasses {
		t.Rows = append(t.Rows, Row{Code: c.code, Level: level(c.code), Cells: []string{c.name, c.total, c.basic, c.project}})
	}
	return t
}

func threePublicBudget(title, sheet string) Table {
	t := Table{Kind: "three_public", Title: title, Unit: "万元", Sheet: sheet}
	t.Header = [][]HeaderCell{
		{h("合计", 1, 2), h("因公出国（境）费", 1, 2), h("公务用车购置及运行维护费", 3, 1), h("公务接待费", 1, 2)},
		{h("小计", 1, 1), h("公务用车购置费", 1, 1), h("公务用车运行费", 1, 1)},
	}
	t.Rows = []Row{{Cells: []string{"2.30", "0", "1.50", "0", "1.50", "0.80"}}}
	return t
}

func threePublicFinal(title, sheet string) Table {
	t := Table{Kind: "three_public", Title: title, Unit: "元", Sheet: sheet}
	t.Header = [][]HeaderCell{
		{h("预算数", 6, 1), h("决算数", 6, 1)},
		{h("合计", 1, 2), h("因公出国（境）费", 1, 2), h("公务用车购置及运行维护费", 3, 1), h("公务接待费", 1, 2),
			h("合计", 1, 2), h("因公出国（境）费", 1, 2), h("公务用车购置及运行维护费", 3, 1), h("公务接待费", 1, 2)},
		{h("小计", 1, 1), h("公务用车购置费", 1, 1), h("公务用车运行费", 1, 1),
			h("小计", 1, 1), h("公务用车购置费", 1, 1), h("公务用车运行费", 1, 1)},
	}
	t.Rows = []Row{{Cells: []string{"23000.00", "0", "15000.00", "0", "15000.00", "8000.00",
		"19875.40", "0", "13120.00", "0", "13120.00", "6755.40"}}}
	return t
}

func emptyTable(kind, title, statement, sheet string) Table {
	t := Table{Kind: kind, Title: title, Unit: "万元", CodeMode: CodeJoined, Empty: statement, Sheet: sheet}
	t.Header = [][]HeaderCell{
		{h("科目编码", 1, 1), h("科目名称", 1, 1), h("合计", 1, 1), h("基本支出", 1, 1), h("项目支出", 1, 1)},
	}
	return t
}

func projectTable(title, sheet string) Table {
	t := Table{Kind: "project", Title: title, Unit: "万元", Sheet: sheet}
	t.Header = [][]HeaderCell{
		{h("单位名称", 1, 2), h("项目名称", 1, 2), h("合计", 1, 2), h("资金来源", 2, 1)},
		{h("一般公共预算拨款", 1, 1), h("其他资金", 1, 1)},
	}
	t.Rows = []Row{
		{Cells: []string{"区科协", "科普活动经费", "12.00", "12.00", "0"}},
		{Cells: []string{"区科协", "学会服务经费", "8.00", "8.00", "0"}},
		{Total: true, Cells: []string{"合计", "", "20.00", "20.00", "0"}},
	}
	return t
}

// isTotalLabel is a 合计 / 总计 line label of a summary table.
func isTotalLabel(s string) bool {
	switch s {
	case "本年收入合计", "收入总计":
		return true
	}
	return false
}
