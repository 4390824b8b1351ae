package mockportal

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// TRSOptions tune the TRS mock.
type TRSOptions struct {
	// BigAttachment is the size of the oversized attachment (default
	// 100 KiB; tests use a small MaxAttachmentBytes).
	BigAttachment int
	// Slow is how long the slow article stalls (default 3 s).
	Slow time.Duration
}

// TRS is a TRS WCM-style district portal discovered from its home page.
type TRS struct {
	*Portal
	// Elsewhere is a second server (another host:port) that the off-domain
	// redirect points to.
	Elsewhere *httptest.Server
}

// Close stops both servers.
func (t *TRS) Close() { t.Portal.Close(); t.Elsewhere.Close() }

func page(title, body string, metaCharset string) string {
	meta := ""
	if metaCharset != "" {
		meta = metaCharset + "\n"
	}
	return "<!DOCTYPE html>\n<html><head>" + meta + "<title>" + title + "</title></head><body>\n" + body + "\n</body></html>\n"
}

func li(href, title, date string) string {
	short := title
	if r := []rune(title); len(r) > 12 {
		short = string(r[:12]) + "..."
	}
	return fmt.Sprintf("<li><a href=\"%s\" title=\"%s\" target=\"_blank\">%s</a><span>%s</span></li>\n", href, title, short, date)
}

func article(title, date, body string) string {
	return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<meta name=\"ArticleTitle\" content=\"" + title + "\">\n<meta name=\"PubDate\" content=\"" + date + " 09:30\">\n<title>" + title + "</title></head><body>\n" +
		"<div class=\"crumb\"><a href=\"/\">首页</a> &gt; 财政预决算</div>\n<h1>" + title + "</h1>\n<div class=\"info\">发布日期：" + date + "</div>\n<div class=\"TRS_Editor\">" + body + "</div>\n</body></html>\n"
}

