package tables

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/budgetfeed/budgetfeed/pipeline/tables/tablegen"
	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/xuri/excelize/v2"
)

// cfb builds a minimal compound file (v3, 512-byte sectors) holding the given
// streams, each padded to at least 4096 bytes so none lives in the mini
// stream.
func cfb(t testing.TB, streams map[string][]byte) []byte {
	t.Helper()
	var names []string
	for n := range streams {
		names = append(names, n)
	}
	const (
		free   = 0xFFFFFFFF
		end    = 0xFFFFFFFE
		fatSec = 0xFFFFFFFD
	)
	type st struct {
		name        string
		data        []byte
		start, size uint32
	}
	var ss []st
	next := uint32(2) // 0 = FAT, 1 = directory
	fat := []uint32{fatSec, end}
	for _, n := range names {
		d := append([]byte(nil), streams[n]...)
		size := uint32(len(d))
		for len(d) < 4096 || len(d)%512 != 0 {
			d = append(d, 0)
		}
		if size < 4096 {
			size = uint32(len(d))
		}
		secs := uint32(len(d) / 512)
		for i := uint32(0); i < secs; i++ {
			if i == secs-1 {
				fat = append(fat, end)
			} else {
				fat = append(fat, next+i+1)
			}
		}
		ss = append(ss, st{n, d, next, size})
		next += secs
	}
	if len(fat) > 128 {
		t.Fatal("cfb helper: too many sectors")
	}
	for len(fat) < 128 {
		fat = append(fat, free)
	}
	var b bytes.Buffer
	h := make([]byte, 512)
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	binary.LittleEndian.PutUint16(h[24:], 0x3E)
	binary.LittleEndian.PutUint16(h[26:], 3)
	binary.LittleEndian.PutUint16(h[28:], 0xFFFE)
	binary.LittleEndian.PutUint16(h[30:], 9)
	binary.LittleEndian.PutUint16(h[32:], 6)
	binary.LittleEndian.PutUint32(h[44:], 1) // FAT sectors
	binary.LittleEndian.PutUint32(h[48:], 1) // first directory sector
	binary.LittleEndian.PutUint32(h[56:], 4096)
	binary.LittleEndian.PutUint32(h[60:], end)
	binary.LittleEndian.PutUint32(h[68:], end)
	binary.LittleEndian.PutUint32(h[76:], 0) // DIFAT[0] = sector 0
	for i := 1; i < 109; i++ {
		binary.LittleEndian.PutUint32(h[76+4*i:], free)
	}
	b.Write(h)
	for _, v := range fat {
		binary.Write(&b, binary.LittleEndian, v)
	}
	dir := make([]byte, 512)
	entry := func(i int, name string, typ byte, left, right, child, start, size uint32) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for k, c := range u {
			binary.LittleEndian.PutUint16(e[2*k:], c)
		}
		binary.LittleEndian.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66], e[67] = typ, 1
		binary.LittleEndian.PutUint32(e[68:], left)
		binary.LittleEndian.PutUint32(e[72:], right)
		binary.LittleEndian.PutUint32(e[76:], child)
		binary.LittleEndian.PutUint32(e[116:], start)
		binary.LittleEndian.PutUint32(e[120:], size)
	}
	if len(ss) > 3 {
		t.Fatal("cfb helper: at most 3 streams")
	}
	entry(0, "Root Entry", 5, free, free, 1, end, 0)
	for i, s := range ss {
		right := uint32(free)
		if i+1 < len(ss) {
			right = uint32(i + 2)
		}
		entry(i+1, s.name, 2, free, right, free, s.start, s.size)
	}
	b.Write(dir)
	for _, s := range ss {
		b.Write(s.data)
	}
	return b.Bytes()
}

