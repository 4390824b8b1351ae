// Package report renders the comparisons as a static HTML report: an index
// page and one page per comparison, with charts drawn as inline SVG (bar
// charts for rankings, 100 % stacked bars for compositions). Every figure
// links to the page or file it was read from and carries its quote, so a
// reader can cite it. The report needs no CDN and no JavaScript; it opens
// offline in any browser.
//
// The package knows no database: it renders plain tables of strings, with
// a Chart saying which columns hold the label, the exact decimal value, the
// source URL and the quote.
package report

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// Chart kinds.
const (
	ChartNone    = ""
	ChartBar     = "bar"     // one horizontal bar per row, length ∝ Value
	ChartStacked = "stacked" // one 100 % bar per Label, one segment per row
)

// Chart says how to draw a page's table. Column names refer to Table.Columns.
type Chart struct {
	Kind    string
	Label   string // column naming the bar
	Value   string // column holding the exact decimal value (money or count)
	Segment string // stacked: column naming the segment (a class)
	URL     string // column holding the source URL of the value
	Quote   string // column holding the quote that states the value
	Unit    string // unit of Value for display ("元", "%", "人")
	MaxBars int    // 0: 30
}

// Table is a result rendered as text.
type Table struct {
	Columns []string
	Rows    [][]string
}

// Page is one comparison.
type Page struct {
	Slug  string // file name without .html: [a-z0-9_-]+
	Title string
	Intro string // one paragraph: what is compared and how
	SQL   string // the SQL that reproduces the table with budgetfeed query
	Table Table
	Chart Chart
	Err   string // the comparison failed; the page says so
}

// Report is the whole site.
type Report struct {
	Title     string
	Generated time.Time
	Notes     []string // lines shown on the index (feed location, schema version ...)
	Pages     []Page
}

var slugRE = regexp.MustCompile(`^[a-z0-9_-]+$`)

// Write writes dir/index.html and dir/<slug>.html for every page. Files are
// written to temporary names and renamed, so a reader never sees half a page.
func Write(ctx context.Context, dir string, r Report, log *slog.Logger) error {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	seen := map[string]bool{"index": true}
	for _, p := range r.Pages {
		if !slugRE.MatchString(p.Slug) || seen[p.Slug] {
			return fmt.Errorf("report: page %q: slug must be unique and match %s", p.Slug, slugRE)
		}
		seen[p.Slug] = true
	}
	for _, p := range r.Pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		var b bytes.Buffer
		if err := pageTmpl.Execute(&b, pageView(r, p)); err != nil {
			return fmt.Errorf("report: render %s: %w", p.Slug, err)
		}
		if err := writeFile(filepath.Join(dir, p.Slug+".html"), b.Bytes()); err != nil {
			return err
		}
		log.Debug("report page", "page", p.Slug, "rows", len(p.Table.Rows))
	}
	var b bytes.Buffer
	if err := indexTmpl.Execute(&b, indexView(r)); err != nil {
		return fmt.Errorf("report: render index: %w", err)
	}
	if err := writeFile(filepath.Join(dir, "index.html"), b.Bytes()); err != nil {
		return err
	}
	log.Info("report written", "dir", dir, "pages", len(r.Pages))
	return nil
}

func writeFile(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("report: write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("report: write %s: %w", path, err)
	}
	return nil
}

// colIndex returns the index of a column, -1 when absent or unnamed.
func colIndex(t Table, name string) int {
	if name == "" {
		return -1
	}
	for i, c := range t.Columns {
		if c == name {
			return i
		}
	}
	return -1
}

func cell(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return row[i]
}

// firstURL returns the first URL of a " | "-joined list (aggregated rows).
func firstURL(s string) string {
	u, _, _ := strings.Cut(s, " | ")
	u = strings.TrimSpace(u)
	if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
		return u
	}
	return ""
}

