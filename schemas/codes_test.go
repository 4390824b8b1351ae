package schemas

import (
	"fmt"
	"testing"
)

func TestCodeListParentsExist(t *testing.T) {
	l := MustCodes()
	for _, c := range l.All() {
		if c.Parent == "" {
			continue
		}
		// The parent must exist with a name valid in the child's first year.
		p, ok := l.ByCode(c.Scheme, c.Parent, c.ValidFrom)
		if !ok || !p.ValidIn(c.ValidFrom) {
			t.Errorf("%s %s %s (from %d): parent %s missing or not valid that year", c.Scheme, c.Code, c.Name, c.ValidFrom, c.Parent)
		}
	}
}

func TestCodeListOneNamePerCodeAndYear(t *testing.T) {
	l := MustCodes()
	type key struct {
		scheme, code string
		year         int32
	}
	names := map[key]string{}
	for _, c := range l.All() {
		if c.ValidTo != 0 && c.ValidTo < c.ValidFrom {
			t.Errorf("%s %s %s: valid_to %d before valid_from %d", c.Scheme, c.Code, c.Name, c.ValidTo, c.ValidFrom)
		}
		to := c.ValidTo
		if to == 0 {
			to = 2030
		}
		for y := c.ValidFrom; y <= to; y++ {
			k := key{c.Scheme, c.Code, y}
			if prev, ok := names[k]; ok {
				t.Errorf("%s %s in %d has two names: %s and %s", c.Scheme, c.Code, y, prev, c.Name)
			}
			names[k] = c.Name
		}
	}
	// A renamed code is named in every year between its first and last name:
	// no gap between an old name's last year and the new name's first.
	type span struct{ first, last int32 }
	spans := map[[2]string]span{}
	for _, c := range l.All() {
		k := [2]string{c.Scheme, c.Code}
		to := c.ValidTo
		if to == 0 {
			to = 2030
		}
		s, ok := spans[k]
		if !ok || c.ValidFrom < s.first {
			s.first = c.ValidFrom
		}
		if to > s.last {
			s.last = to
		}
		spans[k] = s
	}
	for k, s := range spans {
		for y := s.first; y <= s.last; y++ {
			if _, ok := names[key{k[0], k[1], y}]; !ok {
				t.Errorf("%s %s has no name in %d (named %d-%d)", k[0], k[1], y, s.first, s.last)
				break
			}
		}
	}
}

func TestCodeListNormalizedNamesUnambiguous(t *testing.T) {
	// Two different names under one parent must not collapse into one
	// normalised name, or ByName could not tell them apart.
	l := MustCodes()
	seen := map[string]Code{}
	for _, c := range l.All() {
		k := c.Scheme + "/" + c.Parent + "/" + NormalizeName(c.Name)
		if p, ok := seen[k]; ok && p.Code != c.Code && p.Name != c.Name {
			t.Errorf("%s %s and %s %s normalise to the same name %q under %q", p.Code, p.Name, c.Code, c.Name, NormalizeName(c.Name), c.Parent)
		}
		seen[k] = c
	}
}

func TestCodeRenamesByYear(t *testing.T) {
	l := MustCodes()
	for _, tc := range []struct {
		scheme, code string
		year         int32
		name, cur    string
	}{
		{SchemeFunction, "210", 2013, "医疗卫生支出", "卫生健康支出"},
		{SchemeFunction, "210", 2014, "医疗卫生与计划生育支出", "卫生健康支出"},
		{SchemeFunction, "210", 2018, "医疗卫生与计划生育支出", "卫生健康支出"},
		{SchemeFunction, "210", 2019, "卫生健康支出", "卫生健康支出"},
		{SchemeFunction, "210", 0, "卫生健康支出", "卫生健康支出"},
		{SchemeFunction, "207", 2018, "文化体育与传媒支出", "文化旅游体育与传媒支出"},
		{SchemeFunction, "207", 2024, "文化旅游体育与传媒支出", "文化旅游体育与传媒支出"},
		{SchemeFunction, "220", 2016, "国土海洋气象等支出", "自然资源海洋气象等支出"},
		{SchemeFunction, "220", 2020, "自然资源海洋气象等支出", "自然资源海洋气象等支出"},
		{SchemeFunction, "20805", 2017, "行政事业单位离退休", "行政事业单位养老支出"},
		{SchemeFunction, "20805", 2023, "行政事业单位养老支出", "行政事业单位养老支出"},
		{SchemeFunction, "21301", 2015, "农业", "农业农村"},
		{SchemeFunction, "2101101", 2024, "行政单位医疗", "行政单位医疗"},
		{SchemeEconomic, "309", 2016, "基本建设支出", "资本性支出（基本建设）"},
		{SchemeEconomic, "310", 2020, "资本性支出", "资本性支出"},
		{SchemeEconomic, "501", 2024, "机关工资福利支出", "机关工资福利支出"},
	} {
		c, ok := l.ByCode(tc.scheme, tc.code, tc.year)
		if !ok || c.Name != tc.name || c.CurrentName != tc.cur {
			t.Errorf("ByCode(%s, %s, %d) = %q (current %q), %v; want %q (current %q)", tc.scheme, tc.code, tc.year, c.Name, c.CurrentName, ok, tc.name, tc.cur)
		}
	}
	if _, ok := l.ByCode(SchemeFunction, "299", 2024); ok {
		t.Error("ByCode found a code that is not in the list")
	}
}

