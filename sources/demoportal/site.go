package demoportal

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/budgetfeed/budgetfeed/schemas"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// resource is one served file.
type resource struct {
	body   []byte
	ctype  string
	status int
}

// Site is a generated demo portal: every page and attachment, pre-rendered,
// plus the truth of what the disclosures state.
type Site struct {
	seed  uint64
	files map[string]resource
	paths []string // sorted
	truth []TruthDoc
	homes []string
	// attachments: the rendered table attachments by path (tests compare
	// them with their models).
	attachments map[string]attachment
	// pdfSources: for every document chosen to carry PDFs, the .docx each
	// PDF is (to be) converted from, by .pdf path; pdfStale: why a chosen
	// document serves its .docx instead (no or outdated committed PDF).
	pdfSources map[string][]byte
	pdfStale   []string
}

const (
	ctypeHTML = "text/html"
	ctypeUTF8 = "text/html; charset=utf-8"
	ctypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	ctypeXLS  = "application/vnd.ms-excel"
	ctypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	ctypePDF  = "application/pdf"
	ctypeDOC  = "application/msword"
)

// contentType is what the portal sends for an attachment format.
var contentType = map[string]string{FormatXLSX: ctypeXLSX, FormatXLS: ctypeXLS, FormatDOCX: ctypeDOCX, FormatPDF: ctypePDF}

// docInfo is one disclosure while the site is being built.
type docInfo struct {
	ctx      *docCtx
	r        *rand.Rand
	title    string
	pub      time.Time
	id       int64
	path     string
	textOnly bool
	index    string // 索引号
	format   string // table attachment format (Format*)
	extraDoc bool   // also links a legacy Word .doc the pipeline cannot read
}

