package crawl

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/budgetfeed/budgetfeed/sources/mockportal"
)

// memSink records what a harvest hands over.
type memSink struct {
	mu     sync.Mutex
	discs  []schemas.Disclosure
	ledger []schemas.LedgerEntry
}

func (s *memSink) Disclosure(ctx context.Context, d schemas.Disclosure) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.discs = append(s.discs, d)
	return ctx.Err()
}

func (s *memSink) Ledger(e schemas.LedgerEntry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ledger = append(s.ledger, e)
}

// relPath turns an absolute URL on root into the portal-relative key used
// by mockportal.Expect (path plus query).
func relPath(root, u string) string {
	r := strings.TrimPrefix(u, root)
	if pu, err := url.Parse(r); err == nil && pu.RawQuery == "" {
		return pu.Path
	}
	return r
}

func testOptions(t *testing.T) Options {
	o := DefaultOptions()
	o.Contact = "data@budgetfeed.example"
	o.Parallelism = 4
	o.Timeout = 250 * time.Millisecond
	o.Retries = 2
	o.BackoffBase = 10 * time.Millisecond
	o.BackoffMax = 50 * time.Millisecond
	o.MaxAttachmentBytes = 64 << 10
	o.WARCDir = t.TempDir()
	o.StateDir = t.TempDir()
	return o
}

func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func harvest(t *testing.T, p Profile, o Options) *memSink {
	t.Helper()
	c, err := New(p, o, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	sink := &memSink{}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.Harvest(ctx, sink); err != nil {
		t.Fatalf("Harvest: %v", err)
	}
	if err := c.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := c.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	return sink
}

// checkExpect compares a harvest with what the portal says a correct crawl
// yields: the exact set of disclosures and attachments, the outcome of every
// trap, file names, and paths never requested.
func checkExpect(t *testing.T, p *mockportal.Portal, sink *memSink) {
	t.Helper()
	root := p.Root()
	got := map[string][]string{}
	for _, d := range sink.discs {
		k := relPath(root, d.Page.URL)
		if _, dup := got[k]; dup {
			t.Errorf("disclosure %s handed over twice", k)
		}
		var atts []string
		for _, a := range d.Attachments {
			atts = append(atts, relPath(root, a.URL))
		}
		sort.Strings(atts)
		got[k] = atts
	}
	for k, want := range p.Expect.Disclosures {
		g, ok := got[k]
		if !ok {
			t.Errorf("missing disclosure %s", k)
			continue
		}
		if !slices.Equal(g, want) {
			t.Errorf("disclosure %s attachments\n got %v\nwant %v", k, g, want)
		}
	}
	for k := range got {
		if _, ok := p.Expect.Disclosures[k]; !ok {
			t.Errorf("unexpected disclosure handed over: %s", k)
		}
	}
	outcomes := map[string][]string{}
	for _, e := range sink.ledger {
		k := relPath(root, e.URL)
		outcomes[k] = append(outcomes[k], e.Outcome)
	}
	for k, want := range p.Expect.Outcomes {
		if !slices.Contains(outcomes[k], want) {
			t.Errorf("ledger for %s: got %v, want %s", k, outcomes[k], want)
		}
	}
	// Every disclosure page and attachment is ledgered ok.
	for k, atts := range p.Expect.Disclosures {
		for _, u := range append([]string{k}, atts...) {
			if !slices.Contains(outcomes[u], schemas.OutcomeOK) && !slices.Contains(outcomes[u], schemas.OutcomeNotModified) {
				t.Errorf("ledger for %s: got %v, want ok", u, outcomes[u])
			}
		}
	}
	names := map[string]string{}
	for _, d := range sink.discs {
		for _, a := range d.Attachments {
			names[relPath(root, a.URL)] = a.FileName
		}
	}
	for k, want := range p.Expect.FileNames {
		if names[k] != want {
			t.Errorf("file name of %s: got %q, want %q", k, names[k], want)
		}
	}
	for _, k := range p.Expect.NeverFetched {
		if n := p.Hits(k); n != 0 {
			t.Errorf("%s was requested %d times; a focused, polite crawler never asks for it", k, n)
		}
	}
}

// checkEvidence verifies that every capture points at a WARC response
// record holding exactly its payload.
func checkEvidence(t *testing.T, warcDir string, sink *memSink) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(warcDir, "*.warc.gz"))
	if len(files) == 0 {
		t.Fatal("no WARC written")
	}
	recs := map[string]warcRecord{}
	for _, f := range files {
		rs, err := readWARC(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			recs[filepath.Base(f)+" "+r.Header["WARC-Record-ID"]] = r
		}
	}
	check := func(c schemas.Capture) {
		sum := sha256.Sum256(c.Body)
		if hex.EncodeToString(sum[:]) != c.PayloadSHA256 {
			t.Errorf("%s: payload sha256 does not match body", c.URL)
		}
		r, ok := recs[c.WARCFile+" "+c.WARCRecordID]
		if !ok {
			t.Errorf("%s: WARC record %s %s not found", c.URL, c.WARCFile, c.WARCRecordID)
			return
		}
		// A decoded payload (gzip) is a conversion record referring to the
		// response as received.
		conv := r.Header["WARC-Type"] == "conversion" && r.Header["WARC-Refers-To"] != ""
		if (r.Header["WARC-Type"] != "response" && !conv) || r.Header["WARC-Payload-Digest"] != "sha256:"+c.PayloadSHA256 {
			t.Errorf("%s: WARC record %v does not hold the payload", c.URL, r.Header)
		}
		if !strings.HasSuffix(string(r.Block), string(c.Body)) {
			t.Errorf("%s: WARC block does not end with the payload", c.URL)
		}
	}
	for _, d := range sink.discs {
		check(d.Page)
		for _, a := range d.Attachments {
			check(a)
		}
	}
	for _, e := range sink.ledger {
		if e.StatusCode != 0 && e.WARCRecordID == "" {
			t.Errorf("ledger %s (%s) has a status but no WARC record", e.URL, e.Outcome)
		}
	}
}

