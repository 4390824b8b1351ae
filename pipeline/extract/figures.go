package extract

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// children lists which metrics may follow "其中" after a figure of the key
// metric; anything else there is a breakdown of something else.
var children = map[string][]string{
	"total_income": {"general_public_budget_income", "government_fund_income", "state_capital_income",
		"fiscal_special_account_income", "business_income", "operating_income", "other_income", "carryover_income"},
	"general_public_budget_income": {"function_class", "basic_expenditure", "project_expenditure",
		"personnel_expenditure", "public_expenditure", "general_public_budget_basic_expenditure",
		"general_public_budget_project_expenditure"},
	"total_expenditure": {"basic_expenditure", "project_expenditure", "function_class", "personnel_expenditure",
		"public_expenditure", "government_fund_expenditure", "state_capital_expenditure", "general_public_budget_expenditure"},
	// The parts of a 财政拨款收入 figure (a weak general_public_budget_income).
	"fiscal_appropriation_income": {"general_public_budget_income", "government_fund_income", "state_capital_income",
		"carryover_income"},
	"fiscal_appropriation_total": {"general_public_budget_income", "government_fund_income", "state_capital_income",
		"carryover_income", "function_class", "basic_expenditure", "project_expenditure",
		"general_public_budget_expenditure", "government_fund_expenditure", "state_capital_expenditure"},
	// The parts of a 财政拨款支出 figure (no metric of its own).
	"fiscal_appropriation_expenditure": {"function_class", "general_public_budget_expenditure",
		"government_fund_expenditure", "state_capital_expenditure"},
	"general_public_budget_expenditure": {"function_class", "basic_expenditure", "project_expenditure",
		"personnel_expenditure", "public_expenditure", "general_public_budget_basic_expenditure",
		"general_public_budget_project_expenditure"},
	"general_public_budget_basic_expenditure": {"personnel_expenditure", "public_expenditure"},
	"basic_expenditure":                       {"personnel_expenditure", "public_expenditure"},
	"three_public_total": {"three_public_overseas", "three_public_reception", "three_public_vehicle_total",
		"three_public_vehicle_purchase", "three_public_vehicle_operation", "overseas_groups", "overseas_trips_persons",
		"reception_batches", "reception_persons", "vehicles_count"},
	"three_public_vehicle_total": {"three_public_vehicle_purchase", "three_public_vehicle_operation", "vehicles_count"},
	"government_procurement":     {"government_procurement_goods", "government_procurement_works", "government_procurement_services"},
	"authorized_posts":           {"authorized_posts_admin", "authorized_posts_institution", "authorized_posts_worker"},
	"staff_in_post": {"staff_in_post_admin", "staff_in_post_institution", "staff_in_post_worker", "temporary_staff",
		"retired_staff"},
	// 实有人数 (a weak staff_in_post) may count the retired: 其中在职人员…，离退休人员….
	"staff_all": {"staff_in_post", "staff_in_post_admin", "staff_in_post_institution", "staff_in_post_worker",
		"temporary_staff", "retired_staff"},
	"fixed_assets_total":     {"vehicles_count"},
	"three_public_overseas":  {"overseas_groups", "overseas_trips_persons"},
	"three_public_reception": {"reception_batches", "reception_persons"},
	"function_class":         {"function_class"},
	"project_expenditure":    {"function_class"},
}

func isChild(head, m string) bool {
	for _, c := range children[head] {
		if c == m {
			return true
		}
	}
	return false
}

// countMetric reports metrics whose value is a count.
func countMetric(m string) bool {
	x, ok := schemas.LookupMetric(m)
	return ok && x.Kind == schemas.MetricCount
}

// pairs of count metrics read from the same label by unit (10批次, 100人次).
var countPair = map[string][2]string{
	"reception_batches":      {"reception_batches", "reception_persons"},
	"reception_persons":      {"reception_batches", "reception_persons"},
	"overseas_groups":        {"overseas_groups", "overseas_trips_persons"},
	"overseas_trips_persons": {"overseas_groups", "overseas_trips_persons"},
}

var (
	unitsAfter    = regexp.MustCompile(`^(?:独立核算的?|独立编制的?)?预算单位|^独立编制机构`)
	scopeEnd      = regexp.MustCompile(`[一二三四五六七八九十]、|\d[、.]\D|\(\d{1,2}\)|(?:19|20)\d{2}年`)
	zeroFundRe    = regexp.MustCompile(`^政府性基金(?:预算)?(?:财政)?(?:拨款)?(?:安排的)?(?:收支|支出|收入和支出)?`)
	zeroCapitalRe = regexp.MustCompile(`^国有资本经营预算(?:财政)?(?:拨款)?(?:安排的)?(?:收支|支出|收入和支出)?`)
	decreaseVerbs = []string{"减少", "下降", "降低", "减", "压缩", "缩减", "核减", "压减", "节约", "减幅"}
)

func isDecrease(v string) bool {
	for _, d := range decreaseVerbs {
		if v == d {
			return true
		}
	}
	return false
}

// hitsIn returns the keyword hits that start in [a, b).
func (ex *extractor) hitsIn(a, b int) []hit {
	i := sort.Search(len(ex.hits), func(i int) bool { return ex.hits[i].start >= a })
	j := i
	for j < len(ex.hits) && ex.hits[j].start < b {
		j++
	}
	return ex.hits[i:j]
}

// yearAt is the fiscal year a figure at pos is stated for, from the last
// year named in its sentence, else its section, else the document.
func (ex *extractor) yearAt(sent, pos int) int32 {
	y, _ := ex.yearTokAt(sent, pos)
	return y
}

// yearTokAt is yearAt and the end of the year token it was read from (0 when
// the year is the section's or the document's).
func (ex *extractor) yearTokAt(sent, pos int) (int32, int) {
	var y int32
	end := 0
	for _, t := range ex.years {
		if t.pos >= pos {
			break
		}
		if t.pos >= sent && t.valid {
			// A year named mid-sentence for a restated figure ("2024年收入预算X，
			// 2023年预算数为Y，比上年增加Z；支出预算W") holds for its own
			// clause only: after a semicolon the sentence's year is back.
			// So does an earlier year opening a clause after a comma when the
			// sentence named no year before it ("其中车辆运行费4.2万元，2011年为
			// 4.8万元；公务接待费1.2万元"): the next clause is the document's.
			if (y != 0 && t.year < y || y == 0 && t.year < ex.res.FiscalYear && t.pos > sent && ex.n.s[t.pos-1] == ',') && strings.IndexByte(ex.n.s[t.end:pos], ';') >= 0 {
				continue
			}
			y, end = t.year, t.end
		}
	}
	if y != 0 {
		return y, end
	}
	if sec, ok := ex.sectionAt(pos); ok {
		return sec.year, 0
	}
	return ex.res.FiscalYear, 0
}

// comparisonYear returns the year named after 比/较 in the clause of seg
// (segment [a, b)): "比2023年预算61.25万元" states the 2023 figure.
func (ex *extractor) comparisonYear(a, b int) (int32, bool) {
	s := ex.n.s
	for i := len(ex.years) - 1; i >= 0; i-- {
		t := ex.years[i]
		if t.pos >= b {
			continue
		}
		if t.pos < a {
			break
		}
		if t.cmp && strings.IndexAny(s[t.end:b], ",;") < 0 {
			return t.year, true
		}
		return 0, false
	}
	return 0, false
}

// stageWord returns the stage the last stage word of s names ("" for none).
// With comparative set, words in comparisons (较年初预算) are ignored.
func stageWord(s string, comparative bool) string {
	if !strings.Contains(s, "算") && !strings.Contains(s, "实际") && !strings.Contains(s, "执行数") && !strings.Contains(s, "计划") {
		return ""
	}
	var buf [8][2]int
	ms := stageMatches(buf[:0], s)
	for k := len(ms) - 1; k >= 0; k-- {
		w := s[ms[k][0]:ms[k][1]]
		pre, post := s[:ms[k][0]], s[ms[k][1]:]
		if strings.HasSuffix(w, "预算") && w == "预算" {
			if strings.HasSuffix(pre, "公共") || strings.HasSuffix(pre, "基金") || strings.HasSuffix(pre, "经营") || strings.HasSuffix(pre, "部门") && comparative {
				continue
			}
			if strings.HasPrefix(post, "法") || strings.HasPrefix(post, "管理") || strings.HasPrefix(post, "单位") || strings.HasPrefix(post, "编制") || strings.HasPrefix(post, "绩效") || strings.HasPrefix(post, "改革") || strings.HasPrefix(post, "公开") || strings.HasPrefix(post, "制度") {
				continue
			}
		}
		if w == "计划" && strings.HasPrefix(post, "生育") {
			continue // 医疗卫生与计划生育支出 is a class name, not a plan
		}
		if w == "实际" && !strings.HasPrefix(post, "支出") && !strings.HasPrefix(post, "完成") && !strings.HasPrefix(post, "采购") && !strings.HasPrefix(post, "使用") && !strings.HasPrefix(post, "发生") {
			continue
		}
		if comparative {
			p := yearRe.ReplaceAllString(pre[max(0, len(pre)-12):], "")
			p = priorRe.ReplaceAllString(p, "")
			if strings.HasSuffix(p, "比") || strings.HasSuffix(p, "较") || strings.HasSuffix(p, "与") || strings.HasSuffix(p, "同") || strings.HasSuffix(p, "于") {
				continue
			}
		}
		switch w {
		case "决算", "实际支出", "实际完成", "实际", "执行数":
			return schemas.StageFinalAccount
		default:
			return schemas.StageBudget
		}
	}
	return ""
}

// resolve places a figure stated for year y at stage st relative to the
// document.
func (ex *extractor) resolve(y int32, st string) (fy int32, stage, period string, ok bool) {
	y0, s0 := ex.res.FiscalYear, ex.res.Stage
	if y == 0 || y0 == 0 {
		y = y0
	}
	switch {
	case y == y0 && st == s0:
		return y0, s0, schemas.PeriodCurrent, true
	case s0 == schemas.StageFinalAccount && y == y0 && st == schemas.StageBudget:
		return y0, s0, schemas.PeriodInitialBudget, true
	case y == y0-1 && st == s0:
		// A restated prior-year figure is published for the year it is for.
		return y, s0, schemas.PeriodPrior, true
	case y == y0+1 && st == schemas.StageBudget:
		return y, schemas.StageBudget, schemas.PeriodCurrent, true
	}
	return 0, "", "", false
}

func (ex *extractor) lastFactIn(sent int) *factx {
	for i := len(ex.facts) - 1; i >= 0; i-- {
		f := ex.facts[i]
		if f.sent != sent {
			return nil
		}
		return f
	}
	return nil
}

// underTargets reports a figure followed by "(全部|均)纳入/实行绩效目标管理".
func underTargets(after string) bool {
	after = strings.TrimPrefix(strings.TrimPrefix(after, "全部"), "均")
	for _, v := range []string{"纳入", "实行", "实施"} {
		if strings.HasPrefix(after, v) {
			return strings.HasPrefix(after[len(v):], "绩效目标管理") || strings.HasPrefix(after[len(v):], "预算绩效目标管理")
		}
	}
	return false
}

// projectsUnderTargets reports a figure without a label before it followed by
// the projects it funds and their performance targets: "对56,777.77万元项目
// 支出全部编报绩效目标", "…万元项目资金均纳入绩效目标管理".
func projectsUnderTargets(after string) bool {
	found := false
	for _, w := range []string{"的项目支出", "的项目资金", "项目支出", "项目资金"} {
		if t, ok := strings.CutPrefix(after, w); ok {
			after, found = t, true
			break
		}
	}
	if !found {
		return false
	}
	if underTargets(after) {
		return true
	}
	after = strings.TrimPrefix(strings.TrimPrefix(after, "全部"), "均")
	for _, v := range []string{"编报", "设置", "设定", "编制"} {
		if strings.HasPrefix(after, v) {
			return strings.HasPrefix(after[len(v):], "绩效目标") || strings.HasPrefix(after[len(v):], "了绩效目标")
		}
	}
	return false
}

// otherSide reports a bare total label right after the other side's total
// in the sentence: "收入预算6,903.81万元，支出预算6,903.81万元".
func (ex *extractor) otherSide(sent int, r *rule) bool {
	lf := ex.lastFactIn(sent)
	if lf == nil {
		return false
	}
	return r.spend && lf.f.Metric == "total_income" || r.income && lf.f.Metric == "total_expenditure"
}

