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
	cellMarkRe  = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|\d{1,2}[.、]|\(\d{1,2}\)|\([一二三四五六七八九十]{1,2}\)|其中:)`)
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
	bars := 0
	// One cell per line with | lines between ("a\n|\nb"): only | separates.
	perLine := strings.Count(s[a:min(end, a+2000)], "\n|\n") >= 3
	i := a
	for i < end {
		j := i
		for j < end && s[j] != '|' && (perLine || s[j] != '\n') {
			j++
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
		if j < end && s[j] == '|' {
			bars++
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
	if strings.Contains(h, "决算") && strings.Contains(h, "预算") || strings.Contains(h, "上年") || strings.Contains(h, "增减") {
		ex.finding(RuleAmbiguous, schemas.SeverityInfo, "", "table with figures of several stages or years left out", a, cells[first].b)
		return
	}
	for k := 0; k+1 < len(cells); k++ {
		lc, vc := cells[k], cells[k+1]
		v := s[vc.a:vc.b]
		if !cellNumRe.MatchString(v) {
			continue
		}
		label := s[lc.a:lc.b]
		off := 0
		if m := cellMarkRe.FindString(label); m != "" {
			off = len(m)
		}
		hits := scanKeywords(label[off:])
		if len(hits) != 1 || hits[0].start != 0 || hits[0].end != len(label)-off {
			continue
		}
		metric := hits[0].r.metricFor(uc)
		if metric == "" || hits[0].r.ctx != "" || hits[0].r.bare {
			continue
		}
		ex.tableFact(metric, lc.a, vc.a, vc.b, v, unit)
	}
}

func (ex *extractor) tableFact(metric string, start, vStart, vEnd int, value, unit string) {
	fy, stage := ex.res.FiscalYear, ex.res.Stage
	if sec, ok := ex.sectionAt(start); ok && sec.year != fy {
		return // a table of another year's section
	}
	f := &factx{start: start, end: vEnd, sent: -2, current: true}
	f.f = schemas.Fact{
		FiscalYear: fy, Stage: stage, Department: ex.res.Department, Metric: metric, Period: schemas.PeriodCurrent,
		Scheme: schemas.SchemeNone, Value: value, Unit: unit, Method: schemas.MethodText,
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
	key := factKey{year: fy, stage: stage, metric: metric, period: schemas.PeriodCurrent}
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
