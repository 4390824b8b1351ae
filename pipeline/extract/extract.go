// Package extract turns the narrative of a budget or final-account disclosure
// (情况说明) into facts: every stated figure with its metric, year, period and
// the exact quote it was read from.
//
// The extractor works on a normalised copy of the text (simplified script,
// ASCII digits, no pinyin annotations or soft line breaks) that maps every
// character back to the original, so quotes and offsets always refer to the
// input. A figure is taken only when its label, year and owner are clear; an
// ambiguous figure is left out and reported as a schemas.Quality finding.
package extract

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// ParserVersion identifies the extractor's output; bump it when output changes.
const ParserVersion = "extract/1"

// Hint is what the caller already knows about a document. Any field may be
// empty or zero.
type Hint struct {
	Title, Department string
	FiscalYear        int32
	Stage             string
}

// Result is what Extract found in one text.
type Result struct {
	Department string // as stated in text/title (Hint wins when set)
	Scope      string // schemas.ScopeDepartment | ScopeUnit | ScopeDistrict
	FiscalYear int32  // the document's year (from hint, title or text)
	Stage      string // schemas.StageBudget | StageFinalAccount
	Facts      []schemas.Fact
	Findings   []schemas.Quality
}

// Finding rule ids.
const (
	RuleAmbiguous = "extract.ambiguous" // a figure whose metric or owner is unclear
	RuleYear      = "extract.year"      // a figure for a year/stage the document does not report
	RuleConflict  = "extract.conflict"  // a second, different value for the same fact
	RuleDistrict  = "extract.district"  // a district-wide figure inside a department text
	RuleFragment  = "extract.fragment"  // a figure in a sentence cut off at the start of the text
	RuleNumber    = "extract.number"    // a stated number that cannot be read exactly
)

var (
	mentionRe  = regexp.MustCompile(`(-?)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(百万元|万元|亿元|千元|元|万|亿|人次|批次|人|名|辆|台|个|家|次|批|%)`)
	yearRe     = regexp.MustCompile(`((?:19|20)\d{2})年(度)?`)
	priorRe    = regexp.MustCompile(`上年度?|上一年度?|去年|上年同期`)
	sharePre   = regexp.MustCompile(`^[,;、]?\(?占[^,;。\d]{0,24}?$`)
	execPre    = regexp.MustCompile(`(完成|执行)(了)?(年初|调整)?(预算|预算数)?(的|率为|率)?$|完成率为?$|执行率为?$`)
	purposeRe  = regexp.MustCompile(`^[,:]?(主要)?用于`)
	districtRe = regexp.MustCompile(`全区|全县|全市|全旗|区本级|县本级|市本级|经汇总|汇总后|各乡镇`)
	clausePre  = regexp.MustCompile(`^(?:[一二三四五六七八九十\d]+[、.)]|\([一二三四五六七八九十\d]{1,2}\)|(?:19|20)\d{2}年度?|其中|:)*$`)
	codeLabel  = regexp.MustCompile(`(2\d{2}|2\d{4}|2\d{6})([\p{Han}]{2,30})$`)
)

// fillerTok is what may stand between a label and its figure.
const fillerTok = `(?:19|20)\d{2}年度?|\d{1,2}月底?份?|本年度?|当年|全年|年初|年度|上年度?|去年|上一年度?|同期|` +
	`调整预算数?|预算数?|决算数?|执行数|完成数|实际|安排了?|支出|拨款|财政|一般公共预算|总额|总计|合计|共计|累计|共|计|` +
	`为|是|达到?|约|:|数|金额|资金|规模|经费|费用|拨付|了|全部|本级|额|的|中|部分|比|较|相比|同比|同|列支|` +
	`发生|计划|预计|总|为了|\([^()\d]{0,20}\)`

var separators = ",;、:和及与"

// mention is one number with a unit in the normalised text (byte offsets).
type mention struct {
	start, numStart, numEnd, end int
	value, unit                  string
	uc                           int
	pct                          bool
	neg                          bool
}

func unitClass(u string) int {
	switch u {
	case "元", "万元", "亿元", "千元", "百万元", "万", "亿":
		return ucMoney
	case "人", "名":
		return ucPersons
	case "辆", "台":
		return ucVehicle
	case "个", "家":
		return ucUnits
	case "次", "批", "批次":
		return ucTimes
	case "人次":
		return ucPTimes
	}
	return 0
}

