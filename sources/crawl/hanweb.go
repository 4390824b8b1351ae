package crawl

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/budgetfeed/budgetfeed/schemas"
)

var (
	reDatastore = regexp.MustCompile(`(?is)<datastore>(.*?)</datastore>`)
	reRecord    = regexp.MustCompile(`(?is)<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>`)
	reTotalRec  = regexp.MustCompile(`(?is)<totalrecord>\s*(\d+)\s*</totalrecord>`)
	reNextGroup = regexp.MustCompile(`(?is)<nextgroup>\s*(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?\s*</nextgroup>`)
	reHref      = regexp.MustCompile(`(?i)href\s*=\s*["']([^"']+)["']`)
	reDigits    = regexp.MustCompile(`^\d+$`)
)

// hanwebPage is what a Hanweb column page (or dataproxy answer) tells.
type hanwebPage struct {
	records []string
	params  map[string]string // jpage config and ajax params, lower-case keys
	total   int
	// nextgroup is the link to the following group given by the
	// datastore (newer builds with encrypted ids page only through it).
	nextgroup string
}

// jpage parameters read from inline JS (key: value / key=value).
var hanwebKeys = []string{"proxyurl", "totalrecord", "perpage", "groupsize", "col", "appid", "webid", "path", "columnid", "sourcecontenttype", "unitid", "webname", "permissiontype"}

var reHanwebParam = regexp.MustCompile(`(?i)\b(proxyUrl|totalRecord|perPage|groupSize|col|appid|webid|path|columnid|sourceContentType|unitid|webname|permissiontype)\s*[:=]\s*(?:'([^']*)'|"([^"]*)"|([\w%./-]+))`)

// parseHanweb recognises a Hanweb column page by its XML datastore or its
// jpage dataproxy configuration; nil when the page is not one.
func parseHanweb(text string) *hanwebPage {
	ds := reDatastore.FindStringSubmatch(text)
	hasProxy := strings.Contains(text, "dataproxy.jsp")
	if ds == nil && !hasProxy {
		return nil
	}
	hp := &hanwebPage{params: map[string]string{}}
	if ds != nil {
		for _, m := range reRecord.FindAllStringSubmatch(ds[1], -1) {
			hp.records = append(hp.records, m[1])
		}
		if m := reTotalRec.FindStringSubmatch(ds[1]); m != nil {
			hp.total, _ = strconv.Atoi(m[1])
		}
		if m := reNextGroup.FindStringSubmatch(ds[1]); m != nil {
			if h := reHref.FindStringSubmatch(m[1]); h != nil {
				hp.nextgroup = html.UnescapeString(strings.TrimSpace(h[1]))
			}
		}
	}
	// Parameters live outside the datastore (jpage config, ajaxParam).
	outside := reDatastore.ReplaceAllString(text, "")
	for _, m := range reHanwebParam.FindAllStringSubmatch(outside, -1) {
		k := strings.ToLower(m[1])
		if _, ok := hp.params[k]; ok {
			continue
		}
		hp.params[k] = m[2] + m[3] + m[4]
	}
	if hp.total == 0 {
		hp.total, _ = strconv.Atoi(hp.params["totalrecord"])
	}
	return hp
}

// items returns the article links inside the datastore records.
func (hp *hanwebPage) items(base *url.URL, listURL string) []item {
	var out []item
	for _, rec := range hp.records {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader("<ul>" + rec + "</ul>"))
		if err != nil {
			continue
		}
		doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
			u := resolve(base, a.AttrOr("href", ""))
			if u == nil || isAttachmentURL(u) {
				return
			}
			it := item{URL: u.String(), Title: anchorTitle(a), ListURL: listURL}
			// Dates may be split across lines ("2026-\n01-\n23").
			if m := reDate.FindStringSubmatch(strings.Join(strings.Fields(doc.Text()), "")); m != nil {
				it.Published = mkDate(m[1], m[2], m[3])
			}
			if it.Published.IsZero() {
				it.Published = dateFromURL(it.URL)
			}
			out = append(out, it)
		})
	}
	return out
}

