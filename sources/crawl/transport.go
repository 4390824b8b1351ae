package crawl

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// hdrFetchID is an internal request header tying a request (and every hop
// of its redirects) to the slot that receives the exchange. The transport
// strips it before the request leaves the process.
const hdrFetchID = "X-Budgetfeed-Fetch"

// slot receives the last exchange of one logical fetch.
type slot struct {
	limit int64

	status     int
	statusText string
	proto      string
	header     http.Header
	body       []byte
	tooLarge   bool
	declared   int64
	finalURL   string
	sha        string
	warcFile   string
	recordID   string
	warcErr    error
	fetchedAt  time.Time
	hops       []string
	// notes say what was unusual about the exchange (an unverified
	// certificate accepted by insecure_tls, a gzip body sent without
	// Content-Encoding); they go into the ledger Detail.
	notes []string
}

// recTransport buffers every response body (bounded), writes the exchange to
// the WARC, and hands the slot the raw bytes, digest and record id. It is
// the only place bytes come off the wire, so nothing can bypass the limit or
// the evidence.
type recTransport struct {
	base      http.RoundTripper
	warc      *warcWriter
	pageLimit int64
	slots     sync.Map // string → *slot
	next      atomic.Uint64
	onRobots  func(req *http.Request, s *slot, err error)
	// insecure: certificates are not enforced (profile insecure_tls), so
	// each peer chain is verified here only to report the failure.
	insecure  bool
	tlsVerdic sync.Map // host + leaf fingerprint → string ("" = verified)
}

// tlsNote verifies the peer chain of an exchange made with verification
// off and returns why it would have been refused ("" when it verifies).
func (t *recTransport) tlsNote(host string, cs *tls.ConnectionState) string {
	if !t.insecure || cs == nil || len(cs.PeerCertificates) == 0 {
		return ""
	}
	leaf := cs.PeerCertificates[0]
	fp := sha256.Sum256(leaf.Raw)
	key := host + " " + hex.EncodeToString(fp[:])
	if v, ok := t.tlsVerdic.Load(key); ok {
		return v.(string)
	}
	inter := x509.NewCertPool()
	for _, c := range cs.PeerCertificates[1:] {
		inter.AddCert(c)
	}
	note := ""
	if _, err := leaf.Verify(x509.VerifyOptions{DNSName: host, Intermediates: inter}); err != nil {
		note = "TLS certificate not verified (" + err.Error() + "); accepted because the profile sets insecure_tls"
	}
	if cs.Version < tls.VersionTLS12 {
		note = strings.TrimPrefix(note+"; legacy "+tls.VersionName(cs.Version), "; ")
	}
	t.tlsVerdic.Store(key, note)
	return note
}

func (t *recTransport) register(limit int64) (string, *slot) {
	id := strconv.FormatUint(t.next.Add(1), 10)
	s := &slot{limit: limit}
	t.slots.Store(id, s)
	return id, s
}

func (t *recTransport) release(id string) { t.slots.Delete(id) }

