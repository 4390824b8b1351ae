package demoportal

import (
	"fmt"
	"html"
	"math/rand/v2"
	"strings"

	"github.com/budgetfeed/budgetfeed/sources/demoportal/officegen"
)

// buildDoc writes one disclosure: its attachments, its article page and its
// truth. r draws the table attachment names, xr the names of extra
// attachments.
func (s *Site) buildDoc(d *district, doc *docInfo, r, xr *rand.Rand) {
	c := doc.ctx
	dir := doc.path[:strings.LastIndex(doc.path, "/")+1]
	word := "部门预算"
	if c.final() {
		word = "部门决算"
	}
	nFiles := 1
	if d.SplitFiles {
		nFiles = 2
	}
	format := doc.format
	var paths, displays []string
	for i := 0; i < nFiles; i++ {
		name := fmt.Sprintf("P0%s%012d.%s", doc.pub.Format("20060102"), r.Int64N(1e12), format)
		paths = append(paths, dir+name)
		switch {
		case nFiles == 1:
			displays = append(displays, fmt.Sprintf("附件1：%s%d年%s公开表", c.full, c.year, word))
		case i == 0:
			displays = append(displays, fmt.Sprintf("附件1：%s%d年%s收支总表及一般公共预算支出表", c.full, c.year, word))
		default:
			displays = append(displays, fmt.Sprintf("附件2：%s%d年%s基本支出表及“三公”经费表", c.full, c.year, word))
		}
	}
	tb := &tableBuilder{docCtx: c, text: d.TextCells, splitCode: d.SplitCode}
	tb.pickUnit(c.m.G, doc.r.IntN(3))
	render := format
	if format == FormatPDF {
		render = FormatDOCX
	}
	atts, cells := tb.build(paths, render)
	if format == FormatPDF {
		format = s.usePDFs(atts, cells)
	}
	for i := range atts {
		paths[i] = atts[i].path
		displays[i] += "." + format
		s.attachments[atts[i].path] = atts[i]
		s.add(atts[i].path, resource{body: atts[i].body, ctype: contentType[atts[i].format]})
	}
	var extra []string
	if doc.extraDoc {
		p := fmt.Sprintf("%sP0%s%012d.doc", dir, doc.pub.Format("20060102"), xr.Int64N(1e12))
		b, err := officegen.LegacyWordDOC("budgetfeed demo portal: " + c.full + " 政府采购情况说明 (Word 97)")
		must(err)
		s.add(p, resource{body: b, ctype: ctypeDOC})
		extra = append(extra, p)
		displays = append(displays, fmt.Sprintf("附件%d：%s%d年政府采购情况说明.doc", len(paths)+1, c.full, c.year))
	}

	n := &narrator{docCtx: c, r: doc.r, st: pickStyle(doc.r, c.m.G, c.k.Big), indent: doc.r.IntN(2) == 0}
	if doc.textOnly {
		n.p("%s", pick(doc.r, "详见附件。", fmt.Sprintf("%s%d年%s公开内容详见附件。", c.full, c.year, word)))
	} else {
		n.writeNarrative()
	}

	var att strings.Builder
	for i, p := range append(append([]string(nil), paths...), extra...) {
		fmt.Fprintf(&att, `<a href="./%s">%s</a>`, p[strings.LastIndex(p, "/")+1:], html.EscapeString(displays[i]))
		if i < len(displays)-1 {
			att.WriteString("<br>")
		}
	}
	s.add(doc.path, s.encode(d, s.article(d, doc, n.b.String(), att.String()), 200))

	td := TruthDoc{
		Path: doc.path, Title: doc.title, Department: c.full, DepartmentType: c.k.Type,
		Province: d.Province, City: d.City, County: d.County, RegionCode: d.RegionCode,
		FiscalYear: c.year, Stage: c.stage, PublishedAt: doc.pub,
		Attachments: paths, TextOnlyInAttachments: doc.textOnly, AttachmentFormat: format, UnsupportedAttachments: extra,
		Facts: n.fs.facts, TableFacts: tb.fs.facts, TableCells: cells,
	}
	s.truth = append(s.truth, td)
}

