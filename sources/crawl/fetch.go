package crawl

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"

	"github.com/budgetfeed/budgetfeed/schemas"
)

type fetchSpec struct {
	method  string
	url     string
	form    url.Values // POST body (form-encoded) when set
	referer string
	kind    string
	// switched: this is the other-scheme retry of a URL whose scheme failed
	// at the transport level (no further switching).
	switched bool
}

// fetchResult is the outcome of one logical fetch (after retries).
type fetchResult struct {
	URL         string
	FinalURL    string
	Status      int
	Header      http.Header
	ContentType string
	Body        []byte
	SHA         string
	WARCFile    string
	RecordID    string
	FetchedAt   time.Time
	Attempts    int
	TooLarge    bool
	Err         error
	Notes       []string // unusual but accepted exchange details (ledger Detail)

	// Transport-level outcome, "" when a response was received.
	ErrOutcome string
	ErrDetail  string

	// NotModified: the server answered 304 and Body/SHA/WARC* describe the
	// capture stored by an earlier run (the 304 itself is in RevalRecordID).
	NotModified    bool
	RevalWARCFile  string
	RevalRecordID  string
	Text           string
	Charset        string
	Doc            *goquery.Document
	origFetchedAt  time.Time
	origStatusCode int
}

// capture turns a result into the evidence handed to the pipeline.
func (f *fetchResult) capture() schemas.Capture {
	cp := schemas.Capture{
		URL: f.URL, FinalURL: f.FinalURL, StatusCode: f.Status, ContentType: f.ContentType,
		Body: f.Body, Text: f.Text, Charset: f.Charset, FetchedAt: f.FetchedAt,
		WARCFile: f.WARCFile, WARCRecordID: f.RecordID, PayloadSHA256: f.SHA,
	}
	if f.NotModified {
		cp.StatusCode = f.origStatusCode
		cp.FetchedAt = f.origFetchedAt
	}
	return cp
}

func (r *run) limitFor(kind string) int64 {
	if kind == schemas.LedgerKindAttachment {
		return r.c.o.MaxAttachmentBytes
	}
	return r.c.o.MaxPageBytes
}

// fetch runs one request through colly with retries: exponential backoff on
// 5xx, timeouts and connection errors; Retry-After (capped) on 429/503.
func (r *run) fetch(sp fetchSpec) *fetchResult {
	if !sp.switched {
		sp.url = r.preferScheme(sp.url)
	}
	res := r.fetchOnce(sp)
	if res.ErrOutcome == schemas.OutcomeError && !sp.switched && res.Err != nil && schemeSwitchable(res.Err) {
		if alt, ok := r.otherScheme(sp.url); ok {
			sp2 := sp
			sp2.url, sp2.switched = alt, true
			res2 := r.fetchOnce(sp2)
			if res2.ErrOutcome == "" {
				res2.Attempts += res.Attempts
				res2.Notes = append(res2.Notes, "scheme switched: "+sp.url+" failed ("+res.ErrDetail+")")
				r.learnScheme(res2.FinalURL)
				return res2
			}
		}
	}
	if res.ErrOutcome == "" {
		r.learnScheme(res.FinalURL)
	}
	return res
}

