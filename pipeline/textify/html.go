package textify

import (
	"errors"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Article is the readable part of a portal article page.
type Article struct {
	Title       string
	Text        string
	PublishedAt time.Time
	Meta        map[string]string
}

// bodySelectors are the article containers of the common portal templates,
// most specific first.
var bodySelectors = []string{
	"div.TRS_Editor", ".trs_editor_view", "#zoom", "#Zoom", "#UCAP-CONTENT", ".xxgk-content",
	".article-content", ".detail-content", "#ivs_content", ".Article_content", ".main-txt",
	"div.txt_txt", "div.wip_art_con", "td#fontzoom", "div.pages_content", ".ewb-article-detail",
}

// chrome is dropped before reading text.
const chrome = "script, style, noscript, iframe, nav, header, footer, form, select, button, object, embed, " +
	".nav, .menu, .footer, .header, .breadcrumb, .crumb, .share, .print, .pager, #footer, #header, #nav"

var (
	dateRe     = regexp.MustCompile(`(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})`)
	metaLabels = []string{"索引号", "发布机构", "发文机关", "成文日期", "生成日期", "发布日期", "文号", "发文字号", "主题分类", "主题词", "公开方式", "公开时限", "信息来源", "名称", "标题", "有效性"}
	pubDateRe  = regexp.MustCompile(`发布(?:日期|时间)[:：]\s*(\d{4}[-年/.]\d{1,2}[-月/.]\d{1,2})`)
)

// HTML extracts the title, body text and metadata of an article page
// (UTF-8). Tables become "a | b | c" lines; paragraphs, breaks and blocks
// become line breaks; 索引号 metadata tables, menus, footers and scripts are
// dropped.
func HTML(page string) (Article, error) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	if err != nil {
		return Article{}, err
	}
	a := Article{Meta: map[string]string{}}
	doc.Find("meta").Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		content, _ := s.Attr("content")
		if name != "" && content != "" {
			a.Meta[name] = strings.TrimSpace(content)
		}
	})
	a.Title = a.Meta["ArticleTitle"]
	if a.Title == "" {
		a.Title = strings.TrimSpace(doc.Find("h1").Last().Text())
	}
	if a.Title == "" {
		a.Title = strings.TrimSpace(doc.Find("title").Text())
	}
	if d := firstNonEmptyStr(a.Meta["PubDate"], a.Meta["pubdate"], a.Meta["publishdate"]); d != "" {
		a.PublishedAt = parseDate(d)
	}
	// Body: the marked region, a known container, or the largest block.
	var body *goquery.Selection
	if marked := between(page, `<meta name="ContentStart">`, `<meta name="ContentEnd">`); marked != "" {
		if d, err := goquery.NewDocumentFromReader(strings.NewReader(marked)); err == nil {
			body = d.Selection
		}
	}
	if body == nil {
		for _, sel := range bodySelectors {
			if s := doc.Find(sel).First(); s.Length() > 0 && hasText(s) {
				body = s
				break
			}
		}
	}
	// Metadata tables (索引号 …) carry the publication date.
	doc.Find("table").Each(func(_ int, t *goquery.Selection) {
		if isMetaTable(t) {
			t.Find("td, th").Each(func(_ int, c *goquery.Selection) {
				label := dropSpace(c.Text())
				label = strings.TrimRight(label, ":：")
				for _, l := range metaLabels {
					if label == l {
						if v := strings.TrimSpace(c.Next().Text()); v != "" {
							a.Meta[l] = v
						}
					}
				}
			})
		}
	})
	if a.PublishedAt.IsZero() {
		if v := a.Meta["发布日期"]; v != "" {
			a.PublishedAt = parseDate(v)
		} else if m := pubDateRe.FindStringSubmatch(doc.Text()); m != nil {
			a.Meta["发布日期"] = m[1]
			a.PublishedAt = parseDate(m[1])
		}
	}
	if body == nil {
		doc.Find(chrome).Remove()
		body = largestBlock(doc.Find("body"))
	}
	if body == nil || body.Length() == 0 {
		return a, errors.New("no article body found")
	}
	body.Find(chrome).Remove()
	body.Find("table").Each(func(_ int, t *goquery.Selection) {
		if isMetaTable(t) {
			t.Remove()
		}
	})
	var b strings.Builder
	for _, n := range body.Nodes {
		render(&b, n)
	}
	a.Text = clean(b.String())
	if a.Text == "" {
		return a, errors.New("article body is empty")
	}
	return a, nil
}

