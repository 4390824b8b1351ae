package mockportal

import (
	"fmt"
	"strings"
)

// Bench is a large TRS-style portal for throughput benchmarks: one column
// of articles, perPage per list page, the pager both as createPageHTML and
// as plain links (so link-following mirrors like wget2 and Scrapy walk the
// same pages), and a small PDF on every fifth article. Every page is a
// disclosure, so a focused crawler and a blind mirror fetch the same set.
type Bench struct {
	*Portal
	Column string
	// Pages is the number of resources a complete crawl fetches (lists,
	// articles, attachments; robots.txt not included).
	Pages int
}

// NewBench starts a benchmark portal with n articles.
func NewBench(n int) *Bench {
	const perPage = 20
	p := newPortal()
	b := &Bench{Portal: p, Column: "/xxgk/czyjs/"}
	html := "text/html; charset=utf-8"
	p.static("/robots.txt", "text/plain", []byte("User-agent: *\nDisallow: /private/\n"))
	lists := (n + perPage - 1) / perPage
	filler := strings.Repeat("<p>根据《中华人民共和国预算法》和有关规定，现将部门预算公开如下，收入预算、支出预算、财政拨款收支情况详见附表。</p>\n", 12)
	for k := 0; k < lists; k++ {
		var items strings.Builder
		items.WriteString(`<ul class="list">`)
		for i := k * perPage; i < min(n, (k+1)*perPage); i++ {
			fmt.Fprintf(&items, "<li><a href=\"./2026%02d/t2026%02d%02d_%d.html\" title=\"第%d单位2026年部门预算\">第%d单位2026年部门预算</a><span>2026-%02d-%02d</span></li>\n",
				i%12+1, i%12+1, i%28+1, 100000+i, i, i, i%12+1, i%28+1)
		}
		items.WriteString("</ul>\n<div class=\"pager\">")
		for _, j := range []int{0, k - 1, k + 1, lists - 1} {
			if j >= 0 && j < lists && j != k {
				fmt.Fprintf(&items, `<a href="%s">第%d页</a> `, listName(j), j+1)
			}
		}
		fmt.Fprintf(&items, "</div><script>createPageHTML(%d, %d, \"index\", \"html\");</script>", lists, k)
		body := []byte(page("财政预决算", items.String(), `<meta charset="utf-8">`))
		p.static(b.Column+listName(k), html, body)
		if k == 0 {
			p.static(b.Column, html, body)
		}
		b.Pages++
	}
	for i := 0; i < n; i++ {
		dir := fmt.Sprintf("%s2026%02d/", b.Column, i%12+1)
		att := ""
		if i%5 == 0 {
			name := fmt.Sprintf("P0202601%08d.pdf", i)
			att = fmt.Sprintf(`<p><a href="./%s">附件：第%d单位2026年部门预算表.pdf</a></p>`, name, i)
			p.static(dir+name, "application/pdf", fakePDF(name, 2048))
			b.Pages++
		}
		p.static(fmt.Sprintf("%st2026%02d%02d_%d.html", dir, i%12+1, i%28+1, 100000+i), html,
			[]byte(article(fmt.Sprintf("第%d单位2026年部门预算", i), fmt.Sprintf("2026-%02d-%02d", i%12+1, i%28+1), filler+att)))
		b.Pages++
	}
	p.start()
	return b
}

func listName(k int) string {
	if k == 0 {
		return "index.html"
	}
	return fmt.Sprintf("index_%d.html", k)
}
