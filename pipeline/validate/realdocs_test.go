package validate

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// TestRealDocsGold runs Check on the hand-checked gold figures of the real
// disclosure excerpts in ../shared/realdocs (read at test time, never
// copied). The gold figures are what the documents state, so any finding is
// either a real inconsistency of the document or a false alarm of a rule.
// The gold lists only some figures of each excerpt, so warnings about parts
// that may be unstated are expected and logged; an error (parts above their
// total, a broken stated identity) would be a false alarm and fails.
func TestRealDocsGold(t *testing.T) {
	f, err := os.Open("../../../shared/realdocs/dev.jsonl")
	if err != nil {
		t.Skipf("real documents not available: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	docs, facts := 0, 0
	for sc.Scan() {
		var d struct {
			ID         string `json:"id"`
			FiscalYear int32  `json:"fiscal_year"`
			Stage      string `json:"stage"`
			Facts      []struct {
				Metric string          `json:"metric"`
				Value  json.RawMessage `json:"value"`
				Unit   string          `json:"unit"`
			} `json:"facts"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("dev.jsonl: %v", err)
		}
		var fs []schemas.Fact
		for _, g := range d.Facts {
			fc := schemas.Fact{DocID: d.ID, FiscalYear: d.FiscalYear, Stage: d.Stage, Period: schemas.PeriodCurrent,
				Metric: g.Metric, Scheme: schemas.SchemeNone, Value: strings.Trim(string(g.Value), `"`), Unit: g.Unit, Method: schemas.MethodText}
			if m, ok := strings.CutSuffix(fc.Metric, "@prior"); ok {
				fc.Metric, fc.Period, fc.FiscalYear = m, schemas.PeriodPrior, d.FiscalYear-1
			}
			if name, ok := strings.CutPrefix(fc.Metric, "function_class:"); ok {
				fc.Metric, fc.Scheme, fc.Name = "function_class", schemas.SchemeFunction, name
				if c := schemas.MustCodes().ByName(schemas.SchemeFunction, name, ""); len(c) > 0 {
					fc.Code, fc.Level = c[0].Code, c[0].Level
				}
			}
			if !schemas.IsMoneyUnit(fc.Unit) {
				continue
			}
			m, err := schemas.ParseMoney(fc.Value, fc.Unit)
			if err != nil {
				t.Errorf("%s %s: %v", d.ID, fc.Metric, err)
				continue
			}
			fc.Amount, fc.HasAmount = m, true
			fs = append(fs, fc)
		}
		docs++
		facts += len(fs)
		for _, q := range Check(d.ID, d.FiscalYear, fs) {
			if q.Severity == schemas.SeverityError {
				t.Errorf("%s: %s %s: %s", d.ID, q.RuleID, q.Severity, q.Message)
			} else {
				t.Logf("%s: %s %s: %s", d.ID, q.RuleID, q.Severity, q.Message)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("checked %d money facts of %d documents", facts, docs)
}
