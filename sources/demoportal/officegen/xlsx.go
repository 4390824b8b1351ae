package officegen

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

// XLSX renders the doc as an .xlsx workbook laid out as described at
// layout. Amounts are numeric cells holding the printed decimal (no float
// conversion), or text cells when the table has TextAmounts; rows with
// Formula cells get SUM formulas without cached value.
func XLSX(d Doc) ([]byte, error) {
	sheets, _, err := layout(d)
	if err != nil {
		return nil, err
	}
	f := excelize.NewFile()
	defer f.Close()
	titleStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14},
		Alignment: &excelize.Alignment{Horizontal: "center"}})
	if err != nil {
		return nil, fmt.Errorf("officegen: title style: %w", err)
	}
	numStyle, err := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	if err != nil {
		return nil, fmt.Errorf("officegen: number style: %w", err)
	}
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				return nil, fmt.Errorf("officegen: rename sheet %s: %w", sh.name, err)
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			return nil, fmt.Errorf("officegen: new sheet %s: %w", sh.name, err)
		}
		if err := writeXLSXSheet(f, sh, titleStyle, numStyle); err != nil {
			return nil, fmt.Errorf("officegen: sheet %s: %w", sh.name, err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("officegen: write xlsx: %w", err)
	}
	return bytes.Clone(buf.Bytes()), nil
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col+1, row+1)
	return n
}

func writeXLSXSheet(f *excelize.File, sh *lsheet, titleStyle, numStyle int) error {
	for _, c := range sh.cells {
		addr := cellName(c.col, c.row)
		var err error
		switch c.kind {
		case cellText:
			err = f.SetCellStr(sh.name, addr, c.text)
		case cellTitle:
			if err = f.SetCellStr(sh.name, addr, c.text); err == nil {
				err = f.SetCellStyle(sh.name, addr, addr, titleStyle)
			}
		case cellNumber:
			if err = f.SetCellDefault(sh.name, addr, c.text); err == nil {
				err = f.SetCellStyle(sh.name, addr, addr, numStyle)
			}
		case cellFormula:
			var refs []string
			for _, r := range c.refs {
				refs = append(refs, cellName(r[1], r[0]))
			}
			if err = f.SetCellFormula(sh.name, addr, "SUM("+strings.Join(refs, ",")+")"); err == nil {
				err = f.SetCellStyle(sh.name, addr, addr, numStyle)
			}
		}
		if err != nil {
			return fmt.Errorf("%s: %w", addr, err)
		}
	}
	for _, m := range sh.merges {
		if err := f.MergeCell(sh.name, cellName(m[1], m[0]), cellName(m[3], m[2])); err != nil {
			return err
		}
	}
	return f.SetColWidth(sh.name, "A", "A", 12)
}
