package tables

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync/atomic"
)

// docxBlock is a body-level paragraph or table of a .docx, in order.
type docxBlock struct {
	para  string     // paragraph text (when table is nil)
	table [][]string // rows of grid cells (merged ranges already expanded)
	spans [][]bool   // true where a cell is a copy of a merged range
	index int        // 1-based table number
}

type docxDoc struct{ blocks []docxBlock }

// docxFastOff turns the byte-level reader off: parseDOCX then goes straight
// to encoding/xml. Tests set it to compare the two readers.
var docxFastOff atomic.Bool

// parseDOCX reads word/document.xml: paragraphs, and tables with gridSpan /
// vMerge expanded on a grid. The byte-level reader (docxfast.go) reads the
// plain XML Word writes; anything else goes to encoding/xml.
func parseDOCX(data []byte) (*docxDoc, error) {
	zr, err := openZip(data)
	if err != nil {
		return nil, err
	}
	return parseDOCXZip(zr)
}

// parseDOCXZip is parseDOCX of a zip directory openZip checked.
func parseDOCXZip(zr *zip.Reader) (*docxDoc, error) {
	body, err := readZipPart(zr, "word/document.xml")
	if err != nil {
		return nil, err
	}
	if body == nil {
		return nil, errors.New("no word/document.xml part")
	}
	if !docxFastOff.Load() {
		if d, ok, err := parseDocumentXMLFast(body); ok {
			return d, err
		}
	}
	return parseDocumentXML(body)
}

// docxBuilder turns the elements of word/document.xml, identified by local
// name whatever their namespace, into blocks. Both readers drive it, so they
// agree on everything but tokenising.
type docxBuilder struct {
	d          docxDoc
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
}

// write adds the text of a w:t (or a tab or break) where it belongs.
func (b *docxBuilder) write(s string) {
	if b.depth > 0 && b.inCell {
		b.cell.WriteString(s)
	} else if b.depth == 0 {
		b.para.WriteString(s)
	}
}

// start handles a start tag other than w:t; val is its first attribute
// named val (any namespace), decoded.
func (b *docxBuilder) start(local, val string, hasVal bool) {
	switch local {
	case "tbl":
		b.depth++
		if b.depth == 1 {
			b.tables++
			b.tbl = &docxBlock{index: b.tables}
		}
	case "tr":
		if b.depth == 1 {
			b.row, b.rowSpan, b.vcont, b.gridBefore = nil, nil, nil, 0
		}
	case "gridBefore":
		if b.depth == 1 && hasVal {
			b.gridBefore, _ = strconv.Atoi(val)
			b.gridBefore = min(max(b.gridBefore, 0), 50)
		}
	case "tc":
		if b.depth == 1 {
			for b.gridBefore > 0 {
				b.row, b.rowSpan, b.vcont = append(b.row, ""), append(b.rowSpan, false), append(b.vcont, false)
				b.gridBefore--
			}
			b.inCell, b.cellSpan, b.vMerge, b.hasVMerge = true, 1, "", false
			b.cell.Reset()
		}
	case "gridSpan":
		if b.depth == 1 && b.inCell && hasVal {
			b.cellSpan, _ = strconv.Atoi(val)
			b.cellSpan = min(max(b.cellSpan, 1), 64)
		}
	case "vMerge":
		if b.depth == 1 && b.inCell {
			b.hasVMerge = true
			b.vMerge = val
		}
	case "tab":
		b.write(" ")
	case "br", "cr":
		b.write("\n")
	}
}

// end handles an end tag (w:t's end is consumed with its text).
func (b *docxBuilder) end(local string) error {
	switch local {
	case "p":
		if b.depth == 0 {
			b.d.blocks = append(b.d.blocks, docxBlock{para: b.para.String()})
			b.para.Reset()
		} else if b.inCell && b.depth == 1 {
			b.cell.WriteString("\n")
		}
	case "tc":
		if b.depth == 1 && b.inCell {
			text := strings.TrimRight(b.cell.String(), "\n")
			cont := b.hasVMerge && b.vMerge != "restart"
			for k := 0; k < b.cellSpan; k++ {
				b.row = append(b.row, text)
				b.rowSpan = append(b.rowSpan, k > 0)
				b.vcont = append(b.vcont, cont)
			}
			b.inCell = false
			b.cells += b.cellSpan
			if b.cells > MaxCells {
				return fmt.Errorf("more than %d table cells: %w", MaxCells, ErrTooLarge)
			}
		}
	case "tr":
		if b.depth == 1 && b.tbl != nil {
			// vMerge continue: copy the value of the cell above.
			if n := len(b.tbl.table); n > 0 {
				above := b.tbl.table[n-1]
				for c := range b.row {
					if b.vcont[c] && c < len(above) {
						b.row[c], b.rowSpan[c] = above[c], true
					}
				}
			}
			b.tbl.table = append(b.tbl.table, b.row)
			b.tbl.spans = append(b.tbl.spans, b.rowSpan)
			if len(b.tbl.table) > MaxRows {
				return fmt.Errorf("table %d has more than %d rows: %w", b.tbl.index, MaxRows, ErrTooLarge)
			}
		}
	case "tbl":
		if b.depth == 1 && b.tbl != nil {
			b.d.blocks = append(b.d.blocks, *b.tbl)
			b.tbl = nil
		}
		b.depth--
	}
	return nil
}

// parseDocumentXML reads word/document.xml with encoding/xml: the reader
// for everything the byte-level reader does not take.
func parseDocumentXML(body []byte) (*docxDoc, error) {
	b := &docxBuilder{}
	dec := xml.NewDecoder(bytes.NewReader(body))
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
			if se.Name.Local == "t" {
				var s string
				if err := dec.DecodeElement(&s, &se); err != nil {
					return nil, fmt.Errorf("word/document.xml: %w", err)
				}
				b.write(s)
				continue
			}
			val, hasVal := "", false
			for _, a := range se.Attr {
				if a.Name.Local == "val" {
					val, hasVal = a.Value, true
					break
				}
			}
			b.start(se.Name.Local, val, hasVal)
		case xml.EndElement:
			if err := b.end(se.Name.Local); err != nil {
				return nil, err
			}
		}
	}
	return &b.d, nil
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