// hanwebPaging POSTs dataproxy.jsp group by group (one call returns
// perpage*groupsize records) with the form fields the portals check and the
// column page as Referer.
func (r *run) hanwebPaging(colURL string, hp *hanwebPage) {
	o := r.c.p.Hanweb
	get := func(k, override, def string) string {
		if override != "" {
			return override
		}
		if v := hp.params[k]; v != "" {
			return v
		}
		return def
	}
	columnID := get("columnid", o.ColumnID, "")
	// Newer builds: encrypted ids (or none in the page) and a nextgroup
	// link; ranges cannot be computed, so follow the links.
	if (columnID == "" || !reDigits.MatchString(columnID)) && hp.nextgroup != "" {
		r.hanwebNextgroup(colURL, hp)
		return
	}
	if columnID == "" {
		return
	}
	r.mu.Lock()
	if r.hanwebCols[columnID] {
		r.mu.Unlock()
		return
	}
	r.hanwebCols[columnID] = true
	r.mu.Unlock()
	perPage, _ := strconv.Atoi(get("perpage", itoa0(o.PerPage), "15"))
	groupSize, _ := strconv.Atoi(get("groupsize", itoa0(o.GroupSize), "3"))
	if perPage <= 0 {
		perPage = 15
	}
	if groupSize <= 0 {
		groupSize = 3
	}
	total := hp.total
	if o.TotalRecord > 0 {
		total = o.TotalRecord
	}
	maxGroups := o.MaxGroups
	if maxGroups <= 0 {
		maxGroups = 200
	}
	base, err := url.Parse(colURL)
	if err != nil {
		return
	}
	proxy := resolve(base, get("proxyurl", o.ProxyURL, "/module/web/jpage/dataproxy.jsp"))
	if proxy == nil {
		return
	}
	form := url.Values{}
	form.Set("col", get("col", "", "1"))
	form.Set("appid", get("appid", o.AppID, "1"))
	form.Set("webid", get("webid", o.WebID, "1"))
	form.Set("path", get("path", o.Path, "/"))
	form.Set("columnid", columnID)
	form.Set("sourceContentType", get("sourcecontenttype", o.SourceContentType, "1"))
	form.Set("unitid", get("unitid", o.UnitID, ""))
	wn := get("webname", o.WebName, "")
	if un, err := url.QueryUnescape(wn); err == nil {
		wn = un
	}
	form.Set("webname", wn)
	form.Set("permissiontype", get("permissiontype", o.PermissionType, "0"))
	step := perPage * groupSize
	for g := 0; g < maxGroups; g++ {
		start := g*step + 1
		if total > 0 && start > total {
			break
		}
		end := start + step - 1
		if total > 0 && end > total {
			end = total
		}
		q := proxy.Query()
		q.Set("startrecord", strconv.Itoa(start))
		q.Set("endrecord", strconv.Itoa(end))
		q.Set("perpage", strconv.Itoa(perPage))
		pu := *proxy
		pu.RawQuery = q.Encode()
		f := r.fetch(fetchSpec{method: http.MethodPost, url: pu.String(), form: form, referer: colURL, kind: schemas.LedgerKindList})
		outcome, detail := r.classifyList(f)
		r.ledger(schemas.LedgerKindList, colURL, f, outcome, detail)
		if outcome != schemas.OutcomeOK {
			return
		}
		ans := parseHanweb(f.Text)
		if ans == nil || len(ans.records) == 0 {
			return // an empty group is the end (or an encrypted-id stub)
		}
		if total == 0 && ans.total > 0 {
			total = ans.total
		}
		for _, it := range ans.items(base, colURL) {
			if r.c.matchTitle(it.Title) {
				r.queueArticle(it)
			}
		}
		if r.ctx.Err() != nil {
			return
		}
	}
}

// hanwebNextgroup follows the <nextgroup> link of each datastore (GET, the
// column page as Referer) until an empty datastore — the ~54-byte answer
// after the last group is the end, not an error — a missing or repeated
// link, or MaxGroups.
func (r *run) hanwebNextgroup(colURL string, hp *hanwebPage) {
	r.mu.Lock()
	key := "nextgroup " + schemas.CanonicalURL(colURL)
	if r.hanwebCols[key] {
		r.mu.Unlock()
		return
	}
	r.hanwebCols[key] = true
	r.mu.Unlock()
	base, err := url.Parse(colURL)
	if err != nil {
		return
	}
	maxGroups := r.c.p.Hanweb.MaxGroups
	if maxGroups <= 0 {
		maxGroups = 200
	}
	seen := map[string]bool{}
	next := hp.nextgroup
	for g := 0; next != ""; g++ {
		u := resolve(base, next)
		if u == nil {
			r.ledgerURL(schemas.LedgerKindList, next, colURL, schemas.OutcomeError, "hanweb nextgroup link is malformed")
			return
		}
		if !r.c.allowed(u) {
			r.ledgerURL(schemas.LedgerKindList, u.String(), colURL, schemas.OutcomeError, "hanweb nextgroup link leaves the allowed hosts: not followed")
			return
		}
		if seen[u.String()] {
			return // the portal repeats its last link
		}
		if g >= maxGroups {
			r.ledgerURL(schemas.LedgerKindList, u.String(), colURL, schemas.OutcomeError, fmt.Sprintf("hanweb nextgroup: stopped after max_groups %d", maxGroups))
			return
		}
		seen[u.String()] = true
		f := r.fetch(fetchSpec{method: http.MethodGet, url: u.String(), referer: colURL, kind: schemas.LedgerKindList})
		outcome, detail := r.classifyList(f)
		var ans *hanwebPage
		if outcome == schemas.OutcomeOK {
			ans = parseHanweb(f.Text)
			if ans == nil || len(ans.records) == 0 {
				detail = fmt.Sprintf("empty datastore (%d bytes): end of the column", len(f.Body))
			}
		}
		r.ledger(schemas.LedgerKindList, colURL, f, outcome, detail)
		if outcome != schemas.OutcomeOK || ans == nil || len(ans.records) == 0 {
			return
		}
		for _, it := range ans.items(base, colURL) {
			if r.c.matchTitle(it.Title) {
				r.queueArticle(it)
			}
		}
		if r.ctx.Err() != nil {
			return
		}
		next = ans.nextgroup
	}
}

// classifyList is classifyPage for XML/JSON list answers (no soft-404
// heuristics on markup that is not a page).
func (r *run) classifyList(f *fetchResult) (string, string) {
	if f.ErrOutcome != "" {
		return f.ErrOutcome, f.ErrDetail
	}
	if f.TooLarge {
		return schemas.OutcomeTooLarge, "list answer over max_page_bytes"
	}
	if o, d, bad := statusOutcome(f); bad {
		return o, d
	}
	if reRuishu.Match(head(f.Body, 64<<10)) || reJSL.Match(head(f.Body, 64<<10)) {
		return schemas.OutcomeChallenge, challengeDetail(f.Status, f.Header, f.Body)
	}
	f.Text, f.Charset = decodeHTML(f.Body, f.ContentType)
	return schemas.OutcomeOK, ""
}

func itoa0(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