func firstNonEmptyStr(v ...string) string {
	for _, x := range v {
		if x != "" {
			return x
		}
	}
	return ""
}

func parseDate(s string) time.Time {
	m := dateRe.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}
	}
	t, err := time.Parse("2006-1-2", m[1]+"-"+m[2]+"-"+m[3])
	if err != nil {
		return time.Time{}
	}
	return t
}

func between(page, start, end string) string {
	i := strings.Index(page, start)
	if i < 0 {
		return ""
	}
	j := strings.Index(page[i:], end)
	if j < 0 {
		return ""
	}
	return page[i+len(start) : i+j]
}

func isMetaTable(t *goquery.Selection) bool {
	if t.HasClass("xxgk_table") {
		return true
	}
	if !textContainsRune(t, '索') {
		return false // no 索引号, however spaced (most tables: the data tables)
	}
	txt := dropSpace(t.Text())
	return strings.Contains(txt, "索引号") && (strings.Contains(txt, "发布") || strings.Contains(txt, "文号") || strings.Contains(txt, "主题"))
}

// largestBlock returns the element whose own paragraphs hold the most text.
func largestBlock(root *goquery.Selection) *goquery.Selection {
	var best *goquery.Selection
	bestN := 0
	root.Find("div, td, article, section").Each(func(_ int, s *goquery.Selection) {
		n := 0
		s.Children().Each(func(_ int, c *goquery.Selection) {
			if goquery.NodeName(c) == "p" || goquery.NodeName(c) == "table" || goquery.NodeName(c) == "br" {
				n += len(strings.TrimSpace(c.Text()))
			}
		})
		for c := s.Nodes[0].FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				n += len(strings.TrimSpace(c.Data))
			}
		}
		if n > bestN {
			best, bestN = s, n
		}
	})
	if best == nil {
		return root
	}
	return best
}

var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "section": true, "article": true, "ul": true, "ol": true, "blockquote": true, "pre": true, "dd": true, "dt": true,
}

// render writes the text of n with block structure as line breaks and table
// rows as "a | b" lines.
func render(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		writeCollapsed(b, n.Data)
		return
	case html.ElementNode:
		switch n.Data {
		case "script", "style", "noscript":
			return
		case "table":
			renderTable(b, n)
			return
		case "br":
			b.WriteString("\n")
			return
		}
	}
	block := n.Type == html.ElementNode && blockTags[n.Data]
	if block {
		b.WriteString("\n")
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		render(b, c)
	}
	if block {
		b.WriteString("\n")
	}
}

func renderTable(b *strings.Builder, t *html.Node) {
	b.WriteString("\n")
	var rows func(n *html.Node)
	rows = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "tr":
				var cells []string
				for td := c.FirstChild; td != nil; td = td.NextSibling {
					if td.Type == html.ElementNode && (td.Data == "td" || td.Data == "th") {
						var cb strings.Builder
						for x := td.FirstChild; x != nil; x = x.NextSibling {
							render(&cb, x)
						}
						cells = append(cells, strings.Join(strings.Fields(cb.String()), " "))
					}
				}
				b.WriteString(strings.Join(cells, " | "))
				b.WriteString("\n")
			case "table":
				renderTable(b, c)
			default:
				rows(c)
			}
		}
	}
	rows(t)
}