func (t *recTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	id := req.Header.Get(hdrFetchID)
	var s *slot
	if id != "" {
		if v, ok := t.slots.Load(id); ok {
			s = v.(*slot)
		}
	}
	out := req.Clone(req.Context())
	out.Header.Del(hdrFetchID)
	var reqBody []byte
	if req.Body != nil && req.Body != http.NoBody {
		b, err := io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("read request body for %s: %w", req.URL, err)
		}
		reqBody = b
		out.Body = io.NopCloser(bytes.NewReader(b))
		out.ContentLength = int64(len(b))
	}
	limit := t.pageLimit
	if s != nil {
		limit = s.limit
	}
	robots := s == nil && req.URL.Path == "/robots.txt"
	resp, err := t.base.RoundTrip(out)
	if err != nil {
		if robots && t.onRobots != nil {
			t.onRobots(out, nil, err)
		}
		return nil, err
	}
	var body []byte
	tooLarge := false
	if resp.ContentLength > limit {
		tooLarge = true
	} else {
		body, err = io.ReadAll(io.LimitReader(resp.Body, limit+1))
		if err != nil {
			// A connection reset or early close mid-body: nothing of it is
			// kept (no truncated publish); the slot forgets earlier hops so
			// the fetch is a transport error and is retried.
			_ = resp.Body.Close()
			if s != nil {
				hops := append(s.hops, req.URL.String())
				*s = slot{limit: s.limit, hops: hops}
			}
			return nil, fmt.Errorf("read body of %s (%d of %d bytes received): %w", req.URL, len(body), resp.ContentLength, err)
		}
		if int64(len(body)) > limit {
			tooLarge = true
			body = body[:limit]
		}
	}
	_ = resp.Body.Close()
	wireSHA := sha256.Sum256(body)
	payload := body
	header := resp.Header.Clone()
	if !tooLarge && strings.Contains(strings.ToLower(resp.Header.Get("Content-Encoding")), "gzip") {
		if zr, zerr := gzip.NewReader(bytes.NewReader(body)); zerr == nil {
			dec, derr := io.ReadAll(io.LimitReader(zr, limit+1))
			if derr == nil {
				if int64(len(dec)) > limit {
					tooLarge = true
					dec = dec[:limit]
				}
				payload = dec
				header.Del("Content-Encoding")
				header.Del("Content-Length")
			}
		}
	}
	var notes []string
	if !tooLarge && resp.Header.Get("Content-Encoding") == "" {
		if dec, ok := sniffGzip(payload, resp.Header.Get("Content-Type"), req.URL.Path, limit); ok {
			payload = dec
			header.Del("Content-Length")
			notes = append(notes, "gzip body sent without Content-Encoding: decoded")
		}
	}
	if n := t.tlsNote(req.URL.Hostname(), resp.TLS); n != "" {
		notes = append(notes, n)
	}
	sum := sha256.Sum256(payload)
	now := time.Now().UTC()
	rec := &slot{
		limit:      limit,
		status:     resp.StatusCode,
		statusText: strings.TrimSpace(strings.TrimPrefix(resp.Status, strconv.Itoa(resp.StatusCode))),
		proto:      resp.Proto,
		header:     resp.Header.Clone(),
		body:       payload,
		tooLarge:   tooLarge,
		declared:   resp.ContentLength,
		finalURL:   req.URL.String(),
		sha:        hex.EncodeToString(sum[:]),
		fetchedAt:  now,
		notes:      notes,
	}
	if t.warc != nil {
		x := &exchangeRecord{
			req: out, reqBody: reqBody, proto: resp.Proto, status: resp.StatusCode,
			statusText: rec.statusText, header: resp.Header, body: body, truncated: tooLarge,
			payloadSHA: hex.EncodeToString(wireSHA[:]), date: now,
		}
		if !tooLarge && !bytes.Equal(payload, body) {
			x.converted, x.convertedSHA = payload, rec.sha
		}
		rec.warcFile, rec.recordID, rec.warcErr = t.warc.writeExchange(x)
	}
	if s != nil {
		hops := append(s.hops, req.URL.String())
		lim := s.limit
		*s = *rec
		s.limit = lim
		s.hops = hops
	}
	if robots && t.onRobots != nil {
		t.onRobots(out, rec, nil)
	}
	respBody := payload
	if robots && resp.StatusCode/100 == 2 && looksHTML(payload) {
		// An HTML page served as robots.txt holds no rules: allow all
		// instead of guessing rules out of markup.
		respBody = nil
	}
	header.Set("Content-Length", strconv.Itoa(len(respBody)))
	return &http.Response{
		Status: resp.Status, StatusCode: resp.StatusCode, Proto: resp.Proto,
		ProtoMajor: resp.ProtoMajor, ProtoMinor: resp.ProtoMinor, Header: header,
		Body: io.NopCloser(bytes.NewReader(respBody)), ContentLength: int64(len(respBody)),
		Request: req, TLS: resp.TLS, Uncompressed: true,
	}, nil
}

