package tables

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/richardlehane/mscfb"
	"github.com/shakinm/xlsReader/xls"
	"github.com/xuri/excelize/v2"
)

// BIFF8 record types the reader looks at itself.
const (
	biffBOF        = 0x0809
	biffEOF        = 0x000A
	biffBoundSheet = 0x0085
	biffFilePass   = 0x002F
	biffFormula    = 0x0006
	biffString     = 0x0207
	biffMergeCells = 0x00E5
)

// biffSheetExtra is what the reader recovers from a worksheet substream that
// shakinm/xlsReader ignores: formula results (the cached value a FORMULA
// record carries) and merged ranges.
type biffSheetExtra struct {
	formulas map[[2]int]string // (row, col) 0-based → cached result as printed
	unread   map[[2]int]bool   // formula cells whose cached result is not a number or string
	merges   [][4]int          // r0, r1, c0, c1
}

// workbookStream extracts the Workbook (or BIFF5 Book) stream.
func workbookStream(data []byte) ([]byte, error) {
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("corrupt compound file: %w", err)
	}
	for {
		e, err := r.Next()
		if err == io.EOF {
			return nil, errors.New("no Workbook stream")
		}
		if err != nil {
			return nil, fmt.Errorf("corrupt compound file directory: %w", err)
		}
		if e.Name != "Workbook" && e.Name != "Book" {
			continue
		}
		if e.Size > MaxPartBytes {
			return nil, fmt.Errorf("workbook stream of %d bytes: %w", e.Size, ErrTooLarge)
		}
		b, err := io.ReadAll(io.LimitReader(e, MaxPartBytes))
		if err != nil {
			return nil, fmt.Errorf("read workbook stream: %w", err)
		}
		return b, nil
	}
}

// scanBIFF walks the records of a workbook stream: it refuses encrypted
// workbooks (FILEPASS) and collects, per worksheet in BOUNDSHEET order, the
// formula results and merged ranges.
func scanBIFF(stream []byte) ([]biffSheetExtra, error) {
	var offsets []uint32 // BOF offset of each sheet, BOUNDSHEET order
	byOffset := map[uint32]int{}
	var extras []biffSheetExtra
	cur := -1
	pendingString := [2]int{-1, -1}
	for p := 0; p+4 <= len(stream); {
		typ := int(binary.LittleEndian.Uint16(stream[p:]))
		n := int(binary.LittleEndian.Uint16(stream[p+2:]))
		if p+4+n > len(stream) {
			return nil, fmt.Errorf("BIFF record 0x%04x at offset %d runs past the stream end (corrupt)", typ, p)
		}
		d := stream[p+4 : p+4+n]
		switch typ {
		case biffFilePass:
			return nil, fmt.Errorf("password-protected workbook (FILEPASS): %w", ErrUnsupported)
		case biffBoundSheet:
			if n >= 4 {
				off := binary.LittleEndian.Uint32(d)
				byOffset[off] = len(offsets)
				offsets = append(offsets, off)
				extras = append(extras, biffSheetExtra{formulas: map[[2]int]string{}, unread: map[[2]int]bool{}})
			}
		case biffBOF:
			if i, ok := byOffset[uint32(p)]; ok {
				cur = i
			} else {
				cur = -1
			}
		case biffEOF:
			cur = -1
		case biffFormula:
			if cur >= 0 && n >= 14 {
				row, col := int(binary.LittleEndian.Uint16(d)), int(binary.LittleEndian.Uint16(d[2:]))
				val := d[6:14]
				key := [2]int{row, col}
				if val[6] == 0xFF && val[7] == 0xFF {
					switch val[0] {
					case 0: // string result in the next STRING record
						pendingString = key
					case 3: // empty string
						extras[cur].formulas[key] = ""
					default: // boolean or error
						extras[cur].unread[key] = true
					}
				} else {
					f := math.Float64frombits(binary.LittleEndian.Uint64(val))
					if math.IsNaN(f) || math.IsInf(f, 0) {
						extras[cur].unread[key] = true
					} else {
						extras[cur].formulas[key] = roundSignificant(strconv.FormatFloat(f, 'f', -1, 64), 15)
					}
				}
			}
		case biffString:
			if cur >= 0 && pendingString[0] >= 0 {
				if s, ok := biffUnicodeString(d); ok {
					extras[cur].formulas[pendingString] = s
				}
				pendingString = [2]int{-1, -1}
			}
		case biffMergeCells:
			if cur >= 0 && n >= 2 {
				k := int(binary.LittleEndian.Uint16(d))
				for i := 0; i < k && 2+8*i+8 <= n; i++ {
					x := d[2+8*i:]
					extras[cur].merges = append(extras[cur].merges, [4]int{
						int(binary.LittleEndian.Uint16(x)), int(binary.LittleEndian.Uint16(x[2:])),
						int(binary.LittleEndian.Uint16(x[4:])), int(binary.LittleEndian.Uint16(x[6:]))})
				}
			}
		}
		p += 4 + n
	}
	return extras, nil
}

