package extract

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/budgetfeed/budgetfeed/schemas"
)

var (
	titleRe      = regexp.MustCompile(`^(.*?)((?:19|20)\d{2})\s*年度?(.*?)(调整预算|预算|决算)`)
	titleTrim    = "　 :：,，.。、()（）【】[]《》<>|-—“”\"'"
	districtName = regexp.MustCompile(`^(?:.{0,8}(?:区|县|市|旗)本级|区本级|县本级|市本级|本级|全区|全县|全市|全旗|.{0,6}(?:经开区|开发区|高新区|新区|经济技术开发区))$`)
	unitName     = regexp.MustCompile(`(?:中心|幼儿园|学校|小学|中学|大学|学院|医院|卫生院|站|所|馆|院|队|场|台)$`)
	natureRe     = regexp.MustCompile(`单位性质(?:为|是|:)?([\p{Han}]{1,10}?)(?:单位|类)?[),;。]`)
	rollupRe     = regexp.MustCompile(`经[\p{Han}]{0,12}汇总`)
	// natureAt is natureRe anchored, for a window at one 单位性质.
	natureAt = regexp.MustCompile(`^单位性质(?:为|是|:)?([\p{Han}]{1,10}?)(?:单位|类)?[),;。]`)
)

// ParseTitle reads department, fiscal year and stage from a list or article
// title such as "农安县教育局2026年部门预算公开" or "2024年襄州区残疾人联合会
// 部门预算公开说明". Unknown parts are empty or 0.
func ParseTitle(title string) (department string, year int32, stage string) {
	n := normalize(title)
	defer n.release()
	m := titleRe.FindStringSubmatchIndex(n.s)
	if m == nil {
		return "", 0, ""
	}
	y, _ := strconv.Atoi(n.s[m[4]:m[5]])
	year = int32(y)
	switch n.s[m[8]:m[9]] {
	case "决算":
		stage = schemas.StageFinalAccount
	case "调整预算":
		stage = schemas.StageAdjustedBudget
	default:
		stage = schemas.StageBudget
	}
	pick := func(a, b int) string {
		if b <= a {
			return ""
		}
		q, _, _ := n.quote(a, b)
		q = strings.Trim(strings.TrimSpace(q), titleTrim)
		for _, p := range []string{"关于", "關於", "公开", "公開"} {
			q = strings.TrimPrefix(q, p)
		}
		for _, suf := range []string{"部门", "单位", "的", "部門", "單位"} {
			q = strings.TrimSuffix(q, suf)
		}
		return strings.Trim(strings.TrimSpace(q), titleTrim)
	}
	department = pick(m[2], m[3])
	if department == "" {
		department = pick(m[6], m[7])
	}
	if strings.ContainsAny(department, "0123456789") || len([]rune(department)) > 40 {
		department = ""
	}
	return department, year, stage
}

// docMeta settles the document's department, year, stage and scope.
func (ex *extractor) docMeta() {
	res, h, s := ex.res, ex.hint, ex.n.s
	tDept, tYear, tStage := ParseTitle(h.Title)
	// The first line often is the title.
	first := s
	if i := strings.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	var fDept string
	var fYear int32
	var fStage string
	if runeLen(first) <= 60 {
		fDept, fYear, fStage = ParseTitle(ex.n.text[ex.n.roff[ex.n.boff[0]]:ex.n.roff[ex.n.boff[len(first)]]])
	}
	res.Department = firstNonEmpty(h.Department, tDept, fDept)
	res.FiscalYear = h.FiscalYear
	if res.FiscalYear == 0 {
		res.FiscalYear = tYear
	}
	if res.FiscalYear == 0 {
		res.FiscalYear = fYear
	}
	if res.FiscalYear == 0 && len(ex.sections) > 0 {
		res.FiscalYear = ex.sections[0].year
	}
	if res.FiscalYear == 0 {
		for _, y := range ex.years {
			if y.valid {
				res.FiscalYear = y.year
				break
			}
		}
	}
	res.Stage = firstNonEmpty(h.Stage, tStage, fStage)
	if res.Stage == "" && len(ex.sections) > 0 {
		res.Stage = ex.sections[0].stage
	}
	if res.Stage == "" {
		res.Stage = schemas.StageBudget
		if strings.Count(s, "决算") > strings.Count(s, "预算")-strings.Count(s, "公共预算")-strings.Count(s, "基金预算")-strings.Count(s, "经营预算") {
			res.Stage = schemas.StageFinalAccount
		}
	}
	dn := normalizedString(res.Department)
	switch {
	case dn != "" && districtName.MatchString(dn):
		res.Scope = schemas.ScopeDistrict
	case strings.Contains(h.Title, "区本级") || strings.Contains(h.Title, "全区") || strings.Contains(h.Title, "县本级"):
		res.Scope = schemas.ScopeDistrict
	case dn == "" && strings.Contains(s, "汇总") && rollupRe.MatchString(s):
		res.Scope = schemas.ScopeDistrict
	case dn != "" && unitName.MatchString(dn) || unitTitle(h.Title):
		res.Scope = schemas.ScopeUnit
	}
}

func firstNonEmpty(v ...string) string {
	for _, x := range v {
		if x != "" {
			return x
		}
	}
	return ""
}

