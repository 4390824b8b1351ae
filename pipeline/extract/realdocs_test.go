package extract

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// realdocsPath is the development set of real excerpts, outside the
// repository (../shared/realdocs relative to the repository root).
var realdocsPath = filepath.Join("..", "..", "..", "shared", "realdocs", "dev.jsonl")

type goldDoc struct {
	ID         string  `json:"id"`
	Department *string `json:"department"`
	FiscalYear int32   `json:"fiscal_year"`
	Stage      string  `json:"stage"`
	Facts      []struct {
		Metric string          `json:"metric"`
		Value  json.RawMessage `json:"value"`
		Unit   string          `json:"unit"`
		Quote  string          `json:"quote"`
	} `json:"facts"`
	Text string `json:"text"`
}

// goldKey is metric, period and (function classes) name.
type goldKey struct{ metric, period, name string }

func keyOf(metric string) goldKey {
	k := goldKey{metric: metric, period: schemas.PeriodCurrent}
	if m, ok := strings.CutSuffix(k.metric, "@prior"); ok {
		k.metric, k.period = m, schemas.PeriodPrior
	} else if m, ok := strings.CutSuffix(k.metric, "@initial_budget"); ok {
		k.metric, k.period = m, schemas.PeriodInitialBudget
	}
	if m, name, ok := strings.Cut(k.metric, ":"); ok {
		k.metric, k.name = m, name
	}
	return k
}

// goldValue is a gold figure as exact money (fen) or count.
type goldValue struct {
	money schemas.Money
	count int64
	isCnt bool
}

func parseGold(raw json.RawMessage, unit string) (goldValue, error) {
	v := strings.Trim(string(raw), `"`)
	if schemas.IsMoneyUnit(unit) {
		m, err := schemas.ParseMoney(v, unit)
		return goldValue{money: m}, err
	}
	c, err := schemas.ParseCount(v)
	return goldValue{count: c, isCnt: true}, err
}

func factValue(f schemas.Fact) (goldValue, bool) {
	switch {
	case f.HasAmount:
		return goldValue{money: f.Amount}, true
	case f.HasCount:
		return goldValue{count: f.Count, isCnt: true}, true
	}
	return goldValue{}, false
}

// TestRealdocs measures precision and recall on the real development set
// with the scoring of the held-out sets (scoreHeldout).
func TestRealdocs(t *testing.T) {
	fh, err := os.Open(realdocsPath)
	if err != nil {
		t.Skipf("real documents not available: %v", err)
	}
	defer fh.Close()
	var docs []heldoutDoc
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var d heldoutDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("%s: %v", realdocsPath, err)
		}
		for _, g := range d.Facts {
			if _, err := parseGold(g.Value, g.Unit); err != nil {
				t.Fatalf("%s: gold %s: %v", d.ID, g.Metric, err)
			}
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", realdocsPath, err)
	}
	s := scoreHeldout(t, docs)
	if s.goldN == 0 {
		t.Fatalf("%s: no gold facts", realdocsPath)
	}
	precision, recall := s.precision(), s.recall()
	t.Logf("gold=%d found=%d extracted=%d correct=%d", s.goldN, s.found, s.extracted, s.correct)
	fmt.Printf("realdocs: precision=%.3f recall=%.3f\n", precision, recall)
	if precision < 0.995 {
		t.Errorf("precision %.3f < 0.995", precision)
	}
	if recall < 0.95 {
		t.Errorf("recall %.3f < 0.95", recall)
	}
}

func contains(vs []goldValue, v goldValue) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}
