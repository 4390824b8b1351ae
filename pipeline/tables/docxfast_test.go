package tables

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/budgetfeed/budgetfeed/pipeline/tables/tablegen"
)

// documentXML returns the word/document.xml part of a .docx.
func documentXML(t testing.TB, name string, data []byte) []byte {
	t.Helper()
	zr, err := openZip(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	body, err := readZipPart(zr, "word/document.xml")
	if err != nil || body == nil {
		t.Fatalf("%s: word/document.xml: %v", name, err)
	}
	return body
}

// compareDOCX reads one word/document.xml with both readers. It fails when
// the byte-level reader takes the part and its blocks (or its error) differ
// from encoding/xml's, and returns whether the byte-level reader took it.
func compareDOCX(t *testing.T, name string, body []byte) bool {
	t.Helper()
	want, werr := parseDocumentXML(body)
	got, ok, gerr := parseDocumentXMLFast(body)
	if !ok {
		if got != nil || gerr != nil {
			t.Errorf("%s: fallback returned %v, %v", name, got, gerr)
		}
		return false
	}
	if (gerr == nil) != (werr == nil) || gerr != nil && gerr.Error() != werr.Error() {
		t.Errorf("%s: fast error %v, encoding/xml error %v", name, gerr, werr)
		return true
	}
	if gerr == nil && !reflect.DeepEqual(got, want) {
		t.Errorf("%s: blocks differ\n%s", name, diffDocx(got, want))
	}
	return true
}

// diffDocx describes the first differences between two documents.
func diffDocx(got, want *docxDoc) string {
	var b strings.Builder
	if len(got.blocks) != len(want.blocks) {
		fmt.Fprintf(&b, "%d blocks, want %d\n", len(got.blocks), len(want.blocks))
	}
	n := 0
	for i := 0; i < min(len(got.blocks), len(want.blocks)) && n < 5; i++ {
		if !reflect.DeepEqual(got.blocks[i], want.blocks[i]) {
			fmt.Fprintf(&b, "block %d:\n got  %+v\n want %+v\n", i, got.blocks[i], want.blocks[i])
			n++
		}
	}
	return b.String()
}

// TestDOCXFastFixtures: every .docx fixture of the repository, and the
// documents tablegen renders, read identically on both readers, and the
// byte-level reader takes all of them.
func TestDOCXFastFixtures(t *testing.T) {
	var paths []string
	for _, pat := range []string{"testdata/*/*.docx", "testdata/*/*/*.docx", "sources/*/testdata/*.docx", "sources/*/testdata/*/*.docx", "pipeline/*/testdata/*.docx"} {
		ps, err := filepath.Glob(filepath.Join("..", "..", pat))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, ps...)
	}
	if len(paths) == 0 {
		t.Fatal("no .docx fixtures found")
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !compareDOCX(t, p, documentXML(t, p, data)) {
			t.Errorf("%s: byte-level reader fell back", p)
		}
	}
	for _, stage := range []string{"budget", "final_account"} {
		m := tablegen.Standard(stage)
		data, err := tablegen.DOCX(m)
		if err != nil {
			t.Fatal(err)
		}
		if !compareDOCX(t, "tablegen "+stage, documentXML(t, stage, data)) {
			t.Errorf("tablegen %s: byte-level reader fell back", stage)
		}
	}
	t.Logf("%d .docx fixtures identical on both readers", len(paths))
}

// TestDOCXFastDemoPortal: every .docx attachment the demo portal serves
// reads identically on both readers, and the byte-level reader takes all.
func TestDOCXFastDemoPortal(t *testing.T) {
	site := demo()
	n := 0
	for _, doc := range site.Truth() {
		for _, p := range doc.Attachments {
			body, ok := site.Body(p)
			if !ok {
				t.Fatalf("attachment %s not served", p)
			}
			if fm, _ := Detect(body); fm != FormatDOCX {
				continue
			}
			n++
			if !compareDOCX(t, p, documentXML(t, p, body)) {
				t.Errorf("%s: byte-level reader fell back", p)
			}
		}
	}
	if n < 10 {
		t.Fatalf("the demo portal serves %d .docx attachments, want ≥ 10", n)
	}
	t.Logf("%d demo portal .docx attachments identical on both readers", n)
}

