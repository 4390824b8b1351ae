package demoportal

import (
	"fmt"
	"strings"
	"testing"

	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/xuri/excelize/v2"
)

// TestTableTruthConvention reads every attachment back and checks, from the
// printed sheet alone, that the truth states exactly the facts the
// long-format convention of docs/tables.md yields: every amount cell of every
// sheet has a truth fact; in the classified sheets (科目编码 in A3) a class
// row × the total column is function_class / economic_class with the row's
// code, × 人员经费 / 公用经费 the column's metric with the row's code, and the
// 合计 row is the table-total metric or the column's metric with no code.
func TestTableTruthConvention(t *testing.T) {
	s := testSite(t)
	for _, d := range s.Truth() {
		byCell := map[string]TruthFact{}
		for _, c := range d.TableCells {
			k := c.Attachment + "!" + c.xlsxSheet + "!" + c.xlsxCell
			if _, dup := byCell[k]; dup {
				t.Errorf("%s: cell %s holds two facts", d.Path, k)
			}
			byCell[k] = d.TableFacts[c.Fact]
		}
		for _, f := range d.TableFacts {
			if strings.Contains(f.Code, "计") {
				t.Errorf("%s: fact %s with code %q", d.Path, f.Key(), f.Code)
			}
			if (f.Metric == "function_class" || f.Metric == "economic_class") && (f.Code == "" || f.Level == 0) {
				t.Errorf("%s: class fact %s without code or level", d.Path, f.Key())
			}
			if f.Scheme == "" {
				t.Errorf("%s: table fact %s without scheme", d.Path, f.Key())
			}
		}
		for _, a := range d.Attachments {
			wb := xlsxOf(t, s, a)
			for _, sheet := range wb.GetSheetList() {
				rows, err := wb.GetRows(sheet, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatalf("%s %s: %v", a, sheet, err)
				}
				checkSheetConvention(t, d, a, sheet, rows, byCell)
			}
			wb.Close()
		}
	}
}

func checkSheetConvention(t *testing.T, d TruthDoc, attach, sheet string, rows [][]string, byCell map[string]TruthFact) {
	t.Helper()
	at := func(r, c int) string { // 0-based
		if r < len(rows) && c < len(rows[r]) {
			return strings.TrimSpace(rows[r][c])
		}
		return ""
	}
	classified := at(2, 0) == "科目编码"
	split := classified && at(3, 0) == "类"
	economic := classified && strings.Contains(at(0, 0), "基本支出")
	nameCol := 1
	if split {
		nameCol = 3
	}
	for r := 4; r < len(rows); r++ { // body rows start at row 5
		for c := range rows[r] {
			v := at(r, c)
			if _, err := schemas.ParseMoney(v, "元"); err != nil || v == "" || (classified && c < nameCol) {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			where := fmt.Sprintf("%s %s!%s", attach, sheet, cell)
			f, ok := byCell[attach+"!"+sheet+"!"+cell]
			if !ok {
				t.Errorf("%s: %s: amount %q has no truth fact", d.Path, where, v)
				continue
			}
			if !classified {
				continue
			}
			code := at(r, 0)
			if split {
				code = at(r, 0) + at(r, 1) + at(r, 2)
			}
			col := at(3, c)
			if col == "" {
				col = at(2, c)
			}
			period := schemas.PeriodCurrent
			if col == "年初预算数" {
				period = schemas.PeriodInitialBudget
			}
			var metric, scheme, wantCode string
			switch {
			case col == "人员经费":
				metric = "personnel_expenditure"
			case col == "公用经费":
				metric = "public_expenditure"
			case code == "合计" && economic:
				metric = "general_public_budget_basic_expenditure"
			case code == "合计":
				metric = "general_public_budget_expenditure"
			case economic:
				metric = "economic_class"
			default:
				metric = "function_class"
			}
			switch {
			case code == "合计":
				scheme = schemas.SchemeNone
			case economic:
				scheme, wantCode = schemas.SchemeEconomic, code
			default:
				scheme, wantCode = schemas.SchemeFunction, code
			}
			if f.Metric != metric || f.Period != period || f.Code != wantCode || f.Scheme != scheme {
				t.Errorf("%s: %s: row %q × column %q is %s/%s/%s/%s, convention says %s/%s/%s/%s",
					d.Path, where, code, col, f.Metric, f.Period, f.Scheme, f.Code, metric, period, scheme, wantCode)
			}
			if wantCode != "" && (f.Name != at(r, nameCol) || int(f.Level) != map[int]int{3: 1, 5: 2, 7: 3}[len(code)]) {
				t.Errorf("%s: %s: name %q level %d, printed %q at code %s", d.Path, where, f.Name, f.Level, at(r, nameCol), code)
			}
		}
	}
}