func zipOf(t testing.TB, parts map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for n, d := range parts {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(d)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func biffRecord(typ uint16, data []byte) []byte {
	b := make([]byte, 4, 4+len(data))
	binary.LittleEndian.PutUint16(b, typ)
	binary.LittleEndian.PutUint16(b[2:], uint16(len(data)))
	return append(b, data...)
}

func hugeXLSX(t testing.TB, rows int) []byte {
	t.Helper()
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for r := 1; r <= rows; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, []any{"x"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBadFiles: every bad or unsupported file gives a clear error naming the
// file, wrapping ErrUnsupported or ErrTooLarge where they apply, never a
// panic.
func TestBadFiles(t *testing.T) {
	good, err := tablegen.XLSX(tablegen.Standard("budget"))
	if err != nil {
		t.Fatal(err)
	}
	bomb := zipOf(t, map[string][]byte{
		"[Content_Types].xml":      []byte(`<Types/>`),
		"xl/workbook.xml":          []byte(`<workbook/>`),
		"xl/worksheets/sheet1.xml": bytes.Repeat([]byte{' '}, 20<<20),
	})
	workbookFilePass := append(biffRecord(0x0809, make([]byte, 16)), biffRecord(0x002F, make([]byte, 54))...)
	corruptBIFF := append(biffRecord(0x0809, make([]byte, 16)), 0x85, 0x00, 0xFF, 0x7F, 1, 2, 3)
	cases := []struct {
		name string
		data []byte
		is   error  // errors.Is target, nil: any error
		want string // substring of the message
	}{
		{"empty.xlsx", nil, ErrUnsupported, "empty file"},
		{"bomb.xlsx", bomb, ErrTooLarge, "zip bomb"},
		{"huge.xlsx", hugeXLSX(t, MaxRows+5), ErrTooLarge, "rows"},
		{"encrypted.xlsx", cfb(t, map[string][]byte{"EncryptionInfo": []byte("x"), "EncryptedPackage": []byte("y")}), ErrUnsupported, "encrypted"},
		{"legacy.doc", cfb(t, map[string][]byte{"WordDocument": []byte("w"), "1Table": []byte("t")}), ErrUnsupported, ".doc"},
		{"wps.wps", cfb(t, map[string][]byte{"WordDocument": []byte("w")}), ErrUnsupported, "Word"},
		{"protected.xls", cfb(t, map[string][]byte{"Workbook": workbookFilePass}), ErrUnsupported, "FILEPASS"},
		{"corrupt.xls", cfb(t, map[string][]byte{"Workbook": corruptBIFF}), nil, "corrupt"},
		{"other.ole", cfb(t, map[string][]byte{"Contents": []byte("c")}), ErrUnsupported, "without a Workbook"},
		{"truncated.xlsx", good[:len(good)/2], nil, "corrupt zip"},
		{"truncated.cfb", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}, nil, "corrupt compound file"},
		{"archive.rar", []byte("Rar!\x1a\x07\x01\x00rest"), ErrUnsupported, "rar"},
		{"archive.7z", []byte{'7', 'z', 0xBC, 0xAF, 0x27, 0x1C, 0, 4}, ErrUnsupported, "7z"},
		{"doc.ofd", zipOf(t, map[string][]byte{"OFD.xml": []byte("<ofd/>"), "Doc_0/Document.xml": []byte("<d/>")}), ErrUnsupported, "OFD"},
		{"bundle.zip", zipOf(t, map[string][]byte{"a/预算.xlsx": good}), ErrUnsupported, "zip archive"},
		{"sheet.et", zipOf(t, map[string][]byte{"mimetype": []byte("application/vnd.oasis.opendocument.spreadsheet")}), ErrUnsupported, "OpenDocument"},
		{"scan.jpg", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10}, ErrUnsupported, "image"},
		{"soft404.xls", []byte("<!DOCTYPE html><html><head></head></html>"), ErrUnsupported, "html"},
		{"garbage.bin", []byte("hello, this is not a table"), ErrUnsupported, "unknown format"},
		{"broken.pdf", []byte("%PDF-1.7\n1 0 obj garbage"), nil, "open PDF"},
		{"docx-without-body.docx", zipOf(t, map[string][]byte{"word/styles.xml": []byte("<s/>")}), nil, "no word/document.xml"},
		{"bad-xml.docx", zipOf(t, map[string][]byte{"word/document.xml": []byte("<w:document><w:body><w:p>")}), nil, "document.xml"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(context.Background(), File{Name: c.name, Data: c.data})
			if err == nil {
				t.Fatal("no error")
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("error %v is not %v", err, c.is)
			}
			if !strings.Contains(err.Error(), c.name) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q should name the file and say %q", err, c.want)
			}
		})
	}
}

