// Package department canonicalises published department names: "区科协",
// "XX区科学技术协会" and "科协" are all the 科学技术协会, of type 科协, so
// peers can be compared across districts. The mapping is data
// (taxonomy.tsv, embedded); the code only cleans names and applies it.
//
// Names are expected in simplified script; a caller holding traditional
// text converts it first. Mirror-site pinyin annotations ("區(qū)") are
// removed here.
package department

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// Info is what a published department name stands for.
type Info struct {
	Canonical string // canonical name; the cleaned published name when unknown
	Type      string // department type from the taxonomy; "" when unknown
	Scope     string // schemas.ScopeDepartment, ScopeUnit or ScopeDistrict
}

//go:embed taxonomy.tsv
var taxonomyTSV string

type rule struct {
	kind, pattern, canonical, typ, scope string
	re                                   *regexp.Regexp
}

var (
	loadOnce sync.Once
	loaded   []rule
	loadErr  error
)

func taxonomy() []rule {
	loadOnce.Do(func() { loaded, loadErr = parse(taxonomyTSV) })
	if loadErr != nil {
		// The embedded file is checked by tests; a broken build is a bug.
		panic(loadErr)
	}
	return loaded
}

func parse(data string) ([]rule, error) {
	var out []rule
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := strings.Split(line, "\t")
		if len(p) != 5 {
			return nil, fmt.Errorf("department taxonomy.tsv line %d: want 5 tab-separated fields, got %d", i+1, len(p))
		}
		r := rule{kind: p[0], pattern: p[1], canonical: p[2], typ: p[3], scope: p[4]}
		switch r.kind {
		case "contains", "name", "suffix":
		case "regex":
			re, err := regexp.Compile(r.pattern)
			if err != nil {
				return nil, fmt.Errorf("department taxonomy.tsv line %d: %w", i+1, err)
			}
			r.re = re
		default:
			return nil, fmt.Errorf("department taxonomy.tsv line %d: unknown kind %q", i+1, r.kind)
		}
		if r.scope != schemas.ScopeDepartment && r.scope != schemas.ScopeUnit {
			return nil, fmt.Errorf("department taxonomy.tsv line %d: scope %q is not department or unit", i+1, r.scope)
		}
		if r.pattern == "" || r.typ == "" || r.canonical == "" {
			return nil, fmt.Errorf("department taxonomy.tsv line %d: empty field", i+1)
		}
		out = append(out, r)
	}
	return out, nil
}

// Types returns every department type of the taxonomy, in file order.
func Types() []string {
	var out []string
	for _, r := range taxonomy() {
		if !slices.Contains(out, r.typ) {
			out = append(out, r.typ)
		}
	}
	return out
}

// kindOrder is the order in which rule kinds are tried: names that embed
// other department words first, exact names before suffixes.
var kindOrder = []string{"contains", "regex", "name", "suffix"}

// Canonicalize maps a published department name to its canonical name, type
// and scope. District-wide roll-ups (区本级, 全区, "XX区" alone) have scope
// district. An unknown name keeps its cleaned form (region prefix and
// "(本级)"-like suffixes removed) with an empty Type.
func Canonicalize(published string) Info {
	name := clean(published)
	if name == "" {
		return Info{}
	}
	cands := candidates(name)
	last := cands[len(cands)-1]
	if isDistrict(last) {
		return Info{Canonical: name, Scope: schemas.ScopeDistrict}
	}
	rules := taxonomy()
	for _, kind := range kindOrder {
		for _, c := range cands {
			for _, r := range rules {
				if r.kind != kind || !r.matches(c) {
					continue
				}
				info := Info{Canonical: r.canonical, Type: r.typ, Scope: r.scope}
				if info.Canonical == "*" {
					info.Canonical = shortestNonEmpty(cands)
				}
				return info
			}
			if kind == "contains" {
				break // contains looks at the whole cleaned name only
			}
		}
	}
	canon := shortestNonEmpty(cands)
	return Info{Canonical: canon, Scope: guessScope(canon)}
}

func (r rule) matches(c string) bool {
	switch r.kind {
	case "contains":
		return strings.Contains(c, r.pattern)
	case "regex":
		return r.re.MatchString(c)
	case "name":
		return c == r.pattern
	case "suffix":
		// A bare 街道, 镇 or 小学 is not a name; a bare 幼儿园 or 人民医院 is.
		return strings.HasSuffix(c, r.pattern) && (c != r.pattern || utf8.RuneCountInString(c) >= 3)
	}
	return false
}

