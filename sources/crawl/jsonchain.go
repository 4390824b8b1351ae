package crawl

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/budgetfeed/budgetfeed/schemas"
)

var reTemplate = regexp.MustCompile(`\{([A-Za-z_][\w]*(?:\.[\w]+)*)\}`)

func validateChain(p Profile) error {
	o := p.JSONAPI
	if len(o.Chain) == 0 {
		return nil
	}
	if p.Family != FamilyJSONAPI {
		return errors.New("jsonapi.chain needs family jsonapi")
	}
	if len(p.StartURLs) == 0 {
		return errors.New("jsonapi.chain needs a start URL (the platform's base)")
	}
	if o.ChainFileURL == "" || o.ChainTitle == "" {
		return errors.New("jsonapi.chain needs chain_title and chain_file_url")
	}
	names := map[string]bool{"page": true}
	for k := range o.Vars {
		names[k] = true
	}
	for i, st := range o.Chain {
		if strings.TrimSpace(st.URL) == "" {
			return fmt.Errorf("jsonapi.chain[%d]: empty url", i)
		}
		switch strings.ToUpper(st.Method) {
		case "", http.MethodPost, http.MethodGet:
		default:
			return fmt.Errorf("jsonapi.chain[%d]: method %q (want POST or GET)", i, st.Method)
		}
		tmpls := []string{st.URL}
		for _, v := range st.Form {
			tmpls = append(tmpls, v)
		}
		for _, t := range tmpls {
			for _, m := range reTemplate.FindAllStringSubmatch(t, -1) {
				if n, _, _ := strings.Cut(m[1], "."); !names[n] {
					return fmt.Errorf("jsonapi.chain[%d]: template {%s} names nothing defined before this step", i, m[1])
				}
			}
		}
		if st.As != "" {
			names[st.As] = true
		}
	}
	return nil
}

// render fills {name.path} templates from the chain context.
func render(t string, ctx map[string]any) (string, error) {
	var missing []string
	out := reTemplate.ReplaceAllStringFunc(t, func(m string) string {
		name, p, _ := strings.Cut(m[1:len(m)-1], ".")
		v, ok := ctx[name]
		if !ok {
			missing = append(missing, m)
			return ""
		}
		if p != "" {
			v = jsonPath(v, p)
		}
		if v == nil {
			missing = append(missing, m)
			return ""
		}
		return jsonString(v)
	})
	if len(missing) > 0 {
		return "", fmt.Errorf("template %q: no value for %s", t, strings.Join(missing, ", "))
	}
	return out, nil
}

// jsonChain runs a declarative request chain from the first start URL.
func (r *run) jsonChain() {
	base, err := url.Parse(strings.TrimSpace(r.c.p.StartURLs[0]))
	if err != nil {
		r.ledgerURL(schemas.LedgerKindList, r.c.p.StartURLs[0], "", schemas.OutcomeError, "bad start URL: "+err.Error())
		return
	}
	ctx := map[string]any{}
	for k, v := range r.c.p.JSONAPI.Vars {
		ctx[k] = v
	}
	r.chainStep(base, 0, ctx, base.String())
}

// chainStep runs step i for one context and schedules the next step once
// per item of each answer; the last step's answers become disclosures.
func (r *run) chainStep(base *url.URL, i int, ctx map[string]any, parent string) {
	o := r.c.p.JSONAPI
	st := o.Chain[i]
	last := i == len(o.Chain)-1
	paged := strings.Contains(st.URL, "{page}")
	for _, v := range st.Form {
		paged = paged || strings.Contains(v, "{page}")
	}
	maxPages := o.MaxPages
	if maxPages <= 0 {
		maxPages = 500
	}
	for page := 1; page <= maxPages; page++ {
		if r.ctx.Err() != nil {
			return
		}
		pctx := make(map[string]any, len(ctx)+1)
		for k, v := range ctx {
			pctx[k] = v
		}
		pctx["page"] = strconv.Itoa(page)
		sp, ident, err := chainRequest(base, st, pctx)
		if err != nil {
			r.ledgerURL(schemas.LedgerKindList, st.URL, parent, schemas.OutcomeError, fmt.Sprintf("jsonapi.chain[%d]: %v", i, err))
			return
		}
		sp.referer = parent
		f := r.fetch(sp)
		outcome, detail := r.classifyList(f)
		var items []any
		if outcome == schemas.OutcomeOK {
			items, err = chainItems(f.Text, st.ItemsPath)
			if err != nil {
				outcome, detail = schemas.OutcomeError, fmt.Sprintf("jsonapi.chain[%d] %s: %v", i, ident, err)
			} else if len(items) == 0 {
				detail = "no items"
			}
		}
		// POST answers are ledgered under their identity (URL plus the
		// form fields as a query): one endpoint answers every department.
		lf := *f
		lf.URL = ident
		if sp.form != nil {
			detail = strings.TrimPrefix(detail+"; POST, form fields shown as the query", "; ")
		}
		r.ledger(schemas.LedgerKindList, parent, &lf, outcome, detail)
		if outcome != schemas.OutcomeOK {
			return
		}
		if last {
			r.chainDisclosure(base, pctx, f, ident, items, parent)
			return // files of one answer: no paging on the last step
		}
		for _, it := range items {
			next := make(map[string]any, len(pctx)+1)
			for k, v := range pctx {
				next[k] = v
			}
			delete(next, "page")
			if st.As != "" {
				next[st.As] = it
			}
			pu := ident
			r.pool.add(func() { r.chainStep(base, i+1, next, pu) })
		}
		if !paged || len(items) == 0 {
			return
		}
	}
}