// factx is a fact under construction with its position in the normalised text.
type factx struct {
	f          schemas.Fact
	start, end int // normalised byte range of the quote
	sent       int // sentence start
	changeEnd  int // where its change statement ended (0: none)
	current    bool
	weak       bool // read from a broader label (财政拨款收入)
	rounded    bool // a rounded text figure the table states exactly: dropped after bothPriors
}

type extractor struct {
	n        *norm
	res      *Result
	hint     Hint
	mentions []mention
	hits     []hit
	bounds   []int // sentence boundary byte offsets (positions of the boundary rune)
	years    []yearTok
	sections []section
	stopAt   int // 名词解释: no figures after this
	fragEnd  int // figures before this are in a cut-off sentence
	facts    []*factx
	chunks   [][]factx // backing store of facts (newFact), reused across calls
	chunk    int       // chunks[chunk] is being filled
	used     int       // facts taken from chunks[chunk]
	keys     map[factKey]*factx
	codes    *schemas.CodeList
	force    *hit   // label forced on the next figure (joint statements)
	forceBuf [1]hit // backing of the forced label
	pend     hit    // a label stated with a share before its amount
	pendSent int
	pendPct  string
	pendOK   bool
	tabClass classRef // the last function class row of the table being read
	// procurementRows: the 政府采购 table being read has 货物类/工程类/服务类 rows.
	procurementRows bool
	// twoSided: the | table being read is a 收入支出总表 printed side by
	// side (收入 | | 支出 |), so a 总计 row is the income total on the left
	// and the expenditure total on the right.
	twoSided bool
	// anyRounded: a fact is marked rounded (dropRounded).
	anyRounded bool
	spNum      bool // the table being read groups thousands with spaces ("3 846.20")
	// weakGone are weak total income figures (本年收入合计) replaced by a
	// 收入总计: their restatements (，全部为财政拨款) still state a figure.
	weakGone []*factx
}

// factKey identifies a fact within a document; a second, different value
// for the same key is a conflict.
type factKey struct {
	year                              int32
	stage, metric, period, code, name string
}

type yearTok struct {
	pos, end int
	year     int32
	valid    bool // not a comparison or a date
	cmp      bool // named after 比/较: the year a compared figure is for
}

type section struct {
	pos   int
	year  int32
	stage string
}

// Extract reads the figures a disclosure text states.
func Extract(text string, hint Hint) Result {
	res := Result{Scope: schemas.ScopeDepartment}
	n := normalize(text)
	defer n.release()
	n.s = maskGlossary(n.s)
	ex := extractorPool.Get().(*extractor)
	defer ex.reset()
	ex.n, ex.res, ex.hint = n, &res, hint
	ex.codes, _ = schemas.LoadCodes()
	ex.scan()
	ex.docMeta()
	ex.textFacts()
	ex.figures()
	ex.finish()
	return res
}

// extractorPool keeps extractors, with their scratch slices, across calls.
var extractorPool = sync.Pool{New: func() any {
	return &extractor{keys: make(map[factKey]*factx, 64)}
}}

// reset empties ex, keeping the capacity of its scratch slices, and puts it
// back into the pool. Nothing of ex may be referenced after Extract returns:
// results hold copies.
func (ex *extractor) reset() {
	clear(ex.keys)
	clear(ex.facts) // drop pointers into the slab
	*ex = extractor{
		mentions: ex.mentions[:0], hits: ex.hits[:0], bounds: ex.bounds[:0], years: ex.years[:0],
		sections: ex.sections[:0], facts: ex.facts[:0], keys: ex.keys, chunks: ex.chunks,
	}
	extractorPool.Put(ex)
}