const (
	wDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	wOpen = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>`
)

// wdoc wraps body elements into a document.xml.
func wdoc(body string) string { return wDecl + wOpen + body + `</w:body></w:document>` }

func wp(text string) string { return `<w:p><w:r><w:t>` + text + `</w:t></w:r></w:p>` }

func wtc(props, text string) string {
	return `<w:tc><w:tcPr>` + props + `</w:tcPr>` + wp(text) + `</w:tc>`
}

// TestDOCXFastCases: odd and malformed parts. fast says whether the
// byte-level reader must take the part (false: it must hand it to
// encoding/xml); either way the result must equal encoding/xml's. absent
// lists text that must not appear in the document's text (deleted
// revisions).
func TestDOCXFastCases(t *testing.T) {
	merged := `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
		`<w:tr>` + wtc(`<w:gridSpan w:val="2"/>`, "收入") + wtc(`<w:vMerge w:val="restart"/>`, "支出") + `</w:tr>` +
		`<w:tr>` + wtc(``, "项目") + wtc(``, "") + wtc(`<w:vMerge/>`, "") + `</w:tr>` +
		`<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>` + wtc(``, "100.00") + wtc(`<w:vMerge w:val="continue"/>`, "") + `</w:tr>` +
		`</w:tbl>`
	nested := `<w:tbl><w:tr>` + wtc(``, "外") +
		`<w:tc><w:tbl><w:tr>` + wtc(``, "内1") + wtc(`<w:gridSpan w:val="3"/>`, "内2") + `</w:tr></w:tbl>` + wp("后") + `</w:tc></w:tr></w:tbl>`
	cases := []struct {
		name   string
		xml    string
		fast   bool
		absent []string
	}{
		{"empty part", ``, true, nil},
		{"declaration only", wDecl, true, nil},
		{"no declaration", wOpen + wp("标题") + `</w:body></w:document>`, true, nil},
		{"paragraphs", wdoc(wp("某单位2024年收支预算总表") + wp("单位：万元") + `<w:p/>`), true, nil},
		{"merged cells", wdoc(wp("表") + merged), true, nil},
		{"nested tables", wdoc(nested + wp("正文")), true, nil},
		{"empty cells", wdoc(`<w:tbl><w:tr><w:tc/><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t/></w:r></w:p></w:tc></w:tr></w:tbl>`), true, nil},
		{"entities", wdoc(wp(`a&amp;b &lt;c&gt; &quot;d&apos; &#20013;&#x6587; &#x1F600;`)), true, nil},
		{"entity in attribute", wdoc(`<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="&#50;"/></w:tcPr>` + wp("x") + `</w:tc></w:tr></w:tbl>`), true, nil},
		{"line ends", wdoc("<w:p><w:r><w:t>a\r\nb\rc\nd</w:t></w:r></w:p>"), true, nil},
		{"tabs and breaks", wdoc(`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/></w:r></w:p>`), true, nil},
		{"space preserved", wdoc(`<w:p><w:r><w:t xml:space="preserve">  前后  </w:t></w:r></w:p>`), true, nil},
		{"content controls", wdoc(`<w:sdt><w:sdtPr><w:alias w:val="单位"/></w:sdtPr><w:sdtContent>` + wp("区科协") + `</w:sdtContent></w:sdt>` +
			`<w:tbl><w:tr><w:sdt><w:sdtContent>` + wtc(``, "合计") + `</w:sdtContent></w:sdt></w:tr></w:tbl>`), true, nil},
		{"smart tags", wdoc(`<w:p><w:smartTag w:uri="urn:x" w:element="place"><w:r><w:t>北京</w:t></w:r></w:smartTag><w:r><w:t>市</w:t></w:r></w:p>`), true, nil},
		{"revisions", wdoc(`<w:p><w:ins w:id="1" w:author="a"><w:r><w:t>新增</w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>删除的文字</w:delText></w:r></w:del></w:p>` +
			`<w:tbl><w:tr><w:tc><w:p><w:del w:id="3"><w:r><w:delText>999.00</w:delText></w:r></w:del><w:ins w:id="4"><w:r><w:t>100.00</w:t></w:r></w:ins></w:p></w:tc></w:tr></w:tbl>`), true, []string{"删除", "999"}},
		{"element inside w:t", wdoc(`<w:p><w:r><w:t>a<w:tab/>b<x:y xmlns:x="urn:x">隐藏</x:y>c</w:t></w:r></w:p>`), true, []string{"隐藏"}},
		{"alternate content", wdoc(`<w:p><mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>甲</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>乙</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>`), true, nil},
		{"other prefixes", `<?xml version="1.0"?><doc xmlns="urn:w"><body><p><r><t>无前缀</t></r></p><tbl><tr><tc><p><t>1</t></p></tc></tr></tbl></body></doc>`, true, nil},
		{"single quotes and spaces", wDecl + `<w:document  xmlns:w = 'urn:w' ><w:body ><w:p ><w:r><w:t >x</w:t ></w:r></w:p></w:body></w:document >`, true, nil},
		{"empty attribute", wdoc(`<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val=""/><w:gridSpan w:val=" 2"/></w:tcPr>` + wp("x") + `</w:tc></w:tr></w:tbl>`), true, nil},
		{"gt and brackets in text", wdoc(wp(`a > b ]] c ]>`)), true, nil},
		{"trailing space after root", wdoc(wp("x")) + "\n  \n", true, nil},

		// Handed to encoding/xml.
		{"CDATA", wdoc(`<w:p><w:r><w:t><![CDATA[<金额> & 1]]></w:t></w:r></w:p>`), false, nil},
		{"comment", wdoc(`<!-- a comment --><w:p><w:r><w:t>a<!-- inside -->b</w:t></w:r></w:p>`), false, nil},
		{"processing instruction", wdoc(`<?mso-application progid="Word.Document"?>` + wp("x")), false, nil},
		{"doctype", `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY e "实体">]>` + wOpen + wp("&e;") + `</w:body></w:document>`, false, nil},
		{"byte order mark", "\ufeff" + wdoc(wp("x")), false, nil},
		{"gbk declaration", `<?xml version="1.0" encoding="GBK"?>` + wOpen + wp("x") + `</w:body></w:document>`, false, nil},
		{"version 1.1", `<?xml version="1.1"?>` + wOpen + wp("x") + `</w:body></w:document>`, false, nil},
		{"unknown entity", wdoc(wp(`&nbsp;`)), false, nil},
		{"unknown entity in attribute", wdoc(`<w:p w:rsid="&bogus;">` + `<w:r><w:t>x</w:t></w:r></w:p>`), false, nil},
		{"entity without semicolon", wdoc(wp(`a & b`)), false, nil},
		{"illegal character reference", wdoc(wp(`&#1;`)), false, nil},
		{"cdata end in text", wdoc(wp(`a ]]> b`)), false, nil},
		{"mismatched tags", wdoc(`<w:p><w:r><w:t>x</w:r></w:t></w:p>`), false, nil},
		{"unclosed", wDecl + wOpen + wp("x"), false, nil},
		{"truncated tag", wDecl + wOpen + `<w:p><w:r`, false, nil},
		{"unquoted attribute", wdoc(`<w:p w:x=1>` + `</w:p>`), false, nil},
		{"attributes run together", wdoc(`<w:p w:a="1"w:b="2"></w:p>`), false, nil},
		{"non-ASCII element name", wdoc(`<w:段落><w:r><w:t>x</w:t></w:r></w:段落>`), false, nil},
		{"invalid UTF-8", wdoc(wp("\xff\xfe")), false, nil},
		{"control character", wdoc(wp("a\x01b")), false, nil},
		{"text after root", wdoc(wp("x")) + "尾", false, nil},
		{"lt in attribute", wdoc(`<w:p w:a="<"></w:p>`), false, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := []byte(c.xml)
			if took := compareDOCX(t, c.name, body); took != c.fast {
				t.Errorf("byte-level reader took the part: %v, want %v", took, c.fast)
			}
			// The same through the whole reader, docx zip included.
			data := docxZip(t, c.xml)
			d1, e1 := parseDOCX(data)
			docxFastOff.Store(true)
			d2, e2 := parseDOCX(data)
			docxFastOff.Store(false)
			if fmt.Sprint(e1) != fmt.Sprint(e2) || !reflect.DeepEqual(d1, d2) {
				t.Errorf("parseDOCX differs with the byte-level reader on (%v) and off (%v)", e1, e2)
			}
			if d1 != nil {
				text := d1.text()
				for _, a := range c.absent {
					if strings.Contains(text, a) {
						t.Errorf("text %q holds %q", text, a)
					}
				}
				if c.fast && e1 == nil && len(d1.blocks) > 0 && text == "" && c.name != "empty cells" {
					t.Errorf("no text read")
				}
			}
		})
	}
}