func TestCodeByName(t *testing.T) {
	l := MustCodes()
	for _, tc := range []struct {
		scheme, name, parent string
		want                 []string
	}{
		{SchemeFunction, "医疗卫生与计划生育支出", "", []string{"210"}},
		{SchemeFunction, "卫生健康支出", "", []string{"210"}},
		{SchemeFunction, "科学技术", "", []string{"206"}},
		{SchemeFunction, "社会保障和就业（类）", "", []string{"208"}},
		{SchemeFunction, "政府办公厅(室)及相关机构事务", "", []string{"20103"}},
		{SchemeFunction, "政府办公厅【室】及相关机构事务（款）", "201", []string{"20103"}},
		{SchemeFunction, "机构运行", "20607", []string{"2060701"}},
		{SchemeFunction, "科普活动", "20607", []string{"2060702"}},
		// The seed names its 项 under the 类 only.
		{SchemeFunction, "机关事业单位基本养老保险缴费支出", "208", []string{"2080505"}},
		{SchemeFunction, "机关事业单位职业年金缴费", "208", []string{"2080506"}},
		{SchemeFunction, "其他行政事业单位养老支出", "208", []string{"2080599"}},
		{SchemeFunction, "其他社会保障和就业支出", "208", []string{"20899"}},
		{SchemeFunction, "行政单位医疗", "210", []string{"2100501", "2101101"}},
		{SchemeFunction, " 住房 公积金 ", "22102", []string{"2210201"}},
		{SchemeFunction, "城乡社区规划与管理", "", []string{"21202", "2120201"}},
		{SchemeFunction, "行政运行", "20101", []string{"2010101"}},
		{SchemeFunction, "行政运行", "20199", nil},
		{SchemeFunction, "不存在的科目", "", nil},
		{SchemeEconomic, "因公出国（境）费", "302", []string{"30212"}},
		{SchemeEconomic, "公务接待费", "", []string{"30217", "50206"}},
		{SchemeEconomic, "工资福利支出", "", []string{"301", "50501"}},
	} {
		got := l.ByName(tc.scheme, tc.name, tc.parent)
		var codes []string
		for _, c := range got {
			codes = append(codes, c.Code)
		}
		if fmt.Sprint(codes) != fmt.Sprint(tc.want) {
			t.Errorf("ByName(%s, %q, %q) = %v, want %v", tc.scheme, tc.name, tc.parent, codes, tc.want)
		}
	}
}

func TestNormalizeName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"科学技术支出", "科学技术"},
		{"因公出国（境）费用", "因公出国(境)费"},
		{"因公出国(境)费", "因公出国(境)费"},
		{"机关事业单位基本养老保险缴费", "机关事业单位基本养老保险缴费"},
		{"政府办公厅（室）及相关机构事务", "政府办公厅(室)及相关机构事务"},
		{"社会保障和就业（类）", "社会保障和就业"},
		{"  行政　运行 ", "行政运行"},
		{"2080505 机关事业单位基本养老保险缴费支出", "机关事业单位基本养老保险缴费"},
		{"1. 住房公积金：", "住房公积金"},
		{"支出", "支出"},
		{"费", "费"},
		{"ＡＢＣ１", "ABC"},
	} {
		if got := NormalizeName(tc.in); got != tc.want {
			t.Errorf("NormalizeName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCodeChildren(t *testing.T) {
	l := MustCodes()
	var got []string
	for _, c := range l.Children(SchemeFunction, "22102", 2024) {
		got = append(got, c.Code+" "+c.Name)
	}
	want := []string{"2210201 住房公积金", "2210202 提租补贴", "2210203 购房补贴"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Children(22102) = %v, want %v", got, want)
	}
	if n := len(l.Children(SchemeFunction, "21005", 2024)); n != 0 {
		t.Errorf("21005 has %d children in 2024, want 0 (moved to 21011 in 2018)", n)
	}
	if n := len(l.Children(SchemeFunction, "21005", 2016)); n != 3 {
		t.Errorf("21005 has %d children in 2016, want 3", n)
	}
	var classes int
	for _, c := range l.All() {
		if c.Scheme == SchemeFunction && c.Level == 1 && c.Name == c.CurrentName {
			classes++
		}
	}
	if classes < 25 {
		t.Errorf("function list has %d 类, want every class (≥25)", classes)
	}
}

func TestAppendByNameDoesNotAllocate(t *testing.T) {
	l := MustCodes()
	buf := make([]Code, 0, 8)
	for _, tc := range []struct{ scheme, name, parent string }{
		{SchemeFunction, "科学技术支出", ""},                // exact
		{SchemeFunction, "社会保障和就业（类）", ""},            // normalised
		{SchemeFunction, "行政单位医疗", "210"},             // several, sorted
		{SchemeFunction, "政府办公厅【室】及相关机构事务（款）", "201"}, // brackets
		{SchemeFunction, "不存在的科目", ""},
	} {
		want := l.ByName(tc.scheme, tc.name, tc.parent)
		got := l.AppendByName(buf[:0], tc.scheme, tc.name, tc.parent)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("AppendByName(%q) = %v, ByName = %v", tc.name, got, want)
		}
		if n := testing.AllocsPerRun(100, func() { buf = l.AppendByName(buf[:0], tc.scheme, tc.name, tc.parent) }); n != 0 {
			t.Errorf("AppendByName(%q) allocates %.0f times", tc.name, n)
		}
	}
	// Appending keeps what dst held.
	got := l.AppendByName([]Code{{Code: "x"}}, SchemeFunction, "行政单位医疗", "210")
	if len(got) != 3 || got[0].Code != "x" || got[1].Code != "2100501" || got[2].Code != "2101101" {
		t.Errorf("AppendByName onto a non-empty dst = %v", got)
	}
}
