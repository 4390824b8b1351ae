package demoportal

import (
	"fmt"

	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/budgetfeed/budgetfeed/sources/demoportal/officegen"
)

// Attachment formats the demo portal serves.
const (
	FormatXLSX = "xlsx"
	FormatXLS  = "xls"
	FormatDOCX = "docx"
	FormatPDF  = "pdf"
)

// tableBuilder writes the standard tables of one document as
// officegen models and records every figure it puts in a cell.
type tableBuilder struct {
	*docCtx
	unit      string // 万元 or 元
	dec       int
	text      bool // amounts as text cells
	splitCode bool // 科目编码 in separate 类/款/项 columns
	fs        factSet
}

// sheet is one standard table being built, with the body cells that hold
// truth facts.
type sheet struct {
	t     officegen.Table
	money []moneyCell
}

// moneyCell is a body cell holding a truth fact: row indexes sheet.t.Rows,
// col the printed columns (officegen Table.BodyRow).
type moneyCell struct {
	row, col, fact int
}

// pickUnit chooses the unit of the tables independently of the text.
func (t *tableBuilder) pickUnit(g schemas.Money, coin int) {
	switch {
	case coin == 0:
		t.unit, t.dec = "元", 2
	case g%10000 == 0:
		t.unit, t.dec = "万元", 2
	default:
		t.unit, t.dec = "万元", 4
	}
}

// money records fact as written in body cell (row, col) of sh and returns
// the printed amount.
func (t *tableBuilder) money(sh *sheet, row, col int, fact TruthFact) string {
	fact.HasAmount = true
	if fact.Scheme == "" {
		fact.Scheme = schemas.SchemeNone
	}
	if fact.FiscalYear == 0 {
		fact.FiscalYear = t.year
	}
	sh.money = append(sh.money, moneyCell{row: row, col: col, fact: t.fs.add(fact)})
	return num(fact.Amount, t.unit, t.dec, false, false)
}

func (t *tableBuilder) newSheet(kind, title, name string, mode officegen.CodeMode, header [][]officegen.HeaderCell) *sheet {
	return &sheet{t: officegen.Table{Kind: kind, Title: title, Unit: t.unit, CodeMode: mode, Sheet: name,
		Header: header, TextAmounts: t.text}}
}

func hc(text string, colSpan, rowSpan int) officegen.HeaderCell {
	return officegen.HeaderCell{Text: text, ColSpan: colSpan, RowSpan: rowSpan}
}

func (t *tableBuilder) amountHeader() string {
	if t.final() {
		return "决算数"
	}
	return fmt.Sprintf("%d年预算数", t.year)
}

// summarySheet is 收支预算总表 / 收入支出决算总表.
func (t *tableBuilder) summarySheet(name string) *sheet {
	c := t.cur
	title := fmt.Sprintf("%s%d年收支预算总表", t.full, t.year)
	if t.final() {
		title = fmt.Sprintf("%s%d年度收入支出决算总表", t.full, t.year)
	}
	sh := t.newSheet("income_expenditure_summary", title, name, officegen.CodeNone, [][]officegen.HeaderCell{
		{hc("收入", 2, 1), hc("支出", 2, 1)},
		{hc("项目", 1, 1), hc(t.amountHeader(), 1, 1), hc("项目", 1, 1), hc(t.amountHeader(), 1, 1)},
	})
	labels := []string{"一、一般公共预算拨款收入", "二、政府性基金预算拨款收入", "三、国有资本经营预算拨款收入",
		"四、财政专户管理资金收入", "五、事业收入", "六、事业单位经营收入", "七、其他收入"}
	metrics := []string{"general_public_budget_income", "government_fund_income", "state_capital_income",
		"fiscal_special_account_income", "business_income", "operating_income", "other_income"}
	amounts := []schemas.Money{c.GPB, c.Fund, c.Capital, c.Special, c.Business, c.Operating, c.Other}
	row := func(cells ...string) int {
		sh.t.Rows = append(sh.t.Rows, officegen.Row{Cells: cells})
		return len(sh.t.Rows) - 1
	}
	for i := range labels {
		r := row(labels[i], "", "", "")
		cells := sh.t.Rows[r].Cells
		cells[1] = t.money(sh, r, 1, TruthFact{Metric: metrics[i], Period: schemas.PeriodCurrent, Amount: amounts[i]})
		switch i {
		case 0:
			cells[2] = "一、基本支出"
			cells[3] = t.money(sh, r, 3, TruthFact{Metric: "basic_expenditure", Period: schemas.PeriodCurrent, Amount: c.Basic()})
		case 1:
			cells[2] = "二、项目支出"
			cells[3] = t.money(sh, r, 3, TruthFact{Metric: "project_expenditure", Period: schemas.PeriodCurrent, Amount: c.Project()})
		}
	}
	r := row("八、上年结转", "")
	sh.t.Rows[r].Cells[1] = t.money(sh, r, 1, TruthFact{Metric: "carryover_income", Period: schemas.PeriodCurrent, Amount: c.Carry})
	r = row("收入总计", "", "支出总计", "")
	sh.t.Rows[r].Total = true
	sh.t.Rows[r].Cells[1] = t.money(sh, r, 1, TruthFact{Metric: "total_income", Period: schemas.PeriodCurrent, Amount: c.Total()})
	sh.t.Rows[r].Cells[3] = t.money(sh, r, 3, TruthFact{Metric: "total_expenditure", Period: schemas.PeriodCurrent, Amount: c.Total()})
	return sh
}

