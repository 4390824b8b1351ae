package tables

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"
)

// This file is a fast path for xlsxGrids: a reader of the common .xlsx
// package over archive/zip with a small byte-level XML scanner instead of
// excelize and encoding/xml. It builds the same grids as xlsxGrids (the
// excelize path) and reports ok=false whenever the workbook uses anything it
// does not reproduce exactly, so that the caller falls back to excelize:
//
//   - a formula cell without a cached value (excelize computes it);
//   - rows or cells out of order, cells addressed outside their row, row or
//     column numbers excelize would reject;
//   - overlapping or reversed merged ranges (excelize unions them);
//   - XML outside the plain subset: DOCTYPE, comments, CDATA, processing
//     instructions other than the declaration, non-UTF-8 encodings, a byte
//     order mark, unknown entities, elements in unexpected places, strict
//     OOXML namespaces;
//   - package oddities: duplicate or backslashed part names, unreadable or
//     corrupt parts, a missing workbook, relationship or worksheet part,
//     chart or macro sheets, invalid or case-duplicated sheet names;
//   - a sheet wider than 1000 columns or more than TotalRows.
//
// The zip-bomb caps (openZip) apply before anything is inflated, and the row
// and cell caps (MaxRows, MaxCells) stop reading with the same error as the
// excelize path.

// Namespace URIs the excelize structs require on the root elements.
const (
	nsMain     = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRelDoc   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkgRels  = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsDrawing  = "http://schemas.openxmlformats.org/drawingml/2006/main"
	relOffice  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	excelRows  = 1048576 // excelize TotalRows
	excelCols  = 16384   // excelize MaxColumns
	fastMaxCol = 1000    // xlsxSheet refuses wider sheets
)

// xlsxFastOff turns the fast path off: xlsxGrids then goes straight to
// excelize. Tests set it to compare the two paths.
var xlsxFastOff atomic.Bool

// xlsxGridsFast reads an .xlsx workbook like xlsxGrids. ok=false means the
// workbook needs the excelize path (nothing is returned then); err != nil is
// final (zip-bomb and size caps, cancellation) and is the error xlsxGrids
// returns for the same input.
func xlsxGridsFast(ctx context.Context, data []byte) (grids []*grid, ok bool, err error) {
	zr, err := openZip(data)
	if err != nil {
		return nil, false, err
	}
	return xlsxGridsFastZip(ctx, zr)
}

// xlsxGridsFastZip is xlsxGridsFast of a zip directory openZip checked.
func xlsxGridsFastZip(ctx context.Context, zr *zip.Reader) (grids []*grid, ok bool, err error) {
	pk, ok := newFastPkg(zr)
	if !ok {
		return nil, false, nil
	}
	sheets, ok := pk.sheets()
	if !ok {
		return nil, false, nil
	}
	var sst []string
	if b, present, ok := pk.part("xl/sharedStrings.xml"); !ok {
		return nil, false, nil
	} else if present {
		if sst, ok = parseSST(b); !ok {
			return nil, false, nil
		}
	}
	// excelize parses these at open and fails on malformed XML.
	for _, p := range []struct{ name, ns, root string }{
		{"xl/styles.xml", nsMain, "styleSheet"},
		{"xl/calcChain.xml", nsMain, "calcChain"},
		{"xl/theme/theme1.xml", nsDrawing, "theme"},
	} {
		b, present, ok := pk.part(p.name)
		if !ok {
			return nil, false, nil
		}
		if present && !wellFormedCached(b, p.ns, p.root) {
			return nil, false, nil
		}
	}
	for i := range sheets {
		if !sheets[i].visible {
			continue
		}
		b, present, ok := pk.part(sheets[i].part)
		if !ok || !present {
			return nil, false, nil
		}
		sheets[i].data = b
	}
	if !pk.drainRest() {
		return nil, false, nil
	}
	var fs fastSheet
	cells := 0
	for _, sh := range sheets {
		if err := ctx.Err(); err != nil {
			return nil, false, err
		}
		if !sh.visible {
			continue
		}
		g, n, ok, err := fs.read(sh.name, sh.data, sst)
		if err != nil {
			return nil, false, fmt.Errorf("sheet %s: %w", sh.name, err)
		}
		if !ok {
			return nil, false, nil
		}
		cells += n
		if cells > MaxCells {
			return nil, false, fmt.Errorf("sheet %s: more than %d cells in the workbook: %w", sh.name, MaxCells, ErrTooLarge)
		}
		grids = append(grids, g)
	}
	return grids, true, nil
}

// fastPkg holds the parts of a checked zip by name, read on demand.
type fastPkg struct {
	files map[string]*zip.File
	read  map[string]bool
	cache map[string]string
}