// usePDFs swaps the rendered .docx of a PDF document for the committed PDFs
// converted from them, when every one is there and made from exactly that
// .docx; otherwise the document serves its .docx (renamed) and the reason
// is kept for the tests. It returns the format served.
func (s *Site) usePDFs(atts []attachment, cells []TruthCell) string {
	pdfs := make([][]byte, len(atts))
	var stale []string
	for i, a := range atts {
		s.pdfSources[a.path] = a.body
		b, why := committedPDF(s.seed, a.path, a.body)
		if why != "" {
			stale = append(stale, a.path+": "+why)
		}
		pdfs[i] = b
	}
	format, rename := FormatPDF, func(p string) string { return p }
	if len(stale) > 0 {
		s.pdfStale = append(s.pdfStale, stale...)
		format = FormatDOCX
		rename = func(p string) string { return strings.TrimSuffix(p, ".pdf") + ".docx" }
	}
	for i := range atts {
		atts[i].path, atts[i].format = rename(atts[i].path), format
		if format == FormatPDF {
			atts[i].body = pdfs[i]
		}
	}
	for i := range cells {
		cells[i].Attachment, cells[i].Format = rename(cells[i].Attachment), format
	}
	return format
}

// article renders the article page in the district's template.
func (s *Site) article(d *district, doc *docInfo, body, attach string) string {
	c := doc.ctx
	date := doc.pub.Format("2006-01-02")
	metas := fmt.Sprintf(`<meta name="ColumnName" content="%s">
<meta name="ArticleTitle" content="%s">
<meta name="PubDate" content="%s %02d:%02d">
<meta name="ContentSource" content="%s">
`, html.EscapeString(d.ColumnName), html.EscapeString(doc.title), date, 8+doc.id%10, doc.id%60, html.EscapeString(c.full))
	title := html.EscapeString(doc.title)
	meta := fmt.Sprintf(`<table class="xxgk-table" width="100%%">
<tr><td class="label">索&nbsp;引&nbsp;号：</td><td>%s</td><td class="label">主题分类：</td><td>财政、金融、审计</td></tr>
<tr><td class="label">发布机构：</td><td>%s</td><td class="label">发布日期：</td><td>%s</td></tr>
<tr><td class="label">标　　题：</td><td colspan="3">%s</td></tr>
<tr><td class="label">文　　号：</td><td></td><td class="label">有 效 性：</td><td>有效</td></tr>
</table>`, doc.index, html.EscapeString(c.full), date, title)
	var attHTML string
	if d.JSAppendix {
		js := strings.ReplaceAll(attach, "'", "\\'")
		attHTML = fmt.Sprintf(`<div class="fj"><script type="text/javascript">
var file_appendix='%s';
if(file_appendix!=""){document.write("<p>附件：</p>");document.write(file_appendix);}
</script></div>`, js)
	} else {
		attHTML = `<div class="fujian"><p>附件：</p>` + attach + `</div>`
	}
	crumbs := fmt.Sprintf(`<div class="position">当前位置：<a href="/%s/">首页</a> &gt; <a href="%s">%s</a> &gt; <a href="/%s/%s">%s</a></div>`,
		d.Key, gkRoot(d), gkName(d), d.Key, d.Column, html.EscapeString(d.ColumnName))
	var main string
	switch d.Container {
	case "zoom":
		main = fmt.Sprintf(`%s
<table width="100%%" border="0" cellspacing="0" cellpadding="0"><tr><td height="25" bgcolor="#F5F5F5">%s</td></tr>
<tr><td align="center" class="biaoti_title">%s</td></tr>
<tr><td align="center">发布日期：%s　　来源：%s　　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</td></tr>
<tr><td><div id="zoom">
%s</div>
%s</td></tr></table>`, crumbs, meta, title, date, html.EscapeString(c.full), body, attHTML)
	case "ucap":
		main = fmt.Sprintf(`%s
%s
<div class="article"><h1>%s</h1>
<div class="info"><span>发布时间：%s</span><span>信息来源：%s</span></div>
<div id="UCAP-CONTENT">
%s</div>
%s</div>`, crumbs, meta, title, date, html.EscapeString(c.full), body, attHTML)
	default:
		main = fmt.Sprintf(`%s
%s
<div class="article"><h1 class="title">%s</h1>
<div class="info"><span>发布日期：%s</span><span>来源：%s</span></div>
<div class="view TRS_UEDITOR trs_paper_default"><div class="TRS_Editor">
%s</div></div>
%s</div>`, crumbs, meta, title, date, html.EscapeString(c.full), body, attHTML)
	}
	page := s.chrome(d, doc.title, metas, navFor(d), main)
	if d.GBK {
		// Article templates of this district declare the charset the older way.
		page = strings.Replace(page, `<meta charset="gb2312">`, `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, 1)
	}
	return page
}
