package officegen

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// cellKind is how a spreadsheet cell is stored.
type cellKind int

const (
	cellText    cellKind = iota // string
	cellTitle                   // string, title style
	cellNumber                  // number holding the printed decimal
	cellFormula                 // SUM of refs; text is the value it computes
)

// lcell is one spreadsheet cell of the shared layout (0-based row/col).
type lcell struct {
	row, col int
	kind     cellKind
	text     string
	refs     [][2]int // formula operands (row, col)
}

// lsheet is one worksheet: its cells in row order and its merged ranges
// (r0, c0, r1, c1, 0-based inclusive).
type lsheet struct {
	name   string
	cells  []lcell
	merges [][4]int
}

// Place says where a table's body starts in each format; see Doc.CellRef.
type Place struct {
	Sheet     string // worksheet of the spreadsheet formats
	BodyRow   int    // 0-based worksheet row of the first body row
	DOCXTable int    // 1-based table number in the .docx
	Header    int    // header rows above the body (also in the .docx table)
}

// layout places the tables on worksheets, identically for .xlsx and .xls:
// one sheet per Table.Sheet (tables sharing a sheet are stacked with blank
// rows between), each table as a merged title row, the department / 单位
// row, the merged multi-row header and the body.
func layout(d Doc) ([]*lsheet, []Place, error) {
	var sheets []*lsheet
	bySheet := map[string]*lsheet{}
	next := map[string]int{}
	var places []Place
	for ti, t := range d.Tables {
		name := t.Sheet
		if name == "" {
			name = t.Kind
		}
		sh, ok := bySheet[name]
		if !ok {
			sh = &lsheet{name: name}
			bySheet[name] = sh
			sheets = append(sheets, sh)
		}
		r := next[name]
		n := t.Columns()
		if n == 0 {
			return nil, nil, fmt.Errorf("officegen: table %q has no columns", t.Title)
		}
		put := func(row, col int, kind cellKind, text string) {
			sh.cells = append(sh.cells, lcell{row: row, col: col, kind: kind, text: text})
		}
		put(r, 0, cellTitle, t.Title)
		if n > 1 {
			sh.merges = append(sh.merges, [4]int{r, 0, r, n - 1})
		}
		r++
		put(r, 0, cellText, d.orgLine())
		if n > 1 {
			put(r, n-1, cellText, "单位："+t.Unit)
		}
		r++
		hrows, merges := t.HeaderGrid()
		for i, hr := range hrows {
			for c, v := range hr {
				if v != "" {
					put(r+i, c, cellText, v)
				}
			}
		}
		for _, m := range merges {
			sh.merges = append(sh.merges, [4]int{r + m[0], m[1], r + m[2], m[3]})
		}
		r += len(hrows)
		places = append(places, Place{Sheet: name, BodyRow: r, DOCXTable: ti + 1, Header: len(hrows)})
		bodyStart := r
		for _, row := range t.Rows {
			cells := t.BodyRow(row)
			off := len(cells) - len(row.Cells)
			for c, v := range cells {
				if src, ok := row.Formula[c-off]; ok && c >= off {
					lc := lcell{row: r, col: c, kind: cellFormula, text: v}
					for _, k := range src {
						lc.refs = append(lc.refs, [2]int{bodyStart + k, c})
					}
					sh.cells = append(sh.cells, lc)
					continue
				}
				switch {
				case v == "":
				case c >= off && isAmount(v) && !t.TextAmounts:
					put(r, c, cellNumber, v)
				default:
					put(r, c, cellText, v)
				}
			}
			r++
		}
		if t.Empty != "" {
			put(r, 0, cellText, t.Empty)
			if n > 1 {
				sh.merges = append(sh.merges, [4]int{r, 0, r, n - 1})
			}
			r++
		}
		next[name] = r + 2
	}
	return sheets, places, nil
}

// Places returns where each table of d is in the rendered files.
func (d Doc) Places() ([]Place, error) {
	_, p, err := layout(d)
	return p, err
}

// CellRef is the address of body cell col (an index into Table.BodyRow) of
// body row row of table table, as the readers of pipeline/tables name it:
// for "xlsx" and "xls" the worksheet and "C7"; for "docx" "table N" and
// "rRcC" (header rows counted). places comes from Doc.Places.
func CellRef(places []Place, format string, table, row, col int) (sheet, cell string, err error) {
	if table < 0 || table >= len(places) {
		return "", "", fmt.Errorf("officegen: table %d of %d", table, len(places))
	}
	p := places[table]
	switch format {
	case "xlsx", "xls":
		a, err := excelize.CoordinatesToCellName(col+1, p.BodyRow+row+1)
		return p.Sheet, a, err
	case "docx":
		return "table " + strconv.Itoa(p.DOCXTable), fmt.Sprintf("r%dc%d", p.Header+row+1, col+1), nil
	}
	return "", "", fmt.Errorf("officegen: no cell addresses for format %q", format)
}
