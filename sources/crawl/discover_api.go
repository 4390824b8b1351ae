package crawl

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// JSON-API platforms found on a page (Family auto, and any column page):
//
//   - Guangdong gkmlpt: `window._CONFIG = {SID:'…', TREE:[…]}` on
//     /gkmlpt/index; the budget categories of TREE are listed through
//     /gkmlpt/api/all/<id>?page=N&sid=<SID>.
//   - TRS govsearch JSONP: a `…/govsearch/jsonp/…/zf_list.jsp?…` endpoint
//     named in a script; paged with page=N, answered as callback(json).

// budgetCatKw names budget categories of an information-disclosure tree.
var budgetCatKw = []string{"预决算", "部门预算", "部门决算", "预算公开", "决算公开", "预算决算", "单位预算", "单位决算", "财政预算", "财政决算", "预算", "决算"}

func isBudgetCategory(name string) bool {
	for _, k := range budgetCatKw {
		if strings.Contains(name, k) {
			return true
		}
	}
	return false
}

// extractJSObject returns the object literal assigned to name
// ("_CONFIG = {…}", "_CONFIG: {…}"), braces balanced outside strings.
func extractJSObject(text, name string) string {
	for off := 0; ; {
		i := strings.Index(text[off:], name)
		if i < 0 {
			return ""
		}
		i += off + len(name)
		off = i
		j := i
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n' || text[j] == '"' || text[j] == '\'' || text[j] == ']') {
			j++
		}
		if j >= len(text) || (text[j] != '=' && text[j] != ':') {
			continue
		}
		j++
		for j < len(text) && strings.IndexByte(" \t\r\n", text[j]) >= 0 {
			j++
		}
		if j >= len(text) || text[j] != '{' {
			continue
		}
		if end := matchBrace(text, j); end > j {
			return text[j : end+1]
		}
	}
}

// matchBrace returns the index of the bracket closing the one at i, or -1.
func matchBrace(s string, i int) int {
	depth := 0
	var q byte
	for k := i; k < len(s); k++ {
		c := s[k]
		if q != 0 {
			if c == '\\' {
				k++
			} else if c == q {
				q = 0
			}
			continue
		}
		switch c {
		case '"', '\'', '`':
			q = c
		case '{', '[', '(':
			depth++
		case '}', ']', ')':
			depth--
			if depth == 0 {
				return k
			}
		}
	}
	return -1
}

// jsToJSON rewrites a JavaScript object literal as JSON: unquoted and
// single-quoted keys, single-quoted strings, trailing commas, comments,
// and bare identifiers as values (functions, variables) become null.
func jsToJSON(src string) (string, error) {
	var b strings.Builder
	b.Grow(len(src) + len(src)/8)
	isIdent := func(c byte) bool {
		return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
	}
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '"' || c == '\'' || c == '`':
			q := c
			b.WriteByte('"')
			i++
			for i < len(src) && src[i] != q {
				ch := src[i]
				switch {
				case ch == '\\' && i+1 < len(src):
					if src[i+1] == '\'' {
						b.WriteByte('\'')
					} else {
						b.WriteByte('\\')
						b.WriteByte(src[i+1])
					}
					i += 2
					continue
				case ch == '"':
					b.WriteString(`\"`)
				case ch == '\n':
					b.WriteString(`\n`)
				case ch == '\r':
					b.WriteString(`\r`)
				case ch == '\t':
					b.WriteString(`\t`)
				default:
					b.WriteByte(ch)
				}
				i++
			}
			if i >= len(src) {
				return "", errors.New("unterminated string")
			}
			b.WriteByte('"')
			i++
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return "", errors.New("unterminated comment")
			}
			i += end + 4
		case c == ',':
			// Drop trailing commas before } or ].
			k := i + 1
			for k < len(src) && strings.IndexByte(" \t\r\n", src[k]) >= 0 {
				k++
			}
			if k < len(src) && (src[k] == '}' || src[k] == ']') {
				i++
				continue
			}
			b.WriteByte(c)
			i++
		case c == '-' || c >= '0' && c <= '9' || c == '.':
			k := i + 1
			for k < len(src) && (src[k] >= '0' && src[k] <= '9' || strings.IndexByte(".eE+-xXabcdefABCDEF", src[k]) >= 0) {
				k++
			}
			num := src[i:k]
			// A key like {1: …} or a hex/odd literal: keep valid JSON.
			j := k
			for j < len(src) && strings.IndexByte(" \t\r\n", src[j]) >= 0 {
				j++
			}
			if j < len(src) && src[j] == ':' {
				b.WriteString(`"` + num + `"`)
			} else if json.Valid([]byte(num)) {
				b.WriteString(num)
			} else {
				b.WriteString(`"` + num + `"`)
			}
			i = k
		case isIdent(c):
			k := i
			for k < len(src) && isIdent(src[k]) {
				k++
			}
			word := src[i:k]
			j := k
			for j < len(src) && strings.IndexByte(" \t\r\n", src[j]) >= 0 {
				j++
			}
			switch {
			case j < len(src) && src[j] == ':':
				b.WriteString(`"` + word + `"`)
				i = k
			case word == "true" || word == "false" || word == "null":
				b.WriteString(word)
				i = k
			case word == "undefined":
				b.WriteString("null")
				i = k
			case word == "function":
				// Skip the whole function literal.
				br := strings.IndexByte(src[k:], '{')
				if br < 0 {
					return "", errors.New("function without body")
				}
				end := matchBrace(src, k+br)
				if end < 0 {
					return "", errors.New("unbalanced function body")
				}
				b.WriteString("null")
				i = end + 1
			default:
				// A variable or call expression: value unknown.
				for k < len(src) && (isIdent(src[k]) || src[k] == '.') {
					k++
				}
				if k < len(src) && (src[k] == '(' || src[k] == '[') {
					if end := matchBrace(src, k); end > 0 {
						k = end + 1
					}
				}
				b.WriteString("null")
				i = k
			}
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), nil
}

