package officegen

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"unicode/utf16"
)

// BIFF8 record types written by XLS.
const (
	recBOF          = 0x0809
	recEOF          = 0x000A
	recInterfaceHdr = 0x00E1
	recCodePage     = 0x0042
	recWindow1      = 0x003D
	recFont         = 0x0031
	recXF           = 0x00E0
	recStyle        = 0x0293
	recBoundSheet   = 0x0085
	recSST          = 0x00FC
	recDimensions   = 0x0200
	recLabelSST     = 0x00FD
	recLabel        = 0x0204
	recNumber       = 0x0203
	recFormula      = 0x0006
	recMergeCells   = 0x00E5
	recWindow2      = 0x023E
	biffMaxData     = 8224 // record data without CONTINUE
)

// XF indexes: 0-14 style XFs, 15 the default cell XF, 16 numbers (#,##0.00).
const (
	xfCell   = 15
	xfNumber = 16
)

type biffWriter struct{ b bytes.Buffer }

func (w *biffWriter) rec(typ uint16, data []byte) {
	var h [4]byte
	binary.LittleEndian.PutUint16(h[:], typ)
	binary.LittleEndian.PutUint16(h[2:], uint16(len(data)))
	w.b.Write(h[:])
	w.b.Write(data)
}

// le builds little-endian record data.
type le []byte

func (d le) u8(v byte) le    { return append(d, v) }
func (d le) u16(v uint16) le { return binary.LittleEndian.AppendUint16(d, v) }
func (d le) u32(v uint32) le { return binary.LittleEndian.AppendUint32(d, v) }
func (d le) f64(v float64) le {
	return binary.LittleEndian.AppendUint64(d, math.Float64bits(v))
}

// utf16le appends s as UTF-16LE code units (the "high byte" string form).
func (d le) utf16le(s string) le {
	for _, u := range utf16.Encode([]rune(s)) {
		d = d.u16(u)
	}
	return d
}

func bof(dt uint16) []byte {
	return le{}.u16(0x0600).u16(dt).u16(0x0DBB).u16(0x07CC).u32(0).u32(0x06)
}

// XLS renders the doc as a legacy Excel 97-2003 workbook (BIFF8 in an OLE2
// compound file), laid out exactly as the .xlsx (see layout), so cell
// addresses agree. Strings go to the shared string table (LABELSST) while
// it fits one record, then inline (LABEL, at most 255 characters);
// amounts are NUMBER records (text LABELs with TextAmounts); formula cells
// are FORMULA records with SUM over cell references and the value as the
// cached result; merged ranges are MERGEDCELLS records.
func XLS(d Doc) ([]byte, error) {
	sheets, _, err := layout(d)
	if err != nil {
		return nil, err
	}
	// Shared strings, in order of first use, while the SST fits one record.
	sst := map[string]uint32{}
	var sstList []string
	sstSize := 8
	for _, sh := range sheets {
		for _, c := range sh.cells {
			if c.kind != cellText && c.kind != cellTitle {
				continue
			}
			if _, ok := sst[c.text]; ok {
				continue
			}
			n := 3 + 2*len(utf16.Encode([]rune(c.text)))
			if sstSize+n > biffMaxData {
				continue // written inline as LABEL
			}
			sst[c.text] = uint32(len(sstList))
			sstList = append(sstList, c.text)
			sstSize += n
		}
	}
	var uses uint32
	for _, sh := range sheets {
		for _, c := range sh.cells {
			if _, ok := sst[c.text]; ok && (c.kind == cellText || c.kind == cellTitle) {
				uses++
			}
		}
	}

	// Worksheet substreams first, to know their sizes.
	subs := make([][]byte, len(sheets))
	for i, sh := range sheets {
		b, err := xlsSheet(sh, sst)
		if err != nil {
			return nil, fmt.Errorf("officegen: xls sheet %s: %w", sh.name, err)
		}
		subs[i] = b
	}

	// Workbook globals with BOUNDSHEET offsets patched once the size is known.
	var g biffWriter
	g.rec(recBOF, bof(0x0005))
	g.rec(recInterfaceHdr, le{}.u16(1200))
	g.rec(recCodePage, le{}.u16(1200)) // UTF-16
	g.rec(recWindow1, le{}.u16(0).u16(0).u16(0x3000).u16(0x2000).u16(0x0038).u16(0).u16(0).u16(1).u16(0x0258))
	for i := 0; i < 4; i++ { // font 4 is never written: Excel skips that index
		name := "宋体"
		g.rec(recFont, le{}.u16(220).u16(0).u16(0x7FFF).u16(400).u16(0).u8(0).u8(0).u8(0x86).u8(0).
			u8(byte(len(utf16.Encode([]rune(name))))).u8(1).utf16le(name))
	}
	for i := 0; i < 15; i++ { // style XFs
		g.rec(recXF, xfRecord(0, true))
	}
	g.rec(recXF, xfRecord(0, false)) // 15: default cell XF
	g.rec(recXF, xfRecord(4, false)) // 16: #,##0.00
	g.rec(recStyle, le{}.u16(0x8000).u8(0).u8(0xFF))
	boundAt := make([]int, len(sheets))
	for i, sh := range sheets {
		name := utf16.Encode([]rune(sh.name))
		if len(name) > 31 {
			return nil, fmt.Errorf("officegen: xls sheet name %q longer than 31 characters", sh.name)
		}
		boundAt[i] = g.b.Len() + 4
		g.rec(recBoundSheet, le{}.u32(0).u8(0).u8(0).u8(byte(len(name))).u8(1).utf16le(sh.name))
	}
	sstData := le{}.u32(uses).u32(uint32(len(sstList)))
	for _, s := range sstList {
		sstData = sstData.u16(uint16(len(utf16.Encode([]rune(s))))).u8(1).utf16le(s)
	}
	g.rec(recSST, sstData)
	g.rec(recEOF, nil)

	stream := g.b.Bytes()
	off := len(stream)
	for i, sub := range subs {
		binary.LittleEndian.PutUint32(stream[boundAt[i]:], uint32(off))
		off += len(sub)
	}
	for _, sub := range subs {
		stream = append(stream, sub...)
	}
	return CFB([]Stream{{Name: "Workbook", Data: stream}})
}

