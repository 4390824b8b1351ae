package extract

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// norm is the matching form of a text: simplified script, ASCII digits and
// punctuation, pinyin annotations, quotes and soft line breaks removed. Every
// byte of s maps back to the rune offset of the original character it came
// from, so a match in s yields the original substring as the quote.
type norm struct {
	text string  // original text
	roff []int32 // roff[r] = byte offset in text of original rune r; runes+1 entries
	s    string  // normalised text
	boff []int32 // boff[b] = original rune offset of the rune covering byte b of s; len(s)+1 entries
}

// quote returns the original substring and its rune offsets for the
// normalised byte range [b0, b1).
func (n *norm) quote(b0, b1 int) (string, int32, int32) {
	if b1 <= b0 {
		return "", n.boff[b0], n.boff[b0]
	}
	start := n.boff[b0]
	end := n.boff[b1-1] + 1
	if start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(n.text[:n.roff[start]]); r == '“' || r == '「' || r == '『' {
			start-- // keep the opening quote mark of a quoted label
		}
	}
	// A copy, so that a fact does not keep the whole text alive.
	return strings.Clone(n.text[n.roff[start]:n.roff[end]]), start, end
}

// offset buffers are reused across documents (they never leave Extract).
var (
	bytePool  = sync.Pool{New: func() any { return new([]byte) }}
	runePool  = sync.Pool{New: func() any { return new([]rune) }}
	int32Pool = sync.Pool{New: func() any { return new([]int32) }}
)

func getInt32s(n int) *[]int32 {
	p := int32Pool.Get().(*[]int32)
	if cap(*p) < n {
		*p = make([]int32, 0, n)
	}
	*p = (*p)[:0]
	return p
}

// release hands the offset tables back for reuse; n must not be used after.
func (n *norm) release() {
	r, b := n.roff[:0], n.boff[:0]
	n.roff, n.boff = nil, nil
	int32Pool.Put(&r)
	int32Pool.Put(&b)
}

const t2sLo, t2sHi = 0x3400, 0x9FFF

var (
	t2sOnce  sync.Once
	t2sTable []rune // indexed by r-t2sLo; 0 when the character stays
)

// t2s returns the OpenCC traditional→simplified mapping of single
// characters. Phrase conversions may change a text's length, so the extractor
// converts character by character and keeps offsets exact.
func t2s() []rune {
	t2sOnce.Do(func() {
		t2sTable = make([]rune, t2sHi-t2sLo+1)
		cc, err := opencc.New("t2s")
		if err != nil {
			return // the embedded OpenCC data is part of the module; without it, text stays as is
		}
		var buf [4]byte
		for r := rune(t2sLo); r <= t2sHi; r++ {
			k := utf8.EncodeRune(buf[:], r)
			out, err := cc.Convert(string(buf[:k]))
			if err != nil {
				continue
			}
			o, size := utf8.DecodeRuneInString(out)
			if size == len(out) && o != r && o != utf8.RuneError {
				t2sTable[r-t2sLo] = o
			}
		}
	})
	return t2sTable
}

func isHan(r rune) bool { return r >= 0x3400 && r <= 0x9FFF || unicode.Is(unicode.Han, r) }

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\u3000', '\u00a0', '\r', '\f', '\v', '\u200b', '\ufeff':
		return true
	}
	return false
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// pinyinLetter reports letters of a pinyin annotation (lower case, tone marks).
func pinyinLetter(r rune) bool {
	if r >= 'a' && r <= 'z' {
		return true
	}
	return strings.ContainsRune("āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ", r)
}

// pinyinAt returns the length in runes of a pinyin annotation "(qū)" starting
// at src[i], or 0.
func pinyinAt(src []rune, i int) int {
	if src[i] != '(' && src[i] != '（' {
		return 0
	}
	j := i + 1
	for j < len(src) && j-i <= 7 && pinyinLetter(src[j]) {
		j++
	}
	if j == i+1 || j >= len(src) || (src[j] != ')' && src[j] != '）') {
		return 0
	}
	return j - i + 1
}

// headingStart reports whether the runes at src[i:] open a numbered heading or
// list item: 一、 (一) （一） 1. 1、 (1) 第一部分.
func headingStart(src []rune, i int) bool {
	for i < len(src) && isSpace(src[i]) {
		i++
	}
	if i >= len(src) {
		return false
	}
	r := src[i]
	switch {
	case r == '(' || r == '（':
		return i+2 < len(src) && (strings.ContainsRune("一二三四五六七八九十", src[i+1]) || isDigit(src[i+1]) || src[i+1] >= '０' && src[i+1] <= '９')
	case strings.ContainsRune("一二三四五六七八九十", r):
		j := i
		for j < len(src) && strings.ContainsRune("一二三四五六七八九十", src[j]) {
			j++
		}
		return j < len(src) && (src[j] == '、' || src[j] == '.' || src[j] == '．')
	case r == '第':
		return true
	case isDigit(r) || r >= '０' && r <= '９':
		j := i
		for j < len(src) && (isDigit(src[j]) || src[j] >= '０' && src[j] <= '９') {
			j++
		}
		if j-i > 2 || j >= len(src) {
			return false
		}
		return src[j] == '、' || src[j] == '.' || src[j] == '．' || src[j] == ')' || src[j] == '）'
	case r == '|' || r == '【' || r == '[':
		return true
	}
	return false
}

