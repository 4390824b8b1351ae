package crawl

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
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
			_ = resp.Body.Close()
			return nil, fmt.Errorf("read body of %s: %w", req.URL, err)
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
	}
	if t.warc != nil {
		rec.warcFile, rec.recordID, rec.warcErr = t.warc.writeExchange(&exchangeRecord{
			req: out, reqBody: reqBody, proto: resp.Proto, status: resp.StatusCode,
			statusText: rec.statusText, header: resp.Header, body: body, truncated: tooLarge,
			payloadSHA: hex.EncodeToString(wireSHA[:]), date: now,
		})
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

func newBaseTransport(o Options, allowPrivate bool) *http.Transport {
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
	return &http.Transport{
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
