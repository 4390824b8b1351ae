package extract

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// heldout2Path is the second, blind held-out set: excerpts written from
// scratch in the style of real 部门预算/部门决算 情况说明 (fictional
// departments, own wording, many provinces' templates and the noise of real
// pages), annotated like ../shared/realdocs/dev.jsonl. Nobody tunes the
// extractor on it; it only reports an honest precision and recall.
var heldout2Path = filepath.Join("testdata", "heldout2", "excerpts.jsonl")

// TestHeldout2 measures precision and recall on the second held-out set
// with the one scoring of the held-out sets (scoreHeldout, @prior and
// @initial_budget keys). It fails on malformed records and below the targets
// (precision >= 0.995, recall >= 0.95).
func TestHeldout2(t *testing.T) { reportHeldoutSet(t, 2, loadHeldoutFiles(t, heldout2Path), true) }

// TestHeldout2Independent guards the set's independence: no run of 24
// characters of a held-out-2 text may occur in a development excerpt, and no
// run of 40 characters in the first held-out set. The first set is written
// to the same national template, whose standard headings and zero-line
// phrases ("…其中公务用车购置费0万元，公务用车运行维护费…") recur verbatim in
// every real disclosure and are up to about 30 characters long; a 40-character
// run shared with it would be copied text, not template.
func TestHeldout2Independent(t *testing.T) {
	docs := loadHeldoutFiles(t, heldout2Path)
	dev, haveDev := runWindows(t, realdocsPath, devRun)
	// The first held-out set follows the same national template, whose
	// standard headings overlap at 24 characters: 40 there.
	const firstRun = 40
	first := map[string]string{}
	files, _ := filepath.Glob(heldoutGlob)
	if len(files) == 0 {
		t.Fatalf("the first held-out set (%s) is missing: it is committed with the repository", heldoutGlob)
	}
	for _, f := range files {
		w, _ := runWindows(t, f, firstRun)
		for k, id := range w {
			first[k] = f + " " + id
		}
	}
	if haveDev {
		checkIndependent(t, docs, dev, devRun, realdocsPath)
	}
	checkIndependent(t, docs, first, firstRun, "held-out")
}

// TestHeldout2Check makes sure the record checks, including the
// @initial_budget split, reject what they should.
func TestHeldout2Check(t *testing.T) {
	codes, err := schemas.LoadCodes()
	if err != nil {
		t.Fatal(err)
	}
	type fact = struct {
		Metric string          `json:"metric"`
		Value  json.RawMessage `json:"value"`
		Unit   string          `json:"unit"`
		Quote  string          `json:"quote"`
	}
	const text = "2023年度“三公”经费支出决算8.20万元，年初预算为9.00万元；教育支出年初预算为310.00万元，支出决算为305.50万元。"
	mk := func(absent []string, facts ...fact) heldoutDoc {
		var d heldoutDoc
		d.ID, d.FiscalYear, d.Stage, d.Text = "x", 2023, schemas.StageFinalAccount, text
		d.Facts, d.Absent = facts, absent
		return d
	}
	total := fact{"three_public_total", json.RawMessage("8.20"), "万元", "“三公”经费支出决算8.20万元"}
	totalInitial := fact{"three_public_total@initial_budget", json.RawMessage("9.00"), "万元", "年初预算为9.00万元"}
	class := fact{"function_class:教育支出", json.RawMessage("305.50"), "万元", "支出决算为305.50万元"}
	classInitial := fact{"function_class:教育支出@initial_budget", json.RawMessage("310.00"), "万元", "教育支出年初预算为310.00万元"}
	tests := []struct {
		name string
		doc  heldoutDoc
		bad  bool
	}{
		{"current and initial", mk(nil, total, totalInitial, class, classInitial), false},
		{"initial only", mk(nil, totalInitial), false},
		{"initial absent", mk([]string{"three_public_overseas@initial_budget"}, total), false},
		{"initial absent of an annotated current key", mk([]string{"three_public_total@initial_budget"}, total), false},
		{"unknown initial absent", mk([]string{"three_public_totals@initial_budget"}, total), true},
		{"initial absent class without name", mk([]string{"function_class@initial_budget"}, total), true},
		{"initial quote not in text", mk(nil, total, fact{"three_public_total@initial_budget", json.RawMessage("9.00"), "万元", "年初预算9.00万元"}), true},
		{"initial value not in quote", mk(nil, fact{"three_public_total@initial_budget", json.RawMessage("9.10"), "万元", "年初预算为9.00万元"}), true},
		{"unknown initial metric", mk(nil, fact{"three_public_totals@initial_budget", json.RawMessage("9.00"), "万元", "年初预算为9.00万元"}), true},
		{"initial annotated twice", mk(nil, totalInitial, fact{"three_public_total@initial_budget", json.RawMessage("8.20"), "万元", "“三公”经费支出决算8.20万元"}), true},
		{"initial absent also annotated", mk([]string{"three_public_total@initial_budget"}, total, totalInitial), true},
		{"unknown metric", mk(nil, fact{"three_public_totals", json.RawMessage("8.20"), "万元", "“三公”经费支出决算8.20万元"}), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := checkHeldout(tc.doc, codes)
			if (len(got) > 0) != tc.bad {
				t.Errorf("checkHeldout = %v, want bad=%v", got, tc.bad)
			}
		})
	}
	for metric, want := range map[string]goldKey{
		"three_public_total":                      {"three_public_total", schemas.PeriodCurrent, ""},
		"three_public_total@prior":                {"three_public_total", schemas.PeriodPrior, ""},
		"three_public_total@initial_budget":       {"three_public_total", schemas.PeriodInitialBudget, ""},
		"function_class:教育支出@initial_budget":      {"function_class", schemas.PeriodInitialBudget, "教育支出"},
		"function_class:教育支出":                     {"function_class", schemas.PeriodCurrent, "教育支出"},
		"general_public_budget_income@prior":      {"general_public_budget_income", schemas.PeriodPrior, ""},
		"general_public_budget_income@lastyear":   {"general_public_budget_income@lastyear", schemas.PeriodCurrent, ""},
		"function_class:行政运行":                     {"function_class", schemas.PeriodCurrent, "行政运行"},
		"three_public_overseas@initial_budget":    {"three_public_overseas", schemas.PeriodInitialBudget, ""},
		"retired_staff":                           {"retired_staff", schemas.PeriodCurrent, ""},
		"function_class:小学教育@initial_budget":      {"function_class", schemas.PeriodInitialBudget, "小学教育"},
		"three_public_vehicle_total@prior":        {"three_public_vehicle_total", schemas.PeriodPrior, ""},
		"performance_target_funds":                {"performance_target_funds", schemas.PeriodCurrent, ""},
		"function_class:住房公积金@initial_budget":     {"function_class", schemas.PeriodInitialBudget, "住房公积金"},
		"three_public_reception@initial_budget":   {"three_public_reception", schemas.PeriodInitialBudget, ""},
		"general_public_budget_expenditure":       {"general_public_budget_expenditure", schemas.PeriodCurrent, ""},
		"general_public_budget_expenditure@prior": {"general_public_budget_expenditure", schemas.PeriodPrior, ""},
	} {
		if got := keyOf(metric); got != want {
			t.Errorf("keyOf(%q) = %+v, want %+v", metric, got, want)
		}
	}
}