// xfRecord is a BIFF8 XF: font 0, number format ifmt, default alignment,
// no borders, no fill.
func xfRecord(ifmt uint16, style bool) []byte {
	flags, used := uint16(0x0001), byte(0x00) // locked, parent style XF 0
	if style {
		flags, used = 0xFFF5, 0xF4
	} else if ifmt != 0 {
		used = 0x04 // number format differs from the parent
	}
	return le{}.u16(0).u16(ifmt).u16(flags).u8(0x20).u8(0).u8(0).u8(used).
		u32(0).u32(0).u16(0x20C0)
}

func xlsSheet(sh *lsheet, sst map[string]uint32) ([]byte, error) {
	var w biffWriter
	w.rec(recBOF, bof(0x0010))
	maxRow, maxCol := 0, 0
	for _, c := range sh.cells {
		maxRow, maxCol = max(maxRow, c.row+1), max(maxCol, c.col+1)
	}
	for _, m := range sh.merges {
		maxRow, maxCol = max(maxRow, m[2]+1), max(maxCol, m[3]+1)
	}
	if maxRow > 65536 || maxCol > 256 {
		return nil, fmt.Errorf("%d rows × %d columns exceed BIFF8 (65536 × 256)", maxRow, maxCol)
	}
	w.rec(recDimensions, le{}.u32(0).u32(uint32(maxRow)).u16(0).u16(uint16(maxCol)).u16(0))
	for _, c := range sh.cells {
		head := le{}.u16(uint16(c.row)).u16(uint16(c.col))
		switch c.kind {
		case cellText, cellTitle:
			if i, ok := sst[c.text]; ok {
				w.rec(recLabelSST, head.u16(xfCell).u32(i))
				continue
			}
			u := utf16.Encode([]rune(c.text))
			if len(u) > 255 {
				return nil, fmt.Errorf("cell %s: string of %d characters does not fit a LABEL record", cellName(c.col, c.row), len(u))
			}
			w.rec(recLabel, head.u16(xfCell).u16(uint16(len(u))).u8(1).utf16le(c.text))
		case cellNumber:
			v, err := strconv.ParseFloat(c.text, 64)
			if err != nil {
				return nil, fmt.Errorf("cell %s: amount %q: %w", cellName(c.col, c.row), c.text, err)
			}
			w.rec(recNumber, head.u16(xfNumber).f64(v))
		case cellFormula:
			v, err := strconv.ParseFloat(c.text, 64)
			if err != nil {
				return nil, fmt.Errorf("cell %s: formula value %q: %w", cellName(c.col, c.row), c.text, err)
			}
			// rgce: one ptgRef per operand, then ptgFuncVar SUM (iftab 4).
			var rgce le
			for _, r := range c.refs {
				rgce = rgce.u8(0x24).u16(uint16(r[0])).u16(uint16(r[1]) | 0xC000) // relative row and column
			}
			rgce = rgce.u8(0x22).u8(byte(len(c.refs))).u16(0x0004)
			w.rec(recFormula, head.u16(xfNumber).f64(v).u16(0x0002).u32(0).u16(uint16(len(rgce))).append(rgce))
		}
	}
	w.rec(recWindow2, le{}.u16(0x06B6).u16(0).u16(0).u16(64).u16(0).u16(0).u16(0).u32(0))
	for i := 0; i < len(sh.merges); i += 1026 {
		part := sh.merges[i:min(len(sh.merges), i+1026)]
		d := le{}.u16(uint16(len(part)))
		for _, m := range part {
			d = d.u16(uint16(m[0])).u16(uint16(m[2])).u16(uint16(m[1])).u16(uint16(m[3]))
		}
		w.rec(recMergeCells, d)
	}
	w.rec(recEOF, nil)
	return w.b.Bytes(), nil
}

func (d le) append(b []byte) le { return append(d, b...) }
