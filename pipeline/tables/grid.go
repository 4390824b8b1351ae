package tables

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// gcell is one cell of a grid as read from the file.
type gcell struct {
	text string
	addr string // "" for cells without an address (docx paragraphs)
	span bool   // a copy of a merged range's value, not its top-left cell
}

// grow is one row of a grid.
type grow struct {
	sheet string
	line  int
	cells []gcell // index = column
}

// grid is what a format reader produces: rows of cells of one sheet, or of
// a whole document for formats where tables flow across pages.
type grid struct {
	name  string
	flow  bool            // rows come from paginated text (PDF): repeated headers and wrapped names occur
	notes map[string]Note // findings about single cells, by address
	rows  []grow
}

func (g *grid) note(addr, rule, sev, msg string) {
	if g.notes == nil {
		g.notes = map[string]Note{}
	}
	g.notes[addr] = Note{RuleID: rule, Severity: sev, Message: msg}
}

// texts returns the non-empty texts of a row, merged copies excluded.
func (r grow) texts() []string {
	var out []string
	for _, c := range r.cells {
		if c.text != "" && !c.span {
			out = append(out, c.text)
		}
	}
	return out
}

func (r grow) joined() string { return strings.Join(r.texts(), " ") }

var spaceRemover = strings.NewReplacer(" ", "", "\u3000", "", "\t", "", "\n", "", "\r", "", "\u00a0", "")

// norm removes spaces (ASCII, full-width, no-break) and quote marks, and
// maps full-width ASCII to half-width, for matching titles and labels.
// Most cells need no change: they are returned as they are, without
// allocating.
func norm(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case ' ', '\t', '\n', '\r', '"', '\'':
				return normChanged(s, i)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return normInvalid(s)
		}
		if normDrops(r) || normFolds(r) {
			return normChanged(s, i)
		}
		i += size
	}
	return s
}

// normDrops reports the runes norm removes.
func normDrops(r rune) bool {
	switch r {
	case ' ', '\u3000', '\t', '\n', '\r', '\u00a0', '“', '”', '"', '‘', '’', '\'', '「', '」', '《', '》', '〈', '〉':
		return true
	}
	return false
}

// normFolds reports the full-width ASCII runes norm maps to half-width
// (not the full-width brackets, colon and comma).
func normFolds(r rune) bool {
	return r >= 0xFF01 && r <= 0xFF5E && r != '（' && r != '）' && r != '：' && r != '，'
}

