package mockportal

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// JSONAPI serves two 信息公开目录 list APIs: a gkmlpt-style
// /gkmlpt/api/all/<cat>?page=N&sid=755 with articles[] and attachment[], and a
// TRS govsearch JSONP /govsearch/jsonp/zf_list.jsp?page=N&callback=result
// answering "\r\nresult({...})" with <font> highlighting in titles.
//
// Both are reachable from the home page "/" without configuration: 政府信息公开
// links /gkmlpt/index, whose window._CONFIG (a JS literal: unquoted keys,
// single quotes, a function, trailing commas) gives SID and the category
// TREE (财政预决算 5, its child 部门决算 6 — one article cross-posted from 5 —
// and 政策文件 9, never listed); 信息公开目录 links /nax/gkml/index.html, whose
// script names the govsearch endpoint without page or callback.
type JSONAPI struct {
	*Portal
	// GkmlptList and GovsearchList are list URL templates with {page}
	// (GkmlptList is category 5).
	GkmlptList    string
	GovsearchList string
	// GkmlptArticles (category 5) and GovsearchArticles are the disclosure
	// paths each configured API must yield; GkmlptCat6Articles are the
	// further ones only category 6 lists.
	GkmlptArticles, GovsearchArticles, GkmlptCat6Articles []string
}

