package department

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/budgetfeed/budgetfeed/schemas"
)

const (
	dep  = schemas.ScopeDepartment
	unit = schemas.ScopeUnit
	dist = schemas.ScopeDistrict
)

func TestCanonicalize(t *testing.T) {
	for _, tc := range []struct {
		in                    string
		canonical, typ, scope string
	}{
		// 科协 in every spelling.
		{"区科协", "科学技术协会", "科协", dep},
		{"罗江区科学技术协会", "科学技术协会", "科协", dep},
		{"科协", "科学技术协会", "科协", dep},
		{"四川省德阳市罗江区科学技术协会（本级）", "科学技术协会", "科协", dep},
		{"自治区科协", "科学技术协会", "科协", dep},
		// Education.
		{"区教育局", "教育局", "教育局", dep},
		{"金堂县教育和体育局", "教育局", "教育局", dep},
		{"教体局", "教育局", "教育局", dep},
		{"成都市武侯区教育局部门", "教育局", "教育局", dep},
		// Government departments.
		{"区财政局", "财政局", "财政局", dep},
		{"龙泉驿区人力资源和社会保障局", "人力资源和社会保障局", "人社局", dep},
		{"县民政局", "民政局", "民政局", dep},
		{"区卫生健康局", "卫生健康局", "卫健局", dep},
		{"青羊区卫生和计划生育局", "卫生健康局", "卫健局", dep},
		{"区卫健委", "卫生健康局", "卫健局", dep},
		{"区住房和城乡建设局", "住房和城乡建设局", "住建局", dep},
		{"区交通运输局", "交通运输局", "交通运输局", dep},
		{"区农业农村局", "农业农村局", "农业农村局", dep},
		{"区水务局", "水务局", "水务局", dep},
		{"区水利局", "水务局", "水务局", dep},
		{"成都市生态环境局青羊区分局", "生态环境局", "生态环境局", dep},
		{"区生态环境局", "生态环境局", "生态环境局", dep},
		{"区市场监督管理局", "市场监督管理局", "市场监管局", dep},
		{"市场监督管理局", "市场监督管理局", "市场监管局", dep},
		{"区应急管理局", "应急管理局", "应急管理局", dep},
		{"德阳市统计局", "统计局", "统计局", dep},
		{"区审计局", "审计局", "审计局", dep},
		{"区司法局", "司法局", "司法局", dep},
		{"成都市公安局青羊区分局", "公安分局", "公安局", dep},
		{"区公安分局", "公安分局", "公安局", dep},
		{"区发展和改革局", "发展和改革局", "发改局", dep},
		{"县发改委", "发展和改革局", "发改局", dep},
		{"区经济和信息化局", "经济和信息化局", "经信局", dep},
		{"区商务局", "商务局", "商务局", dep},
		{"区文化广播电视和旅游局", "文化广播电视和旅游局", "文旅局", dep},
		{"区文旅局", "文化广播电视和旅游局", "文旅局", dep},
		{"区退役军人事务局", "退役军人事务局", "退役军人事务局", dep},
		{"区医疗保障局", "医疗保障局", "医保局", dep},
		{"区规划和自然资源局", "自然资源局", "自然资源局", dep},
		{"区城市管理局", "城市管理局", "城管局", dep},
		{"区综合行政执法局", "城市管理局", "城管局", dep},
		{"区林业局", "林业局", "林业局", dep},
		{"区档案馆", "档案馆", "档案馆", dep},
		{"区机关事务管理局", "机关事务管理局", "机关事务管理局", dep},
		{"区信访局", "信访局", "信访局", dep},
		// Party, congress and mass organisations.
		{"中共成都市武侯区委办公室", "党委办公室", "区委办", dep},
		{"区委办", "党委办公室", "区委办", dep},
		{"成都市武侯区人民政府办公室", "人民政府办公室", "区政府办", dep},
		{"区政府办", "人民政府办公室", "区政府办", dep},
		{"五华区人大常委会办公室", "人大常委会办公室", "人大办", dep},
		{"青羊区人民代表大会常务委员会办公室", "人大常委会办公室", "人大办", dep},
		{"中国人民政治协商会议成都市青羊区委员会办公室", "政协办公室", "政协办", dep},
		{"金堂县政协办", "政协办公室", "政协办", dep},
		{"中共青羊区纪律检查委员会", "纪委监委", "纪委监委", dep},
		{"区纪委监委", "纪委监委", "纪委监委", dep},
		{"中共青羊区委组织部", "组织部", "组织部", dep},
		{"区委宣传部", "宣传部", "宣传部", dep},
		{"区委统战部", "统战部", "统战部", dep},
		{"区委政法委", "政法委员会", "政法委", dep},
		{"中共青羊区委机构编制委员会办公室", "机构编制委员会办公室", "编办", dep},
		{"区总工会", "总工会", "总工会", dep},
		{"共青团青羊区委员会", "共青团委员会", "团委", dep},
		{"团区委", "共青团委员会", "团委", dep},
		{"区妇联", "妇女联合会", "妇联", dep},
		{"青羊区残疾人联合会", "残疾人联合会", "残联", dep},
		{"区工商联", "工商业联合会", "工商联", dep},
		{"区红十字会", "红十字会", "红十字会", dep},
		{"区侨联", "归国华侨联合会", "侨联", dep},
		{"区文联", "文学艺术界联合会", "文联", dep},
		// Street offices, townships, schools and hospitals keep their names.
		{"成都市青羊区人民政府府南街道办事处", "府南街道办事处", "街道办", dep},
		{"府南街道", "府南街道", "街道办", dep},
		{"新都区新繁镇人民政府", "新繁镇人民政府", "乡镇", dep},
		{"白马乡", "白马乡", "乡镇", dep},
		{"德阳市幼儿园", "幼儿园", "学校", unit},
		{"青羊区实验小学", "实验小学", "学校", unit},
		{"金堂县第一中学", "第一中学", "学校", unit},
		{"青羊区人民医院", "人民医院", "医院", unit},
		{"赵镇卫生院", "赵镇卫生院", "卫生院", unit},
		// District-wide roll-ups.
		{"区本级", "区本级", "", dist},
		{"全区", "全区", "", dist},
		{"县本级", "县本级", "", dist},
		{"区级", "区级", "", dist},
		{"高新区", "高新区", "", dist},
		{"成都市武侯区", "成都市武侯区", "", dist},
		{"武侯区（本级）", "武侯区", "", dist},
		// Unknown bodies keep the cleaned name.
		{"金堂县文物保护中心", "文物保护中心", "", unit},
		{"德阳市公共资源交易中心", "公共资源交易中心", "", unit},
		{"区市政工程管理处", "市政工程管理处", "", unit},
		{"国家税务总局成都市青羊区税务局", "税务局", "税务局", dep},
		{"区医疗保障局青羊分局", "医疗保障局", "医保局", dep},
		{"  ", "", "", ""},
	} {
		got := Canonicalize(tc.in)
		want := Info{tc.canonical, tc.typ, tc.scope}
		if got != want {
			t.Errorf("Canonicalize(%q) = %+v, want %+v", tc.in, got, want)
		}
	}
}

