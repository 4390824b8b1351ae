package extract

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
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

// initialSuffix marks a gold metric as the 年初预算 figure a final account
// restates (period initial_budget), e.g. "three_public_total@initial_budget".
const initialSuffix = "@" + schemas.PeriodInitialBudget

// heldout2Key is keyOf extended by the @initial_budget suffix.
func heldout2Key(metric string) goldKey {
	if m, ok := strings.CutSuffix(metric, initialSuffix); ok {
		k := keyOf(m)
		if k.period == schemas.PeriodCurrent {
			k.period = schemas.PeriodInitialBudget
		}
		return k
	}
	return keyOf(metric)
}

// checkHeldout2 is checkHeldout for records that may also annotate
// @initial_budget figures: the record is checked once for its
// current/prior facts and once for its 年初预算 facts (suffix removed), so
// every fact gets the same checks (known metric and unit, value that parses,
// quote in the text that prints the value, one figure per key).
func checkHeldout2(d heldoutDoc, codes *schemas.CodeList) []string {
	type fact = struct {
		Metric string          `json:"metric"`
		Value  json.RawMessage `json:"value"`
		Unit   string          `json:"unit"`
		Quote  string          `json:"quote"`
	}
	main, initial := d, d
	main.Facts, main.Absent, initial.Facts, initial.Absent = nil, nil, nil, nil
	for _, f := range d.Facts {
		if m, ok := strings.CutSuffix(f.Metric, initialSuffix); ok {
			f.Metric = m
			initial.Facts = append(initial.Facts, fact(f))
		} else {
			main.Facts = append(main.Facts, fact(f))
		}
	}
	for _, a := range d.Absent {
		if m, ok := strings.CutSuffix(a, initialSuffix); ok {
			initial.Absent = append(initial.Absent, m)
		} else {
			main.Absent = append(main.Absent, a)
		}
	}
	var bad []string
	if len(main.Facts) > 0 || len(initial.Facts) == 0 {
		bad = append(bad, checkHeldout(main, codes)...)
	}
	switch {
	case len(initial.Facts) > 0:
		for _, msg := range checkHeldout(initial, codes) {
			bad = append(bad, initialSuffix+": "+msg)
		}
	default:
		// No 年初预算 facts: only the absent keys need checking.
		for _, a := range initial.Absent {
			if msg := checkMetricKey(a, codes); msg != "" {
				bad = append(bad, "absent "+a+initialSuffix+": "+msg)
			}
		}
	}
	return bad
}

// checkMetricKey reports what is wrong with a scored metric key
// (metric[:name]): an unknown or text metric, or a function class name
// missing or not in the code list.
func checkMetricKey(key string, codes *schemas.CodeList) string {
	k := keyOf(key)
	m, ok := schemas.LookupMetric(k.metric)
	switch {
	case !ok:
		return fmt.Sprintf("unknown metric %q", key)
	case m.Kind == schemas.MetricText:
		return "text metrics are not scored"
	case k.metric == "function_class" && k.name == "":
		return "function_class needs :<name>"
	case k.metric != "function_class" && k.name != "":
		return "only function_class takes a name"
	case k.name != "" && len(codes.ByName(schemas.SchemeFunction, k.name, "")) == 0:
		return fmt.Sprintf("%q is not in the function code list", k.name)
	}
	return ""
}

// loadHeldout2 reads the second held-out set and checks every record;
// malformed records fail the test.
func loadHeldout2(t *testing.T) []heldoutDoc {
	t.Helper()
	fh, err := os.Open(heldout2Path)
	if err != nil {
		t.Fatalf("held-out set 2: %v", err)
	}
	defer fh.Close()
	codes, err := schemas.LoadCodes()
	if err != nil {
		t.Fatalf("load codes: %v", err)
	}
	var docs []heldoutDoc
	ids := map[string]int{}
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for ln := 1; sc.Scan(); ln++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var d heldoutDoc
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&struct {
			*heldoutDoc
			URL *string `json:"url"`
		}{heldoutDoc: &d}); err != nil {
			t.Errorf("%s:%d: %v", heldout2Path, ln, err)
			continue
		}
		for _, msg := range checkHeldout2(d, codes) {
			t.Errorf("%s:%d (%s): %s", heldout2Path, ln, d.ID, msg)
		}
		if prev, dup := ids[d.ID]; dup {
			t.Errorf("%s:%d: id %s also used on line %d", heldout2Path, ln, d.ID, prev)
		}
		ids[d.ID] = ln
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", heldout2Path, err)
	}
	if len(docs) == 0 {
		t.Fatalf("%s: no records", heldout2Path)
	}
	return docs
}

// heldout2Score is the outcome of scoring a set of records.
type heldout2Score struct {
	goldN, found, extracted, correct, falsePos int
	byMetric                                   map[string]*heldoutTally
}

func (s heldout2Score) precision() float64 {
	if s.extracted == 0 {
		return 1
	}
	return float64(s.correct) / float64(s.extracted)
}