// Generate builds the whole site deterministically from seed.
func Generate(seed uint64) *Site {
	s := &Site{seed: seed, files: map[string]resource{}, attachments: map[string]attachment{}, pdfSources: map[string][]byte{}}
	codes := schemas.MustCodes()
	var index strings.Builder
	for di := range districts {
		d := &districts[di]
		docs := s.districtDocs(seed, d, codes)
		s.buildDistrict(seed, d, docs)
		s.homes = append(s.homes, "/"+d.Key+"/")
		fmt.Fprintf(&index, "<li><a href=\"/%s/\">%s%s%s（%s）</a></li>\n", d.Key, d.Province, d.City, d.County, d.SiteName)
	}
	s.add("/", resource{ctype: ctypeUTF8, body: []byte(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>budgetfeed 演示门户（虚构地区）</title></head>
<body><h1>budgetfeed 演示门户</h1>
<p>以下地区、单位和数据均为程序生成的虚构内容，行政区划代码位于 99xxxx 虚构区段。</p>
<ul class="sites">
` + index.String() + `</ul></body></html>
`)})
	s.add("/robots.txt", resource{ctype: "text/plain; charset=utf-8", body: []byte("User-agent: *\nAllow: /\n")})
	for p := range s.files {
		s.paths = append(s.paths, p)
	}
	slices.Sort(s.paths)
	return s
}

func (s *Site) add(path string, r resource) {
	if _, dup := s.files[path]; dup {
		panic("demoportal: path generated twice: " + path)
	}
	if r.status == 0 {
		r.status = http.StatusOK
	}
	s.files[path] = r
}

// deptNames returns the published full name and the short form.
func deptNames(d *district, k kind, spec deptSpec) (full, short string) {
	switch {
	case spec.Name != "":
		return d.County + spec.Name, strings.TrimSuffix(spec.Name, "办事处")
	case k.Type == "医院":
		return d.County + k.Full, d.Level + k.Short
	default:
		return d.County + k.Full, d.Level + k.Short
	}
}

// districtDocs draws the plans and the 48 documents of one district.
func (s *Site) districtDocs(seed uint64, d *district, codes *schemas.CodeList) []*docInfo {
	var docs []*docInfo
	for i, spec := range d.Depts {
		k, ok := kinds[spec.Kind]
		if !ok {
			panic("demoportal: unknown department kind " + spec.Kind)
		}
		key := fmt.Sprint(i)
		m := newDeptModel(newRand(seed, d.Key, key, "model"), k, codes)
		budgets := map[int32]*plan{}
		finals := map[int32]*plan{}
		for y := int32(priorYear); y <= lastYear; y++ {
			budgets[y] = m.budgetPlan(newRand(seed, d.Key, key, "budget", fmt.Sprint(y)), y)
			finals[y] = m.finalPlan(newRand(seed, d.Key, key, "final", fmt.Sprint(y)), budgets[y])
		}
		full, short := deptNames(d, k, spec)
		for y := int32(firstYear); y <= lastYear; y++ {
			for _, stage := range []string{schemas.StageBudget, schemas.StageFinalAccount} {
				r := newRand(seed, d.Key, key, "doc", fmt.Sprint(y), stage)
				c := &docCtx{d: d, k: k, m: m, full: full, short: short, year: y, stage: stage, codes: codes}
				if stage == schemas.StageBudget {
					c.cur, c.prev = budgets[y], budgets[y-1]
				} else {
					c.cur, c.prev = finals[y], finals[y-1]
				}
				docs = append(docs, &docInfo{ctx: c, r: r})
			}
		}
	}
	// Publication dates, titles and ids.
	r := newRand(seed, d.Key, "dates")
	for _, doc := range docs {
		c := doc.ctx
		if c.stage == schemas.StageBudget {
			doc.pub = time.Date(int(c.year), 2, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(50))
		} else {
			doc.pub = time.Date(int(c.year)+1, 8, 5, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(45))
		}
		doc.title = docTitle(doc.r, c)
	}
	slices.SortStableFunc(docs, func(a, b *docInfo) int { return a.pub.Compare(b.pub) })
	id := int64(3000000 + r.IntN(2000000))
	for _, doc := range docs {
		id += 1 + int64(r.IntN(400))
		doc.id = id
		ext := d.Ext
		doc.path = fmt.Sprintf("/%s/%s%s/t%s_%d.%s", d.Key, d.Column, doc.pub.Format("200601"), doc.pub.Format("20060102"), id, ext)
		doc.index = fmt.Sprintf("11%s%09d%d/%d-%05d", d.RegionCode, r.IntN(1000000000), r.IntN(10), doc.pub.Year(), 100+r.IntN(900))
	}
	// Two documents per district state their figures only in the attachments.
	for n := 0; n < 2; {
		doc := docs[r.IntN(len(docs))]
		if !doc.textOnly {
			doc.textOnly = true
			n++
		}
	}
	chooseFormats(newRand(seed, d.Key, "formats"), d, docs)
	// Newest first, as list pages show them.
	slices.Reverse(docs)
	return docs
}

// chooseFormats draws the attachment formats of a district's documents
// (from its own random stream, so the figures and texts do not depend on
// it): about 15% .xls (BIFF8), 15% .docx, the rest .xlsx; then one document
// (two in /qx/) carries PDFs converted from its .docx, and in /qx/ and /qs/
// one document links an extra legacy Word .doc.
func chooseFormats(r *rand.Rand, d *district, docs []*docInfo) {
	for _, doc := range docs {
		switch y := r.IntN(100); {
		case y < 15:
			doc.format = FormatXLS
		case y < 30:
			doc.format = FormatDOCX
		default:
			doc.format = FormatXLSX
		}
	}
	pdfs := 1
	if d.Key == "qx" {
		pdfs = 2
	}
	for n := 0; n < pdfs; {
		if doc := docs[r.IntN(len(docs))]; doc.format == FormatXLSX {
			doc.format = FormatPDF
			n++
		}
	}
	if d.Key != "bs" {
		docs[r.IntN(len(docs))].extraDoc = true
	}
}

func docTitle(r *rand.Rand, c *docCtx) string {
	kind := "部门"
	if !c.k.Admin {
		kind = "单位"
	}
	if c.stage == schemas.StageBudget {
		return fmt.Sprintf(pick(r, "%[1]s%[2]d年%[3]s预算公开", "%[1]s%[2]d年%[3]s预算信息公开", "%[2]d年%[1]s%[3]s预算",
			"%[1]s%[2]d年%[3]s预算及“三公”经费预算公开", "关于公开%[1]s%[2]d年%[3]s预算的说明"), c.full, c.year, kind)
	}
	return fmt.Sprintf(pick(r, "%[1]s%[2]d年度%[3]s决算公开", "%[1]s%[2]d年%[3]s决算", "%[2]d年度%[1]s%[3]s决算信息公开",
		"%[1]s%[2]d年度%[3]s决算及“三公”经费决算公开"), c.full, c.year, kind)
}

// buildDistrict renders every page of one district.
func (s *Site) buildDistrict(seed uint64, d *district, docs []*docInfo) {
	pre := "/" + d.Key + "/"
	col := pre + d.Column
	r := newRand(seed, d.Key, "attach")
	xr := newRand(seed, d.Key, "extra-attach")
	for _, doc := range docs {
		s.buildDoc(d, doc, r, xr)
	}
	s.buildLists(d, docs)
	// Chrome pages: home, 政务公开 hierarchy, unrelated columns, soft 404.
	nav := navFor(d)
	page := func(path, title, body string) {
		s.add(path, s.htmlPage(d, title, nav, body))
	}
	home := fmt.Sprintf(`<div class="banner"><h1>%s</h1></div>
<div class="news"><h2><a href="%sxwdt/">新闻动态</a></h2><ul>%s</ul></div>
<div class="gk"><h2><a href="%s">%s</a></h2><ul>
<li><a href="%s">%s</a></li><li><a href="%szcwj/">政策文件</a></li><li><a href="%srsxx/">人事信息</a></li></ul></div>
<div class="hd"><h2>互动交流</h2><ul><li><a href="%s">%s</a></li><li><a href="%szxft/">在线访谈</a></li></ul></div>`,
		html.EscapeString(d.SiteName), pre, s.newsItems(d), gkRoot(d), gkName(d), gkRoot(d), gkName(d), gkRoot(d), gkRoot(d),
		softPath(d), "领导信箱", pre)
	page(pre, d.SiteName, home)
	page(pre+"index.html", d.SiteName, home)
	switch d.Key {
	case "bs":
		page(pre+"xxgk/", "信息公开", links(pre, [][2]string{
			{"xxgk/xxgkzn/", "政府信息公开指南"}, {"xxgk/xxgkzd/", "政府信息公开制度"}, {"xxgk/zdxxlygk/", "重点信息领域公开"},
			{d.Column, d.ColumnName}, {"xxgk/xxgknb/", "政府信息公开年报"}}))
		page(pre+"xxgk/zdxxlygk/", "重点信息领域公开", links(pre, [][2]string{
			{"xxgk/zdxxlygk/czxx/", "财政信息"}, {"xxgk/zdxxlygk/zdxm/", "重大项目"}, {"xxgk/zdxxlygk/shjz/", "社会救助"}}))
		page(pre+"xxgk/zdxxlygk/czxx/", "财政信息", links(pre, [][2]string{{d.Column, d.ColumnName}, {"xxgk/zdxxlygk/czxx/zfcg/", "政府采购"}}))
		for _, p := range []string{"xxgk/xxgkzn/", "xxgk/xxgkzd/", "xxgk/xxgknb/", "xxgk/zdxxlygk/zdxm/", "xxgk/zdxxlygk/shjz/", "xxgk/zdxxlygk/czxx/zfcg/"} {
			page(pre+p, "暂无信息", `<p class="empty">暂无信息</p>`)
		}
	default:
		fd := "zwgk/zfxxgk/fdzdgknr/"
		if d.Key == "qs" {
			fd = "zwgk/fdzdgknr/"
		}
		page(pre+"zwgk/", "政务公开", links(pre, [][2]string{
			{"zwgk/zfxxgkzn/", "政府信息公开指南"}, {"zwgk/zfxxgkzd/", "政府信息公开制度"}, {fd, "法定主动公开内容"},
			{"zwgk/zfxxgknb/", "政府信息公开年报"}}))
		page(pre+fd, "法定主动公开内容", links(pre, [][2]string{
			{fd + "jgzn/", "机构职能"}, {fd + "ghjh/", "规划计划"}, {d.Column, d.ColumnName}, {fd + "zdxm/", "重大项目"}, {"zwgk/rsxx/", "人事信息"}}))
		for _, p := range []string{"zwgk/zfxxgkzn/", "zwgk/zfxxgkzd/", "zwgk/zfxxgknb/", fd + "jgzn/", fd + "ghjh/", fd + "zdxm/"} {
			page(pre+p, "暂无信息", `<p class="empty">暂无信息</p>`)
		}
	}
	for _, p := range []string{"zcwj/", "rsxx/", "zxft/", "zjdq/"} {
		if _, ok := s.files[pre+p]; !ok {
			page(pre+p, "暂无信息", `<p class="empty">暂无信息</p>`)
		}
	}
	if _, ok := s.files[pre+"zwgk/rsxx/"]; !ok {
		page(pre+"zwgk/rsxx/", "人事信息", `<p class="empty">暂无信息</p>`)
	}
	// Sibling columns linked from inside the disclosure list.
	for _, sib := range siblings(d) {
		s.add(col+sib[0], s.listPage(d, sib[1], nil, 1, 0, 0))
	}
	// The soft 404: a 200 page that says the page does not exist.
	s.add(softPath(d), s.encode(d, `<!DOCTYPE html><html><head>`+s.charsetMeta(d)+`<title>页面不存在</title></head>
<body><div class="error-page"><img src="/images/404.png" alt=""><p>对不起，您访问的页面不存在或已被删除！</p>
<p><a href="`+pre+`">返回首页</a></p></div></body></html>
`, http.StatusOK))
}

func gkRoot(d *district) string {
	if d.Key == "bs" {
		return "/bs/xxgk/"
	}
	return "/" + d.Key + "/zwgk/"
}

func gkName(d *district) string {
	if d.Key == "bs" {
		return "信息公开"
	}
	return "政务公开"
}

func softPath(d *district) string {
	return "/" + d.Key + "/hdjl/ldxx/"
}

// siblings are other columns linked from inside the disclosure list ul.
func siblings(d *district) [][2]string {
	return [][2]string{{"zfyjs/", "政府预决算"}, {"sgjf/", "“三公”经费"}}
}

func links(pre string, ls [][2]string) string {
	var b strings.Builder
	b.WriteString(`<ul class="column-list">` + "\n")
	for _, l := range ls {
		fmt.Fprintf(&b, "<li><a href=\"%s%s\">%s</a></li>\n", pre, l[0], html.EscapeString(l[1]))
	}
	b.WriteString("</ul>")
	return b.String()
}

func navFor(d *district) string {
	pre := "/" + d.Key + "/"
	return fmt.Sprintf(`<div class="nav"><ul>
<li><a href="%s">首页</a></li><li><a href="%szjdq/">走进%s</a></li><li><a href="%sxwdt/">新闻动态</a></li>
<li><a href="%s">%s</a></li><li><a href="%szcwj/">政策文件</a></li><li><a href="%s">互动交流</a></li>
</ul></div>`, pre, pre, d.County, pre, gkRoot(d), gkName(d), pre, softPath(d))
}

// newsItems builds the news column with a few unrelated articles and
// returns the home-page list items.
func (s *Site) newsItems(d *district) string {
	pre := "/" + d.Key + "/"
	news := []struct{ date, title, text string }{
		{"2024-03-05", d.County + "召开2024年第一季度经济运行分析会", "会议通报了一季度全" + d.Level + "主要经济指标完成情况，部署下一阶段重点工作。"},
		{"2024-05-16", d.County + "开展安全生产大检查", "检查组深入企业、学校和人员密集场所，督促落实安全生产主体责任。"},
		{"2024-09-10", d.County + "举行庆祝第四十个教师节表彰大会", "大会表彰了一批优秀教师和先进教育工作者。"},
	}
	var items, list strings.Builder
	for i, n := range news {
		t, _ := time.Parse("2006-01-02", n.date)
		p := fmt.Sprintf("%sxwdt/%s/t%s_%d.html", pre, t.Format("200601"), t.Format("20060102"), 2900000+i*37)
		s.add(p, s.htmlPage(d, n.title, navFor(d), fmt.Sprintf("<h1>%s</h1><div class=\"info\">发布日期：%s</div><div class=\"content\"><p>%s</p></div>",
			html.EscapeString(n.title), n.date, html.EscapeString(n.text))))
		fmt.Fprintf(&items, "<li><a href=\"%s\" title=\"%s\">%s</a><span>%s</span></li>", p, html.EscapeString(n.title), html.EscapeString(n.title), n.date)
		fmt.Fprintf(&list, "<li><a href=\"./%s/t%s_%d.html\" title=\"%s\">%s</a><span>%s</span></li>\n", t.Format("200601"), t.Format("20060102"), 2900000+i*37,
			html.EscapeString(n.title), html.EscapeString(n.title), n.date)
	}
	s.add(pre+"xwdt/", s.htmlPage(d, "新闻动态", navFor(d), "<ul class=\"list\">\n"+list.String()+"</ul>"))
	return items.String()
}

func (s *Site) charsetMeta(d *district) string {
	switch {
	case d.GBK && d.MetaEquiv:
		return `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`
	case d.GBK:
		return `<meta charset="gb2312">`
	default:
		return `<meta charset="utf-8">`
	}
}

// encode turns a page into bytes in the district's encoding. GBK pages are
// served as bare text/html: the charset is only in the meta tag.
func (s *Site) encode(d *district, page string, status int) resource {
	if !d.GBK {
		return resource{body: []byte(page), ctype: ctypeUTF8, status: status}
	}
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(page))
	if err != nil {
		panic("demoportal: page not encodable as GBK: " + err.Error())
	}
	return resource{body: b, ctype: ctypeHTML, status: status}
}

// htmlPage wraps body in the district's header and footer chrome.
func (s *Site) htmlPage(d *district, title, nav, body string) resource {
	return s.encode(d, s.chrome(d, title, "", nav, body), http.StatusOK)
}

func (s *Site) chrome(d *district, title, metas, nav, body string) string {
	return fmt.Sprintf(`<!DOCTYPE html>
<html>
<head>
%s
<title>%s_%s</title>
<meta name="SiteName" content="%s">
%s<link rel="stylesheet" href="/%s/images/style.css">
</head>
<body>
<div class="header"><div class="top">%s欢迎您！<a href="/%s/">首页</a> | <a href="#">无障碍浏览</a> | <a href="#">长者模式</a></div>
<div class="logo"><a href="/%s/">%s</a></div>
%s
</div>
<div class="main">
%s
</div>
<div class="footer"><p>主办单位：%s人民政府办公室　　地址：%s%s%s人民路1号</p>
<p>网站标识码：9999000000　　备案号：示例ICP备00000000号　　本站为 budgetfeed 生成的虚构演示站点</p></div>
</body>
</html>
`, s.charsetMeta(d), html.EscapeString(title), html.EscapeString(d.SiteName), html.EscapeString(d.SiteName), metas, d.Key,
		html.EscapeString(d.SiteName), d.Key, d.Key, html.EscapeString(d.SiteName), nav, body, d.County, d.Province, d.City, d.County)
}

// listFile is the name of list page i (0-based page index).
func listFile(d *district, i int) string {
	if d.Pager == pagerTRS1 {
		if i == 0 {
			return "index." + d.Ext
		}
		return fmt.Sprintf("index_%d.%s", i+1, d.Ext)
	}
	if i == 0 {
		return "index." + d.Ext
	}
	return fmt.Sprintf("index_%d.%s", i, d.Ext)
}

// pager is the inline script that is the only link between list pages.
func pager(d *district, pages, i, total int) string {
	switch d.Pager {
	case pagerCreatePage:
		return fmt.Sprintf(`<div class="page"><script language="javascript">createPage(%d, %d, "index", "%s");</script></div>`, pages, i, d.Ext)
	case pagerTRS1:
		return fmt.Sprintf(`<div class="page" id="page_div"></div><script type="text/javascript">createPageHTML('page_div', %d, %d, 'index', '%s', %d);</script>`, pages, i+1, d.Ext, total)
	default:
		return fmt.Sprintf(`<div class="page"><script>createPageHTML(%d, %d, "index", "%s");</script></div>`, pages, i, d.Ext)
	}
}

// buildLists writes the paged disclosure column.
func (s *Site) buildLists(d *district, docs []*docInfo) {
	col := "/" + d.Key + "/" + d.Column
	pages := (len(docs) + d.PerPage - 1) / d.PerPage
	for i := 0; i < pages; i++ {
		chunk := docs[i*d.PerPage : min(len(docs), (i+1)*d.PerPage)]
		r := s.listPage(d, d.ColumnName, chunk, pages, i, len(docs))
		s.add(col+listFile(d, i), r)
		if i == 0 {
			s.add(col, r)
		}
	}
}

func (s *Site) listPage(d *district, name string, docs []*docInfo, pages, i, total int) resource {
	col := "/" + d.Key + "/" + d.Column
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="position">当前位置：<a href="/%s/">首页</a> &gt; <a href="%s">%s</a> &gt; <span>%s</span></div>
<div class="left"><h3>%s</h3><ul><li><a href="%s">%s</a></li>`, d.Key, gkRoot(d), gkName(d), html.EscapeString(name), gkName(d), col, html.EscapeString(d.ColumnName))
	for _, sib := range siblings(d) {
		fmt.Fprintf(&b, `<li><a href="%s%s">%s</a></li>`, col, sib[0], html.EscapeString(sib[1]))
	}
	b.WriteString("</ul></div>\n<div class=\"right\">\n<ul class=\"list\">\n")
	if docs != nil {
		// Navigation to other columns mixed into the list.
		for _, sib := range siblings(d) {
			fmt.Fprintf(&b, "<li class=\"sub-column\"><a href=\"%s%s\">%s</a></li>\n", col, sib[0], html.EscapeString(sib[1]))
		}
	}
	for _, doc := range docs {
		text := doc.title
		if rs := []rune(text); d.TruncLen > 0 && len(rs) > d.TruncLen {
			text = string(rs[:d.TruncLen]) + "..."
		}
		rel := "." + strings.TrimPrefix(doc.path, strings.TrimSuffix(col, "/"))
		fmt.Fprintf(&b, "<li><a href=\"%s\" title=\"%s\" target=\"_blank\">%s</a><span>%s</span></li>\n",
			rel, html.EscapeString(doc.title), html.EscapeString(text), doc.pub.Format("2006-01-02"))
	}
	b.WriteString("</ul>\n")
	if docs == nil {
		b.WriteString(`<p class="empty">暂无信息</p>`)
		pages = 1
	}
	b.WriteString(pager(d, pages, i, total))
	b.WriteString("\n</div>")
	return s.encode(d, s.chrome(d, name, fmt.Sprintf("<meta name=\"ColumnName\" content=\"%s\">\n", html.EscapeString(name)), navFor(d), b.String()), http.StatusOK)
}

// Handler serves the whole site: every district, the root index and
// robots.txt. Unknown paths get a 404 page.
func (s *Site) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodGet && req.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		res, ok := s.files[req.URL.Path]
		if !ok {
			w.Header().Set("Content-Type", ctypeUTF8)
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, notFoundPage)
			return
		}
		w.Header().Set("Content-Type", res.ctype)
		w.Header().Set("Content-Length", fmt.Sprint(len(res.body)))
		w.WriteHeader(res.status)
		if req.Method != http.MethodHead {
			w.Write(res.body)
		}
	})
}