// incomeSources are income sources printed without 收入 that are read only
// inside the breakdown of a total income figure.
var incomeSources = []struct {
	word string
	r    *rule
}{
	{"财政拨款", &weakGPBIncome},
	{"财政拨款资金", &weakGPBIncome},
	{"其他资金", &otherIncomeR},
	// The fund names alone, as the parts of an income total ("收入预算X，
	// 其中：一般公共预算资金Y；政府性基金Z"): the fund's appropriation.
	{"一般公共预算资金", &gpbIncomeR},
	{"一般公共预算", &gpbIncomeR},
	{"公共预算资金", &gpbIncomeR},
	{"政府性基金", &fundIncomeR},
	{"政府性基金预算", &fundIncomeR},
	{"政府性基金资金", &fundIncomeR},
	{"政府性基金预算资金", &fundIncomeR},
	{"国有资本经营预算", &stateCapIncomeR},
	{"国有资本经营预算资金", &stateCapIncomeR},
}

var (
	weakGPBIncome   = rule{money: "general_public_budget_income", income: true, weak: true}
	otherIncomeR    = rule{money: "other_income", income: true}
	gpbIncomeR      = rule{money: "general_public_budget_income", income: true}
	fundIncomeR     = rule{money: "government_fund_income", income: true}
	stateCapIncomeR = rule{money: "state_capital_income", income: true}
)

// incomeSource reads seg ending in an income source without 收入 (after a
// separator, 其中 or a list mark, then only 为/是/:) while the breakdown of
// the total income is open (incomeBreakdown).
func (ex *extractor) incomeSource(seg string, sent int) (string, string, *rule, bool) {
	if !ex.incomeBreakdown(sent) {
		return "", "", nil, false
	}
	t := strings.TrimRight(seg, "为是:")
	for _, src := range incomeSources {
		if !strings.HasSuffix(t, src.word) {
			continue
		}
		pre := strings.TrimSuffix(t, src.word)
		if pre == "" || strings.HasSuffix(pre, "其中") || strings.ContainsRune(",;、:", lastRune(pre)) || cellMarkRe.FindString(pre) == pre {
			return src.word, src.r.money, src.r, true
		}
	}
	return "", "", nil, false
}

// breakdownWords open the list of a figure's parts.
var breakdownWords = []string{"其中", "具体为", "具体包括", "分别为", "包括", "构成为", "构成如下", "如下"}

