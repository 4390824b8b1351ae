package crawl

import (
	"html"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

var (
	// Article URL shapes: TRS ./YYYYMM/tYYYYMMDD_<id>.html, Hanweb
	// /art/Y/M/D/art_<col>_<id>.html, gkmlpt post_<id>.html, and CMS
	// content_<id> / numeric detail pages.
	reArticle = regexp.MustCompile(`(?i)(/t\d{8}_[^/]+\.s?html?$|/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html$|/m?post_\d+\.html$|/content_\d+\.s?html?$|/\d{6,}\.s?html?$|/art_\d+_\d+\.html$)`)
	rePager   = regexp.MustCompile(`(?i)/(index|list)_\d+\.s?html?$`)
	reAttExt  = regexp.MustCompile(`(?i)\.(pdf|xlsx?|docx?|wps|et|ofd|zip|rar|7z|csv|txt)(?:$|[?#&])`)
	reAttPath = regexp.MustCompile(`(?i)(/module/download/downfile\.jsp|/download\.do|/attach/|/attachment/|/uploadfile/|/DFS//|/P0\d{10,}|/W0\d{10,})`)
	reDate    = regexp.MustCompile(`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})`)
	reURLDate = regexp.MustCompile(`/t(\d{4})(\d{2})(\d{2})_`)
	reArtDate = regexp.MustCompile(`/art/(\d{4})/(\d{1,2})/(\d{1,2})/`)
	// Script-string and attribute link forms.
	reScriptHref = regexp.MustCompile(`(?i)(?:href|src)\s*=\s*\\?["']([^"'\\]+)\\?["']`)
	reQuotedURL  = regexp.MustCompile(`["']([^"'\s<>]+\.(?:pdf|xlsx?|docx?|wps|et|ofd|zip|rar)(?:\?[^"'\s<>]*)?)["']`)
	reOpen       = regexp.MustCompile(`(?i)(?:window\.open|location\.href\s*=|location\.assign|location\.replace)\s*\(?\s*['"]([^'"]+)['"]`)
	reAnchorName = regexp.MustCompile(`^\s*(?:附件\s*[0-9０-９一二三四五六七八九十]*\s*[：:、.．]?\s*)`)
	reSpaces     = regexp.MustCompile(`\s+`)
)

func normSpace(s string) string { return strings.TrimSpace(reSpaces.ReplaceAllString(s, " ")) }

func isArticleURL(u *url.URL) bool {
	return reArticle.MatchString(u.Path) && !rePager.MatchString(u.Path)
}

func isAttachmentExt(ext string) bool {
	return reAttExt.MatchString(ext)
}

// isAttachmentURL: a file extension anywhere in the path or in a query
// value (double extensions, downfile.jsp?filename=x.pdf), or a known
// download endpoint.
func isAttachmentURL(u *url.URL) bool {
	if reAttExt.MatchString(u.Path) || reAttPath.MatchString(u.Path) {
		return true
	}
	for _, vs := range u.Query() {
		for _, v := range vs {
			if reAttExt.MatchString(v) && !strings.Contains(v, "/") {
				return true
			}
		}
	}
	return false
}

func resolve(base *url.URL, ref string) *url.URL {
	ref = strings.TrimSpace(html.UnescapeString(ref))
	if ref == "" || strings.HasPrefix(ref, "#") || strings.HasPrefix(strings.ToLower(ref), "javascript:") || strings.HasPrefix(strings.ToLower(ref), "mailto:") {
		return nil
	}
	if base == nil {
		u, err := url.Parse(ref)
		if err != nil {
			return nil
		}
		return u
	}
	u, err := base.Parse(ref)
	if err != nil {
		return nil
	}
	u.Fragment = ""
	return u
}

// anchorTitle prefers the full title= over a truncated link text.
func anchorTitle(a *goquery.Selection) string {
	t := normSpace(a.AttrOr("title", ""))
	txt := normSpace(a.Text())
	if t == "" {
		return txt
	}
	return t
}

// listItems returns article links on a list page. strict=false (discovery
// pages) accepts only recognised article URL shapes; strict=true (a known
// column) also accepts .html files below the column directory.
func listItems(doc *goquery.Document, base *url.URL, column bool) []item {
	var out []item
	seen := map[string]bool{}
	baseDir := ""
	if base != nil {
		baseDir = path.Dir(base.Path + "x")
	}
	doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		u := resolve(base, a.AttrOr("href", ""))
		if u == nil || isAttachmentURL(u) {
			return
		}
		ok := isArticleURL(u)
		if !ok && column && base != nil && u.Host == base.Host {
			ext := strings.ToLower(path.Ext(u.Path))
			name := strings.ToLower(path.Base(u.Path))
			ok = (ext == ".html" || ext == ".htm" || ext == ".shtml") && !rePager.MatchString(u.Path) &&
				!strings.HasPrefix(name, "index.") && !strings.HasPrefix(name, "list.") &&
				strings.HasPrefix(u.Path, baseDir+"/") && a.Closest("li,tr").Length() > 0
		}
		if !ok {
			return
		}
		k := u.String()
		if seen[k] {
			return
		}
		seen[k] = true
		it := item{URL: k, Title: anchorTitle(a)}
		ctx := a.Closest("li,tr")
		if ctx.Length() > 0 {
			if m := reDate.FindStringSubmatch(strings.Join(strings.Fields(ctx.Text()), "")); m != nil {
				it.Published = mkDate(m[1], m[2], m[3])
			}
		}
		if it.Published.IsZero() {
			it.Published = dateFromURL(k)
		}
		out = append(out, it)
	})
	return out
}