// fetchOnce is fetch without scheme switching.
func (r *run) fetchOnce(sp fetchSpec) *fetchResult {
	o := r.c.o
	res := &fetchResult{URL: sp.url, FinalURL: sp.url, Header: http.Header{}}
	var prior *fetchRec
	if r.state != nil && sp.method == http.MethodGet {
		prior = r.state.lookup(schemas.CanonicalURL(sp.url))
	}
	for attempt := 1; ; attempt++ {
		res.Attempts = attempt
		id, s := r.rt.register(r.limitFor(sp.kind))
		hdr := http.Header{}
		hdr.Set(hdrFetchID, id)
		hdr.Set("User-Agent", r.c.userAgent())
		hdr.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
		hdr.Set("Accept-Language", "zh-CN,zh;q=0.9")
		if sp.referer != "" {
			hdr.Set("Referer", sp.referer)
		}
		if prior != nil {
			if prior.ETag != "" {
				hdr.Set("If-None-Match", prior.ETag)
			}
			if prior.LastModified != "" {
				hdr.Set("If-Modified-Since", prior.LastModified)
			}
		}
		var body *strings.Reader
		var err error
		if sp.form != nil {
			body = strings.NewReader(sp.form.Encode())
			hdr.Set("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
			err = r.col.Request(sp.method, sp.url, body, nil, hdr)
		} else {
			err = r.col.Request(sp.method, sp.url, nil, nil, hdr)
		}
		r.rt.release(id)
		res.Err = err
		res.ErrOutcome, res.ErrDetail = "", ""
		res.Status = s.status
		if s.status != 0 {
			res.FinalURL = s.finalURL
			res.Header = s.header
			res.ContentType = s.header.Get("Content-Type")
			res.Body, res.SHA = s.body, s.sha
			res.WARCFile, res.RecordID, res.FetchedAt = s.warcFile, s.recordID, s.fetchedAt
			res.TooLarge = s.tooLarge
			res.Notes = s.notes
			if s.warcErr != nil {
				r.c.log.Error("warc write failed", "url", sp.url, "err", s.warcErr)
			}
		}
		if r.ctx.Err() != nil {
			res.ErrOutcome, res.ErrDetail = schemas.OutcomeError, "cancelled"
			return res
		}
		retry, wait := false, time.Duration(0)
		switch {
		case err != nil && (errors.Is(err, colly.ErrRobotsTxtBlocked)):
			res.ErrOutcome, res.ErrDetail = schemas.OutcomeRobotsDisallowed, "robots.txt disallows this URL"
			res.Status = 0
		case err != nil && errors.Is(err, errOffDomain):
			res.ErrOutcome, res.ErrDetail = schemas.OutcomeOffDomainRedirect, err.Error()
		case err != nil && errors.Is(err, errPrivateAddress):
			res.ErrOutcome, res.ErrDetail = schemas.OutcomeOffDomainRedirect, err.Error()
		case err != nil && errors.Is(err, errRedirectLoop):
			// Deterministic: never retried.
			res.ErrOutcome, res.ErrDetail = schemas.OutcomeError, err.Error()
			res.Status = 0
		case err != nil && isCertError(err):
			res.ErrOutcome = schemas.OutcomeError
			res.ErrDetail = "TLS certificate rejected (" + err.Error() + "); set insecure_tls: true in the profile to accept this portal's certificate"
			res.Status = 0
		case err != nil && s.status == 0 && schemeMismatch(err):
			// Plain HTTP on a TLS port or the reverse: retrying is useless.
			res.ErrOutcome, res.ErrDetail = classifyErr(err)
		case err != nil && s.status == 0:
			res.ErrOutcome, res.ErrDetail = classifyErr(err)
			retry = true
		case s.tooLarge:
			// never retried, never published truncated
		case s.status == http.StatusNotModified:
		case isChallengeStatus(s.status, s.header, s.body):
			// recorded, never bypassed, never hammered
		case s.status == http.StatusTooManyRequests || s.status == http.StatusServiceUnavailable:
			retry = true
			wait = retryAfter(s.header.Get("Retry-After"), o.BackoffMax)
		case s.status >= 500:
			retry = true
		}
		if !retry || attempt > o.Retries {
			break
		}
		if wait <= 0 {
			wait = backoff(o.BackoffBase, o.BackoffMax, attempt)
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-r.ctx.Done():
			t.Stop()
			res.ErrOutcome, res.ErrDetail = schemas.OutcomeError, "cancelled"
			return res
		}
	}
	if res.ErrOutcome != "" {
		return res
	}
	if res.Status == http.StatusNotModified && prior != nil {
		if b, err := r.state.blob(prior.SHA); err == nil {
			res.NotModified = true
			res.RevalWARCFile, res.RevalRecordID = res.WARCFile, res.RecordID
			res.Body, res.SHA = b, prior.SHA
			res.ContentType = prior.ContentType
			res.FinalURL = prior.FinalURL
			res.WARCFile, res.RecordID = prior.WARCFile, prior.RecordID
			res.origFetchedAt, res.origStatusCode = prior.FetchedAt, prior.Status
			if prior.Disposition != "" {
				res.Header.Set("Content-Disposition", prior.Disposition)
			}
			res.Header.Set("Content-Type", prior.ContentType)
		} else {
			res.ErrOutcome, res.ErrDetail = schemas.OutcomeError, "304 but the stored copy is missing: "+err.Error()
		}
	}
	return res
}

// recordState journals a fresh 200 capture for conditional re-fetches.
func (r *run) recordState(f *fetchResult) {
	if r.state == nil || f.NotModified || f.Status != http.StatusOK || f.TooLarge {
		return
	}
	rec := fetchRec{
		URL: schemas.CanonicalURL(f.URL), FinalURL: f.FinalURL, ETag: f.Header.Get("ETag"),
		LastModified: f.Header.Get("Last-Modified"), SHA: f.SHA, ContentType: f.ContentType,
		Disposition: f.Header.Get("Content-Disposition"), WARCFile: f.WARCFile, RecordID: f.RecordID,
		Status: f.Status, FetchedAt: f.FetchedAt,
	}
	if err := r.state.recordFetch(rec, f.Body); err != nil {
		r.c.log.Warn("state journal write failed", "url", f.URL, "err", err)
	}
}

// isCertError: the server's certificate failed verification (self-signed,
// expired, wrong host).
func isCertError(err error) bool {
	var cve *tls.CertificateVerificationError
	var ua x509.UnknownAuthorityError
	var ci x509.CertificateInvalidError
	var he x509.HostnameError
	return errors.As(err, &cve) || errors.As(err, &ua) || errors.As(err, &ci) || errors.As(err, &he)
}

// schemeMismatch: TLS spoken to a plain-HTTP port or plain HTTP to a TLS
// one; deterministic, so never retried under the same scheme.
func schemeMismatch(err error) bool {
	var rhe tls.RecordHeaderError
	return errors.As(err, &rhe) || strings.Contains(err.Error(), "server gave HTTP response to HTTPS client")
}

// schemeSwitchable: the transport failed in a way that the other scheme on
// the same host may fix (TLS spoken to a plain-HTTP port, a handshake
// failure, a refused connection).
func schemeSwitchable(err error) bool {
	var rhe tls.RecordHeaderError
	var ae tls.AlertError
	if errors.As(err, &rhe) || errors.As(err, &ae) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EPROTO) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "server gave HTTP response to HTTPS client") || strings.Contains(msg, "tls: ") && !isCertError(err)
}

