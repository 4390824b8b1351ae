package crawl

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/budgetfeed/budgetfeed/sources"
)

// maxDiscoveryPages bounds the pages fetched while looking for disclosure
// columns from a home page; maxListPages bounds pages of one portal's lists.
const (
	maxDiscoveryPages = 120
	maxListPages      = 5000
)

// item is an article link found on a list.
type item struct {
	URL       string
	Title     string
	ListURL   string
	Published time.Time
	Atts      []attLink // attachments named by a JSON list API
}

// attLink is an attachment link found on an article page or in a list API.
type attLink struct {
	URL  string
	Name string // anchor text or API name
}

// attResult is the (shared) result of fetching one attachment URL.
type attResult struct {
	done chan struct{}
	cap  *schemas.Capture // nil when not usable
}

type run struct {
	c      *Crawler
	ctx    context.Context
	cancel context.CancelCauseFunc
	sink   sources.Sink
	col    *colly.Collector
	rt     *recTransport
	state  *stateStore

	mu            sync.Mutex
	pagesSeen     map[string]bool
	articlesSeen  map[string]string // canonical article URL → list it was first seen on
	pageSHA       map[string]string // article page sha256 → article URL
	atts          map[string]*attResult
	discoverPages int
	listPages     int
	hanwebCols    map[string]bool
	jsonLists     map[string]bool // list API templates already harvested
	schemes       sync.Map        // host[:port] → "http"/"https" it is known to serve

	pool taskPool
}

// Harvest crawls the profile until done or ctx is cancelled.
func (c *Crawler) Harvest(ctx context.Context, sink sources.Sink) error {
	if sink == nil {
		return errors.New("crawl: nil sink")
	}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return fmt.Errorf("crawl %s: harvest after Close", c.p.ID)
	}
	if c.warc == nil && c.o.WARCDir != "" {
		w, err := newWARCWriter(c.o.WARCDir, "BUDGETFEED-"+safeID(c.p.ID))
		if err != nil {
			c.mu.Unlock()
			return fmt.Errorf("crawl %s: %w", c.p.ID, err)
		}
		c.warc = w
	}
	if c.state == nil && c.o.StateDir != "" {
		st, err := openState(c.o.StateDir, c.p.ID)
		if err != nil {
			c.mu.Unlock()
			return fmt.Errorf("crawl %s: %w", c.p.ID, err)
		}
		c.state = st
	}
	c.mu.Unlock()

	rctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	r := &run{
		c: c, ctx: rctx, cancel: cancel, sink: sink, state: c.state,
		pagesSeen: map[string]bool{}, articlesSeen: map[string]string{}, pageSHA: map[string]string{},
		atts: map[string]*attResult{}, hanwebCols: map[string]bool{}, jsonLists: map[string]bool{},
	}
	if err := r.setupCollector(); err != nil {
		return fmt.Errorf("crawl %s: %w", c.p.ID, err)
	}
	if r.state != nil {
		if err := r.state.beginRun(); err != nil {
			return fmt.Errorf("crawl %s: %w", c.p.ID, err)
		}
		for sha, u := range r.state.handedPages() {
			r.pageSHA[sha] = u
		}
		if r.state.resuming {
			c.log.Info("resuming interrupted run", "run", r.state.runID, "handed", len(r.state.handedThisRun))
		}
	}
	r.pool.init(c.o.Parallelism)
	for _, s := range append(append([]string{}, c.p.StartURLs...), strings.ReplaceAll(c.p.JSONAPI.ListURL, "{page}", "1")) {
		r.learnScheme(strings.TrimSpace(s))
	}

	switch c.p.Family {
	case FamilyJSONAPI:
		if len(c.p.JSONAPI.Chain) > 0 {
			r.pool.add(func() { r.jsonChain() })
		} else {
			r.pool.add(func() { r.jsonList(r.jsonOpts(), r.jsonFirstPage(), "") })
		}
	default:
		for _, s := range c.p.StartURLs {
			u := strings.TrimSpace(s)
			mode := modeColumn
			if c.p.Family == FamilyAuto {
				mode = modeDiscover
			}
			r.queuePage(u, "", 0, mode)
		}
	}
	r.pool.wait()

	if err := ctx.Err(); err != nil {
		return fmt.Errorf("crawl %s: %w", c.p.ID, err)
	}
	if cause := context.Cause(rctx); cause != nil {
		return fmt.Errorf("crawl %s: %w", c.p.ID, cause)
	}
	if r.state != nil {
		if err := r.state.endRun(); err != nil {
			return fmt.Errorf("crawl %s: %w", c.p.ID, err)
		}
	}
	return nil
}