func newFastPkg(zr *zip.Reader) (*fastPkg, bool) {
	pk := &fastPkg{files: make(map[string]*zip.File, len(zr.File)), read: map[string]bool{}, cache: map[string]string{}}
	for _, f := range zr.File {
		name := f.Name
		if strings.IndexByte(name, '\\') >= 0 {
			return nil, false
		}
		// excelize maps these two case-insensitively to canonical names.
		switch strings.ToLower(name) {
		case "[content_types].xml":
			name = "[Content_Types].xml"
		case "xl/sharedstrings.xml":
			name = "xl/sharedStrings.xml"
		}
		if _, dup := pk.files[name]; dup {
			return nil, false
		}
		pk.files[name] = f
	}
	return pk, true
}

// part returns a part's text; present=false when the package lacks it;
// ok=false when it cannot be read exactly (corrupt data, bad checksum).
func (pk *fastPkg) part(name string) (s string, present, ok bool) {
	if s, done := pk.cache[name]; done {
		return s, true, true
	}
	f := pk.files[name]
	if f == nil {
		return "", false, true
	}
	b, ok := readFastPart(f)
	if !ok {
		return "", true, false
	}
	// b is this part's own buffer and is never written again: the text
	// shares it instead of copying the part.
	s = unsafe.String(unsafe.SliceData(b), len(b))
	pk.cache[name] = s
	pk.read[name] = true
	return s, true, true
}

func readFastPart(f *zip.File) ([]byte, bool) {
	if f.UncompressedSize64 > MaxPartBytes {
		return nil, false
	}
	rc, err := f.Open()
	if err != nil {
		return nil, false
	}
	defer rc.Close()
	b := make([]byte, int(f.UncompressedSize64))
	if _, err := io.ReadFull(rc, b); err != nil {
		return nil, false
	}
	// One more read reaches EOF, where archive/zip checks the CRC.
	var one [1]byte
	if n, err := rc.Read(one[:]); n != 0 || err != io.EOF {
		return nil, false
	}
	return b, true
}

// drainRest inflates every part not read yet and reports whether all are
// intact: excelize reads every part at open and fails on a corrupt one.
func (pk *fastPkg) drainRest() bool {
	for name, f := range pk.files {
		if pk.read[name] {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return false
		}
		n, err := io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil || uint64(n) != f.UncompressedSize64 {
			return false
		}
	}
	return true
}

type fastSheetRef struct {
	name    string
	rid     string // r:id in the workbook
	part    string // worksheet part, resolved through the workbook rels
	visible bool
	data    string // the part's text, for visible sheets
}

// sheets resolves the workbook's sheets in order: _rels/.rels →
// workbook → workbook rels → worksheet parts, as excelize does.
func (pk *fastPkg) sheets() ([]fastSheetRef, bool) {
	rels, present, ok := pk.part("_rels/.rels")
	if !ok || !present {
		return nil, false
	}
	top, ok := parseRels(rels)
	if !ok {
		return nil, false
	}
	wbPath := ""
	for _, r := range top {
		if r.typ == relOffice {
			wbPath = strings.TrimPrefix(r.target, "/")
			break
		}
	}
	if wbPath == "" {
		return nil, false
	}
	wb, present, ok := pk.part(wbPath)
	if !ok || !present {
		return nil, false
	}
	dir := path.Dir(wbPath)
	relsPath := strings.TrimPrefix(dir+"/_rels/"+path.Base(wbPath)+".rels", "/")
	if dir == "." {
		relsPath = "_rels/" + path.Base(wbPath) + ".rels"
	}
	wrels, present, ok := pk.part(relsPath)
	if !ok || !present {
		return nil, false
	}
	targets, ok := parseRels(wrels)
	if !ok {
		return nil, false
	}
	byID := make(map[string]string, len(targets))
	for _, r := range targets {
		if _, dup := byID[r.id]; dup {
			return nil, false
		}
		byID[r.id] = r.target
	}
	list, ok := parseWorkbook(wb)
	if !ok {
		return nil, false
	}
	seen := map[string]bool{}
	for i, s := range list {
		low := strings.ToLower(s.name)
		if seen[low] || !validSheetName(s.name) {
			return nil, false
		}
		seen[low] = true
		target, found := byID[s.rid]
		if !found {
			if s.visible {
				return nil, false
			}
			continue
		}
		p := path.Clean(dir + "/" + target)
		if strings.HasPrefix(target, "/") {
			p = path.Clean(target)
		}
		p = strings.TrimPrefix(p, "/")
		if s.visible && (!strings.HasPrefix(p, "xl/worksheets/") || pk.files[p] == nil) {
			return nil, false
		}
		list[i].part = p
	}
	return list, true
}

// validSheetName mirrors excelize's checkSheetName (which fails the whole
// read in the excelize path).
func validSheetName(name string) bool {
	if name == "" || strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'") || strings.ContainsAny(name, ":\\/?*[]") {
		return false
	}
	n := 0
	for _, r := range name {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n <= 31
}

type fastRel struct{ id, typ, target string }

