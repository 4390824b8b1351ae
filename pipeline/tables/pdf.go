package tables

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// One pdfium WebAssembly pool per process, started on first use. Compiling
// the 5.8 MB module takes ~3.5 s; the wazero compilation cache in
// os.UserCacheDir()/budgetfeed/wazero brings later starts to ~0.1 s.
var (
	pdfOnce sync.Once
	pdfPool pdfium.Pool
	pdfErr  error
)

func pdfiumPool() (pdfium.Pool, error) {
	pdfOnce.Do(func() {
		var cache wazero.CompilationCache
		if dir, err := os.UserCacheDir(); err == nil {
			dir = filepath.Join(dir, "budgetfeed", "wazero")
			if err := os.MkdirAll(dir, 0o755); err == nil {
				cache, _ = wazero.NewCompilationCacheWithDir(dir)
			}
		}
		if cache == nil {
			cache = wazero.NewCompilationCache()
		}
		rc := wazero.NewRuntimeConfig().
			WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
			WithCompilationCache(cache)
		pdfPool, pdfErr = webassembly.Init(webassembly.Config{
			// Reuse instances: by default every Close destroys the instance, and
			// instantiating the module again (its 2 GiB-reserving memory) cost
			// ~10 ms per PDF — a tenth of a national-scale run's CPU.
			// Documents are closed after each use, so no state carries over.
			MinIdle: 1, MaxIdle: 2, MaxTotal: 2, ReuseWorkers: true,
			RuntimeConfig: rc,
			FSConfig:      wazero.NewFSConfig(), // documents are passed as bytes: mount nothing
			Stdout:        io.Discard, Stderr: io.Discard,
		})
		if pdfErr != nil {
			pdfErr = fmt.Errorf("start pdfium: %w", pdfErr)
		}
	})
	return pdfPool, pdfErr
}

// pdfText is a char, or a run of chars, on a page with its box in points;
// top < bottom, measured downwards (the negated PDF y).
type pdfText struct {
	text                     string
	left, right, top, bottom float64
	chars                    []pdfText // the chars of a run
}

// pdfPages extracts the structured text of every page.
func pdfPages(ctx context.Context, data []byte) ([][]pdfText, error) {
	pool, err := pdfiumPool()
	if err != nil {
		return nil, err
	}
	ictx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	inst, err := pool.GetInstanceWithContext(ictx)
	if err != nil {
		return nil, fmt.Errorf("pdfium instance: %w", err)
	}
	defer inst.Close()
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		return nil, fmt.Errorf("open PDF (corrupt or password-protected): %w", err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	pc, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return nil, fmt.Errorf("page count: %w", err)
	}
	if pc.PageCount > MaxPDFPages {
		return nil, fmt.Errorf("%d pages (cap %d): %w", pc.PageCount, MaxPDFPages, ErrTooLarge)
	}
	var pages [][]pdfText
	for i := 0; i < pc.PageCount; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		st, err := inst.GetPageTextStructured(&requests.GetPageTextStructured{
			Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: i}},
			// Chars, not rects: pdfium's rects join the cells of a line.
			Mode: requests.GetPageTextStructuredModeChars,
		})
		if err != nil {
			return nil, fmt.Errorf("page %d text: %w", i+1, err)
		}
		ts := make([]pdfText, 0, len(st.Chars))
		for _, c := range st.Chars {
			if strings.TrimSpace(c.Text) == "" || c.Text == "\ufffe" {
				continue // generated spaces and line breaks: cells come from the geometry
			}
			p := c.PointPosition
			ts = append(ts, pdfText{text: c.Text, left: p.Left, right: p.Right, top: -math.Max(p.Top, p.Bottom), bottom: -math.Min(p.Top, p.Bottom)})
			if len(ts) > MaxCells {
				return nil, fmt.Errorf("page %d: more than %d chars: %w", i+1, MaxCells, ErrTooLarge)
			}
		}
		pages = append(pages, ts)
	}
	return pages, nil
}

// pdfLine is one visual line of a page: text runs sorted left to right.
type pdfLine struct {
	page  int
	runs  []pdfText
	top   float64
	lineN int
}

