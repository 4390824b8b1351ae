package textify

import (
	"errors"
	"regexp"
	"strings"
	"time"

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
	spaceRe    = regexp.MustCompile(`[ \t\x{3000}\x{a0}]+`)
	blankRe    = regexp.MustCompile(`\n{3,}`)
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
	a.Title = firstNonEmptyStr(a.Meta["ArticleTitle"], strings.TrimSpace(doc.Find("h1").Last().Text()), strings.TrimSpace(doc.Find("title").Text()))
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
			if s := doc.Find(sel).First(); s.Length() > 0 && strings.TrimSpace(s.Text()) != "" {
				body = s
				break
			}
		}
	}
	// Metadata tables (索引号 …) carry the publication date.
	doc.Find("table").Each(func(_ int, t *goquery.Selection) {
		if isMetaTable(t) {
			t.Find("td, th").Each(func(_ int, c *goquery.Selection) {
				label := strings.Join(strings.Fields(strings.ReplaceAll(c.Text(), "\u3000", " ")), "")
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
		} else if m := regexp.MustCompile(`发布(?:日期|时间)[:：]\s*(\d{4}[-年/.]\d{1,2}[-月/.]\d{1,2})`).FindStringSubmatch(doc.Text()); m != nil {
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
	txt := strings.Join(strings.Fields(strings.ReplaceAll(t.Text(), "\u3000", " ")), "")
	if t.HasClass("xxgk_table") {
		return true
	}
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
		b.WriteString(spaceRe.ReplaceAllString(strings.ReplaceAll(n.Data, "\n", " "), " "))
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

func clean(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		l = strings.TrimRight(strings.TrimLeft(l, " "), " ")
		out = append(out, l)
	}
	s = strings.Join(out, "\n")
	s = blankRe.ReplaceAllString(s, "\n\n")
	return strings.TrimSpace(s)
}
