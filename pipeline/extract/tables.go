package extract

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/budgetfeed/budgetfeed/schemas"
)

var (
	tableUnitRe = regexp.MustCompile(`单位:(万元|元|亿元|千元|人|辆|个)`)
	cellNumRe   = regexp.MustCompile(`^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$`)
	cellNumSpRe = regexp.MustCompile(`^\d{1,3}(?: \d{3})+(?:\.\d+)?$`)
	// cellNumSpDecRe: thousands grouped with spaces and a decimal part
	// ("2 906.40"), outside a table that groups so (never two integer columns).
	cellNumSpDecRe = regexp.MustCompile(`^\d{1,3}(?: \d{3})+\.\d+$`)
	cellMarkRe     = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|\d{1,2}[.、]|\(\d{1,2}\)|\([一二三四五六七八九十]{1,2}\)|其中:?)`)
)

type cell struct{ a, b int } // trimmed byte range in the normalised text

// tableFacts reads "label | value" rows of tables flattened into text
// (one cell per line or |-separated) under a "单位:万元" caption. Only
// tables whose header names a single stage are read; the first value
// column is taken, as it is the total (合计) or the only figure.
func (ex *extractor) tableFacts() {
	s := ex.n.s[:ex.stopAt]
	if !hasUnitCaption(s) {
		if strings.Contains(s, "|") {
			ex.captionless(s, ex.docUnit())
		} else if figureLines(s) >= 3 {
			u := ex.docUnit()
			if u == "" {
				return
			}
			// One cell per line without a caption ("农林水支出\n2,392.36\n社会
			// 保障和就业支出\n42.49\n…"): three or more label and figure lines,
			// in the one money unit of the whole text.
			for _, b := range labelValueBlocks(s, 3) {
				ex.table(b[0], b[1], u)
			}
		} else if bs := spacedBlocks(s); bs != nil {
			// Label and figure on one line, a space between, three lines
			// or more under a title ("公共安全支出 2,679.15"), in the one
			// money unit of the whole text.
			if u := ex.docUnit(); u != "" {
				for _, b := range bs {
					ex.spaceAligned(b[0], b[1], u)
				}
			}
		}
		return
	}
	locs := tableUnitRe.FindAllStringSubmatchIndex(s, -1)
	if len(locs) > 0 {
		// Label and figure lines before the first caption: a table whose
		// unit is stated after it ("…\n项目支出\n292.54\n(以上单位:万元)")
		// or apart from it, read when every caption names the same unit.
		unit := s[locs[0][2]:locs[0][3]]
		same := true
		for _, loc := range locs[1:] {
			same = same && s[loc[2]:loc[3]] == unit
		}
		if same {
			for _, b := range labelValueBlocks(s[:locs[0][0]], 3) {
				ex.table(b[0], b[1], unit)
			}
			// A | table whose caption is printed under it ("|基本支出|2,047.19|
			// \n单位:万元\n2022年…"): the caption line follows its last row and
			// no table row follows the caption.
			if a, ok := barBlockAbove(s, locs[0][0], locs[0][1]); ok {
				ex.table(a, strings.LastIndexByte(s[:locs[0][0]], '\n'), unit)
			} else if a, ok := cellBlockAbove(s, locs[0][0], locs[0][1]); ok {
				// The same with one cell per line ("收入总计\n|\n8,905.62").
				ex.table(a, strings.LastIndexByte(s[:locs[0][0]], '\n'), unit)
			}
		}
	}
	for k, loc := range locs {
		unit := s[loc[2]:loc[3]]
		end := len(s)
		if k+1 < len(locs) {
			end = locs[k+1][0]
		}
		// Several tables under one caption, each under its own title line
		// ("二、部门预算支出功能分类表", "三、“三公”经费预算表"): read each
		// with its own header.
		a := loc[1]
		for _, h := range tableTitles(s, a, end) {
			ex.table(a, h[0], unit)
			a = h[1]
		}
		ex.table(a, end, unit)
		// Tables further down the caption's region, after running text
		// ("（金额单位：千元）" over the whole document): each read from its
		// header row on.
		for _, b := range barRunsAfterProse(s, a, end) {
			ex.table(b[0], b[1], unit)
		}
	}
}

// spacedBlocks returns the runs of three lines or more that each hold a
// label and one figure separated by a space ("公共安全支出 2,679.15"): no
// digit in the label, nothing after the figure.
func spacedBlocks(s string) [][2]int {
	var out [][2]int
	start, n := -1, 0
	for ls := 0; ls < len(s); {
		le := strings.IndexByte(s[ls:], '\n')
		if le < 0 {
			le = len(s)
		} else {
			le += ls
		}
		if spacedLine(s[ls:le]) {
			if n == 0 {
				start = ls
			}
			n++
		} else {
			if n >= 3 {
				out = append(out, [2]int{start, ls - 1})
			}
			n = 0
		}
		ls = le + 1
	}
	if n >= 3 {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}

// spacedLine reports a line "label figure": a label of at most 20 runes
// without a digit or punctuation, one space, a figure ending the line.
func spacedLine(l string) bool {
	l = strings.TrimLeft(l, " ")
	sp := strings.LastIndexByte(l, ' ')
	if d := strings.IndexAny(l, "0123456789"); d > 0 && l[d-1] == ' ' && cellNumSpDecRe.MatchString(l[d:]) {
		sp = d - 1 // "一般公共服务支出 2 906.40": thousands grouped with spaces
		l = l[:sp+1] + strings.ReplaceAll(l[d:], " ", "")
	}
	if sp <= 0 || sp+1 >= len(l) || !isD(l[sp+1]) {
		return false
	}
	for i := sp + 1; i < len(l); i++ {
		if c := l[i]; !isD(c) && c != ',' && c != '.' {
			return false
		}
	}
	label := strings.TrimRight(l[:sp], " ")
	if label == "" || runeLen(label) > 20 {
		return false
	}
	for i := 0; i < len(label); i++ {
		if c := label[i]; isD(c) || c == ',' || c == ':' || c == ';' || c == ' ' {
			return false
		}
	}
	return true
}

// figureLines counts the lines that hold only a figure ("2,392.36"), a
// cheap test (no allocation) before labelValueBlocks.
func figureLines(s string) int {
	n := 0
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			j = len(s) - i
		}
		line := strings.TrimSpace(s[i : i+j])
		ok := line != "" && isD(line[0])
		for k := 0; ok && k < len(line); k++ {
			ok = isD(line[k]) || line[k] == ',' || line[k] == '.'
		}
		if ok {
			n++
		}
		i += j + 1
	}
	return n
}

// barRunsAfterProse returns the runs of three or more consecutive | lines
// in [a, end) that follow a prose line (over 40 characters, no bar), which
// ends what table reads from a.
func barRunsAfterProse(s string, a, end int) [][2]int {
	var out [][2]int
	prose := false
	runStart, n := -1, 0
	flush := func(e int) {
		if prose && runStart >= 0 && n >= 3 {
			out = append(out, [2]int{runStart, e})
		}
		runStart, n = -1, 0
	}
	for i := a; i < end; {
		j := strings.IndexByte(s[i:end], '\n')
		if j < 0 {
			j = end - i
		}
		line := s[i : i+j]
		switch {
		case strings.Contains(line, "|"):
			if runStart < 0 {
				runStart = i
			}
			n++
		default:
			flush(i)
			if runeLen(line) > 40 {
				prose = true
			}
		}
		i += j + 1
	}
	flush(end)
	return out
}

// tableTitles returns the title lines ([start, end of line)) inside the
// caption region [a, end): a short line without a bar, after a table row
// and before a header row, that numbers or names a table (一、… / …表).
func tableTitles(s string, a, end int) [][2]int {
	var out [][2]int
	prevBar := false
	for i := a; i < end; {
		j := strings.IndexByte(s[i:end], '\n')
		if j < 0 {
			j = end - i
		}
		line := s[i : i+j]
		next := i + j + 1
		bar := strings.Contains(line, "|")
		if !bar && prevBar && next < end && runeLen(line) <= 40 && (strings.Contains(line, "表") || cellMarkRe.MatchString(line)) {
			k := strings.IndexByte(s[next:end], '\n')
			if k < 0 {
				k = end - next
			}
			if strings.Count(s[next:next+k], "|") >= 2 {
				out = append(out, [2]int{i, next})
			}
		}
		if strings.TrimSpace(line) != "" {
			prevBar = bar
		}
		i = next
	}
	return out
}

// docUnit is the money unit every money figure of the text is stated in,
// "" when the text mixes units or states none.
func (ex *extractor) docUnit() string {
	unit := ""
	for _, m := range ex.mentions {
		if m.uc != ucMoney {
			continue
		}
		u := m.unit
		if u == "万" {
			u = "万元"
		}
		if unit != "" && u != unit {
			return ""
		}
		unit = u
	}
	return unit
}

// captionless reads a table without a 单位 caption ("| 一般公共服务支出 |
// 2,406.80" rows under "主要支出功能科目："): three or more consecutive
// label | figure rows, in the one money unit of the whole text.
func (ex *extractor) captionless(s, unit string) {
	start, n, figs := -1, 0, 0
	flush := func(end int) {
		// A unit named in the header row ("|项目|预算数（万元）|") is the
		// table's; else the one money unit of the whole text.
		// The table starts at its header row when a | line of labels is
		// right above its first figure row ("|项目|年初预算|决算数|"), so
		// that the header's stages decide its columns.
		if hu := headerUnitAbove(s, start); hu != "" && figs >= 2 {
			ex.table(barHeaderAbove(s, start), end, hu)
		} else if unit != "" && hu == "" && n >= 3 && figs >= 2 {
			ex.table(barHeaderAbove(s, start), end, unit)
		}
		start, n, figs = -1, 0, 0
	}
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			j = len(s) - i
		}
		line := strings.Trim(s[i:i+j], " |")
		cells := strings.Split(line, "|")
		last := strings.TrimSpace(cells[len(cells)-1])
		// A row whose figure cell is a dash ("|事业运行|—|", a blank cell as
		// printed) belongs to the run but states nothing.
		if num := cellNumRe.MatchString(last); len(cells) >= 2 && (num || dashCell(last)) && strings.Contains(s[i:i+j], "|") {
			if start < 0 {
				start = i
			}
			n++
			if num {
				figs++
			}
		} else {
			flush(i)
		}
		i += j + 1
	}
	flush(len(s))
}

func (ex *extractor) table(a, end int, unit string) {
	s := ex.n.s
	ex.tabClass = classRef{}
	ex.procurementRows = false
	ex.twoSided = false
	ex.spNum = spaceThousands(s[a:end])
	defer func() { ex.spNum = false }()
	// Split into cells on | and line breaks, up to the first long prose line.
	var cells []cell
	var rows []int // row of each cell (line), when rows are lines
	bars := 0
	// One cell per line with | lines between ("a\n|\nb"): only | separates.
	perLine := strings.Count(s[a:min(end, a+2000)], "\n|\n") >= 3
	i, row := a, 0
	for i < end {
		j := i
		for j < end && s[j] != '|' && s[j] != '\n' {
			j++
		}
		if perLine {
			for j < end && s[j] != '|' {
				j++
			}
		}
		c := cell{i, j}
		for c.a < c.b && (s[c.a] == ' ' || s[c.a] == '\n') {
			c.a++
		}
		for c.b > c.a && (s[c.b-1] == ' ' || s[c.b-1] == '\n') {
			c.b--
		}
		if runeLen(s[c.a:c.b]) > 40 {
			break // prose again
		}
		cells = append(cells, c)
		rows = append(rows, row)
		if j < end && s[j] == '|' {
			bars++
		} else if j < end {
			row++
		}
		i = j + 1
	}
	if bars < 2 {
		// One cell per line without bars: label lines each followed by a
		// line holding only its figure.
		if ex.labelsThenFigures(cells, unit) {
			return
		}
		if !labelValueLines(s, cells) {
			ex.spaceAligned(a, end, unit)
			return
		}
		perLine = true
	}
	// Header: the cells before the first number.
	uc := unitClass(unit)
	first := -1
	for k, c := range cells {
		if ex.cellNum(s[c.a:c.b]) {
			first = k
			break
		}
	}
	if first < 0 && !perLine {
		// Cells that each hold a label and its figure ("收入合计
		// 6,318,420.00 | 支出合计 6,318,420.00"): split into label and
		// figure cells.
		cells, rows = ex.splitLabelFigureCells(cells, rows)
		for k, c := range cells {
			if ex.cellNum(s[c.a:c.b]) {
				first = k
				break
			}
		}
	}
	if first < 0 {
		return
	}
	var header, headRows strings.Builder
	for k, c := range cells[:first] {
		header.WriteString(s[c.a:c.b])
		if perLine && k < first-1 || !perLine && rows[k] < rows[first] {
			// (One cell per line: the cell before the first figure is
			// that row's label, not the header.)
			headRows.WriteString(s[c.a:c.b])
		}
	}
	h, hr := header.String(), headRows.String()
	kind := ex.tableKind(a, h)
	if kind == "" && threePublicRows(s, cells) {
		kind = "three_public"
	}
	if kind == "gpb" && !ex.hasClassRows(cells) {
		kind = "" // its 合计 is the total of what the rows list, not known here
	}
	if !perLine && first > 0 {
		if head := headerRow(cells, rows, first); head != nil && ex.horizontal(kind, head, cells, rows, first, uc, unit) {
			return
		}
	}
	var cols []tcol // columns of the figures in rows of width cells; nil: the first number after each label
	width := 0
	if strings.Contains(hr, "决算") && strings.Contains(hr, "预算") || strings.Contains(hr, "上年") || strings.Contains(hr, "增减") || !perLine && yearRe.MatchString(hr) {
		if !perLine {
			cols, width = ex.stageColumns(cells, rows, first)
		} else if pcols, k := ex.perLineColumns(cells, first); pcols != nil {
			ex.perLineRows(kind, cells, first, k, pcols, uc, unit, strings.Contains(h, "收入"))
			return
		}
		if cols == nil {
			ex.finding(RuleAmbiguous, schemas.SeverityInfo, "", "table with figures of several stages or years left out", a, cells[first].b)
			return
		}
	}
	if perLine {
		for k := 0; k+1 < len(cells); k++ {
			lc, vc := cells[k], cells[k+1]
			if !ex.cellNum(s[vc.a:vc.b]) || ex.cellNum(s[lc.a:lc.b]) {
				continue
			}
			if k+2 < len(cells) && ex.cellNum(s[cells[k+2].a:cells[k+2].b]) {
				continue // two figures after the label, columns not named: nothing is read
			}
			ex.tableRow(kind, "", lc, vc, uc, unit, tcol{}, k == 0 || strings.Contains(h, "收入"))
		}
		return
	}
	head := headerRow(cells, rows, first)
	// A 收入支出总表 printed side by side: the header rows name 收入 and
	// 支出, each row holds an income label and figure then an expenditure
	// label and figure.
	ex.twoSided = kind == "" && cols == nil && uc == ucMoney && strings.Contains(hr, "收入") && strings.Contains(hr, "支出")
	defer func() { ex.twoSided = false }()
	// Rows are lines: label (and code) cells, then figures.
	for k := first; k < len(cells); {
		e := k
		for e < len(cells) && rows[e] == rows[k] {
			e++
		}
		// The header row's first cell may sit on the first figure's line.
		start := k
		for start > 0 && rows[start-1] == rows[k] {
			start--
		}
		if cols == nil && e-start >= 3 && k > first && ex.stageHeaderLine(cells[start:e]) {
			// A later table's own header row naming stages or years
			// ("项目 | 2022年预算 | 2023年预算 | 增减"): read from it on.
			ex.table(cells[start].a, end, unit)
			return
		}
		line := cells[start:e]
		if cols != nil && len(line) == width-1 && codeHeader(s, head) && !isFunctionCode(s[line[0].a:line[0].b]) && !ex.cellNum(s[line[0].a:line[0].b]) {
			// A row without its code cell ("\t合计\t59,220.00\t62,881.35"
			// under "科目编码\t科目名称\t…"): its cells start at the label.
			line = append([]cell{{line[0].a, line[0].a}}, line...)
		}
		if cols == nil || len(line) == width {
			ex.tableLine(kind, line, head, cols, uc, unit, strings.Contains(h, "收入"))
		}
		k = e
	}
}

// cellNum reports a cell that is a figure: cellNumRe, or thousands grouped
// with spaces in a table that writes them so (ex.spNum).
func (ex *extractor) cellNum(v string) bool {
	return cellNumRe.MatchString(v) || ex.spNum && cellNumSpRe.MatchString(v)
}

// spaceThousands reports a table (| or tab cells) that groups thousands
// with spaces throughout: two or more cells written so and no figure of
// four or more integer digits written otherwise. One such cell alone may
// be two figures of a collapsed row ("基本支出 | 12 345.00").
func spaceThousands(t string) bool {
	n := 0
	for len(t) > 0 {
		i := strings.IndexAny(t, "|\n")
		c := t
		if i >= 0 {
			c, t = t[:i], t[i+1:]
		} else {
			t = ""
		}
		c = strings.TrimSpace(c)
		switch {
		case cellNumSpRe.MatchString(c):
			n++
		case cellNumRe.MatchString(c):
			ip, _, _ := strings.Cut(c, ".")
			if len(ip) >= 4 {
				return false
			}
		}
	}
	return n >= 2
}

// perLineColumns reads the header of a table printed one cell per line
// with k >= 2 figure columns ("科目名称\n年初预算\n决算数\n一般公共服务支出\n
// 1,842.50\n2,016.38\n…"): the k cells before the first row's label name
// the columns. It returns the columns of this document's figures (a column
// it cannot place, such as 调整预算 or 增减, is not read) and k; nil when
// the header does not name them or a row does not have k figures.
func (ex *extractor) perLineColumns(cells []cell, first int) ([]tcol, int) {
	s := ex.n.s
	k := 0
	for j := first; j < len(cells) && ex.cellNum(s[cells[j].a:cells[j].b]); j++ {
		k++
	}
	if k < 2 || first < 2 {
		return nil, 0
	}
	// The column names: one cell each, or run together into one line by
	// the text's line joining ("科目名称年初预算决算数").
	var names []string
	if first-2-k >= 0 {
		for j := 0; j < k; j++ {
			v := s[cells[first-1-k+j].a:cells[first-1-k+j].b]
			if v == "" || ex.cellNum(v) {
				names = nil
				break
			}
			names = append(names, v)
		}
	}
	if names == nil {
		names = peelColumns(s[cells[first-2].a:cells[first-2].b], k)
	}
	if names == nil {
		return nil, 0
	}
	var cols []tcol
	for j, v := range names {
		tc, ok := ex.columnOf(v)
		if !ok {
			continue
		}
		tc.col = j
		if cols, ok = addColumn(cols, tc); !ok {
			return nil, 0
		}
	}
	if len(cols) == 0 {
		return nil, 0
	}
	// Every row: a label, then exactly k figures (a dash is a blank one).
	rowsN := 0
	for j := first - 1; j < len(cells); j += k + 1 {
		if j+k >= len(cells) {
			if j+1 < len(cells) {
				return nil, 0 // a short last row
			}
			break
		}
		if v := s[cells[j].a:cells[j].b]; v == "" || ex.cellNum(v) || dashCell(v) {
			return nil, 0
		}
		for x := j + 1; x <= j+k; x++ {
			if v := s[cells[x].a:cells[x].b]; !ex.cellNum(v) && !dashCell(v) {
				return nil, 0
			}
		}
		rowsN++
	}
	if rowsN < 2 {
		return nil, 0
	}
	return cols, k
}

// colTailRe is a column name at the end of a header line: a stage or year
// column, or a change column.
var colTailRe = regexp.MustCompile(`(?:(?:19|20)\d{2}年度?(?:预算数|预算|决算数|决算|执行数)?|(?:年初|调整|上年|本年)?(?:预算数|预算|决算数|决算|执行数)|本年数|上年数|增减额|增减%|增减|增长%|变动率)$`)

// peelColumns splits the last k column names off a header line that runs
// them together after the label column's name ("科目名称年初预算决算数" →
// 年初预算, 决算数); nil when k names do not end it or nothing is left.
func peelColumns(h string, k int) []string {
	names := make([]string, k)
	for j := k - 1; j >= 0; j-- {
		loc := colTailRe.FindStringIndex(h)
		if loc == nil || loc[0] == loc[1] {
			return nil
		}
		names[j], h = h[loc[0]:], h[:loc[0]]
	}
	if h == "" || hasDigit(h) {
		return nil
	}
	return names
}

// perLineRows reads the rows of a table perLineColumns placed.
func (ex *extractor) perLineRows(kind string, cells []cell, first, k int, cols []tcol, uc int, unit string, income bool) {
	s := ex.n.s
	for j := first - 1; j+k < len(cells); j += k + 1 {
		for _, tc := range cols {
			vc := cells[j+1+tc.col]
			if ex.cellNum(s[vc.a:vc.b]) {
				ex.tableRow(kind, "", cells[j], vc, uc, unit, tc, income && j == first-1)
			}
		}
	}
}

// tcol is a column of figures: its index and the year and period its
// figures are for (zero: the document's current figures).
type tcol struct {
	col    int
	fy     int32
	period string
}

// addColumn adds tc to the columns a header names; false when a column of
// the same year and period is there already: two columns fit one meaning,
// so the header does not say which figure is which and nothing may be read.
func addColumn(cols []tcol, tc tcol) ([]tcol, bool) {
	for _, x := range cols {
		if x.fy == tc.fy && x.period == tc.period {
			return cols, false
		}
	}
	return append(cols, tc), true
}

// labelValueLines reports cells (lines) that pair labels with figures at
// least twice: "一般公共预算\n938.80\n其他收入\n40.00".
func labelValueLines(s string, cells []cell) bool {
	n := 0
	for k := 0; k+1 < len(cells); k++ {
		l, v := s[cells[k].a:cells[k].b], s[cells[k+1].a:cells[k+1].b]
		if l != "" && !cellNumRe.MatchString(l) && cellNumRe.MatchString(v) {
			n++
		}
	}
	return n >= 2
}

// labelsThenFigures reads a table printed one cell per line with all its
// labels before all its figures ("项目", K row labels, the column header
// "合计" or "金额", then exactly K figure lines and nothing more of the
// table): the i-th figure is the i-th row's. False, reading nothing, for
// any other layout.
func (ex *extractor) labelsThenFigures(cells []cell, unit string) bool {
	s := ex.n.s
	for len(cells) > 0 && cells[0].a == cells[0].b {
		cells = cells[1:] // the rest of the caption's line
	}
	if len(cells) < 7 || s[cells[0].a:cells[0].b] != "项目" {
		return false
	}
	f := 0
	for f < len(cells) && !ex.cellNum(s[cells[f].a:cells[f].b]) {
		if f > 0 && (cells[f].a == cells[f].b || hasDigit(s[cells[f].a:cells[f].b])) {
			return false
		}
		f++
	}
	if col := s[cells[f-1].a:cells[f-1].b]; f >= len(cells) || col != "合计" && col != "金额" {
		return false
	}
	k := f - 2 // row labels
	e := f
	for e < len(cells) && ex.cellNum(s[cells[e].a:cells[e].b]) {
		e++
	}
	if k < 2 || e-f != k {
		return false
	}
	uc := unitClass(unit)
	kind := ex.tableKind(cells[0].a, "")
	for i := 0; i < k; i++ {
		lc := cells[1+i]
		ex.tableRow(kind, "", lc, cells[f+i], uc, unit, tcol{}, strings.Contains(s[lc.a:lc.b], "收入"))
	}
	return true
}

// splitLabelFigureCells splits each cell that is a label (without a digit)
// and a figure into a label cell and a figure cell, when two or more cells of the
// table are written so (and none is a figure alone); otherwise the cells are
// returned as they are.
func (ex *extractor) splitLabelFigureCells(cells []cell, rows []int) ([]cell, []int) {
	s := ex.n.s
	split := func(c cell) (cell, cell, bool) {
		// The normaliser has dropped the space between the label's last
		// character and the figure ("收入合计6,318,420.00").
		v := s[c.a:c.b]
		i := strings.IndexAny(v, "0123456789")
		if i <= 0 || !(v[i-1] >= 0x80 || v[i-1] == ')') || !ex.cellNum(v[i:]) {
			return c, c, false
		}
		l := cell{c.a, c.a + i}
		for l.a < l.b && (s[l.a] == ')' || s[l.a] == ' ' || s[l.a] == '\n') {
			l.a++ // the end of the caption "(单位:元)" before the first row
		}
		return l, cell{c.a + i, c.b}, true
	}
	n := 0
	for _, c := range cells {
		if _, _, ok := split(c); ok {
			n++
		}
	}
	if n < 2 {
		return cells, rows
	}
	out, outRows := make([]cell, 0, len(cells)+n), make([]int, 0, len(cells)+n)
	for k, c := range cells {
		if l, f, ok := split(c); ok {
			out, outRows = append(out, l, f), append(outRows, rows[k], rows[k])
			continue
		}
		out, outRows = append(out, c), append(outRows, rows[k])
	}
	return out, outRows
}

// headerRow returns the cells of the row just before the first figure's
// row, nil when the first figure's row starts the table.
func headerRow(cells []cell, rows []int, first int) []cell {
	hr := rows[first] - 1
	var head []cell
	for k := 0; k < first; k++ {
		if rows[k] == hr {
			head = append(head, cells[k])
		}
	}
	return head
}

// horizontal reads a table whose header row names the items and whose rows
// are stages or years ("合计 | 因公出国(境)费 | 公务接待费…" over "18.60 | 0.00
// | 3.60…", or "项目 | 合计 | …" over "年初预算数 | 38.00 | …" and "决算数 |
// 31.26 | …"); false when the table is not laid out so.
func (ex *extractor) horizontal(kind string, head, cells []cell, rows []int, first, uc int, unit string) bool {
	s := ex.n.s
	items := 0
	for _, c := range head {
		v := strings.TrimLeft(s[c.a:c.b], "其中:")
		if v == "合计" || v == "总计" {
			items++
			continue
		}
		if hs := scanKeywords(v); len(hs) == 1 && hs[0].start == 0 && hs[0].end == len(v) && hs[0].r.metricFor(uc) != "" {
			items++
		}
	}
	if items < 2 {
		return false
	}
	read := false
	for k := first; k < len(cells); {
		for k > 0 && rows[k-1] == rows[k] {
			k--
		}
		e := k
		for e < len(cells) && rows[e] == rows[k] {
			e++
		}
		line := cells[k:e]
		k = e
		// Rows opened and closed by bars ("| 合计 | 公务接待费 |" over "|
		// 6.84 | 1.74 |"): the empty end cells are the border (the last
		// row's closing cell is missing at the end of the text).
		if len(line) > 1 && len(head) > 1 && line[0].a == line[0].b && head[0].a == head[0].b {
			head, line = head[1:], line[1:]
		}
		if hl := head[len(head)-1]; len(head) > 1 && hl.a == hl.b {
			if ll := line[len(line)-1]; len(line) == len(head) && ll.a == ll.b {
				head, line = head[:len(head)-1], line[:len(line)-1]
			} else if len(line) == len(head)-1 {
				head = head[:len(head)-1]
			}
		}
		if len(line) != len(head) {
			break
		}
		for _, c := range line[1:] {
			if v := s[c.a:c.b]; v != "" && !ex.cellNum(v) {
				return read // a row with a label after its first cell: rows of items
			}
		}
		col := tcol{}
		v0 := s[line[0].a:line[0].b]
		if isFunctionCode(v0) {
			return read
		}
		if !ex.cellNum(v0) {
			c, ok := ex.columnOf(v0)
			if !ok {
				if hasStageWord(v0) || yearRe.MatchString(v0) {
					continue // a row of another stage or year, or a change
				}
				break // rows of items: not horizontal
			}
			col = c
		}
		for j := range line {
			if !ex.cellNum(s[line[j].a:line[j].b]) {
				continue
			}
			ex.tableRow(kind, "", head[j], line[j], uc, unit, col, false)
			read = true
		}
	}
	return read
}

// columnOf reads a column header or a row label that names a stage and year
// ("2013年预算", "上年决算数", "年初预算数") as the year and period of its
// figures; false when it names none of this document's or a change.
func (ex *extractor) columnOf(t string) (tcol, bool) {
	if strings.Contains(t, "增减") || strings.Contains(t, "比") || strings.Contains(t, "%") || strings.Contains(t, "调整") || strings.Contains(t, "变动") || strings.Contains(t, "差") {
		return tcol{}, false
	}
	st := ""
	switch {
	case strings.Contains(t, "决算") || strings.Contains(t, "执行数") || strings.Contains(t, "实际"):
		st = schemas.StageFinalAccount
	case strings.Contains(t, "预算"):
		st = schemas.StageBudget
	case bareYearColumn(t) || yearOnlyColumn(t):
		// 本年数 / 上年数 of a table in a budget or a final account: the
		// document's own stage, this year or the year before.
		st = ex.res.Stage
	default:
		return tcol{}, false
	}
	y := ex.res.FiscalYear
	if ym := yearRe.FindStringSubmatch(t); ym != nil {
		v, _ := strconv.Atoi(ym[1])
		y = int32(v)
	} else if hasPrior(t) {
		y--
	}
	if strings.Contains(t, "年初") && y != ex.res.FiscalYear {
		return tcol{}, false
	}
	if st == schemas.StageBudget && ex.res.Stage == schemas.StageFinalAccount && !strings.Contains(t, "年初") {
		return tcol{}, false // 预算数 of a final account may be the adjusted budget
	}
	fy, _, period, ok := ex.resolve(y, st)
	if !ok {
		return tcol{}, false
	}
	return tcol{fy: fy, period: period}, true
}

// yearOnlyColumn reports a column header that is a year alone ("2019年度",
// "2018年", "2019年数"): the figures of the document's stage for that year.
func yearOnlyColumn(t string) bool {
	if len(t) < 7 || t[:2] != "19" && t[:2] != "20" || !isD(t[2]) || !isD(t[3]) || t[4:7] != "年" {
		return false
	}
	switch t[7:] {
	case "", "度", "数", "度数", "金额":
		return true
	}
	return false
}

// bareYearColumn reports a column header that names only this or the
// previous year ("本年数", "上年金额", "本期数"), not a stage.
func bareYearColumn(t string) bool {
	switch t {
	case "本年", "本年数", "本年金额", "本年发生数", "本期数", "本期金额",
		"上年", "上年数", "上年金额":
		return true
	}
	return false
}

// tableLine reads one row of a table whose rows are lines: an optional code
// cell, the label, then the figures; the figure is the cell of each column
// of cols, or the first figure after the label when cols is nil (a row of
// two sides, "收入 | 预算数 | 支出 | 预算数", holds two labels and figures).
// head is the header row.
func (ex *extractor) tableLine(kind string, line, head []cell, cols []tcol, uc int, unit string, income bool) {
	s := ex.n.s
	code, label := "", -1
	for k, c := range line {
		v := s[c.a:c.b]
		switch {
		case v == "":
			continue
		case label < 0 && code == "" && isFunctionCode(v):
			code = v
			continue
		case ex.cellNum(v):
		default:
			label = k
			continue
		}
		if label < 0 {
			continue
		}
		if cols != nil {
			for _, tc := range cols {
				if tc.col == k {
					ex.tableRow(kind, code, line[label], c, uc, unit, tc, income && label == 0)
				}
			}
			continue
		}
		if !ex.headerExplains(line, head, k) {
			// More figure columns than the header explains (no header
			// row of the row's width): which one is this year's is not
			// known, so nothing of the row is read.
			return
		}
		lv := s[line[label].a:line[label].b]
		if ex.twoSided && lv == "总计" && code == "" && ex.twoSidedLine(line) {
			// 总计 | X | 总计 | Y: the income side's total, then the
			// expenditure side's (a 本年收入合计 row gives way to it).
			m := "total_income"
			for _, b := range line[:label] {
				if v := s[b.a:b.b]; v != "" && ex.cellNum(v) {
					m = "total_expenditure" // after the income half's figure
				}
			}
			ex.tableFact(m, classRef{}, line[label].a, c.a, c.b, s[c.a:c.b], unit, tcol{})
			code, label = "", -1
			continue
		}
		ex.tableRow(kind, code, line[label], c, uc, unit, tcol{}, income && label == 0)
		if kind == "gpb" && (lv == "合计" || lv == "总计") && len(head) == len(line) {
			// The 合计 row of a 一般公共预算支出 table with 基本支出 and
			// 项目支出 columns.
			for j := k + 1; j < len(line); j++ {
				hv := s[head[j].a:head[j].b]
				m := ""
				switch hv {
				case "基本支出":
					m = "general_public_budget_basic_expenditure"
				case "项目支出":
					m = "general_public_budget_project_expenditure"
				}
				if x := s[line[j].a:line[j].b]; m != "" && uc == ucMoney && ex.cellNum(x) {
					ex.tableFact(m, classRef{}, line[label].a, line[j].a, line[j].b, x, unit, tcol{})
				}
			}
		}
		code, label = "", -1
	}
}

// twoSidedLine reports a row of exactly label, figure, label, figure cells
// (empty cells at its ends aside): one row of a side-by-side 收入支出总表.
func (ex *extractor) twoSidedLine(line []cell) bool {
	s := ex.n.s
	for len(line) > 0 && line[0].a == line[0].b {
		line = line[1:] // the empty cell before a leading |
	}
	for len(line) > 0 && line[len(line)-1].a == line[len(line)-1].b {
		line = line[:len(line)-1]
	}
	if len(line) != 4 {
		return false
	}
	for j, c := range line {
		v := s[c.a:c.b]
		if v != "" && ex.cellNum(v) != (j%2 == 1) {
			return false
		}
	}
	return true
}

// stageTotalRow reads a row label that is a total named with the
// document's own stage ("收入预算 | 1,452.80" in a budget, "三公经费决算" in a
// final account): the metric and whether it is weak (收入/支出 give way to a
// 总计 in the same text); "" for any other label or another stage.
func (ex *extractor) stageTotalRow(label string) (string, bool) {
	suffix := "预算"
	if ex.res.Stage == schemas.StageFinalAccount {
		suffix = "决算"
	}
	if !strings.HasSuffix(label, suffix) {
		return "", false
	}
	switch strings.TrimSuffix(label, suffix) {
	case "收入":
		return "total_income", true
	case "支出":
		return "total_expenditure", true
	case "三公经费":
		return "three_public_total", false
	}
	return "", false
}

// codeHeader reports a header row whose first column is a code column
// (科目编码, 功能分类科目编码, 代码) and whose second names the label.
func codeHeader(s string, head []cell) bool {
	if len(head) < 3 {
		return false
	}
	h0, h1 := s[head[0].a:head[0].b], s[head[1].a:head[1].b]
	return (strings.HasSuffix(h0, "编码") || strings.HasSuffix(h0, "代码")) && (strings.Contains(h1, "名称") || h1 == "项目" || h1 == "科目")
}

// stageHeaderLine reports a row of a table that holds no figure and names
// a stage, a year or a change in one of its cells after the first: a header
// row.
func (ex *extractor) stageHeaderLine(line []cell) bool {
	s := ex.n.s
	named := false
	for j, c := range line {
		v := s[c.a:c.b]
		if ex.cellNum(v) {
			return false
		}
		if j > 0 && (strings.Contains(v, "预算") || strings.Contains(v, "决算") || strings.Contains(v, "上年") || strings.Contains(v, "增减") || yearOnlyColumn(v) || bareYearColumn(v)) {
			named = true
		}
	}
	return named
}

// headerExplains reports whether the first figure line[k] after a label may
// be read as the row's figure when no stage columns are known: it is the
// only figure before the next label, or the header row has the row's width
// (its columns are the header's, "项目 | 合计 | 基本支出 | 项目支出").
func (ex *extractor) headerExplains(line, head []cell, k int) bool {
	s := ex.n.s
	if k+1 >= len(line) {
		return true
	}
	if v := s[line[k+1].a:line[k+1].b]; v == "" || !ex.cellNum(v) {
		return true
	}
	return head != nil && len(head) == len(line)
}

// stageColumns returns the columns of this document's figures in a table
// whose header row names several stages or years ("项目 | 预算数 | 决算数",
// "项目 | 2013年预算 | 2014年预算 | 增减"), nil when none or two columns
// are for the same figures, and the number of cells of a row.
func (ex *extractor) stageColumns(cells []cell, rows []int, first int) ([]tcol, int) {
	s := ex.n.s
	if first == 0 {
		return nil, 0
	}
	head := headerRow(cells, rows, first)
	// Rows must have as many cells as the header for columns to line up.
	width := 0
	for k := first; k < len(cells) && rows[k] == rows[first]; k++ {
		width++
	}
	for k := first - 1; k >= 0 && rows[k] == rows[first]; k-- {
		width++
	}
	if len(head) != width {
		return nil, 0
	}
	rs := first
	for rs > 0 && rows[rs-1] == rows[first] {
		rs--
	}
	var cols []tcol
	for k, c := range head {
		if v := s[cells[rs+k].a:cells[rs+k].b]; v != "" && !ex.cellNum(v) {
			continue // the label column (its header may run on from a title)
		}
		tc, ok := ex.columnOf(s[c.a:c.b])
		if !ok {
			continue
		}
		tc.col = k
		if cols, ok = addColumn(cols, tc); !ok {
			return nil, 0
		}
	}
	return cols, width
}

// threePublicRows reports a table whose rows name at least two of the 三公
// items, so that its 合计 is their total.
func threePublicRows(s string, cells []cell) bool {
	var seen [3]bool
	for _, c := range cells {
		v := s[c.a:c.b]
		for i, w := range [3]string{"因公出国", "公务接待", "公务用车"} {
			if strings.Contains(v, w) {
				seen[i] = true
			}
		}
	}
	n := 0
	for _, x := range seen {
		if x {
			n++
		}
	}
	return n >= 2
}

// hasClassRows reports a table that lists function classes (code cells or
// 类 names).
func (ex *extractor) hasClassRows(cells []cell) bool {
	s := ex.n.s
	for _, c := range cells {
		v := s[c.a:c.b]
		if isFunctionCode(v) {
			return true
		}
		if m := cellMarkRe.FindString(v); m != "" {
			v = v[len(m):]
		}
		if _, ok := level1[v]; ok {
			return true
		}
	}
	return false
}

// tableKind names what a table lists, from its title (the text just before
// the 单位 caption) and header: "three_public", "gpb" (一般公共预算支出),
// "fund" (政府性基金/国有资本经营预算) or "".
func (ex *extractor) tableKind(caption int, header string) string {
	s := ex.n.s
	a := caption
	for n := 0; n < 3 && a > 0; n++ { // the caption's line and the two before
		a = strings.LastIndexByte(s[:a-1], '\n') + 1
	}
	title := s[a:caption] + header
	switch {
	case strings.Contains(title, "三公"):
		return "three_public"
	case strings.Contains(title, "财政拨款收入支出") || strings.Contains(title, "财政拨款收支"):
		// 财政拨款收入支出(预)决算总表: its totals are of the fiscal
		// appropriation, not of the department's whole income.
		return "fiscal"
	case strings.Contains(title, "政府性基金") || strings.Contains(title, "国有资本经营"):
		return "fund"
	case gpbTitle(title) && strings.Contains(title, "支出") && !strings.Contains(title, "基本支出表"):
		return "gpb"
	case strings.Contains(title, "政府采购"):
		return "procurement"
	}
	return ""
}

// gpbTitle reports a title (and header) that names 一般公共预算 other than
// as an income row's label: the first row of a 收入支出总表 ("一、一般公共预算
// 财政拨款收入 | 3,412.09 | 一、一般公共服务支出 | …") is in the header text
// but does not make it a 一般公共预算支出 table.
func gpbTitle(title string) bool {
	for off := 0; ; {
		i := strings.Index(title[off:], "一般公共预算")
		if i < 0 {
			return false
		}
		off += i + len("一般公共预算")
		rest := strings.TrimPrefix(strings.TrimPrefix(title[off:], "财政"), "拨款")
		if !strings.HasPrefix(rest, "收入") {
			return true
		}
	}
}

// incomeFunds are fund names that label income rows of a table whose
// header names 收入 ("一般公共预算 | 938.80").
var incomeFunds = map[string]string{
	"一般公共预算":   "general_public_budget_income",
	"公共财政预算":   "general_public_budget_income",
	"政府性基金预算":  "government_fund_income",
	"国有资本经营预算": "state_capital_income",
}

// tableRow reads one label and figure cell; income tells a label in the
// income column of a table whose header names 收入.
func (ex *extractor) tableRow(kind, code string, lc, vc cell, uc int, unit string, tc tcol, income bool) {
	s := ex.n.s
	v := s[vc.a:vc.b]
	label := s[lc.a:lc.b]
	off := 0
	for {
		m := cellMarkRe.FindString(label[off:])
		if m == "" {
			break
		}
		off += len(m)
	}
	label = label[off:]
	if label == "合计" || label == "总计" {
		switch {
		case uc != ucMoney:
		case kind == "three_public":
			ex.tableFact("three_public_total", classRef{}, lc.a, vc.a, vc.b, v, unit, tc)
		case kind == "gpb":
			ex.tableFact("general_public_budget_expenditure", classRef{}, lc.a, vc.a, vc.b, v, unit, tc)
		case kind == "procurement" && ex.procurementRows:
			ex.tableFact("government_procurement", classRef{}, lc.a, vc.a, vc.b, v, unit, tc)
		}
		return
	}
	if uc == ucMoney && kind != "fund" {
		if ref, ok := ex.classCell(code, label); ok {
			ex.tableFact("function_class", ref, lc.a, vc.a, vc.b, v, unit, tc)
			if ref.code != "" {
				ex.tabClass = ref
			}
			return
		}
	}
	if m, ok := incomeFunds[label]; ok && income && uc == ucMoney {
		ex.tableFact(m, classRef{}, lc.a, vc.a, vc.b, v, unit, tc)
		return
	}
	label = ex.rowLabelCore(label)
	if kind == "three_public" && uc == ucMoney {
		// Sub-rows of 公务用车购置及运行费 named short ("　购置费", "　运行费").
		m := ""
		switch label {
		case "购置费", "车辆购置费":
			m = "three_public_vehicle_purchase"
		case "运行费", "运行维护费", "车辆运行维护费", "车辆运行费":
			m = "three_public_vehicle_operation"
		}
		if m != "" {
			ex.tableFact(m, classRef{}, lc.a, vc.a, vc.b, v, unit, tc)
			return
		}
	}
	if m, weak := ex.stageTotalRow(label); m != "" && uc == ucMoney && tc == (tcol{}) {
		ex.tableFactW(m, classRef{}, lc.a, vc.a, vc.b, v, unit, tc, weak)
		return
	}
	hits := scanKeywords(label)
	if len(hits) != 1 || hits[0].start != 0 || hits[0].end != len(label) {
		return
	}
	metric := hits[0].r.metricFor(uc)
	procurementRow := kind == "procurement" && strings.HasPrefix(metric, "government_procurement_") && hits[0].r.ctx == "采购"
	if metric == "" || hits[0].r.ctx != "" && !procurementRow || hits[0].r.bare || hits[0].r.afterThree {
		return
	}
	if procurementRow {
		ex.procurementRows = true // its 合计 is then their total
	}
	if kind == "fiscal" {
		switch metric {
		case "total_income":
			if hits[0].r.weak {
				return // 本年收入合计: part of the total
			}
			metric = "fiscal_appropriation_total"
		case "general_public_budget_income", "government_fund_income", "state_capital_income", "carryover_income", "fiscal_appropriation_total":
		default:
			return // the department's other totals are not this table's
		}
	}
	ex.tableFactW(metric, classRef{}, lc.a, vc.a, vc.b, v, unit, tc, hits[0].r.weak)
}

// rowLabelCore strips what a row label may carry around its keyword without
// changing what it names: the document's own year before it ("2024年度收入
// 总计" in a 2024 final account; another year's label is left as it is, so it
// is not read) and a note in parentheses after it that holds no figure
// ("其他收入(社会捐赠管理费)").
func (ex *extractor) rowLabelCore(label string) string {
	if len(label) > 7 && isD(label[0]) && isD(label[1]) && isD(label[2]) && isD(label[3]) && label[4:7] == "年" {
		if y, err := strconv.Atoi(label[:4]); err == nil && int32(y) == ex.res.FiscalYear {
			label = strings.TrimPrefix(label[7:], "度")
		}
	}
	if strings.HasSuffix(label, ")") {
		if i := strings.LastIndexByte(label, '('); i > 0 && !strings.ContainsAny(label[i:], "0123456789") {
			label = label[:i]
		}
	}
	return label
}

// classCell resolves a function class row: its code cell and name, or a 类
// name alone.
func (ex *extractor) classCell(code, label string) (classRef, bool) {
	var cbuf [8]schemas.Code
	if code != "" {
		if ex.codes == nil {
			return classRef{}, false
		}
		nn := schemas.NormalizeName(label)
		for _, c := range ex.codes.AppendByName(cbuf[:0], schemas.SchemeFunction, label, "") {
			if c.Code == code {
				return classRef{code: code, level: c.Level, name: label}, true
			}
		}
		if c, ok := ex.codes.ByCode(schemas.SchemeFunction, code, ex.res.FiscalYear); ok && schemas.NormalizeName(c.Name) == nn {
			return classRef{code: code, level: c.Level, name: label}, true
		}
		return classRef{}, false
	}
	if c, ok := level1[label]; ok {
		ref := classRef{code: c, level: 1, name: label}
		if ex.codes != nil {
			if cs := ex.codes.AppendByName(cbuf[:0], schemas.SchemeFunction, label, ""); len(cs) == 1 && cs[0].Level == 1 {
				ref.code = cs[0].Code
			}
		}
		return ref, true
	}
	return ex.namedClass(label)
}

// namedClass resolves a 款 or 项 row printed by name alone, without its
// code, as in a 科目 | 决算数 table listing 类, 款 and 项 one under another
// ("|档案事务|531.20|" "|行政运行|402.17|"): a name of the code list below
// the last class row read above it in the table, else a 款 whose name is
// the only one of the code list valid in the document's year. A name that
// recurs under several parents (行政运行) needs the row above.
func (ex *extractor) namedClass(label string) (classRef, bool) {
	if ex.codes == nil || runeLen(label) < 2 || runeLen(label) > 30 || hasDigit(label) {
		return classRef{}, false
	}
	var cbuf [8]schemas.Code
	cands := ex.codes.AppendByName(cbuf[:0], schemas.SchemeFunction, label, "")
	valid := func(c schemas.Code) bool { return ex.res.FiscalYear == 0 || c.ValidIn(ex.res.FiscalYear) }
	// Below the last class row, else below its 款 or 类 (the next 项 after a
	// 项 of the same 款).
	for p := ex.tabClass.code; len(p) >= 3; p = p[:len(p)-2] {
		for _, c := range cands {
			if len(c.Code) > len(p) && strings.HasPrefix(c.Code, p) && valid(c) {
				return classRef{code: c.Code, level: c.Level, name: label}, true
			}
		}
	}
	var found classRef
	n := 0
	for _, c := range cands {
		if c.Level == 2 && valid(c) && found.code != c.Code {
			found = classRef{code: c.Code, level: c.Level, name: label}
			n++
		}
	}
	return found, n == 1
}

// headerUnitRe is a money unit in parentheses in a header cell: 金额(万元),
// 预算数(元).
var headerUnitRe = regexp.MustCompile(`\((百万元|万元|亿元|千元|元)\)`)

// headerUnitAbove returns the unit named in the table's header: the | line
// right above the row at start ("|项目|预算数（万元）|"), or the title line
// above that header ("收支预算总表（万元）"); "" when there is none or it
// names two.
func headerUnitAbove(s string, start int) string {
	var ms [][]string
	for k, end := 0, start-1; k < 2 && end > 0; k++ {
		b := strings.LastIndexByte(s[:end], '\n') + 1
		line := s[b:end]
		end = b - 1
		bar := strings.Contains(line, "|")
		title := !bar && runeLen(line) <= 40 && !strings.ContainsAny(line, "。,;")
		if k == 0 && !bar && !title || k == 1 && !title || hasMention(line) {
			break
		}
		if ms = headerUnitRe.FindAllStringSubmatch(line, -1); len(ms) > 0 || title {
			break
		}
	}
	if len(ms) == 0 {
		return ""
	}
	for _, m := range ms[1:] {
		if m[1] != ms[0][1] {
			return ""
		}
	}
	return ms[0][1]
}

// barHeaderAbove returns the start of the | line right above the line at
// start when it is a header row (two or more cells, none a figure, no
// sentence punctuation), else start.
func barHeaderAbove(s string, start int) int {
	if start < 2 {
		return start
	}
	b := strings.LastIndexByte(s[:start-1], '\n') + 1
	line := strings.Trim(s[b:start-1], " |")
	if line == "" || strings.Count(line, "|") < 1 || runeLen(line) > 60 || strings.ContainsAny(line, "。,;") {
		return start
	}
	for _, c := range strings.Split(line, "|") {
		if cellNumRe.MatchString(strings.TrimSpace(c)) {
			return start
		}
	}
	return b
}

// dashCell reports a cell that prints a blank figure as a dash.
func dashCell(v string) bool {
	switch v {
	case "—", "——", "-", "--", "－", "/", "─":
		return true
	}
	return false
}

// hasDigit reports an ASCII digit in s.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isD(s[i]) {
			return true
		}
	}
	return false
}

func (ex *extractor) tableFact(metric string, ref classRef, start, vStart, vEnd int, value, unit string, tc tcol) {
	ex.tableFactW(metric, ref, start, vStart, vEnd, value, unit, tc, false)
}

// tableFactW is tableFact for a label that may be weak (本年收入合计: the
// 收入总计 row of the same table wins).
func (ex *extractor) tableFactW(metric string, ref classRef, start, vStart, vEnd int, value, unit string, tc tcol, weak bool) {
	fy, stage, period := ex.res.FiscalYear, ex.res.Stage, schemas.PeriodCurrent
	if sec, ok := ex.sectionAt(start); ok && sec.year != fy {
		return // a table of another year's section
	}
	// A cell with spaces as thousands separators ("3 846.20", one cell of a
	// | or tab table) is the number without them.
	if strings.IndexByte(value, ' ') >= 0 {
		value = strings.ReplaceAll(value, " ", "")
	}
	if tc.period != "" {
		fy, period = tc.fy, tc.period
	}
	f := &factx{start: start, end: vEnd, sent: -2, current: period == schemas.PeriodCurrent, weak: weak}
	f.f = schemas.Fact{
		FiscalYear: fy, Stage: stage, Department: ex.res.Department, Metric: metric, Period: period,
		Scheme: schemas.SchemeNone, Value: value, Unit: unit, Method: schemas.MethodText,
	}
	if metric == "function_class" {
		f.f.Scheme, f.f.Code, f.f.Level, f.f.Name = schemas.SchemeFunction, ref.code, ref.level, ref.name
	}
	if countMetric(metric) {
		c, err := schemas.ParseCount(value)
		if err != nil {
			return
		}
		f.f.Count, f.f.HasCount = c, true
	} else {
		m, err := schemas.ParseMoney(value, unit)
		if err != nil {
			ex.finding(RuleNumber, schemas.SeverityWarning, metric, err.Error(), start, vEnd)
			return
		}
		f.f.Amount, f.f.HasAmount = m, true
	}
	if ex.res.Scope != schemas.ScopeDistrict && mayDistrict(ex.n.s[ex.sentStart(start):start]) {
		return
	}
	key := factKey{year: fy, stage: stage, metric: metric, period: period, code: f.f.Code, name: f.f.Name}
	if old, ok := ex.keys[key]; ok {
		if old.f.Amount != f.f.Amount || old.f.Count != f.f.Count {
			if old.sent != -2 && roundedOf(old, f) {
				// "收支预算631.84万元" in the text, 6,318,420.00元 in the
				// table: the same total, the table's exact figure wins.
				ex.finding(RuleConflict, schemas.SeverityInfo, metric, "rounded value "+old.f.Value+old.f.Unit+" in the text replaced by the table's "+value+unit, old.start, old.end)
				ex.dropRounded(old)
				ex.keys[key] = f
			} else if !old.weak || weak {
				ex.finding(RuleConflict, schemas.SeverityWarning, metric, "table value "+value+unit+" differs from "+old.f.Value+old.f.Unit+"; kept the first", start, vEnd)
				return
			} else {
				ex.finding(RuleConflict, schemas.SeverityInfo, metric, "value "+old.f.Value+old.f.Unit+" under a weaker label (本年收入合计) replaced by "+value+unit, old.start, old.end)
				ex.dropWeak(old)
				ex.keys[key] = f
			}
		}
	} else {
		ex.keys[key] = f
	}
	f.f.Quote, f.f.Start, f.f.End = ex.n.quote(start, vEnd)
	f.f.Location = "chars " + strconv.Itoa(int(f.f.Start)) + "-" + strconv.Itoa(int(f.f.End))
	ex.facts = append(ex.facts, f)
}

// roundedOf reports a money figure old that is exact figure f rounded to
// old's last decimal place (631.84万元 of 6,318,420.00元): old is written
// less precisely than f and lies within half its last place of f.
func roundedOf(old, f *factx) bool {
	if !old.f.HasAmount || !f.f.HasAmount {
		return false
	}
	g, gf := lastPlace(old.f.Value, old.f.Unit), lastPlace(f.f.Value, f.f.Unit)
	if g <= 0 || gf <= 0 || gf >= g {
		return false
	}
	d := int64(old.f.Amount) - int64(f.f.Amount)
	if d < 0 {
		d = -d
	}
	return 2*d <= g
}

// lastPlace is the amount in fen of one unit of value's last written
// decimal place in unit (0.01万元: 10,000 fen); 0 when not known.
func lastPlace(value, unit string) int64 {
	one := "1"
	if i := strings.LastIndexByte(value, '.'); i >= 0 {
		one = "0." + strings.Repeat("0", len(value)-i-2) + "1"
	}
	m, err := schemas.ParseMoney(one, unit)
	if err != nil {
		return 0
	}
	return int64(m)
}

// dropRounded marks text fact old and the text's other statements of the
// same figure under the same key as rounded: they still place a compared
// figure stated once for both totals (bothPriors) and are then dropped
// (dropRoundedFacts).
func (ex *extractor) dropRounded(old *factx) {
	o := &old.f
	for _, x := range ex.facts {
		if x == old || x.sent != -2 && x.f.FiscalYear == o.FiscalYear && x.f.Stage == o.Stage && x.f.Metric == o.Metric &&
			x.f.Period == o.Period && x.f.Code == o.Code && x.f.Name == o.Name && x.f.Amount == o.Amount {
			x.rounded = true
			ex.anyRounded = true
		}
	}
}

// dropRoundedFacts removes the facts dropRounded marked.
func (ex *extractor) dropRoundedFacts() {
	if !ex.anyRounded {
		return
	}
	ex.anyRounded = false
	out := ex.facts[:0]
	for _, x := range ex.facts {
		if !x.rounded {
			out = append(out, x)
		}
	}
	clear(ex.facts[len(out):])
	ex.facts = out
}

// hasUnitCaption is strings.Contains(s, "单位:"), searching for the ASCII
// colon (fast) and checking the characters before it.
func hasUnitCaption(s string) bool {
	for off := 0; ; {
		i := strings.IndexByte(s[off:], ':')
		if i < 0 {
			return false
		}
		if strings.HasSuffix(s[:off+i], "单位") {
			return true
		}
		off += i + 1
	}
}

// captionEndsTable reports that the caption ending at capB is followed by
// running text (a sentence, a stated figure, or a numbered heading over one)
// or nothing: no table of its own follows it. A short line may be the label
// or title of a table below.
func captionEndsTable(s string, capB int) bool {
	prose := func(line string) bool {
		return line == "" || !strings.Contains(line, "|") && (hasMention(line) || strings.ContainsAny(line, "。,;"))
	}
	e := strings.IndexByte(s[capB:], '\n')
	if e < 0 {
		return true
	}
	rest, after := s[capB+e+1:], ""
	if k := strings.IndexByte(rest, '\n'); k >= 0 {
		rest, after = rest[:k], rest[k+1:]
		if k2 := strings.IndexByte(after, '\n'); k2 >= 0 {
			after = after[:k2]
		}
	}
	rest, after = strings.TrimSpace(rest), strings.TrimSpace(after)
	return prose(rest) || cellMarkRe.MatchString(rest) && !strings.Contains(rest, "|") && prose(after)
}

// barBlockAbove returns the start of the run of | rows that ends on the line
// right above the caption at [capA, capB), when the run holds at least three
// label | figure rows and the caption is followed by running text or nothing
// (so it belongs to the table above it, not to one below).
func barBlockAbove(s string, capA, capB int) (int, bool) {
	ls := strings.LastIndexByte(s[:capA], '\n')
	if ls < 0 || strings.TrimSpace(s[ls+1:capA]) != "" && strings.Trim(s[ls+1:capA], " (（") != "" {
		return 0, false // the caption does not open its line
	}
	if !captionEndsTable(s, capB) {
		return 0, false
	}
	start, rowsN := -1, 0
	for end := ls; end > 0; {
		b := strings.LastIndexByte(s[:end], '\n') + 1
		line := s[b:end]
		if !strings.Contains(line, "|") {
			break
		}
		cells := strings.Split(strings.Trim(line, " |"), "|")
		if len(cells) >= 2 && cellNumRe.MatchString(strings.TrimSpace(cells[len(cells)-1])) {
			rowsN++
		}
		start = b
		if b == 0 {
			break
		}
		end = b - 1
	}
	return start, start >= 0 && rowsN >= 3
}

// cellBlockAbove is barBlockAbove for a table with one cell per line and |
// lines between the cells ("收入总计\n|\n8,905.62"): the lines right above
// the caption that are | alone, a figure alone or a short label, holding at
// least three figures; a line with a digit or sentence punctuation ends the
// block (a title with a year, running text).
func cellBlockAbove(s string, capA, capB int) (int, bool) {
	ls := strings.LastIndexByte(s[:capA], '\n')
	if ls < 0 || strings.TrimSpace(s[ls+1:capA]) != "" && strings.Trim(s[ls+1:capA], " (（") != "" {
		return 0, false
	}
	if !captionEndsTable(s, capB) {
		return 0, false
	}
	start, figs, bars := -1, 0, 0
	for end := ls; end > 0; {
		b := strings.LastIndexByte(s[:end], '\n') + 1
		line := strings.TrimSpace(s[b:end])
		switch {
		case line == "":
		case line == "|":
			bars++
		case cellNumRe.MatchString(line):
			figs++
		case runeLen(line) <= 20 && !hasDigit(line) && !strings.ContainsAny(line, "。,;:|"):
		default:
			return start, start >= 0 && figs >= 3 && bars >= 3
		}
		start = b
		if b == 0 {
			break
		}
		end = b - 1
	}
	// (Label and figure lines without bars are read by labelValueBlocks.)
	return start, start >= 0 && figs >= 3 && bars >= 3
}

// labelValueBlocks returns the runs ([start, end)) of at least minPairs
// consecutive pairs of a short label line followed by a line holding only a
// figure ("基本支出\n812.63\n项目支出\n790.14").
func labelValueBlocks(s string, minPairs int) [][2]int {
	type ln struct{ a, b int }
	var ls []ln
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			j = len(s) - i
		}
		if t := strings.TrimSpace(s[i : i+j]); t != "" {
			ls = append(ls, ln{i, i + j})
		}
		i += j + 1
	}
	isNum := func(k int) bool { return cellNumRe.MatchString(strings.TrimSpace(s[ls[k].a:ls[k].b])) }
	isLabel := func(k int) bool {
		t := strings.TrimSpace(s[ls[k].a:ls[k].b])
		return runeLen(t) <= 20 && !isNum(k) && !hasMention(t) && !strings.ContainsAny(t, "。,;|")
	}
	var out [][2]int
	for k := 0; k+1 < len(ls); {
		n, e := 0, k
		for e+1 < len(ls) && isLabel(e) && isNum(e+1) {
			n++
			e += 2
		}
		if n >= minPairs {
			out = append(out, [2]int{ls[k].a, ls[e-1].b})
			k = e
			continue
		}
		k++
	}
	return out
}

// spaceAligned reads a table whose columns were aligned with spaces, each
// line holding one or more "label figure" pairs ("收入总计 4,218.55　支出总计
// 4,218.55"); normalisation joins such lines and drops the spaces, so it
// reads the run of label-figure pairs right after the caption ("收入总计
// 4,218.55支出总计4,218.55一般公共服务支出1,802.44…"): a label of at most 20
// characters without digits, then a figure with no unit after it. Read only
// when the run holds at least three pairs.
func (ex *extractor) spaceAligned(a, end int, unit string) {
	s := ex.n.s
	type pair struct {
		l, v   cell
		tc     tcol
		income bool
	}
	var pairs []pair
	income := false
	var head []string // the cells of the last header line ("项目 年初预算 决算")
	isSpace := func(c byte) bool { return c == ' ' || c == '\n' || c == '\t' }
	isBlank := func(c byte) bool { return c == ' ' || c == '\t' }
	number := func(i int) int {
		a := i
		for i < end && (isD(s[i]) || s[i] == ',' && i+1 < end && isD(s[i+1]) || s[i] == '.' && i+1 < end && isD(s[i+1])) {
			i++
		}
		if i-a <= 3 && i < end && s[i] == ' ' {
			// Thousands grouped with spaces, with a decimal part, ending
			// the line ("2 906.40").
			e := strings.IndexByte(s[a:end], '\n')
			if e < 0 {
				e = end - a
			}
			if cellNumSpDecRe.MatchString(s[a : a+e]) {
				return a + e
			}
		}
		return i
	}
	i := a
	for i < end && s[i] == ')' {
		i++ // the end of the caption before the table ("(单位:万元)")
	}
	for i < end {
		for i < end && isSpace(s[i]) {
			i++
		}
		if h, next, ok := spaceHeader(s, i, end); ok {
			head, i = h, next
			continue
		}
		la := i
		for i < end && !isD(s[i]) && !isSpace(s[i]) && !strings.ContainsRune("。,;:|%", rune(s[i])) {
			i++
		}
		lb := i
		for i < end && isBlank(s[i]) {
			i++
		}
		if len(pairs) == 0 && lb < end && s[lb] == '\n' && strings.HasSuffix(s[la:lb], "表") && runeLen(s[la:lb]) <= 20 {
			continue // the table's title on its own line ("收支预算总表")
		}
		if lb < end && s[lb] == '\n' && (s[la:lb] == "收入" || s[la:lb] == "支出") {
			// A side's heading on its own line over its rows ("收入\n一般
			// 公共预算拨款96,412\n…合计98,262\n支出\n公共安全支出88,917"): the
			// rows under 收入 are income rows.
			income = s[la:lb] == "收入"
			continue
		}
		// A row written "label:figure" on a line of its own ("收入总计:
		// 38,602,114"), a remark in brackets after the figure.
		colon := lb > la && i < end && s[i] == ':' && (la == a || s[la-1] == '\n')
		if colon {
			i++
			for i < end && isBlank(s[i]) {
				i++
			}
		}
		if lb == la || runeLen(s[la:lb]) > 20 || i >= end || !isD(s[i]) {
			break
		}
		va := i
		i = number(i)
		vb := i
		if !cellNumRe.MatchString(s[va:vb]) && !cellNumSpDecRe.MatchString(s[va:vb]) {
			break
		}
		if colon {
			for i < end && isBlank(s[i]) {
				i++
			}
			if i < end && s[i] == '(' {
				e := strings.IndexByte(s[i:end], '\n')
				if e < 0 {
					e = end - i
				}
				if s[i+e-1] != ')' {
					break
				}
				i += e
			}
			if i < end && s[i] != '\n' {
				break
			}
		}
		if i < end && !isSpace(s[i]) {
			if r, _ := decodeRune(s, i); !isHan(r) || strings.ContainsRune("万元亿千人个辆名次批年月日%", r) {
				break // a figure with its unit: prose
			}
		}
		// More figures on the label's line: columns, read only where the
		// header line names them (one header cell for the label and one
		// for each figure); otherwise nothing of the row is read.
		figs := []cell{{va, vb}}
		for {
			k := i
			for k < end && isBlank(s[k]) {
				k++
			}
			if k == i || k >= end || !isD(s[k]) && s[k] != '-' {
				break
			}
			e := number(k + 1)
			if !cellNumRe.MatchString(strings.TrimPrefix(s[k:e], "-")) {
				break
			}
			figs = append(figs, cell{k, e})
			i = e
		}
		if len(figs) == 1 && head == nil {
			pairs = append(pairs, pair{cell{la, lb}, figs[0], tcol{}, income})
			continue
		}
		if len(head) != len(figs)+1 {
			continue
		}
		var cols []tcol
		for k, h := range head[1:] {
			tc, ok := ex.columnOf(h)
			if !ok {
				continue
			}
			tc.col = k
			if cols, ok = addColumn(cols, tc); !ok {
				cols = nil // nothing of the row is read
				break
			}
		}
		for _, tc := range cols {
			pairs = append(pairs, pair{cell{la, lb}, figs[tc.col], tc, income})
		}
	}
	if len(pairs) < 3 {
		return
	}
	uc := unitClass(unit)
	kind := ex.tableKind(a, "")
	// (A figure grouped with spaces was checked against cellNumSpDecRe.)
	sp := ex.spNum
	ex.spNum = true
	for _, p := range pairs {
		ex.tableRow(kind, "", p.l, p.v, uc, unit, p.tc, p.income)
	}
	ex.spNum = sp
}

// spaceHeader reads the line at s[i:] as the header line of a table whose
// columns are aligned with spaces: three cells or more, none a figure, of
// which one after the first names a stage, a year or a change ("项目 年初预算
// 决算", "项目 2022年预算 2023年预算 增减"); it returns the cells and where the
// line ends.
func spaceHeader(s string, i, end int) ([]string, int, bool) {
	e := i
	for e < end && s[e] != '\n' {
		e++
	}
	line := s[i:e]
	if !strings.ContainsRune(line, ' ') && !strings.ContainsRune(line, '\t') {
		return nil, 0, false
	}
	cells := strings.Fields(line)
	if len(cells) < 3 {
		return nil, 0, false
	}
	named := false
	for k, c := range cells {
		if cellNumRe.MatchString(c) || runeLen(c) > 12 {
			return nil, 0, false
		}
		if k > 0 && (strings.Contains(c, "预算") || strings.Contains(c, "决算") || strings.Contains(c, "上年") || strings.Contains(c, "增减") || yearOnlyColumn(c) || bareYearColumn(c)) {
			named = true
		}
	}
	if !named {
		return nil, 0, false
	}
	return cells, e, true
}