func mkDate(y, m, d string) time.Time {
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	if yi < 1990 || yi > 2100 || mi < 1 || mi > 12 || di < 1 || di > 31 {
		return time.Time{}
	}
	return time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
}

func dateFromURL(u string) time.Time {
	if m := reURLDate.FindStringSubmatch(u); m != nil {
		return mkDate(m[1], m[2], m[3])
	}
	if m := reArtDate.FindStringSubmatch(u); m != nil {
		return mkDate(m[1], m[2], m[3])
	}
	return time.Time{}
}

var (
	rePagerCall = regexp.MustCompile(`createPage(?:HTML)?\s*\(([^)]*)\)`)
	reVarNum    = `(?:var\s+)?%s\s*=\s*["']?(\d+)`
)

// listPages returns the further pages of a list: from the TRS pager script
// (0-based createPageHTML(N,cur,"index","html"), createPage(...), and the
// 1-based createPageHTML(div,count,cur,name,ext,total)), and from plain
// pager links (index_k / list_k in the same directory).
func listPages(text string, doc *goquery.Document, base *url.URL) []string {
	if base == nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	add := func(u *url.URL) {
		if u == nil {
			return
		}
		if s := u.String(); !seen[s] && s != base.String() {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, m := range rePagerCall.FindAllStringSubmatch(text, -1) {
		args := splitArgs(m[1])
		if len(args) < 2 {
			continue
		}
		num := func(a string) int {
			if n, err := strconv.Atoi(a); err == nil {
				return n
			}
			if re, err := regexp.Compile(strings.ReplaceAll(reVarNum, "%s", regexp.QuoteMeta(a))); err == nil {
				if mm := re.FindStringSubmatch(text); mm != nil {
					n, _ := strconv.Atoi(mm[1])
					return n
				}
			}
			return -1
		}
		var count, first int
		name, ext := "index", "html"
		if _, err := strconv.Atoi(args[0]); err != nil && isQuoted(args[0]) && len(args) >= 5 {
			// createPageHTML(divName, count, cur, name, ext, total): 1-based.
			count, first = num(args[1]), 2
			name, ext = unquote(args[3]), unquote(args[4])
		} else {
			count, first = num(args[0]), 1
			if len(args) >= 3 {
				name = unquote(args[2])
			}
			if len(args) >= 4 {
				ext = unquote(args[3])
			}
			if first == 1 {
				count-- // 0-based: pages 1..N-1 are name_k
			}
		}
		if count < 0 || name == "" || ext == "" || strings.ContainsAny(name+ext, "/?#\\") {
			continue
		}
		if count > maxListPages {
			count = maxListPages
		}
		for k := first; k <= count; k++ {
			add(resolve(base, name+"_"+strconv.Itoa(k)+"."+ext))
		}
		if first == 2 || count >= 1 {
			add(resolve(base, name+"."+ext))
		}
	}
	if doc != nil {
		dir := path.Dir(base.Path + "x")
		doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
			u := resolve(base, a.AttrOr("href", ""))
			if u != nil && u.Host == base.Host && rePager.MatchString(u.Path) && path.Dir(u.Path) == dir {
				add(u)
			}
		})
	}
	return out
}