// Traditional script is converted by the caller; pinyin annotations from
// mirror sites are removed here, so the name at least stays readable.
func TestTraditionalNotConverted(t *testing.T) {
	got := Canonicalize("青羊區(qū)科協(xié)")
	if got.Type != "" || got.Canonical != "青羊區科協" {
		t.Errorf("got %+v", got)
	}
}

func TestTypes(t *testing.T) {
	types := Types()
	for _, want := range []string{"科协", "教育局", "街道办", "乡镇", "学校", "医院", "区委办", "区政府办", "人大办", "政协办", "纪委监委"} {
		if !slices.Contains(types, want) {
			t.Errorf("Types() lacks %s", want)
		}
	}
	seen := map[string]bool{}
	for _, ty := range types {
		if seen[ty] {
			t.Errorf("type %s listed twice", ty)
		}
		seen[ty] = true
	}
}

func TestTaxonomyFile(t *testing.T) {
	rules, err := parse(taxonomyTSV)
	if err != nil {
		t.Fatal(err)
	}
	// Every alias resolves to its own row: no earlier rule shadows it.
	for _, r := range rules {
		if r.kind != "name" {
			continue
		}
		got := Canonicalize(r.pattern)
		if got.Canonical != r.canonical || got.Type != r.typ {
			t.Errorf("alias %s -> %+v, want %s/%s", r.pattern, got, r.canonical, r.typ)
		}
	}
	for _, bad := range []string{"name\tx\ty\tz", "odd\tx\ty\tz\tdepartment", "name\tx\ty\tz\tcity", "regex\t(\ty\tz\tunit"} {
		if _, err := parse(bad); err == nil {
			t.Errorf("parse(%q) accepted a bad row", bad)
		}
	}
}

// TestRealDocs canonicalises the department names of the real disclosure
// excerpts (read at test time from ../shared/realdocs, never copied). Names
// in traditional script are not expected to resolve; the simplified ones are.
func TestRealDocs(t *testing.T) {
	f, err := os.Open("../../../shared/realdocs/dev.jsonl")
	if err != nil {
		t.Skipf("real documents not available: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	names, resolved := 0, 0
	for sc.Scan() {
		var d struct {
			ID         string  `json:"id"`
			Department *string `json:"department"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		if d.Department == nil {
			continue
		}
		names++
		got := Canonicalize(*d.Department)
		if got.Canonical == "" || got.Scope == "" {
			t.Errorf("%s: %q -> %+v", d.ID, *d.Department, got)
		}
		if got.Type != "" || got.Scope == schemas.ScopeDistrict {
			resolved++
		}
		t.Logf("%s: %q -> %+v", d.ID, *d.Department, got)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	// Of the 14 named excerpts, 7 are in simplified script and name a
	// district body or a roll-up; each of those must resolve.
	if resolved < 7 {
		t.Errorf("resolved %d of %d names, want at least 7", resolved, names)
	}
}