// NewTRS starts the TRS mock. Layout (depth from the home page):
//
//	/                       home: 政务公开 → /zwgk/ (新闻动态 is never followed)
//	/zwgk/                  法定主动公开内容 → /zwgk/fdzdgknr/
//	/zwgk/fdzdgknr/         财政预决算 (GBK, 0-based createPageHTML), 部门决算
//	                        (1-based 6-arg createPageHTML, .shtml), 乡镇预算
//	                        (createPage + list.html), a robots-fenced column and
//	                        a soft-404 column
//
// with every trap of portals.md on the articles and attachments.
func NewTRS(o TRSOptions) *TRS {
	if o.BigAttachment <= 0 {
		o.BigAttachment = 100 << 10
	}
	if o.Slow <= 0 {
		o.Slow = 3 * time.Second
	}
	p := newPortal()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(page("别处", "<p>另一个网站的2026年部门预算</p>", `<meta charset="utf-8">`)))
	}))
	t := &TRS{Portal: p, Elsewhere: other}
	E := &p.Expect
	const utf8Meta = `<meta charset="utf-8">`
	html := "text/html; charset=utf-8"

	p.static("/robots.txt", "text/plain", []byte("User-agent: *\nDisallow: /private/\n"))
	E.Outcomes["/robots.txt"] = schemas.OutcomeOK
	p.static("/", html, []byte(page("某区人民政府", `<ul class="nav"><li><a href="/">首页</a></li><li><a href="/news/">新闻动态</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/about.html">关于我们</a></li></ul>`, utf8Meta)))
	p.static("/news/", html, []byte(page("新闻动态", `<ul><li><a href="/news/202601/t20260101_9.html">区领导调研2026年预算编制工作</a></li></ul>`, utf8Meta)))
	E.NeverFetched = append(E.NeverFetched, "/news/", "/about.html")
	p.static("/zwgk/", html, []byte(page("政务公开", `<a href="/zwgk/fdzdgknr/">法定主动公开内容</a> <a href="/zwgk/gzdt/">工作动态</a>`, utf8Meta)))
	E.NeverFetched = append(E.NeverFetched, "/zwgk/gzdt/")
	p.static("/zwgk/fdzdgknr/", html, []byte(page("法定主动公开内容", `<ul>
<li><a href="/zwgk/fdzdgknr/czyjs/">财政预决算</a></li>
<li><a href="/zwgk/fdzdgknr/bmjs/">部门决算</a></li>
<li><a href="/zwgk/fdzdgknr/xzys/list.html">乡镇部门预算</a></li>
<li><a href="/private/ysgk/">预算公开（内部存档）</a></li>
<li><a href="/zwgk/old/">财政预决算（旧版）</a></li>
</ul>`, utf8Meta)))
	E.Outcomes["/private/ysgk/"] = schemas.OutcomeRobotsDisallowed
	p.static("/private/ysgk/", html, []byte(page("内部", li("./202601/t20260101_7001.html", "内部2026年部门预算", "2026-01-01"), utf8Meta)))
	E.NeverFetched = append(E.NeverFetched, "/private/ysgk/", "/private/ysgk/202601/t20260101_7001.html")
	p.static("/zwgk/old/", html, []byte(page("页面不存在", `<div class="err">对不起，您访问的页面不存在或已被删除！</div>`, utf8Meta)))
	E.Outcomes["/zwgk/old/"] = schemas.OutcomeSoft404

	// --- Column 1: GBK, charset only in <meta>, 0-based createPageHTML.
	col := "/zwgk/fdzdgknr/czyjs/"
	gbkMeta := `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`
	pager := func(cur int) string {
		return fmt.Sprintf(`<div class="page"><script>var countPage = 3; var currentPage = %d; createPageHTML(countPage, currentPage, "index", "html");</script></div>`, cur)
	}
	list0 := li("./202601/t20260110_1001.html", "区财政局2026年部门预算", "2026-01-10") +
		li("./202601/t20260111_1002.html", "区教育局2026年部门预算", "2026-01-11") +
		li("./202601/t20260112_1003.html", "区卫生健康委员会2026年部门预算", "2026-01-12") +
		li("./202601/t20260113_1004.html", "关于开展安全生产检查的通知", "2026-01-13") +
		li("./202601/t20260114_1005.html", "区民政局2026年部门预算", "2026-01-14") +
		li("./202601/t20260115_1006.html", "区水务局2026年部门预算", "2026-01-15") +
		`<li><a href="/zwgk/fdzdgknr/bmjs/">部门决算</a></li>`
	idx0 := GBK(page("财政预决算", "<ul class=\"list\">\n"+list0+"</ul>"+pager(0), gbkMeta))
	p.static(col, "text/html", idx0)
	p.static(col+"index.html", "text/html", idx0)
	list1 := li("./202601/t20260116_1007.html", "区住房和城乡建设局2026年部门预算", "2026-01-16") +
		li("./202601/t20260117_1008.html", "区城市管理局2026年部门预算", "2026-01-17") +
		li("./202601/t20260118_1009.html", "区文化和旅游局2026年部门预算", "2026-01-18") +
		li("./202601/t20260119_1010.html", "区科学技术局2026年部门预算", "2026-01-19") +
		li("./202601/t20260120_1011.html", "区司法局2026年部门预算", "2026-01-20")
	// E2: content="charset=gbk" without a media type.
	p.static(col+"index_1.html", "text/html", GBK(page("财政预决算", "<ul class=\"list\">\n"+list1+"</ul>"+pager(1), `<meta http-equiv="Content-Type" content="charset=gbk">`)))
	list2 := li("./202601/t20260121_1012.html", "区审计局2026年部门预算", "2026-01-21") +
		li("./202601/t20260122_1013.html", "区统计局2026年部门预算", "2026-01-22") +
		li("./202601/t20260123_1014.html", "区人力资源和社会保障局2026年部门预算", "2026-01-23") +
		li("./202601/t20260124_1015.html", "区财政局2026年部门预算（转载）", "2026-01-24")
	p.static(col+"index_2.html", "text/html", GBK(page("财政预决算", "<ul class=\"list\">\n"+list2+"</ul>"+pager(2), gbkMeta)))
	E.NeverFetched = append(E.NeverFetched, col+"index_3.html", col+"202601/t20260113_1004.html")
	d := col + "202601/"

	// 1001: GBK article (meta only); F1 relative link twice (F10) + F2 link
	// only inside a script string.
	a1001 := GBK(strings.Replace(article("区财政局2026年部门预算", "2026-01-10",
		`<p>根据预算法，现将区财政局2026年部门预算公开如下，详见附件。</p>
<p><a href="./P020260110001.xls">附件1：区财政局2026年部门预算表.xls</a></p>
<p>表格下载：<a href="./P020260110001.xls">点此下载</a></p>
<script>var file_appendix='<a href="./P020260110002.pdf">附件2：区财政局2026年部门预算情况说明.pdf</a>';if(file_appendix!=""){document.write(file_appendix);}</script>`),
		`<meta charset="utf-8">`, gbkMeta, 1))
	p.static(d+"t20260110_1001.html", "text/html", a1001)
	p.static(d+"P020260110001.xls", "application/vnd.ms-excel", fakeOLE("1001-xls", 4096))
	p.static(d+"P020260110002.pdf", "application/octet-stream", fakePDF("1001-pdf", 3000))
	p.disclose(d+"t20260110_1001.html", d+"P020260110001.xls", d+"P020260110002.pdf")
	E.FileNames[d+"P020260110001.xls"] = "区财政局2026年部门预算表.xls"
	E.FileNames[d+"P020260110002.pdf"] = "区财政局2026年部门预算情况说明.pdf"
	// 1015: the same page mirrored under another URL → duplicate by content.
	p.static(d+"t20260124_1015.html", "text/html", a1001)
	E.Outcomes[d+"t20260124_1015.html"] = schemas.OutcomeDuplicate

	// 1002: onclick window.open, a pdf.js viewer iframe, an <embed>.
	p.static(d+"t20260111_1002.html", html, []byte(article("区教育局2026年部门预算", "2026-01-11",
		`<p>区教育局2026年部门预算。</p>
<p><span class="fj" onclick="window.open('./P020260111003.pdf')">部门预算公开表.pdf</span></p>
<iframe src="/pdfjs/web/viewer.html?file=/zwgk/fdzdgknr/czyjs/202601/P020260111004.pdf" width="100%"></iframe>
<embed src="./P020260111005.ofd" type="application/ofd">`)))
	p.static(d+"P020260111003.pdf", "application/pdf", fakePDF("1002-a", 2000))
	p.static(d+"P020260111004.pdf", "application/pdf", fakePDF("1002-b", 2100))
	p.static(d+"P020260111005.ofd", "application/ofd", fakeZip("1002-ofd", 1500))
	p.disclose(d+"t20260111_1002.html", d+"P020260111003.pdf", d+"P020260111004.pdf", d+"P020260111005.ofd")

	// 1003: Content-Disposition in four GBK/UTF-8 forms on opaque URLs, a
	// .pdf answering HTML, an oversized zip, unclosed <a>.
	p.static(d+"t20260112_1003.html", html, []byte(article("区卫生健康委员会2026年部门预算", "2026-01-12",
		`<p>附件：</p>
<a href="/download.do?iid=1">附件1
<a href="/download.do?iid=2">附件2</a>
<a href="/download.do?iid=3">附件3</a>
<a href="/download.do?iid=4">附件4</a>
<a href="./P020260112009.pdf">附件5：收支总表.pdf</a>
<a href="./P020260112010.zip">附件6：全部表格.zip</a>`)))
	cd := map[string]string{
		"1": "attachment; filename=\"" + string(GBK("卫健委收入支出决算总表.xls")) + "\"",
		"2": "attachment; filename=" + string(GBK("卫健委财政拨款收支总表.xlsx")),
		"3": "attachment; filename=\"2026%E5%B9%B4%E9%A2%84%E7%AE%97%E8%AF%B4%E6%98%8E.pdf\"",
		"4": "attachment; filename*=GBK''" + pctEncode(GBK("三公经费预算表.pdf")),
	}
	names := map[string]string{"1": "卫健委收入支出决算总表.xls", "2": "卫健委财政拨款收支总表.xlsx", "3": "2026年预算说明.pdf", "4": "三公经费预算表.pdf"}
	p.handle("/download.do", func(w http.ResponseWriter, r *http.Request) {
		iid := r.URL.Query().Get("iid")
		v, ok := cd[iid]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header()["Content-Disposition"] = []string{v}
		_, _ = w.Write(fakeOLE("1003-"+iid, 1024+len(iid)))
	})
	for i := 1; i <= 4; i++ {
		k := fmt.Sprintf("/download.do?iid=%d", i)
		E.FileNames[k] = names[fmt.Sprint(i)]
	}
	p.static(d+"P020260112009.pdf", html, []byte(page("错误", "<p>文件已删除或不存在</p><a href=\"/\">返回首页</a>", utf8Meta)))
	E.Outcomes[d+"P020260112009.pdf"] = schemas.OutcomeSoft404
	p.static(d+"P020260112010.zip", "application/zip", fakeZip("1003-big", o.BigAttachment))
	E.Outcomes[d+"P020260112010.zip"] = schemas.OutcomeTooLarge
	p.disclose(d+"t20260112_1003.html", "/download.do?iid=1", "/download.do?iid=2", "/download.do?iid=3", "/download.do?iid=4")

	// 1005: soft 404 (200 with 页面不存在).
	p.static(d+"t20260114_1005.html", html, []byte(page("提示信息", "<p>抱歉，您访问的页面不存在！</p>", utf8Meta)))
	E.Outcomes[d+"t20260114_1005.html"] = schemas.OutcomeSoft404
	// 1006: Ruishu 412 with $_ts and r='m'.
	p.handle(d+"t20260115_1006.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Add("Set-Cookie", "FSSBBIl1UgzbN7NS=5abc; Path=/")
		w.WriteHeader(412)
		_, _ = w.Write([]byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta id="9DhefwqGPrzGxEp9hPaoag" content="xyz" r='m'><script type="text/javascript" r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=12345;</script><script type="text/javascript" charset="utf-8" src="/4QbVtADbnLVIc/c.FxJzG50F.dfe1675.js" r='m'></script></head><body></body></html><script>(function(){ })();</script>`))
	})
	E.Outcomes[d+"t20260115_1006.html"] = schemas.OutcomeChallenge

	// 1007: Jiasule 521.
	p.handle(d+"t20260116_1007.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("X-Via-JSL", "abc,-")
		w.Header().Add("Set-Cookie", "__jsluid_h=0123456789abcdef; Path=/")
		w.WriteHeader(521)
		_, _ = w.Write([]byte(`<script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')+('r')+('a')+('n')+('c')+('e')+('=1700000000.1|0|x');location.href=location.pathname+location.search</script>`))
	})
	E.Outcomes[d+"t20260116_1007.html"] = schemas.OutcomeChallenge
	// 1008: 200 title-only shell.
	p.static(d+"t20260117_1008.html", html, []byte(`<!DOCTYPE html><html><head><title>区城市管理局2026年部门预算</title><script src="/static/app.8f3a.js"></script></head><body><div id="app"></div><script>window.__INIT__=1;</script></body></html>`))
	E.Outcomes[d+"t20260117_1008.html"] = schemas.OutcomeChallenge
	// 1009: redirect to another host.
	p.handle(d+"t20260118_1009.html", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/zwgk/t20260118_1009.html", http.StatusFound)
	})
	E.Outcomes[d+"t20260118_1009.html"] = schemas.OutcomeOffDomainRedirect
	// 1010: 429 with Retry-After once, then fine.
	var mu sync.Mutex
	count := map[string]int{}
	bump := func(k string) int { mu.Lock(); defer mu.Unlock(); count[k]++; return count[k] }
	a1010 := []byte(article("区科学技术局2026年部门预算", "2026-01-19", `<p>详见附件。</p><a href="./P020260119001.xlsx">区科学技术局2026年部门预算.xlsx</a>`))
	p.handle(d+"t20260119_1010.html", func(w http.ResponseWriter, r *http.Request) {
		if bump("1010")%2 == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.Header().Set("Content-Type", html)
		_, _ = w.Write(a1010)
	})
	p.static(d+"P020260119001.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fakeZip("1010-xlsx", 2048))
	p.disclose(d+"t20260119_1010.html", d+"P020260119001.xlsx")
	// 1011: a 5xx burst (503, 500) then fine; header says utf-8, body is GBK (E3).
	a1011 := GBK(strings.Replace(article("区司法局2026年部门预算", "2026-01-20", `<p>区司法局2026年部门预算公开，详见附件。</p><a href="./P020260120001.pdf">附件：区司法局2026年部门预算.pdf</a>`), `<meta charset="utf-8">`, gbkMeta, 1))
	p.handle(d+"t20260120_1011.html", func(w http.ResponseWriter, r *http.Request) {
		switch bump("1011") % 3 {
		case 1:
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		case 2:
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(a1011)
	})
	p.static(d+"P020260120001.pdf", "application/pdf", fakePDF("1011", 2500))
	p.disclose(d+"t20260120_1011.html", d+"P020260120001.pdf")
	// 1012: slow.
	p.handle(d+"t20260121_1012.html", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(o.Slow):
		case <-r.Context().Done():
			return
		}
		_, _ = w.Write([]byte(article("区审计局2026年部门预算", "2026-01-21", "<p>慢</p>")))
	})
	E.Outcomes[d+"t20260121_1012.html"] = schemas.OutcomeTimeout
	// 1013: cookie-replay gate: 302 to itself with Set-Cookie.
	a1013 := []byte(article("区统计局2026年部门预算", "2026-01-22", `<p>区统计局2026年部门预算。</p><a href="./P020260122001.docx">附件1：区统计局2026年部门预算.docx</a>`))
	p.handle(d+"t20260122_1013.html", func(w http.ResponseWriter, r *http.Request) {
		if c, err := r.Cookie("gate"); err != nil || c.Value != "ok" {
			http.SetCookie(w, &http.Cookie{Name: "gate", Value: "ok", Path: "/"})
			http.Redirect(w, r, r.URL.Path, http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", html)
		_, _ = w.Write(a1013)
	})
	p.static(d+"P020260122001.docx", "application/octet-stream", fakeZip("1013-docx", 1800))
	p.disclose(d+"t20260122_1013.html", d+"P020260122001.docx")
	E.FileNames[d+"P020260122001.docx"] = "区统计局2026年部门预算.docx"
	// 1014: soft 404 by JS redirect to the home page.
	p.static(d+"t20260123_1014.html", html, []byte(`<html><head><title></title></head><body><script>window.location.href="/";</script></body></html>`))
	E.Outcomes[d+"t20260123_1014.html"] = schemas.OutcomeSoft404

	// --- Column 2: UTF-8, 1-based six-argument createPageHTML, .shtml.
	bm := "/zwgk/fdzdgknr/bmjs/"
	bmPager := func(cur int) string {
		return fmt.Sprintf(`<div id="page_div"></div><script>createPageHTML('page_div', 2, %d, 'index', 'shtml', 3);</script>`, cur)
	}
	bm1 := page("部门决算", "<ul>\n"+li("./202607/t20260701_2001.shtml", "区财政局2025年度部门决算", "2026-07-01")+
		li("../czyjs/202601/t20260110_1001.html", "区财政局2026年部门预算", "2026-01-10")+"</ul>"+bmPager(1), utf8Meta)
	p.static(bm, html, []byte(bm1))
	p.static(bm+"index.shtml", html, []byte(bm1))
	p.static(bm+"index_2.shtml", html, []byte(page("部门决算", "<ul>\n"+li("./202607/t20260702_2002.shtml", "区教育局2025年度部门决算", "2026-07-02")+"</ul>"+bmPager(2), utf8Meta)))
	E.NeverFetched = append(E.NeverFetched, bm+"index_1.shtml", bm+"index_3.shtml")
	p.static(bm+"202607/t20260701_2001.shtml", html, []byte(article("区财政局2025年度部门决算", "2026-07-01", `<p>决算。</p><a href="./W020260701001.pdf">附件：区财政局2025年度部门决算.pdf</a>`)))
	p.static(bm+"202607/W020260701001.pdf", "application/pdf", fakePDF("2001", 2200))
	p.disclose(bm+"202607/t20260701_2001.shtml", bm+"202607/W020260701001.pdf")
	p.static(bm+"202607/t20260702_2002.shtml", html, []byte(article("区教育局2025年度部门决算", "2026-07-02", `<p>决算。</p><a href="./P020260702001.DOC">附件：区教育局2025年度部门决算.DOC</a>`)))
	p.static(bm+"202607/P020260702001.DOC", "application/msword", fakeOLE("2002", 3000))
	p.disclose(bm+"202607/t20260702_2002.shtml", bm+"202607/P020260702001.DOC")

	// --- Column 3: createPage(...) with a list.html base name.
	xz := "/zwgk/fdzdgknr/xzys/"
	p.static(xz+"list.html", html, []byte(page("乡镇部门预算", "<ul><li>本栏目按乡镇公开</li></ul><script>createPage(2, 0, \"list\", \"html\");</script>", utf8Meta)))
	p.static(xz+"list_1.html", html, []byte(page("乡镇部门预算", "<ul>\n"+li("./202603/t20260301_3001.html", "城关镇2026年部门预算", "2026-03-01")+"</ul><script>createPage(2, 1, \"list\", \"html\");</script>", utf8Meta)))
	p.static(xz+"202603/t20260301_3001.html", html, []byte(article("城关镇2026年部门预算", "2026-03-01", `<p>城关镇。</p><a href="/uploadfile/2026/%E5%9F%8E%E5%85%B3%E9%95%87%E9%A2%84%E7%AE%97.pdf20260301101010.pdf?sid=9f">城关镇2026年部门预算.pdf</a>`)))
	p.static("/uploadfile/2026/城关镇预算.pdf20260301101010.pdf", "application/pdf", fakePDF("3001", 1900))
	p.disclose(xz+"202603/t20260301_3001.html", "/uploadfile/2026/%E5%9F%8E%E5%85%B3%E9%95%87%E9%A2%84%E7%AE%97.pdf20260301101010.pdf?sid=9f")

	return t.start()
}

func (t *TRS) start() *TRS { t.Portal.start(); return t }

func pctEncode(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		fmt.Fprintf(&s, "%%%02X", c)
	}
	return s.String()
}