// pdfLines clusters a page's chars into lines by vertical overlap, sorted by
// (top, left): the reading order, whatever the content stream order was; then
// joins the chars of a line into runs (cells) by the gaps between them.
func pdfLines(page int, ts []pdfText) []pdfLine {
	// slices.SortFunc runs the same pdqsort as sort.Slice (both generated
	// from one template), so chars that tie keep the order they had.
	slices.SortFunc(ts, func(a, b pdfText) int {
		if a.top != b.top {
			if a.top < b.top {
				return -1
			}
			return 1
		}
		return cmpLess(a.left, b.left)
	})
	type band struct{ top, bottom float64 }
	var lines []pdfLine
	var bands []band
	for _, t := range ts {
		h := t.bottom - t.top
		mid := (t.top + t.bottom) / 2
		placed := false
		for k := len(lines) - 1; k >= 0 && k >= len(lines)-3; k-- {
			b := &bands[k]
			ov := math.Min(b.bottom, t.bottom) - math.Max(b.top, t.top)
			// A char belongs to a line when its middle lies in the line's
			// band (flat glyphs such as 一 and ，) or it mostly overlaps it.
			if (mid > b.top && mid < b.bottom) || ov > 0.5*math.Min(h, b.bottom-b.top) {
				lines[k].runs = append(lines[k].runs, t)
				b.top, b.bottom = math.Min(b.top, t.top), math.Max(b.bottom, t.bottom)
				placed = true
				break
			}
		}
		if !placed {
			lines = append(lines, pdfLine{page: page, runs: []pdfText{t}, top: t.top})
			bands = append(bands, band{t.top, t.bottom})
		}
	}
	for k := range lines {
		rs := lines[k].runs
		slices.SortFunc(rs, func(a, b pdfText) int { return cmpLess(a.left, b.left) })
		// Join chars into runs while the gap is below most of the tallest
		// char's height: a table cell's padding keeps neighbouring cells
		// further apart, and the ink of ，or 1 leaves wide gaps inside a cell.
		// A run is a stretch of the sorted chars: its chars are that
		// stretch, its text their texts, joined once the run ends.
		var merged []pdfText
		first := 0 // index in rs of the open run's first char
		closeRun := func(end int) {
			if n := len(merged); n > 0 {
				merged[n-1].chars = rs[first:end:end]
				merged[n-1].text = joinTexts(rs[first:end])
			}
		}
		for i, r := range rs {
			if n := len(merged); n > 0 {
				p := &merged[n-1]
				h := math.Max(p.bottom-p.top, r.bottom-r.top)
				if r.left-p.right < 0.9*h {
					p.right = math.Max(p.right, r.right)
					p.top, p.bottom = math.Min(p.top, r.top), math.Max(p.bottom, r.bottom)
					continue
				}
			}
			closeRun(i)
			first = i
			merged = append(merged, r)
		}
		closeRun(len(rs))
		lines[k].runs = merged
		lines[k].lineN = k + 1
	}
	return lines
}

// cmpLess orders as a < b does (NaN compares as neither less nor equal,
// so the order of sort.Slice with a < b is kept).
func cmpLess(a, b float64) int {
	switch {
	case a < b:
		return -1
	case b < a:
		return 1
	}
	return 0
}

// joinTexts concatenates the texts of chars.
func joinTexts(cs []pdfText) string {
	if len(cs) == 1 {
		return cs[0].text
	}
	n := 0
	for _, c := range cs {
		n += len(c.text)
	}
	var b strings.Builder
	b.Grow(n)
	for _, c := range cs {
		b.WriteString(c.text)
	}
	return b.String()
}

// pdfGrids lays out the text lines of the whole document as one flowing
// grid: lines that are table titles start a segment; within a segment,
// columns are the x intervals of the cells of the rows holding amounts, and
// header cells spanning several columns are copied into each (a merged
// header). Cells are addressed rRcC on their page.
func pdfGrids(ctx context.Context, data []byte) ([]*grid, error) {
	pages, err := pdfPages(ctx, data)
	if err != nil {
		return nil, err
	}
	var lines []pdfLine
	for i, p := range pages {
		lines = append(lines, pdfLines(i+1, p)...)
		if len(lines) > MaxRows {
			return nil, fmt.Errorf("more than %d lines: %w", MaxRows, ErrTooLarge)
		}
	}
	g := &grid{name: "document", flow: true}
	// Segments by title lines.
	start := 0
	flush := func(end int) {
		if end > start {
			g.rows = append(g.rows, pdfSegmentRows(lines[start:end])...)
		}
		start = end
	}
	for i, l := range lines {
		if len(l.runs) <= 3 {
			var ts []gcell
			for _, r := range l.runs {
				ts = append(ts, gcell{text: r.text})
			}
			if _, ok := isTitleRow(grow{cells: ts}); ok {
				flush(i)
			}
		}
	}
	flush(len(lines))
	return []*grid{g}, nil
}

// cellAddr is "rRcC".
func cellAddr(r, c int) string { return "r" + strconv.Itoa(r) + "c" + strconv.Itoa(c) }

// iv is a horizontal interval in points.
type iv struct{ l, r float64 }

