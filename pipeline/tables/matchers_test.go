package tables

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// The hand-written matchers and prefilters of the recognition hot loops are
// checked here against the definitions they replace (the original norm and
// regular expressions), on every cell text and column label of the
// fixtures and the demo portal plus constructed edge cases.

// refNorm is norm as first written: spaces removed as bytes, then quote
// marks dropped and full-width ASCII folded rune by rune.
func refNorm(s string) string {
	s = spaceRemover.Replace(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '“', '”', '"', '‘', '’', '\'', '「', '」', '《', '》', '〈', '〉':
			continue
		}
		if r >= 0xFF01 && r <= 0xFF5E && r != '（' && r != '）' && r != '：' && r != '，' {
			r -= 0xFEE0
		}
		b.WriteRune(r)
	}
	return b.String()
}

var (
	refYearRe     = regexp.MustCompile(`(20\d\d)年?`)
	refCodeRe     = regexp.MustCompile(`^\[?(\d{3}(?:\d{2}){0,2})\]?$`)
	refCodeNameRe = regexp.MustCompile(`^\[?(\d{3}(?:\d{2}){0,2})\]?[\s\x{3000}]*([^\d\s].*)$`)
)

// edgeTexts are constructed inputs for the matchers.
var edgeTexts = []string{
	"", " ", "\u3000", "\u00a0", "\t\n\r", "a b", "全角　空格", "“三公”经费", "‘x’", "「」《》〈〉", "\"q\"", "'",
	"ＡＢＣ１２３", "（一）", "（", "）", "：", "，", "！～", "\uff5e\uff5f", "\uff00",
	"\xff", "a\xffb", "\xe3\x80", "\xe3 \x80\x80", "\xe3\x80 \x80", "x\xe3\x80\x80y", "\xc2 \xa0", "\xef\xbf\xbd", "\ufffd",
	"301", "[301]", "301]", "[301", "30101", "3010101", "301010101", "30", "3011", "[]", "[", "]",
	"301 工资福利支出", "301工资", "301\u3000工资", "301\u3000", "301]", "301]]", "301 ", "301\n", "301\nx", "301x\ny", "301\fx",
	"[2010101]行政运行", "2010101 行政运行", "20101011", "301.5", "301,000", "３０１工资", "301\u3000\u3000", "301 \u3000 x", "301\u00a0x",
	"2023年", "2019年决算数", "1920", "2020", "202", "220245", "上年结转", "上年财政拨款结余", "上一年", "年初预算",
	"一、事业收入", "（五）其他收入", "1.上年结转", "(1)收入", "十一、", "12)", "123)", "一", "（一", "x一、",
	"第1页", "第 1 页 共 3 页", "- 2 -", "12", "1/3", "1234",
	"本单位无此项", "本表为空", "空表", "无", "（无）", "无数据", "本部门2024年没有政府性基金", "该单位不涉及", "不涉及", "没有", "未安排",
	"单位：万元", "金额单位: 元", "单位 ： 千元", "金额（万元）", "(元)", "部门：区科协", "编制单位:x", "表1", "附表3-1", "附件二：", "表",
}

// corpusTexts gathers every cell text, joined row and column label the
// package reads from its fixtures and the demo portal, and the edge cases.
func corpusTexts(t *testing.T) []string {
	t.Helper()
	ctx := context.Background()
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, s := range edgeTexts {
		add(s)
	}
	var files []File
	paths, _ := filepath.Glob(filepath.Join(fixtureDir, "*.*"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, File{Name: p, Data: data})
	}
	site := demo()
	for _, d := range site.Truth() {
		for _, a := range d.Attachments {
			body, _ := site.Body(a)
			files = append(files, File{Name: a, Data: body})
		}
	}
	for _, f := range files {
		fm, err := Detect(f.Data)
		if err != nil {
			continue
		}
		var grids []*grid
		switch fm {
		case FormatXLSX:
			grids, err = xlsxGrids(ctx, f.Data)
		case FormatXLS:
			grids, err = xlsGrids(ctx, f.Data)
		case FormatDOCX:
			var d *docxDoc
			if d, err = parseDOCX(f.Data); err == nil {
				grids = []*grid{d.grid()}
			}
		case FormatPDF:
			grids, err = pdfGrids(ctx, f.Data)
		}
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		for _, g := range grids {
			for _, r := range g.rows {
				for _, c := range r.cells {
					add(c.text)
					add(norm(c.text))
				}
				add(r.joined())
			}
			for _, tb := range recognise(g) {
				for _, c := range tb.Columns {
					add(c.Label)
					add(norm(c.Label))
				}
			}
		}
	}
	return out
}