// codeLevel is the level of a 科目编码: 类 1, 款 2, 项 3.
func codeLevel(code string) int8 {
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

// functionSheet is 一般公共预算支出表: 类, 款 and 项 with amounts; final
// accounts add the 年初预算数 column. Following the convention of
// docs/tables.md, a class row × the amount column is function_class with the
// row's code, and the 合计 row (printed in the code column) is
// general_public_budget_expenditure with no code.
func (t *tableBuilder) functionSheet(name string) *sheet {
	c := t.cur
	codes, cur := classTotals(c.Items, false)
	_, init := classTotals(c.Items, true)
	title := fmt.Sprintf("%s%d年一般公共预算支出表", t.full, t.year)
	if t.final() {
		title = fmt.Sprintf("%s%d年度一般公共预算财政拨款支出决算表", t.full, t.year)
	}
	heads := []string{t.amountHeader()}
	if t.final() {
		heads = []string{"年初预算数", "决算数"}
	}
	mode := officegen.CodeJoined
	top := []officegen.HeaderCell{hc("科目编码", 1, 2)}
	var second []officegen.HeaderCell
	if t.splitCode {
		mode = officegen.CodeSplit
		top = []officegen.HeaderCell{hc("科目编码", 3, 1)}
		second = []officegen.HeaderCell{hc("类", 1, 1), hc("款", 1, 1), hc("项", 1, 1)}
	}
	top = append(top, hc("科目名称", 1, 2))
	for _, h := range heads {
		top = append(top, hc(h, 1, 2))
	}
	sh := t.newSheet("gpb_function", title, name, mode, [][]officegen.HeaderCell{top, second})
	first := officegen.CodeColumns(mode) + 1 // first amount column of BodyRow
	var total, totalInit schemas.Money
	for _, code := range codes {
		nm := t.name(schemas.SchemeFunction, code)
		r := len(sh.t.Rows)
		row := officegen.Row{Code: code, Level: int(codeLevel(code)), Cells: []string{nm}}
		class := TruthFact{Metric: "function_class", Scheme: schemas.SchemeFunction, Code: code, Level: codeLevel(code), Name: nm}
		col := first
		if t.final() {
			class.Period, class.Amount = schemas.PeriodInitialBudget, init[code]
			row.Cells = append(row.Cells, t.money(sh, r, col, class))
			col++
		}
		class.Period, class.Amount = schemas.PeriodCurrent, cur[code]
		row.Cells = append(row.Cells, t.money(sh, r, col, class))
		if len(code) == 3 {
			total += cur[code]
			totalInit += init[code]
		}
		sh.t.Rows = append(sh.t.Rows, row)
	}
	r := len(sh.t.Rows)
	row := officegen.Row{Code: "合计", Total: true, Cells: []string{""}}
	totals := []TruthFact{{Period: schemas.PeriodCurrent, Amount: total}}
	if t.final() {
		totals = []TruthFact{{Period: schemas.PeriodInitialBudget, Amount: totalInit}, {Period: schemas.PeriodCurrent, Amount: total}}
	}
	for i, v := range totals {
		v.Metric, v.Name = "general_public_budget_expenditure", "合计"
		row.Cells = append(row.Cells, t.money(sh, r, first+i, v))
	}
	sh.t.Rows = append(sh.t.Rows, row)
	return sh
}

// basicSheet is 一般公共预算基本支出表 by 经济分类 with 人员经费 / 公用经费
// columns. A class row × 合计 is economic_class, × 人员经费 / 公用经费 it is
// personnel_expenditure / public_expenditure with the row's code; the 合计
// row is general_public_budget_basic_expenditure, personnel_expenditure and
// public_expenditure with no code (docs/tables.md).
func (t *tableBuilder) basicSheet(name string) *sheet {
	c := t.cur
	title := fmt.Sprintf("%s%d年一般公共预算基本支出表", t.full, t.year)
	if t.final() {
		title = fmt.Sprintf("%s%d年度一般公共预算财政拨款基本支出决算表", t.full, t.year)
	}
	sh := t.newSheet("gpb_basic_economic", title, name, officegen.CodeJoined, [][]officegen.HeaderCell{
		{hc("科目编码", 1, 2), hc("科目名称", 1, 2), hc("一般公共预算基本支出", 3, 1)},
		{hc("合计", 1, 1), hc("人员经费", 1, 1), hc("公用经费", 1, 1)},
	})
	codes, amounts := econTotals(c.Econ)
	for _, code := range codes {
		nm := t.name(schemas.SchemeEconomic, code)
		r := len(sh.t.Rows)
		// Economic class names are printed without indentation (Level 0).
		row := officegen.Row{Code: code, Cells: []string{nm, "", "", ""}}
		fact := TruthFact{Metric: "economic_class", Period: schemas.PeriodCurrent, Scheme: schemas.SchemeEconomic,
			Code: code, Level: codeLevel(code), Name: nm, Amount: amounts[code]}
		row.Cells[1] = t.money(sh, r, 2, fact)
		if code[:3] == "302" {
			fact.Metric = "public_expenditure"
			row.Cells[3] = t.money(sh, r, 4, fact)
		} else {
			fact.Metric = "personnel_expenditure"
			row.Cells[2] = t.money(sh, r, 3, fact)
		}
		sh.t.Rows = append(sh.t.Rows, row)
	}
	r := len(sh.t.Rows)
	sh.t.Rows = append(sh.t.Rows, officegen.Row{Code: "合计", Total: true, Cells: []string{"",
		t.money(sh, r, 2, TruthFact{Metric: "general_public_budget_basic_expenditure", Period: schemas.PeriodCurrent, Name: "合计", Amount: c.Basic()}),
		t.money(sh, r, 3, TruthFact{Metric: "personnel_expenditure", Period: schemas.PeriodCurrent, Name: "合计", Amount: c.Personnel}),
		t.money(sh, r, 4, TruthFact{Metric: "public_expenditure", Period: schemas.PeriodCurrent, Name: "合计", Amount: c.Public}),
	}})
	return sh
}

// threePublicSheet is the 三公 table; final accounts carry 年初预算数 and 决算数 rows.
func (t *tableBuilder) threePublicSheet(name string) *sheet {
	c := t.cur
	title := fmt.Sprintf("%s%d年“三公”经费财政拨款预算表", t.full, t.year)
	if t.final() {
		title = fmt.Sprintf("%s%d年度“三公”经费财政拨款支出决算表", t.full, t.year)
	}
	sh := t.newSheet("three_public", title, name, officegen.CodeNone, [][]officegen.HeaderCell{
		{hc("项目", 1, 2), hc("合计", 1, 2), hc("因公出国（境）费", 1, 2), hc("公务用车购置及运行维护费", 3, 1), hc("公务接待费", 1, 2)},
		{hc("小计", 1, 1), hc("公务用车购置费", 1, 1), hc("公务用车运行维护费", 1, 1)},
	})
	type line struct {
		label  string
		period string
		tp     threePublic
	}
	lines := []line{{fmt.Sprintf("%d年预算数", t.year), schemas.PeriodCurrent, c.TP}}
	if t.final() {
		lines = []line{{"年初预算数", schemas.PeriodInitialBudget, c.TPInitial}, {"决算数", schemas.PeriodCurrent, c.TP}}
	}
	for _, l := range lines {
		r := len(sh.t.Rows)
		row := officegen.Row{Cells: []string{l.label}}
		for j, v := range []struct {
			metric string
			a      schemas.Money
		}{
			{"three_public_total", l.tp.Total()}, {"three_public_overseas", l.tp.Overseas},
			{"three_public_vehicle_total", l.tp.Vehicle()}, {"three_public_vehicle_purchase", l.tp.VehPurchase},
			{"three_public_vehicle_operation", l.tp.VehOperation}, {"three_public_reception", l.tp.Reception},
		} {
			row.Cells = append(row.Cells, t.money(sh, r, 1+j, TruthFact{Metric: v.metric, Period: l.period, Amount: v.a}))
		}
		sh.t.Rows = append(sh.t.Rows, row)
	}
	return sh
}

// attachment is one rendered table attachment of a document.
type attachment struct {
	path   string
	format string
	model  officegen.Doc
	sheets []*sheet
	body   []byte
}

// build writes the document's tables into len(paths) attachments (one, or
// two in /bs/) of the given format (xlsx, xls or docx; a PDF is converted
// from the docx outside the generator) and returns them with the truth
// cells, addressed as the readers of pipeline/tables name them.
func (t *tableBuilder) build(paths []string, format string) ([]attachment, []TruthCell) {
	names := []string{"收支预算总表", "一般公共预算支出表", "一般公共预算基本支出表", "三公经费预算表"}
	if t.final() {
		names = []string{"收入支出决算总表", "一般公共预算财政拨款支出决算表", "基本支出决算表", "三公经费支出决算表"}
	}
	writers := []func(string) *sheet{t.summarySheet, t.functionSheet, t.basicSheet, t.threePublicSheet}
	var out []attachment
	var cells []TruthCell
	per := (len(names) + len(paths) - 1) / len(paths)
	for i, p := range paths {
		a := attachment{path: p, format: format, model: officegen.Doc{Name: p, Department: t.full, OrgLabel: "编制单位：",
			Year: int(t.year), Stage: t.stage}}
		for j := i * per; j < min(len(names), (i+1)*per); j++ {
			sh := writers[j](names[j])
			a.sheets = append(a.sheets, sh)
			a.model.Tables = append(a.model.Tables, sh.t)
		}
		var err error
		switch format {
		case FormatXLSX:
			a.body, err = officegen.XLSX(a.model)
		case FormatXLS:
			a.body, err = officegen.XLS(a.model)
		case FormatDOCX:
			a.body, err = officegen.DOCX(a.model)
		default:
			err = fmt.Errorf("format %q is not rendered by the generator", format)
		}
		must(err)
		cs, err := a.truthCells(format)
		must(err)
		cells = append(cells, cs...)
		out = append(out, a)
	}
	return out, cells
}

// truthCells addresses the attachment's truth cells as the readers of
// pipeline/tables name them in format (a PDF keeps the addresses of the
// .docx it was converted from: its page and cell depend on the layout).
func (a *attachment) truthCells(format string) ([]TruthCell, error) {
	places, err := a.model.Places()
	if err != nil {
		return nil, err
	}
	addrFormat := format
	if format == FormatPDF {
		addrFormat = FormatDOCX
	}
	var out []TruthCell
	for ti, sh := range a.sheets {
		for _, m := range sh.money {
			s, c, err := officegen.CellRef(places, addrFormat, ti, m.row, m.col)
			if err != nil {
				return nil, err
			}
			xs, xc, err := officegen.CellRef(places, FormatXLSX, ti, m.row, m.col)
			if err != nil {
				return nil, err
			}
			out = append(out, TruthCell{Attachment: a.path, Format: format, Sheet: s, Cell: c, Unit: sh.t.Unit, Fact: m.fact,
				xlsxSheet: xs, xlsxCell: xc})
		}
	}
	return out, nil
}

func must(err error) {
	if err != nil {
		panic("demoportal: writing an attachment: " + err.Error())
	}
}
