package extract

import (
	"regexp"
	"strings"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// wholeMarkers introduce a restatement of a figure as one of its parts:
// "收入预算546.83万元，全部为财政拨款", "2.79万元，全部为运行维护费",
// "政府采购预算45.00万元，为服务类". Longest first.
var wholeMarkers = []string{"全部为", "全部是", "全部系", "全部属于", "全部用于", "全额用于", "均为", "均是", "均用于", "全为", "都是", "都为", "都用于", "全部", "为", "系"}

// wholeStatements reads "X，全部为 L": the whole figure X is also the
// figure of L when L is a part of X's label family (an income source of
// total income, an item of the 三公 total, a procurement kind, a function
// class of an expenditure total). It runs after the figures, so a figure
// stated for L in its own right wins (the key is taken).
func (ex *extractor) wholeStatements() {
	s := ex.n.s
	n := len(ex.facts)
	for i := 0; i < n+len(ex.weakGone); i++ {
		var f *factx
		if i < n {
			f = ex.facts[i]
		} else {
			f = ex.weakGone[i-n] // "本年收入合计X，全部为财政拨款；收入总计Y"
		}
		if f.sent < 0 || !f.f.HasAmount {
			continue
		}
		head := f.f.Metric
		if children[head] == nil {
			continue
		}
		if f.f.Period == schemas.PeriodInitialBudget && ex.ownBefore(f) {
			continue // "决算0.40万元，年初预算2.00万元，全部为…": the 决算 is restated
		}
		at, marker := ex.restatementAt(f)
		if at < 0 {
			continue
		}
		rest := s[at:]
		lab := rest[len(marker):]
		end := strings.IndexAny(lab, ",;。:()\n")
		if end < 0 {
			end = len(lab)
		}
		lab = lab[:end]
		if lab == "" || len(lab) > 60 {
			continue
		}
		metric, ref, ok := ex.wholeLabel(head, lab)
		if !ok && head == "total_expenditure" && marker != "" && marker != "为" && marker != "系" {
			// "收入预算X，支出预算X，均为一般公共预算拨款": the fund named is the
			// source of the income total stated just before, with the same value.
			if f0 := ex.incomeBefore(f); f0 != nil {
				if m0, _, ok0 := ex.wholeLabel("total_income", lab); ok0 {
					f, metric, ok = f0, m0, true
				}
			}
		}
		if !ok {
			continue
		}
		labEnd := at + len(marker) + len(lab)
		g := ex.newFact()
		g.start, g.sent, g.current = f.start, f.sent, f.current
		g.f = schemas.Fact{
			FiscalYear: f.f.FiscalYear, Stage: f.f.Stage, Department: f.f.Department, Metric: metric,
			Period: f.f.Period, Scheme: schemas.SchemeNone, Value: f.f.Value, Unit: f.f.Unit,
			Amount: f.f.Amount, HasAmount: true, Method: schemas.MethodText,
		}
		if metric == "function_class" {
			g.f.Scheme, g.f.Code, g.f.Level, g.f.Name = schemas.SchemeFunction, ref.code, ref.level, ref.name
		}
		g.end = labEnd
		key := factKey{year: g.f.FiscalYear, stage: g.f.Stage, metric: metric, period: g.f.Period, code: g.f.Code, name: g.f.Name}
		if _, taken := ex.keys[key]; taken {
			continue
		}
		ex.keys[key] = g
		ex.facts = append(ex.facts, g)
	}
}

// wholeLabel reads the label of a restatement: the whole of lab must be one
// keyword (or a fund name, or a 类 of the function classification) whose
// metric is a part of head.
func (ex *extractor) wholeLabel(head, lab string) (string, classRef, bool) {
	lab = strings.TrimSuffix(lab, "的")
	switch head {
	case "total_income", "fiscal_appropriation_total":
		// The fund named without 收入: 财政拨款 of the year is the
		// 一般公共预算 income (schema.md).
		switch strings.TrimSuffix(lab, "收入") {
		case "财政拨款", "本年财政拨款", "财政预算拨款", "财政补助", "一般公共预算财政拨款":
			return "general_public_budget_income", classRef{}, true
		}
	case "total_expenditure", "general_public_budget_expenditure":
		if code, ok := level1[lab]; ok && ex.codes != nil {
			if c, ok := ex.codes.ByCode(schemas.SchemeFunction, code, ex.res.FiscalYear); ok {
				return "function_class", classRef{code: c.Code, level: c.Level, name: lab}, true
			}
		}
	}
	hs := scanKeywords(lab)
	if (len(hs) != 1 || hs[0].start != 0 || hs[0].end != len(lab)) && head == "three_public_total" && !strings.HasSuffix(lab, "费") {
		// "全部用于公务接待": a 三公 item named by its activity, without 费.
		hs = scanKeywords(lab + "费")
		if len(hs) != 1 || hs[0].start != 0 || hs[0].end != len(lab)+len("费") {
			return "", classRef{}, false
		}
	} else if len(hs) != 1 || hs[0].start != 0 || hs[0].end != len(lab) {
		return "", classRef{}, false
	}
	m := hs[0].r.money
	if m == "" || !isChild(head, m) {
		return "", classRef{}, false
	}
	return m, classRef{}, true
}

// wholeClause reports a restatement clause "全部为公务接待费" (a marker and
// a keyword, nothing else).
func wholeClause(c string) bool {
	for _, w := range wholeMarkers {
		if rest, ok := strings.CutPrefix(c, w); ok && rest != "" {
			hs := scanKeywords(rest)
			return len(hs) == 1 && hs[0].start == 0 && hs[0].end == len(rest)
		}
	}
	return false
}

// strongWhole are the markers that restate a figure after side clauses.
var strongWhole = []string{"全部为", "全部是", "全部系", "全部属于", "全部用于", "全额用于", "均为", "均是", "均用于", "全为", "都是", "都为", "都用于"}

// restatementAt finds where the restatement of f starts: right after it
// ("X万元，全部为…"), in parentheses right after it ("X万元(公务接待费)",
// marker ""), or after side clauses of the same sentence that compare or
// restate the figure in another period ("X万元，较2019年1.50万元减少0.30万元，
// 全部为…", "X万元，年初预算2.00万元，全部为…", also after ';' that ends such a
// side clause). -1 when there is none.
func (ex *extractor) restatementAt(f *factx) (int, string) {
	s := ex.n.s
	rest := strings.TrimLeft(s[f.end:], ", ")
	at := len(s) - len(rest)
	if at > f.end {
		for _, w := range wholeMarkers {
			if strings.HasPrefix(rest, w) {
				return at, w
			}
		}
		// "X万元，资金来源全部是一般公共预算拨款": the source of the figure,
		// named with a strong marker only.
		for _, subj := range [...]string{"资金来源", "经费来源", "收入来源"} {
			if r, ok := strings.CutPrefix(rest, subj); ok {
				for _, w := range strongWhole {
					if strings.HasPrefix(r, w) {
						return at + len(subj), w
					}
				}
			}
		}
	} else if strings.HasPrefix(rest, "(") {
		i := strings.IndexByte(rest, ')')
		if i > 1 && !strings.ContainsAny(rest[1:i], "0123456789") {
			for _, w := range strongWhole {
				if strings.HasPrefix(rest[1:], w) {
					return at + 1, w // "13.10万元(全部为运行费)"
				}
			}
			return at + 1, ""
		}
		// "1.20万元(2022年预算1.50万元)，全部为…": a side clause in
		// parentheses that states the figure for another year or stage.
		if i < 0 || !hasMention(rest[1:i]) || !sideClause(rest[1:i]) && !yearOnlyLead(rest[1:i]) {
			return -1, ""
		}
		after := strings.TrimLeft(rest[i+1:], ", ")
		for _, w := range strongWhole {
			if strings.HasPrefix(after, w) {
				return len(s) - len(after), w
			}
		}
		return -1, ""
	}
	end := ex.sentEnd(f.end)
	pos := f.end
	for k := 0; k < 3 && pos < end; k++ {
		c := strings.IndexByte(s[pos:end], ',')
		if k > 0 {
			// A side clause may also end at ';' ("“三公”经费支出0.48万元，
			// 年初预算1.00万元；全部为公务接待费"); the figure's own clause may not.
			if sc := strings.IndexByte(s[pos:end], ';'); sc >= 0 && (c < 0 || sc < c) {
				c = sc
			}
		}
		if c < 0 {
			return -1, ""
		}
		clause := s[pos : pos+c]
		if k > 0 && !sideClause(clause) || strings.ContainsRune(clause, ';') {
			return -1, ""
		}
		pos += c + 1
		for _, w := range strongWhole {
			if strings.HasPrefix(s[pos:end], w) {
				if k == 0 && clause != "" {
					break
				}
				return pos, w
			}
		}
		if k == 0 && clause != "" {
			return -1, "" // the figure's own clause goes on
		}
	}
	return -1, ""
}

// sideClause reports a clause that compares the figure or states it for
// another period: a figure with 较/比/年初预算/上年 or a change verb, or a
// statement that the compared figure is the same (与上年持平).
func sideClause(c string) bool {
	if !hasMention(c) {
		return levelRe.MatchString(c) // "，与上年持平，全部为…"
	}
	for _, w := range []string{"较", "比", "年初预算", "上年", "增加", "减少", "增长", "下降", "持平"} {
		if strings.Contains(c, w) {
			return true
		}
	}
	return false
}

// incomeBefore returns the total income figure stated right before the
// total expenditure f in its sentence with the same amount ("收入预算X，支出
// 预算X"), nil when there is none.
func (ex *extractor) incomeBefore(f *factx) *factx {
	for i := len(ex.facts) - 1; i >= 0; i-- {
		g := ex.facts[i]
		if g == f || g.sent != f.sent || g.end > f.start {
			continue
		}
		if g.f.Metric == "total_income" && g.f.Period == f.f.Period && g.f.HasAmount && g.f.Amount == f.f.Amount {
			if sep := ex.n.s[g.end:f.start]; len(sep) <= 3 && strings.Trim(sep, ",;") == "" {
				return g
			}
		}
		return nil
	}
	return nil
}

// yearOnlyLead reports a clause that opens with a year ("2022年预算1.50万元").
func yearOnlyLead(c string) bool {
	return len(c) >= 7 && yearRe.MatchString(c[:min(len(c), 10)]) && strings.HasPrefix(c[4:], "年")
}

// ownBefore reports a fact of f's metric, not of period initial_budget,
// earlier in f's sentence.
func (ex *extractor) ownBefore(f *factx) bool {
	for _, g := range ex.facts {
		if g != f && g.sent == f.sent && g.end <= f.start && g.f.Metric == f.f.Metric && g.f.Period != schemas.PeriodInitialBudget {
			return true
		}
	}
	return false
}

// levelRe is a clause stating that the compared figure equals the one before
// it: "，与上年持平", "，同上年预算相同", "，与2022年度决算一致". It is a side
// clause of the figure (a restatement after it still restates the figure);
// it states no figure of its own: the annotated sets and the dev set do not
// read the compared year's figure from it (docs/evaluation.md, fifth round).
var levelRe = regexp.MustCompile(`^,?(?:与|同|和|较|比)(?:(?:19|20)\d{2}年度?|上年度?|去年|上一年度?|年初)(?:预算|决算)?数?(?:相比|比较)?,?(?:持平|相同|一致|保持一致|无变化|没有变化)`)

// bothPriors reads a compared figure stated once for both totals: "收入预算X，
// 支出预算X，均比2022年预算Y…" or "收支预算均为X，较上年预算Y…" — Y is the
// compared figure of the total income and of the total expenditure. The
// figure was labelled with the last total; the other total gets it too.
func (ex *extractor) bothPriors() {
	s := ex.n.s
	n := len(ex.facts)
	for i := 0; i < n; i++ {
		p := ex.facts[i]
		if p.sent < 0 || p.f.Period == schemas.PeriodCurrent || !p.f.HasAmount || p.f.Metric != "total_income" && p.f.Metric != "total_expenditure" {
			continue
		}
		var ti, te *factx
		for j := i - 1; j >= 0 && ex.facts[j].sent == p.sent; j-- {
			g := ex.facts[j]
			if g.f.Period != schemas.PeriodCurrent || !g.f.HasAmount {
				continue
			}
			switch g.f.Metric {
			case "total_income":
				if ti == nil {
					ti = g
				}
			case "total_expenditure":
				if te == nil {
					te = g
				}
			}
		}
		if ti == nil || te == nil || ti.f.Amount != te.f.Amount {
			continue
		}
		last := max(ti.end, te.end)
		if p.start < last {
			continue
		}
		between := s[last:p.start]
		joint := ti.start == te.start // one figure for both: 收支预算均为X
		if !joint && !strings.HasPrefix(strings.TrimLeft(between, ", "), "均") {
			continue
		}
		if strings.ContainsAny(between, ";。") || hasMention(between) {
			continue
		}
		other := "total_income"
		if p.f.Metric == "total_income" {
			other = "total_expenditure"
		}
		key := factKey{year: p.f.FiscalYear, stage: p.f.Stage, metric: other, period: p.f.Period}
		if _, taken := ex.keys[key]; taken {
			continue
		}
		g := ex.newFact()
		g.start, g.end, g.sent = p.start, p.end, p.sent
		g.f = p.f
		g.f.Metric = other
		g.f.Quote, g.f.Start, g.f.End, g.f.Location = "", 0, 0, ""
		ex.keys[key] = g
		ex.facts = append(ex.facts, g)
	}
}
