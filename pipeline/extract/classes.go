package extract

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// level1 are the 类 of the 支出功能分类科目 with their codes, including names
// used in earlier years. The shipped code list (schemas.LoadCodes) is
// consulted first; this table covers 类 the list does not carry yet.
var level1 = map[string]string{
	"一般公共服务支出": "201", "外交支出": "202", "国防支出": "203", "公共安全支出": "204",
	"教育支出": "205", "科学技术支出": "206", "文化旅游体育与传媒支出": "207", "文化体育与传媒支出": "207",
	"社会保障和就业支出": "208", "社会保险基金支出": "209", "卫生健康支出": "210",
	"医疗卫生与计划生育支出": "210", "医疗卫生支出": "210", "节能环保支出": "211", "城乡社区支出": "212",
	"城乡社区事务支出": "212", "农林水支出": "213", "农林水事务支出": "213", "交通运输支出": "214",
	"资源勘探工业信息等支出": "215", "资源勘探信息等支出": "215", "资源勘探电力信息等事务支出": "215",
	"商业服务业等支出": "216", "商业服务业等事务支出": "216", "金融支出": "217", "金融监管等事务支出": "217",
	"援助其他地区支出": "219", "自然资源海洋气象等支出": "220", "国土海洋气象等支出": "220",
	"国土资源气象等事务支出": "220", "住房保障支出": "221", "粮油物资储备支出": "222",
	"粮油物资储备管理等事务支出": "222", "灾害防治及应急管理支出": "224", "预备费": "227",
	"债务还本支出": "231", "债务付息支出": "232", "债务发行费用支出": "233",
}

// level1Names lists the keys of level1, longest first; level1Last holds the
// characters they end in.
var level1Names, level1Last = func() ([]string, map[rune]bool) {
	names := make([]string, 0, len(level1))
	last := map[rune]bool{}
	for n := range level1 {
		names = append(names, n)
		last[lastRune(n)] = true
	}
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) > len(names[j])
		}
		return names[i] < names[j]
	})
	return names, last
}()

// classRef is a resolved function class.
type classRef struct {
	code  string
	level int8
	name  string
}

// level1Suffix returns the longest 类 name that s ends with, when the
// character before it is not a Chinese character (a boundary).
func level1Suffix(s string) (string, bool) {
	if !level1Last[lastRune(s)] {
		return "", false // no 类 name ends in this character
	}
	for _, name := range level1Names { // longest first: the first fit is the longest
		if strings.HasSuffix(s, name) {
			pre := s[:len(s)-len(name)]
			if pre != "" {
				r := lastRune(pre)
				if isHan(r) && !strings.HasSuffix(pre, "括") && !strings.HasSuffix(pre, "中") && !strings.HasSuffix(pre, "为") && !strings.HasSuffix(pre, "用于") && !yearBefore(pre) {
					continue
				}
			}
			return name, true
		}
	}
	return "", false
}

func lastRune(s string) rune {
	r, size := utf8.DecodeLastRuneInString(s)
	if size == 0 {
		return 0
	}
	return r
}

// resolveChain resolves "类-款-项" names printed as a chain. parts[0] may carry
// leading text (a list marker); the later parts must be exact names.
func resolveChain(parts []string, year int32) (classRef, bool) {
	top, ok := level1Suffix(parts[0])
	if !ok {
		return classRef{}, false
	}
	codes, _ := schemas.LoadCodes()
	var cbuf [8]schemas.Code // lookups without allocation
	ref := classRef{code: level1[top], level: 1, name: top}
	if codes != nil {
		if cs := codes.AppendByName(cbuf[:0], schemas.SchemeFunction, top, ""); len(cs) == 1 && cs[0].Level == 1 {
			ref.code = cs[0].Code
		}
	}
	for i, p := range parts[1:] {
		if p == "" {
			return classRef{}, false
		}
		var cands []schemas.Code
		if codes != nil && ref.code != "" {
			for _, c := range codes.AppendByName(cbuf[:0], schemas.SchemeFunction, p, "") {
				if strings.HasPrefix(c.Code, ref.code) && len(c.Code) > len(ref.code) {
					cands = append(cands, c)
				}
			}
		}
		if len(cands) > 1 && year != 0 {
			// A name that moved between codes over the years: take the one valid in the year.
			var valid []schemas.Code
			for _, c := range cands {
				if year >= c.ValidFrom && (c.ValidTo == 0 || year <= c.ValidTo) {
					valid = append(valid, c)
				}
			}
			if len(valid) > 0 {
				cands = valid
			}
		}
		switch {
		case len(cands) == 0:
			// Not in the shipped list: keep the name; the level follows from a
			// full 类-款-项 chain only.
			ref.code = ""
			ref.level = 0
			if len(parts) == 3 {
				ref.level = int8(i + 2)
			}
			ref.name = p
			if i < len(parts)-2 {
				// deeper parts cannot be placed without a code
				ref.name = parts[len(parts)-1]
				if len(parts) != 3 {
					ref.level = 0
				} else {
					ref.level = 3
				}
				return ref, true
			}
		case len(cands) == 1:
			ref = classRef{code: cands[0].Code, level: cands[0].Level, name: p}
		default:
			// Prefer the direct child (其他社会保障和就业支出 is both 款 and 项).
			var direct []schemas.Code
			for _, c := range cands {
				if c.Parent == ref.code {
					direct = append(direct, c)
				}
			}
			if len(direct) != 1 {
				return classRef{}, false
			}
			ref = classRef{code: direct[0].Code, level: direct[0].Level, name: p}
		}
	}
	return ref, true
}

// yearBefore reports a prefix ending in a year ("2021年", "2021年度"): the
// class name after it starts at a boundary.
func yearBefore(pre string) bool {
	pre = strings.TrimSuffix(strings.TrimSuffix(pre, "度"), "年")
	n := len(pre)
	return n >= 4 && isD(pre[n-1]) && isD(pre[n-2]) && isD(pre[n-3]) && isD(pre[n-4])
}
