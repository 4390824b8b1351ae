package validate

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// perturbedDocs derives documents from the seed facts (as text, and again as
// table facts of two sheets) with seeded random damage — amounts off, shares
// and changes stated wrongly, figures moved to the prior year, codes lost,
// values stated twice — so that every rule fires many times.
func perturbedDocs(n int) [][]schemas.Fact {
	base := seedFacts()
	for _, f := range seedFacts() {
		sheet := "收支总表"
		if f.Metric == "function_class" {
			sheet = "一般公共预算支出表"
		}
		table(sheet, "B7")(&f)
		base = append(base, f)
	}
	r := rand.New(rand.NewPCG(7, 11))
	var docs [][]schemas.Fact
	for d := 0; d < n; d++ {
		fs := append([]schemas.Fact(nil), base...)
		for i := range fs {
			f := &fs[i]
			switch r.IntN(14) {
			case 0:
				f.Amount += schemas.Money(r.IntN(2000000) - 1000000)
			case 1:
				f.SharePct = strconv.Itoa(r.IntN(120)) + "." + strconv.Itoa(r.IntN(100))
			case 2:
				f.HasChange, f.ChangeAmount, f.ChangeValue = true, schemas.Money(r.IntN(200000)-100000), "-1.2"
				f.ChangePct = strconv.Itoa(r.IntN(50))
			case 3:
				f.Period, f.FiscalYear = schemas.PeriodPrior, 2023
			case 4:
				f.Amount = -f.Amount
			case 5:
				f.Stage = schemas.StageFinalAccount
			case 6:
				f.Code = ""
			case 7:
				g := *f
				g.Amount += schemas.Money(r.IntN(3) * 10000)
				fs = append(fs, g)
			case 8:
				f.Unit, f.Value = "元", f.Amount.Yuan()
			}
		}
		docs = append(docs, fs)
	}
	return docs
}

func renderFindings(check func(string, int32, []schemas.Fact) []schemas.Quality, docs [][]schemas.Fact) string {
	var b strings.Builder
	for i, fs := range docs {
		for _, q := range check(fmt.Sprintf("p%d", i), 2024, fs) {
			fmt.Fprintf(&b, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", i, q.RuleID, q.Severity, q.Metric, q.Expected, q.Actual, q.Message)
		}
	}
	return b.String()
}

// TestCheckPerturbedGolden pins Check's findings on the perturbed documents
// (testdata/perturbed.golden; refresh with -update after a deliberate rule
// change). It guards optimisations of Check against changing what it finds.
func TestCheckPerturbedGolden(t *testing.T) {
	got := renderFindings(Check, perturbedDocs(100))
	path := filepath.Join("testdata", "perturbed.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./pipeline/validate -run TestCheckPerturbedGolden -update)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("findings differ from %s at line %d:\n got  %s\n want %s", path, i+1, g, w)
			}
		}
	}
	rules := map[string]bool{}
	for _, l := range strings.Split(string(want), "\n") {
		if f := strings.Split(l, "\t"); len(f) > 2 {
			rules[f[1]+":"+f[2]] = true
		}
	}
	if len(rules) < 12 {
		t.Errorf("the perturbed documents trigger only %d rule/severity pairs", len(rules))
	}
}