// preferScheme rewrites a URL to the scheme its host is known to serve
// (the scheme of a start URL on that host, or of an earlier success):
// portals link their own pages under http:// and https:// at random.
func (r *run) preferScheme(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return raw
	}
	v, ok := r.schemes.Load(hostKey(u))
	if !ok || v.(string) == u.Scheme {
		return raw
	}
	return switchScheme(u, v.(string))
}

func (r *run) otherScheme(raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	if _, known := r.schemes.Load(hostKey(u)); known {
		return "", false // the host answered under its scheme before
	}
	switch u.Scheme {
	case "http":
		return switchScheme(u, "https"), true
	case "https":
		return switchScheme(u, "http"), true
	}
	return "", false
}

func (r *run) learnScheme(raw string) {
	if u, err := url.Parse(raw); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		r.schemes.LoadOrStore(hostKey(u), u.Scheme)
	}
}

// switchScheme changes the scheme, keeping a non-default port and dropping
// the old default one.
func switchScheme(u *url.URL, scheme string) string {
	v := *u
	v.Scheme = scheme
	if p := u.Port(); p == "80" || p == "443" {
		v.Host = u.Hostname()
		if strings.Contains(v.Host, ":") {
			v.Host = "[" + v.Host + "]"
		}
	}
	return v.String()
}

func classifyErr(err error) (string, string) {
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return schemas.OutcomeTimeout, err.Error()
	case errors.Is(err, errOffDomain), errors.Is(err, errPrivateAddress):
		return schemas.OutcomeOffDomainRedirect, err.Error()
	}
	return schemas.OutcomeError, err.Error()
}

func backoff(base, maxWait time.Duration, attempt int) time.Duration {
	d := base << (attempt - 1)
	if d <= 0 || d > maxWait {
		d = maxWait
	}
	// ±20% jitter so parallel retries do not march in step.
	j := time.Duration(rand.Int64N(int64(d)/5 + 1))
	return d - d/10 + j
}

// retryAfter parses Retry-After (delta seconds or an HTTP date), capped.
func retryAfter(v string, capWait time.Duration) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if n, err := strconv.Atoi(v); err == nil {
		d = time.Duration(n) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = time.Until(t)
	}
	if d < 0 {
		d = 0
	}
	if d > capWait {
		d = capWait
	}
	return d
}