// clean trims the spaces at both ends of every line, keeps at most one
// blank line between lines, and trims the text. (It is what splitting into
// lines, trimming each, joining and replacing \n{3,} by \n\n gives, in one
// pass.)
func clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pending := 0 // line breaks since the last non-empty line
	for first := true; ; first = false {
		if !first {
			pending++
		}
		line, rest, more := strings.Cut(s, "\n")
		if line = strings.Trim(line, " "); line != "" {
			writeBreaks(&b, pending)
			pending = 0
			b.WriteString(line)
		}
		if !more {
			break
		}
		s = rest
	}
	writeBreaks(&b, pending)
	return strings.TrimSpace(b.String())
}

// writeBreaks writes n line breaks, or two when n is three or more.
func writeBreaks(b *strings.Builder, n int) {
	if n >= 3 {
		n = 2
	}
	for range n {
		b.WriteByte('\n')
	}
}

// writeCollapsed writes s with every run of spaces, tabs, line breaks,
// ideographic spaces (U+3000) and no-break spaces (U+00A0) as one space:
// what replacing "\n" by " " and then [ \t\x{3000}\x{a0}]+ by " " gives,
// without a regular expression (this runs on every text node of a page).
// The two multi-byte spaces are matched as their UTF-8 bytes (C2 A0,
// E3 80 80), whose lead bytes never occur inside another encoded rune, so
// invalid UTF-8 around them is left exactly as the regexp leaves it.
func writeCollapsed(b *strings.Builder, s string) {
	start := 0 // first byte not written yet
	inRun := false
	for i := 0; i < len(s); {
		w := spaceWidth(s, i)
		if w == 0 {
			if inRun {
				b.WriteByte(' ')
				start, inRun = i, false
			}
			i++
			continue
		}
		if !inRun {
			b.WriteString(s[start:i])
			inRun = true
		}
		i += w
	}
	if inRun {
		b.WriteByte(' ')
	} else {
		b.WriteString(s[start:])
	}
}

// spaceWidth is the length of the collapsible space at s[i], or 0.
func spaceWidth(s string, i int) int {
	switch s[i] {
	case ' ', '\t', '\n':
		return 1
	case 0xC2:
		if i+1 < len(s) && s[i+1] == 0xA0 {
			return 2
		}
	case 0xE3:
		if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x80 {
			return 3
		}
	}
	return 0
}

// dropSpace removes every white-space rune (unicode.IsSpace, which includes
// U+3000) from s, keeping every other byte as it is: what
// strings.Join(strings.Fields(s), "") gives, with one allocation.
func dropSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	start := 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			b.WriteString(s[start:i])
			start = i + w
		}
		i += w
	}
	if start == 0 {
		return s
	}
	b.WriteString(s[start:])
	return b.String()
}

// textContainsRune reports whether the text of sel contains r:
// strings.ContainsRune(sel.Text(), r) without building the text. A rune
// cannot straddle two text nodes that are each valid UTF-8; a node that is
// not makes it fall back to exactly that.
func textContainsRune(sel *goquery.Selection, r rune) bool {
	return anyText(sel, func(s string) bool { return strings.ContainsRune(s, r) })
}

// hasText reports whether the text of sel holds anything but white space:
// strings.TrimSpace(sel.Text()) != "" without building the text. A text
// node that is not valid UTF-8 (whose bytes might join the next node's into
// one rune) makes it fall back to exactly that.
func hasText(sel *goquery.Selection) bool {
	return anyText(sel, func(s string) bool { return strings.TrimSpace(s) != "" })
}

// anyText reports whether pred holds for one of the text nodes under sel,
// stopping at the first. pred must hold for a text exactly when it holds for
// one of its parts (a rune in it, a non-space in it); a text node that is not
// valid UTF-8, whose bytes might join the next node's into one rune, makes it
// fall back to pred on the whole text.
func anyText(sel *goquery.Selection, pred func(string) bool) bool {
	found, exact := false, true
	var walk func(n *html.Node) bool // false stops the walk
	walk = func(n *html.Node) bool {
		if n.Type == html.TextNode {
			if !utf8.ValidString(n.Data) {
				exact = false
				return false
			}
			if pred(n.Data) {
				found = true
				return false
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	for _, n := range sel.Nodes {
		if !walk(n) {
			break
		}
	}
	if !exact {
		return pred(sel.Text())
	}
	return found
}