func splitArgs(s string) []string {
	var out []string
	var cur strings.Builder
	q := byte(0)
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case q != 0:
			cur.WriteByte(ch)
			if ch == q {
				q = 0
			}
		case ch == '"' || ch == '\'':
			q = ch
			cur.WriteByte(ch)
		case ch == ',':
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(ch)
		}
	}
	if t := strings.TrimSpace(cur.String()); t != "" || len(out) > 0 {
		out = append(out, t)
	}
	return out
}

func isQuoted(s string) bool {
	return len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0]
}

func unquote(s string) string {
	s = strings.TrimSpace(s)
	if isQuoted(s) {
		return s[1 : len(s)-1]
	}
	return s
}

// Discovery keywords: targets name disclosure columns; hops lead to them.
var (
	targetKw = []string{"预决算", "部门预算", "部门决算", "预算公开", "决算公开", "预算决算", "单位预算", "单位决算", "财政预算", "财政决算"}
	hopKw    = []string{"财政信息", "财政资金", "政府信息公开", "政务公开", "信息公开", "法定主动公开", "主动公开", "重点领域", "财政"}
)

type navLink struct {
	URL    string
	target bool
}

// navLinks returns the promising links of a discovery page: link text
// naming a disclosure column (target) or a hop towards one. Targets come
// first so the page budget is spent on them.
func navLinks(doc *goquery.Document, base *url.URL) []navLink {
	var targets, hops []navLink
	seen := map[string]bool{}
	doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		u := resolve(base, a.AttrOr("href", ""))
		if u == nil || isAttachmentURL(u) || isArticleURL(u) {
			return
		}
		t := normSpace(a.Text()) + " " + normSpace(a.AttrOr("title", ""))
		if len([]rune(t)) > 40 {
			return // article titles, not navigation
		}
		k := u.String()
		if seen[k] {
			return
		}
		for _, kw := range targetKw {
			if strings.Contains(t, kw) {
				seen[k] = true
				targets = append(targets, navLink{URL: k, target: true})
				return
			}
		}
		for _, kw := range hopKw {
			if strings.Contains(t, kw) {
				seen[k] = true
				hops = append(hops, navLink{URL: k})
				return
			}
		}
	})
	return append(targets, hops...)
}

