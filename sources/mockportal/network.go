package mockportal

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"sync"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// Network is a small TRS column served over HTTPS with httptest's
// self-signed certificate, with the network quirks of portals.md N1–N4:
//
//   - the home page links its own column as http://host:port/czyjs/
//     (http↔https switching on one host), an article on a sibling
//     plain-HTTP-only host as https:// (Plain; the crawler must fall back to
//     http), and an article again under http://;
//   - an attachment whose connection is reset mid-body on the first request
//     (a retry gets it whole) and one reset every time (ledger error, never
//     a truncated capture);
//   - an article that redirects in a loop (ledger error, bounded);
//   - an article page and a PDF sent gzip-compressed without
//     Content-Encoding;
//   - a PDF served as application/octet-stream.
//
// Expect covers the HTTPS host; PlainArticle is the disclosure on Plain.
type Network struct {
	*Portal
	// Plain is the plain-HTTP-only sibling host.
	Plain *Portal
	// PlainArticle is the path (on Plain) of the article listed as https.
	PlainArticle string
	// ResetOnce and ResetAlways are the reset attachment paths; Loop is the
	// looping article; GzipArticle and GzipPDF the silently gzipped ones.
	ResetOnce, ResetAlways, Loop, GzipArticle, GzipPDF string
}

// Close stops both servers.
func (n *Network) Close() { n.Portal.Close(); n.Plain.Close() }

// NewNetwork starts the HTTPS portal and its plain-HTTP sibling.
func NewNetwork() *Network {
	p := newPortal()
	plain := newPortal()
	n := &Network{Portal: p, Plain: plain,
		PlainArticle: "/czyjs/202601/t20260107_2003.html",
		ResetOnce:    "/reset/once/P020260105002.pdf",
		ResetAlways:  "/reset/always/P020260105003.pdf",
		Loop:         "/czyjs/202601/t20260108_2004.html",
		GzipArticle:  "/czyjs/202601/t20260106_2002.html",
		GzipPDF:      "/czyjs/202601/P020260106001.pdf",
	}
	E := &p.Expect
	html := "text/html; charset=utf-8"
	plain.static("/robots.txt", "text/plain", []byte("User-agent: *\nDisallow:\n"))
	plain.start()
	plainHost := plain.srv.Listener.Addr().String()

	p.handle("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", html)
		_, _ = w.Write([]byte(page("某县人民政府", `<a href="http://`+r.Host+`/czyjs/">财政预决算</a> <a href="/xwdt/">新闻动态</a>`, `<meta charset="utf-8">`)))
	})
	p.handle("/czyjs/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", html)
		_, _ = w.Write([]byte(page("财政预决算", "<ul class=\"list\">\n"+
			li("./202601/t20260105_2001.html", "区财政局2026年部门预算", "2026-01-05")+
			li("http://"+r.Host+n.GzipArticle, "区教育局2026年部门预算", "2026-01-06")+
			li("https://"+plainHost+n.PlainArticle, "区卫健委2026年部门预算", "2026-01-07")+
			li("./202601/t20260108_2004.html", "区水务局2026年部门预算", "2026-01-08")+
			"</ul>", `<meta charset="utf-8">`)))
	})
	E.NeverFetched = append(E.NeverFetched, "/xwdt/")

	// Article A: an octet-stream PDF, a reset-once and a reset-always file.
	a := "/czyjs/202601/t20260105_2001.html"
	p.static(a, html, []byte(article("区财政局2026年部门预算", "2026-01-05",
		`<p>详见附件。</p><a href="./P020260105001.pdf">附件1：部门预算表.pdf</a> <a href="`+n.ResetOnce+`">附件2：说明.pdf</a> <a href="`+n.ResetAlways+`">附件3：绩效目标.pdf</a>`)))
	p.static("/czyjs/202601/P020260105001.pdf", "application/octet-stream", fakePDF("net-a1", 3000))
	E.FileNames["/czyjs/202601/P020260105001.pdf"] = "部门预算表.pdf"
	var mu sync.Mutex
	hits := map[string]int{}
	reset := func(path string, body []byte, always bool) {
		p.handle(path, func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			hits[path]++
			k := hits[path]
			mu.Unlock()
			if !always && k > 1 {
				w.Header().Set("Content-Type", "application/pdf")
				_, _ = w.Write(body)
				return
			}
			resetMidBody(w, body)
		})
	}
	reset(n.ResetOnce, fakePDF("net-reset-once", 50<<10), false)
	reset(n.ResetAlways, fakePDF("net-reset-always", 50<<10), true)
	p.disclose(a, "/czyjs/202601/P020260105001.pdf", n.ResetOnce)
	E.Outcomes[n.ResetAlways] = schemas.OutcomeError

	// Article B and its PDF: gzip bodies without Content-Encoding.
	gz := func(path, ct string, body []byte) {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		_, _ = zw.Write(body)
		_ = zw.Close()
		p.static(path, ct, buf.Bytes())
	}
	gz(n.GzipArticle, html, []byte(article("区教育局2026年部门预算", "2026-01-06", `<p>区教育局2026年部门预算公开如下。</p><a href="./P020260106001.pdf">部门预算.pdf</a>`)))
	gz(n.GzipPDF, "application/pdf", fakePDF("net-gzip", 4000))
	p.disclose(n.GzipArticle, n.GzipPDF)

	// Article D: a redirect loop.
	p.handle(n.Loop, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/czyjs/loop/b.html", http.StatusFound)
	})
	p.handle("/czyjs/loop/b.html", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, n.Loop, http.StatusMovedPermanently)
	})
	E.Outcomes[n.Loop] = schemas.OutcomeError

	// The article on the plain-HTTP-only host.
	plain.static(n.PlainArticle, html, []byte(article("区卫健委2026年部门预算", "2026-01-07", `<a href="./P020260107001.pdf">部门预算.pdf</a>`)))
	plain.static("/czyjs/202601/P020260107001.pdf", "application/pdf", fakePDF("net-plain", 2000))
	plain.disclose(n.PlainArticle, "/czyjs/202601/P020260107001.pdf")

	// The refused handshakes of the strict run are expected; keep them
	// out of test output.
	p.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	p.srv.StartTLS()
	return n
}

// resetMidBody sends the headers and a third of the body, then resets the
// TCP connection (SO_LINGER 0), as overloaded portals do.
func resetMidBody(w http.ResponseWriter, body []byte) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("mockportal: response writer cannot be hijacked")
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: %d\r\n\r\n", len(body))
	_, _ = buf.Write(body[:len(body)/3])
	_ = buf.Flush()
	raw := conn
	if nc, ok := conn.(interface{ NetConn() net.Conn }); ok {
		raw = nc.NetConn()
	}
	if tc, ok := raw.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = raw.Close()
}