// pdfColumns finds the columns of a table segment: the x intervals of the
// cells of rows that hold amounts, merged where they overlap, then widened
// to the cell borders. Amounts are right-aligned (the border is just right of
// them), names left-aligned (the border is just left of them); between a
// name column and an amount column the border is put half way.
func pdfColumns(lines []pdfLine) []iv {
	var spans []iv
	var numeric, codeLike []bool
	for _, l := range lines {
		if len(l.runs) < 2 {
			continue
		}
		num := false
		for _, r := range l.runs {
			if _, ok := parseNumber(r.text); ok {
				num = true
			}
		}
		if !num {
			continue
		}
		for _, r := range l.runs {
			spans = append(spans, iv{r.left, r.right})
			_, ok := parseNumber(r.text)
			numeric = append(numeric, ok && strings.ContainsAny(r.text, ".,"))
			n := norm(r.text)
			codeLike = append(codeLike, !ok || isCode(n) || (len(n) == 2 && n[0] == '0'))
		}
	}
	idx := make([]int, len(spans))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return spans[idx[a]].l < spans[idx[b]].l })
	type colStat struct {
		iv
		minL, maxL, minR, maxR float64
		decimals, codes        int
	}
	var cols []colStat
	for _, i := range idx {
		c := spans[i]
		if n := len(cols); n > 0 && c.l <= cols[n-1].r+1 {
			k := &cols[n-1]
			k.r = math.Max(k.r, c.r)
			k.minL, k.maxL = math.Min(k.minL, c.l), math.Max(k.maxL, c.l)
			k.minR, k.maxR = math.Min(k.minR, c.r), math.Max(k.maxR, c.r)
		} else {
			cols = append(cols, colStat{iv: c, minL: c.l, maxL: c.l, minR: c.r, maxR: c.r})
		}
		if numeric[i] {
			cols[len(cols)-1].decimals++
		}
		if codeLike[i] {
			cols[len(cols)-1].codes++
		}
	}
	if len(cols) == 0 {
		return nil
	}
	// Alignment from the members' edges: amounts share their right edge,
	// codes and names their left edge (or their indentation steps).
	right := make([]bool, len(cols))
	for i, c := range cols {
		sl, sr := c.maxL-c.minL, c.maxR-c.minR
		right[i] = sr+0.5 < sl || (math.Abs(sr-sl) <= 0.5 && (c.decimals > 0 || c.codes == 0))
	}
	out := make([]iv, len(cols))
	out[0].l = cols[0].l - 4
	out[len(cols)-1].r = cols[len(cols)-1].r + 4
	for i := 0; i+1 < len(cols); i++ {
		gap := cols[i+1].l - cols[i].r
		pad := math.Min(gap/2, 4)
		var b float64
		switch {
		case right[i]: // right-aligned amounts: border just right of them
			b = cols[i].r + pad
		case !right[i+1]: // left-aligned text follows: border just left of it
			b = cols[i+1].l - pad
		default:
			b = cols[i].r + gap/2
		}
		out[i].r, out[i+1].l = b, b
	}
	return out
}

// pdfSegmentRows turns the lines of one table segment into grid rows: each
// run goes to the column holding its middle, and a header run that covers
// most of further columns spans them (a merged header cell).
func pdfSegmentRows(lines []pdfLine) []grow {
	cols := pdfColumns(lines)
	colAt := func(x float64) int {
		for i, c := range cols {
			if x < c.r {
				return i
			}
		}
		return len(cols) - 1
	}
	var out []grow
	for li := range lines {
		lines[li].runs = splitAtBorders(lines[li].runs, cols)
	}
	for _, l := range lines {
		row := grow{sheet: "page " + strconv.Itoa(l.page), line: l.lineN}
		if len(cols) == 0 || len(l.runs) == 1 && isWide(l.runs[0], cols) {
			// Titles, unit lines and notes: one cell.
			for _, r := range l.runs {
				row.cells = append(row.cells, gcell{text: r.text, addr: cellAddr(l.lineN, len(row.cells)+1)})
			}
			out = append(out, row)
			continue
		}
		row.cells = make([]gcell, len(cols))
		for _, r := range l.runs {
			f := colAt((r.left + r.right) / 2)
			la := f
			for f > 0 && coverage(r, cols[f-1]) > 0.5 {
				f--
			}
			for la+1 < len(cols) && coverage(r, cols[la+1]) > 0.5 {
				la++
			}
			if row.cells[f].text != "" && !row.cells[f].span {
				row.cells[f].text += r.text
				continue
			}
			row.cells[f] = gcell{text: r.text, addr: cellAddr(l.lineN, f+1)}
			for c := f + 1; c <= la; c++ {
				if row.cells[c].text == "" {
					row.cells[c] = gcell{text: r.text, span: true}
				}
			}
		}
		out = append(out, row)
	}
	spanHeaders(out, lines, cols)
	return out
}