func parseRels(s string) ([]fastRel, bool) {
	x := newXScan(s)
	if !x.root(nsPkgRels, "Relationships") {
		return nil, false
	}
	var out []fastRel
	for {
		switch x.next() {
		case tkStart:
			if x.depth() != 2 || x.local() != "Relationship" {
				if !x.skip() {
					return nil, false
				}
				continue
			}
			var r fastRel
			for _, a := range x.attrs {
				v, ok := decodeXML(a.val)
				if !ok {
					return nil, false
				}
				switch localName(a.name) {
				case "Id":
					r.id = v
				case "Type":
					r.typ = v
				case "Target":
					r.target = v
				}
			}
			out = append(out, r)
			if !x.skip() {
				return nil, false
			}
		case tkEnd, tkText:
		case tkEOF:
			return out, true
		default:
			return nil, false
		}
	}
}

func parseWorkbook(s string) ([]fastSheetRef, bool) {
	x := newXScan(s)
	if !x.root(nsMain, "workbook") {
		return nil, false
	}
	relPrefix := ""
	for _, a := range x.attrs {
		if strings.HasPrefix(a.name, "xmlns:") && a.val == nsRelDoc {
			relPrefix = a.name[len("xmlns:"):]
		}
	}
	var out []fastSheetRef
	sheetsSeen := false
	for {
		switch x.next() {
		case tkStart:
			switch {
			case x.depth() == 2 && x.local() == "sheets":
				if sheetsSeen {
					return nil, false
				}
				for _, a := range x.attrs {
					if a.name == "xmlns" || strings.HasPrefix(a.name, "xmlns:") {
						return nil, false
					}
				}
				sheetsSeen = true
			case x.depth() == 3 && x.local() == "sheet" && x.parentLocal() == "sheets":
				var r fastSheetRef
				r.visible = true
				for _, a := range x.attrs {
					if a.name == "xmlns" || strings.HasPrefix(a.name, "xmlns:") {
						return nil, false
					}
					v, ok := decodeXML(a.val)
					if !ok {
						return nil, false
					}
					switch {
					case a.name == "name":
						r.name = v
					case a.name == "state":
						r.visible = v == "" || v == "visible"
					case relPrefix != "" && a.name == relPrefix+":id":
						r.rid = v
					case localName(a.name) == "name" || localName(a.name) == "state" || localName(a.name) == "id":
						return nil, false // prefixed variants: leave to excelize
					}
				}
				out = append(out, r)
				if !x.skip() {
					return nil, false
				}
			default:
				if !x.skip() {
					return nil, false
				}
			}
		case tkEnd, tkText:
		case tkEOF:
			return out, true
		default:
			return nil, false
		}
	}
}

// parseSST reads xl/sharedStrings.xml: the text of each <si> (its <t> and the
// <t> of its rich-text runs; phonetic runs ignored), _xHHHH_ escapes decoded.
func parseSST(s string) ([]string, bool) {
	x := newXScan(s)
	if !x.root(nsMain, "sst") {
		return nil, false
	}
	out := make([]string, 0, 64)
	for {
		switch x.next() {
		case tkStart:
			if x.depth() != 2 || x.local() != "si" {
				if !x.skip() {
					return nil, false
				}
				continue
			}
			v, ok := x.stringItem()
			if !ok {
				return nil, false
			}
			out = append(out, v)
		case tkEnd, tkText:
		case tkEOF:
			return out, true
		default:
			return nil, false
		}
	}
}

// stringItem reads the content of an <si> or <is> element (the start tag just
// read) up to its end tag and returns its text as excelize's xlsxSI.String.
func (x *xscan) stringItem() (string, bool) {
	if x.self {
		x.pop()
		return "", true
	}
	base := x.depth()
	var direct string
	var runs []string
	directT := false
	for {
		switch x.next() {
		case tkStart:
			switch x.local() {
			case "t":
				if x.depth() != base+1 || directT {
					return "", false
				}
				directT = true
				t, ok := x.textOnly()
				if !ok {
					return "", false
				}
				direct = t
			case "r":
				if x.depth() != base+1 {
					return "", false
				}
				t, ok := x.run()
				if !ok {
					return "", false
				}
				runs = append(runs, t)
			case "rPh", "phoneticPr":
				if x.depth() != base+1 || !x.skip() {
					return "", false
				}
			default:
				return "", false
			}
		case tkText:
		case tkEnd:
			if x.depth() < base {
				// xlsxSI.String: the direct <t>, then the runs' <t>
				v := direct
				if len(runs) > 0 {
					v = direct + strings.Join(runs, "")
				}
				return bstrDecode(v), true
			}
		default:
			return "", false
		}
	}
}