func (ex *extractor) scan() {
	s := ex.n.s
	all := appendMentions(ex.mentions[:0], s)
	ex.mentions = all[:0] // filtered in place
	for _, mn := range all {
		mn.uc = unitClass(mn.unit)
		if mn.start > 0 {
			p := s[mn.start-1]
			if p == '.' || p >= '0' && p <= '9' || p == ',' && mn.start > 1 && s[mn.start-2] >= '0' && s[mn.start-2] <= '9' {
				continue
			}
			if strings.HasSuffix(s[:mn.start], "第") {
				continue
			}
		}
		rest := s[mn.end:]
		if strings.HasPrefix(rest, "/") || strings.HasPrefix(rest, "每") {
			continue // a rate: 3.5万元/人
		}
		if (mn.unit == "万" || mn.unit == "亿") && rest != "" {
			if r, _ := decodeRune(rest, 0); isHan(r) {
				continue // 万人, 万平方米
			}
		}
		if mn.unit == "个" && (strings.HasPrefix(rest, "月") || strings.HasPrefix(rest, "百分点") || strings.HasPrefix(rest, "工作日")) {
			continue
		}
		if mn.unit == "人" && (strings.HasPrefix(rest, "民币") || strings.HasPrefix(rest, "均")) {
			continue
		}
		if mn.unit == "次" && strings.HasPrefix(rest, "数") {
			continue
		}
		ex.mentions = append(ex.mentions, mn)
	}
	ex.bareZeros()
	ex.hits = appendHits(ex.hits[:0], s)
	// Sentence boundaries: 。 (E3 80 82), ！ (EF BC 81), ？ (EF BC 9F), \n ! ?.
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n', '!', '?':
			ex.bounds = append(ex.bounds, i)
		case 0xE3:
			if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x82 {
				ex.bounds = append(ex.bounds, i)
				i += 2
			}
		case 0xEF:
			if i+2 < len(s) && s[i+1] == 0xBC && (s[i+2] == 0x81 || s[i+2] == 0x9F) {
				ex.bounds = append(ex.bounds, i)
				i += 2
			}
		}
	}
	for _, ys := range findYears(s) {
		yt := yearTok{pos: ys.pos, end: ys.end, year: ys.year, valid: true}
		if ys.end < len(s) && s[ys.end] >= '0' && s[ys.end] <= '9' {
			yt.valid = false // a date: 2022年12月31日
		}
		pre := s[ex.sentStart(ys.pos):ys.pos]
		for _, w := range []string{"比", "较", "与", "同", "和", "及", "至", "到", "截至", "截止", "对比", "相比", "~", "-"} {
			if strings.HasSuffix(pre, w) {
				yt.valid = false
				// "较2019年1.50万元": an amount right after the compared year
				// (not a date: 较2019年12月).
				if yt.end >= len(s) || !isD(s[yt.end]) || !dateAfter(s[yt.end:]) {
					switch w {
					case "比", "较", "对比", "相比":
						yt.cmp = true
					case "与", "同":
						// "与2020年度决算数26.85万元相比": compared when the clause says so.
						rest := s[yt.end:ex.sentEnd(yt.end)]
						if i := strings.IndexAny(rest, ",;"); i >= 0 {
							rest = rest[:i]
						}
						// "与2023年预算5.50万元持平": a comparison too.
						yt.cmp = strings.Contains(rest, "相比") || strings.Contains(rest, "比较") || strings.Contains(rest, "对比") ||
							strings.Contains(rest, "持平") || strings.Contains(rest, "相同") || strings.Contains(rest, "一致") || strings.Contains(rest, "相当")
					}
				}
			}
		}
		if strings.Count(pre, "(") > strings.Count(pre, ")") {
			yt.valid = false
		}
		ex.years = append(ex.years, yt)
	}
	ex.stopAt = len(s) // glossaries are blanked by maskGlossary
	// Section headings that name a year and a stage.
	ex.lines(func(a, b int) bool {
		line := s[a:b]
		if len(line) > 180 || runeLen(line) > 60 || !strings.Contains(line, "年") || hasMention(line) || strings.Count(line, "|") >= 2 {
			return true
		}
		ym := yearRe.FindStringSubmatch(line)
		if ym == nil {
			return true
		}
		st := ""
		switch {
		case strings.Contains(line, "决算"):
			st = schemas.StageFinalAccount
		case strings.Contains(line, "部门预算") || strings.Contains(line, "单位预算") || strings.Contains(line, "年预算") || strings.Contains(line, "年度预算") || strings.Contains(line, "预算公开") || strings.Contains(line, "预算说明") || strings.Contains(line, "预算情况"):
			st = schemas.StageBudget
		}
		if st == "" {
			return true
		}
		y, _ := strconv.Atoi(ym[1])
		ex.sections = append(ex.sections, section{pos: a, year: int32(y), stage: st})
		return true
	})
	// A text that starts with a bare page number starts mid-sentence.
	first := s
	if i := strings.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	if strings.TrimSpace(first) != "" && strings.Trim(first, "0123456789 ") == "" {
		if i := strings.Index(s, "。"); i >= 0 {
			ex.fragEnd = i
		}
	}
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// lines calls fn with the byte range of each hard line of the normalised text.
func (ex *extractor) lines(fn func(a, b int) bool) {
	s := ex.n.s
	a := 0
	for a <= len(s) {
		b := strings.IndexByte(s[a:], '\n')
		if b < 0 {
			b = len(s)
		} else {
			b += a
		}
		if !fn(a, b) {
			return
		}
		a = b + 1
	}
}

