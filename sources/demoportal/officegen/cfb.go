package officegen

import (
	"encoding/binary"
	"fmt"
	"sort"
	"strings"
	"unicode/utf16"
)

// Stream is one stream of a compound file.
type Stream struct {
	Name string // at most 31 UTF-16 code units
	Data []byte
}

// Compound File Binary (MS-CFB) constants, version 3 (512-byte sectors).
const (
	cfbSector     = 512
	cfbMiniCutoff = 4096
	cfbFree       = 0xFFFFFFFF
	cfbEndChain   = 0xFFFFFFFE
	cfbFATSect    = 0xFFFFFFFD
	cfbNoStream   = 0xFFFFFFFF
	cfbDirEntry   = 128
	cfbHeaderFAT  = 109 // FAT sector ids the header holds (no DIFAT sectors)
)

var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// CFB writes an OLE2 compound file (MS-CFB version 3) holding the streams
// at the root storage. Every stream is stored in regular 512-byte sectors:
// a stream shorter than the 4096-byte mini-stream cutoff is zero-padded to
// the cutoff (as Excel pads small Workbook streams; record-based formats end
// at their EOF record), so the file needs no mini stream. The directory is a
// balanced binary tree ordered as MS-CFB compares names (length, then upper
// case), all nodes black. Up to 109 FAT sectors (about 7 MB): no DIFAT.
func CFB(streams []Stream) ([]byte, error) {
	type entry struct {
		name  []uint16
		data  []byte
		start uint32
		left  uint32
		right uint32
	}
	seen := map[string]bool{}
	es := make([]*entry, 0, len(streams))
	for _, s := range streams {
		u := utf16.Encode([]rune(s.Name))
		if len(u) == 0 || len(u) > 31 {
			return nil, fmt.Errorf("officegen: compound file stream name %q: 1 to 31 UTF-16 units", s.Name)
		}
		if strings.ContainsAny(s.Name, "/\\:!") {
			return nil, fmt.Errorf("officegen: compound file stream name %q has a reserved character", s.Name)
		}
		k := strings.ToUpper(s.Name)
		if seen[k] {
			return nil, fmt.Errorf("officegen: compound file stream %q twice", s.Name)
		}
		seen[k] = true
		data := s.Data
		if len(data) < cfbMiniCutoff {
			data = append(append([]byte(nil), data...), make([]byte, cfbMiniCutoff-len(data))...)
		}
		es = append(es, &entry{name: u, data: data, left: cfbNoStream, right: cfbNoStream})
	}
	// Sectors: stream data, then the directory, then the FAT.
	var nData uint32
	for _, e := range es {
		e.start = nData
		nData += uint32((len(e.data) + cfbSector - 1) / cfbSector)
	}
	nDir := uint32((len(es) + 1 + 3) / 4)
	nFAT := uint32(1)
	for nData+nDir+nFAT > nFAT*(cfbSector/4) {
		nFAT++
	}
	if nFAT > cfbHeaderFAT {
		return nil, fmt.Errorf("officegen: compound file of %d sectors needs DIFAT sectors (not written)", nData+nDir+nFAT)
	}
	dirStart := nData
	fatStart := nData + nDir
	total := fatStart + nFAT

	// Directory tree over the streams, sorted the MS-CFB way.
	order := make([]int, len(es))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool {
		x, y := es[order[a]].name, es[order[b]].name
		if len(x) != len(y) {
			return len(x) < len(y)
		}
		return strings.ToUpper(string(utf16.Decode(x))) < strings.ToUpper(string(utf16.Decode(y)))
	})
	var build func(lo, hi int) uint32
	build = func(lo, hi int) uint32 {
		if lo >= hi {
			return cfbNoStream
		}
		mid := (lo + hi) / 2
		e := es[order[mid]]
		e.left = build(lo, mid)
		e.right = build(mid+1, hi)
		return uint32(order[mid] + 1) // directory id: root is 0
	}
	rootChild := build(0, len(order))

	out := make([]byte, cfbSector*(1+int(total)))
	// Header.
	h := out[:cfbSector]
	copy(h, cfbMagic)
	le := binary.LittleEndian
	le.PutUint16(h[24:], 0x003E) // minor version
	le.PutUint16(h[26:], 0x0003) // major version 3
	le.PutUint16(h[28:], 0xFFFE) // little-endian
	le.PutUint16(h[30:], 9)      // 512-byte sectors
	le.PutUint16(h[32:], 6)      // 64-byte mini sectors
	le.PutUint32(h[44:], nFAT)
	le.PutUint32(h[48:], dirStart)
	le.PutUint32(h[56:], cfbMiniCutoff)
	le.PutUint32(h[60:], cfbEndChain) // no mini FAT
	le.PutUint32(h[68:], cfbEndChain) // no DIFAT sectors
	for i := uint32(0); i < cfbHeaderFAT; i++ {
		v := uint32(cfbFree)
		if i < nFAT {
			v = fatStart + i
		}
		le.PutUint32(h[76+4*i:], v)
	}
	sector := func(id uint32) []byte { return out[cfbSector*(1+int(id)) : cfbSector*(2+int(id))] }

	// Stream data.
	for _, e := range es {
		copy(out[cfbSector*(1+int(e.start)):], e.data)
	}
	// Directory entries.
	dir := make([]byte, int(nDir)*cfbSector)
	putEntry := func(i int, name []uint16, typ byte, left, right, child, start uint32, size int) {
		d := dir[i*cfbDirEntry : (i+1)*cfbDirEntry]
		for k, u := range name {
			le.PutUint16(d[2*k:], u)
		}
		le.PutUint16(d[64:], uint16(2*(len(name)+1)))
		d[66] = typ
		d[67] = 1 // black
		le.PutUint32(d[68:], left)
		le.PutUint32(d[72:], right)
		le.PutUint32(d[76:], child)
		le.PutUint32(d[116:], start)
		le.PutUint32(d[120:], uint32(size))
	}
	putEntry(0, utf16.Encode([]rune("Root Entry")), 5, cfbNoStream, cfbNoStream, rootChild, cfbEndChain, 0)
	for i, e := range es {
		putEntry(i+1, e.name, 2, e.left, e.right, cfbNoStream, e.start, len(e.data))
	}
	for i := len(es) + 1; i < int(nDir)*4; i++ { // unused entries
		d := dir[i*cfbDirEntry:]
		le.PutUint32(d[68:], cfbNoStream)
		le.PutUint32(d[72:], cfbNoStream)
		le.PutUint32(d[76:], cfbNoStream)
	}
	for i := uint32(0); i < nDir; i++ {
		copy(sector(dirStart+i), dir[int(i)*cfbSector:])
	}
	// FAT.
	fat := make([]uint32, nFAT*(cfbSector/4))
	for i := range fat {
		fat[i] = cfbFree
	}
	chain := func(start, n uint32) {
		for i := uint32(0); i < n; i++ {
			fat[start+i] = start + i + 1
		}
		fat[start+n-1] = cfbEndChain
	}
	for _, e := range es {
		chain(e.start, uint32((len(e.data)+cfbSector-1)/cfbSector))
	}
	chain(dirStart, nDir)
	for i := uint32(0); i < nFAT; i++ {
		fat[fatStart+i] = cfbFATSect
	}
	for i := uint32(0); i < nFAT; i++ {
		s := sector(fatStart + i)
		for k := 0; k < cfbSector/4; k++ {
			le.PutUint32(s[4*k:], fat[int(i)*(cfbSector/4)+k])
		}
	}
	return out, nil
}

// LegacyWordDOC returns the bytes of a minimal legacy Word 97 file (.doc,
// also what .wps files of WPS Office are): a compound file with a
// WordDocument stream starting with the FIB magic (wIdent 0xA5EC, nFib 193)
// and an empty 1Table stream. No text is readable from it; it exists so
// that generated sites serve an attachment in a format the pipeline does
// not read.
func LegacyWordDOC(note string) ([]byte, error) {
	wd := make([]byte, 1024)
	binary.LittleEndian.PutUint16(wd[0:], 0xA5EC) // wIdent
	binary.LittleEndian.PutUint16(wd[2:], 0x00C1) // nFib (Word 97)
	binary.LittleEndian.PutUint16(wd[6:], 0x0804) // lid: zh-CN
	binary.LittleEndian.PutUint16(wd[10:], 0x0200)
	copy(wd[512:], note)
	return CFB([]Stream{{Name: "WordDocument", Data: wd}, {Name: "1Table", Data: make([]byte, 512)}})
}