func safeID(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// errOffDomain marks a redirect that would leave the allowed hosts.
var errOffDomain = errors.New("redirect leaves the allowed hosts")

// errRedirectLoop marks a redirect chain that revisits a URL or is too long.
var errRedirectLoop = errors.New("redirect loop")

func redirectChain(via []*http.Request, next *http.Request) string {
	parts := make([]string, 0, len(via)+1)
	for _, v := range via {
		parts = append(parts, v.URL.Path)
	}
	return strings.Join(append(parts, next.URL.Path), " → ")
}

func (r *run) setupCollector() error {
	c := r.c
	col := colly.NewCollector(
		colly.UserAgent(c.userAgent()),
		colly.AllowURLRevisit(),
		colly.ParseHTTPErrorResponse(),
		colly.StdlibContext(r.ctx),
		colly.MaxBodySize(int(max(c.o.MaxPageBytes, c.o.MaxAttachmentBytes)+1)),
	)
	// colly v2 ignores robots.txt unless told otherwise.
	col.IgnoreRobotsTxt = !c.o.RespectRobots
	jar, err := cookiejar.New(nil)
	if err != nil {
		return err
	}
	r.rt = &recTransport{base: newBaseTransport(c.o, c.allowPrivate, c.p.InsecureTLS), warc: c.warc, pageLimit: c.o.MaxPageBytes, insecure: c.p.InsecureTLS}
	r.rt.onRobots = r.robotsLedger
	col.SetClient(&http.Client{Transport: r.rt, Jar: jar, Timeout: c.o.Timeout})
	col.SetRedirectHandler(func(req *http.Request, via []*http.Request) error {
		// A URL may come back once (cookie-replay gates redirect to
		// themselves); a third visit is a loop.
		seen := 0
		for _, v := range via {
			if v.URL.String() == req.URL.String() {
				seen++
			}
		}
		if seen >= 2 {
			return fmt.Errorf("%w: %s", errRedirectLoop, redirectChain(via, req))
		}
		if len(via) >= 10 {
			return fmt.Errorf("%w: stopped after 10 redirects: %s", errRedirectLoop, redirectChain(via, req))
		}
		if !c.allowed(req.URL) {
			return fmt.Errorf("%w: %s", errOffDomain, req.URL.Redacted())
		}
		return nil
	})
	// The glob must match host:port; "*" covers every host, each with its
	// own parallelism and delay.
	if err := col.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: c.o.Parallelism, Delay: c.o.Delay, RandomDelay: c.o.RandomDelay}); err != nil {
		return err
	}
	r.col = col
	return nil
}

// robotsLedger records colly's own robots.txt fetches.
func (r *run) robotsLedger(req *http.Request, s *slot, err error) {
	e := schemas.LedgerEntry{URL: req.URL.String(), Source: r.c.p.ID, Kind: schemas.LedgerKindRobots, FetchedAt: time.Now().UTC(), Attempts: 1}
	switch {
	case err != nil:
		e.Outcome, e.Detail = classifyErr(err)
	default:
		e.StatusCode = int32(s.status)
		e.ContentType = s.header.Get("Content-Type")
		e.Bytes = int64(len(s.body))
		e.SHA256, e.WARCFile, e.WARCRecordID, e.FetchedAt = s.sha, s.warcFile, s.recordID, s.fetchedAt
		switch {
		case s.status/100 == 2 && looksHTML(s.body):
			e.Outcome, e.Detail = schemas.OutcomeOK, "HTML page instead of robots.txt: no rules, all allowed"
		case s.status/100 == 2:
			e.Outcome = schemas.OutcomeOK
		case s.status == 404 || s.status == 410:
			e.Outcome, e.Detail = schemas.OutcomeNotFound, "no robots.txt: all allowed"
		case s.status/100 == 4:
			e.Outcome, e.Detail = schemas.OutcomeHTTPError, fmt.Sprintf("robots.txt answered %d: treated as allow all (RFC 9309)", s.status)
		default:
			e.Outcome, e.Detail = schemas.OutcomeHTTPError, fmt.Sprintf("robots.txt answered %d: treated as disallow all (RFC 9309)", s.status)
		}
	}
	r.sink.Ledger(e)
}