var (
	reRuishu  = regexp.MustCompile(`\$_ts\s*=|\$_ts\[|r=['"]m['"]`)
	reJSL     = regexp.MustCompile(`__jsl_clearance|__jsluid`)
	reTitle   = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)
	reJSHome  = regexp.MustCompile(`(?i)(?:window\.|document\.|top\.)?location(?:\.href)?\s*(?:=|\.replace\(|\.assign\()\s*['"]([^'"]*)['"]`)
	soft404Kw = []string{"页面不存在", "找不到", "无法找到", "页面未找到", "not found", "已被删除", "网站维护中", "系统维护"}
	// "404" only as an error label ("404", "404 错误", "Error 404"), never
	// as a number inside a title (第404号, 第4040单位).
	re404   = regexp.MustCompile(`(?i)^\W*404\W*$|404\s*(错误|error|not found|页面)|(错误|error)\s*[:：]?\s*404`)
	blockKw = []string{"403 forbidden", "访问被拒绝", "访问受限", "非法访问", "禁止访问"}
)

// isChallengeStatus recognises WAF challenges by status and markers:
// Ruishu (412, 202 or 200 with $_ts), Jiasule (521, __jsl_clearance,
// X-Via-JSL).
func isChallengeStatus(status int, h http.Header, body []byte) bool {
	switch status {
	case 412, 521:
		return true
	}
	if h.Get("X-Via-JSL") != "" && status != http.StatusOK {
		return true
	}
	if status == 202 || status == 403 || status == 405 {
		return reRuishu.Match(head(body, 64<<10)) || reJSL.Match(head(body, 64<<10))
	}
	return false
}

// decode fills Text/Charset/Doc for textual responses.
func (f *fetchResult) decode() {
	if f.Text != "" || len(f.Body) == 0 {
		return
	}
	f.Text, f.Charset = decodeHTML(f.Body, f.ContentType)
	if d, err := goquery.NewDocumentFromReader(strings.NewReader(f.Text)); err == nil {
		f.Doc = d
	}
}

func isTextual(ct string, body []byte) bool {
	lc := strings.ToLower(ct)
	if strings.Contains(lc, "html") || strings.Contains(lc, "xml") || strings.Contains(lc, "json") || strings.Contains(lc, "javascript") || strings.HasPrefix(lc, "text/") {
		return true
	}
	return looksHTML(body)
}

// classifyPage decides the ledger outcome of a page, list or article and
// decodes it. Only "ok" and "not_modified" pages are used.
func (r *run) classifyPage(f *fetchResult) (string, string) {
	if f.ErrOutcome != "" {
		return f.ErrOutcome, f.ErrDetail
	}
	if f.TooLarge {
		return schemas.OutcomeTooLarge, fmt.Sprintf("body over max_page_bytes %d (Content-Length %s)", r.c.o.MaxPageBytes, f.Header.Get("Content-Length"))
	}
	if o, d, bad := statusOutcome(f); bad {
		return o, d
	}
	if !isTextual(f.ContentType, f.Body) {
		return schemas.OutcomeUnsupportedFormat, "expected an HTML page, got " + f.ContentType
	}
	f.decode()
	if o, d, bad := contentTrap(f); bad {
		return o, d
	}
	r.recordState(f)
	if f.NotModified {
		return schemas.OutcomeNotModified, "304: unchanged since " + f.origFetchedAt.Format(time.RFC3339) + "; revalidation record " + f.RevalRecordID
	}
	return schemas.OutcomeOK, ""
}

// classifyAttachment decides the outcome of an attachment fetch. Format
// decisions are the pipeline's: any non-HTML payload is captured.
func (r *run) classifyAttachment(f *fetchResult) (string, string) {
	if f.ErrOutcome != "" {
		return f.ErrOutcome, f.ErrDetail
	}
	if f.TooLarge {
		return schemas.OutcomeTooLarge, fmt.Sprintf("body over max_attachment_bytes %d (Content-Length %s); not published truncated", r.c.o.MaxAttachmentBytes, f.Header.Get("Content-Length"))
	}
	if o, d, bad := statusOutcome(f); bad {
		return o, d
	}
	if len(f.Body) == 0 {
		return schemas.OutcomeSoft404, "empty attachment body"
	}
	if strings.Contains(strings.ToLower(f.ContentType), "text/html") || looksHTML(f.Body) {
		f.decode()
		if o, d, bad := contentTrap(f); bad && o == schemas.OutcomeChallenge {
			return o, d
		}
		return schemas.OutcomeSoft404, "attachment URL answered with an HTML page (" + f.ContentType + ")"
	}
	r.recordState(f)
	if f.NotModified {
		return schemas.OutcomeNotModified, "304: unchanged since " + f.origFetchedAt.Format(time.RFC3339) + "; revalidation record " + f.RevalRecordID
	}
	return schemas.OutcomeOK, ""
}