// attachmentLinks finds attachments on an article page in every form seen
// on portals: DOM <a>, links only inside script strings (file_appendix),
// onclick/window.open/location.href, iframe/embed/object, and ?file=
// viewers. Links are deduplicated; base may be nil (detection only).
func attachmentLinks(doc *goquery.Document, text string, base *url.URL) []attLink {
	var out []attLink
	seen := map[string]int{}
	add := func(ref, name string) {
		u := resolve(base, ref)
		if u == nil {
			return
		}
		// Viewer: /pdfjs/web/viewer.html?file=/x.pdf
		if f := u.Query().Get("file"); f != "" && reAttExt.MatchString(f) {
			if v := resolve(u, f); v != nil {
				u = v
			}
		}
		if !isAttachmentURL(u) || isArticleURL(u) {
			return
		}
		k := u.String()
		name = normSpace(name)
		if i, ok := seen[k]; ok {
			if out[i].Name == "" || strings.HasSuffix(out[i].Name, "...") {
				out[i].Name = name
			}
			return
		}
		seen[k] = len(out)
		out = append(out, attLink{URL: k, Name: name})
	}
	if doc != nil {
		doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
			name := anchorTitle(a)
			if t := normSpace(a.AttrOr("title", "")); t != "" && !strings.HasSuffix(normSpace(a.Text()), "...") && normSpace(a.Text()) != "" {
				name = normSpace(a.Text())
			}
			// Unclosed <a> tags nest the next link's text into this one.
			if a.Find("a").Length() > 0 {
				c := a.Clone()
				c.Find("a").Remove()
				name = normSpace(c.Text())
			}
			add(a.AttrOr("href", ""), name)
		})
		doc.Find("[onclick]").Each(func(_ int, s *goquery.Selection) {
			for _, m := range reOpen.FindAllStringSubmatch(s.AttrOr("onclick", ""), -1) {
				add(m[1], normSpace(s.Text()))
			}
		})
		doc.Find("iframe[src],embed[src],object[data]").Each(func(_ int, s *goquery.Selection) {
			add(s.AttrOr("src", s.AttrOr("data", "")), s.AttrOr("title", ""))
		})
		doc.Find("script").Each(func(_ int, s *goquery.Selection) {
			js := s.Text()
			// <a href=...>name</a> inside a JS string.
			for _, frag := range extractScriptAnchors(js) {
				add(frag[0], frag[1])
			}
			for _, m := range reOpen.FindAllStringSubmatch(js, -1) {
				add(m[1], "")
			}
			for _, m := range reQuotedURL.FindAllStringSubmatch(js, -1) {
				add(m[1], "")
			}
		})
	}
	return out
}

var reScriptAnchor = regexp.MustCompile(`(?is)<a\s[^>]*?href\s*=\s*\\?["']?([^"'\\\s>]+)\\?["']?[^>]*>(.*?)</a>`)
var reTags = regexp.MustCompile(`(?s)<[^>]*>`)

func extractScriptAnchors(js string) [][2]string {
	var out [][2]string
	for _, m := range reScriptAnchor.FindAllStringSubmatch(js, -1) {
		out = append(out, [2]string{m[1], html.UnescapeString(reTags.ReplaceAllString(m[2], ""))})
	}
	return out
}

// cleanAnchorName strips "附件1：" prefixes and a trailing ellipsis.
func cleanAnchorName(s string) string {
	s = normSpace(s)
	s = reAnchorName.ReplaceAllString(s, "")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "..."), "…")
	return strings.TrimSpace(s)
}

type meta struct {
	Title     string
	Published time.Time
}

// articleMeta reads the title and date of an article page: ArticleTitle /
// PubDate meta, h1, <title>, a 发布日期 line.
func articleMeta(doc *goquery.Document, u string) meta {
	var m meta
	if doc == nil {
		return m
	}
	m.Title = normSpace(doc.Find(`meta[name="ArticleTitle"]`).AttrOr("content", ""))
	if m.Title == "" {
		doc.Find("h1,.biaoti_title,.title,h2").EachWithBreak(func(_ int, s *goquery.Selection) bool {
			t := normSpace(s.Text())
			if t != "" && t != "首页" && len([]rune(t)) > 4 {
				m.Title = t
				return false
			}
			return true
		})
	}
	if m.Title == "" {
		m.Title = normSpace(doc.Find("title").First().Text())
	}
	if d := doc.Find(`meta[name="PubDate"]`).AttrOr("content", ""); d != "" {
		if mm := reDate.FindStringSubmatch(d); mm != nil {
			m.Published = mkDate(mm[1], mm[2], mm[3])
		}
	}
	if m.Published.IsZero() {
		txt := doc.Find("body").Text()
		if i := strings.Index(txt, "发布日期"); i >= 0 {
			if mm := reDate.FindStringSubmatch(txt[i:min(len(txt), i+80)]); mm != nil {
				m.Published = mkDate(mm[1], mm[2], mm[3])
			}
		}
	}
	if m.Published.IsZero() {
		m.Published = dateFromURL(u)
	}
	return m
}