func hasBreakdownWord(s string) bool {
	for _, w := range breakdownWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// incomeBreakdown reports that the breakdown of the total income is open at
// sentence sent: the sentence's first figure is the total income and a
// breakdown word (其中, 具体为, 包括 …) follows it, and the figure just before
// is the total or one of its parts (not 支出合计…，其中财政拨款… after it); or
// the sentence opens the list of the total income stated just before it
// ("收入预算X。其中：…", "收入预算X，其中：\n1.…；\n2.…").
func (ex *extractor) incomeBreakdown(sent int) bool {
	s := ex.n.s
	incomePart := func(f *factx) bool {
		return f != nil && (f.f.Metric == "total_income" || isChild("total_income", f.f.Metric))
	}
	n := len(ex.facts)
	if hf := ex.headFactIn(sent); hf != nil {
		if !incomePart(ex.lastFactIn(sent)) {
			return false
		}
		if hf.f.Metric == "total_income" {
			return hasBreakdownWord(s[hf.end:ex.sentEnd(hf.end)])
		}
		// A list that opened in the sentence before goes on: its first
		// item here is a part, and so is every figure since.
		for n > 0 && ex.facts[n-1].sent == sent {
			n--
		}
	}
	if n == 0 {
		return false
	}
	lf := ex.facts[n-1]
	prev := ex.prevSentStart(sent)
	if !incomePart(lf) || lf.sent != prev || lf.sent < 0 {
		return false
	}
	// The head of the list: the total income, stated in this sentence or
	// in the one that opened the list.
	between := strings.TrimSpace(s[lf.end:sent])
	head := lf.f.Metric == "total_income"
	opens := strings.HasPrefix(s[sent:], "其中") || head && strings.HasSuffix(between, ":") && hasBreakdownWord(s[lf.end:sent])
	if !opens && !head && cellMarkRe.MatchString(s[sent:]) && cellMarkRe.MatchString(s[prev:]) {
		// The next item of a numbered list of parts: "1.…；\n2.…".
		opens = true
	}
	return opens && (head || strings.HasPrefix(s[sent:], "其中") || cellMarkRe.MatchString(s[sent:]))
}

// orgSubjectRe is an organisation's short name as the subject right before
// a generic label: "2019年，区科委收入预算…", "本局支出预算…".
var orgSubjectRe = regexp.MustCompile(`(?:^|[^\p{Han}]|\d年度?)(?:本|我|该|区|县|市)?\p{Han}{0,4}(?:局|委|办|院|中心|站|所|馆|校|园|部|会|处|队|街道)$`)

// officeSuffixes end the full name of a sub-district office or a township
// government ("枫林路街道办事处", "桃源镇人民政府").
var officeSuffixes = []string{"街道办事处", "街道办", "办事处", "人民政府"}

// officeSubject reports a clause that ends in such a full name: one to six
// Han characters before the suffix, opening the clause or after a year
// ("2019年枫林路街道办事处").
func officeSubject(pre string) bool {
	for _, suf := range officeSuffixes {
		name, ok := strings.CutSuffix(pre, suf)
		if !ok {
			continue
		}
		run := name
		for run != "" {
			r, size := utf8.DecodeLastRuneInString(run)
			if !isHan(r) {
				break
			}
			run = run[:len(run)-size]
		}
		han := name[len(run):] // the Han characters before the suffix
		if last := lastRune(run); last >= '0' && last <= '9' {
			han = strings.TrimPrefix(strings.TrimPrefix(han, "年"), "度")
		}
		n := utf8.RuneCountInString(han)
		return n >= 1 && n <= 6
	}
	return false
}

// orgSubject reports a clause (from its sentence's start) that ends in an
// organisation's short name.
func orgSubject(pre string) bool {
	if i := strings.LastIndexAny(pre, ",;:"); i >= 0 {
		pre = pre[i+1:]
	}
	return orgSubjectRe.MatchString(pre) || officeSubject(pre)
}

// headFactIn is the first fact of sentence sent.
func (ex *extractor) headFactIn(sent int) *factx {
	var h *factx
	for i := len(ex.facts) - 1; i >= 0 && ex.facts[i].sent == sent; i-- {
		h = ex.facts[i]
	}
	return h
}

// yearOnly reports "2023年度为", "2023年": a year and at most 为/是/的.
func yearOnly(s string) bool {
	if len(s) < 7 || !(strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20")) || !isD(s[2]) || !isD(s[3]) || s[4:7] != "年" {
		return false
	}
	switch strings.TrimPrefix(s[7:], "度") {
	case "", "为", "是", "的", "的为":
		return true
	}
	return false
}

// comparedIn reports a compared year (比/较 2023年…) in [a, b).
func (ex *extractor) comparedIn(a, b int) bool {
	_, ok := ex.comparisonYear(a, b)
	return ok
}

// sideOfOwn reports a 年初预算 figure stated as a side clause right after the
// sentence's own figure of the same metric ("“三公”经费支出决算12,300.00元，
// 年初预算20,000.00元，其中公务接待费…"): a breakdown after it (其中) is of
// the own figure, as after a 年初预算 clause closed by ';'.
func (ex *extractor) sideOfOwn(lf *factx) bool {
	for i := len(ex.facts) - 1; i > 0; i-- {
		if ex.facts[i] != lf {
			continue
		}
		g := ex.facts[i-1]
		return g.sent == lf.sent && g.f.Metric == lf.f.Metric && g.f.Period != schemas.PeriodInitialBudget &&
			g.end <= lf.start && strings.Trim(ex.n.s[g.end:lf.start], ", ") == ""
	}
	return false
}

// retiredSplit reports a 退休 count stated beside a separate 离休 count in its
// sentence ("离休1人、退休17人", "退休人员20人，离休干部2人"): retired_staff
// counts both, so neither part is the figure. A 离休 count of 0 ("离休0人，
// 退休人员17人": the 退休 count is the sum), a 离休 count inside the 退休 one
// ("退休人员20人(含离休2人)") and a label naming both (离退休) are not a split.
func (ex *extractor) retiredSplit(sent int, f *factx) bool {
	s := ex.n.s
	lab := s[f.start:f.end]
	if strings.HasPrefix(lab, "离退休") || !strings.HasPrefix(lab, "退休") {
		return false
	}
	end := ex.sentEnd(f.end)
	for i := sent; i < end; {
		k := strings.Index(s[i:end], "离休")
		if k < 0 {
			return false
		}
		k += i
		i = k + len("离休")
		if k >= len("含") && s[k-len("含"):k] == "含" {
			continue
		}
		rest := s[i:end]
		for _, w := range []string{"人员", "干部", "人数", "职工"} {
			rest = strings.TrimPrefix(rest, w)
		}
		rest = strings.TrimLeft(strings.TrimPrefix(rest, "为"), ":")
		j := 0
		for j < len(rest) && isD(rest[j]) {
			j++
		}
		if j > 0 && strings.Trim(rest[:j], "0") != "" {
			return true // a 离休 count of 0 leaves the 退休 count the sum
		}
	}
	return false
}

// ownFactIn is the last fact of sentence sent that is not a 年初预算 figure.
func (ex *extractor) ownFactIn(sent int) *factx {
	for i := len(ex.facts) - 1; i >= 0 && ex.facts[i].sent == sent; i-- {
		if ex.facts[i].f.Period != schemas.PeriodInitialBudget {
			return ex.facts[i]
		}
	}
	return nil
}

func (ex *extractor) lastCurrentIn(sent int) *factx {
	for i := len(ex.facts) - 1; i >= 0 && ex.facts[i].sent == sent; i-- {
		if ex.facts[i].current {
			return ex.facts[i]
		}
	}
	return nil
}

func (ex *extractor) figures() {
	s := ex.n.s
	prevEnd := 0
	qSent := -1
	var q qState
	var prevFact *factx // fact made from the previous mention
	var outer qState    // the breakdown around a parenthesised one
	hasOuter := false
	prevSeg, prevSent := "", -1 // the label text and sentence of the previous mention
	for _, m := range ex.mentions {
		if m.start >= ex.stopAt {
			break
		}
		sent := ex.sentStart(m.start)
		segStart := max(prevEnd, sent)
		seg := s[segStart:m.start]
		pf := prevFact
		pSeg, pSent := prevSeg, prevSent
		prevEnd, prevFact, prevSeg, prevSent = m.end, nil, seg, sent
		if sent != qSent {
			qSent, q, hasOuter = sent, qState{}, false
			if strings.HasPrefix(s[sent:], "其中") && len(ex.facts) > 0 {
				q = qState{true, headOf(ex.facts[len(ex.facts)-1])}
			}
		}
		if strings.Contains(seg, "其中") {
			if i := strings.LastIndex(seg, "(其中"); i >= 0 && !strings.Contains(seg[i:], ")") {
				outer, hasOuter = q, true // a breakdown in parentheses
			}
			q = qState{true, ""}
			if lf := ex.lastFactIn(sent); lf != nil {
				q.head = headOf(lf)
			}
			if pf == nil && pSent == sent && (fiscalSpendLabel(pSeg) || bareSpend(pSeg) && ex.afterAppropriation(sent, segStart)) {
				// "财政拨款支出7,286.90万元，其中社会保障和就业支出…": 财政拨款支出
				// has no metric of its own, but its parts are the classes paid
				// from the appropriation.
				q.head = "fiscal_appropriation_expenditure"
			}
		}
		if hasOuter && !strings.Contains(seg, "其中") && strings.Contains(seg, ")") {
			q, hasOuter = outer, false // the parenthesised breakdown is closed
		}
		if m.pct {
			if h, ok := ex.shareLabel(m, segStart); ok {
				// "基本支出占比76.50%，金额为1,023.40万元": the amount follows.
				ex.pend, ex.pendSent, ex.pendPct, ex.pendOK = h, sent, m.value, true
				continue
			}
			ex.percent(m, seg, sent, pf)
			continue
		}
		if _, ok := changeVerb(seg); ok {
			ex.change(m, seg, sent)
			continue
		}
		if i := strings.LastIndex(seg, "(含"); strings.IndexByte(seg, '(') >= 0 && i >= 0 && !strings.Contains(seg[i:], ")") {
			continue // a part named inside a larger figure: (含援外医疗队支出530万元)
		}
		if m.uc != 0 {
			if joint := ex.jointHits(m, segStart); len(joint) > 1 {
				// "因公出国(境)费和公务用车购置及运行维护费均为0万元": one figure for each.
				for i := range joint {
					ex.force = &joint[i]
					if f := ex.label(m, seg, segStart, sent); f != nil && ex.keep(f, m, seg, sent, &q) {
						prevFact = f
					}
				}
				ex.force = nil
				continue
			}
		}
		f := ex.label(m, seg, segStart, sent)
		if f == nil {
			continue
		}
		if ex.keep(f, m, seg, sent, &q) {
			prevFact = f
		}
	}
	ex.tableFacts()
	ex.zeroStatements()
	ex.wholeStatements()
	ex.bothPriors()
	ex.dropRoundedFacts()
}

// qState is the breakdown ("其中") a figure may be part of.
type qState struct {
	inQ  bool
	head string
}

// keep applies the checks of owner, scope, breakdown and conflicts to a
// labelled figure and records it; false when it is left out.
func (ex *extractor) keep(f *factx, m mention, seg string, sent int, q *qState) bool {
	s := ex.n.s
	if m.start < ex.fragEnd {
		ex.finding(RuleFragment, schemas.SeverityInfo, f.f.Metric, "figure in a sentence cut off at the start of the text", f.start, f.end)
		return false
	}
	if ex.res.Scope != schemas.ScopeDistrict && mayDistrict(s[sent:m.start]) && !ownClause(s[sent:m.start]) {
		ex.finding(RuleDistrict, schemas.SeverityInfo, f.f.Metric, "district-wide figure in a department text left out", f.start, f.end)
		return false
	}
	if ex.res.Scope != schemas.ScopeDistrict && placeRevenue(s[sent:f.start], s[f.start:m.start]) {
		ex.finding(RuleDistrict, schemas.SeverityInfo, f.f.Metric, "a region's public revenue or expenditure in a department text left out", f.start, f.end)
		return false
	}
	if f.f.Metric == "vehicles_count" && vehicleTurnover(s[sent:f.start]) {
		ex.finding(RuleAmbiguous, schemas.SeverityInfo, f.f.Metric, "vehicles bought, replaced or disposed of, not the vehicles held", f.start, f.end)
		return false
	}
	if f.f.Metric == "retired_staff" && ex.retiredSplit(sent, f) {
		ex.finding(RuleAmbiguous, schemas.SeverityInfo, f.f.Metric, "退休 counted apart from 离休 (离休1人、退休17人): the retired staff are their sum, which is not stated", f.start, f.end)
		return false
	}
	if ex.subordinate(sent, f.start) {
		ex.finding(RuleAmbiguous, schemas.SeverityInfo, f.f.Metric, "figure of a subordinate unit, not the department's", f.start, f.end)
		return false
	}
	if (f.f.Metric == "basic_expenditure" || f.f.Metric == "project_expenditure") && (strings.HasPrefix(s[f.start:], "基本支出") || strings.HasPrefix(s[f.start:], "项目支出")) && ex.underFundHeading(sent, f.f.Metric) {
		// Under "三、一般公共预算财政拨款基本支出决算", "基本支出412.15万元，其中
		// 人员经费…" is the 一般公共预算 basic expenditure.
		f.f.Metric = "general_public_budget_" + f.f.Metric
	}
	if f.f.Metric == "public_expenditure" && ex.underOperatingHeading(sent) {
		// 机关运行经费支出说明: "日常公用经费支出合计138.46万元" is the 机关运行经费.
		f.f.Metric = "operating_expenses"
	}
	// A figure after a stated reason must open its own clause.
	if loc := reasonsIn(s[sent:f.start]); loc != nil {
		after := sent + loc[len(loc)-1][1]
		cs := after
		for i := f.start - 1; i >= after; i-- {
			if strings.IndexByte(",;:", s[i]) >= 0 {
				cs = i + 1
				break
			}
		}
		if !clausePre.MatchString(s[cs:f.start]) {
			return false
		}
	}
	if q.inQ && f.f.Metric != "function_class" {
		// Money by fund source in a breakdown of expenditure: "支出预算…其中：
		// 一般公共预算拨款1,287.78万元、政府性基金预算拨款50万元".
		if x, ok := fundSpend[f.f.Metric]; ok && isChild(q.head, x) && !strings.Contains(s[f.start:m.start], "收入") {
			f.f.Metric = x
		}
	}
	if q.inQ && q.head != "" && !isChild(q.head, f.f.Metric) {
		if strings.ContainsAny(seg, ";") || scopeEnd.MatchString(seg) {
			q.inQ = false
		} else {
			ex.finding(RuleAmbiguous, schemas.SeverityInfo, f.f.Metric, "part of a "+q.head+" breakdown, not the department total", f.start, f.end)
			return false
		}
	}
	key := factKey{f.f.FiscalYear, f.f.Stage, f.f.Metric, f.f.Period, f.f.Code, f.f.Name}
	if old, ok := ex.keys[key]; ok {
		if old.f.Amount != f.f.Amount || old.f.Count != f.f.Count {
			if old.weak && !f.weak {
				// 财政拨款收入 (weak) then 一般公共预算拨款收入: the specific label wins.
				ex.finding(RuleConflict, schemas.SeverityInfo, f.f.Metric, "value "+old.f.Value+old.f.Unit+" under a weaker label (财政拨款收入, 本年收入合计, 实有人数) replaced by "+f.f.Value+f.f.Unit, old.start, old.end)
				ex.dropWeak(old)
				if old.f.Metric == "total_income" && old.sent >= 0 {
					ex.weakGone = append(ex.weakGone, old)
				}
				ex.keys[key] = f
			} else {
				ex.finding(RuleConflict, schemas.SeverityWarning, f.f.Metric, "second value "+f.f.Value+f.f.Unit+" differs from "+old.f.Value+old.f.Unit+"; kept the first", f.start, f.end)
				if f.weak && !old.weak && f.f.Metric == "total_income" && f.sent >= 0 {
					ex.weakGone = append(ex.weakGone, f) // its restatement still states a figure
				}
				return false
			}
		}
	} else {
		ex.keys[key] = f
	}
	// Stated use: 主要用于…
	rest := s[m.end:ex.sentEnd(m.end)]
	if n := purposeLen(rest); n > 0 {
		p0 := m.end + n
		p1 := ex.sentEnd(m.end)
		if i := strings.IndexByte(s[p0:p1], ';'); i >= 0 {
			p1 = p0 + i
		}
		if p1 > p0 {
			f.f.Purpose, _, _ = ex.n.quote(p0, p1)
			f.f.Purpose = strings.TrimSpace(f.f.Purpose)
		}
	}
	ex.facts = append(ex.facts, f)
	return true
}

// shareLabel returns the label of a share stated before its amount
// ("基本支出占比76.50%"): a money keyword followed by 占/所占 and nothing
// else up to the percentage.
func (ex *extractor) shareLabel(m mention, segStart int) (hit, bool) {
	hs := ex.hitsIn(segStart, m.start)
	for i := len(hs) - 1; i >= 0; i-- {
		h := hs[i]
		if h.r.metricFor(ucMoney) == "" || h.r.ctx != "" || h.r.afterThree {
			continue
		}
		rem := ex.n.s[h.end:m.start]
		if len(rem) > 36 || strings.ContainsAny(rem, ",;:0123456789") || !(strings.HasPrefix(rem, "占") || strings.HasPrefix(rem, "所占")) {
			return hit{}, false
		}
		return h, true
	}
	return hit{}, false
}

// amountFiller reports what may stand between a share and its amount:
// "，金额为", "，资金".
func amountFiller(s string) bool {
	for s != "" {
		n := len(s)
		for _, w := range [...]string{"金额", "数额", "资金", "为", "是", ":", "计", "共"} {
			s = strings.TrimPrefix(s, w)
		}
		if len(s) == n {
			return false
		}
	}
	return true
}

// the two sides of a 收支总计 label.
var (
	bothIncome = rule{money: "total_income", income: true}
	bothSpend  = rule{money: "total_expenditure", spend: true}
)

// unitsScope are the words of a sentence that says which units a budget or
// final account covers.
var unitsScope = []string{"编制范围", "纳入", "汇总", "组成", "部门预算", "部门决算", "预算单位", "决算单位"}

// unitsOfBudget reads the number of units a department's budget covers
// stated without the 预算单位 label: "由局机关、区疾控中心等6个单位组成",
// "汇总局机关和…等4个单位", "纳入2023年部门预算编制范围的单位共3家",
// "所属预算单位包括局机关及…共31个". The figure counts 单位 (not 事业单位,
// 科室 or 社区) and its sentence names the budget's scope.
func (ex *extractor) unitsOfBudget(m mention, seg string, sent int) bool {
	s := ex.n.s
	// "…等6个单位", "本部门决算包括局本级及所属…共3个单位".
	after := strings.HasPrefix(s[m.end:], "单位") && !strings.HasPrefix(s[m.end:], "单位的") &&
		(strings.HasSuffix(seg, "等") || strings.HasSuffix(seg, "共") && strings.Contains(seg, "包括"))
	if !after && strings.HasSuffix(seg, "等") && ex.sentEnd(m.end) == m.end && (strings.Contains(seg, "单位包括") || strings.Contains(seg, "单位有")) {
		// "…的单位包括：镇政府机关、…、镇文化服务中心等7家。": the count ends
		// the list of the units, and the sentence.
		after = true
	}
	if !after && strings.HasPrefix(s[m.end:], "单位") && strings.HasSuffix(seg, "本级") && ex.onlyUnitsFigure(sent, m) {
		// "部门预算单位构成：区妇联本级1个单位，无下属二级预算单位": the
		// department alone (no other count of units in the sentence).
		after = true
	}
	if listed := seg[max(0, strings.LastIndex(seg, "本级")):]; !after && strings.Contains(seg, "由") && (strings.Contains(seg, "本级及") || strings.Contains(seg, "本级和")) &&
		!strings.Contains(listed, "下属") && !strings.Contains(listed, "所属") && !strings.Contains(listed, "二级") && !strings.Contains(listed, "其他") && ex.onlyUnitsFigure(sent, m) {
		// "本部门决算由镇机关本级和A、B 3个单位的决算汇总而成", "由街道办事处本级及
		// A、B、C 4个单位组成": the units listed by name, then made up of them
		// (本级及下属2个单位 counts the subordinate units only).
		for _, w := range [...]string{"单位组成", "单位构成", "单位的决算汇总而成", "单位的预算汇总而成", "单位汇总而成"} {
			if strings.HasPrefix(s[m.end:], w) {
				after = true
				break
			}
		}
	}
	before := false
	if t := strings.TrimSuffix(strings.TrimSuffix(seg, "计"), "共"); len(t) < len(seg) {
		before = strings.HasSuffix(t, "的单位") || strings.HasSuffix(t, "范围单位") ||
			strings.Contains(seg, "预算单位包括") || strings.Contains(seg, "决算单位包括")
	}
	if !after && !before {
		return false
	}
	sentence := s[sent:ex.sentEnd(m.start)]
	for _, w := range unitsScope {
		if strings.Contains(sentence, w) {
			return true
		}
	}
	return false
}

// onlyUnitsFigure reports that m is the one figure counted in 个/家 in its
// sentence.
func (ex *extractor) onlyUnitsFigure(sent int, m mention) bool {
	end := ex.sentEnd(m.start)
	for _, x := range ex.mentions {
		if x.start >= sent && x.start < end && x.uc == ucUnits && x.start != m.start {
			return false
		}
	}
	return true
}

// jointHits returns the labels of a joint statement "A和B均为0万元": two or
// more keywords joined by 和/、/及/与 and followed by 均/都; nil otherwise.
func (ex *extractor) jointHits(m mention, segStart int) []hit {
	s := ex.n.s
	hs := ex.hitsIn(segStart, m.start)
	if len(hs) > 0 && m.uc == ucMoney {
		// "收、支总计均为4,862.03万元": one figure for each side.
		h := hs[len(hs)-1]
		if h.r.both != "" {
			rem := strings.TrimPrefix(strings.TrimPrefix(s[h.end:m.start], "均"), "各")
			if !isFiller(rem) {
				return nil
			}
			return []hit{{h.start, h.end, &bothIncome}, {h.start, h.end, &bothSpend}}
		}
	}
	if len(hs) < 2 {
		return nil
	}
	last := len(hs) - 1
	if hs[last].r.metricFor(m.uc) == "" {
		return nil
	}
	rem := s[hs[last].end:m.start]
	// "…均为0万元", "…决算均为0": 均/都 after filler words.
	j := strings.Index(rem, "均")
	if j < 0 {
		j = strings.Index(rem, "都")
	}
	if j < 0 || !isFiller(rem[:j]) || !isFiller(rem[j+len("均"):]) {
		return nil
	}
	first := last
	for first > 0 && hs[first-1].r.metricFor(m.uc) != "" {
		switch s[hs[first-1].end:hs[first].start] {
		case "和", "、", "及", "与", "以及":
			first--
			continue
		case ",":
			// A label after a comma is in the list only when it opens its
			// clause: "全部为公务接待费，因公出国(境)费、…均为0" restates
			// the figure before it and lists nothing.
			if clauseOpener(s[segStart:hs[first-1].start]) {
				first--
				continue
			}
		}
		break
	}
	if first == last {
		return nil
	}
	return hs[first : last+1]
}

// clauseOpener reports that a label right after pre (its segment up to the
// label) opens its clause: nothing but 其中 or filler words since the last
// clause mark, and no verb (为, 是, 用于) that makes it a restatement.
func clauseOpener(pre string) bool {
	if i := strings.LastIndexAny(pre, ",;:"); i >= 0 {
		pre = pre[i+1:]
	}
	pre = strings.TrimPrefix(pre, "其中")
	if strings.Contains(pre, "为") || strings.Contains(pre, "是") || strings.Contains(pre, "用于") {
		return false
	}
	return isFiller(pre)
}

// subordinate reports a label preceded, in its clause, by the name of a
// subordinate unit: "另所属区水利工程管理站日常公用经费支出决算18.25万元".
func (ex *extractor) subordinate(sent, labelStart int) bool {
	s := ex.n.s
	cs := sent
	if i := strings.LastIndexAny(s[sent:labelStart], ",;:"); i >= 0 {
		cs = sent + i + 1
	}
	pre := s[cs:labelStart]
	k := strings.LastIndex(pre, "所属")
	if k < 0 {
		k = strings.LastIndex(pre, "下属")
	}
	if k < 0 {
		// A unit named without 所属/下属 at the start of its clause or after
		// 其中 ("其中区社会救助管理站基本支出216.30万元"), that is not the
		// department itself.
		name := strings.TrimSuffix(pre, "的")
		if i := strings.LastIndex(name, "其中"); i >= 0 {
			name = name[i+len("其中"):]
		}
		name = strings.TrimPrefix(name, "另")
		if runeLen(name) < 4 || !subUnitRe.MatchString(name) || strings.ContainsRune("本我该全各", firstRune(name)) {
			return false
		}
		d := ex.res.Department
		if d == "" {
			return false // the department is not known: the unit may be it
		}
		nd := normalizedString(d)
		core := strings.TrimLeft(name, "区县市") // 区文化馆 in 山岚县文化馆's text is the department
		return !strings.Contains(nd, core) && !strings.Contains(name, nd)
	}
	name := strings.TrimSuffix(pre[k+len("所属"):], "的")
	return runeLen(name) >= 2 && subUnitRe.MatchString(name)
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// subUnitRe is the name of a unit: Chinese characters ending in a unit word.
var subUnitRe = regexp.MustCompile(`^[\p{Han}()]{1,24}(?:站|所|中心|院|学校|小学|中学|幼儿园|队|馆|场|园|厂|处|室)$`)

// underOperatingHeading reports a sentence under a heading about the
// 机关运行经费 (the nearest heading line before it names it) that is not a
// 人员经费/公用经费 breakdown.
func (ex *extractor) underOperatingHeading(sent int) bool {
	s := ex.n.s
	if strings.Contains(s[sent:ex.sentEnd(sent)], "人员经费") {
		return false
	}
	a := strings.LastIndexByte(s[:sent], '\n') + 1 // start of the sentence's line
	for n := 0; n < 8 && a > 0; n++ {
		p := strings.LastIndexByte(s[:a-1], '\n') + 1
		if line := strings.TrimSpace(s[p : a-1]); isHeading(line) {
			return strings.Contains(line, "机关运行经费")
		}
		a = p
	}
	return false
}

// underFundHeading reports that the nearest heading line above sentence sent
// names the 一般公共预算 (财政拨款) figure of metric's kind (一般公共预算财政
// 拨款基本支出…) and that the sentence names no other fund.
func (ex *extractor) underFundHeading(sent int, metric string) bool {
	s := ex.n.s
	if sentence := s[sent:ex.sentEnd(sent)]; strings.Contains(sentence, "政府性基金") || strings.Contains(sentence, "国有资本") || strings.Contains(sentence, "一般公共预算") {
		return false
	}
	word := "基本支出"
	if metric == "project_expenditure" {
		word = "项目支出"
	}
	a := strings.LastIndexByte(s[:sent], '\n') + 1
	for n := 0; n < 8 && a > 0; n++ {
		p := strings.LastIndexByte(s[:a-1], '\n') + 1
		if line := strings.TrimSpace(s[p : a-1]); isHeading(line) {
			return strings.Contains(line, "一般公共预算") && strings.Contains(line, word) && !strings.Contains(line, "政府性基金")
		}
		a = p
	}
	return false
}

// markedClass reads a 款 or 项 printed with its level mark before the figure
// ("学前教育(项)支出决算"): the longest code-list name of that level that the
// text before the mark ends with. at is the name's offset in seg.
func (ex *extractor) markedClass(seg string) (classRef, int, bool) {
	if ex.codes == nil {
		return classRef{}, 0, false
	}
	t := seg
	for {
		n := len(t)
		for _, w := range classTailWords {
			t = strings.TrimSuffix(t, w)
		}
		if len(t) == n {
			break
		}
	}
	var level int8
	switch {
	case strings.HasSuffix(t, "(项)"):
		level = 3
	case strings.HasSuffix(t, "(款)"):
		level = 2
	default:
		return classRef{}, 0, false
	}
	t = t[:len(t)-len("(项)")]
	// The run of Chinese characters before the mark.
	a := len(t)
	for a > 0 {
		r, size := utf8.DecodeLastRuneInString(t[:a])
		if !isHan(r) {
			break
		}
		a -= size
	}
	var cbuf [8]schemas.Code
	for i := a; i < len(t); {
		name := t[i:]
		if runeLen(name) < 2 {
			break
		}
		var found classRef
		n := 0
		for _, c := range ex.codes.AppendByName(cbuf[:0], schemas.SchemeFunction, name, "") {
			if c.Level != level || !c.ValidIn(ex.res.FiscalYear) && ex.res.FiscalYear != 0 {
				continue
			}
			if n == 0 || c.Code != found.code {
				n++
			}
			found = classRef{code: c.Code, level: level, name: name}
		}
		if n > 0 {
			if n > 1 {
				found.code = "" // a name that recurs under several 款 (行政运行)
			}
			return found, i, true
		}
		_, size := decodeRune(t, i)
		i += size
	}
	return classRef{}, 0, false
}

// fundSpend maps income by fund source to the expenditure it pays for.
var fundSpend = map[string]string{
	"general_public_budget_income": "general_public_budget_expenditure",
	"government_fund_income":       "government_fund_expenditure",
	"state_capital_income":         "state_capital_expenditure",
}

// headOf is the metric whose breakdown follows f ("其中"): a 财政拨款收入
// (weak) heads the fund sources of the 财政拨款 total.
func headOf(f *factx) string {
	if f.weak && f.f.Metric == "staff_in_post" {
		return "staff_all" // 实有人数: in post and retired
	}
	if f.weak && f.f.Metric == "general_public_budget_income" {
		return "fiscal_appropriation_income"
	}
	return f.f.Metric
}

// dropFact removes f from the facts kept.
// dropWeak drops old and every other weak fact of its key and value (a
// narrative 部门支出合计 and the table's 本年支出合计 restating it) when a
// figure under a specific label replaces them.
func (ex *extractor) dropWeak(old *factx) {
	o := &old.f
	out := ex.facts[:0]
	for _, x := range ex.facts {
		if x == old || x.weak && x.f.FiscalYear == o.FiscalYear && x.f.Stage == o.Stage && x.f.Metric == o.Metric &&
			x.f.Period == o.Period && x.f.Code == o.Code && x.f.Name == o.Name && x.f.Amount == o.Amount && x.f.Count == o.Count {
			continue
		}
		out = append(out, x)
	}
	clear(ex.facts[len(out):])
	ex.facts = out
}

func (ex *extractor) dropFact(f *factx) {
	for i, x := range ex.facts {
		if x == f {
			ex.facts = append(ex.facts[:i], ex.facts[i+1:]...)
			return
		}
	}
}

// label decides what figure m is; nil when it is not clear.
func (ex *extractor) label(m mention, seg string, segStart, sent int) *factx {
	s := ex.n.s
	var metric string
	var ref classRef
	labelStart, labelEnd := -1, -1
	var r *rule
	hits := ex.hitsIn(segStart, m.start)
	forced := ex.force != nil
	if forced {
		ex.forceBuf[0] = *ex.force
		hits = ex.forceBuf[:]
	}
	sharePct := ""
	for i := range hits {
		h := hits[i]
		mt := h.r.metricFor(m.uc)
		if mt == "" {
			continue
		}
		rem := s[h.end:m.start]
		if strings.HasPrefix(rem, ")") && strings.HasSuffix(s[:h.start], "(") {
			rem = rem[1:] // a label in parentheses: 商品和服务支出(公用支出)843942元
		}
		if (strings.HasPrefix(rem, "均") || strings.HasPrefix(rem, "各")) && strings.Contains(s[h.start:h.end], "收") && strings.Contains(s[h.start:h.end], "支") {
			rem = rem[len("均"):] // 财政拨款收、支总计均为X, 收支预算各为X: both sides are X
		}
		if !forced && !isFiller(rem) {
			continue
		}
		if h.r.income && strings.Contains(rem, "支出") || h.r.spend && strings.Contains(rem, "收入") {
			continue
		}
		if h.r.bare && segStart > sent && strings.Trim(s[segStart:h.start], separators) == "" && !strings.Contains(s[segStart:h.start], ";") && !ex.otherSide(sent, h.r) {
			continue // "预算为3万元，支出决算为1.71万元": the same item at another stage
		}
		if pre := strings.TrimSuffix(s[:h.start], ":"); h.r.bare && (strings.HasSuffix(pre, "(项)") || strings.HasSuffix(pre, "(款)") || strings.HasSuffix(pre, "(类)")) {
			continue // "小学教育(项)支出决算", "行政运行(项):支出决算为": the class's figure
		}
		if (h.r.bare || h.r.lead) && h.start > 0 {
			if pr := lastRune(s[:h.start]); isHan(pr) && !strings.ContainsRune("年度本门位级为是", pr) && !(h.r.lead && strings.HasSuffix(s[:h.start], "其中")) && !(h.r.bare && orgSubject(s[sent:h.start])) {
				continue
			}
		}
		if h.r.ctx != "" && !h.r.ctxIn(s[sent:ex.sentEnd(h.start)]) && !(h.r.near && h.r.ctxIn(s[ex.prevSentStart(sent):sent])) {
			continue
		}
		if h.r.bare && mt == "total_expenditure" && ex.afterAppropriation(sent, segStart) && !ex.totalIncomeIn(sent) {
			continue // "财政拨款收入X；支出Y": the appropriation's spending, not the total
		}
		if h.r.afterThree && !ex.afterThreeItems(h.start) {
			continue
		}
		// A label in a list (A、B和C的…) names several things at once.
		if h.start > segStart {
			if pr := lastRune(s[:h.start]); strings.ContainsRune("、和及与", pr) && i > 0 && hits[i-1].r.metricFor(m.uc) != "" {
				if strings.HasPrefix(mt, "three_public_") && strings.Contains(seg, "出国") && strings.Contains(seg, "接待") && strings.Contains(seg, "车") {
					mt = "three_public_total"
					h.start = hits[0].start
				} else {
					ex.finding(RuleAmbiguous, schemas.SeverityInfo, mt, "label lists several items", h.start, m.end)
					return nil
				}
			}
		}
		metric, labelStart, labelEnd, r = mt, h.start, h.end, h.r
		break
	}
	inherited := false
	var sideYear int32 // the year of a parenthesised side clause the figure is in
	if metric == "" && m.uc == ucUnits && strings.HasPrefix(s[m.end:], "团组") && strings.Contains(s[sent:m.start], "出国") {
		metric, labelStart, labelEnd = "overseas_groups", m.start, m.start // 考察培训1个团组3人次
	}
	if metric == "" && m.uc == ucUnits && unitsAfter.MatchString(s[m.end:min(len(s), m.end+40)]) {
		metric, labelStart, labelEnd = "budget_units", m.start, m.start // 共有2个预算单位
	}
	if metric == "" && m.uc == ucUnits && ex.unitsOfBudget(m, seg, sent) {
		metric, labelStart, labelEnd = "budget_units", m.start, m.start
	}
	if metric == "" && m.uc == ucMoney && projectsUnderTargets(s[m.end:]) {
		// "对56,777.77万元项目支出全部编报绩效目标": the label follows the figure.
		metric, labelStart, labelEnd = "performance_target_funds", m.start, m.start
	}
	if metric == "" && m.uc == ucMoney {
		// "收入预算8,954.32万元，其中：财政拨款8,904.32万元…；其他资金50.00万元":
		// an income source named without 收入 in the breakdown of total income.
		if w, mt, rr, ok := ex.incomeSource(seg, sent); ok {
			metric, r = mt, rr
			labelEnd = segStart + len(strings.TrimRight(seg, "为是:"))
			labelStart = labelEnd - len(w)
		}
	}
	if metric == "" && m.uc == ucMoney && (strings.Contains(seg, "支出") || strings.Contains(seg, "预备费") || strings.Contains(seg, "(2") || strings.Contains(seg, "(项)") || strings.Contains(seg, "(款)")) {
		// Function class: "科学技术支出-科学技术普及-机构运行: 2024年预算数为".
		lab := strings.TrimRight(stripClassTail(seg), ": ")
		if cm := codeLabel.FindStringSubmatch(lab); cm != nil && ex.codes != nil {
			if c, ok := ex.codes.ByCode(schemas.SchemeFunction, cm[1], 0); ok && c.Name == cm[2] {
				ref = classRef{code: c.Code, level: c.Level, name: cm[2]}
				metric, labelStart = "function_class", segStart+strings.LastIndex(seg, cm[0])
			}
		}
		if metric == "" && strings.HasSuffix(lab, ")") && ex.codes != nil {
			// Name with its code in parentheses: "机构运行(2060701):年初预算为".
			if i := strings.LastIndexByte(lab, '('); i > 0 && isFunctionCode(lab[i+1:len(lab)-1]) {
				code, name := lab[i+1:len(lab)-1], lab[:i]
				if c, ok := ex.codes.ByCode(schemas.SchemeFunction, code, ex.res.FiscalYear); ok {
					cn := asciiParens.Replace(c.Name)
					if pre, ok := strings.CutSuffix(name, cn); ok && (pre == "" || !isHan(lastRune(pre))) {
						ref = classRef{code: c.Code, level: c.Level, name: c.Name}
						metric, labelStart = "function_class", segStart+len(pre)
					}
				}
			}
		}
		if metric == "" && lab != "" {
			var partBuf [8]string
			if t := strings.TrimLeft(lab, "-"); len(t) < len(lab) && len(lab)-len(t) >= 2 {
				lab = t // "——卫生监督机构(项)801.38万元": a dash that marks a part, not a chain
			}
			parts := appendSplitLabel(partBuf[:0], lab)
			for len(parts) > 1 && parts[len(parts)-1] == "" {
				parts = parts[:len(parts)-1]
			}
			for k := 1; k < len(parts); k++ {
				// "社会保障和就业支出(类)下的机关事业单位基本养老保险缴费支出(项)":
				// 下的/中的 joins the part to its class; it is no part of the name.
				if t, ok := strings.CutPrefix(parts[k], "下的"); ok && t != "" {
					parts[k] = t
				} else if t, ok := strings.CutPrefix(parts[k], "中的"); ok && t != "" {
					parts[k] = t
				}
			}
			if len(parts) > 1 {
				if _, ok := level1Suffix(parts[0]); !ok && strings.HasPrefix(lab[len(parts[0]):], "(类)") {
					// "一般公共服务(类)档案事务(款)": the 类 named without 支出.
					if _, ok := level1Suffix(parts[0] + "支出"); ok {
						parts[0] += "支出"
					}
				}
				if c, ok := resolveChain(parts, ex.res.FiscalYear); ok {
					ref, metric = c, "function_class"
					top, _ := level1Suffix(parts[0])
					labelStart = segStart + len(parts[0]) - len(top)
				} else if c, at, ok := ex.chainUnderClass(parts, sent); ok {
					// "灾害防治及应急管理支出(类)X，其中:应急管理事务(款)行政运行(项)
					// 年初预算为…": a 款-项 chain under the 类 stated before it.
					ref, metric, labelStart = c, "function_class", segStart+at
				}
			} else if top, ok := level1Suffix(lab); ok && top != "预备费" {
				c, _ := resolveChain([]string{lab}, ex.res.FiscalYear)
				ref, metric = c, "function_class"
				labelStart = segStart + len(lab) - len(top)
			} else if top, ok := level1Suffix(lab + "支出"); ok && (strings.HasPrefix(s[segStart+len(lab):], "(类)") || strings.HasPrefix(s[segStart+len(lab):], "支出")) {
				// "住房保障(类)支出预算为51.63万元": the 类 named without 支出;
				// "文化旅游体育与传媒支出决算": its 支出 went with the tail words.
				c, _ := resolveChain([]string{lab + "支出"}, ex.res.FiscalYear)
				ref, metric = c, "function_class"
				labelStart = segStart + len(lab) - (len(top) - len("支出"))
			} else if c, at, ok := ex.markedClass(seg); ok {
				// "小学教育(项)支出决算4.16亿元": a 款 or 项 named with its level mark.
				ref, metric, labelStart = c, "function_class", segStart+at
			}
			if metric != "" && labelStart > segStart {
				if pr := lastRune(s[:labelStart]); strings.ContainsRune("、和及与", pr) && strings.HasSuffix(s[segStart:labelStart], string(pr)) && segStart+len(string(pr)) != labelStart && !listMarker(s[segStart:labelStart]) {
					return nil
				}
			}
		}
	}
	if metric == "" && m.uc == ucMoney {
		// "教育支出2,414.50万元，其中初中教育2,380.10万元": a 款 or 项 of the
		// class stated just before, named alone after 其中.
		if c, at, ok := ex.subClass(seg, sent); ok {
			ref, metric, labelStart = c, "function_class", segStart+at
		}
	}
	if metric == "" && m.uc == ucMoney {
		// "公务接待费80,000元，车辆运行费60,000元，合计140,000元": a 合计 after
		// two or more parts of one family is the family's total.
		if t := strings.TrimRight(strings.TrimLeft(seg, separators), "为是:"); t == "合计" || t == "共计" || t == "总计" {
			if h, ok := ex.partsTotal(sent); ok {
				metric, labelStart, labelEnd = h, m.start-len(strings.TrimLeft(seg, separators)), m.start
			} else if h, ok := ex.onePartTotal(sent, m); ok {
				metric, labelStart, labelEnd = h, m.start-len(strings.TrimLeft(seg, separators)), m.start
			}
		}
	}
	if metric == "" {
		// Inherit the label of the figure just before in the sentence:
		// "预算为3万元，支出决算为1.71万元", "共10批次，100人次".
		lf := ex.lastFactIn(sent)
		trimmed := strings.TrimLeft(seg, separators)
		if t, ok := strings.CutPrefix(trimmed, "均"); ok && (strings.HasPrefix(t, "比") || strings.HasPrefix(t, "较")) {
			trimmed = t // "…，均比2024年预算X": compared like "比2024年预算X"
		}
		if t, ok := strings.CutSuffix(trimmed, "("); ok && m.uc == ucMoney && m.end < len(ex.n.s) && ex.n.s[m.end] == ')' && !strings.ContainsAny(t, "()") &&
			(strings.HasPrefix(t, "比") || strings.HasPrefix(t, "较") || strings.HasPrefix(t, "与") || strings.HasPrefix(t, "同")) {
			trimmed = t // "较上年预算数(960万元)增加40万元": the compared figure in parentheses
		}
		side := false
		if m.uc == ucMoney && strings.HasPrefix(trimmed, "(") && !strings.Contains(trimmed, ")") {
			trimmed = trimmed[1:] // "完成年初预算的96.82%(年初预算为187,807.00元)"
			side = true
		}
		if side && len(trimmed) >= 7 && yearRe.MatchString(trimmed[:min(len(trimmed), 10)]) && strings.HasPrefix(trimmed[4:], "年") {
			// A side clause of another year: "公务接待费1.20万元（2024年为1.60万元）",
			// "（2021年度决算为7.86万元）" — its year holds for the figure.
			if y, err := strconv.Atoi(trimmed[:4]); err == nil {
				sideYear = int32(y)
			}
		}
		if lf == nil && m.uc == ucMoney && sent > 0 && segStart == sent && ex.res.Stage == schemas.StageFinalAccount &&
			(strings.HasPrefix(seg, "年初预算") || strings.HasPrefix(seg, "与年初预算") || strings.HasPrefix(seg, "比年初预算") || strings.HasPrefix(seg, "较年初预算")) && isFiller(seg[strings.Index(seg, "年初预算"):]) {
			// "…为公务用车运行维护费。年初预算1.10万元。", "与年初预算1,700.00万元
			// 相比…" opening a sentence: the previous sentence's head figure
			// restated at its 年初预算.
			lf = ex.headFactIn(ex.prevSentStart(sent))
		}
		if lf == nil && m.uc == ucMoney && sent > 0 && segStart == sent && (strings.HasPrefix(seg, "与") || strings.HasPrefix(seg, "同") || strings.HasPrefix(seg, "比") || strings.HasPrefix(seg, "较")) && ex.comparedIn(sent, m.start) {
			// A sentence opening "与2017年预算17.50万元相比减少…" or "比2020年度
			// 决算4.95万元减少0.55万元": the figure compared is the previous
			// sentence's head figure.
			lf = ex.headFactIn(ex.prevSentStart(sent))
		}
		if lf == nil && m.uc == ucMoney && segStart == sent && strings.Trim(m.value, "0.") == "" {
			// "无“三公”经费支出，年初预算为0万元，决算为0万元": the zeros are the
			// figures of the item the clause before says there is none of.
			if h, ok := ex.noneClause(seg, segStart); ok {
				metric, labelStart, labelEnd, r = h.r.money, h.start, h.end, h.r
			}
		}
		if lf == nil && m.uc == ucMoney && sent > 0 && segStart == sent && yearOnlyLead(seg) && isFiller(seg) && hasStageWord(seg) {
			// "…公务接待费5.00万元。2024年预算执行数为34.18万元。": a sentence
			// that is only another year's figure at a stage restates the
			// previous sentence's head figure for that year.
			if y, err := strconv.Atoi(seg[:4]); err == nil && int32(y) != ex.res.FiscalYear {
				lf = ex.headFactIn(ex.prevSentStart(sent))
			}
		}
		if i := strings.LastIndexByte(trimmed, ';'); i >= 0 && m.uc == ucMoney && !isFiller(trimmed) {
			// "…主要原因是…；比2022年度决算数26.85万元减少…": a comparison
			// clause after a stated reason still compares the sentence's figure.
			if t := trimmed[i+1:]; strings.HasPrefix(t, "比") || strings.HasPrefix(t, "较") {
				trimmed = t
			}
		}
		if i := strings.IndexAny(trimmed, ",;"); i > 0 && m.uc == ucMoney && wholeClause(trimmed[:i]) {
			// "支出决算为0.36万元，全部为公务接待费，年初预算0.50万元": the
			// restatement clause (wholeStatements) is skipped.
			trimmed = trimmed[i+1:]
		}
		if lf != nil && m.uc == ucMoney && (strings.HasPrefix(seg, ";") || side) && yearOnly(trimmed) && !side {
			// "…其中公务接待费1.20万元；2023年度为7.64万元": another year of
			// the sentence's head figure, not of its last part.
			if hf := ex.headFactIn(sent); hf != nil {
				lf = hf
			}
		}
		if p := ex.pend; ex.pendOK && ex.pendSent == sent && m.uc == ucMoney && amountFiller(trimmed) {
			ex.pendOK = false
			metric, labelStart, labelEnd, r, sharePct = p.r.metricFor(ucMoney), p.start, p.end, p.r, ex.pendPct
			lf = nil
		}
		switch {
		case metric != "":
		case lf == nil:
			return nil
		case m.uc == ucMoney && lf.f.HasAmount && trimmed != "" && isFiller(trimmed) && (hasStageWord(trimmed) || hasPrior(trimmed) || ex.comparedIn(m.start-len(trimmed), m.start) || (strings.HasPrefix(seg, ";") || side) && yearOnly(trimmed)) &&
			!(strings.HasSuffix(lf.f.Metric, "_income") && strings.Contains(trimmed, "支出")) && !(strings.HasSuffix(lf.f.Metric, "_expenditure") && strings.Contains(trimmed, "收入")):
			metric = lf.f.Metric
			ref = classRef{code: lf.f.Code, level: lf.f.Level, name: lf.f.Name}
		case m.uc != ucMoney && (trimmed == "" || countFiller(trimmed)):
			p, ok := countPair[lf.f.Metric]
			if !ok {
				return nil
			}
			if m.uc == ucTimes || m.uc == ucUnits {
				metric = p[0]
			} else {
				metric = p[1]
			}
			if metric == lf.f.Metric {
				return nil
			}
		default:
			return nil
		}
		if lf != nil {
			inherited = true
			labelStart = m.start - len(trimmed)
		}
	}
	// Context: funds under 绩效目标管理, named before the figure or right after
	// it ("所有项目支出11,657.89万元纳入绩效目标管理").
	if m.uc == ucMoney && (strings.Contains(s[sent:labelStart], "绩效目标") || underTargets(s[m.end:])) {
		switch metric {
		case "general_public_budget_income", "total_expenditure", "project_expenditure", "total_income":
			metric = "performance_target_funds"
		}
	}
	// Year, stage and period.
	span := s[labelStart:m.start]
	if labelEnd < labelStart {
		labelEnd = labelStart
	}
	y, yEnd := ex.yearTokAt(sent, m.start)
	if sideYear != 0 {
		y, yEnd = sideYear, 0
	} else if hasPrior(s[labelEnd:m.start]) {
		y--
	} else if cy, ok := ex.comparisonYear(max(segStart, min(labelStart, labelEnd)), m.start); ok {
		y = cy
	}
	stock := countMetric(metric) || metric == "fixed_assets_total"
	if stock && yEnd > 0 && ex.res.Stage == schemas.StageBudget && y == ex.res.FiscalYear-1 &&
		(strings.HasPrefix(s[yEnd:], "末") || strings.HasPrefix(s[yEnd:], "底")) {
		// A budget states staff and assets as at the end of the year before
		// ("2019年末实有在职人员63人" in a 2020 budget): the document's figures.
		y = ex.res.FiscalYear
	}
	st := ""
	if r != nil {
		st = r.stage
	}
	if st == "" {
		st = stageWord(span, false)
	}
	if st == "" {
		if lf := ex.lastFactIn(sent); lf != nil && !inherited {
			if lf.f.Period == schemas.PeriodInitialBudget && lf.end <= labelStart && (strings.ContainsAny(s[lf.end:labelStart], ";)") || ex.changedAfter(sent, lf.end, labelStart) ||
				strings.Contains(s[lf.end:labelStart], "其中") && ex.sideOfOwn(lf)) {
				// "支出决算32.48万元，年初预算40.00万元；其中公务接待费2.80万元",
				// "决算12.08万元(年初预算15.00万元):公务接待费5.28万元",
				// "决算数2.16万元，比年初预算3.00万元减少0.84万元，其中…":
				// the 年初预算 clause ended (at ';', its closing parenthesis or
				// its change statement), the breakdown is of the sentence's
				// own figure.
				if of := ex.ownFactIn(sent); of != nil {
					lf = of
				}
			}
			st = lf.f.Stage
			if lf.f.Period == schemas.PeriodInitialBudget {
				st = schemas.StageBudget
			}
		}
	}
	if st == "" {
		st = stageWord(s[sent:labelStart], true)
	}
	if st == "" {
		if sec, ok := ex.sectionAt(m.start); ok {
			st = sec.stage
		} else {
			st = ex.res.Stage
		}
	}
	if stock {
		st = ex.res.Stage
		if sec, ok := ex.sectionAt(m.start); ok && sec.year == y {
			st = sec.stage
		}
	}
	fy, stage, period, ok := ex.resolve(y, st)
	if ok && r != nil && r.current && (period != schemas.PeriodCurrent || fy != ex.res.FiscalYear) {
		// "2023年度开展绩效评价，涉及资金386万元" in a 2024 budget: not the
		// funds under this year's performance targets.
		ex.finding(RuleYear, schemas.SeverityInfo, metric, "figure of another year under a label that is read for the document's year only", labelStart, m.end)
		return nil
	}
	if !ok {
		ex.finding(RuleYear, schemas.SeverityInfo, metric, "figure for "+strconv.Itoa(int(y))+" "+st+" is not part of this document's years", labelStart, m.end)
		return nil
	}
	f := ex.newFact()
	f.start, f.end, f.sent, f.current = labelStart, m.end, sent, period == schemas.PeriodCurrent && fy == ex.res.FiscalYear
	f.weak = r != nil && r.weak && !inherited
	f.f.SharePct = sharePct
	f.f = schemas.Fact{
		FiscalYear: fy, Stage: stage, Department: ex.res.Department, Metric: metric, Period: period,
		Scheme: schemas.SchemeNone, Value: m.value, Unit: m.unit, Method: schemas.MethodText,
	}
	if metric == "function_class" {
		f.f.Scheme, f.f.Code, f.f.Level, f.f.Name = schemas.SchemeFunction, ref.code, ref.level, ref.name
	}
	if countMetric(metric) {
		c, err := schemas.ParseCount(m.value)
		if err != nil {
			ex.finding(RuleNumber, schemas.SeverityWarning, metric, err.Error(), labelStart, m.end)
			return nil
		}
		f.f.Count, f.f.HasCount = c, true
	} else {
		a, err := schemas.ParseMoney(m.value, m.unit)
		if err != nil {
			ex.finding(RuleNumber, schemas.SeverityWarning, metric, err.Error(), labelStart, m.end)
			return nil
		}
		f.f.Amount, f.f.HasAmount = a, true
	}
	// Quote and location are filled in by finish, for the facts kept.
	return f
}

// percent attaches a stated percentage to the figure it qualifies.
func (ex *extractor) percent(m mention, seg string, sent int, prev *factx) {
	val := m.value
	switch {
	case prev != nil && sharePre.MatchString(seg):
		if prev.f.SharePct == "" && !m.neg {
			prev.f.SharePct = val
		}
	case isChange(seg):
		verb, _ := changeVerb(seg)
		var t *factx
		for i := len(ex.facts) - 1; i >= 0 && ex.facts[i].sent == sent; i-- {
			if ex.facts[i].changeEnd > 0 || ex.facts[i].current {
				t = ex.facts[i]
				break
			}
		}
		if t == nil || t.f.ChangePct != "" {
			return
		}
		switch {
		case isDecrease(verb) && m.neg:
			return // 下降-5%: the sign is unclear
		case isDecrease(verb) || m.neg:
			val = "-" + val
		}
		t.f.ChangePct = val
		if t.changeEnd == 0 {
			t.changeEnd = m.end
		}
	case execPre.MatchString(tail(seg, 45)):
		if t := ex.lastCurrentIn(sent); t != nil && t.f.ExecutionPct == "" {
			t.f.ExecutionPct = val
		}
	}
}

// change attaches a stated change (比上年减少4.12万元) to its figure.
func (ex *extractor) change(m mention, seg string, sent int) {
	s := ex.n.s
	if reasonsIn(s[sent:m.start]) != nil {
		return // a change inside a stated reason
	}
	verb, _ := changeVerb(seg)
	var t, t2 *factx
	for _, h := range ex.hitsIn(m.start-len(seg), m.start) {
		if mt := h.r.metricFor(m.uc); mt != "" {
			t = ex.lastCurrentOf(mt)
			if h.r.both != "" && m.uc == ucMoney {
				t2 = ex.lastCurrentOf(h.r.both) // 收支总计各减少X: both sides changed by X
			}
			break
		}
	}
	if t == nil {
		t = ex.lastCurrentIn(sent)
	}
	ex.applyChange(t, m, verb)
	ex.applyChange(t2, m, verb)
}

// lastCurrentOf is the last current-period fact of metric mt, or nil.
func (ex *extractor) lastCurrentOf(mt string) *factx {
	for i := len(ex.facts) - 1; i >= 0; i-- {
		if ex.facts[i].f.Metric == mt && ex.facts[i].current {
			return ex.facts[i]
		}
	}
	return nil
}

// applyChange records the change figure m (with its verb) on t.
func (ex *extractor) applyChange(t *factx, m mention, verb string) {
	if t == nil || t.f.HasChange || t.f.ChangeValue != "" {
		return
	}
	sign := ""
	if isDecrease(verb) {
		sign = "-"
	}
	switch {
	case m.uc == ucMoney && t.f.HasAmount:
		a, err := schemas.ParseMoney(sign+m.value, m.unit)
		if err != nil {
			return
		}
		t.f.ChangeAmount, t.f.HasChange = a, true
		t.f.ChangeValue = a.In(t.f.Unit)
	case m.uc != ucMoney && t.f.HasCount && unitClass(t.f.Unit) == m.uc:
		t.f.ChangeValue = sign + m.value
	default:
		return
	}
	t.changeEnd = m.end
}

// zeroStatements turns "无政府性基金预算收支" into stated zeros.
func (ex *extractor) zeroStatements() {
	s := ex.n.s[:ex.stopAt]
	// One pass for both keys (cheaper than strings.Index on CJK text).
	var fundBuf, capBuf [16]int
	fundAt, capAt := fundBuf[:0], capBuf[:0]
	for i := 0; i < len(s); {
		if s[i] < 0xE0 || s[i] >= 0xF0 {
			i++
			continue
		}
		r, n := decodeRune(s, i)
		switch {
		case r == '政' && strings.HasPrefix(s[i:], "政府性基金"):
			fundAt = append(fundAt, i)
			n = len("政府性基金")
		case r == '国' && strings.HasPrefix(s[i:], "国有资本经营预算"):
			capAt = append(capAt, i)
			n = len("国有资本经营预算")
		}
		i += n
	}
	if len(fundAt) == 0 && len(capAt) == 0 {
		return
	}
	for _, z := range []struct {
		re     *regexp.Regexp
		at     []int
		metric string
	}{{zeroFundRe, fundAt, "government_fund_expenditure"}, {zeroCapitalRe, capAt, "state_capital_expenditure"}} {
		for _, k := range z.at {
			pre := s[max(0, k-12):k]
			pre = strings.TrimSuffix(pre, "使用")
			neg := ""
			for _, w := range []string{"无", "没有", "未安排", "不涉及"} {
				if strings.HasSuffix(pre, w) {
					neg = w
				}
			}
			if neg == "" {
				continue
			}
			loc := []int{k - (len(s[max(0, k-12):k]) - len(pre)) - len(neg), k + len(z.re.FindString(s[k:min(len(s), k+80)]))}
			sent := ex.sentStart(loc[0])
			if ex.res.Scope != schemas.ScopeDistrict && mayDistrict(s[sent:loc[0]]) {
				continue
			}
			key := factKey{year: ex.res.FiscalYear, stage: ex.res.Stage, metric: z.metric, period: schemas.PeriodCurrent}
			if old, ok := ex.keys[key]; ok {
				if old.f.Amount != 0 {
					ex.finding(RuleConflict, schemas.SeverityWarning, z.metric, "stated as none but a figure was given", loc[0], loc[1])
				}
				continue
			}
			f := &factx{start: loc[0], end: loc[1], sent: sent, current: true}
			f.f = schemas.Fact{
				FiscalYear: ex.res.FiscalYear, Stage: ex.res.Stage, Department: ex.res.Department, Metric: z.metric,
				Period: schemas.PeriodCurrent, Scheme: schemas.SchemeNone, Value: "0", Unit: "元",
				HasAmount: true, Method: schemas.MethodText,
			}
			f.f.Quote, f.f.Start, f.f.End = ex.n.quote(loc[0], loc[1])
			f.f.Location = "chars " + strconv.Itoa(int(f.f.Start)) + "-" + strconv.Itoa(int(f.f.End))
			ex.keys[key] = f
			ex.facts = append(ex.facts, f)
		}
	}
	sort.SliceStable(ex.facts, func(i, j int) bool { return ex.facts[i].start < ex.facts[j].start })
}

// finish states reasons of changes and hands the facts over.
func (ex *extractor) finish() {
	s := ex.n.s
	ex.res.Facts = make([]schemas.Fact, 0, len(ex.facts))
	for _, f := range ex.facts {
		if f.f.Quote == "" && f.end > f.start {
			f.f.Quote, f.f.Start, f.f.End = ex.n.quote(f.start, f.end)
			f.f.Location = location(f.f.Start, f.f.End)
		}
		if f.changeEnd > 0 && f.f.Reason == "" {
			end := ex.sentEnd(f.changeEnd)
			if loc := reasonsIn(s[f.changeEnd:end]); loc != nil {
				loc := loc[0]
				r, _, _ := ex.n.quote(f.changeEnd+loc[1], end)
				f.f.Reason = strings.Trim(strings.TrimSpace(r), ",，:：;；")
			}
		}
		ex.res.Facts = append(ex.res.Facts, f.f)
	}
	for i := range ex.res.Findings {
		ex.res.Findings[i].FiscalYear = ex.res.FiscalYear
	}
}

// tail returns about the last n bytes of s, cut at a character boundary, for
// patterns anchored at the end.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && s[i]&0xC0 == 0x80 {
		i++
	}
	return s[i:]
}