// normChanged is norm of valid UTF-8 from byte i, the first rune that
// changes: s[:i] is kept as it is.
func normChanged(s string, i int) string {
	if !utf8.ValidString(s[i:]) {
		return normInvalid(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if !normDrops(r) {
			if normFolds(r) {
				r -= 0xFEE0
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// normInvalid is norm of a string that is not valid UTF-8: the spaces are
// removed as bytes first (which can join bytes into runes), then every
// invalid byte becomes U+FFFD.
func normInvalid(s string) string {
	s = spaceRemover.Replace(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '“', '”', '"', '‘', '’', '\'', '「', '」', '《', '》', '〈', '〉':
			continue
		}
		if normFolds(r) {
			r -= 0xFEE0
		}
		b.WriteRune(r)
	}
	return b.String()
}

// kindOf recognises a standard table from its title (or sheet name).
func kindOf(title string) string {
	t := norm(title)
	has := func(ss ...string) bool {
		for _, s := range ss {
			if !strings.Contains(t, s) {
				return false
			}
		}
		return true
	}
	switch {
	case has("三公"):
		return KindThreePublic
	case has("政府性基金"):
		return KindGovFund
	case has("国有资本经营"):
		return KindStateCapital
	case has("一般公共预算", "基本支出"):
		return KindGPBBasicEconomic
	case has("一般公共预算", "项目支出"):
		return KindProject
	case has("一般公共预算", "支出"):
		return KindGPBFunction
	case has("财政拨款收支"), has("财政拨款收入支出"):
		return KindFiscalAppropriationSummary
	case has("收支预算总表"), has("收入支出决算总表"), has("收支决算总表"), has("收支总表"), has("收入支出预算总表"):
		return KindIncomeExpenditureSummary
	case has("项目支出"):
		return KindProject
	case has("收入预算"), has("收入决算表"), has("收入总表"):
		return KindIncome
	case has("支出预算"), has("支出决算表"), has("支出总表"):
		return KindExpenditure
	}
	return ""
}

var (
	// emptyRe matches a statement that a table has no data.
	emptyRe = regexp.MustCompile(`无此项|本表为空|为空表|空表|本表无数据|无数据|(本|该)(部门|单位|机关).{0,20}(无|没有|未安排|不涉及)|^无$|^（?无）?$|不涉及`)
	unitRe  = regexp.MustCompile(`(?:金额)?单位\s*[:：]\s*(百万元|千元|万元|亿元|元)`)
	// unitInLabelRe finds a unit in a header label: 金额（万元）, 预算数(元).
	unitInLabelRe = regexp.MustCompile(`[（(]\s*(百万元|千元|万元|亿元|元)\s*[)）]`)
	pageNoRe      = regexp.MustCompile(`^(第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|[-—–]?\s*\d{1,3}\s*[-—–]?|\d+\s*/\s*\d+)$`)
	metaRe        = regexp.MustCompile(`^(部门|单位|编制单位|预算单位|公开单位|填报单位|主管部门)(名称)?[:：]`)
	tableNoRe     = regexp.MustCompile(`^(附表|表|附件)\s*[\d一二三四五六七八九十]+([-—－.]\d+)?[:：、.]?$`)
)

// The regular expressions above run only where a cheap necessary
// condition holds: most cells are amounts or names that none can match.

// isEmptyStatement is emptyRe.MatchString: every alternative holds 无, 空,
// 没(有), 未(安排) or (不)涉(及).
func isEmptyStatement(s string) bool {
	for _, r := range s {
		switch r {
		case '无', '空', '没', '未', '涉':
			return emptyRe.MatchString(s)
		}
	}
	return false
}

// unitIn is unitRe.FindStringSubmatch's unit: it needs 单位.
func unitIn(s string) (string, bool) {
	if !strings.Contains(s, "单位") {
		return "", false
	}
	if m := unitRe.FindStringSubmatch(s); m != nil {
		return m[1], true
	}
	return "", false
}

// isPageNo is pageNoRe.MatchString: every alternative has a digit.
func isPageNo(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return pageNoRe.MatchString(s)
		}
	}
	return false
}

// isTableNo is tableNoRe.MatchString: it starts with 附 or 表.
func isTableNo(s string) bool {
	return (strings.HasPrefix(s, "附") || strings.HasPrefix(s, "表")) && tableNoRe.MatchString(s)
}

// codeOf is ^\[?(\d{3}(?:\d{2}){0,2})\]?$ (a 科目编码 alone, optionally
// bracketed): 3, 5 or 7 ASCII digits between an optional [ and an
// optional ]; it returns the digits.
func codeOf(s string) (string, bool) {
	t := s
	if len(t) > 0 && t[0] == '[' {
		t = t[1:]
	}
	if len(t) > 0 && t[len(t)-1] == ']' {
		t = t[:len(t)-1]
	}
	if n := len(t); n != 3 && n != 5 && n != 7 {
		return "", false
	}
	for i := 0; i < len(t); i++ {
		if !isDigit(t[i]) {
			return "", false
		}
	}
	return t, true
}

func isCode(s string) bool { _, ok := codeOf(s); return ok }

// codeNameOf is ^\[?(\d{3}(?:\d{2}){0,2})\]?[\s\x{3000}]*([^\d\s].*)$ (a
// 科目编码 followed by a name): it returns the code. The digits after the
// optional [ must all be the code (a digit cannot follow it), so the code
// is the whole digit run; then, after an optional ] and a run of \s
// ([\t\n\f\r ]) or U+3000, some rune that is neither a digit nor \s must
// start a tail without a line feed.
func codeNameOf(s string) (string, bool) {
	i := 0
	if i < len(s) && s[i] == '[' {
		i++
	}
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if n := j - i; n != 3 && n != 5 && n != 7 {
		return "", false
	}
	code, r := s[i:j], s[j:]
	lastNL := strings.LastIndexByte(r, '\n')
	// nameAt reports whether the name ([^\d\s].*$) can start at r[p].
	nameAt := func(p int) bool {
		if p >= len(r) {
			return false
		}
		c, size := utf8.DecodeRuneInString(r[p:])
		if c >= '0' && c <= '9' || reSpace(c) {
			return false
		}
		return lastNL < p+size
	}
	starts := [2]int{0, -1}
	if len(r) > 0 && r[0] == ']' {
		starts[1] = 1
	}
	for _, p := range starts {
		if p < 0 {
			continue
		}
		for {
			if nameAt(p) {
				return code, true
			}
			if p >= len(r) {
				break
			}
			c, size := utf8.DecodeRuneInString(r[p:])
			if !reSpace(c) && c != '\u3000' {
				break
			}
			p += size
		}
	}
	return "", false
}

// reSpace is RE2's \s: [\t\n\f\r ].
func reSpace(c rune) bool {
	return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

// rowView is what recognition asks of a grid row, worked out once: the
// texts of its non-empty cells (merged copies excluded), each normalised.
type rowView struct {
	texts  []string // grow.texts
	norms  []string // norm of each text
	cn     []string // norm of each cell's text by column; "" for empty and merged copies
	joined string   // texts joined by " " (grow.joined), once asked
	hasJ   bool
	key    string // norm of the texts joined by "|": a header row's identity
	hasKey bool
	seq    bool // headerSequence
	valid  bool // all texts are valid UTF-8 (then norm distributes over joining)
}

// rowViews builds the views of a grid's rows, sharing backing arrays.
func rowViews(rows []grow) []rowView {
	n, m := 0, 0
	for _, r := range rows {
		m += len(r.cells)
		for _, c := range r.cells {
			if c.text != "" && !c.span {
				n++
			}
		}
	}
	texts, norms, cn := make([]string, 0, n), make([]string, 0, n), make([]string, m)
	vs := make([]rowView, len(rows))
	for i, r := range rows {
		v := &vs[i]
		a := len(texts)
		v.valid = true
		cellNorm := cn[:len(r.cells):len(r.cells)]
		cn = cn[len(r.cells):]
		for c, gc := range r.cells {
			if gc.text == "" || gc.span {
				continue
			}
			nt := norm(gc.text)
			texts, norms = append(texts, gc.text), append(norms, nt)
			cellNorm[c] = nt
			v.valid = v.valid && utf8.ValidString(gc.text)
		}
		v.texts, v.norms, v.cn = texts[a:len(texts):len(texts)], norms[a:len(norms):len(norms)], cellNorm
		v.seq = sequenceOf(v.norms)
	}
	return vs
}

// viewOf is the view of a single row.
func viewOf(r grow) *rowView { return &rowViews([]grow{r})[0] }

func (v *rowView) joinedText() string {
	if !v.hasJ {
		v.joined, v.hasJ = strings.Join(v.texts, " "), true
	}
	return v.joined
}

// headerKey is norm(strings.Join(texts, "|")): the normalised texts joined
// by "|" (norm never joins bytes across the ASCII "|").
func (v *rowView) headerKey() string {
	if !v.hasKey {
		v.key, v.hasKey = strings.Join(v.norms, "|"), true
	}
	return v.key
}

// normConcat is norm(strings.Join(texts, "")); the normalised texts
// concatenated when they are valid UTF-8 (norm then works rune by rune).
func (v *rowView) normConcat() string {
	if v.valid {
		return strings.Join(v.norms, "")
	}
	return norm(strings.Join(v.texts, ""))
}

// startsWithNote reports whether valid UTF-8 texts, concatenated, open with
// 注 (a rune cannot straddle two valid texts).
func startsWithNote(norms []string) bool {
	for _, n := range norms {
		if n != "" {
			return strings.HasPrefix(n, "注")
		}
	}
	return false
}

// isTitleRow reports whether a row is a standard table title and returns it.
func isTitleRow(r grow) (string, bool) { return viewOf(r).title() }

func (v *rowView) title() (string, bool) {
	ts := v.texts
	if len(ts) == 0 || len(ts) > 3 {
		return "", false
	}
	var buf [3]string
	parts := buf[:0]
	for i, t := range ts {
		if isTableNo(v.norms[i]) {
			continue
		}
		if _, ok := unitIn(t); ok {
			continue
		}
		if _, isNum := parseNormNumber(v.norms[i]); isNum {
			return "", false
		}
		parts = append(parts, t)
	}
	switch len(parts) {
	case 0:
		return "", false
	case 1:
		return parts[0], looksLikeTitle(parts[0])
	}
	// A long title centred over the columns of a PDF page can be cut into
	// runs at the column borders ("某单位" | "2023年收支预算总表"): the runs
	// joined must name a standard table on their own.
	title := strings.Join(parts, "")
	return title, looksLikeTitle(title)
}

func looksLikeTitle(title string) bool {
	if title == "" || utf8.RuneCountInString(title) > 70 {
		return false
	}
	n := norm(title)
	if !strings.Contains(n, "表") || strings.ContainsAny(n, "。，；") || strings.Contains(n, "详见") || strings.Contains(n, "见附") {
		return false
	}
	if isEmptyStatement(n) && !strings.HasSuffix(n, "表") {
		return false
	}
	return kindOf(n) != ""
}

// parseNumber reports whether s is a printed amount and returns it in the
// form schemas.ParseMoney accepts ("1234.56", "-4.12").
func parseNumber(s string) (string, bool) { return parseNormNumber(norm(s)) }

// parseNormNumber is parseNumber of an already normalised text.
func parseNormNumber(t string) (string, bool) {
	if strings.IndexByte(t, ',') >= 0 {
		t = strings.ReplaceAll(t, ",", "")
	}
	if strings.Contains(t, "，") {
		t = strings.ReplaceAll(t, "，", "")
	}
	neg := false
	if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") || strings.HasPrefix(t, "（") && strings.HasSuffix(t, "）") {
		t = strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(t, "("), "（"), ")"), "）")
		neg = true
	}
	t = strings.Replace(t, "−", "-", 1)
	if strings.HasPrefix(t, "-") {
		neg = !neg
		t = t[1:]
	} else if strings.HasPrefix(t, "+") {
		t = t[1:]
	}
	if t == "" {
		return "", false
	}
	dot := false
	digits := 0
	for i := 0; i < len(t); i++ {
		switch {
		case t[i] >= '0' && t[i] <= '9':
			digits++
		case t[i] == '.' && !dot:
			dot = true
		default:
			return "", false
		}
	}
	if digits == 0 {
		return "", false
	}
	if strings.HasPrefix(t, ".") {
		t = "0" + t
	}
	if neg {
		t = "-" + t
	}
	return t, true
}