// parseJSObject decodes an object literal found in a page.
func parseJSObject(lit string) (map[string]any, error) {
	js, err := jsToJSON(lit)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(js), &m); err != nil {
		return nil, err
	}
	return m, nil
}

// gkmlptCategory is a node of the gkmlpt TREE.
type gkmlptCategory struct {
	ID   string
	Name string
}

// parseGkmlptConfig reads SID and the budget categories from a page
// carrying window._CONFIG; ok is false when the page has no gkmlpt config.
// A category counts when its name, or an ancestor's, names a budget.
func parseGkmlptConfig(text string) (sid string, cats []gkmlptCategory, ok bool, err error) {
	if !strings.Contains(text, "_CONFIG") {
		return "", nil, false, nil
	}
	lit := extractJSObject(text, "_CONFIG")
	if lit == "" {
		return "", nil, false, nil
	}
	m, err := parseJSObject(lit)
	if err != nil {
		return "", nil, true, fmt.Errorf("window._CONFIG is not a readable object literal: %w", err)
	}
	sid = jsonString(firstKey(m, "SID", "sid"))
	tree, hasTree := firstKey(m, "TREE", "tree").([]any)
	if sid == "" || !hasTree {
		return "", nil, false, nil
	}
	seen := map[string]bool{}
	var walk func(nodes []any, inherited bool)
	walk = func(nodes []any, inherited bool) {
		for _, n := range nodes {
			node, isMap := n.(map[string]any)
			if !isMap {
				continue
			}
			id := jsonString(firstKey(node, "id", "ID", "cat_id"))
			name := cleanTitle(jsonString(firstKey(node, "name", "title", "NAME")))
			hit := inherited || isBudgetCategory(name)
			if hit && id != "" && !seen[id] {
				seen[id] = true
				cats = append(cats, gkmlptCategory{ID: id, Name: name})
			}
			if kids, isArr := firstKey(node, "children", "child", "CHILDREN").([]any); isArr {
				walk(kids, hit)
			}
		}
	}
	walk(tree, false)
	return sid, cats, true, nil
}

func firstKey(m map[string]any, keys ...string) any {
	for _, k := range keys {
		if v, ok := m[k]; ok && v != nil {
			return v
		}
	}
	return nil
}

var reGovsearch = regexp.MustCompile(`(?i)["']((?:https?:)?[^"'\s<>]*/govsearch/jsonp/[^"'\s<>]*?\.jsp(?:\?[^"'\s<>]*)?)["']`)

// govsearchEndpoints returns JSONP list endpoints named in a page's
// scripts, resolved against base.
func govsearchEndpoints(text string, base *url.URL) []*url.URL {
	var out []*url.URL
	seen := map[string]bool{}
	for _, m := range reGovsearch.FindAllStringSubmatch(text, -1) {
		u := resolve(base, m[1])
		if u == nil || seen[u.String()] {
			continue
		}
		seen[u.String()] = true
		out = append(out, u)
	}
	return out
}

