// Package textify turns the files a disclosure comes in (portal article
// pages, plain text, and — through registered converters — PDF or Word
// attachments) into the plain text the extractor reads.
//
// A new format plugs in with Register: a Converter keyed by file extension
// and/or media type. HTML and plain text are registered by this package.
package textify

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Document is the text of one file with what could be read about it.
type Document struct {
	Title  string
	Text   string
	Meta   map[string]string
	Format string // the converter that produced it: "html", "text", ...
}

// Converter turns the bytes of a file into text.
type Converter func(name string, data []byte) (Document, error)

var (
	mu         sync.RWMutex
	byExt      = map[string]string{}
	converters = map[string]Converter{}
)

// ErrUnsupported reports a file no registered converter reads.
var ErrUnsupported = errors.New("unsupported format")

// Register adds a converter under a format name for the given file
// extensions (".pdf"). Registering a format again replaces it.
func Register(format string, c Converter, exts ...string) {
	mu.Lock()
	defer mu.Unlock()
	converters[format] = c
	for _, e := range exts {
		byExt[strings.ToLower(e)] = format
	}
}

func init() {
	Register("html", func(name string, data []byte) (Document, error) {
		a, err := HTML(decode(data))
		if err != nil {
			return Document{}, err
		}
		return Document{Title: a.Title, Text: a.Text, Meta: a.Meta, Format: "html"}, nil
	}, ".html", ".htm", ".shtml", ".xhtml", ".jsp", ".php", ".asp", ".aspx")
	Register("text", func(name string, data []byte) (Document, error) {
		return Document{Text: decode(data), Format: "text"}, nil
	}, ".txt", ".text", "")
}

// File converts one file, choosing the converter by extension, then by
// content (HTML markup, PDF or OLE magic numbers).
func File(name string, data []byte) (Document, error) {
	format := sniff(name, data)
	mu.RLock()
	c, ok := converters[format]
	mu.RUnlock()
	if !ok {
		return Document{}, fmt.Errorf("textify %s: %w (%s)", name, ErrUnsupported, format)
	}
	d, err := c(name, data)
	if err != nil {
		return Document{}, fmt.Errorf("textify %s: %w", name, err)
	}
	return d, nil
}

func sniff(name string, data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF")):
		return "pdf"
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "ole" // .doc / .xls
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		ext := strings.ToLower(filepath.Ext(name))
		if ext == ".docx" || ext == ".xlsx" {
			return strings.TrimPrefix(ext, ".")
		}
		return "zip"
	}
	mu.RLock()
	f, ok := byExt[strings.ToLower(filepath.Ext(name))]
	mu.RUnlock()
	head := bytes.ToLower(data[:min(len(data), 1024)])
	if bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype html")) || bytes.Contains(head, []byte("<body")) {
		return "html"
	}
	if ok {
		return f
	}
	if bytes.IndexByte(data[:min(len(data), 4096)], 0) >= 0 {
		return "binary"
	}
	return "text"
}

// decode returns data as UTF-8, reading GB18030 (GBK, GB2312) when the bytes
// are not valid UTF-8.
func decode(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return string(data)
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return string(out)
}