const notFoundPage = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>404 Not Found</title></head>
<body><h1>404</h1><p>抱歉，您访问的页面不存在。</p></body></html>
`

// HomeURLs returns the district home pages under the server base URL
// ("http://127.0.0.1:8080").
func (s *Site) HomeURLs(base string) []string {
	base = strings.TrimSuffix(base, "/")
	out := make([]string, len(s.homes))
	for i, h := range s.homes {
		out[i] = base + h
	}
	return out
}

// Truth returns what every disclosure states, in site order.
func (s *Site) Truth() []TruthDoc {
	out := make([]TruthDoc, len(s.truth))
	copy(out, s.truth)
	return out
}

// Disclosures returns every disclosure as a source hands it to the pipeline,
// without HTTP: the article page and its attachments under base (such as
// "http://bench.invalid"), captured at fetched, in site order. For
// measuring extraction and publishing apart from the crawler.
func (s *Site) Disclosures(base string, fetched time.Time) ([]schemas.Disclosure, error) {
	out := make([]schemas.Disclosure, 0, len(s.truth))
	for _, td := range s.truth {
		body, ok := s.Body(td.Path)
		if !ok {
			return nil, fmt.Errorf("demo portal: no body for %s", td.Path)
		}
		d := schemas.Disclosure{Source: "demo", Title: td.Title, PublishedAt: td.PublishedAt,
			Region: schemas.Region{Province: td.Province, City: td.City, County: td.County, Code: td.RegionCode},
			Page:   schemas.Capture{URL: base + td.Path, StatusCode: 200, Body: body, FetchedAt: fetched}}
		for _, ap := range td.Attachments {
			ab, ok := s.Body(ap)
			if !ok {
				return nil, fmt.Errorf("demo portal: no attachment %s (of %s)", ap, td.Path)
			}
			h := sha256.Sum256(ab)
			d.Attachments = append(d.Attachments, schemas.Capture{URL: base + ap, StatusCode: 200,
				Body: ab, FileName: ap, PayloadSHA256: hex.EncodeToString(h[:]), FetchedAt: fetched})
		}
		out = append(out, d)
	}
	return out, nil
}

// Paths lists every path the site serves with a 200 status, sorted.
func (s *Site) Paths() []string { return append([]string(nil), s.paths...) }

// Body returns the raw bytes served at path (GBK pages stay GBK).
func (s *Site) Body(path string) ([]byte, bool) {
	r, ok := s.files[path]
	return r.body, ok
}

// SoftNotFoundPaths lists the pages that answer 200 but say the page does
// not exist; a crawler must classify them as soft 404s.
func (s *Site) SoftNotFoundPaths() []string {
	var out []string
	for i := range districts {
		out = append(out, softPath(&districts[i]))
	}
	return out
}