// normWriter accumulates the normalised text and its offset map.
type normWriter struct {
	buf     []byte
	boff    []int32
	last    rune // last rune written
	lineBar bool // the current line is a table row (a | b)
}

// emit writes r, which came from original rune at.
func (w *normWriter) emit(r rune, at int) {
	switch r {
	case '|':
		w.lineBar = true
	case '\n':
		w.lineBar = false
	}
	w.last = r
	if r < utf8.RuneSelf {
		w.buf = append(w.buf, byte(r))
		w.boff = append(w.boff, int32(at))
		return
	}
	if r < 0x10000 && r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
		w.buf = append(w.buf, byte(0xE0|r>>12), byte(0x80|(r>>6)&0x3F), byte(0x80|r&0x3F))
		w.boff = append(w.boff, int32(at), int32(at), int32(at))
		return
	}
	n := utf8.RuneLen(r)
	if n < 0 {
		r, n = utf8.RuneError, 3
		w.last = r
	}
	w.buf = utf8.AppendRune(w.buf, r)
	for k := 0; k < n; k++ {
		w.boff = append(w.boff, int32(at))
	}
}

// splitGroup reports whether the digits written last are an incomplete
// thousands group ("5,8" or "2,60" after a digit and a comma) that the
// digits at src[j:] complete to exactly three: a number broken by a line
// wrap, not two table cells (a cell never ends in a short group).
func (w *normWriter) splitGroup(src []rune, j int) bool {
	b := w.buf
	k := 0
	for k < len(b) && isD(b[len(b)-1-k]) {
		k++
	}
	if k < 1 || k > 2 || len(b) < k+2 || b[len(b)-1-k] != ',' || !isD(b[len(b)-2-k]) {
		return false
	}
	m := 0
	for j+m < len(src) && (isDigit(src[j+m]) || src[j+m] >= '０' && src[j+m] <= '９') {
		m++
	}
	return k+m == 3
}

// tabCells reports a white-space run src[i:j] holding a tab on a line with
// at least two tabs and a figure in a cell after one of them, or on the
// header line right above such a line: a row of a table whose cells are
// separated by tabs. Prose with a stray tab is not.
func tabCells(src []rune, i, j int) bool {
	tab := j-i == 1 && src[i] == '\u3000' // one ideographic space between cells
	for k := i; k < j; k++ {
		if src[k] == '\t' {
			tab = true
			break
		}
	}
	if !tab {
		return false
	}
	a := i
	for a > 0 && src[a-1] != '\n' {
		a--
	}
	tabs, figure, end := tabLine(src, a)
	if j-i == 1 && src[i] == '\u3000' && !ideoCodeTable(src, a, tabs, end) {
		return false
	}
	if tabs >= 2 && !figure && end < len(src) {
		tabs, figure, _ = tabLine(src, end+1)
	}
	if tabs == 1 && figure {
		// A two-cell row ("公务接待费\t1.50"): a table when the line
		// before or after is one too.
		if end < len(src) {
			if t, f, _ := tabLine(src, end+1); t >= 1 && f {
				return true
			}
		}
		if a >= 2 {
			p := lineStartBefore(src, a-1) // the line before
			if t, f, _ := tabLine(src, p); t >= 1 && f {
				return true
			}
		}
		return false
	}
	return tabs >= 2 && figure
}

// spacedRow reports whether the line starting at src[a] is a row of cells
// aligned with spaces: a label (no digit, at most 20 runes) and one figure
// or more, each after white space, and nothing after them. It returns where
// the line ends.
func spacedRow(src []rune, a int) (bool, int) {
	k := a
	for k < len(src) && src[k] != '\n' && isSpace(src[k]) {
		k++
	}
	la := k
	for k < len(src) && src[k] != '\n' && !isSpace(src[k]) && !isFigureRune(src[k]) {
		k++
	}
	if k == la || k-la > 20 || !isHan(src[la]) && src[la] != '(' && src[la] != '（' {
		return false, k
	}
	figs := 0
	for k < len(src) && src[k] != '\n' {
		b := k
		for k < len(src) && src[k] != '\n' && isSpace(src[k]) {
			k++
		}
		if k == len(src) || src[k] == '\n' {
			break
		}
		if k == b || !isFigureRune(src[k]) && src[k] != '-' {
			return false, k
		}
		for k < len(src) && (isFigureRune(src[k]) || src[k] == ',' || src[k] == '，' || src[k] == '.' || src[k] == '．' || src[k] == '-') {
			k++
		}
		figs++
	}
	return figs > 0, k
}