var (
	pinyinNote  = regexp.MustCompile(`\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńň]+\)`)
	trailNote   = regexp.MustCompile(`\([^()]*\)$`)
	trailWords  = []string{"本级", "部门", "单位", "机关"}
	leadWords   = []string{"中国共产党", "中共", "国家税务总局"}
	rollupWords = []string{"", "本级", "全区", "全县", "全市", "全旗", "级", "区级", "县级", "区本级", "县本级", "市本级", "汇总", "合并"}
)

// clean normalises the published name: half-width brackets, no white space,
// no pinyin annotations, no trailing (本级)/部门/单位 words.
func clean(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' || r == '"' || r == '“' || r == '”':
			continue
		case r == '（' || r == '【' || r == '〔' || r == '[':
			r = '('
		case r == '）' || r == '】' || r == '〕' || r == ']':
			r = ')'
		}
		b.WriteRune(r)
	}
	s = pinyinNote.ReplaceAllString(b.String(), "")
	for {
		t := s
		if m := trailNote.FindString(s); m != "" && len(m) < len(s) {
			inner := strings.Trim(m, "()")
			if slices.Contains(trailWords, inner) || slices.Contains(rollupWords, inner) || strings.HasSuffix(inner, "本级") {
				s = strings.TrimSuffix(s, m)
			}
		}
		for _, w := range trailWords {
			if x := strings.TrimSuffix(s, w); x != s && utf8.RuneCountInString(x) >= 2 {
				s = x
			}
		}
		if s == t {
			break
		}
	}
	return s
}

// regionPrefix matches a leading region name; protected are words that start with a
// region mark but name a department (市场监督管理局, 市政, 区域).
var (
	regionPrefix = regexp.MustCompile(`^\p{Han}{1,10}?(特别行政区|自治区|自治州|自治县|地区|省|市|盟|区|县|旗)`)
	protected    = []string{"市场", "市政", "市容", "市民", "区域", "区划", "县域", "州府"}
)

// candidates returns name and the names left after stripping, one at a
// time, leading party words and region names (XX省, XX市, XX区, a bare 区
// or 县) and a leading 人民政府; longest first. The last may be "" when the
// whole name is a region.
func candidates(name string) []string {
	out := []string{name}
	s := name
	for {
		next := stripOne(s)
		if next == s {
			return out
		}
		s = next
		out = append(out, s)
	}
}

func stripOne(s string) string {
	for _, w := range leadWords {
		if x, ok := strings.CutPrefix(s, w); ok && x != "" {
			return x
		}
	}
	if x, ok := strings.CutPrefix(s, "人民政府"); ok && utf8.RuneCountInString(x) >= 4 && !strings.HasPrefix(x, "办") {
		return x
	}
	r, size := utf8.DecodeRuneInString(s)
	if strings.ContainsRune("省市区县", r) && !isProtected(s) {
		return s[size:]
	}
	m := regionPrefix.FindString(s)
	if m == "" || isProtected(s[len(m)-lastRuneLen(m):]) {
		return s
	}
	rest := s[len(m):]
	if rest != "" && utf8.RuneCountInString(rest) < 2 {
		return s
	}
	return rest
}

func lastRuneLen(s string) int {
	_, n := utf8.DecodeLastRuneInString(s)
	return n
}

func isProtected(s string) bool {
	for _, p := range protected {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func isDistrict(rest string) bool { return slices.Contains(rollupWords, rest) }

func shortestNonEmpty(cands []string) string {
	for i := len(cands) - 1; i >= 0; i-- {
		if cands[i] != "" {
			return cands[i]
		}
	}
	return ""
}

// guessScope calls an unknown body a unit when its name ends like an
// institution (中心, 站, 所, 院, 馆, 队) rather than an administrative office.
func guessScope(name string) string {
	for _, s := range []string{"中心", "站", "所", "院", "馆", "队", "场", "园", "台", "处"} {
		if strings.HasSuffix(name, s) {
			return schemas.ScopeUnit
		}
	}
	return schemas.ScopeDepartment
}
