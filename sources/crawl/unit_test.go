package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/budgetfeed/budgetfeed/sources/mockportal"
)

func TestDecodeHTML(t *testing.T) {
	const zh = "区财政局2026年部门预算（镕堃）"
	gbkBody := func(meta string) []byte {
		return mockportal.GB18030("<html><head>" + meta + "<title>t</title></head><body>" + zh + "</body></html>")
	}
	utf8Body := func(meta string) []byte {
		return []byte("<html><head>" + meta + "<title>t</title></head><body>" + zh + "</body></html>")
	}
	tests := []struct {
		name, ct    string
		body        []byte
		wantCharset string
	}{
		{"meta only gb2312", "text/html", gbkBody(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`), "gb18030"},
		{"meta charset=gbk without media type", "text/html", gbkBody(`<meta http-equiv="Content-Type" content="charset=gbk">`), "gb18030"},
		{"header only gbk", "text/html; charset=GBK", gbkBody(""), "gb18030"},
		{"header utf-8 lies over gbk bytes", "text/html; charset=utf-8", gbkBody(`<meta charset="gbk">`), "gb18030"},
		{"header utf-8 lies, no meta", "text/html; charset=utf-8", gbkBody(""), "gb18030"},
		{"header gbk lies over utf-8 bytes with utf-8 meta", "text/html; charset=gbk", utf8Body(`<meta charset="utf-8">`), "utf-8"},
		{"meta gb2312 stale, bytes are utf-8", "text/html", utf8Body(`<meta charset="gb2312">`), "utf-8"},
		{"no declaration, utf-8", "text/html", utf8Body(""), "utf-8"},
		{"no declaration, gbk", "", gbkBody(""), "gb18030"},
		{"utf-8 BOM", "text/html", append([]byte("\xef\xbb\xbf"), utf8Body("")...), "utf-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, cs := decodeHTML(tc.body, tc.ct)
			if cs != tc.wantCharset || !strings.Contains(text, zh) {
				t.Errorf("got charset %s text %.60q; want %s with %q", cs, text, tc.wantCharset, zh)
			}
		})
	}
}

func TestDispositionFilename(t *testing.T) {
	gbk := string(mockportal.GBK("部门预算表.xls"))
	tests := []struct{ name, header, want string }{
		{"raw gbk quoted", `attachment; filename="` + gbk + `"`, "部门预算表.xls"},
		{"raw gbk unquoted", `attachment; filename=` + gbk, "部门预算表.xls"},
		{"percent utf-8 in plain filename", `attachment; filename="%E9%83%A8%E9%97%A8%E9%A2%84%E7%AE%97%E8%A1%A8.xls"`, "部门预算表.xls"},
		{"rfc5987 gbk", `attachment; filename*=GBK''%B2%BF%C3%C5%D4%A4%CB%E3%B1%ED.xls`, "部门预算表.xls"},
		{"rfc5987 utf-8 wins over filename", `attachment; filename="x.xls"; filename*=UTF-8''%E9%83%A8%E9%97%A8%E9%A2%84%E7%AE%97%E8%A1%A8.xls`, "部门预算表.xls"},
		{"plain ascii", `inline; filename=report.pdf`, "report.pdf"},
		{"quoted with semicolon", `attachment; filename="a;b.pdf"`, "a;b.pdf"},
		{"none", `attachment`, ""},
		{"empty", ``, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := dispositionFilename(tc.header); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSanitizeFilename(t *testing.T) {
	tests := []struct{ in, want string }{
		{"../../etc/passwd", "passwd"},
		{`..\..\windows\system32\a.dll`, "a.dll"},
		{"预算\x00\x1f表.xls", "预算表.xls"},
		{"a:b*c?.pdf", "a_b_c_.pdf"},
		{"..", ""},
		{"/", ""},
		{"  报表.pdf  ", "报表.pdf"},
		{strings.Repeat("长", 300) + ".pdf", strings.Repeat("长", 116) + ".pdf"},
	}
	for _, tc := range tests {
		if got := sanitizeFilename(tc.in); got != tc.want {
			t.Errorf("sanitizeFilename(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestListPages(t *testing.T) {
	base, _ := url.Parse("http://x.gov.cn/zwgk/czyjs/")
	tests := []struct {
		name, script string
		want         []string
	}{
		{"trs 0-based", `createPageHTML(3, 0, "index", "html");`, []string{"index_1.html", "index_2.html"}},
		{"trs 0-based with vars", `var countPage = 4;var currentPage = 0;createPageHTML(countPage, currentPage, "index", "html");`, []string{"index_1.html", "index_2.html", "index_3.html"}},
		{"createPage list base", `createPage(2, 0, "list", "html");`, []string{"list_1.html", "list.html"}},
		{"6-arg 1-based shtml", `createPageHTML('page_div', 3, 1, 'index', 'shtml', 40);`, []string{"index_2.shtml", "index_3.shtml", "index.shtml"}},
		{"single page", `createPageHTML(1, 0, "index", "html");`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := listPages("<script>"+tc.script+"</script>", nil, base)
			var rel []string
			for _, g := range got {
				rel = append(rel, strings.TrimPrefix(g, "http://x.gov.cn/zwgk/czyjs/"))
			}
			for _, w := range tc.want {
				if !slices.Contains(rel, w) {
					t.Errorf("missing %s in %v", w, rel)
				}
			}
			for _, r := range rel {
				if r != "index.html" && r != "list.html" && r != "index.shtml" && !slices.Contains(tc.want, r) {
					t.Errorf("unexpected page %s (off by one?)", r)
				}
			}
		})
	}
}

func TestRetryAfter(t *testing.T) {
	tests := []struct {
		v    string
		want time.Duration
	}{
		{"2", 2 * time.Second},
		{"120", 10 * time.Second}, // capped
		{"", 0},
		{"garbage", 0},
		{time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat), 0},
		{time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), 10 * time.Second},
	}
	for _, tc := range tests {
		if got := retryAfter(tc.v, 10*time.Second); got != tc.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

// TestRobotsVariants: robots.txt missing, 403, HTML instead of rules, and
// a real fence; the page under /private/ is fetched only when allowed.
func TestRobotsVariants(t *testing.T) {
	tests := []struct {
		name        string
		robots      func(w http.ResponseWriter)
		wantPrivate string
		wantRobots  string
	}{
		{"fence", func(w http.ResponseWriter) { fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n") }, schemas.OutcomeRobotsDisallowed, schemas.OutcomeOK},
		{"fence for our UA only", func(w http.ResponseWriter) {
			fmt.Fprint(w, "User-agent: Googlebot\nAllow: /\n\nUser-agent: budgetfeed\nDisallow: /private/\n")
		}, schemas.OutcomeRobotsDisallowed, schemas.OutcomeOK},
		{"missing", func(w http.ResponseWriter) { w.WriteHeader(404) }, schemas.OutcomeOK, schemas.OutcomeNotFound},
		{"403", func(w http.ResponseWriter) { w.WriteHeader(403) }, schemas.OutcomeOK, schemas.OutcomeHTTPError},
		{"html instead of robots", func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<!DOCTYPE html><html><body>Disallow: /private/ 首页</body></html>")
		}, schemas.OutcomeOK, schemas.OutcomeOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mux := http.NewServeMux()
			mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { tc.robots(w) })
			mux.HandleFunc("/col/", func(w http.ResponseWriter, r *http.Request) {
				fmt.Fprint(w, `<html><head><meta charset="utf-8"><title>预决算</title></head><body><ul><li><a href="/private/t20260101_1.html" title="区局2026年部门预算">区局2026年部门预算</a><span>2026-01-01</span></li></ul></body></html>`)
			})
			mux.HandleFunc("/private/t20260101_1.html", func(w http.ResponseWriter, r *http.Request) {
				fmt.Fprint(w, `<html><head><meta charset="utf-8"><title>区局2026年部门预算</title></head><body><h1>区局2026年部门预算</h1><p>区局2026年部门预算全文如下，共计收入100万元。</p></body></html>`)
			})
			srv := httptest.NewServer(mux)
			defer srv.Close()
			o := testOptions(t)
			sink := harvest(t, Profile{ID: "robots", Family: FamilyTRS, StartURLs: []string{srv.URL + "/col/"}}, o)
			got := map[string]string{}
			for _, e := range sink.ledger {
				got[e.Kind] = e.Outcome
			}
			if got[schemas.LedgerKindArticle] != tc.wantPrivate || got[schemas.LedgerKindRobots] != tc.wantRobots {
				t.Errorf("article %s robots %s; want %s %s", got[schemas.LedgerKindArticle], got[schemas.LedgerKindRobots], tc.wantPrivate, tc.wantRobots)
				dumpLedger(t, sink)
			}
		})
	}
}

// TestBodyLimits proves colly's silent 10 MiB cut cannot happen: a 12 MiB
// attachment arrives whole under the default limit, and a body over a limit
// without Content-Length is detected as too_large, never truncated.
func TestBodyLimits(t *testing.T) {
	big := make([]byte, 12<<20)
	copy(big, "%PDF-1.5 big")
	for i := 16; i < len(big); i++ {
		big[i] = byte(i)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/col/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><head><meta charset="utf-8"></head><body><ul><li><a href="/col/202601/t20260101_1.html" title="2026年部门预算">2026年部门预算</a></li></ul></body></html>`)
	})
	mux.HandleFunc("/col/202601/t20260101_1.html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><head><meta charset="utf-8"><title>2026年部门预算</title></head><body><h1>2026年部门预算</h1><p>详见附件表格。</p><a href="./P0201.pdf">附件：预算表.pdf</a><a href="./P0202.pdf">附件：预算表二.pdf</a></body></html>`)
	})
	mux.HandleFunc("/col/202601/P0201.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Length", fmt.Sprint(len(big)))
		_, _ = w.Write(big)
	})
	mux.HandleFunc("/col/202601/P0202.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		fl := w.(http.Flusher)
		for off := 0; off < len(big); off += 1 << 20 { // chunked: no Content-Length
			_, _ = w.Write(big[off : off+1<<20])
			fl.Flush()
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	tests := []struct {
		name       string
		limit      int64
		wantWhole  bool
		wantTooBig []string
	}{
		{"default limit keeps 12 MiB whole", DefaultOptions().MaxAttachmentBytes, true, nil},
		{"11 MiB limit flags both", 11 << 20, false, []string{"/col/202601/P0201.pdf", "/col/202601/P0202.pdf"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := testOptions(t)
			o.Timeout = 10 * time.Second
			o.MaxAttachmentBytes = tc.limit
			sink := harvest(t, Profile{ID: "big", Family: FamilyTRS, StartURLs: []string{srv.URL + "/col/"}}, o)
			if len(sink.discs) != 1 {
				t.Fatalf("disclosures: %d", len(sink.discs))
			}
			atts := sink.discs[0].Attachments
			if tc.wantWhole {
				if len(atts) != 2 {
					t.Fatalf("attachments: %d", len(atts))
				}
				for _, a := range atts {
					if len(a.Body) != len(big) || a.Truncated {
						t.Errorf("%s: %d bytes (truncated=%v), want %d", a.URL, len(a.Body), a.Truncated, len(big))
					}
				}
				return
			}
			if len(atts) != 0 {
				t.Errorf("oversized attachments handed over: %d", len(atts))
			}
			for _, p := range tc.wantTooBig {
				found := false
				for _, e := range sink.ledger {
					if e.URL == srv.URL+p && e.Outcome == schemas.OutcomeTooLarge {
						found = true
					}
				}
				if !found {
					t.Errorf("%s not ledgered too_large", p)
				}
			}
		})
	}
}

// TestCancel: a cancelled context stops the harvest with an error.
func TestCancel(t *testing.T) {
	portal := mockportal.NewTRS(mockportal.TRSOptions{})
	defer portal.Close()
	c, err := New(Profile{ID: "cancel", Family: FamilyAuto, StartURLs: []string{portal.URL("/")}}, testOptions(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.Harvest(ctx, &memSink{}); err == nil {
		t.Fatal("Harvest with a cancelled context returned nil")
	}
}

func TestNewValidates(t *testing.T) {
	tests := []struct {
		name string
		p    Profile
	}{
		{"no id", Profile{StartURLs: []string{"http://x.gov.cn/"}}},
		{"bad family", Profile{ID: "x", Family: "wordpress", StartURLs: []string{"http://x.gov.cn/"}}},
		{"no start", Profile{ID: "x", Family: FamilyTRS}},
		{"bad url", Profile{ID: "x", Family: FamilyTRS, StartURLs: []string{"ftp://x.gov.cn/"}}},
	}
	for _, tc := range tests {
		if _, err := New(tc.p, DefaultOptions(), nil); err == nil {
			t.Errorf("%s: New accepted an invalid profile", tc.name)
		}
	}
}

func TestContentTrap(t *testing.T) {
	tests := []struct{ name, html, want string }{
		{"budget title with 404 in it", `<html><head><title>第404单位2026年部门预算</title></head><body><h1>第404单位2026年部门预算</h1><p>详见附件。</p><a href="a.pdf">表</a></body></html>`, ""},
		{"404 title", `<html><head><title>404</title></head><body><p>返回首页</p></body></html>`, schemas.OutcomeSoft404},
		{"error 404 text", `<html><head><title>提示</title></head><body><p>错误 404</p></body></html>`, schemas.OutcomeSoft404},
		{"maintenance", `<html><head><title>网站维护中</title></head><body><p>请稍后访问</p></body></html>`, schemas.OutcomeSoft404},
		{"block page", `<html><head><title>403 Forbidden</title></head><body><center>nginx</center></body></html>`, schemas.OutcomeChallenge},
		{"ruishu at 200", `<html><head><meta content="x" r='m'><script>$_ts=window['$_ts'];</script></head><body></body></html>`, schemas.OutcomeChallenge},
		{"short legit article", `<html><head><title>区局2026年部门预算</title></head><body><h1>区局2026年部门预算</h1><script>var file_appendix='<a href="./P0.pdf">表.pdf</a>';</script></body></html>`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &fetchResult{URL: "http://x.gov.cn/a/t20260101_1.html", FinalURL: "http://x.gov.cn/a/t20260101_1.html", Status: 200, Body: []byte(tc.html), ContentType: "text/html; charset=utf-8", Header: http.Header{}}
			f.decode()
			got, detail, _ := contentTrap(f)
			if got != tc.want {
				t.Errorf("got %q (%s), want %q", got, detail, tc.want)
			}
		})
	}
}
