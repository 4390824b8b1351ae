package tables

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// docxBlock is a body-level paragraph or table of a .docx, in order.
type docxBlock struct {
	para  string     // paragraph text (when table is nil)
	table [][]string // rows of grid cells (merged ranges already expanded)
	spans [][]bool   // true where a cell is a copy of a merged range
	index int        // 1-based table number
}

type docxDoc struct{ blocks []docxBlock }

// parseDOCX reads word/document.xml with encoding/xml: paragraphs, and
// tables with gridSpan / vMerge expanded on a grid.
func parseDOCX(data []byte) (*docxDoc, error) {
	zr, err := openZip(data)
	if err != nil {
		return nil, err
	}
	body, err := readZipPart(zr, "word/document.xml")
	if err != nil {
		return nil, err
	}
	if body == nil {
		return nil, errors.New("no word/document.xml part")
	}
	d := &docxDoc{}
	dec := xml.NewDecoder(bytes.NewReader(body))
	var (
		depth      int // table nesting
		para       strings.Builder
		cell       strings.Builder
		inCell     bool
		cellSpan   int
		vMerge     string
		hasVMerge  bool
		row        []string
		rowSpan    []bool
		vcont      []bool // per grid column of the current row: vMerge continue
		gridBefore int
		tbl        *docxBlock
		tables     int
		cells      int
	)
	attr := func(se xml.StartElement, name string) (string, bool) {
		for _, a := range se.Attr {
			if a.Name.Local == name {
				return a.Value, true
			}
		}
		return "", false
	}
	write := func(s string) {
		if depth > 0 && inCell {
			cell.WriteString(s)
		} else if depth == 0 {
			para.WriteString(s)
		}
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("word/document.xml: %w", err)
		}
		switch se := tok.(type) {
		case xml.StartElement:
			switch se.Name.Local {
			case "tbl":
				depth++
				if depth == 1 {
					tables++
					tbl = &docxBlock{index: tables}
				}
			case "tr":
				if depth == 1 {
					row, rowSpan, vcont, gridBefore = nil, nil, nil, 0
				}
			case "gridBefore":
				if depth == 1 {
					if v, ok := attr(se, "val"); ok {
						gridBefore, _ = strconv.Atoi(v)
						gridBefore = min(max(gridBefore, 0), 50)
					}
				}
			case "tc":
				if depth == 1 {
					for gridBefore > 0 {
						row, rowSpan, vcont = append(row, ""), append(rowSpan, false), append(vcont, false)
						gridBefore--
					}
					inCell, cellSpan, vMerge, hasVMerge = true, 1, "", false
					cell.Reset()
				}
			case "gridSpan":
				if depth == 1 && inCell {
					if v, ok := attr(se, "val"); ok {
						cellSpan, _ = strconv.Atoi(v)
						cellSpan = min(max(cellSpan, 1), 64)
					}
				}
			case "vMerge":
				if depth == 1 && inCell {
					hasVMerge = true
					vMerge, _ = attr(se, "val")
				}
			case "t":
				var s string
				if err := dec.DecodeElement(&s, &se); err != nil {
					return nil, fmt.Errorf("word/document.xml: %w", err)
				}
				write(s)
			case "tab":
				write(" ")
			case "br", "cr":
				write("\n")
			}
		case xml.EndElement:
			switch se.Name.Local {
			case "p":
				if depth == 0 {
					d.blocks = append(d.blocks, docxBlock{para: para.String()})
					para.Reset()
				} else if inCell && depth == 1 {
					cell.WriteString("\n")
				}
			case "tc":
				if depth == 1 && inCell {
					text := strings.TrimRight(cell.String(), "\n")
					cont := hasVMerge && vMerge != "restart"
					for k := 0; k < cellSpan; k++ {
						row = append(row, text)
						rowSpan = append(rowSpan, k > 0)
						vcont = append(vcont, cont)
					}
					inCell = false
					cells += cellSpan
					if cells > MaxCells {
						return nil, fmt.Errorf("more than %d table cells: %w", MaxCells, ErrTooLarge)
					}
				}
			case "tr":
				if depth == 1 && tbl != nil {
					// vMerge continue: copy the value of the cell above.
					if n := len(tbl.table); n > 0 {
						above := tbl.table[n-1]
						for c := range row {
							if vcont[c] && c < len(above) {
								row[c], rowSpan[c] = above[c], true
							}
						}
					}
					tbl.table = append(tbl.table, row)
					tbl.spans = append(tbl.spans, rowSpan)
					if len(tbl.table) > MaxRows {
						return nil, fmt.Errorf("table %d has more than %d rows: %w", tbl.index, MaxRows, ErrTooLarge)
					}
				}
			case "tbl":
				if depth == 1 && tbl != nil {
					d.blocks = append(d.blocks, *tbl)
					tbl = nil
				}
				depth--
			}
		}
	}
	return d, nil
}

// grid lays the document out as one grid: paragraphs are one-cell rows
// without an address, table rows keep "rRcC" addresses within "table N".
func (d *docxDoc) grid() *grid {
	g := &grid{name: "document"}
	next := 1
	for _, b := range d.blocks {
		if b.table == nil {
			if strings.TrimSpace(b.para) == "" {
				continue
			}
			g.rows = append(g.rows, grow{sheet: fmt.Sprintf("table %d", next), cells: []gcell{{text: strings.TrimSpace(b.para)}}})
			continue
		}
		next = b.index + 1
		sheet := fmt.Sprintf("table %d", b.index)
		for ri, r := range b.table {
			row := grow{sheet: sheet, line: ri + 1}
			for c, v := range r {
				row.cells = append(row.cells, gcell{text: strings.ReplaceAll(v, "\n", ""), addr: fmt.Sprintf("r%dc%d", ri+1, c+1), span: b.spans[ri][c]})
			}
			g.rows = append(g.rows, row)
		}
	}
	return g
}

// text renders the document as plain text, tables as "a | b" lines.
func (d *docxDoc) text() string {
	var b strings.Builder
	for _, bl := range d.blocks {
		if bl.table == nil {
			b.WriteString(bl.para)
			b.WriteByte('\n')
			continue
		}
		for ri, r := range bl.table {
			var cells []string
			for c, v := range r {
				if bl.spans[ri][c] {
					continue
				}
				cells = append(cells, strings.ReplaceAll(strings.TrimSpace(v), "\n", " "))
			}
			b.WriteString(strings.Join(cells, " | "))
			b.WriteByte('\n')
		}
	}
	return b.String()
}