// isDash reports a cell that says "nothing" without a number: - — －.
func isDash(s string) bool { return isNormDash(norm(s)) }

func isNormDash(n string) bool {
	switch n {
	case "-", "—", "--", "——", "－", "/", "…":
		return true
	}
	return false
}

var totalNames = map[string]bool{
	"合计": true, "总计": true, "收入总计": true, "支出总计": true, "本年收入合计": true, "本年支出合计": true,
	"收入合计": true, "支出合计": true, "收支总计": true, "小计": true, "总合计": true, "合计数": true,
}

func isTotalName(s string) bool { return totalNames[norm(s)] }

// indentOf counts the indentation of a name: a full-width space is one
// unit, two ASCII spaces are one unit.
func indentOf(s string) int {
	full, ascii := 0, 0
	for _, r := range s {
		switch r {
		case '\u3000':
			full++
		case ' ', '\u00a0':
			ascii++
		default:
			return full + ascii/2
		}
	}
	return full + ascii/2
}

// headerSequence reports a 栏次 row: numbers 1, 2, 3 … in order.
func headerSequence(r grow) bool { return viewOf(r).seq }

// sequenceOf is headerSequence of a row's normalised texts.
func sequenceOf(norms []string) bool {
	if len(norms) < 2 {
		return false
	}
	want := 1
	for _, n := range norms {
		if n == "栏次" || n == "行次" {
			continue
		}
		if n != strconv.Itoa(want) {
			return false
		}
		want++
	}
	return true
}

