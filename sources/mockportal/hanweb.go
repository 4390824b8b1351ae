package mockportal

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// Hanweb is a Hanweb JCMS-style column: page 1 embedded as an XML datastore,
// further records only via POST /module/web/jpage/dataproxy.jsp with the
// jpage form fields and a Referer (anything else gets an empty datastore),
// attachments via downfile.jsp that 302s to /attach/.
type Hanweb struct {
	*Portal
	// Column is the column page path.
	Column string
	// ProxyCalls counts accepted dataproxy requests; BadProxyCalls those
	// answered with the empty datastore because they were not what the
	// portal accepts (nextgroup build: unsigned or computed ranges).
	ProxyCalls, BadProxyCalls func() int
	// EndLink is the path+query of the link after the last group
	// (nextgroup build), answered with the empty datastore.
	EndLink string
}

const (
	hanwebCol     = "123"
	hanwebUnit    = "4567"
	hanwebWeb     = "7"
	hanwebPerPage = 5
	hanwebGroup   = 3
)

// NewHanweb starts a Hanweb mock with total records in one column; every
// fourth record is not a budget item.
func NewHanweb(total int) *Hanweb { return newHanweb(total, false) }

// NewHanwebNextgroup starts a newer-build Hanweb mock: columnid/unitid are
// encrypted blobs, the column page embeds the first group (perpage ×
// groupsize records) and a <nextgroup> link; each dataproxy answer carries
// the signed link of the following group, and the link after the last
// group answers a ~50-byte empty datastore. Computed startrecord/endrecord
// requests cannot be signed and get the empty answer too (counted by
// BadProxyCalls).
func NewHanwebNextgroup(total int) *Hanweb { return newHanweb(total, true) }

const (
	hanwebEncCol  = "a2Y3NjQ5ZGIxYzQ4YjM="
	hanwebEncUnit = "Zjk4MGE3MmQ5MQ=="
	hanwebEmpty   = "<datastore>\n<recordset>\n</recordset>\n</datastore>\n"
)

// hanwebSign is the per-group token of the encrypted build.
func hanwebSign(group int) string { return fmt.Sprintf("%08x", uint32(group)*2654435761) }