// run reads an <r> element: its <t> text (rPr skipped).
func (x *xscan) run() (string, bool) {
	if x.self {
		x.pop()
		return "", true
	}
	base := x.depth()
	t, seen := "", false
	for {
		switch x.next() {
		case tkStart:
			switch {
			case x.local() == "t" && x.depth() == base+1 && !seen:
				seen = true
				var ok bool
				if t, ok = x.textOnly(); !ok {
					return "", false
				}
			case x.local() == "rPr" && x.depth() == base+1:
				if !x.skip() {
					return "", false
				}
			default:
				return "", false
			}
		case tkText:
		case tkEnd:
			if x.depth() < base {
				return t, true
			}
		default:
			return "", false
		}
	}
}

// bstrDecode is excelize's bstrUnmarshal: _xHHHH_ escapes (Unicode code
// units in an OOXML basic string) become the character, _x005F_ an
// underscore; an escape of a surrogate becomes nothing.
func bstrDecode(s string) string {
	i := strings.Index(s, "_x")
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	cursor := 0
	for i >= 0 {
		i += cursor
		if i+7 <= len(s) && s[i+6] == '_' && isHex4(s[i+2:i+6]) {
			b.WriteString(s[cursor:i])
			if s[i:i+7] == "_x005F_" {
				b.WriteByte('_')
			} else {
				v, _ := strconv.ParseUint(s[i+2:i+6], 16, 32)
				if r := rune(v); r < 0xD800 || r > 0xDFFF {
					b.WriteRune(r)
				}
			}
			cursor = i + 7
		} else {
			// not an escape: continue searching after this "_x"
			b.WriteString(s[cursor : i+1])
			cursor = i + 1
		}
		i = strings.Index(s[cursor:], "_x")
	}
	b.WriteString(s[cursor:])
	return b.String()
}

