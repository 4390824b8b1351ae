package crawl

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// warcWriter appends WARC/1.1 records, each its own gzip member, to a file in
// dir. It mints the WARC-Record-ID itself, so the id of every capture is known
// the moment the exchange is written (no post-crawl indexing needed).
//
// Why not gowarc: its HTTP client costs ~0.1 s per exchange (measured in
// /work/shared/design/deps.md §7), it does its own DNS, and it cannot tell
// the caller the record id at fetch time. The format is simple; see
// docs/crawling.md.
type warcWriter struct {
	mu      sync.Mutex
	dir     string
	prefix  string
	maxSize int64
	seq     int
	f       *os.File
	name    string
	size    int64
	closed  bool
	gz      *gzip.Writer
	buf     bytes.Buffer
}

func newWARCWriter(dir, prefix string) (*warcWriter, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("warc: create dir %s: %w", dir, err)
	}
	w := &warcWriter{dir: dir, prefix: prefix, maxSize: 1 << 30}
	gz, _ := gzip.NewWriterLevel(&w.buf, gzip.BestSpeed)
	w.gz = gz
	return w, nil
}

func newRecordID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	h := hex.EncodeToString(b[:])
	return "<urn:uuid:" + h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:] + ">"
}

// openLocked opens the next file; w.mu must be held.
func (w *warcWriter) openLocked() error {
	w.seq++
	ts := time.Now().UTC().Format("20060102150405")
	name := fmt.Sprintf("%s-%s-%d-%05d.warc.gz", w.prefix, ts, os.Getpid(), w.seq)
	f, err := os.OpenFile(filepath.Join(w.dir, name), os.O_CREATE|os.O_WRONLY|os.O_APPEND|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("warc: open %s: %w", name, err)
	}
	w.f, w.name, w.size = f, name, 0
	info := "software: budgetfeed sources/crawl\r\nformat: WARC File Format 1.1\r\nconformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
	_, err = w.writeLocked([][2]string{
		{"WARC-Type", "warcinfo"},
		{"WARC-Record-ID", newRecordID()},
		{"WARC-Date", time.Now().UTC().Format(time.RFC3339)},
		{"WARC-Filename", name},
		{"Content-Type", "application/warc-fields"},
	}, []byte(info))
	return err
}

// writeLocked writes one record as one gzip member with a single write call
// (so a SIGKILL leaves whole records behind).
func (w *warcWriter) writeLocked(fields [][2]string, block []byte) (int64, error) {
	w.buf.Reset()
	w.gz.Reset(&w.buf)
	var hb strings.Builder
	hb.WriteString("WARC/1.1\r\n")
	for _, f := range fields {
		hb.WriteString(f[0])
		hb.WriteString(": ")
		hb.WriteString(f[1])
		hb.WriteString("\r\n")
	}
	sum := sha256.Sum256(block)
	hb.WriteString("WARC-Block-Digest: sha256:" + hex.EncodeToString(sum[:]) + "\r\n")
	hb.WriteString("Content-Length: " + strconv.Itoa(len(block)) + "\r\n\r\n")
	_, _ = w.gz.Write([]byte(hb.String()))
	_, _ = w.gz.Write(block)
	_, _ = w.gz.Write([]byte("\r\n\r\n"))
	if err := w.gz.Close(); err != nil {
		return 0, err
	}
	off := w.size
	n, err := w.f.Write(w.buf.Bytes())
	w.size += int64(n)
	if err != nil {
		return off, fmt.Errorf("warc: write %s: %w", w.name, err)
	}
	return off, nil
}

// exchangeRecord is what writeExchange needs of one HTTP exchange.
type exchangeRecord struct {
	req        *http.Request
	reqBody    []byte
	proto      string
	status     int
	statusText string
	header     http.Header
	body       []byte // payload as received (possibly truncated)
	truncated  bool
	payloadSHA string // hex sha256 of body
	// converted is the payload handed over when it differs from the bytes
	// received (gzip decoded, with or without Content-Encoding); it is
	// written as a conversion record referring to the response, and that
	// record is the one captures point at.
	converted    []byte
	convertedSHA string
	date         time.Time
	remoteIP     string
}

