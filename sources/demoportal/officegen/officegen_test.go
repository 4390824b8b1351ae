package officegen

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
	"github.com/xuri/excelize/v2"
)

// readCFB lists the streams of a compound file with an independent reader.
func readCFB(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("mscfb: %v", err)
	}
	out := map[string][]byte{}
	for {
		e, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("mscfb next: %v", err)
		}
		b, err := io.ReadAll(e)
		if err != nil {
			t.Fatalf("mscfb read %s: %v", e.Name, err)
		}
		out[e.Name] = b
	}
	return out
}

func TestCFB(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdef"), 5000) // 80 000 bytes: 157 sectors, 2 FAT sectors
	cases := []struct {
		name    string
		streams []Stream
		wantErr string
	}{
		{"one small stream", []Stream{{"Workbook", []byte("abc")}}, ""},
		{"several, tree of five", []Stream{{"WordDocument", big}, {"1Table", []byte{1}}, {"Data", nil}, {"SummaryInformation", []byte("x")}, {"CompObj", []byte("y")}}, ""},
		{"duplicate name", []Stream{{"Book", nil}, {"BOOK", nil}}, "twice"},
		{"long name", []Stream{{strings.Repeat("n", 32), nil}}, "31"},
		{"reserved character", []Stream{{"a/b", nil}}, "reserved"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data, err := CFB(c.streams)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err %v, want %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(data)%512 != 0 || !bytes.HasPrefix(data, cfbMagic) {
				t.Fatalf("not a sector-aligned compound file (%d bytes)", len(data))
			}
			got := readCFB(t, data)
			if len(got) != len(c.streams) {
				t.Errorf("%d streams read back, wrote %d", len(got), len(c.streams))
			}
			for _, s := range c.streams {
				b, ok := got[s.Name]
				if !ok {
					t.Errorf("stream %q missing (have %v)", s.Name, keys(got))
					continue
				}
				if len(s.Data) >= cfbMiniCutoff && !bytes.Equal(b, s.Data) {
					t.Errorf("stream %q: %d bytes back, wrote %d", s.Name, len(b), len(s.Data))
				}
				if len(s.Data) < cfbMiniCutoff && (len(b) != cfbMiniCutoff || !bytes.Equal(b[:len(s.Data)], s.Data) || bytes.Count(b[len(s.Data):], []byte{0}) != cfbMiniCutoff-len(s.Data)) {
					t.Errorf("stream %q: not the data zero-padded to %d bytes", s.Name, cfbMiniCutoff)
				}
			}
		})
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestLegacyWordDOC(t *testing.T) {
	data, err := LegacyWordDOC("demo")
	if err != nil {
		t.Fatal(err)
	}
	s := readCFB(t, data)
	wd, ok := s["WordDocument"]
	if !ok || binary.LittleEndian.Uint16(wd) != 0xA5EC {
		t.Fatalf("no WordDocument stream with the FIB magic: %v", keys(s))
	}
	if _, ok := s["1Table"]; !ok {
		t.Error("no 1Table stream")
	}
}

// biffRecords walks a BIFF8 stream into (type, data) pairs up to the last
// EOF (the zero padding after it is not records).
func biffRecords(t *testing.T, stream []byte) (typs []uint16, datas [][]byte, offs []int) {
	t.Helper()
	for p := 0; p+4 <= len(stream); {
		typ := binary.LittleEndian.Uint16(stream[p:])
		n := int(binary.LittleEndian.Uint16(stream[p+2:]))
		if typ == 0 && n == 0 {
			break // padding
		}
		if p+4+n > len(stream) {
			t.Fatalf("record 0x%04x at %d runs past the stream", typ, p)
		}
		if n > biffMaxData {
			t.Fatalf("record 0x%04x at %d has %d bytes of data (max %d)", typ, p, n, biffMaxData)
		}
		typs, datas, offs = append(typs, typ), append(datas, stream[p+4:p+4+n]), append(offs, p)
		p += 4 + n
	}
	return
}

func sampleDoc(extraStrings int) Doc {
	t := Table{Kind: "gpb_function", Title: "某单位2024年一般公共预算支出表", Unit: "万元", CodeMode: CodeSplit, Sheet: "支出表",
		Header: [][]HeaderCell{{{Text: "科目编码", ColSpan: 3}, {Text: "科目名称", RowSpan: 2}, {Text: "合计", RowSpan: 2}, {Text: "基本支出", RowSpan: 2}},
			{{Text: "类"}, {Text: "款"}, {Text: "项"}}},
		Rows: []Row{
			{Code: "206", Level: 1, Cells: []string{"科学技术支出", "12.3456", "10.5", "1.8456"}},
			{Code: "2060101", Level: 3, Cells: []string{"行政运行", "12.3456", "10.5", "1.8456"}},
			{Code: "合计", Total: true, Cells: []string{"", "12.3456", "10.5", "1.8456"}, Formula: map[int][]int{1: {0}}},
		}}
	u := Table{Kind: "three_public", Title: "“三公”经费表", Unit: "元", Sheet: "三公", TextAmounts: true,
		Header: [][]HeaderCell{{{Text: "项目"}, {Text: "合计"}}},
		Rows:   []Row{{Cells: []string{"预算数", "1206600.00"}}}}
	for i := 0; i < extraStrings; i++ {
		u.Rows = append(u.Rows, Row{Cells: []string{fmt.Sprintf("说明文字第%04d行：本行用于撑满共享字符串表", i), "1.00"}})
	}
	return Doc{Name: "sample", Department: "某单位", OrgLabel: "编制单位：", Tables: []Table{t, u}}
}

// TestXLSRecords checks the BIFF8 stream record by record: BOUNDSHEET
// offsets point at the sheets' BOF records, strings with Chinese in the
// SST or inline LABELs once the SST is full, NUMBER/FORMULA values,
// MERGEDCELLS, and that the cells sit where the .xlsx has them.
func TestXLSRecords(t *testing.T) {
	for _, extra := range []int{0, 400} {
		t.Run(fmt.Sprintf("%d extra strings", extra), func(t *testing.T) {
			d := sampleDoc(extra)
			data, err := XLS(d)
			if err != nil {
				t.Fatal(err)
			}
			wb := readCFB(t, data)["Workbook"]
			typs, datas, offs := biffRecords(t, wb)
			var bound []uint32
			var sst []string
			bofAt := map[int]bool{}
			cells := map[string]string{} // sheet index:row,col → text or number
			sheet := -1
			labels, merges := 0, 0
			for i, typ := range typs {
				d := datas[i]
				switch typ {
				case recBOF:
					bofAt[offs[i]] = true
					if binary.LittleEndian.Uint16(d[2:]) == 0x0010 {
						sheet++
					}
				case recBoundSheet:
					bound = append(bound, binary.LittleEndian.Uint32(d))
				case recSST:
					n := int(binary.LittleEndian.Uint32(d[4:]))
					p := 8
					for k := 0; k < n; k++ {
						cch := int(binary.LittleEndian.Uint16(d[p:]))
						if d[p+2] != 1 {
							t.Fatalf("SST string %d not UTF-16", k)
						}
						u := make([]uint16, cch)
						for j := range u {
							u[j] = binary.LittleEndian.Uint16(d[p+3+2*j:])
						}
						sst = append(sst, string(utf16.Decode(u)))
						p += 3 + 2*cch
					}
				case recLabelSST:
					cells[fmt.Sprintf("%d:%s", sheet, cellName(int(binary.LittleEndian.Uint16(d[2:])), int(binary.LittleEndian.Uint16(d))))] = sst[binary.LittleEndian.Uint32(d[6:])]
				case recLabel:
					labels++
					cch := int(binary.LittleEndian.Uint16(d[6:]))
					u := make([]uint16, cch)
					for j := range u {
						u[j] = binary.LittleEndian.Uint16(d[9+2*j:])
					}
					cells[fmt.Sprintf("%d:%s", sheet, cellName(int(binary.LittleEndian.Uint16(d[2:])), int(binary.LittleEndian.Uint16(d))))] = string(utf16.Decode(u))
				case recNumber, recFormula:
					v := float64frombits(d[6:14])
					cells[fmt.Sprintf("%d:%s", sheet, cellName(int(binary.LittleEndian.Uint16(d[2:])), int(binary.LittleEndian.Uint16(d))))] = fmt.Sprint(v)
				case recMergeCells:
					merges += int(binary.LittleEndian.Uint16(d))
				}
			}
			if len(bound) != 2 || !bofAt[int(bound[0])] || !bofAt[int(bound[1])] {
				t.Errorf("BOUNDSHEET offsets %v do not point at BOF records", bound)
			}
			if extra > 0 && labels == 0 {
				t.Error("a full SST should leave strings to LABEL records")
			}
			if extra == 0 && labels != 0 {
				t.Errorf("%d LABEL records although the SST has room", labels)
			}
			// The .xlsx of the same doc holds the same values at the same addresses.
			x, err := XLSX(d)
			if err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(x), excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			n := 0
			for si, name := range f.GetSheetList() {
				rows, _ := f.GetRows(name, excelize.Options{RawCellValue: true})
				for r, row := range rows {
					for c, v := range row {
						if v == "" {
							continue
						}
						n++
						k := fmt.Sprintf("%d:%s", si, cellName(c, r))
						got, ok := cells[k]
						if !ok {
							t.Errorf("%s %s: %q in the .xlsx, absent from the .xls", name, cellName(c, r), v)
							continue
						}
						if got != v && fmt.Sprint(parseF(v)) != got {
							t.Errorf("%s %s: .xls %q, .xlsx %q", name, cellName(c, r), got, v)
						}
					}
				}
				mc, _ := f.GetMergeCells(name)
				merges -= len(mc)
			}
			if n == 0 || merges != 0 {
				t.Errorf("%d cells compared; merged ranges differ by %d", n, merges)
			}
			if got := cells["0:"+cellName(2, 1)]; got != "" {
				t.Errorf("unexpected cell %q", got)
			}
			if got := cells["0:A2"]; got != "编制单位：某单位" {
				t.Errorf("A2 = %q", got)
			}
			if got := cells["1:B4"]; got != "1206600.00" {
				t.Errorf("text amount B4 = %q, want the printed string", got)
			}
		})
	}
}

func float64frombits(b []byte) float64 {
	return math.Float64frombits(binary.LittleEndian.Uint64(b))
}

func parseF(s string) float64 {
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

func TestCellRef(t *testing.T) {
	d := sampleDoc(0)
	p, err := d.Places()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		format          string
		table, row, col int
		sheet, cell     string
	}{
		{"xlsx", 0, 0, 4, "支出表", "E5"},
		{"xls", 0, 2, 0, "支出表", "A7"},
		{"docx", 0, 1, 4, "table 1", "r4c5"},
		{"docx", 1, 0, 1, "table 2", "r2c2"},
		{"xlsx", 1, 0, 1, "三公", "B4"},
	}
	for _, c := range cases {
		s, a, err := CellRef(p, c.format, c.table, c.row, c.col)
		if err != nil || s != c.sheet || a != c.cell {
			t.Errorf("%+v: %s %s %v", c, s, a, err)
		}
	}
	if _, _, err := CellRef(p, "pdf", 0, 0, 0); err == nil {
		t.Error("pdf has no predictable cell addresses")
	}
}