func newHanweb(total int, nextgroup bool) *Hanweb {
	if total <= 0 {
		total = 23
	}
	p := newPortal()
	h := &Hanweb{Portal: p, Column: "/col/col" + hanwebCol + "/index.html"}
	E := &p.Expect
	html := "text/html; charset=utf-8"
	p.static("/robots.txt", "text/plain", []byte("User-agent: *\nDisallow: /module/search/\n"))
	records := make([]string, 0, total)
	for i := 1; i <= total; i++ {
		day := (i-1)%28 + 1
		art := fmt.Sprintf("/art/2026/3/%d/art_%s_%d.html", day, hanwebCol, 5000+i)
		title := fmt.Sprintf("第%d单位2026年部门预算公开", i)
		if i%4 == 0 {
			title = fmt.Sprintf("关于第%d期业务培训的通知", i)
			E.NeverFetched = append(E.NeverFetched, art)
		}
		// Dates split across lines, as some Hanweb templates emit them.
		records = append(records, fmt.Sprintf("<li class=\"cf\"><a href='%s' title='%s' target='_blank'>%s</a><span class=\"time\">2026-\n03-\n%02d</span></li>", art, title, title, day))
		if i%4 == 0 {
			continue
		}
		hex := fmt.Sprintf("%032x", 0xabc000+i)
		dl := "/module/download/downfile.jsp?classid=0&filename=" + hex + ".pdf"
		p.static(art, html, []byte(article(title, fmt.Sprintf("2026-03-%02d", day),
			fmt.Sprintf(`<meta name="ContentStart"><div id="zoom"><p>%s，详见附件。</p><p><a href="%s">%s部门预算.pdf</a></p></div><meta name="ContentEnd">`, title, dl, fmt.Sprintf("第%d单位", i)))))
		p.static("/attach/0/"+hex+".pdf", "application/pdf", fakePDF("hanweb-"+strconv.Itoa(i), 1500+i))
		p.disclose(art, dl)
		E.FileNames[dl] = fmt.Sprintf("第%d单位部门预算.pdf", i)
	}
	p.handle("/module/download/downfile.jsp", func(w http.ResponseWriter, r *http.Request) {
		fn := r.URL.Query().Get("filename")
		if fn == "" || strings.ContainsAny(fn, "/\\") {
			http.NotFound(w, r)
			return
		}
		http.Redirect(w, r, "/attach/0/"+fn, http.StatusFound)
	})
	step := hanwebPerPage * hanwebGroup
	groups := (total + step - 1) / step
	groupLink := func(g int) string {
		return fmt.Sprintf("/module/web/jpage/dataproxy.jsp?page=%d&appid=1&webid=%s&path=/&columnid=%s&unitid=%s&permissiontype=0&sign=%s",
			g, hanwebWeb, hanwebEncCol, hanwebEncUnit, hanwebSign(g))
	}
	h.EndLink = groupLink(groups + 1)
	ds := func(recs []string, next int) string {
		var b strings.Builder
		if nextgroup {
			// HTML-escaped inside CDATA, as the real builds emit it.
			fmt.Fprintf(&b, "<datastore>\n<nextgroup><![CDATA[<a href=\"%s\"></a>]]></nextgroup>\n<recordset>\n", strings.ReplaceAll(groupLink(next), "&", "&amp;"))
		} else {
			fmt.Fprintf(&b, "<datastore>\n<nextgroup><![CDATA[<a href=\"/module/web/jpage/dataproxy.jsp?page=1&webid=%s&path=/&columnid=%s&unitid=%s\"></a>]]></nextgroup>\n<recordset>\n", hanwebWeb, hanwebCol, hanwebUnit)
		}
		for _, r := range recs {
			b.WriteString("<record><![CDATA[\n" + r + "\n]]></record>\n")
		}
		b.WriteString("</recordset>\n</datastore>")
		return b.String()
	}
	first := records[:min(hanwebPerPage, len(records))]
	colID, unitID := hanwebCol, "'"+hanwebUnit+"'"
	if nextgroup {
		first = records[:min(step, len(records))]
		colID, unitID = "'"+hanwebEncCol+"'", "'"+hanwebEncUnit+"'"
	}
	colPage := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>区直部门和直属单位预算</title></head><body>
<div class="crumb"><a href="/">首页</a></div>
<div id="div` + hanwebCol + `"><script type="text/xml">` + ds(first, 2) + `</script></div>
<script language="javascript" src="/module/jslib/jquery/jpage/jquery.jpage.js"></script>
<script>$('#div` + hanwebCol + `').jpage({dataStore:'',proxyUrl:'/module/web/jpage/dataproxy.jsp',perPage:` + strconv.Itoa(hanwebPerPage) + `,groupSize:` + strconv.Itoa(hanwebGroup) + `,totalRecord:` + strconv.Itoa(total) + `,
ajaxParam:{col:1,appid:1,webid:` + hanwebWeb + `,path:'/',columnid:` + colID + `,sourceContentType:1,unitid:` + unitID + `,webname:'%E6%9F%90%E5%8C%BA%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C',permissiontype:0}});</script>
</body></html>`
	p.static(h.Column, html, []byte(colPage))
	p.static("/", html, []byte(page("某区人民政府", `<a href="/col/col100/index.html">政务公开</a>`, `<meta charset="utf-8">`)))
	p.static("/col/col100/index.html", html, []byte(page("政务公开", `<a href="`+h.Column+`">区直部门和直属单位预算</a> <a href="/col/col200/index.html">部门决算公开</a>`, `<meta charset="utf-8">`)))
	calls, bad := 0, 0
	h.ProxyCalls = func() int { p.mu.Lock(); defer p.mu.Unlock(); return calls }
	h.BadProxyCalls = func() int { p.mu.Lock(); defer p.mu.Unlock(); return bad }
	p.handle("/module/web/jpage/dataproxy.jsp", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
		if nextgroup {
			q := r.URL.Query()
			g, _ := strconv.Atoi(q.Get("page"))
			if g < 1 || q.Get("sign") != hanwebSign(g) || q.Get("columnid") != hanwebEncCol || q.Get("unitid") != hanwebEncUnit ||
				!strings.Contains(r.Referer(), "/col/col"+hanwebCol+"/") {
				p.mu.Lock()
				bad++
				p.mu.Unlock()
				_, _ = w.Write([]byte(hanwebEmpty))
				return
			}
			if g > groups {
				_, _ = w.Write([]byte(hanwebEmpty)) // the end, not an error
				return
			}
			p.mu.Lock()
			calls++
			p.mu.Unlock()
			recs := records[(g-1)*step : min(g*step, len(records))]
			fmt.Fprintf(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>%s", ds(recs, g+1))
			return
		}
		ok := r.Method == http.MethodPost && r.ParseForm() == nil &&
			r.PostForm.Get("columnid") == hanwebCol && r.PostForm.Get("unitid") == hanwebUnit &&
			r.PostForm.Get("webid") == hanwebWeb && r.PostForm.Get("webname") == "某区人民政府" &&
			strings.Contains(r.Referer(), "/col/col"+hanwebCol+"/")
		if !ok {
			// Like the real thing: a 54-byte empty answer, no error.
			_, _ = w.Write([]byte("<datastore><recordset></recordset></datastore>"))
			return
		}
		start, _ := strconv.Atoi(r.URL.Query().Get("startrecord"))
		end, _ := strconv.Atoi(r.URL.Query().Get("endrecord"))
		if start < 1 || end < start {
			http.Error(w, "bad range", http.StatusBadRequest)
			return
		}
		p.mu.Lock()
		calls++
		p.mu.Unlock()
		var recs []string
		for i := start; i <= end && i <= len(records); i++ {
			recs = append(recs, records[i-1])
		}
		fmt.Fprintf(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><datastore><totalrecord>%d</totalrecord><totalpage>%d</totalpage>%s</datastore>",
			total, (total+hanwebPerPage-1)/hanwebPerPage, strings.TrimPrefix(strings.TrimSuffix(ds(recs, 0), "</datastore>"), "<datastore>"))
	})
	// Column 200 has a 404 (a trap link from the hop page).
	E.Outcomes["/col/col200/index.html"] = schemas.OutcomeNotFound
	p.start()
	return h
}
