package demoportal

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/xuri/excelize/v2"
)

// tableBuilder writes the standard tables of one document and records every
// figure it puts in a cell.
type tableBuilder struct {
	*docCtx
	unit      string // 万元 or 元
	dec       int
	text      bool // amounts as text cells
	splitCode bool // 科目编码 in separate 类/款/项 columns
	fs        factSet
	cells     []TruthCell
	numStyle  int
}

// pickTableUnit chooses the unit of the tables independently of the text.
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

func (t *tableBuilder) money(f *excelize.File, attach, sheet, cell string, fact TruthFact) {
	s := num(fact.Amount, t.unit, t.dec, false, false)
	if t.text {
		must(f.SetCellStr(sheet, cell, s))
	} else {
		v, err := strconv.ParseFloat(s, 64)
		must(err)
		must(f.SetCellFloat(sheet, cell, v, t.dec, 64))
		must(f.SetCellStyle(sheet, cell, cell, t.numStyle))
	}
	fact.HasAmount = true
	if fact.Scheme == "" {
		fact.Scheme = schemas.SchemeNone
	}
	if fact.FiscalYear == 0 {
		fact.FiscalYear = t.year
	}
	i := t.fs.add(fact)
	t.cells = append(t.cells, TruthCell{Attachment: attach, Sheet: sheet, Cell: cell, Unit: t.unit, Fact: i})
}

func must(err error) {
	if err != nil {
		panic("demoportal: writing a workbook: " + err.Error())
	}
}

func cellName(col, row int) string {
	c, err := excelize.CoordinatesToCellName(col, row)
	must(err)
	return c
}

// head writes the title and unit rows of a sheet spanning cols columns.
func (t *tableBuilder) head(f *excelize.File, sheet, title string, cols int) {
	last := cellName(cols, 1)
	must(f.SetCellStr(sheet, "A1", title))
	must(f.MergeCell(sheet, "A1", last))
	must(f.SetCellStr(sheet, "A2", "编制单位："+t.full))
	must(f.SetCellStr(sheet, cellName(cols, 2), "单位："+t.unit))
	must(f.SetColWidth(sheet, "A", "A", 34))
}

func (t *tableBuilder) amountHeader() string {
	if t.final() {
		return "决算数"
	}
	return fmt.Sprintf("%d年预算数", t.year)
}