// ledger sends one entry built from a fetch result.
func (r *run) ledger(kind, parent string, f *fetchResult, outcome, detail string) {
	e := schemas.LedgerEntry{
		URL: f.URL, ParentURL: parent, Source: r.c.p.ID, Kind: kind, Outcome: outcome,
		StatusCode: int32(f.Status), ContentType: f.ContentType, Bytes: int64(len(f.Body)),
		SHA256: f.SHA, WARCFile: f.WARCFile, WARCRecordID: f.RecordID, FetchedAt: f.FetchedAt,
		Attempts: int32(f.Attempts), Detail: detail,
	}
	if len(f.Notes) > 0 {
		e.Detail = strings.TrimPrefix(detail+"; "+strings.Join(f.Notes, "; "), "; ")
	}
	if f.Status == 0 {
		e.Bytes = 0
	}
	if e.FetchedAt.IsZero() {
		e.FetchedAt = time.Now().UTC()
	}
	r.sink.Ledger(e)
}

// ledgerURL sends an entry for a URL that was not fetched.
func (r *run) ledgerURL(kind, u, parent, outcome, detail string) {
	r.sink.Ledger(schemas.LedgerEntry{URL: u, ParentURL: parent, Source: r.c.p.ID, Kind: kind, Outcome: outcome, FetchedAt: time.Now().UTC(), Detail: detail})
}

type pageMode int

const (
	modeDiscover pageMode = iota // looking for columns from a home page
	modeColumn                   // first page of a disclosure column
	modeList                     // further page of a column
)

// queuePage schedules a page once.
func (r *run) queuePage(raw, parent string, depth int, mode pageMode) {
	u, err := url.Parse(r.preferScheme(raw))
	if err != nil {
		r.ledgerURL(schemas.LedgerKindPage, raw, parent, schemas.OutcomeError, "bad URL: "+err.Error())
		return
	}
	u.Fragment = ""
	key := pageKey(u)
	r.mu.Lock()
	if r.pagesSeen[key] {
		r.mu.Unlock()
		return
	}
	if mode == modeDiscover {
		if r.discoverPages >= maxDiscoveryPages {
			r.mu.Unlock()
			return
		}
		r.discoverPages++
	} else {
		if r.listPages >= maxListPages {
			r.mu.Unlock()
			return
		}
		r.listPages++
	}
	r.pagesSeen[key] = true
	r.mu.Unlock()
	if parent != "" && !r.c.allowed(u) {
		r.ledgerURL(schemas.LedgerKindPage, u.String(), parent, schemas.OutcomeError, "link leaves the allowed hosts: not followed")
		return
	}
	r.pool.add(func() { r.visitPage(u.String(), parent, depth, mode) })
}

// queueArticle schedules an article once per canonical URL; later sightings
// are ledgered as duplicates.
func (r *run) queueArticle(it item) {
	u, err := url.Parse(r.preferScheme(it.URL))
	if err != nil || !r.c.allowed(u) {
		r.ledgerURL(schemas.LedgerKindArticle, it.URL, it.ListURL, schemas.OutcomeError, "article link leaves the allowed hosts or is malformed: not followed")
		return
	}
	u.Fragment = ""
	it.URL = u.String()
	key := schemas.CanonicalURL(it.URL)
	r.mu.Lock()
	first, seen := r.articlesSeen[key]
	if !seen {
		r.articlesSeen[key] = it.ListURL
	}
	r.mu.Unlock()
	if seen {
		if first != it.ListURL {
			r.ledgerURL(schemas.LedgerKindArticle, it.URL, it.ListURL, schemas.OutcomeDuplicate, "same article already listed on "+first)
		}
		return
	}
	if r.state != nil && r.state.handedInRun(key) {
		r.ledgerURL(schemas.LedgerKindArticle, it.URL, it.ListURL, schemas.OutcomeNotModified, "handed over before the interruption of this run; not refetched")
		return
	}
	r.pool.add(func() { r.visitArticle(it) })
}