// mayDistrict reports district-wide wording (全区, 区本级, 经汇总) in s.
// districtLevel is a figure of the district's own level budget: "福田区2025年
// 区级一般公共预算支出总规模为312亿元".
var districtLevel = regexp.MustCompile(`(?:区|县|市)级(?:一般公共预算|政府性基金|国有资本|财政|预算|公共财政)`)

// placeSubject is a clause whose subject is a region (喀什地区2018年, 西湖区,
// 某某自治州全年) and revenueLabel the public-finance totals of a
// government (一般公共预算收入, 地方财政收入, 税收收入, 公共财政预算支出), which a
// department's own income never is without 拨款.
var (
	placeSubject = regexp.MustCompile(`^[\p{Han}]{1,8}(?:地区|自治州|自治区|省|州|盟|市|县|区|旗)(?:(?:19|20)\d{2}年度?)?(?:全年|全口径)?$`)
	regionList   = regexp.MustCompile(`(?:^|[,;:])[\p{Han}]{1,8}(?:地区|自治州|自治区|省|州|盟|市|县|区|旗)(?:(?:19|20)\d{2}年度?)?(?:全年|全口径)?(?:地方)?(?:一般公共预算|公共财政预算|公共财政|财政|税收)总?(?:收入|支出)`)
	revenueLabel = regexp.MustCompile(`^(?:地方)?(?:一般公共预算|公共财政预算|公共财政|财政|税收)总?(?:收入|支出)`)
)