// biffUnicodeString decodes an XLUnicodeString (cch u16, flags, chars).
func biffUnicodeString(d []byte) (string, bool) {
	if len(d) < 3 {
		return "", false
	}
	cch := int(binary.LittleEndian.Uint16(d))
	wide := d[2]&1 == 1
	b := d[3:]
	if !wide {
		if len(b) < cch {
			return "", false
		}
		rs := make([]rune, cch)
		for i := 0; i < cch; i++ {
			rs[i] = rune(b[i])
		}
		return string(rs), true
	}
	if len(b) < 2*cch {
		return "", false
	}
	u := make([]uint16, cch)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16Decode(u)), true
}

func utf16Decode(u []uint16) []rune {
	var out []rune
	for i := 0; i < len(u); i++ {
		c := rune(u[i])
		if c >= 0xD800 && c < 0xDC00 && i+1 < len(u) {
			c2 := rune(u[i+1])
			if c2 >= 0xDC00 && c2 < 0xE000 {
				out = append(out, (c-0xD800)<<10+(c2-0xDC00)+0x10000)
				i++
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// xlsGrids reads a legacy BIFF8 workbook with shakinm/xlsReader. That reader
// drops FORMULA cells; their cached results are recovered from the records
// directly (noted as info), and what cannot be recovered is reported, so a
// 合计 computed by a formula never silently goes missing.
func xlsGrids(ctx context.Context, data []byte) (gs []*grid, err error) {
	stream, err := workbookStream(data)
	if err != nil {
		return nil, err
	}
	extras, err := scanBIFF(stream)
	if err != nil {
		return nil, err
	}
	defer func() {
		// xlsReader slices records without bounds checks; a corrupt file
		// must be an error, not a crash.
		if r := recover(); r != nil {
			gs, err = nil, fmt.Errorf("corrupt BIFF workbook: %v", r)
		}
	}()
	wb, err := xls.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("open BIFF workbook: %w", err)
	}
	sheets := wb.GetSheets()
	if len(sheets) == 0 {
		return nil, errors.New("no worksheets (not a BIFF8 workbook, or corrupt)")
	}
	total := 0
	for si := range sheets {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		sh := &sheets[si]
		name := sh.GetName()
		var ex biffSheetExtra
		if si < len(extras) {
			ex = extras[si]
		}
		nrows := sh.GetNumberRows()
		maxRow := nrows
		for k := range ex.formulas {
			maxRow = max(maxRow, k[0]+1)
		}
		if maxRow > MaxRows {
			return nil, fmt.Errorf("sheet %s: more than %d rows: %w", name, MaxRows, ErrTooLarge)
		}
		raw := make([][]string, maxRow)
		width := 0
		for r := 0; r < nrows; r++ {
			row, err := sh.GetRow(r)
			if err != nil {
				continue
			}
			cols := row.GetCols()
			total += len(cols)
			if total > MaxCells {
				return nil, fmt.Errorf("sheet %s: more than %d cells: %w", name, MaxCells, ErrTooLarge)
			}
			raw[r] = make([]string, len(cols))
			for c, cd := range cols {
				s := cd.GetString()
				switch cd.GetType() {
				case "*record.Number", "*record.Rk":
					s = roundSignificant(s, 15)
				}
				raw[r][c] = s
			}
			width = max(width, len(cols))
		}
		g := &grid{name: name}
		for k, v := range ex.formulas {
			for len(raw[k[0]]) <= k[1] {
				raw[k[0]] = append(raw[k[0]], "")
			}
			if raw[k[0]][k[1]] == "" {
				raw[k[0]][k[1]] = v
				addr, _ := excelize.CoordinatesToCellName(k[1]+1, k[0]+1)
				g.note(addr, "table_formula_cached", "info",
					fmt.Sprintf("%s!%s: formula cell (dropped by the BIFF reader) read from its cached result %q", name, addr, v))
			}
			width = max(width, k[1]+1)
		}
		for k := range ex.unread {
			addr, _ := excelize.CoordinatesToCellName(k[1]+1, k[0]+1)
			g.note(addr, "table_formula_unresolved", "error",
				fmt.Sprintf("%s!%s: formula cell without a numeric or text result", name, addr))
		}
		for _, m := range ex.merges {
			width = max(width, m[3]+1)
		}
		if width > 1000 {
			return nil, fmt.Errorf("sheet %s: %d columns: %w", name, width, ErrTooLarge)
		}
		for r := range raw {
			row := grow{sheet: name, line: r + 1, cells: make([]gcell, width)}
			for c := 0; c < width; c++ {
				addr, _ := excelize.CoordinatesToCellName(c+1, r+1)
				v := ""
				if c < len(raw[r]) {
					v = raw[r][c]
				}
				row.cells[c] = gcell{text: v, addr: addr}
			}
			g.rows = append(g.rows, row)
		}
		for _, m := range ex.merges {
			r0, r1, c0, c1 := m[0], m[1], m[2], m[3]
			if r0 >= len(g.rows) || c0 >= width {
				continue
			}
			top := g.rows[r0].cells[c0].text
			for r := r0; r <= r1 && r < len(g.rows); r++ {
				for c := c0; c <= c1 && c < width; c++ {
					if r == r0 && c == c0 {
						continue
					}
					g.rows[r].cells[c].text, g.rows[r].cells[c].span = top, true
				}
			}
		}
		// Formula cells the records did not give a value for are still
		// reported by checkTotals (table_total_missing) when a 合计 is blank.
		gs = append(gs, g)
	}
	return gs, nil
}
