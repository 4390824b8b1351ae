package schemas

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

//go:embed codes/*.tsv
var codeFiles embed.FS

// CodeList is the versioned 政府收支分类科目 list shipped with budgetfeed.
type CodeList struct {
	rows   []Code
	byName map[string][]int // scheme+"\x00"+name -> row indexes
	byCode map[string][]int // scheme+"\x00"+code -> row indexes
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

func parseCodeFiles() (*CodeList, error) {
	l := &CodeList{byName: map[string][]int{}, byCode: map[string][]int{}}
	for _, f := range []struct{ scheme, file string }{
		{SchemeFunction, "codes/function.tsv"},
		{SchemeEconomic, "codes/economic.tsv"},
	} {
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
		l.byName[c.Scheme+"\x00"+c.Name] = append(l.byName[c.Scheme+"\x00"+c.Name], i)
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

// ByName returns the entries named name under the given parent code ("" for
// any parent). A name used in any year matches, so a 2024 text that still
// says 医疗卫生与计划生育支出 finds 210. Several entries may match a name
// that recurs at different levels (其他社会保障和就业支出 is both 款 and 项).
func (l *CodeList) ByName(scheme, name, parent string) []Code {
	var out []Code
	seen := map[string]bool{}
	for _, i := range l.byName[scheme+"\x00"+name] {
		c := l.rows[i]
		if parent != "" && c.Parent != parent {
			continue
		}
		if seen[c.Code] {
			continue
		}
		seen[c.Code] = true
		out = append(out, c)
	}
	return out
}
