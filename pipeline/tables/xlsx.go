package tables

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxGrids reads every visible sheet of an .xlsx workbook: raw cell values
// (no number formatting), merged ranges copied into every covered cell as
// spans, and formula cells without a cached value computed by excelize (with
// a note) or reported.
func xlsxGrids(ctx context.Context, data []byte) ([]*grid, error) {
	return xlsxGridsZip(ctx, data, nil)
}

// xlsxGridsZip is xlsxGrids given the zip directory of data as openZip
// checked it (nil: not opened yet).
func xlsxGridsZip(ctx context.Context, data []byte, zr *zip.Reader) ([]*grid, error) {
	// openZip refuses zip bombs before excelize inflates anything.
	if zr == nil {
		var err error
		if zr, err = openZip(data); err != nil {
			return nil, err
		}
	}
	// The fast path (xlsxfast.go) reads what it can read exactly — the same
	// grids as below, proven by TestXLSXFast* — and hands anything else
	// (formulas without cached values, odd packages) to excelize.
	if !xlsxFastOff.Load() {
		if gs, ok, err := xlsxGridsFastZip(ctx, zr); ok || err != nil {
			return gs, err
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue: true, UnzipSizeLimit: MaxUncompressedBytes, UnzipXMLSizeLimit: MaxPartBytes,
	})
	if err != nil {
		return nil, fmt.Errorf("open workbook: %w", err)
	}
	defer f.Close()
	var out []*grid
	cells := 0
	for _, sheet := range f.GetSheetList() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if vis, err := f.GetSheetVisible(sheet); err == nil && !vis {
			continue
		}
		g, n, err := xlsxSheet(f, sheet)
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", sheet, err)
		}
		cells += n
		if cells > MaxCells {
			return nil, fmt.Errorf("sheet %s: more than %d cells in the workbook: %w", sheet, MaxCells, ErrTooLarge)
		}
		out = append(out, g)
	}
	return out, nil
}

func xlsxSheet(f *excelize.File, sheet string) (*grid, int, error) {
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, 0, fmt.Errorf("read rows: %w", err)
	}
	defer it.Close()
	var raw [][]string
	cells := 0
	for it.Next() {
		if len(raw) >= MaxRows {
			return nil, 0, fmt.Errorf("more than %d rows: %w", MaxRows, ErrTooLarge)
		}
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, 0, fmt.Errorf("row %d: %w", len(raw)+1, err)
		}
		cells += len(cols)
		if cells > MaxCells {
			return nil, 0, fmt.Errorf("more than %d cells: %w", MaxCells, ErrTooLarge)
		}
		raw = append(raw, cols)
	}
	if err := it.Error(); err != nil {
		return nil, 0, fmt.Errorf("read rows: %w", err)
	}
	g := &grid{name: sheet}
	width := 0
	for _, r := range raw {
		width = max(width, len(r))
	}
	merges, err := f.GetMergeCells(sheet)
	if err != nil {
		return nil, 0, fmt.Errorf("merged cells: %w", err)
	}
	type rng struct{ c0, r0, c1, r1 int }
	var ms []rng
	for _, m := range merges {
		c0, r0, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, r1, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		if c1 < c0 {
			c0, c1 = c1, c0 // a range written end-first (B2:A1)
		}
		if r1 < r0 {
			r0, r1 = r1, r0
		}
		ms = append(ms, rng{c0 - 1, r0 - 1, c1 - 1, r1 - 1})
		width = max(width, c1)
		for len(raw) < r1 {
			raw = append(raw, nil)
		}
	}
	if width > 1000 {
		return nil, 0, fmt.Errorf("%d columns: %w", width, ErrTooLarge)
	}
	for ri, r := range raw {
		row := grow{sheet: sheet, line: ri + 1, cells: make([]gcell, width)}
		for c := 0; c < width; c++ {
			addr, _ := excelize.CoordinatesToCellName(c+1, ri+1)
			v := ""
			if c < len(r) {
				v = r[c]
			}
			if v == "" {
				if fm, err := f.GetCellFormula(sheet, addr); err == nil && fm != "" {
					calc, cerr := f.CalcCellValue(sheet, addr, excelize.Options{RawCellValue: true})
					switch {
					case cerr != nil || calc == "":
						g.note(addr, "table_formula_unresolved", "error",
							fmt.Sprintf("%s!%s: formula =%s has no cached value and could not be computed: %v", sheet, addr, fm, cerr))
					default:
						v = roundSignificant(calc, 15)
						g.note(addr, "table_formula_computed", "info",
							fmt.Sprintf("%s!%s: formula =%s had no cached value; computed %s", sheet, addr, fm, v))
					}
				}
			}
			row.cells[c] = gcell{text: v, addr: addr}
		}
		g.rows = append(g.rows, row)
	}
	for _, m := range ms {
		if m.r0 < 0 || m.c0 < 0 || m.r1 >= len(g.rows) {
			continue
		}
		top := g.rows[m.r0].cells[m.c0].text
		for r := m.r0; r <= m.r1; r++ {
			for c := m.c0; c <= m.c1 && c < width; c++ {
				if r == m.r0 && c == m.c0 {
					continue
				}
				g.rows[r].cells[c].text = top
				g.rows[r].cells[c].span = true
			}
		}
	}
	return g, cells, nil
}

// roundSignificant rounds a decimal string to n significant digits (the
// precision a spreadsheet shows), so that a float sum computed by the
// formula engine (120.66000000000001) reads as the printed 120.66. It works
// on the digits, never through a float.
func roundSignificant(s string, n int) string {
	x, ok := parseNumber(s)
	if !ok || strings.ContainsAny(x, "eE") {
		return s
	}
	neg := strings.HasPrefix(x, "-")
	x = strings.TrimPrefix(x, "-")
	ip, fp, _ := strings.Cut(x, ".")
	digits := ip + fp
	lead := len(digits) - len(strings.TrimLeft(digits, "0"))
	if len(digits)-lead <= n {
		return s
	}
	keep := lead + n
	total := len(digits)
	d := []byte(digits[:keep])
	if digits[keep] >= '5' {
		i := len(d) - 1
		for ; i >= 0; i-- {
			if d[i] == '9' {
				d[i] = '0'
				continue
			}
			d[i]++
			break
		}
		if i < 0 {
			d = append([]byte{'1'}, d...)
			ip = "0" + ip
			total++
		}
	}
	for len(d) < total {
		d = append(d, '0')
	}
	ni := string(d[:len(ip)])
	nf := strings.TrimRight(string(d[len(ip):]), "0")
	out := strings.TrimLeft(ni, "0")
	if out == "" {
		out = "0"
	}
	if nf != "" {
		out += "." + nf
	}
	if neg && out != "0" {
		out = "-" + out
	}
	return out
}