// rat parses an exact decimal; ok is false for empty or non-numeric text.
func rat(s string) (*big.Rat, bool) {
	if s == "" {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(s)
	return r, ok
}

// scale returns round(v * px / max) as an int, computed exactly.
func scale(v, max *big.Rat, px int) int {
	if max.Sign() == 0 {
		return 0
	}
	q := new(big.Rat).Mul(v, big.NewRat(int64(px), 1))
	q.Quo(q, max)
	n := new(big.Int).Quo(new(big.Int).Add(new(big.Int).Mul(q.Num(), big.NewInt(2)), q.Denom()), new(big.Int).Mul(q.Denom(), big.NewInt(2)))
	return int(n.Int64())
}

// Segment colours, chosen to stay distinct in print and for common colour
// vision deficiencies (Okabe–Ito).
var palette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999"}

type link struct {
	Text, URL, Quote string
}

type bar struct {
	Y, X, W, H int
	LabelX     int
	TextY      int
	Label      link
	ValueText  string
	TextX      int
	Negative   bool
	Title      string
	SegmentRow []segment
}

type segment struct {
	X, Y, W, H  int
	Color, Name string
	Title, URL  string
}

type legendItem struct{ Color, Name string }

type svgView struct {
	Kind          string
	Width, Height int
	AxisX         int
	Bars          []bar
	Legend        []legendItem
	Note          string
}

const (
	svgWidth  = 960
	labelW    = 260
	valueW    = 170
	barH      = 20
	barGap    = 8
	plotLeft  = labelW + 10
	plotWidth = svgWidth - plotLeft - valueW
)

// chartOf draws p's chart, or returns nil when there is nothing to draw.
func chartOf(p Page) *svgView {
	c := p.Chart
	t := p.Table
	li, vi, ui, qi := colIndex(t, c.Label), colIndex(t, c.Value), colIndex(t, c.URL), colIndex(t, c.Quote)
	if c.Kind == ChartNone || li < 0 || vi < 0 || len(t.Rows) == 0 {
		return nil
	}
	maxBars := c.MaxBars
	if maxBars <= 0 {
		maxBars = 30
	}
	switch c.Kind {
	case ChartBar:
		type item struct {
			row []string
			v   *big.Rat
		}
		var items []item
		lo, hi := new(big.Rat), new(big.Rat)
		for _, row := range t.Rows {
			v, ok := rat(cell(row, vi))
			if !ok {
				continue
			}
			if len(items) == maxBars {
				break
			}
			items = append(items, item{row, v})
			if v.Cmp(lo) < 0 {
				lo.Set(v)
			}
			if v.Cmp(hi) > 0 {
				hi.Set(v)
			}
		}
		if len(items) == 0 {
			return nil
		}
		span := new(big.Rat).Sub(hi, lo)
		axis := plotLeft + scale(new(big.Rat).Neg(lo), span, plotWidth)
		sv := &svgView{Kind: ChartBar, Width: svgWidth, AxisX: axis}
		for i, it := range items {
			w := scale(new(big.Rat).Abs(it.v), span, plotWidth)
			x := axis
			if it.v.Sign() < 0 {
				x = axis - w
			}
			if w == 0 && it.v.Sign() != 0 {
				w = 1
			}
			val := cell(it.row, vi)
			if c.Unit != "" {
				val += " " + c.Unit
			}
			url := firstURL(cell(it.row, ui))
			sv.Bars = append(sv.Bars, bar{
				Y: 10 + i*(barH+barGap), X: x, W: w, H: barH, LabelX: plotLeft - 6, TextY: 10 + i*(barH+barGap) + 14,
				Negative:  it.v.Sign() < 0,
				Label:     link{Text: cell(it.row, li), URL: url, Quote: cell(it.row, qi)},
				ValueText: val, TextX: plotLeft + plotWidth + 8,
				Title: cell(it.row, li) + ": " + val + quoteSuffix(cell(it.row, qi)),
			})
		}
		sv.Height = 20 + len(items)*(barH+barGap)
		return sv
	case ChartStacked:
		si := colIndex(t, c.Segment)
		if si < 0 {
			return nil
		}
		var order []string
		groups := map[string][][]string{}
		for _, row := range t.Rows {
			k := cell(row, li)
			if _, ok := groups[k]; !ok {
				if len(order) == maxBars {
					continue
				}
				order = append(order, k)
			}
			groups[k] = append(groups[k], row)
		}
		colors := map[string]string{}
		sv := &svgView{Kind: ChartStacked, Width: svgWidth}
		for i, k := range order {
			total := new(big.Rat)
			for _, row := range groups[k] {
				if v, ok := rat(cell(row, vi)); ok && v.Sign() > 0 {
					total.Add(total, v)
				}
			}
			y := 10 + i*(barH+barGap)
			b := bar{Y: y, X: plotLeft, W: plotWidth, H: barH, LabelX: plotLeft - 6, TextY: y + 14,
				Label: link{Text: k, URL: firstURL(cell(groups[k][0], ui))}, TextX: plotLeft + plotWidth + 8}
			x, acc := plotLeft, new(big.Rat)
			for _, row := range groups[k] {
				v, ok := rat(cell(row, vi))
				if !ok || v.Sign() <= 0 {
					continue
				}
				name := cell(row, si)
				col, ok := colors[name]
				if !ok {
					col = palette[len(colors)%len(palette)]
					colors[name] = col
					sv.Legend = append(sv.Legend, legendItem{col, name})
				}
				acc.Add(acc, v)
				end := plotLeft + scale(acc, total, plotWidth) // cumulative, so segments add up exactly
				b.SegmentRow = append(b.SegmentRow, segment{X: x, Y: y, W: end - x, H: barH, Color: col, Name: name,
					URL:   firstURL(cell(row, ui)),
					Title: k + " · " + name + ": " + cell(row, vi) + " " + c.Unit + quoteSuffix(cell(row, qi))})
				x = end
			}
			b.ValueText = total.FloatString(2) + " " + c.Unit
			sv.Bars = append(sv.Bars, b)
		}
		sv.Height = 20 + len(order)*(barH+barGap)
		if len(sv.Bars) == 0 {
			return nil
		}
		return sv
	}
	return nil
}

func quoteSuffix(q string) string {
	if q == "" {
		return ""
	}
	return " — “" + q + "”"
}

type rowView struct{ Cells []link }

type pageData struct {
	Title, ReportTitle, Intro, SQL, Err string
	Generated                           string
	Chart                               *svgView
	Columns                             []string
	Rows                                []rowView
}

func pageView(r Report, p Page) pageData {
	d := pageData{Title: p.Title, ReportTitle: r.Title, Intro: p.Intro, SQL: p.SQL, Err: p.Err,
		Generated: r.Generated.UTC().Format(time.RFC3339), Chart: chartOf(p), Columns: p.Table.Columns}
	ui, qi, vi := colIndex(p.Table, p.Chart.URL), colIndex(p.Table, p.Chart.Quote), colIndex(p.Table, p.Chart.Value)
	for _, row := range p.Table.Rows {
		var rv rowView
		for i, c := range row {
			l := link{Text: c}
			switch {
			case i == vi:
				// The figure itself links to its source and carries its quote.
				l.URL, l.Quote = firstURL(cell(row, ui)), cell(row, qi)
			case strings.HasPrefix(c, "http://") || strings.HasPrefix(c, "https://"):
				if !strings.Contains(c, " | ") {
					l.URL = c
				}
			}
			rv.Cells = append(rv.Cells, l)
		}
		d.Rows = append(d.Rows, rv)
	}
	return d
}

type indexEntry struct {
	Slug, Title, Intro, Err string
	Rows                    int
}

type indexData struct {
	Title, Generated string
	Notes            []string
	Pages            []indexEntry
}

func indexView(r Report) indexData {
	d := indexData{Title: r.Title, Generated: r.Generated.UTC().Format(time.RFC3339), Notes: r.Notes}
	for _, p := range r.Pages {
		d.Pages = append(d.Pages, indexEntry{Slug: p.Slug, Title: p.Title, Intro: p.Intro, Err: p.Err, Rows: len(p.Table.Rows)})
	}
	return d
}

const css = `body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222}
table{border-collapse:collapse;font-size:13px;margin-top:1em}th,td{border:1px solid #ccc;padding:3px 6px;vertical-align:top}
th{background:#f3f3f3;position:sticky;top:0}td.q{max-width:28em}a{color:#0050a0}pre{background:#f6f6f6;padding:.6em;overflow-x:auto}
.err{color:#a00}.note{color:#555;font-size:13px}svg text{font-size:12px}`

var pageTmpl = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{.Title}} — {{.ReportTitle}}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>` + css + `</style></head><body>
<p><a href="index.html">← {{.ReportTitle}}</a></p>
<h1>{{.Title}}</h1>
<p>{{.Intro}}</p>
{{if .Err}}<p class="err">This comparison could not be computed: {{.Err}}</p>{{end}}
{{with .Chart}}<svg xmlns="http://www.w3.org/2000/svg" width="{{.Width}}" height="{{.Height}}" viewBox="0 0 {{.Width}} {{.Height}}" role="img" aria-label="{{$.Title}}">
{{- range .Bars}}
<g>{{if .Label.URL}}<a href="{{.Label.URL}}">{{end}}<text x="{{.LabelX}}" y="{{.TextY}}" text-anchor="end">{{.Label.Text}}<title>{{.Label.Text}}{{if .Label.Quote}} — {{.Label.Quote}}{{end}}</title></text>{{if .Label.URL}}</a>{{end}}
{{- if .SegmentRow}}{{range .SegmentRow}}{{if .URL}}<a href="{{.URL}}">{{end}}<rect x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}" fill="{{.Color}}"><title>{{.Title}}</title></rect>{{if .URL}}</a>{{end}}{{end}}
{{- else}}{{if .Label.URL}}<a href="{{.Label.URL}}">{{end}}<rect x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}" fill="{{if .Negative}}#D55E00{{else}}#0072B2{{end}}"><title>{{.Title}}</title></rect>{{if .Label.URL}}</a>{{end}}{{end}}
<text x="{{.TextX}}" y="{{.TextY}}">{{.ValueText}}</text></g>
{{- end}}
{{if eq .Kind "bar"}}<line x1="{{.AxisX}}" y1="0" x2="{{.AxisX}}" y2="{{.Height}}" stroke="#444"/>{{end}}
</svg>
{{if .Legend}}<p class="note">{{range .Legend}}<span style="color:{{.Color}}">■</span> {{.Name}}&nbsp;&nbsp; {{end}}</p>{{end}}
{{end}}
{{if .Rows}}<table><thead><tr>{{range .Columns}}<th>{{.}}</th>{{end}}</tr></thead><tbody>
{{range .Rows}}<tr>{{range .Cells}}<td>{{if .URL}}<a href="{{.URL}}"{{if .Quote}} title="{{.Quote}}"{{end}}>{{.Text}}</a>{{else}}{{.Text}}{{end}}</td>{{end}}</tr>
{{end}}</tbody></table>{{else}}{{if not .Err}}<p class="note">No rows: the feed has no figures for this comparison yet.</p>{{end}}{{end}}
{{if .SQL}}<h2>Reproduce</h2><pre>budgetfeed query "{{.SQL}}"</pre>{{end}}
<p class="note">Generated {{.Generated}}. Every figure links to the page or file it was read from; hover it for the quote.</p>
</body></html>
`))

var indexTmpl = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{.Title}}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>` + css + `</style></head><body>
<h1>{{.Title}}</h1>
{{range .Notes}}<p class="note">{{.}}</p>{{end}}
<ul>
{{range .Pages}}<li><a href="{{.Slug}}.html">{{.Title}}</a> ({{.Rows}} rows){{if .Err}} <span class="err">failed: {{.Err}}</span>{{end}}<br><span class="note">{{.Intro}}</span></li>
{{end}}</ul>
<p class="note">Generated {{.Generated}}. Static files: no scripts, no external resources.</p>
</body></html>
`))