func TestMatchersAgainstDefinitions(t *testing.T) {
	texts := corpusTexts(t)
	if len(texts) < 1000 {
		t.Fatalf("corpus has %d texts", len(texts))
	}
	for _, s := range texts {
		if got, want := norm(s), refNorm(s); got != want {
			t.Errorf("norm(%q) = %q, want %q", s, got, want)
		}
		y, ok := firstYear(s)
		if m := refYearRe.FindStringSubmatch(s); (m != nil) != ok || ok && strconv.Itoa(y) != m[1] {
			t.Errorf("firstYear(%q) = %d %v, regexp %q", s, y, ok, m)
		}
		if !mayHaveOrdinal(s) && ordinalRe.MatchString(s) {
			t.Errorf("mayHaveOrdinal(%q) = false, but ordinalRe matches", s)
		}
		checkMatchers(t, s)
	}
	t.Logf("%d texts", len(texts))
}

// checkMatchers compares the code matchers and the prefiltered regular
// expressions with their definitions on one text.
func checkMatchers(t *testing.T, s string) {
	t.Helper()
	c, ok := codeOf(s)
	if m := refCodeRe.FindStringSubmatch(s); (m != nil) != ok || ok && c != m[1] {
		t.Errorf("codeOf(%q) = %q %v, regexp %q", s, c, ok, m)
	}
	c, ok = codeNameOf(s)
	if m := refCodeNameRe.FindStringSubmatch(s); (m != nil) != ok || ok && c != m[1] {
		t.Errorf("codeNameOf(%q) = %q %v, regexp %q", s, c, ok, m)
	}
	if got, want := isEmptyStatement(s), emptyRe.MatchString(s); got != want {
		t.Errorf("isEmptyStatement(%q) = %v, regexp %v", s, got, want)
	}
	if got, want := isPageNo(s), pageNoRe.MatchString(s); got != want {
		t.Errorf("isPageNo(%q) = %v, regexp %v", s, got, want)
	}
	if got, want := isTableNo(s), tableNoRe.MatchString(s); got != want {
		t.Errorf("isTableNo(%q) = %v, regexp %v", s, got, want)
	}
	u, ok := unitIn(s)
	if m := unitRe.FindStringSubmatch(s); (m != nil) != ok || ok && u != m[1] {
		t.Errorf("unitIn(%q) = %q %v, regexp %q", s, u, ok, m)
	}
	if !strings.Contains(s, "元") && unitInLabelRe.MatchString(s) {
		t.Errorf("unitInLabelRe matches %q without 元", s)
	}
}

// TestMatchersRandom: the matchers against their definitions on random
// strings over the characters they look at (digits, brackets, spaces of
// every kind, line breaks, quotes, full-width forms, invalid bytes).
func TestMatchersRandom(t *testing.T) {
	alphabet := []string{"0", "1", "2", "3", "7", "9", "[", "]", "【", "】", " ", "\t", "\n", "\r", "\f", "\v", "\u3000", "\u00a0",
		"\u2003", "a", "工", "资", ".", ",", "，", "-", "−", "(", ")", "（", "）", "“", "”", "\"", "'", "＂", "＇", "１", "Ａ", "～",
		"\xe3", "\x80", "\xc2", "\xa0", "\xff", "无", "空", "表", "附", "第", "页", "共", "/", "单位", "：", ":", "万元", "元", "|"}
	rng := rand.New(rand.NewPCG(3, 4))
	codeNames := 0
	for i := 0; i < 40000; i++ {
		var b strings.Builder
		if rng.IntN(2) == 0 { // a code-like start: [, then 1–8 digits
			if rng.IntN(3) == 0 {
				b.WriteByte('[')
			}
			for k := rng.IntN(8); k >= 0; k-- {
				b.WriteByte(byte('0' + rng.IntN(10)))
			}
		}
		for k := rng.IntN(12); k >= 0; k-- {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		s := b.String()
		if got, want := norm(s), refNorm(s); got != want {
			t.Fatalf("norm(%q) = %q, want %q", s, got, want)
		}
		checkMatchers(t, s)
		if _, ok := codeNameOf(s); ok {
			codeNames++
		}
		if t.Failed() {
			t.FailNow()
		}
	}
	if codeNames < 1000 {
		t.Errorf("only %d random strings are a code and a name", codeNames)
	}
}

// TestRowViewJoins: the joins a row view computes from normalised texts
// equal norm of the joined texts, invalid UTF-8 included.
func TestRowViewJoins(t *testing.T) {
	rows := [][]string{
		{"301", "工资福利支出", "1,234.00"},
		{"\xe3\x80", "\x80x", " a ", "\u3000"},
		{"＂合计＂", "", "栏次", "1", "2"},
		{"\xe3", "\x80\x80"},
		{" ", "注：本表无数据", "x"},
		{"\u3000", "", "注"},
		{"说明", "注"},
		{"a\xc2", "\xa0b"},
	}
	for _, texts := range rows {
		var r grow
		for _, x := range texts {
			r.cells = append(r.cells, gcell{text: x})
		}
		v := viewOf(r)
		ts := r.texts()
		if got, want := v.headerKey(), refNorm(strings.Join(ts, "|")); got != want {
			t.Errorf("%q: headerKey %q, want %q", texts, got, want)
		}
		if got, want := v.normConcat(), refNorm(strings.Join(ts, "")); got != want {
			t.Errorf("%q: normConcat %q, want %q", texts, got, want)
		}
		if v.valid && startsWithNote(v.norms) != strings.HasPrefix(v.normConcat(), "注") {
			t.Errorf("%q: startsWithNote %v", texts, startsWithNote(v.norms))
		}
		if got, want := v.joinedText(), r.joined(); got != want {
			t.Errorf("%q: joined %q, want %q", texts, got, want)
		}
	}
}

// refPlainChars is plainChars byte by byte, as first written.
func refPlainChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
		if c == 0xEF && i+2 < len(s) && s[i+1] == 0xBF && (s[i+2] == 0xBE || s[i+2] == 0xBF) {
			return false
		}
		if c == 0xEF && i == 0 {
			return false
		}
	}
	return utf8.ValidString(s)
}