// docxZip packs a document.xml into a minimal .docx.
func docxZip(t testing.TB, documentXML string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"word/document.xml", documentXML},
	} {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDOCXFastCaps: the row and cell caps stop both readers with the same
// error.
func TestDOCXFastCaps(t *testing.T) {
	var rows strings.Builder
	for i := 0; i <= MaxRows; i++ {
		rows.WriteString(`<w:tr><w:tc/></w:tr>`)
	}
	var cells strings.Builder
	for i := 0; i <= MaxCells/64; i++ {
		cells.WriteString(`<w:tc><w:tcPr><w:gridSpan w:val="64"/></w:tcPr></w:tc>`)
	}
	for _, c := range []struct{ name, xml string }{
		{"rows", wdoc(`<w:tbl>` + rows.String() + `</w:tbl>`)},
		{"cells", wdoc(`<w:tbl><w:tr>` + cells.String() + `</w:tr></w:tbl>`)},
	} {
		body := []byte(c.xml)
		_, ok, err := parseDocumentXMLFast(body)
		if !ok || err == nil || !strings.Contains(err.Error(), ErrTooLarge.Error()) {
			t.Errorf("%s: fast reader ok=%v err=%v, want ErrTooLarge", c.name, ok, err)
		}
		compareDOCX(t, c.name, body)
	}
}

// TestDOCXFastMutations: a fixture's document.xml cut short, with bytes
// dropped, doubled or replaced by markup characters — whenever the
// byte-level reader takes a mutant, it must read it as encoding/xml does.
func TestDOCXFastMutations(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(fixtureDir, "budget_2024.docx"))
	if err != nil {
		t.Fatal(err)
	}
	body := documentXML(t, "budget_2024.docx", data)
	// The first table and what precedes it keep each mutant small.
	if i := bytes.Index(body, []byte("</w:tbl>")); i > 0 {
		body = append(append([]byte{}, body[:i+len("</w:tbl>")]...), "</w:body></w:document>"...)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	inserts := []string{"<", ">", "&", "&amp;", "&#x41;", "/", `"`, "'", "]]>", "\r", "<w:tab/>", "</w:p>", "<w:p>", "<w:tc>", "</w:tr>", "<w:vMerge/>", "\xff", "<!--x-->"}
	fast := 0
	const n = 600
	for i := 0; i < n; i++ {
		m := append([]byte{}, body...)
		for k := 0; k <= rng.IntN(3); k++ {
			p := rng.IntN(len(m))
			switch rng.IntN(8) {
			case 0:
				m = m[:p]
			case 1, 2:
				m = append(m[:p], m[min(len(m), p+1+rng.IntN(8)):]...)
			case 3, 4, 5:
				m = append(m[:p], append([]byte(inserts[rng.IntN(len(inserts))]), m[p:]...)...)
			default:
				q := min(len(m), p+rng.IntN(40))
				m = append(m[:q], append(append([]byte{}, m[p:q]...), m[q:]...)...)
			}
		}
		if compareDOCX(t, fmt.Sprintf("mutant %d", i), m) {
			fast++
		}
	}
	if fast == 0 || fast == n {
		t.Errorf("byte-level reader took %d of %d mutants: the mutations do not exercise both readers", fast, n)
	}
	t.Logf("byte-level reader took %d of %d mutants, identically", fast, n)
}

// FuzzDOCXFast: whenever the byte-level reader takes a part, it reads it as
// encoding/xml does.
func FuzzDOCXFast(f *testing.F) {
	f.Add([]byte(wdoc(wp("表") + `<w:tbl><w:tr>` + wtc(`<w:gridSpan w:val="2"/>`, "a&amp;b") + `</w:tr></w:tbl>`)))
	f.Add([]byte(wdoc(`<w:p><w:ins><w:r><w:t>x</w:t></w:r></w:ins><w:del><w:r><w:delText>y</w:delText></w:r></w:del></w:p>`)))
	f.Fuzz(func(t *testing.T, body []byte) {
		compareDOCX(t, "fuzz", body)
	})
}
