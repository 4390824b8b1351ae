package crawl

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/budgetfeed/budgetfeed/schemas"
)

func (r *run) jsonOpts() JSONAPIOptions {
	o := r.c.p.JSONAPI
	if o.ListURL == "" && len(r.c.p.StartURLs) > 0 {
		o.ListURL = r.c.p.StartURLs[0]
	}
	return fillJSONDefaults(o)
}

// fillJSONDefaults sets the gkmlpt-shaped defaults of empty fields.
func fillJSONDefaults(o JSONAPIOptions) JSONAPIOptions {
	if o.MaxPages <= 0 {
		o.MaxPages = 500
	}
	if o.ItemsPath == "" {
		o.ItemsPath = "articles"
	}
	if o.TitleField == "" {
		o.TitleField = "title"
	}
	if o.URLField == "" {
		o.URLField = "url"
	}
	if o.DateField == "" {
		o.DateField = "date"
	}
	if o.AttachmentsPath == "" {
		o.AttachmentsPath = "attachment"
	}
	if o.AttachmentURLField == "" {
		o.AttachmentURLField = "url"
	}
	if o.AttachmentNameField == "" {
		o.AttachmentNameField = "name"
	}
	return o
}

func (r *run) jsonFirstPage() int {
	if r.c.p.JSONAPI.FirstPage != 0 {
		return r.c.p.JSONAPI.FirstPage
	}
	return 1
}

// jsonList fetches list pages of a JSON/JSONP API one after the other until
// an empty page, the stated total, or MaxPages. parent is the page that
// named the API ("" when configured).
func (r *run) jsonList(o JSONAPIOptions, first int, parent string) {
	seenItems := 0
	for page := first; page < first+o.MaxPages; page++ {
		if r.ctx.Err() != nil {
			return
		}
		lu := strings.ReplaceAll(o.ListURL, "{page}", strconv.Itoa(page))
		if !strings.Contains(o.ListURL, "{page}") && page != first {
			return
		}
		f := r.fetch(fetchSpec{method: http.MethodGet, url: lu, referer: parent, kind: schemas.LedgerKindList})
		outcome, detail := r.classifyList(f)
		var items []item
		total := -1
		if outcome == schemas.OutcomeOK {
			var err error
			items, total, err = parseJSONList(f.Text, lu, o)
			if err != nil {
				outcome, detail = schemas.OutcomeError, err.Error()
			}
		}
		r.ledger(schemas.LedgerKindList, parent, f, outcome, detail)
		if outcome != schemas.OutcomeOK || len(items) == 0 {
			return
		}
		for _, it := range items {
			if r.c.matchTitle(it.Title) {
				r.queueArticle(it)
			}
		}
		seenItems += len(items)
		if total >= 0 && seenItems >= total {
			return
		}
	}
}

// stripJSONP turns `\r\n result({...});` into `{...}`.
func stripJSONP(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(s, "\ufeff"))
	if s == "" || s[0] == '{' || s[0] == '[' {
		return s
	}
	i := strings.IndexByte(s, '(')
	j := strings.LastIndexByte(s, ')')
	if i > 0 && j > i {
		return s[i+1 : j]
	}
	return s
}

func jsonPath(v any, p string) any {
	if p == "" || p == "." {
		return v
	}
	for _, k := range strings.Split(p, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func jsonString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case json.Number:
		return x.String()
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func cleanTitle(s string) string {
	return normSpace(html.UnescapeString(reTags.ReplaceAllString(s, "")))
}

// parseJSONDate accepts "2026-01-05 10:00:00", "2026年1月5日", unix
// seconds or milliseconds.
func parseJSONDate(v any) time.Time {
	switch x := v.(type) {
	case float64:
		sec := int64(x)
		if sec > 1e12 {
			sec /= 1000
		}
		if sec > 0 {
			t := time.Unix(sec, 0).In(time.FixedZone("CST", 8*3600))
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		}
	case string:
		if m := reDate.FindStringSubmatch(x); m != nil {
			return mkDate(m[1], m[2], m[3])
		}
		if n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64); err == nil {
			return parseJSONDate(float64(n))
		}
	}
	return time.Time{}
}

func parseJSONList(text, listURL string, o JSONAPIOptions) ([]item, int, error) {
	var root any
	dec := json.NewDecoder(strings.NewReader(stripJSONP(text)))
	if err := dec.Decode(&root); err != nil {
		return nil, -1, fmt.Errorf("list %s: not JSON/JSONP: %w", listURL, err)
	}
	base, _ := url.Parse(listURL)
	arr, _ := jsonPath(root, o.ItemsPath).([]any)
	var out []item
	for _, e := range arr {
		ref := jsonString(jsonPath(e, o.URLField))
		u := resolve(base, ref)
		if u == nil {
			continue
		}
		it := item{URL: u.String(), Title: cleanTitle(jsonString(jsonPath(e, o.TitleField))), ListURL: listURL,
			Published: parseJSONDate(jsonPath(e, o.DateField))}
		if atts, ok := jsonPath(e, o.AttachmentsPath).([]any); ok {
			for _, a := range atts {
				au := resolve(base, jsonString(jsonPath(a, o.AttachmentURLField)))
				if au == nil {
					continue
				}
				it.Atts = append(it.Atts, attLink{URL: au.String(), Name: cleanTitle(jsonString(jsonPath(a, o.AttachmentNameField)))})
			}
		}
		out = append(out, it)
	}
	total := -1
	if o.TotalPath != "" {
		if n, err := strconv.Atoi(jsonString(jsonPath(root, o.TotalPath))); err == nil {
			total = n
		}
	}
	return out, total, nil
}