// TestPlainCharsWords: the eight-bytes-at-a-time scan of plainChars agrees
// with the byte-by-byte definition, whatever byte sits at whatever offset.
func TestPlainCharsWords(t *testing.T) {
	base := []byte(`<c r="A1"><v>1234.5</v></c> 单位：万元 ~` + "\x7f")
	special := []byte{0x00, 0x01, 0x09, 0x0a, 0x0d, 0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xbf, 0xc2, 0xef, 0xff}
	n := 0
	for _, sp := range special {
		for at := 0; at < len(base); at++ {
			for _, cut := range []int{len(base), at + 1, at + 9} {
				b := append([]byte{}, base...)
				b[at] = sp
				s := string(b[:min(cut, len(b))])
				if got, want := plainChars(s), refPlainChars(s); got != want {
					t.Errorf("plainChars(%q) = %v, want %v", s, got, want)
				}
				n++
			}
		}
	}
	for _, s := range []string{"", "\ufeff<a/>", "a\ufffeb", "abcdefgh\uffff", "abcdefghijklmnop", "abcdefg\x01ijklmnop", "\xef\xbf\xbe"} {
		if got, want := plainChars(s), refPlainChars(s); got != want {
			t.Errorf("plainChars(%q) = %v, want %v", s, got, want)
		}
	}
	t.Logf("%d strings", n)
}

// TestWellFormedMemo: the memo answers as wellFormed does, for repeated and
// distinct parts, and stays bounded.
func TestWellFormedMemo(t *testing.T) {
	parts := []string{
		`<?xml version="1.0"?><styleSheet xmlns="` + nsMain + `"><fonts/></styleSheet>`,
		`<?xml version="1.0"?><styleSheet xmlns="` + nsMain + `"><fonts></styleSheet>`,
		`<styleSheet xmlns="urn:other"/>`,
		`<theme xmlns="` + nsDrawing + `"/>`,
	}
	for round := 0; round < 3; round++ {
		for _, p := range parts {
			for _, root := range []struct{ ns, name string }{{nsMain, "styleSheet"}, {nsDrawing, "theme"}} {
				if got, want := wellFormedCached(p, root.ns, root.name), wellFormed(p, root.ns, root.name); got != want {
					t.Errorf("round %d: wellFormedCached(%q, %s) = %v, want %v", round, p, root.name, got, want)
				}
			}
		}
	}
	for i := 0; i < 3*wellFormedMemoEntries; i++ {
		wellFormedCached(fmt.Sprintf(`<calcChain xmlns="%s"><c r="A%d"/></calcChain>`, nsMain, i), nsMain, "calcChain")
	}
	wellFormedMemo.Lock()
	n := len(wellFormedMemo.m)
	wellFormedMemo.Unlock()
	if n > wellFormedMemoEntries {
		t.Errorf("memo holds %d entries, cap %d", n, wellFormedMemoEntries)
	}
}

// TestValidName: validName against its definition (a letter or _ first, at
// most one colon, not last).
func TestValidName(t *testing.T) {
	ref := func(s string) bool {
		if s == "" {
			return false
		}
		c := s[0]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
			return false
		}
		n := strings.Count(s, ":")
		return !(n > 1 || n == 1 && s[len(s)-1] == ':')
	}
	for _, s := range []string{"", "a", "_", "1", ":", ":a", "a:", "a:b", "a::b", "a:b:", "a:b:c", "w:t", "xml:space", "xmlns", "xmlns:w", "_x:y", "a.b-c", "a:", "ab:c:"} {
		if got, want := validName(s), ref(s); got != want {
			t.Errorf("validName(%q) = %v, want %v", s, got, want)
		}
	}
}