// writeExchange writes a request and a response record and returns the WARC
// file name and the response record id.
func (w *warcWriter) writeExchange(x *exchangeRecord) (string, string, error) {
	var reqb bytes.Buffer
	uri := x.req.URL.RequestURI()
	fmt.Fprintf(&reqb, "%s %s HTTP/1.1\r\nHost: %s\r\n", x.req.Method, uri, x.req.URL.Host)
	writeHeader(&reqb, x.req.Header)
	reqb.WriteString("\r\n")
	reqb.Write(x.reqBody)

	var resp bytes.Buffer
	proto := x.proto
	if proto == "" {
		proto = "HTTP/1.1"
	}
	fmt.Fprintf(&resp, "%s %d %s\r\n", proto, x.status, x.statusText)
	h := x.header.Clone()
	h.Del("Transfer-Encoding") // the payload below is de-chunked
	writeHeader(&resp, h)
	resp.WriteString("\r\n")
	resp.Write(x.body)

	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return "", "", fmt.Errorf("warc: writer closed")
	}
	if w.f == nil || w.size > w.maxSize {
		if w.f != nil {
			_ = w.f.Close()
		}
		if err := w.openLocked(); err != nil {
			return "", "", err
		}
	}
	respID := newRecordID()
	reqID := newRecordID()
	date := x.date.UTC().Format(time.RFC3339Nano)
	target := x.req.URL.String()
	rf := [][2]string{
		{"WARC-Type", "response"},
		{"WARC-Record-ID", respID},
		{"WARC-Date", date},
		{"WARC-Target-URI", target},
		{"Content-Type", "application/http;msgtype=response"},
		{"WARC-Payload-Digest", "sha256:" + x.payloadSHA},
	}
	if x.remoteIP != "" {
		rf = append(rf, [2]string{"WARC-IP-Address", x.remoteIP})
	}
	if x.truncated {
		rf = append(rf, [2]string{"WARC-Truncated", "length"})
	}
	if _, err := w.writeLocked(rf, resp.Bytes()); err != nil {
		return "", "", err
	}
	if _, err := w.writeLocked([][2]string{
		{"WARC-Type", "request"},
		{"WARC-Record-ID", reqID},
		{"WARC-Date", date},
		{"WARC-Target-URI", target},
		{"WARC-Concurrent-To", respID},
		{"Content-Type", "application/http;msgtype=request"},
	}, reqb.Bytes()); err != nil {
		return "", "", err
	}
	if x.converted != nil {
		convID := newRecordID()
		ct := x.header.Get("Content-Type")
		if ct == "" {
			ct = "application/octet-stream"
		}
		if _, err := w.writeLocked([][2]string{
			{"WARC-Type", "conversion"},
			{"WARC-Record-ID", convID},
			{"WARC-Date", date},
			{"WARC-Target-URI", target},
			{"WARC-Refers-To", respID},
			{"Content-Type", ct},
			{"WARC-Payload-Digest", "sha256:" + x.convertedSHA},
		}, x.converted); err != nil {
			return "", "", err
		}
		return w.name, convID, nil
	}
	return w.name, respID, nil
}

func writeHeader(b *bytes.Buffer, h http.Header) {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range h[k] {
			b.WriteString(k)
			b.WriteString(": ")
			b.WriteString(strings.NewReplacer("\r", " ", "\n", " ").Replace(v))
			b.WriteString("\r\n")
		}
	}
}

// Close syncs and closes the current file; it is idempotent.
func (w *warcWriter) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	w.closed = true
	if w.f == nil {
		return nil
	}
	err := w.f.Sync()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("warc: close %s: %w", w.name, err)
	}
	return nil
}

// warcRecord is one record read back from a WARC file (for tests and tools).
type warcRecord struct {
	Header map[string]string
	Block  []byte
}

// readWARC reads every record of a gzip-per-record WARC file.
func readWARC(path string) ([]warcRecord, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("warc %s: %w", path, err)
	}
	br := bufio.NewReader(zr)
	var out []warcRecord
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			if line == "" {
				return out, nil
			}
			return out, fmt.Errorf("warc %s: %w", path, err)
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		if !strings.HasPrefix(line, "WARC/") {
			return out, fmt.Errorf("warc %s: bad record start %q", path, line)
		}
		rec := warcRecord{Header: map[string]string{}}
		for {
			l, err := br.ReadString('\n')
			if err != nil {
				return out, fmt.Errorf("warc %s: header: %w", path, err)
			}
			l = strings.TrimRight(l, "\r\n")
			if l == "" {
				break
			}
			if k, v, ok := strings.Cut(l, ": "); ok {
				rec.Header[k] = v
			}
		}
		n, _ := strconv.Atoi(rec.Header["Content-Length"])
		rec.Block = make([]byte, n)
		if _, err := io.ReadFull(br, rec.Block); err != nil {
			return out, fmt.Errorf("warc %s: block: %w", path, err)
		}
		out = append(out, rec)
	}
}