// NewJSONAPI starts the JSON API mock.
func NewJSONAPI() *JSONAPI {
	p := newPortal()
	j := &JSONAPI{Portal: p}
	html := "text/html; charset=utf-8"
	type att struct {
		Name string `json:"name"`
		URL  string `json:"url"`
	}
	type gk struct {
		ID         int    `json:"id"`
		Title      string `json:"title"`
		Date       int64  `json:"date"`
		URL        string `json:"url"`
		Attachment []att  `json:"attachment"`
	}
	var all []gk
	for i := 1; i <= 5; i++ {
		id := 10934300 + i
		title := fmt.Sprintf("区第%d局2026年部门预算", i)
		if i == 3 {
			title = "区政府常务会议纪要"
		}
		u := fmt.Sprintf("/gkmlpt/content/10/10934/post_%d.html", id)
		a := fmt.Sprintf("/attachment/0/542/542%03d/%d.pdf", i, 4361280+i)
		all = append(all, gk{ID: id, Title: title, Date: 1767225600 + int64(i)*86400, URL: u, Attachment: []att{{Name: title + "表.pdf", URL: a}}})
		if i == 3 {
			p.Expect.NeverFetched = append(p.Expect.NeverFetched, u)
			continue
		}
		// The body is JSON-embedded; the attachment is only in the API.
		p.static(u, html, []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>`+title+`</title></head><body><h1>`+title+`</h1><div id="app"></div><script>window._CONFIG={DETAIL:{content:"\u003Cp\u003E`+title+`，详见附件。\u003C/p\u003E"}};</script><p>`+title+`（正文由脚本呈现）</p></body></html>`))
		p.static(a, "application/octet-stream", fakePDF("gk-"+strconv.Itoa(i), 1600+i))
		p.disclose(u, a)
		p.Expect.FileNames[a] = title + "表.pdf"
		j.GkmlptArticles = append(j.GkmlptArticles, u)
	}
	// Category 6 (部门决算): two own articles plus one cross-posted from 5.
	cat6 := []gk{all[1]}
	for i := 1; i <= 2; i++ {
		id := 10935400 + i
		title := fmt.Sprintf("区第%d局2025年度部门决算", i)
		u := fmt.Sprintf("/gkmlpt/content/10/10935/post_%d.html", id)
		a := fmt.Sprintf("/attachment/0/543/543%03d/%d.xls", i, 4362280+i)
		cat6 = append(cat6, gk{ID: id, Title: title, Date: 1767225600 + int64(10+i)*86400, URL: u, Attachment: []att{{Name: title + ".xls", URL: a}}})
		p.static(u, html, []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>`+title+`</title></head><body><h1>`+title+`</h1><script>window._CONFIG={DETAIL:{content:"\u003Cp\u003E`+title+`。\u003C/p\u003E"}};</script></body></html>`))
		p.static(a, "application/vnd.ms-excel", fakeOLE("gk6-"+strconv.Itoa(i), 2100+i))
		p.disclose(u, a)
		p.Expect.FileNames[a] = title + ".xls"
		j.GkmlptCat6Articles = append(j.GkmlptCat6Articles, u)
	}
	cats := map[string][]gk{"5": all, "6": cat6, "9": {{ID: 1, Title: "政策文件", URL: "/gkmlpt/content/1/1/post_1.html"}}}
	p.Expect.NeverFetched = append(p.Expect.NeverFetched, "/gkmlpt/api/all/9", "/gkmlpt/content/1/1/post_1.html", "/xwdt/")
	for cat, list := range cats {
		p.handle("/gkmlpt/api/all/"+cat, func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Query().Get("sid") != "755" {
				http.Error(w, `{"error":"sid"}`, http.StatusForbidden)
				return
			}
			page, _ := strconv.Atoi(r.URL.Query().Get("page"))
			var arts []gk
			if page >= 1 {
				for i := (page - 1) * 3; i < page*3 && i < len(list); i++ {
					arts = append(arts, list[i])
				}
			}
			w.Header().Set("Content-Type", "application/json;charset=UTF-8")
			_ = json.NewEncoder(w).Encode(map[string]any{"classify": map[string]any{"post_count": len(list)}, "articles": arts})
		})
	}
	p.static("/", html, []byte(page("某区人民政府门户网站", `<a href="/xwdt/">新闻动态</a> <a href="/gkmlpt/index">政府信息公开</a> <a href="/nax/gkml/index.html">信息公开目录</a>`, `<meta charset="utf-8">`)))
	p.static("/xwdt/", html, []byte(page("新闻动态", `<p>新闻</p>`, `<meta charset="utf-8">`)))
	// The gkmlpt SPA shell: everything is in window._CONFIG.
	p.static("/gkmlpt/index", html, []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开</title>
<script>
  window._CONFIG = {
    SID: '755', // site id
    TITLE: '某区政府信息公开',
    render: function (a) { return a > 1 ? {x: 1} : [2]; },
    TREE: [
      {id: 1, name: '机构职能', parent: 0, children: []},
      {id: 4, name: "财政信息", parent: 0, children: [
        {id: 5, name: '\u8d22\u653f\u9884\u51b3\u7b97', parent: 4, jump_url: '', children: [
          {id: 6, name: '部门决算', parent: 5},
        ]},
      ]},
      {id: 9, name: '政策文件', parent: 0, children: null},
    ],
    DETAIL: null,
  };
</script></head><body><div id="app"></div><script src="/gkmlpt/static/app.js"></script></body></html>`))

	type gsItem struct {
		Title  string            `json:"title"`
		PubURL string            `json:"puburl"`
		Tip    map[string]string `json:"tip"`
	}
	var gs []gsItem
	for i := 1; i <= 4; i++ {
		u := fmt.Sprintf("/nax/jyj/202605/t202605%02d_34870%02d.html", 10+i, i)
		plain := fmt.Sprintf("农安县教育局%d号单位2026年部门预算公开（汇总、本级、二级单位）", i)
		title := strings.Replace(plain, "预算", "<font color=blue>预算</font>", 1) + " &amp; 说明"
		plain += " & 说明"
		gs = append(gs, gsItem{Title: title, PubURL: u, Tip: map[string]string{"dates": fmt.Sprintf("2026-05-%02d", 10+i)}})
		a := fmt.Sprintf("/nax/jyj/202605/P0202605%02d0001.pdf", 10+i)
		p.static(u, html, []byte(article(plain, fmt.Sprintf("2026-05-%02d", 10+i), `<p>详见附件。</p><a href="./`+a[strings.LastIndex(a, "/")+1:]+`">附件：部门预算.pdf</a>`)))
		p.static(a, "application/pdf", fakePDF("gs-"+strconv.Itoa(i), 1700+i))
		p.disclose(u, a)
		j.GovsearchArticles = append(j.GovsearchArticles, u)
	}
	p.handle("/govsearch/jsonp/zf_list.jsp", func(w http.ResponseWriter, r *http.Request) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		var items []gsItem
		if page >= 1 {
			for i := (page - 1) * 2; i < page*2 && i < len(gs); i++ {
				items = append(items, gs[i])
			}
		}
		for k := range items {
			items[k].PubURL = "http://" + r.Host + items[k].PubURL
		}
		b, _ := json.Marshal(map[string]any{"num": len(gs), "nPage": page, "data": items})
		w.Header().Set("Content-Type", "text/html;charset=UTF-8")
		cb := r.URL.Query().Get("callback")
		fmt.Fprintf(w, "\r\n%s(%s)", cb, b)
	})
	// A TRS 公开目录 page naming its JSONP endpoint in a script.
	p.static("/nax/gkml/index.html", html, []byte(page("信息公开目录", `<div id="list"></div>
<script type="text/javascript">
var listUrl = "/govsearch/jsonp/zf_list.jsp?lb=3487&searchYear=&searchYear=&channelId=3487";
function load(page) { $.ajax({url: listUrl + "&page=" + page, dataType: "jsonp", jsonpCallback: "result"}); }
load(1);
</script>`, `<meta charset="utf-8">`)))
	p.start()
	j.GkmlptList = p.srv.URL + "/gkmlpt/api/all/5?page={page}&sid=755"
	j.GovsearchList = p.srv.URL + "/govsearch/jsonp/zf_list.jsp?page={page}&lb=3487&searchYear=&searchYear=&channelId=3487&callback=result"
	return j
}