func statusOutcome(f *fetchResult) (string, string, bool) {
	s := f.Status
	switch {
	case s == http.StatusNotModified && f.NotModified:
		return "", "", false
	case isChallengeStatus(s, f.Header, f.Body):
		return schemas.OutcomeChallenge, challengeDetail(s, f.Header, f.Body), true
	case s == 404 || s == 410:
		return schemas.OutcomeNotFound, fmt.Sprintf("HTTP %d", s), true
	case s >= 200 && s < 300:
		return "", "", false
	default:
		return schemas.OutcomeHTTPError, fmt.Sprintf("HTTP %d after %d attempt(s)", s, f.Attempts), true
	}
}

func challengeDetail(status int, h http.Header, body []byte) string {
	switch {
	case status == 521 || h.Get("X-Via-JSL") != "" || reJSL.Match(head(body, 64<<10)):
		return fmt.Sprintf("Jiasule JS challenge (HTTP %d); not bypassed", status)
	case reRuishu.Match(head(body, 64<<10)) || status == 412:
		return fmt.Sprintf("Ruishu JS challenge (HTTP %d); not bypassed", status)
	}
	return fmt.Sprintf("WAF challenge (HTTP %d); not bypassed", status)
}

// contentTrap detects 200 pages that are not what they claim: challenge
// shells, block pages, soft 404s (error text or a JS redirect home).
func contentTrap(f *fetchResult) (string, string, bool) {
	b := head(f.Body, 64<<10)
	if reRuishu.Match(b) || reJSL.Match(b) {
		return schemas.OutcomeChallenge, challengeDetail(f.Status, f.Header, f.Body), true
	}
	if f.Doc == nil {
		return "", "", false
	}
	title := strings.TrimSpace(f.Doc.Find("title").First().Text())
	bodySel := f.Doc.Find("body").Clone()
	bodySel.Find("script,style,noscript").Remove()
	visible := strings.Join(strings.Fields(bodySel.Text()), " ")
	lt := strings.ToLower(title)
	for _, k := range blockKw {
		if strings.Contains(lt, k) || (utf8.RuneCountInString(visible) < 300 && strings.Contains(strings.ToLower(visible), k)) {
			return schemas.OutcomeChallenge, "block page served with HTTP 200: " + title, true
		}
	}
	short := utf8.RuneCountInString(visible) < 200
	if re404.MatchString(title) || (short && re404.MatchString(visible)) {
		return schemas.OutcomeSoft404, "error page served with HTTP 200: " + firstNonEmpty(title, visible), true
	}
	for _, k := range soft404Kw {
		if strings.Contains(lt, k) || (short && strings.Contains(strings.ToLower(visible), k)) {
			return schemas.OutcomeSoft404, "error page served with HTTP 200: " + firstNonEmpty(title, visible), true
		}
	}
	links := f.Doc.Find("a[href]").Length()
	rest := strings.TrimSpace(strings.ReplaceAll(visible, title, ""))
	if utf8.RuneCountInString(rest) < 10 && links == 0 && len(attachmentLinks(f.Doc, f.Text, nil)) == 0 &&
		!rePagerCall.MatchString(f.Text) && parseHanweb(f.Text) == nil && !embedsContent(f.Text) &&
		!reGovsearch.MatchString(f.Text) {
		if m := reJSHome.FindSubmatch(f.Body); m != nil {
			if isHomeTarget(string(m[1]), f.FinalURL) {
				return schemas.OutcomeSoft404, "JS redirect to the home page: " + string(m[1]), true
			}
		}
		if f.Doc.Find("script").Length() > 0 || visible == "" {
			return schemas.OutcomeChallenge, "title-only shell (content needs JS or a passed challenge): " + title, true
		}
	}
	return "", "", false
}

func isHomeTarget(target, base string) bool {
	bu, err := url.Parse(base)
	if err != nil {
		return false
	}
	tu, err := bu.Parse(target)
	if err != nil {
		return false
	}
	p := strings.TrimSuffix(tu.Path, "/")
	return p == "" || p == "/index.html" || p == "/index.htm" || p == "/index.shtml" || p == "/404.html"
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x = strings.TrimSpace(x); x != "" {
			if r := []rune(x); len(r) > 80 {
				return string(r[:80])
			}
			return x
		}
	}
	return ""
}

// embedsContent: the page carries its body as JSON inside a script
// (gkmlpt's _CONFIG.DETAIL.content with \u003C escapes), so an empty
// DOM body is not a challenge shell.
func embedsContent(text string) bool {
	return strings.Contains(text, "_CONFIG") || strings.Contains(text, `\u003C`) || strings.Contains(text, `\u003c`)
}
