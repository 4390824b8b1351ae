package textify

import (
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// The regular-expression forms writeCollapsed, clean and dropSpace replace.
var (
	refSpaceRe = regexp.MustCompile(`[ \t\x{3000}\x{a0}]+`)
	refBlankRe = regexp.MustCompile(`\n{3,}`)
)

func refCollapsed(s string) string {
	return refSpaceRe.ReplaceAllString(strings.ReplaceAll(s, "\n", " "), " ")
}

func refClean(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(strings.TrimLeft(l, " "), " ")
	}
	return strings.TrimSpace(refBlankRe.ReplaceAllString(strings.Join(lines, "\n"), "\n\n"))
}

func refDropSpace(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u3000", " ")), "")
}

// TestWhitespaceHelpersMatchRegexps checks the hand-written scans against
// the regexps they replace, on edge cases (runs at both ends, mixed kinds of
// space, blank-line runs, invalid UTF-8 next to the multi-byte spaces) and
// on every text node and rendered text of every demo portal page.
func TestWhitespaceHelpersMatchRegexps(t *testing.T) {
	cases := []string{
		"", " ", "a", " a ", "a  b", "a\t\n b", "\u3000\u3000正文\u00a0\u00a0x", "x\u3000", "\u00a0",
		"\n\n\n", "a\n\n\nb", "a\n \n \n \nb", " a \n  b  \n\n\n\n c\u3000\n", "\u3000\n\n\n\u3000",
		"\xe3\xe3\x80\x80", "\xc2\xc2\xa0", "\xe3\x80", "\xe3\x80 ", "\xc2", "\xf0\xc2\xa0z", "\xff\n\xfe",
		"a\r\nb", "\t\t", "\v\f \u2028x\u2029", "1 | 2 | 3\n\n\n\n4",
	}
	_, pages := demoPages(t)
	for _, p := range pages {
		a, _ := HTML(p)
		cases = append(cases, a.Text, a.Text+"\n\n\n  ")
		for _, chunk := range strings.SplitAfter(p, ">") {
			cases = append(cases, chunk)
		}
	}
	for _, s := range cases {
		var b strings.Builder
		writeCollapsed(&b, s)
		if got, want := b.String(), refCollapsed(s); got != want {
			t.Errorf("writeCollapsed(%q) = %q, want %q", s, got, want)
		}
		if got, want := clean(s), refClean(s); got != want {
			t.Errorf("clean(%q) = %q, want %q", s, got, want)
		}
		if got, want := dropSpace(s), refDropSpace(s); got != want {
			t.Errorf("dropSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestTextWalkersMatchText checks hasText and textContainsRune against
// building the text, including runes split over two text nodes by invalid
// UTF-8 on either side of a tag.
func TestTextWalkersMatchText(t *testing.T) {
	pages := []string{
		`<table><tr><td>索　引　号：</td><td>1</td></tr></table>`,
		`<table><tr><td>项目</td><td>金额</td></tr></table>`,
		"<table><tr><td>\xe7\xb4<b>\xa2</b>引号</td></tr></table>",
		"<div>\xe3\x80<i>\x80</i></div>",
		`<div>  <p> </p>` + "\u3000" + `</div>`,
		`<div><p>正文</p></div>`,
		`<div></div>`,
	}
	for _, p := range pages {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(p))
		if err != nil {
			t.Fatal(err)
		}
		for _, sel := range []*goquery.Selection{doc.Find("table"), doc.Find("div"), doc.Find("td"), doc.Selection} {
			txt := sel.Text()
			if got, want := textContainsRune(sel, '索'), strings.ContainsRune(txt, '索'); got != want {
				t.Errorf("textContainsRune(%q) = %v, text %q says %v", p, got, txt, want)
			}
			if got, want := hasText(sel), strings.TrimSpace(txt) != ""; got != want {
				t.Errorf("hasText(%q) = %v, text %q says %v", p, got, txt, want)
			}
		}
	}
}