// placeRevenue reports a region's public revenue or expenditure ("附:喀什地区
// 2018年一般公共预算收入29.6亿元") in the clause before a figure: a region
// name (and year) opening the clause, then a government's revenue or
// expenditure total. pre is the sentence up to the label, label the text
// from the label to the figure.
func placeRevenue(pre, label string) bool {
	if !strings.HasPrefix(label, "一般") && !strings.HasPrefix(label, "公共") && !strings.HasPrefix(label, "财政") && !strings.HasPrefix(label, "地方") && !strings.HasPrefix(label, "税收") {
		return false
	}
	if !revenueLabel.MatchString(label) || strings.Contains(label, "拨款") {
		return false
	}
	clause := pre
	if k := strings.LastIndexAny(pre, ",;:"); k >= 0 {
		clause = pre[k+1:]
		// A list of the region's totals: "甘孜州全年税收收入48.00亿元，一般公共
		// 预算收入60.30亿元".
		if regionList.MatchString(pre[:k]) {
			return true
		}
	}
	clause = strings.TrimSpace(clause)
	return clause != "" && !strings.HasPrefix(clause, "其中") && placeSubject.MatchString(clause)
}

// selfWords name the department itself as a clause's subject.
var selfWords = []string{"本单位", "本部门", "本机关", "我单位", "我部门", "本局", "我局", "本委", "我委", "本办", "本院", "本中心", "本所", "本站", "本馆", "本校", "本园", "本街道", "本镇", "本乡"}

