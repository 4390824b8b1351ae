package crawl

import (
	"bytes"
	"net/url"
	"strings"
	"testing"

	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/budgetfeed/budgetfeed/sources/mockportal"
)

// TestHarvestNetworkQuirks: an HTTPS portal with a self-signed certificate
// is refused (ledger error naming the TLS reason) unless the profile sets
// insecure_tls, in which case every quirk of portals.md N1–N4 is handled:
// http links on the HTTPS host, an https link to a plain-HTTP host, a reset
// mid-body (retried, never published truncated), a redirect loop (bounded,
// ledgered), gzip bodies without Content-Encoding and an octet-stream PDF.
func TestHarvestNetworkQuirks(t *testing.T) {
	n := mockportal.NewNetwork()
	defer n.Close()
	host := func(p *mockportal.Portal) string { u, _ := url.Parse(p.Root()); return u.Host }
	hosts := []string{host(n.Portal), host(n.Plain)}

	t.Run("self-signed-refused", func(t *testing.T) {
		n.ResetHits()
		o := testOptions(t)
		sink := harvest(t, Profile{ID: "net-strict", Family: FamilyAuto, StartURLs: []string{n.URL("/")}, AllowedHosts: hosts}, o)
		if len(sink.discs) != 0 {
			t.Errorf("%d disclosures from a portal whose certificate does not verify", len(sink.discs))
		}
		found := false
		for _, e := range sink.ledger {
			if relPath(n.Root(), e.URL) == "/" {
				found = true
				if e.Outcome != schemas.OutcomeError || !strings.Contains(e.Detail, "certificate") || !strings.Contains(e.Detail, "insecure_tls") || e.Attempts != 1 {
					t.Errorf("home page ledger: %s attempts %d %q", e.Outcome, e.Attempts, e.Detail)
				}
			}
		}
		if !found {
			t.Error("home page not ledgered")
		}
		if n.Hits("/") != 0 {
			t.Error("a request reached the server although the handshake must fail")
		}
		if t.Failed() {
			dumpLedger(t, sink)
		}
	})

	t.Run("insecure-tls", func(t *testing.T) {
		n.ResetHits()
		o := testOptions(t)
		sink := harvest(t, Profile{ID: "net-insecure", Family: FamilyAuto, StartURLs: []string{n.URL("/")}, AllowedHosts: hosts, InsecureTLS: true}, o)
		// Disclosures on the HTTPS host are checked against Expect; the one
		// on the plain host separately.
		tlsSink := &memSink{ledger: sink.ledger}
		var plainDiscs []schemas.Disclosure
		for _, d := range sink.discs {
			if strings.HasPrefix(d.Page.URL, n.Root()) {
				tlsSink.discs = append(tlsSink.discs, d)
			} else {
				plainDiscs = append(plainDiscs, d)
			}
		}
		checkExpect(t, n.Portal, tlsSink)
		checkEvidence(t, o.WARCDir, tlsSink)
		if len(plainDiscs) != 1 || plainDiscs[0].Page.URL != n.Plain.URL(n.PlainArticle) || len(plainDiscs[0].Attachments) != 1 {
			t.Errorf("plain-host disclosure: %+v", plainDiscs)
		}
		for _, d := range sink.discs {
			if !strings.HasPrefix(d.Page.URL, "https://") && strings.HasPrefix(d.Page.URL, "http://"+hosts[0]) {
				t.Errorf("%s fetched over http on an HTTPS-only host", d.Page.URL)
			}
			if strings.HasSuffix(d.Page.URL, n.GzipArticle) && !strings.Contains(d.Page.Text, "区教育局2026年部门预算公开如下") {
				t.Errorf("gzip page without Content-Encoding not decoded: %.60q", d.Page.Text)
			}
			for _, a := range d.Attachments {
				if !bytes.HasPrefix(a.Body, []byte("%PDF")) {
					t.Errorf("%s: capture does not start like the PDF: %q", a.URL, a.Body[:min(8, len(a.Body))])
				}
				if strings.HasSuffix(a.URL, n.ResetOnce) && len(a.Body) != 50<<10 {
					t.Errorf("reset-once attachment captured with %d bytes, want %d", len(a.Body), 50<<10)
				}
			}
		}
		var tlsNoted, gzipNoted, switched bool
		for _, e := range sink.ledger {
			k := relPath(n.Root(), e.URL)
			switch {
			case k == n.ResetOnce && e.Attempts != 2:
				t.Errorf("reset-once: %d attempts, want 2", e.Attempts)
			case k == n.ResetAlways && (e.Attempts != 3 || e.Bytes != 0 || e.SHA256 != ""):
				t.Errorf("reset-always: attempts %d bytes %d sha %q", e.Attempts, e.Bytes, e.SHA256)
			case k == n.Loop && !strings.Contains(e.Detail, "redirect loop"):
				t.Errorf("loop detail %q", e.Detail)
			}
			tlsNoted = tlsNoted || strings.Contains(e.Detail, "TLS certificate not verified")
			gzipNoted = gzipNoted || (k == n.GzipPDF && strings.Contains(e.Detail, "gzip body sent without Content-Encoding"))
			switched = switched || (strings.Contains(e.URL, n.PlainArticle) && e.Outcome == schemas.OutcomeOK && strings.Contains(e.Detail, "scheme switched"))
		}
		if !tlsNoted || !gzipNoted || !switched {
			t.Errorf("ledger notes: unverified TLS %v, gzip %v, scheme switch %v", tlsNoted, gzipNoted, switched)
		}
		if h := n.Hits(n.Loop); h > 2 {
			t.Errorf("redirect loop requested %d times", h)
		}
		if t.Failed() {
			dumpLedger(t, sink)
		}
	})
}
