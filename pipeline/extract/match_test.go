package extract

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// The regular expressions the hand-written matchers replace; the matchers
// must agree with them on every input.
var (
	refFiller = regexp.MustCompile(`^(?:` + fillerTok + `)*$`)
	refStage  = regexp.MustCompile(`年初预算|调整预算|调整后预算|预算|决算|实际支出|实际完成|实际|执行数|计划`)
	refSplit  = regexp.MustCompile(`\((?:类|款|项)\)|-+|>+|/`)
	refReason = regexp.MustCompile(`主要原因是|主要原因为|主要原因:|原因是|主要是因为|主要是|主要由于|主要因为|增减原因:|变动原因:|原因主要是`)
)

// matcherInputs are hand-picked cases plus strings assembled from the
// vocabulary and near misses.
func matcherInputs() []string {
	in := []string{"", "为", "预算数为", "2024年预算数为", "2024年度", "1999年", "2100年", "12月底", "3月份", "123月",
		"(含)", "(项目)", "(2024)", "(" + strings.Repeat("中", 20) + ")", "(" + strings.Repeat("中", 21) + ")", "()", "(", ")",
		"上一年度预算数", "较上年", "调整后预算", "实际支出", "实际使用", "执行数为", "计划安排", "年初预算为", "比上年同期",
		"科学技术支出(类)科学技术普及(款)科普活动(项)", "a--b>>c/d", "-", ">>", "/", "(类", "类)", "(款)(项)", "一般公共预算支出-",
	}
	pieces := append(append(append([]string{}, fillerWords...), stageWords...), reasonWords...)
	pieces = append(pieces, "用于", ",", "单位性质", "行政", "参照公务员法管理的事业", "单位", "类", ")", ";", "。", "主要", "原因", "因为", "由于", "增减", "变动", ":", "全区", "全", "区本级", "本级", "经汇总", "汇总后", "各乡镇", "单位:", "单位", "位:")
	pieces = append(pieces, "2024年", "2023年度", "1月", "12月底份", "(注)", "(1)", "收入", "人员", "年", "(", ")", "-", ">", "/", "(类)", "(款)", "(项)", "7", "20")
	r := rand.New(rand.NewPCG(1, 2))
	for k := 0; k < 5000; k++ {
		var b strings.Builder
		for n := r.IntN(6); n >= 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		in = append(in, b.String())
	}
	return in
}

func TestMatchersAgreeWithRegexps(t *testing.T) {
	for _, s := range matcherInputs() {
		if got, want := isFiller(s), refFiller.MatchString(s); got != want {
			t.Errorf("isFiller(%q) = %v, regexp says %v", s, got, want)
		}
		var got [][2]int
		for _, m := range stageMatches(nil, s) {
			got = append(got, m)
		}
		var want [][2]int
		for _, m := range refStage.FindAllStringIndex(s, -1) {
			want = append(want, [2]int{m[0], m[1]})
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("stageMatches(%q) = %v, regexp says %v", s, got, want)
		}
		if hasStageWord(s) != refStage.MatchString(s) {
			t.Errorf("hasStageWord(%q) disagrees", s)
		}
		if hasPrior(s) != priorRe.MatchString(s) {
			t.Errorf("hasPrior(%q) disagrees", s)
		}
		if got, want := reasonsIn(s), refReason.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("reasonsIn(%q) = %v, regexp says %v", s, got, want)
		}
		if got, loc := purposeLen(s), purposeRe.FindStringIndex(s); loc == nil && got != 0 || loc != nil && got != loc[1] {
			t.Errorf("purposeLen(%q) = %d, regexp says %v", s, got, loc)
		}
		if got, want := natureMatches(s), natureRe.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("natureMatches(%q) = %v, regexp says %v", s, got, want)
		}
		if mayDistrict(s) != districtRe.MatchString(s) {
			t.Errorf("mayDistrict(%q) disagrees with districtRe", s)
		}
		if hasUnitCaption(s) != strings.Contains(s, "单位:") {
			t.Errorf("hasUnitCaption(%q) disagrees", s)
		}
		if !mayReason(s) && refReason.MatchString(s) {
			t.Errorf("mayReason(%q) = false, but a reason marker is there", s)
		}
		if got, want := splitLabel(s), refSplit.Split(s, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("splitLabel(%q) = %q, regexp says %q", s, got, want)
		}
	}
}