// summarySheet is 收支预算总表 / 收入支出决算总表.
func (t *tableBuilder) summarySheet(f *excelize.File, attach, sheet string) {
	c := t.cur
	title := fmt.Sprintf("%s%d年收支预算总表", t.full, t.year)
	if t.final() {
		title = fmt.Sprintf("%s%d年度收入支出决算总表", t.full, t.year)
	}
	t.head(f, sheet, title, 4)
	must(f.SetCellStr(sheet, "A3", "收入"))
	must(f.MergeCell(sheet, "A3", "B3"))
	must(f.SetCellStr(sheet, "C3", "支出"))
	must(f.MergeCell(sheet, "C3", "D3"))
	for i, h := range []string{"项目", t.amountHeader(), "项目", t.amountHeader()} {
		must(f.SetCellStr(sheet, cellName(i+1, 4), h))
	}
	row := 5
	labels := []string{"一、一般公共预算拨款收入", "二、政府性基金预算拨款收入", "三、国有资本经营预算拨款收入",
		"四、财政专户管理资金收入", "五、事业收入", "六、事业单位经营收入", "七、其他收入"}
	metrics := []string{"general_public_budget_income", "government_fund_income", "state_capital_income",
		"fiscal_special_account_income", "business_income", "operating_income", "other_income"}
	amounts := []schemas.Money{c.GPB, c.Fund, c.Capital, c.Special, c.Business, c.Operating, c.Other}
	for i := range labels {
		must(f.SetCellStr(sheet, cellName(1, row+i), labels[i]))
		t.money(f, attach, sheet, cellName(2, row+i), TruthFact{Metric: metrics[i], Period: schemas.PeriodCurrent, Amount: amounts[i]})
	}
	must(f.SetCellStr(sheet, cellName(3, row), "一、基本支出"))
	t.money(f, attach, sheet, cellName(4, row), TruthFact{Metric: "basic_expenditure", Period: schemas.PeriodCurrent, Amount: c.Basic()})
	must(f.SetCellStr(sheet, cellName(3, row+1), "二、项目支出"))
	t.money(f, attach, sheet, cellName(4, row+1), TruthFact{Metric: "project_expenditure", Period: schemas.PeriodCurrent, Amount: c.Project()})
	row += len(labels)
	must(f.SetCellStr(sheet, cellName(1, row), "八、上年结转"))
	t.money(f, attach, sheet, cellName(2, row), TruthFact{Metric: "carryover_income", Period: schemas.PeriodCurrent, Amount: c.Carry})
	row++
	must(f.SetCellStr(sheet, cellName(1, row), "收入总计"))
	t.money(f, attach, sheet, cellName(2, row), TruthFact{Metric: "total_income", Period: schemas.PeriodCurrent, Amount: c.Total()})
	must(f.SetCellStr(sheet, cellName(3, row), "支出总计"))
	t.money(f, attach, sheet, cellName(4, row), TruthFact{Metric: "total_expenditure", Period: schemas.PeriodCurrent, Amount: c.Total()})
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
func (t *tableBuilder) functionSheet(f *excelize.File, attach, sheet string) {
	c := t.cur
	codes, cur := classTotals(c.Items, false)
	_, init := classTotals(c.Items, true)
	title := fmt.Sprintf("%s%d年一般公共预算支出表", t.full, t.year)
	if t.final() {
		title = fmt.Sprintf("%s%d年度一般公共预算财政拨款支出决算表", t.full, t.year)
	}
	codeCols := 1
	if t.splitCode {
		codeCols = 3
	}
	valCols := 1
	if t.final() {
		valCols = 2
	}
	cols := codeCols + 1 + valCols
	t.head(f, sheet, title, cols)
	if t.splitCode {
		must(f.SetCellStr(sheet, "A3", "科目编码"))
		must(f.MergeCell(sheet, "A3", "C3"))
		for i, h := range []string{"类", "款", "项"} {
			must(f.SetCellStr(sheet, cellName(i+1, 4), h))
		}
	} else {
		must(f.SetCellStr(sheet, "A3", "科目编码"))
		must(f.MergeCell(sheet, "A3", "A4"))
	}
	nameCol := codeCols + 1
	must(f.SetCellStr(sheet, cellName(nameCol, 3), "科目名称"))
	must(f.MergeCell(sheet, cellName(nameCol, 3), cellName(nameCol, 4)))
	heads := []string{t.amountHeader()}
	if t.final() {
		heads = []string{"年初预算数", "决算数"}
	}
	for i, h := range heads {
		col := nameCol + 1 + i
		must(f.SetCellStr(sheet, cellName(col, 3), h))
		must(f.MergeCell(sheet, cellName(col, 3), cellName(col, 4)))
	}
	row := 5
	var total, totalInit schemas.Money
	for _, code := range codes {
		if t.splitCode {
			must(f.SetCellStr(sheet, cellName(1, row), code[:3]))
			if len(code) >= 5 {
				must(f.SetCellStr(sheet, cellName(2, row), code[3:5]))
			}
			if len(code) == 7 {
				must(f.SetCellStr(sheet, cellName(3, row), code[5:7]))
			}
		} else {
			must(f.SetCellStr(sheet, cellName(1, row), code))
		}
		nm := t.name(schemas.SchemeFunction, code)
		indent := map[int]string{3: "", 5: "  ", 7: "    "}[len(code)]
		must(f.SetCellStr(sheet, cellName(nameCol, row), indent+nm))
		col := nameCol + 1
		class := TruthFact{Metric: "function_class", Scheme: schemas.SchemeFunction, Code: code, Level: codeLevel(code), Name: nm}
		if t.final() {
			class.Period, class.Amount = schemas.PeriodInitialBudget, init[code]
			t.money(f, attach, sheet, cellName(col, row), class)
			col++
		}
		class.Period, class.Amount = schemas.PeriodCurrent, cur[code]
		t.money(f, attach, sheet, cellName(col, row), class)
		if len(code) == 3 {
			total += cur[code]
			totalInit += init[code]
		}
		row++
	}
	must(f.SetCellStr(sheet, cellName(1, row), "合计"))
	totals := []TruthFact{{Period: schemas.PeriodCurrent, Amount: total}}
	if t.final() {
		totals = []TruthFact{{Period: schemas.PeriodInitialBudget, Amount: totalInit}, {Period: schemas.PeriodCurrent, Amount: total}}
	}
	for i, v := range totals {
		v.Metric, v.Name = "general_public_budget_expenditure", "合计"
		t.money(f, attach, sheet, cellName(nameCol+1+i, row), v)
	}
}

// basicSheet is 一般公共预算基本支出表 by 经济分类 with 人员经费 / 公用经费
// columns. A class row × 合计 is economic_class, × 人员经费 / 公用经费 it is
// personnel_expenditure / public_expenditure with the row's code; the 合计
// row is general_public_budget_basic_expenditure, personnel_expenditure and
// public_expenditure with no code (docs/tables.md).
func (t *tableBuilder) basicSheet(f *excelize.File, attach, sheet string) {
	c := t.cur
	title := fmt.Sprintf("%s%d年一般公共预算基本支出表", t.full, t.year)
	if t.final() {
		title = fmt.Sprintf("%s%d年度一般公共预算财政拨款基本支出决算表", t.full, t.year)
	}
	t.head(f, sheet, title, 5)
	must(f.SetCellStr(sheet, "A3", "科目编码"))
	must(f.MergeCell(sheet, "A3", "A4"))
	must(f.SetCellStr(sheet, "B3", "科目名称"))
	must(f.MergeCell(sheet, "B3", "B4"))
	must(f.SetCellStr(sheet, "C3", "一般公共预算基本支出"))
	must(f.MergeCell(sheet, "C3", "E3"))
	for i, h := range []string{"合计", "人员经费", "公用经费"} {
		must(f.SetCellStr(sheet, cellName(3+i, 4), h))
	}
	codes, amounts := econTotals(c.Econ)
	row := 5
	for _, code := range codes {
		nm := t.name(schemas.SchemeEconomic, code)
		must(f.SetCellStr(sheet, cellName(1, row), code))
		must(f.SetCellStr(sheet, cellName(2, row), nm))
		fact := TruthFact{Metric: "economic_class", Period: schemas.PeriodCurrent, Scheme: schemas.SchemeEconomic,
			Code: code, Level: codeLevel(code), Name: nm, Amount: amounts[code]}
		t.money(f, attach, sheet, cellName(3, row), fact)
		if code[:3] == "302" {
			fact.Metric = "public_expenditure"
			t.money(f, attach, sheet, cellName(5, row), fact)
		} else {
			fact.Metric = "personnel_expenditure"
			t.money(f, attach, sheet, cellName(4, row), fact)
		}
		row++
	}
	must(f.SetCellStr(sheet, cellName(1, row), "合计"))
	t.money(f, attach, sheet, cellName(3, row), TruthFact{Metric: "general_public_budget_basic_expenditure", Period: schemas.PeriodCurrent, Name: "合计", Amount: c.Basic()})
	t.money(f, attach, sheet, cellName(4, row), TruthFact{Metric: "personnel_expenditure", Period: schemas.PeriodCurrent, Name: "合计", Amount: c.Personnel})
	t.money(f, attach, sheet, cellName(5, row), TruthFact{Metric: "public_expenditure", Period: schemas.PeriodCurrent, Name: "合计", Amount: c.Public})
}

// threePublicSheet is the 三公 table; final accounts carry 年初预算数 and 决算数 rows.
func (t *tableBuilder) threePublicSheet(f *excelize.File, attach, sheet string) {
	c := t.cur
	title := fmt.Sprintf("%s%d年“三公”经费财政拨款预算表", t.full, t.year)
	if t.final() {
		title = fmt.Sprintf("%s%d年度“三公”经费财政拨款支出决算表", t.full, t.year)
	}
	t.head(f, sheet, title, 7)
	for _, h := range []struct{ cell, end, text string }{
		{"A3", "A4", "项目"}, {"B3", "B4", "合计"}, {"C3", "C4", "因公出国（境）费"},
		{"D3", "F3", "公务用车购置及运行维护费"}, {"G3", "G4", "公务接待费"},
	} {
		must(f.SetCellStr(sheet, h.cell, h.text))
		must(f.MergeCell(sheet, h.cell, h.end))
	}
	for i, h := range []string{"小计", "公务用车购置费", "公务用车运行维护费"} {
		must(f.SetCellStr(sheet, cellName(4+i, 4), h))
	}
	type line struct {
		label  string
		period string
		tp     threePublic
	}
	lines := []line{{fmt.Sprintf("%d年预算数", t.year), schemas.PeriodCurrent, c.TP}}
	if t.final() {
		lines = []line{{"年初预算数", schemas.PeriodInitialBudget, c.TPInitial}, {"决算数", schemas.PeriodCurrent, c.TP}}
	}
	for i, l := range lines {
		row := 5 + i
		must(f.SetCellStr(sheet, cellName(1, row), l.label))
		for j, v := range []struct {
			metric string
			a      schemas.Money
		}{
			{"three_public_total", l.tp.Total()}, {"three_public_overseas", l.tp.Overseas},
			{"three_public_vehicle_total", l.tp.Vehicle()}, {"three_public_vehicle_purchase", l.tp.VehPurchase},
			{"three_public_vehicle_operation", l.tp.VehOperation}, {"three_public_reception", l.tp.Reception},
		} {
			t.money(f, attach, sheet, cellName(2+j, row), TruthFact{Metric: v.metric, Period: l.period, Amount: v.a})
		}
	}
}

// workbook is one attachment being built.
type workbook struct {
	path, display string
	f             *excelize.File
	first         bool
}

func (t *tableBuilder) newBook(path, display string) *workbook {
	f := excelize.NewFile()
	st, err := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	must(err)
	t.numStyle = st
	return &workbook{path: path, display: display, f: f, first: true}
}

func (w *workbook) sheet(name string) string {
	if w.first {
		must(w.f.SetSheetName("Sheet1", name))
		w.first = false
	} else {
		_, err := w.f.NewSheet(name)
		must(err)
	}
	return name
}

func (w *workbook) bytes() []byte {
	var b bytes.Buffer
	if _, err := w.f.WriteTo(&b); err != nil {
		panic("demoportal: writing workbook " + w.path + ": " + err.Error())
	}
	return b.Bytes()
}

// build writes the document's workbooks at the given paths (one or two).
func (t *tableBuilder) build(paths, displays []string) [][]byte {
	names := []string{"收支预算总表", "一般公共预算支出表", "一般公共预算基本支出表", "三公经费预算表"}
	if t.final() {
		names = []string{"收入支出决算总表", "一般公共预算财政拨款支出决算表", "基本支出决算表", "三公经费支出决算表"}
	}
	writers := []func(*excelize.File, string, string){t.summarySheet, t.functionSheet, t.basicSheet, t.threePublicSheet}
	var out [][]byte
	per := (len(names) + len(paths) - 1) / len(paths)
	for i, p := range paths {
		wb := t.newBook(p, displays[i])
		for j := i * per; j < min(len(names), (i+1)*per); j++ {
			writers[j](wb.f, p, wb.sheet(names[j]))
		}
		out = append(out, wb.bytes())
	}
	return out
}
