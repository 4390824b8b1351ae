package report

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func testReport() Report {
	return Report{
		Title:     "budgetfeed comparisons",
		Generated: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Notes:     []string{"feed: /tmp/feed"},
		Pages: []Page{
			{
				Slug: "ranking_total_expenditure", Title: "Ranking: total_expenditure", Intro: "Departments by total expenditure.",
				SQL: "SELECT * FROM compare_ranking('total_expenditure')",
				Table: Table{
					Columns: []string{"rank", "department", "amount_yuan", "source_url", "quote"},
					Rows: [][]string{
						{"1", "区教育局", "50005000.00", "http://127.0.0.1/edu.html", "支出5000.5万元"},
						{"2", "区科协", "1206600.00", "http://127.0.0.1/kx.html", "支出<script>alert(1)</script>"},
						{"3", "区财政局", "-25002500.00", "http://127.0.0.1/fin.html", "减少"},
					},
				},
				Chart: Chart{Kind: ChartBar, Label: "department", Value: "amount_yuan", URL: "source_url", Quote: "quote", Unit: "元"},
			},
			{
				Slug: "composition_function", Title: "Composition by function class",
				Table: Table{
					Columns: []string{"department", "class_name", "amount_yuan", "source_url", "quote"},
					Rows: [][]string{
						{"区科协", "科学技术支出", "1.00", "http://127.0.0.1/a.xls", "q1"},
						{"区科协", "卫生健康支出", "2.00", "http://127.0.0.1/a.xls", "q2"},
						{"区教育局", "教育支出", "5.00", "http://127.0.0.1/b.xls", "q3"},
					},
				},
				Chart: Chart{Kind: ChartStacked, Label: "department", Value: "amount_yuan", Segment: "class_name", URL: "source_url", Quote: "quote", Unit: "元"},
			},
			{Slug: "empty", Title: "Nothing yet", Table: Table{Columns: []string{"a"}}},
			{Slug: "failed", Title: "Broken", Err: "no such metric"},
		},
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	if err := Write(context.Background(), dir, testReport(), nil); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	idx := read("index.html")
	for _, want := range []string{`href="ranking_total_expenditure.html"`, `href="composition_function.html"`, "(3 rows)", "failed: no such metric"} {
		if !strings.Contains(idx, want) {
			t.Errorf("index lacks %q", want)
		}
	}
	rank := read("ranking_total_expenditure.html")
	for _, want := range []string{
		"<svg", `<a href="http://127.0.0.1/edu.html" title="支出5000.5万元">50005000.00</a>`,
		"50005000.00 元", "-25002500.00 元", `fill="#D55E00"`,
		"&lt;script&gt;alert(1)&lt;/script&gt;",
	} {
		if !strings.Contains(rank, want) {
			t.Errorf("ranking page lacks %q", want)
		}
	}
	// Bars: 50005000 and -25002500 span 75007500 over the plot width; the axis
	// sits at one third, the largest bar fills the other two thirds.
	if !strings.Contains(rank, `<line x1="`+itoa(plotLeft+plotWidth/3)+`"`) {
		t.Errorf("axis not at one third of the plot")
	}
	comp := read("composition_function.html")
	// 区科协: 1 and 2 of 3 → one third and two thirds of the plot width.
	if !strings.Contains(comp, `width="`+itoa(plotWidth/3)+`"`) || !strings.Contains(comp, `width="`+itoa(plotWidth-plotWidth/3)+`"`) {
		t.Errorf("stacked segments are not 1/3 and 2/3 of %d", plotWidth)
	}
	if !strings.Contains(comp, "3.00 元") || !strings.Contains(comp, "科学技术支出") {
		t.Error("stacked total or legend missing")
	}
	if !strings.Contains(read("empty.html"), "No rows") {
		t.Error("empty page does not say so")
	}
	// Offline: no scripts, no external resources.
	ext := regexp.MustCompile(`(?i)<script|<link|src=|@import|url\(`)
	for _, f := range []string{"index.html", "ranking_total_expenditure.html", "composition_function.html", "empty.html", "failed.html"} {
		if ext.MatchString(read(f)) {
			t.Errorf("%s loads something: %s", f, ext.FindString(read(f)))
		}
	}
}

func TestWriteRejectsBadSlug(t *testing.T) {
	for _, slug := range []string{"../x", "index", "A"} {
		r := Report{Pages: []Page{{Slug: slug}}}
		if err := Write(context.Background(), t.TempDir(), r, nil); err == nil {
			t.Errorf("slug %q accepted", slug)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