func isHex4(s string) bool {
	for i := 0; i < 4; i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// wellFormedMemo remembers wellFormed of parts that recur across workbooks
// (theme1.xml and styles.xml are often byte-identical for every file an
// office suite or generator writes): keyed by the whole content, so a hit
// is the same answer wellFormed gives. Bounded: it is emptied when full.
var wellFormedMemo struct {
	sync.Mutex
	m     map[wellFormedKey]bool
	bytes int
}

type wellFormedKey struct{ ns, root, s string }

const (
	wellFormedMemoEntries = 64
	wellFormedMemoBytes   = 4 << 20
)

// wellFormedCached is wellFormed through wellFormedMemo.
func wellFormedCached(s, ns, root string) bool {
	if len(s) > wellFormedMemoBytes/4 {
		return wellFormed(s, ns, root)
	}
	key := wellFormedKey{ns, root, s}
	wellFormedMemo.Lock()
	ok, hit := wellFormedMemo.m[key]
	wellFormedMemo.Unlock()
	if hit {
		return ok
	}
	ok = wellFormed(s, ns, root)
	// The key must not keep the workbook's part buffer alive.
	key.s = strings.Clone(s)
	wellFormedMemo.Lock()
	if wellFormedMemo.m == nil || len(wellFormedMemo.m) >= wellFormedMemoEntries || wellFormedMemo.bytes+len(s) > wellFormedMemoBytes {
		wellFormedMemo.m, wellFormedMemo.bytes = map[wellFormedKey]bool{}, 0
	}
	if _, dup := wellFormedMemo.m[key]; !dup {
		wellFormedMemo.m[key] = ok
		wellFormedMemo.bytes += len(s)
	}
	wellFormedMemo.Unlock()
	return ok
}

// wellFormed checks that a part excelize decodes at open is plain XML with
// the root element (and namespace) its struct requires.
func wellFormed(s, ns, root string) bool {
	x := newXScan(s)
	if !x.root(ns, root) {
		return false
	}
	for {
		switch x.next() {
		case tkStart, tkEnd, tkText:
		case tkEOF:
			return true
		default:
			return false
		}
	}
}

// fastCell is one non-empty cell value of a sheet.
type fastCell struct {
	row, col int32 // 0-based
	val      string
}

type fastMerge struct{ c0, r0, c1, r1 int } // 1-based, as in the ref

// fastSheet holds buffers reused across the sheets of a workbook.
type fastSheet struct {
	cells  []fastCell
	rowLen []int32
	merges []fastMerge
	addr   []byte
}

// read scans one worksheet and builds its grid as xlsxSheet does. n is the
// cell count xlsxSheet reports (row lengths up to the last non-empty cell).
func (fs *fastSheet) read(sheet, s string, sst []string) (g *grid, n int, ok bool, err error) {
	fs.cells, fs.rowLen, fs.merges = fs.cells[:0], fs.rowLen[:0], fs.merges[:0]
	x := newXScan(s)
	if !x.root(nsMain, "worksheet") {
		return nil, 0, false, nil
	}
	sheetData, mergeCells := false, false
	for {
		switch x.next() {
		case tkStart:
			if x.depth() != 2 {
				return nil, 0, false, nil
			}
			switch x.local() {
			case "sheetData":
				if sheetData {
					return nil, 0, false, nil
				}
				sheetData = true
				if n, ok, err = fs.rows(x, sst); !ok || err != nil {
					return nil, 0, ok, err
				}
			case "mergeCells":
				if mergeCells {
					return nil, 0, false, nil
				}
				mergeCells = true
				if !fs.mergeCells(x) {
					return nil, 0, false, nil
				}
			default:
				if !x.skipPlain() {
					return nil, 0, false, nil
				}
			}
		case tkEnd, tkText:
		case tkEOF:
			g, ok = fs.build(sheet)
			return g, n, ok, nil
		default:
			return nil, 0, false, nil
		}
	}
}

// rows reads the <row> elements of <sheetData> (start tag just read).
func (fs *fastSheet) rows(x *xscan, sst []string) (cells int, ok bool, err error) {
	if x.self {
		x.pop()
		return 0, true, nil
	}
	cur := 0 // row number of the last row
	for {
		switch x.next() {
		case tkStart:
			if x.local() != "row" || x.depth() != 3 {
				return 0, false, nil
			}
			r := cur + 1
			for _, a := range x.attrs {
				if localName(a.name) == "r" {
					v, good := atoiPlain(a.val)
					if !good || v <= cur {
						return 0, false, nil
					}
					r = v
				}
			}
			if r > excelRows {
				return 0, false, nil
			}
			// excelize checks the row cap before each row, gap rows included.
			if r-1 >= MaxRows {
				return 0, false, fmt.Errorf("more than %d rows: %w", MaxRows, ErrTooLarge)
			}
			for len(fs.rowLen) < r-1 {
				fs.rowLen = append(fs.rowLen, 0)
			}
			cur = r
			width, good := fs.row(x, r, sst)
			if !good {
				return 0, false, nil
			}
			fs.rowLen = append(fs.rowLen, int32(width))
			cells += width
			if cells > MaxCells {
				return 0, false, fmt.Errorf("more than %d cells: %w", MaxCells, ErrTooLarge)
			}
		case tkText:
		case tkEnd:
			return cells, true, nil // </sheetData>
		default:
			return 0, false, nil
		}
	}
}

// row reads the cells of one <row> (start tag just read) and returns the
// length excelize's Columns gives it: the column of its last non-empty cell.
func (fs *fastSheet) row(x *xscan, r int, sst []string) (int, bool) {
	if x.self {
		x.pop()
		return 0, true
	}
	col, width := 0, 0
	for {
		switch x.next() {
		case tkStart:
			if x.local() != "c" || x.depth() != 4 {
				return 0, false
			}
			col++
			typ := ""
			for _, a := range x.attrs {
				switch localName(a.name) {
				case "r":
					c, rr, good := cellRef(a.val)
					if !good || rr != r || c < col {
						return 0, false
					}
					col = c
				case "s":
					if !validStyleIndex(a.val) {
						return 0, false
					}
				case "t":
					v, good := decodeXML(a.val)
					if !good {
						return 0, false
					}
					typ = v
				}
			}
			val, formula, good := x.cell(typ, sst)
			if !good || (formula && val == "") {
				return 0, false
			}
			if val != "" {
				if col > fastMaxCol {
					return 0, false // xlsxSheet refuses the sheet
				}
				fs.cells = append(fs.cells, fastCell{row: int32(r - 1), col: int32(col - 1), val: val})
				width = col
			}
		case tkText:
		case tkEnd:
			return width, true // </row>
		default:
			return 0, false
		}
	}
}

// cell reads a <c> element (start tag just read) and returns its raw value
// as excelize's getValueFrom with RawCellValue, and whether it has <f>.
func (x *xscan) cell(typ string, sst []string) (val string, formula, ok bool) {
	if x.self {
		x.pop()
		return "", false, true
	}
	base := x.depth()
	var v, is string
	hasV, hasIS := false, false
	for {
		switch x.next() {
		case tkStart:
			if x.depth() != base+1 {
				return "", false, false
			}
			switch x.local() {
			case "v":
				if hasV {
					return "", false, false
				}
				hasV = true
				var good bool
				if v, good = x.textOnly(); !good {
					return "", false, false
				}
			case "f":
				if formula {
					return "", false, false
				}
				formula = true
				if !x.skipPlain() {
					return "", false, false
				}
			case "is":
				if hasIS {
					return "", false, false
				}
				hasIS = true
				var good bool
				if is, good = x.stringItem(); !good {
					return "", false, false
				}
			default:
				return "", false, false
			}
		case tkText:
		case tkEnd:
			switch typ {
			case "s":
				if v == "" {
					return "", formula, true
				}
				i, good := atoiPlain(v)
				if !good || i >= len(sst) {
					return "", false, false
				}
				return sst[i], formula, true
			case "inlineStr":
				if hasIS {
					return is, formula, true
				}
				return v, formula, true
			default:
				return v, formula, true
			}
		default:
			return "", false, false
		}
	}
}

// mergeCells reads <mergeCell ref="A1:B2"> elements (start tag just read).
func (fs *fastSheet) mergeCells(x *xscan) bool {
	if x.self {
		x.pop()
		return true
	}
	for {
		switch x.next() {
		case tkStart:
			if x.local() != "mergeCell" || x.depth() != 3 {
				return false
			}
			ref, seen := "", false
			for _, a := range x.attrs {
				if localName(a.name) == "ref" {
					v, good := decodeXML(a.val)
					if !good {
						return false
					}
					ref, seen = v, true
				}
			}
			if !seen || !x.skipPlain() {
				return false
			}
			a, b, two := strings.Cut(ref, ":")
			if !two {
				b = a
			}
			c0, r0, ok0 := cellRef(a)
			c1, r1, ok1 := cellRef(b)
			if !ok0 || !ok1 || c1 < c0 || r1 < r0 || strings.Contains(b, ":") {
				return false
			}
			m := fastMerge{c0, r0, c1, r1}
			for _, o := range fs.merges {
				if m.c0 <= o.c1 && o.c0 <= m.c1 && m.r0 <= o.r1 && o.r0 <= m.r1 {
					return false // excelize unions overlapping ranges
				}
			}
			fs.merges = append(fs.merges, m)
		case tkText:
		case tkEnd:
			return true
		default:
			return false
		}
	}
}

// build lays the cells and merges out as xlsxSheet does.
func (fs *fastSheet) build(sheet string) (*grid, bool) {
	g := &grid{name: sheet}
	nrows := len(fs.rowLen)
	width := 0
	for _, l := range fs.rowLen {
		width = max(width, int(l))
	}
	for _, m := range fs.merges {
		width = max(width, m.c1)
		nrows = max(nrows, m.r1)
	}
	if width > fastMaxCol {
		return nil, false
	}
	if nrows == 0 {
		return g, true
	}
	cols := make([]string, width)
	for c := range cols {
		cols[c] = columnName(c + 1)
	}
	all := make([]gcell, nrows*width)
	g.rows = make([]grow, nrows)
	for ri := 0; ri < nrows; ri++ {
		cs := all[ri*width : (ri+1)*width : (ri+1)*width]
		// all addresses of a row in one string
		fs.addr = fs.addr[:0]
		num := strconv.AppendInt(nil, int64(ri+1), 10)
		for c := 0; c < width; c++ {
			fs.addr = append(fs.addr, cols[c]...)
			fs.addr = append(fs.addr, num...)
		}
		line := string(fs.addr)
		off := 0
		for c := 0; c < width; c++ {
			l := len(cols[c]) + len(num)
			cs[c].addr = line[off : off+l]
			off += l
		}
		g.rows[ri] = grow{sheet: sheet, line: ri + 1, cells: cs}
	}
	for _, c := range fs.cells {
		g.rows[c.row].cells[c.col].text = c.val
	}
	for _, m := range fs.merges {
		r0, c0, r1, c1 := m.r0-1, m.c0-1, m.r1-1, m.c1-1
		top := g.rows[r0].cells[c0].text
		for r := r0; r <= r1; r++ {
			for c := c0; c <= c1 && c < width; c++ {
				if r == r0 && c == c0 {
					continue
				}
				g.rows[r].cells[c].text = top
				g.rows[r].cells[c].span = true
			}
		}
	}
	return g, true
}

func columnName(c int) string {
	var b [4]byte
	i := len(b)
	for c > 0 {
		c--
		i--
		b[i] = byte('A' + c%26)
		c /= 26
	}
	return string(b[i:])
}

// cellRef parses "B12" (upper-case letters, then a row number without sign
// or leading zero) into 1-based column and row.
func cellRef(s string) (col, row int, ok bool) {
	i := 0
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		col = col*26 + int(s[i]-'A'+1)
		i++
		if col > excelCols {
			return 0, 0, false
		}
	}
	if i == 0 || i == len(s) {
		return 0, 0, false
	}
	row, ok = atoiPlain(s[i:])
	if !ok || row < 1 || row > excelRows {
		return 0, 0, false
	}
	return col, row, true
}