func (s heldout2Score) strict() float64 {
	if s.extracted+s.falsePos == 0 {
		return 1
	}
	return float64(s.correct) / float64(s.extracted+s.falsePos)
}

func (s heldout2Score) recall() float64 {
	if s.goldN == 0 {
		return 0
	}
	return float64(s.found) / float64(s.goldN)
}

// scoreHeldout2 scores docs like TestHeldout: a gold fact is found when the
// extractor states the same exact value under the same metric, period and
// (function class) name for the document's year; an extracted fact under an
// annotated key is correct when its value is one of the gold values; strict
// precision also counts extracted values for Absent keys and annotated
// figures extracted under another period as false positives. Every miss,
// wrong value and false positive is logged with its excerpt id.
func scoreHeldout2(t *testing.T, docs []heldoutDoc) heldout2Score {
	t.Helper()
	s := heldout2Score{byMetric: map[string]*heldoutTally{}}
	tally := func(metric string) *heldoutTally {
		if s.byMetric[metric] == nil {
			s.byMetric[metric] = &heldoutTally{}
		}
		return s.byMetric[metric]
	}
	for _, d := range docs {
		h := Hint{FiscalYear: d.FiscalYear, Stage: d.Stage}
		if d.Department != nil {
			h.Department = *d.Department
		}
		res := Extract(d.Text, h)
		gold := map[goldKey][]goldValue{}
		for _, g := range d.Facts {
			v, _ := parseGold(g.Value, g.Unit)
			k := heldout2Key(g.Metric)
			gold[k] = append(gold[k], v)
		}
		absent := map[goldKey]bool{}
		for _, a := range d.Absent {
			absent[heldout2Key(a)] = true
		}
		var docFound, docWrong, docFalse int
		got := map[goldKey][]goldValue{}
		for _, f := range res.Facts {
			if want := d.FiscalYear; f.FiscalYear != want && (f.Period != schemas.PeriodPrior || f.FiscalYear != want-1) {
				continue
			}
			v, ok := factValue(f)
			if !ok {
				continue
			}
			k := goldKey{metric: f.Metric, period: f.Period}
			if f.Metric == "function_class" {
				k.name = f.Name
			}
			got[k] = append(got[k], v)
			switch gv, ok := gold[k]; {
			case ok:
				s.extracted++
				if contains(gv, v) {
					s.correct++
				} else {
					docWrong++
					tally(k.metric).wrong++
					t.Logf("%s: WRONG %s/%s %s = %s%s (gold %s) quote %q", d.ID, k.metric, k.period, k.name, f.Value, f.Unit, heldout2GoldString(d, k), f.Quote)
				}
			case absent[k]:
				s.falsePos++
				docFalse++
				tally(k.metric).falsePos++
				t.Logf("%s: FALSE %s/%s %s = %s%s (not stated for the department and year) quote %q", d.ID, k.metric, k.period, k.name, f.Value, f.Unit, f.Quote)
			case heldout2OtherPeriod(d, k, v, f):
				s.falsePos++
				docFalse++
				tally(k.metric).falsePos++
				t.Logf("%s: PERIOD %s/%s %s = %s%s (annotated under another period) quote %q", d.ID, k.metric, k.period, k.name, f.Value, f.Unit, f.Quote)
			default:
				t.Logf("%s: extra %s/%s %s = %s%s (not annotated) quote %q", d.ID, k.metric, k.period, k.name, f.Value, f.Unit, f.Quote)
			}
		}
		for _, g := range d.Facts {
			s.goldN++
			k := heldout2Key(g.Metric)
			tally(k.metric).gold++
			v, _ := parseGold(g.Value, g.Unit)
			if contains(got[k], v) {
				s.found++
				docFound++
				tally(k.metric).found++
			} else {
				t.Logf("%s: MISSED %s = %s%s quote %q", d.ID, g.Metric, g.Value, g.Unit, g.Quote)
			}
		}
		t.Logf("%s: found %d/%d wrong=%d false=%d covers=%s", d.ID, docFound, len(d.Facts), docWrong, docFalse, strings.Join(d.Covers, "; "))
	}
	return s
}

// heldout2OtherPeriod is otherPeriod with @initial_budget gold keys: f is
// an annotated figure under the wrong period when gold states f's value for
// f's metric and name under another period and the gold quote overlaps f's
// quote in the text.
func heldout2OtherPeriod(d heldoutDoc, k goldKey, v goldValue, f schemas.Fact) bool {
	for _, g := range d.Facts {
		gk := heldout2Key(g.Metric)
		if gk.metric != k.metric || gk.name != k.name || gk.period == k.period {
			continue
		}
		if gv, err := parseGold(g.Value, g.Unit); err != nil || gv != v {
			continue
		}
		for off := 0; ; {
			i := strings.Index(d.Text[off:], g.Quote)
			if i < 0 {
				break
			}
			start := int32(utf8.RuneCountInString(d.Text[:off+i]))
			end := start + int32(utf8.RuneCountInString(g.Quote))
			if start < f.End && f.Start < end {
				return true
			}
			off += i + len(g.Quote)
		}
	}
	return false
}