// sentStart returns the start of the sentence containing pos.
func (ex *extractor) sentStart(pos int) int {
	i := sort.SearchInts(ex.bounds, pos) // first bound >= pos
	if i == 0 {
		return 0
	}
	b := ex.bounds[i-1]
	_, size := decodeRune(ex.n.s, b)
	return b + size
}

// prevSentStart returns the start of the sentence before the one starting
// at sent (sent itself for the first sentence).
func (ex *extractor) prevSentStart(sent int) int {
	i := sort.SearchInts(ex.bounds, sent) // bounds[i-1] ends the sentence before
	if i == 0 {
		return sent
	}
	return ex.sentStart(ex.bounds[i-1])
}

// afterThreeItems reports figures of at least two 三公 items (not the total)
// stated in the text just before pos: "以上三项合计" sums them.
func (ex *extractor) afterThreeItems(pos int) bool {
	seen := 0
	var metrics [4]string
	for i := len(ex.facts) - 1; i >= 0; i-- {
		f := ex.facts[i]
		if f.sent < 0 || f.start >= pos {
			continue
		}
		if pos-f.start > 900 {
			break
		}
		m := f.f.Metric
		if !strings.HasPrefix(m, "three_public_") || m == "three_public_total" {
			continue
		}
		dup := false
		for _, x := range metrics[:seen] {
			dup = dup || x == m
		}
		if !dup && seen < len(metrics) {
			metrics[seen] = m
			seen++
		}
	}
	return seen >= 2
}

// sentEnd returns the end of the sentence containing pos.
func (ex *extractor) sentEnd(pos int) int {
	i := sort.SearchInts(ex.bounds, pos)
	if i >= len(ex.bounds) {
		return len(ex.n.s)
	}
	return ex.bounds[i]
}

func (ex *extractor) sectionAt(pos int) (section, bool) {
	var sec section
	ok := false
	for _, x := range ex.sections {
		if x.pos > pos {
			break
		}
		sec, ok = x, true
	}
	return sec, ok
}

func (ex *extractor) finding(rule, sev, metric, msg string, b0, b1 int) {
	q, st, en := ex.n.quote(b0, b1)
	ex.res.Findings = append(ex.res.Findings, schemas.Quality{
		FiscalYear: ex.res.FiscalYear, RuleID: rule, Severity: sev, Metric: metric,
		Actual: q, Message: msg + " (chars " + strconv.Itoa(int(st)) + "-" + strconv.Itoa(int(en)) + ")",
	})
}

// bareZeros adds the zeros stated without a unit at the end of a clause
// ("因公出国（境）费和公务用车购置及运行维护费决算均为0。"): a money figure of
// 0 (value "0", unit 元 — zero in any unit), labelled like any other figure,
// so it needs a money keyword with only filler before it.
func (ex *extractor) bareZeros() {
	s := ex.n.s
	n := len(ex.mentions)
	for off := 0; ; {
		i := strings.Index(s[off:], "为0")
		if i < 0 {
			break
		}
		p := off + i + len("为")
		off = p + 1
		if p+1 < len(s) && !strings.ContainsRune(",;。\n", rune(s[p+1])) && !strings.HasPrefix(s[p+1:], "。") {
			continue
		}
		ex.mentions = append(ex.mentions, mention{start: p, numStart: p, numEnd: p + 1, end: p + 1, value: "0", unit: "元", uc: ucMoney})
	}
	if len(ex.mentions) > n {
		sort.Slice(ex.mentions, func(a, b int) bool { return ex.mentions[a].start < ex.mentions[b].start })
	}
}

// dateAfter reports digits that continue a date (2019年12月, 2019年3日)
// at the start of s.
func dateAfter(s string) bool {
	i := 0
	for i < len(s) && i < 3 && isD(s[i]) {
		i++
	}
	return i < len(s) && (strings.HasPrefix(s[i:], "月") || strings.HasPrefix(s[i:], "日"))
}