// visitPage fetches a discovery, column or list page and schedules what it
// finds: articles, further list pages, and (discovery) promising links.
func (r *run) visitPage(u, parent string, depth int, mode pageMode) {
	if r.ctx.Err() != nil {
		return
	}
	kind := schemas.LedgerKindList
	if mode == modeDiscover {
		kind = schemas.LedgerKindPage
	}
	f := r.fetch(fetchSpec{method: http.MethodGet, url: u, referer: parent, kind: kind})
	outcome, detail := r.classifyPage(f)
	r.ledger(kind, parent, f, outcome, detail)
	if outcome != schemas.OutcomeOK && outcome != schemas.OutcomeNotModified {
		return
	}
	base, _ := url.Parse(f.FinalURL)
	doc := f.Doc
	if doc == nil {
		return
	}
	// JSON-API platforms named by the page (gkmlpt _CONFIG, govsearch JSONP).
	r.discoverAPIs(f, base)
	// Hanweb column: embedded datastore and dataproxy paging.
	if hw := parseHanweb(f.Text); hw != nil || r.c.p.Family == FamilyHanweb {
		if hw == nil {
			hw = &hanwebPage{}
		}
		for _, it := range hw.items(base, f.FinalURL) {
			if r.c.matchTitle(it.Title) {
				r.queueArticle(it)
			}
		}
		r.hanwebPaging(f.FinalURL, hw)
	}
	// Static list (TRS and most others).
	for _, it := range listItems(doc, base, mode != modeDiscover) {
		if r.c.matchTitle(it.Title) {
			it.ListURL = f.FinalURL
			r.queueArticle(it)
		}
	}
	next := listPages(f.Text, doc, base)
	for _, p := range next {
		r.queuePage(p, f.FinalURL, depth, modeList)
	}
	if mode == modeDiscover || (r.c.p.Family == FamilyAuto && mode == modeColumn) {
		if depth < r.c.o.MaxDepth {
			for _, l := range navLinks(doc, base) {
				lu, err := url.Parse(l.URL)
				if err != nil || !r.c.allowed(lu) {
					continue
				}
				m := modeDiscover
				if l.target {
					m = modeDiscover // a target column still gets its nav followed for sibling columns
				}
				r.queuePage(l.URL, f.FinalURL, depth+1, m)
			}
		}
	}
}

// visitArticle fetches an article, its attachments, and hands the disclosure
// over.
func (r *run) visitArticle(it item) {
	if r.ctx.Err() != nil {
		return
	}
	f := r.fetch(fetchSpec{method: http.MethodGet, url: it.URL, referer: it.ListURL, kind: schemas.LedgerKindArticle})
	outcome, detail := r.classifyPage(f)
	if outcome != schemas.OutcomeOK && outcome != schemas.OutcomeNotModified {
		r.ledger(schemas.LedgerKindArticle, it.ListURL, f, outcome, detail)
		return
	}
	base, _ := url.Parse(f.FinalURL)
	meta := articleMeta(f.Doc, f.FinalURL)
	title := it.Title
	if title == "" || strings.HasSuffix(title, "...") || strings.HasSuffix(title, "…") {
		if meta.Title != "" {
			title = meta.Title
		}
	}
	if !r.c.matchTitle(title) {
		r.ledger(schemas.LedgerKindArticle, it.ListURL, f, schemas.OutcomeNotDisclosure, "title does not name a budget or final account: "+title)
		return
	}
	canon := schemas.CanonicalURL(it.URL)
	r.mu.Lock()
	prev, dup := r.pageSHA[f.SHA]
	if prev == canon {
		dup = false
	}
	if !dup {
		r.pageSHA[f.SHA] = canon
	}
	r.mu.Unlock()
	if dup {
		r.ledger(schemas.LedgerKindArticle, it.ListURL, f, schemas.OutcomeDuplicate, "same content as "+prev)
		return
	}
	r.ledger(schemas.LedgerKindArticle, it.ListURL, f, outcome, detail)

	links := attachmentLinks(f.Doc, f.Text, base)
	links = append(links, it.Atts...)
	seen := map[string]bool{}
	var caps []schemas.Capture
	for _, l := range links {
		lu, err := url.Parse(r.preferScheme(l.URL))
		if err != nil {
			continue
		}
		lu.Fragment = ""
		k := schemas.CanonicalURL(lu.String())
		if seen[k] {
			continue
		}
		seen[k] = true
		if !r.c.allowed(lu) {
			r.ledgerURL(schemas.LedgerKindAttachment, lu.String(), f.FinalURL, schemas.OutcomeError, "attachment link leaves the allowed hosts: not followed")
			continue
		}
		if cp := r.attachment(lu.String(), l.Name, f.FinalURL); cp != nil {
			caps = append(caps, *cp)
		}
	}
	if r.ctx.Err() != nil {
		return
	}
	pub := it.Published
	if pub.IsZero() {
		pub = meta.Published
	}
	if pub.IsZero() {
		pub = dateFromURL(f.FinalURL)
	}
	d := schemas.Disclosure{
		Source: r.c.p.ID, ListURL: it.ListURL, Title: title, PublishedAt: pub, Region: r.c.p.Region,
		Page:        f.capture(),
		Attachments: caps,
	}
	if err := r.sink.Disclosure(r.ctx, d); err != nil {
		r.cancel(fmt.Errorf("sink refused disclosure %s: %w", it.URL, err))
		return
	}
	if r.state != nil {
		if err := r.state.handed(schemas.CanonicalURL(it.URL), f.SHA); err != nil {
			r.cancel(err)
		}
	}
}