// TestHarvestTRSFromHomePage is the done-when: from only the home
// URL of a TRS portal it has never seen, the crawler harvests every
// disclosure, hands over no trap page, and ledgers every outcome.
func TestHarvestTRSFromHomePage(t *testing.T) {
	portal := mockportal.NewTRS(mockportal.TRSOptions{})
	defer portal.Close()
	o := testOptions(t)
	sink := harvest(t, Profile{ID: "mock-trs", Family: FamilyAuto, StartURLs: []string{portal.URL("/")}}, o)
	checkExpect(t, portal.Portal, sink)
	checkEvidence(t, o.WARCDir, sink)
	if t.Failed() {
		dumpLedger(t, sink)
	}

	root := portal.Root()
	attempts := map[string]int32{}
	for _, e := range sink.ledger {
		attempts[relPath(root, e.URL)] = e.Attempts
	}
	for _, tc := range []struct {
		path string
		want int32
	}{
		{"/zwgk/fdzdgknr/czyjs/202601/t20260119_1010.html", 2}, // 429 then 200
		{"/zwgk/fdzdgknr/czyjs/202601/t20260120_1011.html", 3}, // 503, 500, 200
		{"/zwgk/fdzdgknr/czyjs/202601/t20260121_1012.html", 3}, // timeouts
	} {
		if attempts[tc.path] != tc.want {
			t.Errorf("attempts for %s: got %d, want %d", tc.path, attempts[tc.path], tc.want)
		}
	}
	// GBK pages decoded: titles and text are proper UTF-8 Chinese.
	for _, d := range sink.discs {
		if strings.Contains(d.Page.URL, "t20260110_1001") {
			if d.Page.Charset != "gb18030" || !strings.Contains(d.Page.Text, "现将区财政局2026年部门预算公开如下") {
				t.Errorf("GBK article decoded as %s: %.80q", d.Page.Charset, d.Page.Text)
			}
			if d.Title != "区财政局2026年部门预算" || d.PublishedAt.Format("2006-01-02") != "2026-01-10" {
				t.Errorf("title/date: %q %v", d.Title, d.PublishedAt)
			}
		}
		if strings.Contains(d.Page.URL, "t20260120_1011") && !strings.Contains(d.Page.Text, "区司法局2026年部门预算公开") {
			t.Errorf("header utf-8 over GBK bytes not detected: %s %.80q", d.Page.Charset, d.Page.Text)
		}
	}
}

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(runChild())
	}
	os.Exit(m.Run())
}

func dumpLedger(t *testing.T, s *memSink) {
	for _, e := range s.ledger {
		t.Logf("%-10s %-18s %3d %s %s", e.Kind, e.Outcome, e.StatusCode, e.URL, e.Detail)
	}
}