// text sections a 情况说明 states in words.
var textKinds = []struct {
	metric string
	words  []string
}{
	{"department_functions", []string{"职责", "职能"}},
	{"internal_structure", []string{"机构设置", "内设机构", "机构情况"}},
	{"key_tasks", []string{"重点工作", "工作任务", "重点任务", "主要任务", "工作计划"}},
}

func headingKind(line string) string {
	for _, k := range textKinds {
		for _, w := range k.words {
			if strings.Contains(line, w) {
				return k.metric
			}
		}
	}
	return ""
}

// isHeading reports a title-like line: numbered, or a short label ending in a colon.
func isHeading(line string) bool {
	if len(line) == 0 || len(line) > 32*3 {
		return false
	}
	n := runeLen(line)
	if n > 32 || hasMention(line) {
		return false
	}
	var buf [32]rune // n <= 32: the runes fit on the stack
	rs := buf[:0]
	for _, r := range line {
		rs = append(rs, r)
	}
	return headingStart(rs, 0) || strings.HasSuffix(line, ":")
}

// topHeading reports a heading of the first two levels: 一、 or (一).
func topHeading(line string) bool {
	rs := []rune(strings.TrimSpace(line))
	if len(rs) < 2 {
		return false
	}
	if strings.ContainsRune("一二三四五六七八九十", rs[0]) {
		return headingStart(rs, 0)
	}
	return rs[0] == '(' && strings.ContainsRune("一二三四五六七八九十", rs[1]) || rs[0] == '第'
}

// textFacts records the functions, structure, key tasks and unit nature.
func (ex *extractor) textFacts() {
	s := ex.n.s
	type line struct{ a, b int }
	ls := make([]line, 0, strings.Count(s, "\n")+1)
	ex.lines(func(a, b int) bool {
		if b > a {
			ls = append(ls, line{a, b})
		}
		return a < ex.stopAt
	})
	for i := 0; i < len(ls); i++ {
		l := s[ls[i].a:ls[i].b]
		if !isHeading(l) {
			continue
		}
		kind := headingKind(l)
		if kind == "" {
			continue
		}
		if kind == "department_functions" && strings.Contains(l, "机构设置") && !strings.Contains(l, "职责") {
			kind = "internal_structure"
		}
		j := i + 1
		for ; j < len(ls) && ls[j].a < ex.stopAt; j++ {
			nl := s[ls[j].a:ls[j].b]
			if isHeading(nl) {
				k := headingKind(nl)
				if k != "" && k != kind || topHeading(nl) {
					break
				}
			}
		}
		if j == i+1 {
			continue
		}
		a, b := ls[i+1].a, ls[j-1].b
		q, st, en := ex.n.quote(a, b)
		q = strings.TrimSpace(q)
		if q == "" {
			continue
		}
		ex.facts = append(ex.facts, &factx{start: a, end: b, sent: -1, f: schemas.Fact{
			FiscalYear: ex.res.FiscalYear, Stage: ex.res.Stage, Department: ex.res.Department, Metric: kind,
			Period: schemas.PeriodCurrent, Scheme: schemas.SchemeNone, Value: q, Method: schemas.MethodText,
			Quote: q, Start: st, End: en, Location: "chars " + strconv.Itoa(int(st)) + "-" + strconv.Itoa(int(en)),
		}})
		i = j - 1
	}
	if !strings.Contains(s, "单位性质") {
		return
	}
	for _, m := range natureMatches(s[:ex.stopAt]) {
		v, _, _ := ex.n.quote(m[2], m[3])
		q, st, en := ex.n.quote(m[0], m[3])
		ex.facts = append(ex.facts, &factx{start: m[0], end: m[3], sent: -1, f: schemas.Fact{
			FiscalYear: ex.res.FiscalYear, Stage: ex.res.Stage, Department: ex.res.Department, Metric: "budget_unit_nature",
			Period: schemas.PeriodCurrent, Scheme: schemas.SchemeNone, Value: v, Method: schemas.MethodText,
			Quote: q, Start: st, End: en, Location: "chars " + strconv.Itoa(int(st)) + "-" + strconv.Itoa(int(en)),
		}})
	}
}

// normalizedString is the matching form of a short string.
func normalizedString(s string) string {
	if s == "" {
		return ""
	}
	n := normalize(s)
	defer n.release()
	return n.s
}

// unitTitle reports a title that names a unit's (not a department's) budget.
func unitTitle(title string) bool {
	if !strings.Contains(title, "单位") && !strings.Contains(title, "單位") {
		return false
	}
	t := normalizedString(title)
	return strings.Contains(t, "单位预算") || strings.Contains(t, "单位决算")
}

// natureMatches is natureRe.FindAllStringSubmatchIndex(s, -1): every match
// starts with the literal 单位性质 and spans at most 54 bytes, so the
// anchored pattern runs on a short window at each occurrence.
func natureMatches(s string) [][]int {
	var out [][]int
	for off := 0; ; {
		i := strings.Index(s[off:], "单位性质")
		if i < 0 {
			return out
		}
		p := off + i
		m := natureAt.FindStringSubmatchIndex(s[p:min(len(s), p+64)])
		if m == nil {
			off = p + len("单位性质")
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += p
			}
		}
		out = append(out, m)
		off = m[1]
	}
}