// TestHeldout2OtherPeriod checks that an annotated 年初预算 figure
// extracted as the 决算 figure (or the reverse) counts as a period error,
// and nothing else does.
func TestHeldout2OtherPeriod(t *testing.T) {
	var d heldoutDoc
	d.Text = "公务接待费年初预算为1.50万元，支出决算为1.20万元。"
	d.Facts = append(d.Facts, struct {
		Metric string          `json:"metric"`
		Value  json.RawMessage `json:"value"`
		Unit   string          `json:"unit"`
		Quote  string          `json:"quote"`
	}{"three_public_reception@initial_budget", json.RawMessage("1.50"), "万元", "年初预算为1.50万元"},
		struct {
			Metric string          `json:"metric"`
			Value  json.RawMessage `json:"value"`
			Unit   string          `json:"unit"`
			Quote  string          `json:"quote"`
		}{"three_public_reception", json.RawMessage("1.20"), "万元", "支出决算为1.20万元"})
	at := func(quote string) schemas.Fact {
		i := strings.Index(d.Text, quote)
		s := int32(utf8.RuneCountInString(d.Text[:i]))
		return schemas.Fact{Start: s, End: s + int32(utf8.RuneCountInString(quote))}
	}
	money := func(s string) goldValue {
		v, err := parseGold(json.RawMessage(s), "万元")
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	current := goldKey{metric: "three_public_reception", period: schemas.PeriodCurrent}
	initial := goldKey{metric: "three_public_reception", period: schemas.PeriodInitialBudget}
	tests := []struct {
		name  string
		k     goldKey
		v     goldValue
		quote string
		want  bool
	}{
		{"initial figure called current", current, money("1.50"), "年初预算为1.50万元", true},
		{"final figure called initial", initial, money("1.20"), "支出决算为1.20万元", true},
		{"initial figure itself", initial, money("1.50"), "年初预算为1.50万元", false},
		{"other value", current, money("2.00"), "年初预算为1.50万元", false},
		{"other metric", goldKey{metric: "three_public_overseas", period: schemas.PeriodCurrent}, money("1.50"), "年初预算为1.50万元", false},
		{"no overlap", current, money("1.50"), "支出决算为1.20万元", false},
	}
	for _, tc := range tests {
		if got := otherPeriod(d, tc.k, tc.v, at(tc.quote)); got != tc.want {
			t.Errorf("%s: otherPeriod = %v, want %v", tc.name, got, tc.want)
		}
	}
}
