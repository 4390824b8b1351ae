package officegen

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"
)

const (
	docxContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`
	docxRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`
	docxNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	// font makes LibreOffice render CJK with an installed font when the
	// fixtures are converted to PDF.
	docxFont = `<w:rFonts w:ascii="WenQuanYi Micro Hei" w:hAnsi="WenQuanYi Micro Hei" w:eastAsia="WenQuanYi Micro Hei"/>`
)

func xmlText(s string) string {
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(s)); err != nil {
		return ""
	}
	return b.String()
}

// para writes one paragraph. align is "" or "center"/"right".
func para(b *strings.Builder, text, align string, bold bool, size int) {
	b.WriteString("<w:p><w:pPr>")
	if align != "" {
		fmt.Fprintf(b, `<w:jc w:val="%s"/>`, align)
	}
	b.WriteString("<w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr>")
	if text != "" {
		b.WriteString("<w:r><w:rPr>" + docxFont)
		if bold {
			b.WriteString("<w:b/>")
		}
		fmt.Fprintf(b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr>`, size, size)
		// xml:space keeps the full-width indentation of class names.
		fmt.Fprintf(b, `<w:t xml:space="preserve">%s</w:t></w:r>`, xmlText(text))
	}
	b.WriteString("</w:p>")
}

// DOCX renders the doc as a .docx written by hand (archive/zip + OOXML): for
// each table a centred title paragraph, a 单位 paragraph, and a bordered
// table whose header rows use gridSpan / vMerge and repeat on each page
// (tblHeader); an empty table is followed by its statement. Tables flow
// without page breaks, so a long document splits tables across pages.
func DOCX(d Doc) ([]byte, error) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<w:document ` + docxNS + `><w:body>`)
	for i, t := range d.Tables {
		if i > 0 {
			para(&b, "", "", false, 18)
		}
		para(&b, t.Title, "center", true, 28)
		para(&b, d.orgLine()+"　　　　单位："+t.Unit, "right", false, 18)
		writeDOCXTable(&b, t)
		if t.Empty != "" {
			para(&b, t.Empty, "", false, 18)
		}
	}
	// A4 landscape, narrow margins: the widest table has 12 amount columns.
	b.WriteString(`<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="720" w:right="720" w:bottom="720" w:left="720" w:header="0" w:footer="0" w:gutter="0"/></w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)

	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	mod := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, p := range []struct{ name, body string }{
		{"[Content_Types].xml", docxContentTypes},
		{"_rels/.rels", docxRels},
		{"word/document.xml", b.String()},
	} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: mod})
		if err != nil {
			return nil, fmt.Errorf("officegen: docx part %s: %w", p.name, err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			return nil, fmt.Errorf("officegen: docx part %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("officegen: docx: %w", err)
	}
	return out.Bytes(), nil
}

func writeDOCXTable(b *strings.Builder, t Table) {
	n := t.Columns()
	const total = 15398 // twips between the margins
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>`)
	for _, e := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(b, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>`, e)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, total/n)
	}
	b.WriteString(`</w:tblGrid>`)

	hrows, merges := t.HeaderGrid()
	// Per header grid cell: skip (covered by a horizontal span), span width,
	// vMerge restart/continue.
	type hc struct {
		skip         bool
		span         int
		vstart, vcon bool
	}
	info := make([][]hc, len(hrows))
	for i := range info {
		info[i] = make([]hc, n)
	}
	for _, m := range merges {
		for r := m[0]; r <= m[2]; r++ {
			info[r][m[1]].span = m[3] - m[1] + 1
			for c := m[1] + 1; c <= m[3]; c++ {
				info[r][c].skip = true
			}
			if m[2] > m[0] {
				if r == m[0] {
					info[r][m[1]].vstart = true
				} else {
					info[r][m[1]].vcon = true
				}
			}
		}
	}
	for ri, hr := range hrows {
		b.WriteString(`<w:tr><w:trPr><w:tblHeader/></w:trPr>`)
		for c := 0; c < n; c++ {
			x := info[ri][c]
			if x.skip {
				continue
			}
			b.WriteString("<w:tc><w:tcPr>")
			if x.span > 1 {
				fmt.Fprintf(b, `<w:gridSpan w:val="%d"/>`, x.span)
			}
			if x.vstart {
				b.WriteString(`<w:vMerge w:val="restart"/>`)
			} else if x.vcon {
				b.WriteString(`<w:vMerge/>`)
			}
			b.WriteString("</w:tcPr>")
			text := hr[c]
			if x.vcon {
				text = ""
			}
			para(b, text, "center", true, 16)
			b.WriteString("</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	for _, row := range t.Rows {
		cells := t.BodyRow(row)
		off := len(cells) - len(row.Cells)
		b.WriteString("<w:tr>")
		for c := 0; c < n; c++ {
			v := ""
			if c < len(cells) {
				v = cells[c]
			}
			align := ""
			if c >= off && isAmount(v) {
				align = "right"
			}
			b.WriteString("<w:tc><w:tcPr/>")
			para(b, v, align, false, 16)
			b.WriteString("</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
}