// cellRunAt is a cheap test before spacedBlockAt: src[j:] is a figure or
// a header cell followed by white space or the end of its line, not a figure
// running on into its unit ("786.41万元").
func cellRunAt(src []rune, j int) bool {
	k := j
	if k < len(src) && src[k] == '-' {
		k++
	}
	if k < len(src) && isFigureRune(src[k]) {
		for k < len(src) && (isFigureRune(src[k]) || src[k] == ',' || src[k] == '，' || src[k] == '.' || src[k] == '．') {
			k++
		}
		return k == len(src) || src[k] == '\n' || isSpace(src[k])
	}
	return true // a header cell; spacedBlockAt decides
}

// isFigureRune reports a digit, half or full width.
func isFigureRune(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// spacedHeader reports whether the line starting at src[a] is the header of
// a table aligned with spaces: three cells or more without a digit, one of
// them after the first naming a stage or a year ("項目　年初預算　決算").
func spacedHeader(src []rune, a int) (bool, int) {
	k := a
	cells, named := 0, false
	for k < len(src) && src[k] != '\n' {
		for k < len(src) && src[k] != '\n' && isSpace(src[k]) {
			k++
		}
		b := k
		for k < len(src) && src[k] != '\n' && !isSpace(src[k]) {
			if isFigureRune(src[k]) || k-b > 12 {
				return false, k
			}
			k++
		}
		if k > b {
			cells++
			if cells > 1 && (strings.Contains(string(src[b:k]), "预算") || strings.Contains(string(src[b:k]), "決算") || strings.Contains(string(src[b:k]), "决算") || strings.Contains(string(src[b:k]), "預算") || strings.Contains(string(src[b:k]), "上年") || strings.Contains(string(src[b:k]), "本年")) {
				named = true
			}
		}
	}
	return cells >= 3 && named, k
}

// spacedBlockAt reports whether src[i] lies on a line of a table aligned
// with spaces: a row (or header) whose next or previous line is a row too.
func spacedBlockAt(src []rune, i int) bool {
	a := i
	for a > 0 && src[a-1] != '\n' {
		a--
	}
	ok, end := spacedRow(src, a)
	if !ok {
		if ok, end = spacedHeader(src, a); !ok {
			return false
		}
	}
	if end < len(src) {
		if ok, _ := spacedRow(src, end+1); ok {
			return true
		}
	}
	if a >= 2 {
		p := lineStartBefore(src, a-1) // the line before
		if ok, _ := spacedRow(src, p); ok {
			return true
		}
	}
	return false
}

// tabRowAt reports a line starting at src[j] that is a row of a tab table
// (two tabs or more and a figure after one) or the header line right above
// one.
func tabRowAt(src []rune, j int) bool {
	tabs, figure, end := tabLine(src, j)
	if tabs >= 2 && !figure && end < len(src) {
		tabs, figure, _ = tabLine(src, end+1)
	}
	return tabs >= 2 && figure
}

// ideoCodeTable reports that the line src[a:end] (tabs cell separators)
// belongs to a table of four columns or more separated by single
// ideographic spaces (code, name and two figures): the line itself or the
// one before has three separators. Narrower tables aligned so are read as
// spaced blocks.
func ideoCodeTable(src []rune, a, tabs, end int) bool {
	if tabs >= 3 {
		return true
	}
	if a >= 2 {
		p := lineStartBefore(src, a-1) // the line before
		if t, f, _ := tabLine(src, p); t >= 3 && f {
			return true
		}
	}
	return false
}

// ideoCellSpace reports a single ideographic space between two cells
// ("212　城乡社区支出　18,500,000.00"), counted as a tab; a run of them
// (centring or alignment) is not.
func ideoCellSpace(src []rune, k int) bool {
	return src[k] == '\u3000' && k > 0 && !isSpace(src[k-1]) && src[k-1] != '\n' && k+1 < len(src) && !isSpace(src[k+1]) && src[k+1] != '\n'
}

// tabLine counts the tabs of the line starting at src[a], reports whether a
// cell after a tab starts with a digit, and returns where the line ends.
func tabLine(src []rune, a int) (tabs int, figure bool, end int) {
	k := a
	for ; k < len(src) && src[k] != '\n'; k++ {
		if src[k] != '\t' && !ideoCellSpace(src, k) {
			continue
		}
		tabs++
		n := k + 1
		for n < len(src) && src[n] != '\n' && isSpace(src[n]) {
			n++
		}
		if n < len(src) && isDigit(src[n]) {
			figure = true
		}
	}
	return tabs, figure, k
}

// codeCellAt reports a table cell holding a class code at src[j:]: 3, 5 or
// 7 digits, then a bar ("206 | 科学技术支出 | …"), which starts a row.
func codeCellAt(src []rune, j int) bool {
	k := j
	for k < len(src) && isDigit(src[k]) {
		k++
	}
	if n := k - j; n != 3 && n != 5 && n != 7 {
		return false
	}
	if k < len(src) && src[k] == '\t' {
		return true // a tab-separated row ("205\t教育支出\t…")
	}
	for k < len(src) && isSpace(src[k]) {
		k++
	}
	return k < len(src) && (src[k] == '|' || src[k] == '｜')
}

// normalize builds the matching form of text.
func normalize(text string) *norm {
	srcp := runePool.Get().(*[]rune)
	roffp := getInt32s(len(text) + 1)
	src, roff := (*srcp)[:0], *roffp
	for bi, r := range text {
		src = append(src, r)
		roff = append(roff, int32(bi))
	}
	roff = append(roff, int32(len(text)))
	defer func() {
		*srcp = src[:0]
		runePool.Put(srcp)
	}()
	tab := t2s()
	bufp := bytePool.Get().(*[]byte)
	w := normWriter{buf: (*bufp)[:0], boff: *getInt32s(len(text) + 1)}
	if cap(w.buf) < len(text) {
		w.buf = make([]byte, 0, len(text))
	}
	csv := csvDelims(src)
	for i := 0; i < len(src); i++ {
		r := src[i]
		// Mirror-site pinyin annotation after a CJK character: 區(qū).
		if (r == '(' || r == '（') && isHan(w.last) {
			if k := pinyinAt(src, i); k > 0 {
				i += k - 1
				continue
			}
		}
		if r == '\n' || isSpace(r) {
			// Collapse a run of white space; decide what it becomes.
			j := i
			hasNL := false
			for j < len(src) && (src[j] == '\n' || isSpace(src[j])) {
				if src[j] == '\n' {
					hasNL = true
				}
				j++
			}
			var next rune
			if j < len(src) {
				next = src[j]
			}
			nextDigit := isDigit(next) || next >= '０' && next <= '９'
			switch {
			case !hasNL && w.last != 0 && w.last != '\n' && j < len(src) && next != '\n' && tabCells(src, i, j):
				// Cells separated by tabs ("一般公共预算拨款收入\t3,862.19\t农林水支出
				// \t3,301.45"): a table row, read like "a | b | c".
				w.emit('|', i)
			case isDigit(w.last) && nextDigit && w.splitGroup(src, j):
				// A line wrap inside a digit group ("5,8\n12.46"): one number.
			case isDigit(w.last) && nextDigit && !hasNL && w.spacedGroup(src, j):
				// A space as thousands separator ("1 471.33万元"): one number.
			case hasNL && !w.lineBar && w.last != 0 && w.last != '\n' && !isDigit(w.last) && nextDigit && figureUnitLines(src, j):
				// Running text broken into one line per text run ("收入预算\n
				// 4,870.25\n万元，其中…"): the figure joins its label…
			case hasNL && !w.lineBar && isDigit(w.last) && !nextDigit && unitRunOn(src, j) && numberLineBefore(src, i):
				// …and its unit.
			case (isDigit(w.last) || w.last == ',' || w.last == '.') && nextDigit && hasNL && !w.lineBar && w.proseWrap(src, i, j):
				// A line wrap after the first digits of a number in running
				// text ("总计5\n46.83万元"): one number.
			case hasNL && w.last != 0 && w.last != '\n' && !w.lineBar && colonFigureLine(src, j) && (colonFigureLine(src, lineStartBefore(src, i)) || colonFigureLine(src, nextLineStart(src, j))):
				// Rows written as one "label：figure" line each ("收入总计：38,602,114\n
				// 一般公共预算拨款收入：36,402,114"): the rows keep their breaks, and
				// the first row starts its own line.
				w.emit('\n', i)
			case hasNL && w.last != 0 && w.last != '\n' && (semicolonRowsLine(src, j) || semicolonRowsLine(src, lineStartBefore(src, i))):
				// A line of semicolon-joined rows ("收入：一般公共预算拨款 96,412
				// ；其他收入 1,850 ；合计 98,262") keeps its breaks before and
				// after: its first and last rows do not run into the lines
				// around it.
				w.emit('\n', i)
			case isDigit(w.last) && nextDigit:
				// Two numbers side by side (table cells, page numbers): keep apart.
				if hasNL {
					w.emit('\n', i)
				} else {
					w.emit(' ', i)
				}
			case hasNL && (strings.ContainsRune("。；;！？!?", w.last) || headingStart(src, j) || w.lineBar && (!nextDigit && next != '|' || w.last == '|' || codeCellAt(src, j))):
				// (A table row ending in an empty cell, "| 121.42 | \n2060702 | …",
				// ends its line too.)
				w.emit('\n', i)
			case hasNL && w.last != 0 && w.last != '\n' && !isDigit(w.last) && lineIsHeading(src, i):
				w.emit('\n', i)
			case hasNL && w.last != 0 && w.last != '\n' && (numberLineAt(src, j) || numberLineBefore(src, i) || labelLineAt(src, j) || labelRunAt(src, j)):
				// A table with one cell per line: a figure alone on its line
				// ("一般公共预算\n938.80\n其他收入\n40.00") keeps its breaks.
				w.emit('\n', i)
			case !hasNL && w.last != 0 && (isHan(w.last) || w.last == ')' || isDigit(w.last) && next == '-') && cellRunAt(src, j) && spacedBlockAt(src, i):
				// Cells aligned with spaces ("收入總計　７８６．４１" over
				// "本年收入合計　７４０．２０", or the header "項目　年初預算
				// 決算" over them): the space between cells is kept.
				w.emit(' ', i)
			case hasNL && w.last != 0 && w.last != '\n' && spacedBlockAt(src, j):
				// …and so is the line break between their rows.
				w.emit('\n', i)
			case hasNL && w.last != 0 && w.last != '\n' && tabRowAt(src, j):
				// A title over a table whose cells are separated by tabs
				// ("…支出决算表\n科目编码\t科目名称\t年初预算\t决算数\n205\t…"):
				// the header row starts its own line.
				w.emit('\n', i)
			}
			i = j - 1
			continue
		}
		switch {
		case r == ',' && csv != nil && csv[i]:
			r = '|' // a cell delimiter of comma-separated rows
		case (r == '：' || r == ':') && semicolonRowsPrefix(src, i):
			r = '\n' // the title before such rows ("收入决算表（万元）：")
		case r >= '０' && r <= '９':
			r = '0' + (r - '０')
		case r >= 'Ａ' && r <= 'Ｚ':
			r = 'A' + (r - 'Ａ')
		case r >= 'ａ' && r <= 'ｚ':
			r = 'a' + (r - 'ａ')
		case r == '．':
			r = '.'
		case r == '（':
			r = '('
		case r == '）':
			r = ')'
		case r == '：':
			r = ':'
		case r == '；' || r == ';':
			r = ';'
			if semicolonRows(src, i) {
				r = '\n' // rows joined with semicolons: one row per line
			}
		case r == '％':
			r = '%'
		case r == '，':
			r = ','
		case r == '－' || r == '—' || r == '–' || r == '―' || r == '−':
			r = '-'
		case r == '｜':
			r = '|'
		case r == '“' || r == '”' || r == '「' || r == '」' || r == '"' || r == '‘' || r == '’' || r == '『' || r == '』' || r == '\'':
			continue
		default:
			if r >= t2sLo && r <= t2sHi {
				if x := tab[r-t2sLo]; x != 0 {
					r = x
				}
			}
		}
		w.emit(r, i)
	}
	w.boff = append(w.boff, int32(len(src)))
	out := &norm{text: text, roff: roff, s: string(w.buf), boff: w.boff}
	*bufp = w.buf[:0]
	bytePool.Put(bufp)
	return out
}

// lineIsHeading reports whether the original line ending at the newline run
// starting at src[i] is a short title-like line (a heading without a final
// full stop), so that the break after it is kept.
func lineIsHeading(src []rune, i int) bool {
	j := i - 1
	for j >= 0 && src[j] != '\n' {
		j--
	}
	start := j + 1
	for start < i && isSpace(src[start]) {
		start++
	}
	n := i - start
	if n == 0 || n > 40 {
		return false
	}
	if e := src[i-1]; e == ':' || e == '：' {
		return n <= 12 // a short label heading; a longer one continues on the next line
	}
	if src[i-1] == '表' && barLineAfter(src, i) {
		return true // a table's title ("“三公”经费支出决算表") above its header row
	}
	return headingStart(src, start)
}

// barLineAfter reports whether the next non-blank line after src[i] holds a
// table row (a bar).
func barLineAfter(src []rune, i int) bool {
	for i < len(src) && (src[i] == '\n' || isSpace(src[i])) {
		i++
	}
	for ; i < len(src) && src[i] != '\n'; i++ {
		if src[i] == '|' || src[i] == '｜' {
			return true
		}
	}
	return false
}

// numberCellRune reports a rune of a bare figure cell (digits, separators).
func numberCellRune(r rune) bool {
	return isDigit(r) || r >= '０' && r <= '９' || r == ',' || r == '.' || r == '，' || r == '．' || r == '-'
}

// numberLineAt reports a line starting at src[j] that holds only a figure
// (digits with separators, no unit) and ends at a line break or the end.
func numberLineAt(src []rune, j int) bool {
	k, digits := j, 0
	for k < len(src) && numberCellRune(src[k]) {
		if isDigit(src[k]) || src[k] >= '０' && src[k] <= '９' {
			digits++
		}
		k++
	}
	for k < len(src) && src[k] != '\n' && isSpace(src[k]) {
		k++
	}
	return digits > 0 && k-j <= 24 && (k == len(src) || src[k] == '\n')
}

// numberLineBefore reports that the line ending at the white space run
// starting at src[i] holds only a figure.
func numberLineBefore(src []rune, i int) bool {
	j := i - 1
	for j >= 0 && src[j] != '\n' && isSpace(src[j]) {
		j--
	}
	end, digits := j, 0
	for j >= 0 && numberCellRune(src[j]) {
		if isDigit(src[j]) || src[j] >= '０' && src[j] <= '９' {
			digits++
		}
		j--
	}
	for j >= 0 && src[j] != '\n' && isSpace(src[j]) {
		j--
	}
	return digits > 0 && end-j <= 24 && (j < 0 || src[j] == '\n')
}

// figureUnitLines reports a line starting at src[j] that holds only a figure
// and is followed by a line opening with its money unit and going on with
// running text (unitRunOn): a sentence a PDF or web page broke into one line
// per text run.
func figureUnitLines(src []rune, j int) bool {
	if !numberLineAt(src, j) {
		return false
	}
	k := j
	for k < len(src) && src[k] != '\n' {
		k++
	}
	for k < len(src) && (src[k] == '\n' || isSpace(src[k])) {
		k++
	}
	return unitRunOn(src, k)
}

// unitRunOn reports a line starting at src[k] with a money unit followed on
// the same line by punctuation or text ("万元，其中：…", "万元。"), not a unit
// alone on its line (a table's unit column).
func unitRunOn(src []rune, k int) bool {
	n := 0
	switch {
	case k+1 < len(src) && (src[k] == '万' || src[k] == '萬' || src[k] == '亿' || src[k] == '億' || src[k] == '千') && src[k+1] == '元':
		n = 2
	case k < len(src) && src[k] == '元':
		n = 1
	default:
		return false
	}
	if k+n >= len(src) {
		return false
	}
	r := src[k+n]
	return r != '\n' && !isSpace(r) && !isDigit(r) && r != '|' && r != '｜'
}

// labelLineAt reports a short line starting at src[j] (a row label, no
// sentence punctuation) followed by a line that holds only a figure.
func labelLineAt(src []rune, j int) bool {
	k := j
	for k < len(src) && src[k] != '\n' {
		if r := src[k]; r == '。' || r == '，' || r == ',' || r == '；' || r == ';' || isDigit(r) {
			return false
		}
		k++
		if k-j > 24 {
			return false
		}
	}
	if k == j || k == len(src) {
		return false
	}
	for k < len(src) && (src[k] == '\n' || isSpace(src[k])) {
		k++
	}
	return numberLineAt(src, k)
}

// labelRunAt reports that the line starting at src[j] opens a run of short
// label lines (no digit, no punctuation) followed by figure lines, at most
// two label lines more than figure lines and two figure lines at least: a
// table printed one cell per line with all its labels ("项目", the row
// labels, the column's "合计") before all its figures. False at once when
// the line holds a digit or punctuation.
func labelRunAt(src []rune, j int) bool {
	labels := 0
	for {
		k := j
		for k < len(src) && src[k] != '\n' {
			if r := src[k]; isDigit(r) || r >= '０' && r <= '９' || strings.ContainsRune("。，,；;：:、|｜()（）", r) {
				if labels == 0 || !numberLineAt(src, j) {
					return false
				}
				break
			}
			k++
			if k-j > 24 {
				return false
			}
		}
		if k < len(src) && src[k] != '\n' {
			break // a figure line
		}
		if k == j || k == len(src) {
			return false
		}
		labels++
		for k < len(src) && (src[k] == '\n' || isSpace(src[k])) {
			k++
		}
		j = k
	}
	figs := 0
	for j < len(src) && numberLineAt(src, j) {
		figs++
		for j < len(src) && src[j] != '\n' {
			j++
		}
		for j < len(src) && (src[j] == '\n' || isSpace(src[j])) {
			j++
		}
	}
	return figs >= 2 && labels <= figs+2
}

// spacedGroup reports a space used as a thousands separator: the digits
// written last are a first group of one to three digits (not after a
// separator or another number), and src[j:] is exactly three digits, a
// decimal part and a money unit ("1 471.33万元", "１ ８６２．３０万元").
// Table cells side by side never carry the unit.
func (w *normWriter) spacedGroup(src []rune, j int) bool {
	b := w.buf
	k := 0
	for k < len(b) && isD(b[len(b)-1-k]) {
		k++
	}
	if k < 1 || k > 3 || k < len(b) && strings.IndexByte(",. ", b[len(b)-1-k]) >= 0 {
		return false
	}
	dig := func(r rune) bool { return isDigit(r) || r >= '０' && r <= '９' }
	m := 0
	for j+m < len(src) && dig(src[j+m]) {
		m++
	}
	if m != 3 {
		return false
	}
	e := j + m
	if e < len(src) && (src[e] == '.' || src[e] == '．') {
		e++
		for e < len(src) && dig(src[e]) {
			e++
		}
	}
	return e < len(src) && (src[e] == '万' || src[e] == '元' || src[e] == '亿')
}

// proseWrap reports a line wrap inside a number of running text: the digits
// written last follow a Han character or a colon (a number that started in a
// sentence, not a page number or a table cell on its own line), the wrap is a
// single line break, and src[j:] continues the number (digits, thousands
// groups, a decimal part) straight into a money unit ("收入预算总计5\n46.83万元").
func (w *normWriter) proseWrap(src []rune, i, j int) bool {
	b := w.buf
	sep := byte(0)
	if n := len(b); n > 0 && (b[n-1] == ',' || b[n-1] == '.') {
		sep, b = b[n-1], b[:n-1] // "1,\n962.47万元", "5.\n64万元"
	}
	k := 0
	for k < len(b) && isD(b[len(b)-1-k]) {
		k++
	}
	if k < 1 || k >= len(b) || sep != ',' && k > 3 {
		return false
	}
	if sep == ',' {
		// a thousands separator: what follows starts with a group of three
		m := 0
		for j+m < len(src) && isDigit(src[j+m]) {
			m++
		}
		if m != 3 {
			return false
		}
	} else if r, _ := utf8.DecodeLastRune(b[:len(b)-k]); !isHan(r) && r != ':' && r != ',' {
		return false
	}
	nl := 0
	for x := i; x < j; x++ {
		if src[x] == '\n' {
			nl++
		}
	}
	if nl != 1 {
		return false
	}
	dig := func(r rune) bool { return isDigit(r) || r >= '０' && r <= '９' }
	e := j
	for e < len(src) && (dig(src[e]) || src[e] == ',' || src[e] == '.' || src[e] == '．') {
		e++
	}
	if e == j || e-j > 14 {
		return false
	}
	return e < len(src) && (src[e] == '万' || src[e] == '元' || src[e] == '亿')
}

// lineStartBefore returns the start of the line that ends at the white space
// run starting at src[i].
func lineStartBefore(src []rune, i int) int {
	j := i - 1
	for j >= 0 && src[j] != '\n' {
		j--
	}
	return j + 1
}

// colonFigureLine reports a line starting at src[j] that opens with a short
// row label (no digit, no sentence punctuation), a colon and a figure
// ("收入总计：38,602,114", "“三公”经费：0（…）"): one row of a table written as
// "label：figure" lines.
func colonFigureLine(src []rune, j int) bool {
	for j < len(src) && src[j] != '\n' && isSpace(src[j]) {
		j++
	}
	k, han := j, 0
	for k < len(src) && src[k] != ':' && src[k] != '：' {
		r := src[k]
		switch {
		case isHan(r):
			han++
		case r == '“' || r == '”' || r == '"' || r == '(' || r == ')' || r == '（' || r == '）' || r == '、':
		default:
			return false
		}
		k++
		if k-j > 20 {
			return false
		}
	}
	if han < 2 || k >= len(src) {
		return false
	}
	k++
	for k < len(src) && src[k] != '\n' && isSpace(src[k]) {
		k++
	}
	digits := 0
	for k < len(src) && numberCellRune(src[k]) {
		if isDigit(src[k]) || src[k] >= '０' && src[k] <= '９' {
			digits++
		}
		k++
	}
	for k < len(src) && src[k] != '\n' && isSpace(src[k]) {
		k++
	}
	// The figure ends the line or a remark in brackets follows it; a unit
	// after it makes the line running text.
	return digits > 0 && (k == len(src) || src[k] == '\n' || src[k] == '(' || src[k] == '（')
}

// nextLineStart returns the start of the line after the one containing
// src[j] (len(src) when there is none).
func nextLineStart(src []rune, j int) int {
	for j < len(src) && src[j] != '\n' {
		j++
	}
	if j < len(src) {
		j++
	}
	return j
}

// semicolonRows reports that the semicolon at src[i] separates rows of a
// table flattened onto one line: the line holds three segments or more
// (after an optional "title：" prefix), each a label and one figure
// ("财政拨款收入 | 20,117.90 ; 事业收入 | 0 ; …", "一般公共预算拨款 96,412
// ；其他收入 1,850 ；合计 98,262").
func semicolonRows(src []rune, i int) bool {
	a := lineStartBefore(src, i)
	e := i
	for e < len(src) && src[e] != '\n' {
		e++
	}
	p := semicolonPrefixEnd(src, a, e)
	n := 0
	for k := p; k <= e; {
		m := k
		for m < e && src[m] != ';' && src[m] != '；' {
			m++
		}
		if !labelFigureSegment(src[k:m]) {
			return false
		}
		n++
		k = m + 1
	}
	return n >= 3
}

// semicolonRowsLine reports that the line starting at src[j] is rows joined
// with semicolons (semicolonRows at its first semicolon); false at once for
// a line without one.
func semicolonRowsLine(src []rune, j int) bool {
	for k := j; k < len(src) && src[k] != '\n'; k++ {
		if src[k] == ';' || src[k] == '；' {
			return semicolonRows(src, k)
		}
	}
	return false
}

// semicolonPrefixEnd returns where the segments of the line src[a:e] start:
// after a short title ending in a colon that holds no figure, else a.
func semicolonPrefixEnd(src []rune, a, e int) int {
	for k := a; k < e && k-a <= 24; k++ {
		switch r := src[k]; {
		case r == ':' || r == '：':
			return k + 1
		case isDigit(r) || r >= '０' && r <= '９' || r == ';' || r == '；' || r == '|':
			return a
		}
	}
	return a
}

// semicolonRowsPrefix reports that the colon at src[i] ends the title of a
// line of semicolon-joined rows.
func semicolonRowsPrefix(src []rune, i int) bool {
	a := lineStartBefore(src, i)
	e := i
	for e < len(src) && src[e] != '\n' {
		e++
	}
	if semicolonPrefixEnd(src, a, e) != i+1 {
		return false
	}
	for k := i + 1; k < e; k++ {
		if src[k] == ';' || src[k] == '；' {
			return semicolonRows(src, k)
		}
	}
	return false
}

// labelFigureSegment reports a segment "label figure" or "label | figure":
// a label of two to twenty runes without a digit, then one figure and
// nothing after it.
func labelFigureSegment(seg []rune) bool {
	k := len(seg)
	for k > 0 && isSpace(seg[k-1]) {
		k--
	}
	e, digits := k, 0
	for k > 0 && numberCellRune(seg[k-1]) {
		if isDigit(seg[k-1]) || seg[k-1] >= '０' && seg[k-1] <= '９' {
			digits++
		}
		k--
	}
	if digits == 0 || e-k > 20 {
		return false
	}
	for k > 0 && (isSpace(seg[k-1]) || seg[k-1] == '|' || seg[k-1] == '｜') {
		k--
	}
	han := 0
	for _, r := range seg[:k] {
		switch {
		case isHan(r):
			han++
		case isSpace(r), r == '(', r == ')', r == '（', r == '）', r == '、':
		default:
			return false
		}
	}
	return han >= 2 && han <= 20
}

// csvDelims marks the commas that separate cells in runs of two or more
// lines of comma-separated values ("收入总计,\"6,802.55\"", "单位名称,合计,
// 基本支出" over "某中心,318.64,226.10"): every cell is a label without a
// digit, a quoted cell, or a figure without a thousands separator, and no
// figure cell could be the thousands group of the integer cell before it
// ("1,234.56" unquoted is not split). nil when there is none.
func csvDelims(src []rune) map[int]bool {
	var out map[int]bool
	var run [][]int // delimiters of the lines of the current run
	flush := func() {
		if len(run) >= 2 {
			if out == nil {
				out = map[int]bool{}
			}
			for _, ds := range run {
				for _, d := range ds {
					out[d] = true
				}
			}
		}
		run = run[:0]
	}
	for a := 0; a < len(src); {
		e := a
		for e < len(src) && src[e] != '\n' {
			e++
		}
		if ds, ok := csvLine(src, a, e); ok {
			run = append(run, ds)
		} else if e > a {
			flush()
		}
		a = e + 1
	}
	flush()
	return out
}

// csvLine returns the delimiter commas of the line src[a:e] when it is a
// row of comma-separated values (see csvDelims).
func csvLine(src []rune, a, e int) ([]int, bool) {
	if !slices.Contains(src[a:e], ',') {
		return nil, false // most lines: no ASCII comma, no row (and no allocation)
	}
	var ds []int
	prevInt := false // the cell before was an integer of one to three digits
	start := a
	inQ := false
	for k := a; k <= e; k++ {
		if k < e && src[k] == '"' {
			inQ = !inQ
			continue
		}
		if k < e && (inQ || src[k] != ',') {
			continue
		}
		if k-start > 40 {
			return nil, false // running text, not a cell
		}
		cell := strings.TrimSpace(string(src[start:k]))
		kind := csvCell(cell)
		if kind == 0 {
			return nil, false
		}
		if kind == 3 {
			intPart, _, _ := strings.Cut(cell, ".")
			if prevInt && len(intPart) == 3 {
				return nil, false // "1,234.56" unquoted: a thousands group, not a cell
			}
			prevInt = !strings.Contains(cell, ".") && len(cell) <= 3
		} else {
			prevInt = false
		}
		if k < e {
			ds = append(ds, k)
		}
		start = k + 1
	}
	return ds, !inQ && len(ds) > 0
}

// csvCell classifies a cell of a comma-separated row: 1 a label (no digit,
// at most 30 runes, not empty), 2 a quoted cell, 3 a plain figure; 0 none.
func csvCell(c string) int {
	switch {
	case len(c) >= 2 && c[0] == '"' && c[len(c)-1] == '"':
		return 2
	case c == "" || utf8.RuneCountInString(c) > 30:
		return 0
	case cellNumRe.MatchString(c) && !strings.Contains(c, ","):
		return 3
	}
	for _, r := range c {
		if isDigit(r) || r >= '０' && r <= '９' || r == '。' || r == '，' || r == '；' {
			return 0
		}
	}
	return 1
}
