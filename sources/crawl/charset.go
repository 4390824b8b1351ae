package crawl

import (
	"bytes"
	"mime"
	"net/url"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// lookupEncoding maps a charset label to an encoding. GBK and GB2312 labels
// decode as GB18030, their superset: pages labelled GBK do contain
// GB18030-only characters (rare characters in place names).
func lookupEncoding(label string) (encoding.Encoding, string) {
	l := strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	switch l {
	case "":
		return nil, ""
	case "gbk", "gb2312", "gb_2312-80", "gb18030", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn", "csgb2312", "chinese":
		return simplifiedchinese.GB18030, "gb18030"
	case "utf8", "utf-8", "unicode-1-1-utf-8":
		return encoding.Nop, "utf-8"
	}
	e, err := htmlindex.Get(l)
	if err != nil {
		return nil, ""
	}
	name, err := htmlindex.Name(e)
	if err != nil {
		return nil, ""
	}
	if name == "gbk" || name == "gb18030" {
		return simplifiedchinese.GB18030, "gb18030"
	}
	if name == "utf-8" {
		return encoding.Nop, "utf-8"
	}
	return e, name
}

// headerCharset returns the charset parameter of a Content-Type header.
func headerCharset(contentType string) string {
	_, params, err := mime.ParseMediaType(contentType)
	if err == nil {
		return params["charset"]
	}
	// Defensive: a broken media type may still carry charset=.
	lc := strings.ToLower(contentType)
	if i := strings.Index(lc, "charset="); i >= 0 {
		v := contentType[i+len("charset="):]
		if j := strings.IndexAny(v, "; "); j >= 0 {
			v = v[:j]
		}
		return v
	}
	return ""
}

// metaCharset returns the encoding named by a BOM or a <meta> in the first
// 1024 bytes, or "" when the document declares none.
func metaCharset(body []byte) string {
	_, name, certain := charset.DetermineEncoding(body, "text/html")
	if !certain && name == "windows-1252" {
		// DetermineEncoding's "don't know" answer.
		if !bytes.Contains(bytes.ToLower(head(body, 1024)), []byte("1252")) {
			return ""
		}
	}
	return name
}

func head(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// decodeHTML decodes an HTML (or XML/JSON) body from raw bytes: the header
// charset, then BOM/<meta>, then UTF-8 when the bytes are valid UTF-8, then
// GB18030. When header and meta disagree the one under which the bytes are
// valid wins (a header saying utf-8 over GBK bytes is a common server lie).
// It returns the text and the name of the charset used.
func decodeHTML(body []byte, contentType string) (string, string) {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	var cands []string
	if l := headerCharset(contentType); l != "" {
		if _, n := lookupEncoding(l); n != "" {
			cands = append(cands, n)
		}
	}
	if l := metaCharset(body); l != "" {
		if _, n := lookupEncoding(l); n != "" && (len(cands) == 0 || cands[0] != n) {
			cands = append(cands, n)
		}
	}
	// Chinese text in GBK is practically never valid UTF-8, and UTF-8
	// Chinese is never what a GBK label promises: when declarations
	// disagree with the bytes, the bytes win.
	validUTF8 := utf8.Valid(body)
	choice := ""
	switch {
	case validUTF8 && !isASCII(body):
		choice = "utf-8"
	case !validUTF8:
		for _, c := range cands {
			if c != "utf-8" {
				choice = c
				break
			}
		}
		if choice == "" {
			choice = "gb18030"
		}
	case len(cands) > 0:
		choice = cands[0]
	default:
		choice = "utf-8"
	}
	if choice == "utf-8" {
		if validUTF8 {
			return string(body), "utf-8"
		}
		return strings.ToValidUTF8(string(body), "\uFFFD"), "utf-8"
	}
	enc, name := lookupEncoding(choice)
	if enc == nil {
		enc, name = simplifiedchinese.GB18030, "gb18030"
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return strings.ToValidUTF8(string(body), "\uFFFD"), "utf-8"
	}
	return string(out), name
}

// decodeLegacy turns header bytes of unknown encoding into UTF-8: valid
// UTF-8 stays, anything else is read as GB18030.
func decodeLegacy(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "")
	}
	return string(out)
}

// dispositionFilename extracts a file name from a Content-Disposition value
// defensively. Chinese servers send raw GBK bytes (quoted and unquoted),
// percent-encoded UTF-8 inside a plain filename=, and RFC 5987
// filename*=GBK”… or UTF-8”…; mime.ParseMediaType loses most of these.
// The result is not yet sanitised.
func dispositionFilename(v string) string {
	params := splitParams(v)
	if ext, ok := params["filename*"]; ok {
		if i := strings.Index(ext, "''"); i >= 0 {
			cs := ext[:i]
			raw, err := url.PathUnescape(ext[i+2:])
			if err == nil {
				enc, _ := lookupEncoding(cs)
				if enc == nil {
					enc = encoding.Nop
				}
				if out, err := enc.NewDecoder().Bytes([]byte(raw)); err == nil && utf8.Valid(out) {
					return string(out)
				}
				return decodeLegacy([]byte(raw))
			}
		}
	}
	fn, ok := params["filename"]
	if !ok {
		return ""
	}
	if strings.Contains(fn, "%") {
		if un, err := url.PathUnescape(fn); err == nil && utf8.Valid([]byte(un)) {
			return un
		}
	}
	return decodeLegacy([]byte(fn))
}

// splitParams splits "attachment; filename=...; x=\"a;b\"" into lower-cased
// keys and raw (unquoted) values, keeping the bytes of each value as sent.
func splitParams(v string) map[string]string {
	out := map[string]string{}
	i := 0
	n := len(v)
	for i < n {
		// key
		for i < n && (v[i] == ';' || v[i] == ' ' || v[i] == '\t') {
			i++
		}
		ks := i
		for i < n && v[i] != '=' && v[i] != ';' {
			i++
		}
		key := strings.ToLower(strings.TrimSpace(v[ks:i]))
		if i >= n || v[i] == ';' {
			continue
		}
		i++ // '='
		for i < n && (v[i] == ' ' || v[i] == '\t') {
			i++
		}
		var val strings.Builder
		if i < n && v[i] == '"' {
			i++
			for i < n && v[i] != '"' {
				if v[i] == '\\' && i+1 < n {
					i++
				}
				val.WriteByte(v[i])
				i++
			}
			i++ // closing quote
			for i < n && v[i] != ';' {
				i++
			}
		} else {
			s := i
			for i < n && v[i] != ';' {
				i++
			}
			val.WriteString(strings.TrimSpace(v[s:i]))
		}
		if _, dup := out[key]; !dup && key != "" {
			out[key] = val.String()
		}
	}
	return out
}

// sanitizeFilename makes a name safe to use as a file name: no directories,
// no traversal, no control characters, bounded length.
func sanitizeFilename(name string) string {
	name = strings.ToValidUTF8(name, "")
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base("/" + name)
	if name == "/" {
		return ""
	}
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.IsControl(r), r == '\uFFFD':
			continue
		case strings.ContainsRune(`/\:*?"<>|`, r):
			b.WriteRune('_')
		default:
			b.WriteRune(r)
		}
	}
	s := strings.TrimSpace(b.String())
	s = strings.Trim(s, ". ")
	if s == "" || s == "." || s == ".." {
		return ""
	}
	if r := []rune(s); len(r) > 120 {
		ext := path.Ext(s)
		if len([]rune(ext)) > 10 {
			ext = ""
		}
		s = string(r[:120-len([]rune(ext))]) + ext
	}
	return s
}