// ownClause reports that the clause holding the figure (after the last
// , or ;) names the department itself and no district-wide word: "2023年全县
// 一般公共预算收入12.5亿元，本局收入预算820.00万元" — the second figure is the
// department's.
func ownClause(pre string) bool {
	k := strings.LastIndexAny(pre, ",;")
	if k < 0 {
		return false
	}
	c := strings.TrimPrefix(pre[k+1:], "其中")
	for _, w := range selfWords {
		if strings.HasPrefix(c, w) {
			return !mayDistrict(c)
		}
	}
	return false
}

// remitWord reports a duty verb before 全区/全县: "主管全区教育工作的部门" names
// the department's remit, not a district-wide figure.
func remitWord(before string) bool {
	for _, w := range []string{"主管", "负责", "统筹", "指导", "管理", "承担"} {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

func mayDistrict(s string) bool {
	// Every alternative of districtRe holds 全区/全县/全市/全旗, 本级, 汇总 or
	// 各乡: one pass over the runes decides whether the regexp needs to run.
	for i := 0; i < len(s); {
		if s[i] < 0xE0 || s[i] >= 0xF0 {
			i++
			continue
		}
		r, n := decodeRune(s, i)
		i += n
		if r != '全' && r != '本' && r != '汇' && r != '各' && r != '区' && r != '县' && r != '市' || i >= len(s) {
			continue
		}
		next, _ := decodeRune(s, i)
		switch {
		case (r == '区' || r == '县' || r == '市') && next == '级' && districtLevel.MatchString(s):
			return true
		case r == '全' && (next == '区' || next == '县' || next == '市' || next == '旗'),
			r == '本' && next == '级', r == '汇' && next == '总', r == '各' && next == '乡':
			for _, loc := range districtRe.FindAllStringIndex(s, -1) {
				if !remitWord(s[:loc[0]]) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// hasRune reports whether s holds one of the runes a, b, c, d (all three-byte
// characters); one pass, cheaper than several strings.Contains on CJK text.
func hasRune(s string, a, b, c, d rune) bool {
	for i := 0; i < len(s); {
		if s[i] < 0xE0 || s[i] >= 0xF0 {
			i++
			continue
		}
		r, n := decodeRune(s, i)
		if r == a || r == b || r == c || r == d {
			return true
		}
		i += n
	}
	return false
}

var (
	changeVerbs    = []string{"增加", "减少", "增长", "下降", "降低", "上升", "压缩", "缩减", "核减", "压减", "节约", "减幅", "增幅", "减", "增"}
	changeSuffixes = []string{"幅度为", "比例为", "幅度", "比例", "率为", "了", "为", "率"}
	classTailWords = []string{"科目", "支出决算数", "支出预算数", "支出决算", "支出预算", "年初预算数", "年初预算", "调整预算数", "调整预算", "预算数", "决算数", "执行数", "完成数", "本年度", "预算", "决算", "本年", "当年", "年初", "合计", "共计", "安排", "拨款", "财政", "实际", "年度", "为", "是", ":"}
)

// changeVerb returns the change verb seg ends with (比上年减少, 增长了).
func changeVerb(seg string) (string, bool) {
	t := seg
	for _, suf := range changeSuffixes {
		if strings.HasSuffix(t, suf) {
			t = strings.TrimSuffix(t, suf)
			if suf == "为" {
				for _, s2 := range []string{"幅度", "比例", "率"} {
					t = strings.TrimSuffix(t, s2)
				}
			}
			break
		}
	}
	for _, v := range changeVerbs {
		if strings.HasSuffix(t, v) {
			return v, true
		}
	}
	return "", false
}

func isChange(seg string) bool { _, ok := changeVerb(seg); return ok }

// stripClassTail removes what may stand between a class name and its figure
// (": 2024年预算数为").
func stripClassTail(seg string) string {
	for {
		n := len(seg)
		for _, w := range classTailWords {
			seg = strings.TrimSuffix(seg, w)
		}
		// a year: 2024年
		if strings.HasSuffix(seg, "年") && len(seg) >= 7 && isD(seg[len(seg)-4]) && isD(seg[len(seg)-5]) && isD(seg[len(seg)-6]) && isD(seg[len(seg)-7]) {
			seg = seg[:len(seg)-7]
		}
		// a year whose 年度 went with the tail words: "小学教育(项)2021年度决算数为"
		if n := len(seg); n >= 5 && isD(seg[n-1]) && isD(seg[n-2]) && (seg[n-4:n-2] == "19" || seg[n-4:n-2] == "20") && !isD(seg[n-5]) && seg[n-5] != '.' && seg[n-5] != ',' {
			seg = seg[:n-4]
		}
		// a parenthetical without digits: (项)
		if strings.HasSuffix(seg, ")") {
			if i := strings.LastIndexByte(seg, '('); i >= 0 && len(seg)-i <= 62 && !strings.ContainsAny(seg[i:], "0123456789") {
				seg = seg[:i]
			}
		}
		if len(seg) == n {
			return seg
		}
	}
}

// reasonsIn returns the positions of stated-reason markers in s.
func reasonsIn(s string) [][]int {
	if !mayReason(s) {
		return nil
	}
	ms := altMatches(nil, s, reasonWords)
	if len(ms) == 0 {
		return nil
	}
	out := make([][]int, len(ms))
	for i, m := range ms {
		out[i] = []int{m[0], m[1]}
	}
	return out
}

// asciiParens writes a code-list name with the brackets normalised text uses.
var asciiParens = strings.NewReplacer("（", "(", "）", ")")

// isFunctionCode reports a 支出功能分类 code of a 类, 款 or 项 (3, 5 or 7
// digits starting with 2).
func isFunctionCode(s string) bool {
	if len(s) != 3 && len(s) != 5 && len(s) != 7 || s[0] != '2' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isD(s[i]) {
			return false
		}
	}
	return true
}

// countFiller reports words that may stand before the second count of a
// pair: "团组2个，累计6人次".
func countFiller(s string) bool {
	switch s {
	case "累计", "共", "共计", "合计", "计", "涉及", "共涉及", "团组", "个团组":
		return true
	}
	return false
}

// mayReason is a prefilter for the reason markers: every one holds 原 or 主.
func mayReason(s string) bool {
	return hasRune(s, '原', '主', '原', '主')
}

// newFact returns a zeroed fact from blocks that are reused across calls.
func (ex *extractor) newFact() *factx {
	if ex.chunk < len(ex.chunks) && ex.used == len(ex.chunks[ex.chunk]) {
		ex.chunk, ex.used = ex.chunk+1, 0
	}
	if ex.chunk == len(ex.chunks) {
		ex.chunks = append(ex.chunks, make([]factx, 32))
	}
	f := &ex.chunks[ex.chunk][ex.used]
	ex.used++
	*f = factx{}
	return f
}

// location is a fact's place in the text: "chars 12-34".
func location(start, end int32) string {
	var buf [32]byte
	b := append(buf[:0], "chars "...)
	b = strconv.AppendInt(b, int64(start), 10)
	b = append(b, '-')
	b = strconv.AppendInt(b, int64(end), 10)
	return string(b)
}

// subClass reads a 款 or 项 named alone after 其中 under the class figure
// stated just before in the sentence ("卫生健康支出50万元(其中公立医院30万元)",
// "教育支出2,414.50万元，其中初中教育2,380.10万元"), after 含/包括 in place of
// 其中 ("人大事务(款)1002.71万元，含行政运行629.33万元"), or opening a
// parenthesis right after it ("教育支出26,118.47万元(学前教育2,903.66万元、…"):
// the longest name at the end of seg that the code list has under that class.
// A name found more than once under the class (行政运行 under a 类) keeps no
// code; so does a 项 name the list carries under several 款 (行政运行, 机关服务)
// stated under a 款 whose 项 the list leaves out. at is the name's offset in
// seg.
func (ex *extractor) subClass(seg string, sent int) (classRef, int, bool) {
	if ex.codes == nil {
		return classRef{}, 0, false
	}
	var t string
	var lead int
	if k := strings.LastIndex(seg, "其中"); k >= 0 {
		t = seg[k+len("其中"):]
	} else if rest, ok := strings.CutPrefix(seg, "("); ok && !strings.Contains(rest, ")") {
		t = rest
	} else {
		// A list continued after a part of the same class: "…医疗卫生与计划生育
		// 支出4,709.31万元，疾病预防控制机构1,022.45万元，妇幼保健机构688.20万元".
		t = strings.TrimLeft(seg, ",、;")
		if len(t) == len(seg) {
			return classRef{}, 0, false
		}
		for _, w := range []string{"含", "包括", "主要包括"} {
			if r, ok := strings.CutPrefix(t, w); ok {
				t = r
				break
			}
		}
	}
	lead = len(seg) - len(t)
	t = strings.TrimRight(stripClassTail(t), ": ")
	t0 := strings.TrimLeft(t, ":")
	lead += len(t) - len(t0)
	t = t0
	kuan := ""
	if i := strings.IndexByte(t, ':'); i > 0 {
		// "一般公共服务支出758.94万元（统计信息事务款：行政运行421.06万元": the
		// 款 named with 款 and a colon, then its 项.
		k := t[:i]
		if k0 := strings.TrimSuffix(strings.TrimSuffix(k, "(款)"), "款"); len(k0) < len(k) && runeLen(k0) >= 2 {
			kuan = k0
			lead += i + 1
			t = t[i+1:]
		}
	}
	if runeLen(t) < 2 || runeLen(t) > 30 {
		return classRef{}, 0, false
	}
	for _, r := range t {
		if !isHan(r) && r != '(' && r != ')' {
			return classRef{}, 0, false
		}
	}
	var cbuf [8]schemas.Code
	cands := ex.codes.AppendByName(cbuf[:0], schemas.SchemeFunction, t, "")
	if len(cands) == 0 {
		return classRef{}, 0, false
	}
	valid := func(c schemas.Code) bool { return ex.res.FiscalYear == 0 || c.ValidIn(ex.res.FiscalYear) }
	// The class the part belongs to: a function class stated before it in
	// the sentence, nearest first.
	for i := len(ex.facts) - 1; i >= 0 && ex.facts[i].sent == sent; i-- {
		lf := ex.facts[i]
		if lf.f.Metric != "function_class" || lf.f.Code == "" || lf.f.Level >= 3 {
			continue
		}
		if kuan != "" {
			// The 款 named must be one 款 under that class, the 项 one under it.
			var kbuf [8]schemas.Code
			var k *schemas.Code
			for _, c := range ex.codes.AppendByName(kbuf[:0], schemas.SchemeFunction, kuan, lf.f.Code) {
				if c.Level == 2 && valid(c) {
					if k != nil && k.Code != c.Code {
						return classRef{}, 0, false
					}
					c := c
					k = &c
				}
			}
			if k == nil {
				return classRef{}, 0, false
			}
			for _, c := range cands {
				if c.Level == 3 && c.Parent == k.Code && valid(c) {
					return classRef{code: c.Code, level: 3, name: t}, lead, true
				}
			}
			return classRef{}, 0, false
		}
		var found *schemas.Code
		n := 0
		for k := range cands {
			c := &cands[k]
			if c.Level > lf.f.Level && strings.HasPrefix(c.Code, lf.f.Code) && valid(*c) {
				if found == nil || c.Code != found.Code {
					n++
				}
				if found == nil {
					found = c
				}
			}
		}
		switch {
		case n == 1:
			return classRef{code: found.Code, level: found.Level, name: t}, lead, true
		case n > 1:
			return classRef{level: found.Level, name: t}, lead, true
		case lf.f.Level == 2 && ex.codes.Children(schemas.SchemeFunction, lf.f.Code, ex.res.FiscalYear) == nil && genericItem(cands, valid):
			// "检察(款)1,404.41万元，其中：行政运行1,088.16万元": the list
			// carries no 项 of this 款; 行政运行 is one of every 款's.
			return classRef{level: 3, name: t}, lead, true
		}
	}
	return classRef{}, 0, false
}

// chainUnderClass resolves a 款-项 chain printed without its 类
// ("应急管理事务(款)行政运行(项)", "公立医院(款)综合医院(项)"): the 款 is the
// longest name ending parts[0] that the code list has as a 款 — under the 类
// figure stated before it in the sentence when there is one, else a 款 name
// found once — and the 项 must be listed under it. at is the offset of the 款
// name in the label.
func (ex *extractor) chainUnderClass(parts []string, sent int) (classRef, int, bool) {
	if len(parts) != 2 || ex.codes == nil {
		return classRef{}, 0, false
	}
	p1 := strings.TrimLeft(parts[1], ":") // "人大事务(款):行政运行"
	if p1 == "" {
		return classRef{}, 0, false
	}
	top := ""
	for i := len(ex.facts) - 1; i >= 0 && ex.facts[i].sent == sent; i-- {
		if f := ex.facts[i]; f.f.Metric == "function_class" && f.f.Level == 1 && f.f.Code != "" {
			top = f.f.Code
			break
		}
	}
	valid := func(c schemas.Code) bool { return ex.res.FiscalYear == 0 || c.ValidIn(ex.res.FiscalYear) }
	// one returns the single code of the level under parent named name.
	one := func(name string, level int8, parent string) (schemas.Code, bool) {
		var cbuf [8]schemas.Code
		var found schemas.Code
		n := 0
		for _, c := range ex.codes.AppendByName(cbuf[:0], schemas.SchemeFunction, name, parent) {
			if c.Level == level && valid(c) && (n == 0 || c.Code != found.Code) {
				found = c
				n++
			}
		}
		return found, n == 1
	}
	p0 := parts[0]
	a := len(p0)
	for a > 0 {
		r, size := utf8.DecodeLastRuneInString(p0[:a])
		if !isHan(r) {
			break
		}
		a -= size
	}
	for i := a; i < len(p0) && runeLen(p0[i:]) >= 2; {
		if k, ok := one(p0[i:], 2, top); ok {
			if x, ok := one(p1, 3, k.Code); ok {
				return classRef{code: x.Code, level: 3, name: p1}, i, true
			}
			return classRef{}, 0, false
		}
		_, size := decodeRune(p0, i)
		i += size
	}
	return classRef{}, 0, false
}

// noneClause reads a sentence's first clause (after a heading's ':') "无
// L[支出|经费]" (there is no L)
// followed by a clause of a stage word and a zero figure only (",年初预算为"):
// L's keyword hit, whose money metric labels the zero.
func (ex *extractor) noneClause(seg string, segStart int) (hit, bool) {
	c := strings.IndexByte(seg, ',')
	if c < 0 || !isFiller(seg[c+1:]) || !hasStageWord(seg[c+1:]) {
		return hit{}, false
	}
	a := strings.LastIndexByte(seg[:c], ':') + 1 // "…决算情况:2023年度无…"
	hs := ex.hitsIn(segStart+a, segStart+c)
	if len(hs) == 0 || hs[0].r.money == "" || hs[0].r.bare || hs[0].r.ctx != "" {
		return hit{}, false
	}
	h := hs[0] // a 支出 after it is checked as its tail below
	pre := ex.n.s[segStart+a : h.start]
	if !strings.HasSuffix(pre, "无") || runeLen(pre) > 12 {
		return hit{}, false
	}
	switch ex.n.s[h.end : segStart+c] {
	case "", "支出", "经费", "费用":
		return h, true
	}
	return hit{}, false
}

// genericItem reports a name the code list carries only as 项, under at least
// three different 款 (行政运行, 一般行政管理事务, 机关服务, 事业运行).
func genericItem(cands []schemas.Code, valid func(schemas.Code) bool) bool {
	n := 0
	for _, c := range cands {
		if c.Level != 3 {
			return false
		}
		if valid(c) {
			n++
		}
	}
	return n >= 3
}

// listMarker reports a segment that is only a list marker ("三、", "2、"):
// the 、 after it does not list the label with another.
func listMarker(seg string) bool {
	t := strings.TrimSpace(strings.TrimSuffix(seg, "、"))
	if t == "" || len(t) == len(seg) {
		return false
	}
	return strings.Trim(t, "一二三四五六七八九十0123456789") == ""
}

// fiscalSpendLabel reports a label text that ends in 财政拨款支出 (with a
// stage word, 合计 or 为/: after it), the label of a figure with no metric.
func fiscalSpendLabel(seg string) bool {
	t := strings.TrimRight(seg, ": ")
	for _, w := range []string{"为", "是", "共计", "合计", "总计", "数", "决算", "预算", "总额"} {
		t = strings.TrimSuffix(t, w)
	}
	t = strings.TrimSuffix(t, "数")
	for _, w := range []string{"决算", "预算"} {
		t = strings.TrimSuffix(t, w)
	}
	return strings.HasSuffix(t, "财政拨款支出")
}

// vehicleTurnover reports a verb of buying, replacing or disposing of
// vehicles in the clause before a vehicle count ("计划购置公务车辆1辆",
// "报废公车2辆"): those vehicles are not the ones held.
func vehicleTurnover(pre string) bool {
	if k := strings.LastIndexAny(pre, ",;:()。"); k >= 0 {
		pre = pre[k+1:]
	}
	for _, w := range []string{"购置", "购买", "购入", "新购", "采购", "更新", "报废", "处置", "拍卖", "调拨", "划转", "新增", "减少", "封存"} {
		if strings.Contains(pre, w) {
			return true
		}
	}
	return false
}

// bareSpend reports a label text that is 支出 alone after a separator
// (",支出", ",支出决算为"): the other side of the figure before it.
func bareSpend(seg string) bool {
	t := strings.TrimRight(seg, ": ")
	for _, w := range []string{"为", "是", "共计", "合计", "总计", "数", "决算", "预算", "总额"} {
		t = strings.TrimSuffix(t, w)
	}
	for _, w := range []string{"决算", "预算"} {
		t = strings.TrimSuffix(t, w)
	}
	if !strings.HasSuffix(t, "支出") {
		return false
	}
	t = strings.TrimSuffix(t, "支出")
	return t != "" && strings.ContainsRune(",;", lastRune(t))
}

// afterAppropriation reports that the figure before the label at segStart
// in sentence sent is an appropriation income (财政拨款收入, 一般公共预算拨款
// 收入): a bare 支出 right after it ("财政拨款收入2,701.44万元，支出2,745.10
// 万元，其中…") is the expenditure of that appropriation, whose 其中 lists
// the department's classes.
func (ex *extractor) afterAppropriation(sent, segStart int) bool {
	lf := ex.lastFactIn(sent)
	return lf != nil && lf.f.Metric == "general_public_budget_income" && lf.end <= segStart && strings.Contains(ex.n.s[lf.start:lf.end], "拨款")
}

// totalIncomeIn reports a total income figure in sentence sent.
func (ex *extractor) totalIncomeIn(sent int) bool {
	for i := len(ex.facts) - 1; i >= 0 && ex.facts[i].sent == sent; i-- {
		if ex.facts[i].f.Metric == "total_income" {
			return true
		}
	}
	return false
}

// changedAfter reports a change statement of the sentence's own figure that
// ends in [from, to]: "比年初预算3.00万元减少0.84万元" closed the comparison.
func (ex *extractor) changedAfter(sent, from, to int) bool {
	for i := len(ex.facts) - 1; i >= 0 && ex.facts[i].sent == sent; i-- {
		if f := ex.facts[i]; f.changeEnd > from && f.changeEnd <= to {
			return true
		}
	}
	return false
}

// onePartTotal returns the family total for a 合计 after a single part of
// the family whose name opens the sentence ("政府采购预算：货物类36.00万元，
// 合计36.00万元"), when the 合计 equals that part.
func (ex *extractor) onePartTotal(sent int, m mention) (string, bool) {
	var part *factx
	for i := len(ex.facts) - 1; i >= 0 && ex.facts[i].sent == sent; i-- {
		if part != nil {
			return "", false // more than one fact: partsTotal's case or another statement
		}
		part = ex.facts[i]
	}
	if part == nil || !part.f.HasAmount || !part.current || part.f.Unit != m.unit {
		return "", false
	}
	a, err := schemas.ParseMoney(m.value, m.unit)
	if err != nil || a != part.f.Amount {
		return "", false
	}
	for h, name := range map[string]string{"government_procurement": "政府采购", "three_public_total": "三公经费"} {
		if isChild(h, part.f.Metric) && strings.Contains(ex.n.s[sent:part.start], name) {
			return h, true
		}
	}
	return "", false
}

// partsTotals are the families whose parts a trailing 合计 adds up.
var partsTotals = []string{"three_public_total", "government_procurement"}

// partsTotal returns the family total of the facts of sentence sent when
// two or more of them are its parts and the total itself is not stated.
func (ex *extractor) partsTotal(sent int) (string, bool) {
	for _, h := range partsTotals {
		n := 0
		for i := len(ex.facts) - 1; i >= 0 && ex.facts[i].sent == sent; i-- {
			f := ex.facts[i]
			if f.f.Metric == h {
				n = -100
				break
			}
			if f.f.HasAmount && isChild(h, f.f.Metric) && f.current {
				n++
			}
		}
		if n >= 2 {
			return h, true
		}
	}
	return "", false
}
