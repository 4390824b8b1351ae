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
	cellMarkRe  = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|\d{1,2}[.、]|\(\d{1,2}\)|\([一二三四五六七八九十]{1,2}\)|其中:?)`)
)

type cell struct{ a, b int } // trimmed byte range in the normalised text

// tableFacts reads "label | value" rows of tables flattened into text
// (one cell per line or |-separated) under a "单位:万元" caption. Only
// tables whose header names a single stage are read; the first value
// column is taken, as it is the total (合计) or the only figure.
func (ex *extractor) tableFacts() {
	s := ex.n.s[:ex.stopAt]
	if !hasUnitCaption(s) {
		return
	}
	locs := tableUnitRe.FindAllStringSubmatchIndex(s, -1)
	for k, loc := range locs {
		unit := s[loc[2]:loc[3]]
		end := len(s)
		if k+1 < len(locs) {
			end = locs[k+1][0]
		}
		ex.table(loc[1], end, unit)
	}
}

func (ex *extractor) table(a, end int, unit string) {
	s := ex.n.s
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
		return
	}
	// Header: the cells before the first number.
	uc := unitClass(unit)
	first := -1
	for k, c := range cells {
		if cellNumRe.MatchString(s[c.a:c.b]) {
			first = k
			break
		}
	}
	if first < 0 {
		return
	}
	var header strings.Builder
	for _, c := range cells[:first] {
		header.WriteString(s[c.a:c.b])
	}
	h := header.String()
	kind := ex.tableKind(a, h)
	if kind == "" && threePublicRows(s, cells) {
		kind = "three_public"
	}
	if kind == "gpb" && !ex.hasClassRows(cells) {
		kind = "" // its 合计 is the total of what the rows list, not known here
	}
	valueCol, width := -1, 0 // column of the figure in rows of width cells; -1: the first number after the label
	if strings.Contains(h, "决算") && strings.Contains(h, "预算") || strings.Contains(h, "上年") || strings.Contains(h, "增减") {
		if !perLine {
			valueCol, width = ex.stageColumn(cells, rows, first)
		}
		if valueCol < 0 {
			ex.finding(RuleAmbiguous, schemas.SeverityInfo, "", "table with figures of several stages or years left out", a, cells[first].b)
			return
		}
	}
	if perLine {
		for k := 0; k+1 < len(cells); k++ {
			lc, vc := cells[k], cells[k+1]
			if !cellNumRe.MatchString(s[vc.a:vc.b]) {
				continue
			}
			ex.tableRow(kind, "", lc, vc, uc, unit)
		}
		return
	}
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
		if valueCol < 0 || e-start == width {
			ex.tableLine(kind, cells[start:e], valueCol, uc, unit)
		}
		k = e
	}
}

// tableLine reads one row of a table whose rows are lines: an optional code
// cell, the label, then the figures; the figure is the cell in column
// valueCol, or the first figure after the label when valueCol < 0.
func (ex *extractor) tableLine(kind string, line []cell, valueCol, uc int, unit string) {
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
		case cellNumRe.MatchString(v):
		default:
			if label < 0 {
				label = k
			}
			continue
		}
		if label < 0 {
			return
		}
		if valueCol >= 0 && k != valueCol {
			continue
		}
		ex.tableRow(kind, code, line[label], c, uc, unit)
		return
	}
}

// stageColumn returns the column of the document's stage and year in a
// table whose header row names several ("项目 | 预算数 | 决算数"), or -1,
// and the number of cells of a row.
func (ex *extractor) stageColumn(cells []cell, rows []int, first int) (int, int) {
	s := ex.n.s
	if first == 0 {
		return -1, 0
	}
	// The header row: the line just before the first figure's line.
	hr := rows[first] - 1
	var head []cell
	for k := 0; k < first; k++ {
		if rows[k] == hr {
			head = append(head, cells[k])
		}
	}
	// Rows must have as many cells as the header for columns to line up.
	width := 0
	for k := first; k < len(cells) && rows[k] == rows[first]; k++ {
		width++
	}
	for k := first - 1; k >= 0 && rows[k] == rows[first]; k-- {
		width++
	}
	if len(head) != width {
		return -1, 0
	}
	want := "预算"
	if ex.res.Stage == schemas.StageFinalAccount {
		want = "决算"
	}
	col := -1
	for k, c := range head {
		t := s[c.a:c.b]
		if strings.Contains(t, "上年") || strings.Contains(t, "增减") || strings.Contains(t, "比") || strings.Contains(t, "%") {
			continue
		}
		if y := yearRe.FindStringSubmatch(t); y != nil && y[1] != strconv.Itoa(int(ex.res.FiscalYear)) {
			continue
		}
		if !strings.Contains(t, want) || want == "预算" && strings.Contains(t, "决算") || strings.Contains(t, "年初") || strings.Contains(t, "调整") {
			continue
		}
		if col >= 0 {
			return -1, 0 // two columns fit
		}
		col = k
	}
	return col, width
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
	case strings.Contains(title, "政府性基金") || strings.Contains(title, "国有资本经营"):
		return "fund"
	case strings.Contains(title, "一般公共预算") && strings.Contains(title, "支出") && !strings.Contains(title, "基本支出表"):
		return "gpb"
	}
	return ""
}

// tableRow reads one label and figure cell.
func (ex *extractor) tableRow(kind, code string, lc, vc cell, uc int, unit string) {
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
			ex.tableFact("three_public_total", classRef{}, lc.a, vc.a, vc.b, v, unit)
		case kind == "gpb":
			ex.tableFact("general_public_budget_expenditure", classRef{}, lc.a, vc.a, vc.b, v, unit)
		}
		return
	}
	if uc == ucMoney && kind != "fund" {
		if ref, ok := ex.classCell(code, label); ok {
			ex.tableFact("function_class", ref, lc.a, vc.a, vc.b, v, unit)
			return
		}
	}
	hits := scanKeywords(label)
	if len(hits) != 1 || hits[0].start != 0 || hits[0].end != len(label) {
		return
	}
	metric := hits[0].r.metricFor(uc)
	if metric == "" || hits[0].r.ctx != "" || hits[0].r.bare || hits[0].r.afterThree {
		return
	}
	ex.tableFact(metric, classRef{}, lc.a, vc.a, vc.b, v, unit)
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
	return classRef{}, false
}

func (ex *extractor) tableFact(metric string, ref classRef, start, vStart, vEnd int, value, unit string) {
	fy, stage := ex.res.FiscalYear, ex.res.Stage
	if sec, ok := ex.sectionAt(start); ok && sec.year != fy {
		return // a table of another year's section
	}
	f := &factx{start: start, end: vEnd, sent: -2, current: true}
	f.f = schemas.Fact{
		FiscalYear: fy, Stage: stage, Department: ex.res.Department, Metric: metric, Period: schemas.PeriodCurrent,
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
	key := factKey{year: fy, stage: stage, metric: metric, period: schemas.PeriodCurrent, code: f.f.Code, name: f.f.Name}
	if old, ok := ex.keys[key]; ok {
		if old.f.Amount != f.f.Amount || old.f.Count != f.f.Count {
			ex.finding(RuleConflict, schemas.SeverityWarning, metric, "table value "+value+unit+" differs from "+old.f.Value+old.f.Unit+"; kept the first", start, vEnd)
			return
		}
	} else {
		ex.keys[key] = f
	}
	f.f.Quote, f.f.Start, f.f.End = ex.n.quote(start, vEnd)
	f.f.Location = "chars " + strconv.Itoa(int(f.f.Start)) + "-" + strconv.Itoa(int(f.f.End))
	ex.facts = append(ex.facts, f)
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