// sniffGzip decodes a body that starts with the gzip magic although no
// Content-Encoding was sent (misconfigured servers gzip pages and files
// anyway). A real .gz/.tgz/.zip download is left alone; otherwise the body
// is decoded when the declared type is textual or the decoded bytes start
// like a document.
func sniffGzip(b []byte, ct, urlPath string, limit int64) ([]byte, bool) {
	if len(b) < 18 || b[0] != 0x1f || b[1] != 0x8b {
		return nil, false
	}
	lp := strings.ToLower(urlPath)
	for _, ext := range []string{".gz", ".tgz", ".gzip", ".zip", ".rar", ".7z"} {
		if strings.HasSuffix(lp, ext) {
			return nil, false
		}
	}
	lc := strings.ToLower(ct)
	if strings.Contains(lc, "gzip") {
		return nil, false
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, false
	}
	dec, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil || int64(len(dec)) > limit {
		return nil, false
	}
	textual := strings.Contains(lc, "html") || strings.Contains(lc, "xml") || strings.Contains(lc, "json") || strings.Contains(lc, "javascript") || strings.HasPrefix(lc, "text/")
	doc := looksHTML(dec) || bytes.HasPrefix(dec, []byte("%PDF")) || bytes.HasPrefix(dec, []byte("PK\x03\x04")) ||
		bytes.HasPrefix(dec, []byte("\xd0\xcf\x11\xe0")) || bytes.HasPrefix(bytes.TrimSpace(dec), []byte("{")) || bytes.HasPrefix(bytes.TrimSpace(dec), []byte("<"))
	if !textual && !doc {
		return nil, false
	}
	return dec, true
}

func looksHTML(b []byte) bool {
	b = bytes.TrimLeft(head(b, 512), " \t\r\n\xef\xbb\xbf")
	lb := bytes.ToLower(head(b, 64))
	return bytes.HasPrefix(lb, []byte("<!doctype")) || bytes.HasPrefix(lb, []byte("<html")) ||
		bytes.HasPrefix(lb, []byte("<head")) || bytes.HasPrefix(lb, []byte("<meta")) ||
		bytes.HasPrefix(lb, []byte("<script")) || bytes.HasPrefix(lb, []byte("<body")) ||
		bytes.HasPrefix(lb, []byte("<!--")) || bytes.HasPrefix(lb, []byte("<title"))
}

// errPrivateAddress refuses connections to private or loopback addresses
// when no trusted start URL lives there.
var errPrivateAddress = errors.New("refusing private or loopback address from a public site")

func isPrivateIP(ip net.IP) bool {
	return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsUnspecified()
}

func newBaseTransport(o Options, allowPrivate, insecureTLS bool) *http.Transport {
	d := &net.Dialer{Timeout: o.Timeout, KeepAlive: 30 * time.Second}
	if !allowPrivate {
		d.Control = func(network, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return err
			}
			if ip := net.ParseIP(host); ip != nil && isPrivateIP(ip) {
				return fmt.Errorf("dial %s: %w", address, errPrivateAddress)
			}
			return nil
		}
	}
	var tc *tls.Config
	if insecureTLS {
		// Reported per exchange by recTransport.tlsNote, never silent.
		tc = &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS10} //nolint:gosec // profile insecure_tls
	}
	return &http.Transport{
		TLSClientConfig:       tc,
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           func(ctx context.Context, n, a string) (net.Conn, error) { return d.DialContext(ctx, n, a) },
		MaxIdleConns:          64,
		MaxIdleConnsPerHost:   max(o.Parallelism*2, 4),
		IdleConnTimeout:       60 * time.Second,
		TLSHandshakeTimeout:   o.Timeout,
		ResponseHeaderTimeout: o.Timeout,
		DisableCompression:    true, // keep the payload as sent; gzip is decoded above
		ForceAttemptHTTP2:     true,
	}
}
