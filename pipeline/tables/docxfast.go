package tables

import (
	"strings"
	"unsafe"
)

// This file is the fast reader of word/document.xml: the byte-level scanner
// of the .xlsx fast path (xscan) drives the same docxBuilder as the
// encoding/xml reader, so the two differ only in tokenising. It reports
// ok=false, and parseDOCX falls back to encoding/xml, whenever the part is
// outside the plain XML Word writes, or anything encoding/xml could reject:
//
//   - a byte order mark, invalid UTF-8 or characters XML forbids;
//   - an XML declaration other than version 1.0 with UTF-8 (or no)
//     encoding and standalone, or any other processing instruction;
//   - DOCTYPE, comments, CDATA sections;
//   - non-ASCII element or attribute names, attributes not separated by
//     space, unquoted attribute values;
//   - entity or character references the plain subset does not decode
//     (anything but lt, gt, amp, apos, quot and &#N; / &#xH; of a legal
//     character), and "]]>" in text;
//   - mismatched or unclosed tags, text outside the root element, elements
//     nested deeper than docxMaxDepth.
//
// Elements are matched by local name whatever their prefix, as the
// encoding/xml reader does: w:t inside w:ins, w:sdt content controls and
// smart tags is read, w:delText (deleted text) is not. The text of w:t is
// its own character data; elements nested in it are skipped.

// docxMaxDepth is below the element depth at which encoding/xml refuses to
// decode a w:t ("exceeded max depth": 10,000, 5,000 on wasm).
const docxMaxDepth = 4096

// parseDocumentXMLFast reads word/document.xml with the byte-level scanner.
// ok=false means the part needs encoding/xml (nothing is returned then);
// with ok=true, err is the builder's cap error, the error encoding/xml
// reaches at the same element.
func parseDocumentXMLFast(body []byte) (d *docxDoc, ok bool, err error) {
	// The scanner reads body as a string without copying it: body is not
	// written while it runs, and no substring of it outlives the call (the
	// builder copies every text it keeps).
	s := unsafe.String(unsafe.SliceData(body), len(body))
	if !plainChars(s) {
		return nil, false, nil
	}
	x := newXScan(s)
	if strings.HasPrefix(s, "<?xml") {
		end := strings.Index(s, "?>")
		if end < 0 || !docxDecl(s[5:end]) {
			return nil, false, nil
		}
		x.i = end + 2
	}
	b := &docxBuilder{}
	// tDepth > 0: inside a w:t at that depth, collecting its text.
	tDepth := 0
	var tText strings.Builder
	for {
		switch x.next() {
		case tkStart:
			if x.depth() > docxMaxDepth {
				return nil, false, nil // encoding/xml's unmarshal depth limit
			}
			val, hasVal := "", false
			for _, a := range x.attrs {
				v := a.val
				if strings.IndexByte(v, '&') >= 0 || strings.IndexByte(v, '\r') >= 0 {
					if v, ok = decodeXML(v); !ok {
						return nil, false, nil
					}
				}
				if !hasVal && localName(a.name) == "val" {
					val, hasVal = v, true
				}
			}
			if tDepth > 0 {
				continue // an element inside w:t: skipped, its text too
			}
			local := x.local()
			if local == "t" {
				if x.self {
					x.pop()
					continue // no text
				}
				tDepth = x.depth()
				tText.Reset()
				continue
			}
			b.start(local, val, hasVal)
		case tkEnd:
			if tDepth > 0 {
				if x.depth() < tDepth {
					tDepth = 0
					b.write(tText.String())
				}
				continue
			}
			if err := b.end(x.local()); err != nil {
				return nil, true, err
			}
		case tkText:
			t := x.text
			if strings.IndexByte(t, ']') >= 0 && strings.Contains(t, "]]>") {
				return nil, false, nil
			}
			collect := tDepth > 0 && x.depth() == tDepth
			if strings.IndexByte(t, '&') >= 0 || strings.IndexByte(t, '\r') >= 0 {
				var ok bool
				if t, ok = decodeXML(t); !ok {
					return nil, false, nil
				}
			}
			if collect {
				tText.WriteString(t)
			}
		case tkEOF:
			return &b.d, true, nil
		default:
			return nil, false, nil
		}
	}
}

// docxDecl accepts the XML declarations encoding/xml reads without a
// charset reader: space-separated version="1.0", encoding="UTF-8" (any
// case) and standalone pseudo-attributes, each at most once.
func docxDecl(d string) bool {
	seen := map[string]bool{}
	for {
		rest := strings.TrimLeft(d, " \t\r\n")
		if rest == "" {
			return true
		}
		if len(rest) == len(d) {
			return false // no space before the pseudo-attribute
		}
		name, after, found := strings.Cut(rest, "=")
		if !found || len(after) < 2 || (after[0] != '"' && after[0] != '\'') {
			return false
		}
		end := strings.IndexByte(after[1:], after[0])
		if end < 0 {
			return false
		}
		v := after[1 : 1+end]
		switch {
		case seen[name]:
			return false
		case name == "version":
			if v != "1.0" {
				return false
			}
		case name == "encoding":
			if !strings.EqualFold(v, "utf-8") {
				return false
			}
		case name == "standalone":
			if v != "yes" && v != "no" {
				return false
			}
		default:
			return false
		}
		seen[name] = true
		d = after[2+end:]
	}
}