// atoiPlain parses a decimal of 1–9 ASCII digits without leading zeros
// (except "0").
func atoiPlain(s string) (int, bool) {
	if s == "" || len(s) > 9 || (s[0] == '0' && len(s) > 1) {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func validStyleIndex(s string) bool {
	_, ok := atoiPlain(s)
	return ok
}

// ---- a minimal XML scanner for the plain subset of XML Excel writes ----

const (
	tkBad = iota
	tkEOF
	tkStart
	tkEnd
	tkText
)

type xattr struct{ name, val string } // val undecoded

type xscan struct {
	s     string
	i     int
	name  string // element name of the last start or end tag
	self  bool   // last start tag was self-closing (its end is implied)
	attrs []xattr
	text  string // raw text of the last text token
	stack []string
	// pendingEnd: a self-closing tag's end is delivered as the next token.
	pendingEnd bool
	attrBuf    [8]xattr
	stackBuf   [16]string
}

func newXScan(s string) *xscan {
	x := &xscan{s: s}
	x.attrs = x.attrBuf[:0]
	x.stack = x.stackBuf[:0]
	return x
}

func (x *xscan) depth() int { return len(x.stack) }

func (x *xscan) local() string { return localName(x.name) }

func (x *xscan) parentLocal() string {
	if len(x.stack) < 2 {
		return ""
	}
	return localName(x.stack[len(x.stack)-2])
}

// localName splits a name at its first colon as encoding/xml does.
func localName(s string) string {
	if i := strings.IndexByte(s, ':'); i >= 1 && i <= len(s)-2 {
		return s[i+1:]
	}
	return s
}

// pop consumes the implied end of a self-closing start tag.
func (x *xscan) pop() {
	if x.pendingEnd {
		x.pendingEnd = false
		x.stack = x.stack[:len(x.stack)-1]
	}
}

// root checks the part's characters, reads the declaration and the root
// start tag, and checks its name and namespace.
func (x *xscan) root(ns, name string) bool {
	if !plainChars(x.s) {
		return false
	}
	if strings.HasPrefix(x.s, "<?xml") {
		end := strings.Index(x.s, "?>")
		if end < 0 || !plainDecl(x.s[5:end]) {
			return false
		}
		x.i = end + 2
	}
	for {
		switch x.next() {
		case tkText:
			if strings.TrimLeft(x.text, " \t\r\n") != "" {
				return false
			}
		case tkStart:
			if x.local() != name {
				return false
			}
			want := "xmlns"
			if p, _, found := strings.Cut(x.name, ":"); found && x.local() != x.name {
				want = "xmlns:" + p
			}
			got := ""
			for _, a := range x.attrs {
				if a.name == want {
					got = a.val
				}
			}
			return got == ns
		default:
			return false
		}
	}
}

// plainDecl accepts an XML declaration with UTF-8 or no encoding.
func plainDecl(d string) bool {
	i := strings.Index(d, "encoding")
	if i < 0 {
		return true
	}
	rest := strings.TrimLeft(d[i+len("encoding"):], " \t\r\n")
	if !strings.HasPrefix(rest, "=") {
		return false
	}
	rest = strings.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) < 2 {
		return false
	}
	q := rest[0]
	end := strings.IndexByte(rest[1:], q)
	if (q != '"' && q != '\'') || end < 0 {
		return false
	}
	return strings.EqualFold(rest[1:1+end], "utf-8")
}

// plainChars reports whether s is valid UTF-8 holding only XML characters.
func plainChars(s string) bool {
	for i := 0; i < len(s); i++ {
		// Eight printable ASCII bytes (0x20–0x7F) at a time: no byte with
		// the high bit set, none below 0x20 (hasless(w, 0x20) is exact on
		// bytes below 0x80).
		for i+8 <= len(s) {
			w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
			if w&0x8080808080808080 != 0 || (w-0x2020202020202020)&^w&0x8080808080808080 != 0 {
				break
			}
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
		if c == 0xEF && i+2 < len(s) && s[i+1] == 0xBF && (s[i+2] == 0xBE || s[i+2] == 0xBF) {
			return false // U+FFFE, U+FFFF
		}
		if c == 0xEF && i == 0 {
			return false // byte order mark
		}
	}
	return utf8.ValidString(s)
}

// next returns the next token. Self-closing tags yield tkStart with self set;
// their end follows as tkEnd unless the caller pops it.
func (x *xscan) next() int {
	if x.pendingEnd {
		x.pendingEnd = false
		x.name = x.stack[len(x.stack)-1]
		x.stack = x.stack[:len(x.stack)-1]
		x.self = false
		return tkEnd
	}
	s := x.s
	if x.i >= len(s) {
		if len(x.stack) != 0 {
			return tkBad
		}
		return tkEOF
	}
	if s[x.i] != '<' {
		j := strings.IndexByte(s[x.i:], '<')
		if j < 0 {
			j = len(s) - x.i
		}
		x.text = s[x.i : x.i+j]
		x.i += j
		if len(x.stack) == 0 && strings.TrimLeft(x.text, " \t\r\n") != "" {
			return tkBad
		}
		return tkText
	}
	i := x.i + 1
	if i >= len(s) {
		return tkBad
	}
	switch s[i] {
	case '/':
		j := i + 1
		for j < len(s) && nameByte(s[j]) {
			j++
		}
		name := s[i+1 : j]
		for j < len(s) && isSpace(s[j]) {
			j++
		}
		if j >= len(s) || s[j] != '>' || len(x.stack) == 0 || x.stack[len(x.stack)-1] != name || !validName(name) {
			return tkBad
		}
		x.stack = x.stack[:len(x.stack)-1]
		x.name = name
		x.i = j + 1
		return tkEnd
	case '?', '!':
		return tkBad
	}
	j := i
	for j < len(s) && nameByte(s[j]) {
		j++
	}
	name := s[i:j]
	if !validName(name) {
		return tkBad
	}
	x.attrs = x.attrs[:0]
	for {
		k := j
		for j < len(s) && isSpace(s[j]) {
			j++
		}
		if j >= len(s) {
			return tkBad
		}
		switch s[j] {
		case '>':
			x.name, x.self = name, false
			x.stack = append(x.stack, name)
			x.i = j + 1
			return tkStart
		case '/':
			if j+1 >= len(s) || s[j+1] != '>' {
				return tkBad
			}
			x.name, x.self = name, true
			x.stack = append(x.stack, name)
			x.pendingEnd = true
			x.i = j + 2
			return tkStart
		}
		if j == k {
			return tkBad // attributes must be separated by space
		}
		a := j
		for j < len(s) && nameByte(s[j]) {
			j++
		}
		an := s[a:j]
		if !validName(an) {
			return tkBad
		}
		for j < len(s) && isSpace(s[j]) {
			j++
		}
		if j >= len(s) || s[j] != '=' {
			return tkBad
		}
		j++
		for j < len(s) && isSpace(s[j]) {
			j++
		}
		if j >= len(s) || (s[j] != '"' && s[j] != '\'') {
			return tkBad
		}
		q := s[j]
		e := strings.IndexByte(s[j+1:], q)
		if e < 0 {
			return tkBad
		}
		v := s[j+1 : j+1+e]
		if strings.IndexByte(v, '<') >= 0 {
			return tkBad
		}
		x.attrs = append(x.attrs, xattr{an, v})
		j += e + 2
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func nameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == ':'
}

// validName accepts ASCII names that start with a letter or underscore and
// hold at most one colon, not at either end.
func validName(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
		return false
	}
	colon := -1 // s[0] is not one
	for i := 1; i < len(s); i++ {
		if s[i] == ':' {
			if colon >= 0 {
				return false
			}
			colon = i
		}
	}
	return colon != len(s)-1
}

// skip consumes the rest of the element whose start tag was just read,
// checking well-formedness.
func (x *xscan) skip() bool {
	if x.self {
		x.pop()
		return true
	}
	base := x.depth()
	for {
		switch x.next() {
		case tkStart, tkText:
		case tkEnd:
			if x.depth() < base {
				return true
			}
		default:
			return false
		}
	}
}

// skipPlain is skip for subtrees of a worksheet outside sheetData and
// mergeCells: it also refuses elements excelize's row iterator or struct
// decoding would pick up there.
func (x *xscan) skipPlain() bool {
	if x.self {
		x.pop()
		return true
	}
	base := x.depth()
	for {
		switch x.next() {
		case tkStart:
			switch x.local() {
			case "row", "c", "sheetData", "mergeCells", "mergeCell":
				return false
			}
		case tkText:
		case tkEnd:
			if x.depth() < base {
				return true
			}
		default:
			return false
		}
	}
}

// textOnly reads the character data of an element without child elements
// (start tag just read), decoded as encoding/xml does.
func (x *xscan) textOnly() (string, bool) {
	if x.self {
		x.pop()
		return "", true
	}
	raw := ""
	switch x.next() {
	case tkText:
		raw = x.text
		if x.next() != tkEnd {
			return "", false
		}
	case tkEnd:
	default:
		return "", false
	}
	return decodeXML(raw)
}

// decodeXML resolves the predefined entities and character references and
// normalises line ends (\r\n and \r to \n) as encoding/xml does.
func decodeXML(s string) (string, bool) {
	if strings.IndexByte(s, '&') < 0 && strings.IndexByte(s, '\r') < 0 {
		return s, true
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\r':
			b.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case '&':
			e := strings.IndexByte(s[i:], ';')
			if e < 0 {
				return "", false
			}
			ent := s[i+1 : i+e]
			switch ent {
			case "lt":
				b.WriteByte('<')
			case "gt":
				b.WriteByte('>')
			case "amp":
				b.WriteByte('&')
			case "apos":
				b.WriteByte('\'')
			case "quot":
				b.WriteByte('"')
			default:
				if len(ent) < 2 || ent[0] != '#' {
					return "", false
				}
				var v uint64
				var err error
				if ent[1] == 'x' {
					if len(ent) < 3 || len(ent) > 8 {
						return "", false
					}
					v, err = strconv.ParseUint(ent[2:], 16, 32)
				} else {
					if len(ent) > 8 {
						return "", false
					}
					v, err = strconv.ParseUint(ent[1:], 10, 32)
				}
				if err != nil || !xmlChar(rune(v)) {
					return "", false
				}
				b.WriteRune(rune(v))
			}
			i += e
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