// chainRequest builds the fetch of one step and the identity of its answer
// (the URL with the form fields as a query, so each answer of a POST
// endpoint is a distinct, stable document).
func chainRequest(base *url.URL, st ChainStep, ctx map[string]any) (fetchSpec, string, error) {
	ru, err := render(st.URL, ctx)
	if err != nil {
		return fetchSpec{}, "", err
	}
	u := resolve(base, ru)
	if u == nil {
		return fetchSpec{}, "", fmt.Errorf("bad url %q", ru)
	}
	form := url.Values{}
	keys := make([]string, 0, len(st.Form))
	for k := range st.Form {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v, err := render(st.Form[k], ctx)
		if err != nil {
			return fetchSpec{}, "", err
		}
		form.Set(k, v)
	}
	if strings.EqualFold(st.Method, http.MethodGet) {
		q := u.Query()
		for k, vs := range form {
			q[k] = vs
		}
		u.RawQuery = q.Encode()
		return fetchSpec{method: http.MethodGet, url: u.String(), kind: schemas.LedgerKindList}, u.String(), nil
	}
	ident := *u
	if enc := form.Encode(); enc != "" {
		ident.RawQuery = strings.TrimPrefix(u.RawQuery+"&"+enc, "&")
	}
	return fetchSpec{method: http.MethodPost, url: u.String(), form: form, kind: schemas.LedgerKindList}, ident.String(), nil
}

func chainItems(text, itemsPath string) ([]any, error) {
	var root any
	if err := json.NewDecoder(strings.NewReader(stripJSONP(text))).Decode(&root); err != nil {
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	v := jsonPath(root, itemsPath)
	switch x := v.(type) {
	case []any:
		return x, nil
	case nil:
		return nil, nil
	case map[string]any:
		return []any{x}, nil
	}
	return nil, fmt.Errorf("%q is not a list", itemsPath)
}

// chainDisclosure hands over one answer of the last step: the JSON answer
// is the page capture, its items the files.
func (r *run) chainDisclosure(base *url.URL, ctx map[string]any, f *fetchResult, ident string, items []any, parent string) {
	o := r.c.p.JSONAPI
	if len(items) == 0 {
		return
	}
	title, err := render(o.ChainTitle, ctx)
	if err != nil {
		r.ledgerURL(schemas.LedgerKindArticle, ident, parent, schemas.OutcomeError, "chain_title: "+err.Error())
		return
	}
	title = cleanTitle(title)
	if !r.c.matchTitle(title) {
		r.ledgerURL(schemas.LedgerKindArticle, ident, parent, schemas.OutcomeNotDisclosure, "title does not name a budget or final account: "+title)
		return
	}
	key := schemas.CanonicalURL(ident)
	r.mu.Lock()
	_, seen := r.articlesSeen[key]
	if !seen {
		r.articlesSeen[key] = parent
	}
	r.mu.Unlock()
	if seen {
		return
	}
	if r.state != nil && r.state.handedInRun(key) {
		r.ledgerURL(schemas.LedgerKindArticle, ident, parent, schemas.OutcomeNotModified, "handed over before the interruption of this run; files not refetched")
		return
	}
	var caps []schemas.Capture
	var pub time.Time
	for _, it := range items {
		fctx := make(map[string]any, len(ctx)+1)
		for k, v := range ctx {
			fctx[k] = v
		}
		if as := o.Chain[len(o.Chain)-1].As; as != "" {
			fctx[as] = it
		}
		fu, err := render(o.ChainFileURL, fctx)
		if err != nil {
			r.ledgerURL(schemas.LedgerKindAttachment, o.ChainFileURL, ident, schemas.OutcomeError, "chain_file_url: "+err.Error())
			continue
		}
		u := resolve(base, fu)
		if u == nil || !r.c.allowed(u) {
			r.ledgerURL(schemas.LedgerKindAttachment, fu, ident, schemas.OutcomeError, "file link malformed or leaving the allowed hosts: not followed")
			continue
		}
		name := ""
		if o.ChainFileName != "" {
			name, _ = render(o.ChainFileName, fctx)
		}
		if pub.IsZero() && o.ChainDate != "" {
			if d, err := render(o.ChainDate, fctx); err == nil {
				pub = parseJSONDate(d)
			}
		}
		if cp := r.attachment(u.String(), name, ident); cp != nil {
			caps = append(caps, *cp)
		}
	}
	if r.ctx.Err() != nil {
		return
	}
	page := f.capture()
	page.URL, page.FinalURL = ident, ident
	d := schemas.Disclosure{Source: r.c.p.ID, ListURL: parent, Title: title, PublishedAt: pub, Region: r.c.p.Region, Page: page, Attachments: caps}
	if err := r.sink.Disclosure(r.ctx, d); err != nil {
		r.cancel(fmt.Errorf("sink refused disclosure %s: %w", ident, err))
		return
	}
	if r.state != nil {
		if err := r.state.handed(key, f.SHA); err != nil {
			r.cancel(err)
		}
	}
}
