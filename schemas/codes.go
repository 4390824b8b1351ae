package schemas

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed codes/*.tsv
var codeFiles embed.FS

// CodeList is the versioned 政府收支分类科目 list shipped with budgetfeed.
type CodeList struct {
	rows   []Code
	byName map[string]map[string][]int // scheme -> name -> row indexes
	byNorm map[string]map[string][]int // scheme -> NormalizeName(name) -> row indexes
	byCode map[string][]int            // scheme+"\x00"+code -> row indexes
}

var (
	codesOnce sync.Once
	codesList *CodeList
	codesErr  error
)

// LoadCodes returns the embedded code list, parsed once.
func LoadCodes() (*CodeList, error) {
	codesOnce.Do(func() {
		codesList, codesErr = parseCodeFiles()
	})
	return codesList, codesErr
}

// MustCodes is LoadCodes for callers that cannot continue without the list;
// the embedded list is checked by tests, so it does not fail in practice.
func MustCodes() *CodeList {
	l, err := LoadCodes()
	if err != nil {
		panic(err)
	}
	return l
}

// codeListFiles are the embedded lists and the scheme each belongs to. The
// government economic list (50x) shares the scheme "economic" with the
// department list (30x): their 3-digit class codes do not overlap.
var codeListFiles = []struct{ scheme, file string }{
	{SchemeFunction, "codes/function.tsv"},
	{SchemeEconomic, "codes/economic.tsv"},
	{SchemeEconomic, "codes/economic_gov.tsv"},
}

func parseCodeFiles() (*CodeList, error) {
	l := &CodeList{byName: map[string]map[string][]int{}, byNorm: map[string]map[string][]int{}, byCode: map[string][]int{}}
	for _, f := range codeListFiles {
		data, err := codeFiles.ReadFile(f.file)
		if err != nil {
			return nil, fmt.Errorf("read code list %s: %w", f.file, err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for ln := 1; sc.Scan(); ln++ {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			p := strings.Split(line, "\t")
			if len(p) != 4 {
				return nil, fmt.Errorf("code list %s line %d: want 4 tab-separated fields, got %d", f.file, ln, len(p))
			}
			from, err1 := strconv.Atoi(p[2])
			to, err2 := strconv.Atoi(p[3])
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("code list %s line %d: bad years %q %q", f.file, ln, p[2], p[3])
			}
			c := Code{Scheme: f.scheme, Code: p[0], Name: p[1], ValidFrom: int32(from), ValidTo: int32(to)}
			switch len(c.Code) {
			case 3:
				c.Level = 1
			case 5:
				c.Level, c.Parent = 2, c.Code[:3]
			case 7:
				c.Level, c.Parent = 3, c.Code[:5]
			default:
				return nil, fmt.Errorf("code list %s line %d: code %q is not 3, 5 or 7 digits", f.file, ln, c.Code)
			}
			l.rows = append(l.rows, c)
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("read code list %s: %w", f.file, err)
		}
	}
	// Current name: the name whose validity is open (or latest).
	latest := map[string]Code{}
	for _, c := range l.rows {
		k := c.Scheme + "\x00" + c.Code
		if cur, ok := latest[k]; !ok || c.ValidTo == 0 || (cur.ValidTo != 0 && c.ValidTo > cur.ValidTo) {
			latest[k] = c
		}
	}
	for i := range l.rows {
		c := &l.rows[i]
		c.CurrentName = latest[c.Scheme+"\x00"+c.Code].Name
		if l.byName[c.Scheme] == nil {
			l.byName[c.Scheme], l.byNorm[c.Scheme] = map[string][]int{}, map[string][]int{}
		}
		l.byName[c.Scheme][c.Name] = append(l.byName[c.Scheme][c.Name], i)
		nk := NormalizeName(c.Name)
		l.byNorm[c.Scheme][nk] = append(l.byNorm[c.Scheme][nk], i)
		l.byCode[c.Scheme+"\x00"+c.Code] = append(l.byCode[c.Scheme+"\x00"+c.Code], i)
	}
	return l, nil
}

// All returns every row of the list (one per code and name).
func (l *CodeList) All() []Code { return append([]Code(nil), l.rows...) }

// ByCode returns the entry of code as named in the given fiscal year (year 0:
// the current name).
func (l *CodeList) ByCode(scheme, code string, year int32) (Code, bool) {
	var best Code
	found := false
	for _, i := range l.byCode[scheme+"\x00"+code] {
		c := l.rows[i]
		if year == 0 && c.Name == c.CurrentName {
			return c, true
		}
		if year >= c.ValidFrom && (c.ValidTo == 0 || year <= c.ValidTo) {
			return c, true
		}
		if !found {
			best, found = c, true
		}
	}
	return best, found
}

// ByName returns the entries named name under parent ("" for any parent).
// parent may be the direct parent or any ancestor, so a text that skips the
// 款 ("社会保障和就业支出-机关事业单位基本养老保险缴费支出") finds the 项
// under the 类 208. A name used in any year matches, so a 2024 text that
// still says 医疗卫生与计划生育支出 finds 210. An exact name is preferred;
// when none matches, names are compared after NormalizeName (brackets,
// spaces, trailing 支出, 费用/费, (类)/(款)/(项) marks). Several entries may
// match a name that recurs at different levels (城乡社区规划与管理 is both
// 款 and 项); they are returned shallowest level first, then by code.
func (l *CodeList) ByName(scheme, name, parent string) []Code {
	return l.AppendByName(nil, scheme, name, parent)
}

// AppendByName is ByName appending to dst: with a dst of enough capacity it
// does not allocate (the normalised name is built in a stack buffer and the
// maps are indexed without building a key string).
func (l *CodeList) AppendByName(dst []Code, scheme, name, parent string) []Code {
	n0 := len(dst)
	dst = l.appendMatch(dst, l.byName[scheme][name], parent)
	if len(dst) == n0 {
		var buf [192]byte
		dst = l.appendMatch(dst, l.byNorm[scheme][string(appendNormalizeName(buf[:0], name))], parent)
	}
	return dst
}

// appendMatch appends the rows idx under parent to dst, one per code,
// shallowest level first, then by code.
func (l *CodeList) appendMatch(dst []Code, idx []int, parent string) []Code {
	n0 := len(dst)
next:
	for _, i := range idx {
		c := l.rows[i]
		if parent != "" && (len(c.Code) <= len(parent) || !strings.HasPrefix(c.Code, parent)) {
			continue
		}
		for _, x := range dst[n0:] {
			if x.Code == c.Code {
				continue next
			}
		}
		// Insertion keeps the order stable: after every entry that sorts before or equal.
		dst = append(dst, c)
		for k := len(dst) - 1; k > n0 && codeLess(c, dst[k-1]); k-- {
			dst[k], dst[k-1] = dst[k-1], c
		}
	}
	return dst
}

func codeLess(a, b Code) bool {
	if a.Level != b.Level {
		return a.Level < b.Level
	}
	return a.Code < b.Code
}

// Children returns the entries directly under code as named in the given
// fiscal year (year 0: every code's current name), ordered by code. Only
// codes valid in that year are returned.
func (l *CodeList) Children(scheme, code string, year int32) []Code {
	var out []Code
	seen := map[string]bool{}
	for _, c := range l.rows {
		if c.Scheme != scheme || c.Parent != code || seen[c.Code] {
			continue
		}
		if year != 0 && !c.ValidIn(year) {
			continue
		}
		if year == 0 && c.Name != c.CurrentName {
			continue
		}
		seen[c.Code] = true
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// ValidIn reports whether the entry's name applies in the fiscal year.
func (c Code) ValidIn(year int32) bool {
	return year >= c.ValidFrom && (c.ValidTo == 0 || year <= c.ValidTo)
}

// NormalizeName reduces a class name as printed to the form the list is
// matched on: full-width letters, digits and brackets become half-width
// (（室） → (室), 【】〔〕[] → ()), white space is removed, a trailing
// level mark (类)/(款)/(项) and the numbering or separators around the name
// are dropped, one trailing 支出 is removed and a trailing 费用 becomes 费,
// so 因公出国（境）费 and 因公出国(境)费用 compare equal, as do 科学技术 and
// 科学技术支出, and 基本养老保险缴费 and 基本养老保险缴费支出.
func NormalizeName(name string) string {
	var buf [192]byte
	return string(appendNormalizeName(buf[:0], name))
}

// appendNormalizeName appends NormalizeName(name) to dst.
func appendNormalizeName(dst []byte, name string) []byte {
	n0 := len(dst)
	for _, r := range name {
		switch {
		case unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0':
			continue
		case r >= '！' && r <= '～':
			r = r - '！' + '!'
		}
		switch r {
		case '【', '〔', '[', '［':
			r = '('
		case '】', '〕', ']', '］':
			r = ')'
		}
		dst = utf8.AppendRune(dst, r)
	}
	s := dst[n0:]
	for {
		t := len(s)
		for _, mark := range [...]string{"(类)", "(款)", "(项)"} {
			s = bytes.TrimSuffix(s, []byte(mark))
		}
		s = bytes.TrimFunc(s, func(r rune) bool {
			return r == '-' || r == ':' || r == '：' || r == '、' || r == '.' || r == ',' || r == '，' || r == '—' || unicode.IsDigit(r)
		})
		if len(s) == t {
			break
		}
	}
	if t := bytes.TrimSuffix(s, []byte("支出")); len(t) > 0 {
		s = t
	}
	if t, ok := bytes.CutSuffix(s, []byte("费用")); ok {
		s = append(t, "费"...)
	}
	// s is a subslice of dst[n0:]; move it to the front.
	k := copy(dst[n0:], s)
	return dst[:n0+k]
}
