// Package mockportal serves loopback mock government portals that reproduce
// the quirks of real TRS, Hanweb and JSON-API portals (GBK pages declared
// only in <meta>, script-only pagination and attachments, soft 404s, WAF
// challenges, 429/5xx bursts, slow answers, off-domain redirects, oversized
// attachments, duplicate postings, robots.txt fences, Hanweb dataproxy POST
// paging, JSON/JSONP list APIs). Each portal states what a correct crawler
// must harvest (Expect), so tests and benchmarks compare against it.
//
// Everything listens on 127.0.0.1 only; contents are generated here.
package mockportal

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Expect is what a correct crawl of a portal yields. Keys are paths
// (with query when the URL has one) relative to the portal root.
type Expect struct {
	// Disclosures maps each article that must be handed over to the sorted
	// attachment paths it must carry.
	Disclosures map[string][]string
	// Outcomes maps trap URLs to the ledger outcome they must get.
	Outcomes map[string]string
	// FileNames maps attachment paths to the file name the crawler must
	// derive (Content-Disposition forms, anchor text).
	FileNames map[string]string
	// NeverFetched lists paths a polite, focused crawler never requests.
	NeverFetched []string
}

// Portal is one mock portal on a loopback httptest server.
type Portal struct {
	Expect Expect

	srv    *httptest.Server
	mu     sync.Mutex
	routes map[string]http.HandlerFunc
	hits   map[string]int
	// Modified is the Last-Modified of every static resource.
	Modified time.Time
}

func newPortal() *Portal {
	p := &Portal{
		routes:   map[string]http.HandlerFunc{},
		hits:     map[string]int{},
		Modified: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Expect:   Expect{Disclosures: map[string][]string{}, Outcomes: map[string]string{}, FileNames: map[string]string{}},
	}
	p.srv = httptest.NewUnstartedServer(http.HandlerFunc(p.serve))
	return p
}

func (p *Portal) start() *Portal {
	p.srv.Start()
	return p
}

// URL returns the absolute URL of a path on the portal.
func (p *Portal) URL(path string) string { return p.srv.URL + path }

// Root is the portal's base URL (http://127.0.0.1:port).
func (p *Portal) Root() string { return p.srv.URL }

// Close stops the server.
func (p *Portal) Close() { p.srv.CloseClientConnections(); p.srv.Close() }

// Hits returns how many requests a path (with query, if given) received.
func (p *Portal) Hits(path string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.hits[path]
}

// TotalHits returns the number of requests served.
func (p *Portal) TotalHits() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for k, v := range p.hits {
		if !strings.Contains(k, "?") {
			n += v
		}
	}
	return n
}

// ResetHits clears the request counters.
func (p *Portal) ResetHits() {
	p.mu.Lock()
	p.hits = map[string]int{}
	p.mu.Unlock()
}

func (p *Portal) serve(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.hits[r.URL.Path]++
	if r.URL.RawQuery != "" {
		p.hits[r.URL.Path+"?"+r.URL.RawQuery]++
	}
	h := p.routes[r.URL.Path]
	p.mu.Unlock()
	if h == nil {
		http.NotFound(w, r)
		return
	}
	h(w, r)
}

func (p *Portal) handle(path string, h http.HandlerFunc) { p.routes[path] = h }

// static serves fixed bytes with ETag and Last-Modified, honouring
// conditional requests.
func (p *Portal) static(path, contentType string, body []byte) {
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	p.handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", p.Modified.Format(http.TimeFormat))
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		if inm := r.Header.Get("If-None-Match"); inm != "" && inm == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if ims := r.Header.Get("If-Modified-Since"); ims != "" && r.Header.Get("If-None-Match") == "" {
			if t, err := http.ParseTime(ims); err == nil && !p.Modified.After(t) {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		_, _ = w.Write(body)
	})
}

// GBK encodes UTF-8 text as GBK bytes (panics on unencodable text, which
// is a fixture bug).
func GBK(s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(fmt.Sprintf("mockportal: GBK encode %q: %v", s, err))
	}
	return b
}

// GB18030 encodes text as GB18030 (for characters outside GBK).
func GB18030(s string) []byte {
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(fmt.Sprintf("mockportal: GB18030 encode %q: %v", s, err))
	}
	return b
}

func (p *Portal) disclose(article string, atts ...string) {
	a := append([]string{}, atts...)
	sort.Strings(a)
	p.Expect.Disclosures[article] = a
}

// fakePDF returns bytes that start like a PDF and are unique per name.
func fakePDF(name string, size int) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.4\n% budgetfeed mock attachment " + name + "\n")
	for b.Len() < size {
		b.WriteString("0 0 obj << /Mock (" + name + ") >> endobj\n")
	}
	return []byte(b.String()[:max(size, 64)])
}

// fakeZip returns bytes that start like a ZIP file.
func fakeZip(name string, size int) []byte {
	out := make([]byte, size)
	copy(out, "PK\x03\x04mock "+name)
	for i := 32; i < size; i++ {
		out[i] = byte(i * 7)
	}
	return out
}

// fakeOLE returns bytes that start like an OLE2 (.xls/.doc) file.
func fakeOLE(name string, size int) []byte {
	out := make([]byte, size)
	copy(out, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1mock "+name)
	return out
}