// segment is the part of a grid that holds one table.
type segment struct {
	title      string
	titleSheet string
	start, end int // rows [start, end); start is the title row (or the first row when the title is the sheet name)
	titled     bool
}

// recognise finds the standard tables of a grid.
func recognise(g *grid) []Table {
	vs := rowViews(g.rows)
	var segs []segment
	for i, r := range g.rows {
		if t, ok := vs[i].title(); ok {
			if len(segs) > 0 {
				segs[len(segs)-1].end = i
			}
			segs = append(segs, segment{title: t, titleSheet: r.sheet, start: i, titled: true})
		}
	}
	if len(segs) == 0 {
		if kindOf(g.name) == "" {
			return nil
		}
		segs = append(segs, segment{title: g.name, titleSheet: g.name, start: 0})
	}
	segs[len(segs)-1].end = len(g.rows)
	out := make([]Table, 0, len(segs))
	for _, s := range segs {
		out = append(out, buildTable(g, vs, s))
	}
	return out
}

func buildTable(g *grid, views []rowView, s segment) Table {
	t := Table{Kind: kindOf(s.title), Title: s.title, Sheet: s.titleSheet}
	rows, vs := g.rows[s.start:s.end], views[s.start:s.end]
	first := 0
	if s.titled {
		if u, ok := unitIn(vs[0].joinedText()); ok {
			t.Unit = u
		}
		first = 1
	}
	// Meta rows (部门, 单位) then header rows up to the first data row.
	i := first
	for ; i < len(rows); i++ {
		j := vs[i].joinedText()
		if j == "" {
			continue
		}
		if u, ok := unitIn(j); ok {
			if t.Unit == "" {
				t.Unit = u
			}
			continue
		}
		n := norm(j)
		if len(vs[i].texts) <= 2 && metaRe.MatchString(n) {
			continue
		}
		if isTableNo(n) {
			continue
		}
		break
	}
	hs := i
	for ; i < len(rows); i++ {
		if isDataRow(&vs[i]) || (i > hs && isTotalRow(&vs[i])) {
			break
		}
		if i-hs >= 6 {
			break
		}
	}
	header, hv := rows[hs:i], vs[hs:i]
	body, bv := rows[i:], vs[i:]
	width := 0
	for _, r := range rows[first:] {
		width = max(width, len(r.cells))
	}
	t.Columns = make([]Column, width)
	var parts []string
	for c := 0; c < width; c++ {
		parts = parts[:0]
		for h, hr := range header {
			if c < len(hr.cells) {
				x := strings.TrimSpace(hr.cells[c].text)
				if x != "" && (len(parts) == 0 || parts[len(parts)-1] != x) && !hv[h].seq {
					parts = append(parts, x)
				}
			}
		}
		t.Columns[c].Label = strings.Join(parts, "/")
		if t.Unit == "" && strings.Contains(t.Columns[c].Label, "元") {
			if m := unitInLabelRe.FindStringSubmatch(t.Columns[c].Label); m != nil {
				t.Unit = m[1]
			}
		}
	}
	// Header rows repeated on later pages are known by their texts.
	headerKeys := make([]string, len(hv))
	for h := range hv {
		headerKeys[h] = hv[h].headerKey()
	}
	isHeader := func(v *rowView) bool {
		k := v.headerKey()
		for _, hk := range headerKeys {
			if hk == k {
				return true
			}
		}
		return false
	}
	content := make([]int, 0, len(body)) // body rows without headers repeated on later pages
	for b := range body {
		if !isHeader(&bv[b]) && !bv[b].seq {
			content = append(content, b)
		}
	}
	assignRoles(&t, body, bv, content)
	nameCol := primaryName(t.Columns)

	// The cells of all rows share one backing array.
	nc := 0
	for b := range bv {
		nc += len(bv[b].texts)
	}
	cellBuf := make([]Cell, 0, nc)
	var curLei, curKuan string
	nonZero, amounts := false, 0
	for b, r := range body {
		v := &bv[b]
		ts := v.texts
		if len(ts) == 0 {
			continue
		}
		if isHeader(v) || v.seq {
			continue // header repeated on a new page
		}
		// The texts joined are looked at when there is one, or when they
		// open with 注.
		j := ""
		if len(ts) == 1 || !v.valid || startsWithNote(v.norms) {
			j = v.normConcat()
		}
		if len(ts) == 1 && isPageNo(j) {
			continue
		}
		if (len(ts) == 1 || strings.HasPrefix(j, "注")) && isEmptyStatement(j) {
			if t.EmptyStatement == "" {
				t.EmptyStatement = strings.TrimSpace(ts[0])
			}
			continue
		}
		if len(ts) == 1 && (strings.HasPrefix(j, "注") || strings.HasPrefix(j, "说明") || strings.HasPrefix(j, "备注")) {
			continue
		}
		if len(g.notes) > 0 {
			for _, gc := range r.cells {
				if n, ok := g.notes[gc.addr]; ok && gc.addr != "" {
					t.Notes = append(t.Notes, n)
				}
			}
		}
		row := Row{Sheet: r.sheet, Line: r.line}
		start := len(cellBuf)
		var lei, kuan, xiang, code string
		for c, gc := range r.cells {
			if gc.text == "" || gc.span || c >= len(t.Columns) {
				continue
			}
			cellBuf = append(cellBuf, Cell{Col: c, Text: strings.TrimSpace(gc.text), Addr: gc.addr})
			v := v.cn[c]
			role := t.Columns[c].Role
			if (role == RoleLei || role == RoleKuan || role == RoleXiang || role == RoleCode) && isTotalName(v) {
				// 合计 printed in the 科目编码 (or 类) column: a total row,
				// not a code, and not carried to the rows below.
				continue
			}
			switch role {
			case RoleLei:
				lei = v
			case RoleKuan:
				kuan = v
			case RoleXiang:
				xiang = v
			case RoleCode:
				code = strings.Trim(v, "[]【】")
			case RoleAmount:
				if x, ok := parseNormNumber(v); ok {
					amounts++
					if strings.Trim(x, "-0.") != "" {
						nonZero = true
					}
				}
			}
		}
		if len(cellBuf) == start {
			continue
		}
		row.Cells = cellBuf[start:len(cellBuf):len(cellBuf)]
		// 类/款/项 split across columns; a 款 or 项 row may leave the 类
		// (and 款) cells blank, carrying them from the rows above.
		if lei != "" || kuan != "" || xiang != "" {
			switch {
			case len(xiang) >= 7 || len(kuan) >= 5:
				code = firstNonEmpty(xiang, kuan)
			case xiang != "":
				code = firstNonEmpty(lei, curLei) + firstNonEmpty(kuan, curKuan) + xiang
			case kuan != "":
				code = firstNonEmpty(lei, curLei) + kuan
			default:
				code = lei
			}
			if lei != "" {
				curLei = lei
				if kuan == "" {
					curKuan = ""
				}
			}
			if kuan != "" {
				curKuan = kuan
			}
		}
		raw := ""
		if nameCol >= 0 && nameCol < len(r.cells) && !r.cells[nameCol].span {
			raw = r.cells[nameCol].text
		}
		name := strings.TrimSpace(strings.Trim(raw, "\u3000 \u00a0"))
		if code == "" && kindIsClassified(t.Kind) {
			if c, ok := codeNameOf(norm(name)); ok {
				code = c
				name = strings.TrimSpace(strings.TrimLeft(strings.TrimPrefix(strings.TrimSpace(name), c), "]】 \u3000"))
				name = strings.TrimLeft(name, "[【")
			}
		}
		if code != "" && !isCode(code) {
			t.Notes = append(t.Notes, Note{RuleID: "table_code_malformed", Severity: "warning",
				Message: fmt.Sprintf("%s row %d: code %q is not a 3/5/7-digit 科目编码", r.sheet, r.line, code)})
		}
		row.Code, row.Name = code, name
		switch len(code) {
		case 3:
			row.Level = 1
		case 5:
			row.Level = 2
		case 7:
			row.Level = 3
		}
		first := ""
		for _, c := range row.Cells {
			if t.Columns[c.Col].Role != RoleAmount {
				first = c.Text
				break
			}
		}
		row.Total = isTotalName(name) || (code == "" && isTotalName(first))
		if row.Level == 0 && !row.Total && code == "" && kindIsClassified(t.Kind) && name != "" {
			if ind := indentOf(raw); ind > 0 {
				row.Level = int8(min(3, ind/2+1))
			}
		}
		// A name wrapped onto its own line in a PDF: glue it to the row above.
		if g.flow && len(row.Cells) == 1 && row.Cells[0].Col == nameCol && code == "" && !row.Total && len(t.Rows) > 0 {
			prev := &t.Rows[len(t.Rows)-1]
			prev.Name += name
			for k := range prev.Cells {
				if prev.Cells[k].Col == nameCol {
					prev.Cells[k].Text += name
				}
			}
			continue
		}
		if t.Rows == nil {
			t.Rows = make([]Row, 0, len(body)-b)
		}
		t.Rows = append(t.Rows, row)
	}
	t.Empty = !nonZero && (amounts == 0 || t.EmptyStatement != "")
	if !t.Empty {
		t.EmptyStatement = ""
	}
	if t.Unit == "" && amounts > 0 {
		t.Notes = append(t.Notes, Note{RuleID: "table_unit_missing", Severity: "warning",
			Message: fmt.Sprintf("%s: no 单位 stated; amounts are kept as printed without a yuan value", t.Title)})
	}
	checkTotals(&t)
	return t
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func kindIsClassified(k string) bool {
	switch k {
	case KindIncome, KindExpenditure, KindGPBFunction, KindGPBBasicEconomic, KindGovFund, KindStateCapital:
		return true
	}
	return false
}

// isDataRow reports a row that starts the body: an amount, a 科目编码, or
// an empty statement. A 合计 label alone is not enough: 合计 is also a
// column header.
func isDataRow(v *rowView) bool {
	ts := v.texts
	if len(ts) == 0 || v.seq {
		return false
	}
	for _, n := range v.norms {
		if _, ok := parseNormNumber(n); ok && !isCode(n) {
			return true
		}
		if isCode(n) {
			return true
		}
		if _, ok := codeNameOf(n); ok && len(n) > 3 {
			return true
		}
		if len(ts) == 1 && isEmptyStatement(n) {
			return true
		}
	}
	return false
}

// isTotalRow reports a 合计 row whose other cells are amounts or blank (a
// 合计 whose formula values did not come through is still a body row).
func isTotalRow(v *rowView) bool {
	total := false
	for _, n := range v.norms {
		if totalNames[n] {
			total = true
			continue
		}
		if _, ok := parseNormNumber(n); !ok && !isNormDash(n) {
			return false
		}
	}
	return total
}

// assignRoles gives every column a role from its header label, then from
// what its body cells hold (the body rows listed in content).
func assignRoles(t *Table, body []grow, bv []rowView, content []int) {
	for c := range t.Columns {
		l := norm(t.Columns[c].Label)
		last := l
		if k := strings.LastIndex(l, "/"); k >= 0 {
			last = l[k+1:]
		}
		switch {
		case last == "类":
			t.Columns[c].Role = RoleLei
		case last == "款":
			t.Columns[c].Role = RoleKuan
		case last == "项":
			t.Columns[c].Role = RoleXiang
		case strings.Contains(last, "编码") || strings.Contains(last, "代码") || strings.Contains(last, "编号"):
			t.Columns[c].Role = RoleCode
		case strings.Contains(l, "行次") || strings.Contains(l, "栏次"):
			t.Columns[c].Role = RoleIgnore
		case strings.Contains(last, "名称") || last == "项目" || last == "科目" || last == "单位":
			t.Columns[c].Role = RoleName
		}
	}
	for c := range t.Columns {
		if t.Columns[c].Role != "" {
			continue
		}
		num, text, code := 0, 0, 0
		for _, b := range content {
			r := body[b]
			if c >= len(r.cells) || r.cells[c].span {
				continue
			}
			x := r.cells[c].text
			if x == "" {
				continue
			}
			n := bv[b].cn[c]
			switch {
			case isNormDash(n):
			case isCode(n) && !strings.Contains(x, "."):
				code++
				num++
			default:
				if _, ok := parseNormNumber(n); ok {
					num++
				} else if !isEmptyStatement(n) && !isPageNo(n) {
					text++
				}
			}
		}
		switch {
		case num > 0 && text == 0 && code == num && code > 1 && t.Columns[c].Label == "":
			t.Columns[c].Role = RoleCode
		case num > 0 && text == 0:
			t.Columns[c].Role = RoleAmount
		case text > 0:
			t.Columns[c].Role = RoleText
		default:
			t.Columns[c].Role = RoleAmount // an empty column under an amount header
			if !hasAmountWord(t.Columns[c].Label) {
				t.Columns[c].Role = RoleText
			}
		}
	}
}

func hasAmountWord(label string) bool {
	l := norm(label)
	for _, w := range []string{"合计", "数", "收入", "支出", "经费", "费", "拨款", "金额", "结转", "资金", "小计", "预算"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// primaryName picks the column that names a row: 科目名称 / 项目名称 first,
// then any name column, then the first text column.
func primaryName(cols []Column) int {
	best := -1
	for c, col := range cols {
		l := norm(col.Label)
		if col.Role == RoleName && (strings.Contains(l, "科目名称") || strings.Contains(l, "项目名称")) {
			return c
		}
		if col.Role == RoleName && best < 0 {
			best = c
		}
	}
	if best >= 0 {
		return best
	}
	for c, col := range cols {
		if col.Role == RoleText {
			return c
		}
	}
	return -1
}

// checkTotals reports 合计 rows that lack a value where the rows above have
// one: a formula cell whose value the reader could not get (legacy .xls
// formulas are dropped by the BIFF reader) must not pass as a missing fact.
func checkTotals(t *Table) {
	has := map[int]bool{}
	for _, r := range t.Rows {
		if r.Total {
			continue
		}
		for _, c := range r.Cells {
			if t.Columns[c.Col].Role == RoleAmount {
				has[c.Col] = true
			}
		}
	}
	for _, r := range t.Rows {
		if !r.Total {
			continue
		}
		got := map[int]bool{}
		first := -1
		for _, c := range r.Cells {
			got[c.Col] = true
			if first < 0 {
				first = c.Col
			}
		}
		for c := range t.Columns {
			if t.Columns[c].Role == RoleAmount && has[c] && !got[c] && c > first {
				t.Notes = append(t.Notes, Note{RuleID: "table_total_missing", Severity: "error",
					Message: fmt.Sprintf("%s %s row %d (%s): no value in column %q although the rows above have values (formula not read?)",
						t.Title, r.Sheet, r.Line, r.Name, t.Columns[c].Label)})
			}
		}
	}
}