// attachment fetches one attachment once per run (a file linked from two
// articles is fetched and ledgered once, and attached to both).
func (r *run) attachment(u, name, parent string) *schemas.Capture {
	key := schemas.CanonicalURL(u)
	r.mu.Lock()
	ar, ok := r.atts[key]
	if !ok {
		ar = &attResult{done: make(chan struct{})}
		r.atts[key] = ar
	}
	r.mu.Unlock()
	if ok {
		select {
		case <-ar.done:
		case <-r.ctx.Done():
			return nil
		}
		return ar.cap
	}
	defer close(ar.done)
	f := r.fetch(fetchSpec{method: http.MethodGet, url: u, referer: parent, kind: schemas.LedgerKindAttachment})
	outcome, detail := r.classifyAttachment(f)
	r.ledger(schemas.LedgerKindAttachment, parent, f, outcome, detail)
	if outcome != schemas.OutcomeOK && outcome != schemas.OutcomeNotModified {
		return nil
	}
	cp := f.capture()
	cp.FileName = attachmentName(f, name)
	ar.cap = &cp
	return ar.cap
}

// attachmentName picks Content-Disposition, then anchor text, then the URL
// path, and sanitises the result.
func attachmentName(f *fetchResult, anchor string) string {
	ext := ""
	if n := sanitizeFilename(dispositionFilename(f.Header.Get("Content-Disposition"))); n != "" {
		return n
	}
	fu, _ := url.Parse(f.FinalURL)
	if fu != nil {
		ext = path.Ext(fu.Path)
	}
	if ou, _ := url.Parse(f.URL); ou != nil {
		if q := ou.Query(); q.Get("filename") != "" && path.Ext(q.Get("filename")) != "" {
			ext = path.Ext(q.Get("filename"))
		} else if ext == "" || ext == ".jsp" || ext == ".do" {
			ext = path.Ext(ou.Path)
		}
	}
	if ext == ".jsp" || ext == ".do" || len(ext) > 6 {
		ext = ""
	}
	if n := sanitizeFilename(cleanAnchorName(anchor)); n != "" {
		if path.Ext(n) == "" || !isAttachmentExt(path.Ext(n)) {
			n += ext
		}
		return n
	}
	if fu != nil {
		b := path.Base(fu.Path)
		if un, err := url.PathUnescape(b); err == nil {
			b = un
		}
		return sanitizeFilename(b)
	}
	return ""
}

// pageKey identifies a list page: a directory and its index.html are one
// page.
func pageKey(u *url.URL) string {
	k := schemas.CanonicalURL(u.String())
	for _, idx := range []string{"index.html", "index.shtml", "index.htm"} {
		if strings.HasSuffix(u.Path, "/"+idx) && u.RawQuery == "" {
			return strings.TrimSuffix(k, idx)
		}
	}
	return k
}