// heldout2GoldString prints the gold values of key k as annotated.
func heldout2GoldString(d heldoutDoc, k goldKey) string {
	var vs []string
	for _, g := range d.Facts {
		if heldout2Key(g.Metric) == k {
			vs = append(vs, strings.Trim(string(g.Value), `"`)+g.Unit)
		}
	}
	return strings.Join(vs, " or ")
}

// TestHeldout2 reports precision and recall on the second held-out set.
// It fails only on malformed records; the targets (precision >= 0.995,
// recall >= 0.95) are reported, not enforced.
func TestHeldout2(t *testing.T) {
	docs := loadHeldout2(t)
	if t.Failed() {
		t.FailNow()
	}
	s := scoreHeldout2(t, docs)
	if s.goldN == 0 {
		t.Fatalf("%s: no gold facts", heldout2Path)
	}
	metrics := make([]string, 0, len(s.byMetric))
	for m := range s.byMetric {
		metrics = append(metrics, m)
	}
	sort.Strings(metrics)
	for _, m := range metrics {
		x := s.byMetric[m]
		t.Logf("metric %-40s gold=%3d found=%3d wrong=%2d false=%2d", m, x.gold, x.found, x.wrong, x.falsePos)
	}
	var budgets int
	for _, d := range docs {
		if d.Stage == schemas.StageBudget {
			budgets++
		}
	}
	t.Logf("docs=%d (budget %d, final_account %d) gold=%d found=%d extracted=%d correct=%d false_positives=%d",
		len(docs), budgets, len(docs)-budgets, s.goldN, s.found, s.extracted, s.correct, s.falsePos)
	t.Logf("heldout2: precision=%.4f recall=%.4f strict_precision=%.4f", s.precision(), s.recall(), s.strict())
	fmt.Printf("heldout2: precision=%.4f recall=%.4f strict_precision=%.4f\n", s.precision(), s.recall(), s.strict())
	// A gate since the generalisation round reached the targets on this
	// blind set: precision >= 0.995, recall >= 0.95.
	if s.precision() < 0.995 {
		t.Errorf("heldout2 precision %.4f < 0.995", s.precision())
	}
	if s.recall() < 0.95 {
		t.Errorf("heldout2 recall %.4f < 0.95", s.recall())
	}
}

// TestHeldout2Independent guards the set's independence: no run of 24
// characters of a held-out-2 text may occur in a development excerpt, and no
// run of 40 characters in the first held-out set. The first set is written
// to the same national template, whose standard headings and zero-line
// phrases ("…其中公务用车购置费0万元，公务用车运行维护费…") recur verbatim in
// every real disclosure and are up to about 30 characters long; a 40-character
// run shared with it would be copied text, not template.
func TestHeldout2Independent(t *testing.T) {
	type windowSet struct {
		run     int
		windows map[string]string
	}
	add := func(ws *windowSet, source, text string) {
		rs := []rune(text)
		for i := 0; i+ws.run <= len(rs); i++ {
			ws.windows[string(rs[i:i+ws.run])] = source
		}
	}
	readJSONL := func(ws *windowSet, path string) error {
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(strings.NewReader(string(data)))
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			if strings.TrimSpace(sc.Text()) == "" {
				continue
			}
			var d goldDoc
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			add(ws, path+" "+d.ID, d.Text)
		}
		return sc.Err()
	}
	dev := &windowSet{run: 24, windows: map[string]string{}}
	first := &windowSet{run: 40, windows: map[string]string{}}
	var sets []*windowSet
	if err := readJSONL(dev, realdocsPath); err == nil {
		sets = append(sets, dev)
	} else if !os.IsNotExist(err) {
		t.Fatalf("read development set: %v", err)
	}
	files, _ := filepath.Glob(heldoutGlob)
	for _, f := range files {
		if err := readJSONL(first, f); err != nil {
			t.Fatalf("read held-out set: %v", err)
		}
	}
	if len(files) > 0 {
		sets = append(sets, first)
	}
	if len(sets) == 0 {
		t.Skip("neither the development set nor the first held-out set is available")
	}
	for _, d := range loadHeldout2(t) {
		rs := []rune(d.Text)
		for _, ws := range sets {
			for i := 0; i+ws.run <= len(rs); i++ {
				if src, ok := ws.windows[string(rs[i:i+ws.run])]; ok {
					t.Errorf("%s shares %q with %s", d.ID, string(rs[i:i+ws.run]), src)
					break
				}
			}
		}
	}
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
			got := checkHeldout2(tc.doc, codes)
			if (len(got) > 0) != tc.bad {
				t.Errorf("checkHeldout2 = %v, want bad=%v", got, tc.bad)
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
		if got := heldout2Key(metric); got != want {
			t.Errorf("heldout2Key(%q) = %+v, want %+v", metric, got, want)
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
		if got := heldout2OtherPeriod(d, tc.k, tc.v, at(tc.quote)); got != tc.want {
			t.Errorf("%s: heldout2OtherPeriod = %v, want %v", tc.name, got, tc.want)
		}
	}
}