func TestDetectSupported(t *testing.T) {
	for _, name := range []string{"budget_2024.xlsx", "budget_2024.xls", "budget_2024.docx", "budget_2024.pdf"} {
		f := readFixture(t, name)
		fm, err := Detect(f.Data)
		if err != nil || string(fm) != name[strings.LastIndex(name, ".")+1:] {
			t.Errorf("%s: detected %s, %v", name, fm, err)
		}
	}
}

// TestUnknownCodeAndNameLookup: a code missing from the code list is kept as
// printed with a finding; a class printed without code gets it from its name.
func TestUnknownCodeAndNameLookup(t *testing.T) {
	tb := tablegen.Table{Kind: "gpb_function", Title: "某单位2024年一般公共预算支出预算表", Unit: "元", CodeMode: tablegen.CodeJoined, Sheet: "s",
		Header: [][]tablegen.HeaderCell{{{Text: "科目编码"}, {Text: "科目名称"}, {Text: "合计"}}},
		Rows: []tablegen.Row{
			{Code: "206", Level: 1, Cells: []string{"科学技术支出", "1,500.50"}},
			{Code: "2069999", Level: 3, Cells: []string{"虚构的科目", "500.50"}},
			{Level: 1, Cells: []string{"住房保障支出", "1000"}},
			{Total: true, Cells: []string{"合计", "2500.50"}},
		}}
	data, err := tablegen.XLSX(tablegen.Doc{Department: "某单位", Tables: []tablegen.Table{tb}})
	if err != nil {
		t.Fatal(err)
	}
	f := File{Name: "codes.xlsx", Data: data}
	ts, err := Read(context.Background(), f)
	if err != nil || len(ts) != 1 {
		t.Fatalf("%d tables, %v", len(ts), err)
	}
	facts, quality := Facts(ts, f, Hint{FiscalYear: 2024, Stage: schemas.StageBudget})
	rules := map[string]bool{}
	for _, q := range quality {
		rules[q.RuleID] = true
	}
	for _, r := range []string{RuleCodeUnknown, RuleCodeFromName, RuleSumMismatch} {
		if !rules[r] {
			t.Errorf("no %s finding in %+v", r, quality)
		}
	}
	got := map[string]string{}
	for _, fa := range facts {
		got[fa.Code+"/"+fa.Name] = fa.Amount.Yuan()
	}
	want := map[string]string{"206/科学技术支出": "1500.5", "2069999/虚构的科目": "500.5", "221/住房保障支出": "1000", "/合计": "2500.5"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("fact %s = %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
}

// TestMissingTotal: a 合计 row whose values did not come through (a formula
// cell a BIFF reader dropped) is reported, not published as absent.
func TestMissingTotal(t *testing.T) {
	row := func(line int, cells ...string) grow {
		r := grow{sheet: "s", line: line}
		for i, c := range cells {
			r.cells = append(r.cells, gcell{text: c, addr: fmt.Sprintf("%c%d", 'A'+i, line)})
		}
		return r
	}
	g := &grid{name: "s", rows: []grow{
		row(1, "部门支出预算总表"),
		row(2, "", "", "单位：元"),
		row(3, "科目编码", "科目名称", "合计", "基本支出"),
		row(4, "", "合计", "", ""),
		row(5, "206", "科学技术支出", "10.00", "5.00"),
	}}
	ts := recognise(g)
	if len(ts) != 1 {
		t.Fatalf("%d tables", len(ts))
	}
	n := 0
	for _, note := range ts[0].Notes {
		if note.RuleID == "table_total_missing" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("want 2 table_total_missing notes, got %+v", ts[0].Notes)
	}
}

func TestFormulaWithoutCachedValue(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]string{{"部门支出预算总表"}, {"单位：元"}, {"科目编码", "科目名称", "合计"}, {"206", "科学技术支出", "12.5"}}
	for r, cells := range rows {
		for c, v := range cells {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			f.SetCellStr("Sheet1", cell, v)
		}
	}
	f.SetCellDefault("Sheet1", "C4", "12.5")
	f.SetCellStr("Sheet1", "B5", "合计")
	f.SetCellFormula("Sheet1", "C5", "SUM(C4)")
	f.SetCellStr("Sheet1", "B6", "其他")
	f.SetCellStr("Sheet1", "A6", "208")
	f.SetCellFormula("Sheet1", "C6", "NOSUCHFUNCTION(C4)")
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	ts, err := Read(context.Background(), File{Name: "formula.xlsx", Data: buf.Bytes()})
	if err != nil || len(ts) != 1 {
		t.Fatalf("%d tables, %v", len(ts), err)
	}
	var computed, unresolved bool
	for _, n := range ts[0].Notes {
		computed = computed || n.RuleID == "table_formula_computed" && strings.Contains(n.Message, "C5")
		unresolved = unresolved || n.RuleID == "table_formula_unresolved" && strings.Contains(n.Message, "C6")
	}
	if !computed || !unresolved {
		t.Errorf("notes %+v", ts[0].Notes)
	}
	var total string
	for _, r := range ts[0].Rows {
		if r.Total {
			for _, c := range r.Cells {
				if c.Addr == "C5" {
					total = c.Text
				}
			}
		}
	}
	if total != "12.5" {
		t.Errorf("computed total %q", total)
	}
}

func TestText(t *testing.T) {
	for _, name := range []string{"budget_2024.docx", "budget_2024.pdf"} {
		s, err := Text(context.Background(), readFixture(t, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"区科协2024年部门收支预算总表", "一般公共预算拨款收入 | 120.66", "本单位无此项"} {
			if !strings.Contains(strings.ReplaceAll(s, " 年", "年"), want) {
				t.Errorf("%s: text lacks %q", name, want)
			}
		}
	}
	if _, err := Text(context.Background(), readFixture(t, "budget_2024.xlsx")); !errors.Is(err, ErrUnsupported) {
		t.Errorf("xlsx text: %v", err)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, readFixture(t, "budget_2024.xlsx")); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled read: %v", err)
	}
}

func TestRoundSignificant(t *testing.T) {
	for _, c := range [][2]string{
		{"120.66000000000001", "120.66"}, {"99.99999999999999", "100"}, {"-4.1200000000000001", "-4.12"},
		{"1206600", "1206600"}, {"0.30000000000000004", "0.3"}, {"12.5", "12.5"},
	} {
		if got := roundSignificant(c[0], 15); got != c[1] {
			t.Errorf("roundSignificant(%s) = %s, want %s", c[0], got, c[1])
		}
	}
}

func TestItemMetricOrdinals(t *testing.T) {
	for in, want := range map[string]string{
		"一、一般公共预算拨款收入": "general_public_budget_income", "五、事业收入": "business_income",
		"（七）其他收入": "other_income", "1.上年结转": "carryover_income", "收入总计": "total_income",
		"六、事业单位经营收入": "operating_income", "结转下年": "",
	} {
		if got := itemMetric(in); got != want {
			t.Errorf("itemMetric(%s) = %q, want %q", in, got, want)
		}
	}
}
