package tablegen

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// isAmount reports whether a printed body cell is an amount (digits, one
// dot, optional sign), which the writers store as numbers.
func isAmount(s string) bool {
	if s == "" {
		return false
	}
	s = strings.TrimPrefix(s, "-")
	dot := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '.' && !dot:
			dot = true
		case s[i] >= '0' && s[i] <= '9':
		default:
			return false
		}
	}
	return s != "" && s != "."
}

// XLSX renders the doc as an .xlsx workbook: one sheet per Table.Sheet (tables
// sharing a sheet are stacked with a blank row between), each table as a
// merged title row, a 单位 row, the merged multi-row header and the body.
// Amounts are numeric cells holding the printed decimal (no float
// conversion); rows with Formula cells get SUM formulas without cached value.
func XLSX(d Doc) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	titleStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14},
		Alignment: &excelize.Alignment{Horizontal: "center"}})
	if err != nil {
		return nil, fmt.Errorf("tablegen: title style: %w", err)
	}
	numStyle, err := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	if err != nil {
		return nil, fmt.Errorf("tablegen: number style: %w", err)
	}
	next := map[string]int{} // next free row per sheet (1-based)
	first := true
	for _, t := range d.Tables {
		sheet := t.Sheet
		if sheet == "" {
			sheet = t.Kind
		}
		if _, ok := next[sheet]; !ok {
			if first {
				if err := f.SetSheetName("Sheet1", sheet); err != nil {
					return nil, fmt.Errorf("tablegen: rename sheet %s: %w", sheet, err)
				}
				first = false
			} else if _, err := f.NewSheet(sheet); err != nil {
				return nil, fmt.Errorf("tablegen: new sheet %s: %w", sheet, err)
			}
			next[sheet] = 1
		}
		r, err := writeXLSXTable(f, sheet, next[sheet], t, d, titleStyle, numStyle)
		if err != nil {
			return nil, fmt.Errorf("tablegen: %s: %w", t.Title, err)
		}
		next[sheet] = r + 1
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("tablegen: write xlsx: %w", err)
	}
	return bytes.Clone(buf.Bytes()), nil
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col+1, row)
	return n
}

// writeXLSXTable writes t from row r0 and returns the first free row.
func writeXLSXTable(f *excelize.File, sheet string, r0 int, t Table, d Doc, titleStyle, numStyle int) (int, error) {
	n := t.Columns()
	r := r0
	if err := f.SetCellStr(sheet, cellName(0, r), t.Title); err != nil {
		return 0, err
	}
	if err := f.MergeCell(sheet, cellName(0, r), cellName(n-1, r)); err != nil {
		return 0, err
	}
	if err := f.SetCellStyle(sheet, cellName(0, r), cellName(0, r), titleStyle); err != nil {
		return 0, err
	}
	r++
	if err := f.SetCellStr(sheet, cellName(0, r), "部门："+d.Department); err != nil {
		return 0, err
	}
	if err := f.SetCellStr(sheet, cellName(n-1, r), "单位："+t.Unit); err != nil {
		return 0, err
	}
	r++
	hrows, merges := t.HeaderGrid()
	for i, hr := range hrows {
		for c, v := range hr {
			if v != "" {
				if err := f.SetCellStr(sheet, cellName(c, r+i), v); err != nil {
					return 0, err
				}
			}
		}
	}
	for _, m := range merges {
		if err := f.MergeCell(sheet, cellName(m[1], r+m[0]), cellName(m[3], r+m[2])); err != nil {
			return 0, err
		}
	}
	r += len(hrows)
	bodyStart := r
	for _, row := range t.Rows {
		cells := t.BodyRow(row)
		off := len(cells) - len(row.Cells)
		for c, v := range cells {
			addr := cellName(c, r)
			if src, ok := row.Formula[c-off]; ok && c >= off {
				var refs []string
				for _, k := range src {
					refs = append(refs, cellName(c, bodyStart+k))
				}
				if err := f.SetCellFormula(sheet, addr, "SUM("+strings.Join(refs, ",")+")"); err != nil {
					return 0, err
				}
				if err := f.SetCellStyle(sheet, addr, addr, numStyle); err != nil {
					return 0, err
				}
				continue
			}
			if v == "" {
				continue
			}
			if c >= off && isAmount(v) {
				if err := f.SetCellDefault(sheet, addr, v); err != nil {
					return 0, err
				}
				if err := f.SetCellStyle(sheet, addr, addr, numStyle); err != nil {
					return 0, err
				}
				continue
			}
			if err := f.SetCellStr(sheet, addr, v); err != nil {
				return 0, err
			}
		}
		r++
	}
	if t.Empty != "" {
		if err := f.SetCellStr(sheet, cellName(0, r), t.Empty); err != nil {
			return 0, err
		}
		if err := f.MergeCell(sheet, cellName(0, r), cellName(n-1, r)); err != nil {
			return 0, err
		}
		r++
	}
	if err := f.SetColWidth(sheet, "A", "A", 12); err != nil {
		return 0, err
	}
	return r + 1, nil
}