// spanHeaders widens the cells of header lines over the columns they head.
// A merged header cell is printed centred over its columns, so a header run
// spans the widest run of columns that are empty on its own line, filled on
// the header line below, and centred on the run. Lines are done bottom-up so
// that the spans of a lower header line count for the line above.
func spanHeaders(rows []grow, lines []pdfLine, cols []iv) {
	header := func(i int) bool {
		if len(rows[i].cells) != len(cols) || len(lines[i].runs) < 1 {
			return false
		}
		for _, r := range lines[i].runs {
			if _, ok := parseNumber(r.text); ok {
				return false
			}
		}
		return true
	}
	for i := len(rows) - 2; i >= 0; i-- {
		if !header(i) || !header(i+1) {
			continue
		}
		row, below := rows[i].cells, rows[i+1].cells
		for _, r := range lines[i].runs {
			x := (r.left + r.right) / 2
			f, fd := -1, math.Inf(1)
			for c := range row {
				d := math.Abs((cols[c].l+cols[c].r)/2 - x)
				if row[c].text == r.text && !row[c].span && row[c].text != "" && d < fd {
					f, fd = c, d // the same header text may head two groups
				}
			}
			if f < 0 {
				continue
			}
			bestA, bestB := f, f
			for a := f; a >= 0; a-- {
				if a < f && (row[a].text != "" || below[a].text == "") {
					break
				}
				for b := f; b < len(row); b++ {
					if b > f && (row[b].text != "" || below[b].text == "") {
						break
					}
					w := cols[b].r - cols[a].l
					// Centred within a third of one column's width.
					if w <= 0 || math.Abs((cols[a].l+cols[b].r)/2-x) > 0.3*w/float64(b-a+1) {
						continue
					}
					if b-a > bestB-bestA {
						bestA, bestB = a, b
					}
				}
			}
			if bestA == f && bestB == f {
				continue
			}
			cell := row[f]
			for c := bestA; c <= bestB; c++ {
				row[c] = gcell{text: cell.text, span: true}
			}
			row[bestA] = cell
		}
	}
}

// splitAtBorders splits a run that crosses a column border where its chars
// leave a gap at the border: two header cells printed close together, not
// one text centred over several columns (whose chars run on without gaps).
func splitAtBorders(runs []pdfText, cols []iv) []pdfText {
	var out []pdfText
	for _, r := range runs {
		if isWide(r, cols) {
			out = append(out, r) // a title or a note: never cells
			continue
		}
		cut := -1
		for _, c := range cols[:max(len(cols)-1, 0)] {
			b := c.r
			if b <= r.left || b >= r.right {
				continue
			}
			for k := 1; k < len(r.chars); k++ {
				g0, g1 := r.chars[k-1].right, r.chars[k].left
				h := math.Max(r.chars[k-1].bottom-r.chars[k-1].top, r.chars[k].bottom-r.chars[k].top)
				if g1-g0 > 0.25*h && g0-3 <= b && b <= g1+3 {
					cut = k
					break
				}
			}
			if cut > 0 {
				break
			}
		}
		if cut <= 0 {
			out = append(out, r)
			continue
		}
		a, b := joinChars(r.chars[:cut]), joinChars(r.chars[cut:])
		out = append(out, splitAtBorders([]pdfText{a}, cols)...)
		out = append(out, splitAtBorders([]pdfText{b}, cols)...)
	}
	return out
}

func joinChars(cs []pdfText) pdfText {
	r := pdfText{left: cs[0].left, right: cs[0].right, top: cs[0].top, bottom: cs[0].bottom, text: joinTexts(cs)}
	for _, c := range cs {
		r.left, r.right = math.Min(r.left, c.left), math.Max(r.right, c.right)
		r.top, r.bottom = math.Min(r.top, c.top), math.Max(r.bottom, c.bottom)
	}
	r.chars = cs
	return r
}

// coverage is the share of column c's finite width that run t covers.
func coverage(t pdfText, c iv) float64 {
	l, r := c.l, c.r
	if math.IsInf(l, -1) {
		l = t.left
	}
	if math.IsInf(r, 1) {
		r = t.right
	}
	if r <= l {
		return 0
	}
	ov := math.Min(r, t.right) - math.Max(l, t.left)
	return math.Max(ov, 0) / (r - l)
}

// isWide reports a single run that covers more than two columns (a title
// or a note line, not a cell).
func isWide(t pdfText, cols []iv) bool {
	n := 0
	for _, c := range cols {
		if math.Min(c.r, t.right)-math.Max(c.l, t.left) > 0 {
			n++
		}
	}
	return n > 2
}