// pageTemplate returns u with page={page} (other parameters kept in
// order, repeated ones included) and a callback when the endpoint is JSONP.
func pageTemplate(u *url.URL, pageParam string, jsonp bool) string {
	parts := []string{}
	hasPage, hasCB := false, false
	for _, kv := range strings.Split(u.RawQuery, "&") {
		if kv == "" {
			continue
		}
		k := kv
		if i := strings.IndexByte(kv, '='); i >= 0 {
			k = kv[:i]
		}
		switch k {
		case pageParam:
			if !hasPage {
				parts = append(parts, pageParam+"={page}")
			}
			hasPage = true
			continue
		case "callback":
			hasCB = true
		}
		parts = append(parts, kv)
	}
	if !hasPage {
		parts = append([]string{pageParam + "={page}"}, parts...)
	}
	if jsonp && !hasCB {
		parts = append(parts, "callback=result")
	}
	v := *u
	v.RawQuery = ""
	v.Fragment = ""
	return v.String() + "?" + strings.Join(parts, "&")
}

// gkmlptOptions and govsearchOptions are the presets of the two platforms.
func gkmlptOptions(listURL string) JSONAPIOptions {
	return JSONAPIOptions{ListURL: listURL, ItemsPath: "articles", TitleField: "title", URLField: "url", DateField: "date",
		AttachmentsPath: "attachment", AttachmentURLField: "url", AttachmentNameField: "name", TotalPath: "classify.post_count"}
}

func govsearchOptions(listURL string) JSONAPIOptions {
	return JSONAPIOptions{ListURL: listURL, ItemsPath: "data", TitleField: "title", URLField: "puburl", DateField: "tip.dates", TotalPath: "num"}
}

// registrable returns the part of a host name that one organisation
// controls: the last three labels under gov.cn/org.cn/com.cn/edu.cn/
// net.cn, else the last two. IP addresses and single labels are returned
// whole (an IP never shares a site with another address).
func registrable(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if net.ParseIP(host) != nil {
		return host
	}
	labels := strings.Split(host, ".")
	n := 2
	if len(labels) >= 3 && labels[len(labels)-1] == "cn" {
		switch labels[len(labels)-2] {
		case "gov", "org", "com", "edu", "net", "ac":
			n = 3
		}
	}
	if len(labels) <= n {
		return host
	}
	return strings.Join(labels[len(labels)-n:], ".")
}

// allowAPIHost admits the host of a list API named by an allowed page
// when it is on the same registrable domain as an allowed host
// (infogate.changchun.gov.cn for zwgk.changchun.gov.cn).
func (c *Crawler) allowAPIHost(u *url.URL, from *url.URL) bool {
	if c.allowed(u) {
		return true
	}
	if u.Scheme != "http" && u.Scheme != "https" || from == nil {
		return false
	}
	if registrable(u.Hostname()) != registrable(from.Hostname()) || net.ParseIP(u.Hostname()) != nil {
		return false
	}
	c.extraHosts.Store(hostKey(u), true)
	return true
}

// discoverAPIs starts JSON list harvests for the platforms a page names.
func (r *run) discoverAPIs(f *fetchResult, base *url.URL) {
	if base == nil || r.c.p.Family == FamilyJSONAPI {
		return
	}
	sid, cats, ok, err := parseGkmlptConfig(f.Text)
	if err != nil {
		r.c.log.Warn("gkmlpt config unreadable", "url", f.FinalURL, "err", err)
		r.ledgerURL(schemas.LedgerKindPage, f.FinalURL, "", schemas.OutcomeError, "gkmlpt page: "+err.Error())
	}
	if ok {
		if len(cats) == 0 {
			r.c.log.Info("gkmlpt tree has no budget category", "url", f.FinalURL)
		}
		for _, cat := range cats {
			api := resolve(base, "/gkmlpt/api/all/"+url.PathEscape(cat.ID)+"?page={page}&sid="+url.QueryEscape(sid))
			if api == nil {
				continue
			}
			lu := strings.Replace(api.String(), "%7Bpage%7D", "{page}", 1)
			r.startJSONList(gkmlptOptions(lu), f.FinalURL)
		}
	}
	for _, ep := range govsearchEndpoints(f.Text, base) {
		if !r.c.allowAPIHost(ep, base) {
			r.ledgerURL(schemas.LedgerKindList, ep.String(), f.FinalURL, schemas.OutcomeError, "list API on another site: not followed")
			continue
		}
		jsonp := strings.Contains(strings.ToLower(ep.Path), "/jsonp/")
		r.startJSONList(govsearchOptions(pageTemplate(ep, "page", jsonp)), f.FinalURL)
	}
}

// startJSONList runs a JSON list harvest once per list URL template.
func (r *run) startJSONList(o JSONAPIOptions, parent string) {
	r.mu.Lock()
	if r.jsonLists[o.ListURL] {
		r.mu.Unlock()
		return
	}
	r.jsonLists[o.ListURL] = true
	r.mu.Unlock()
	r.c.log.Info("list API found", "list", o.ListURL, "on", parent)
	r.pool.add(func() { r.jsonList(fillJSONDefaults(o), 1, parent) })
}
