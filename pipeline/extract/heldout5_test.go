package extract

import (
	"fmt"
	"path/filepath"
	"testing"
)

// heldout5Glob is the fifth held-out set: excerpts written blind (without
// reading the extractor or held-out sets 1-4) in the style of 部门预算/决算
// 情况说明 from provinces and unit kinds the other sets rarely use. Its blind
// score (precision 0.9963, recall 0.9215, docs/evaluation.md) was the honest
// estimate until the fifth round tuned on its failure categories; since then
// it is a gate like sets 1-4, and the sixth set is the blind measure.
var heldout5Glob = filepath.Join("testdata", "heldout5", "*.jsonl")

// heldout5SharedRun is the length of a character run that the set may not
// share with the third-party excerpts of ../shared/realdocs/dev.jsonl.
const heldout5SharedRun = 24

// TestHeldout5 scores the fifth held-out set with scoreHeldout (the scoring
// of TestHeldout) and reports precision and recall. It fails on malformed
// records and, since the fifth round, on a score below the targets for
// unseen documents (precision >= 0.995, recall >= 0.95), like sets 1-4.
func TestHeldout5(t *testing.T) {
	docs := loadHeldoutFiles(t, heldout5Glob)
	if t.Failed() {
		t.FailNow()
	}
	s := scoreHeldout(t, docs)
	if s.goldN == 0 {
		t.Fatalf("%s: no gold facts", heldout5Glob)
	}
	s.logMetrics(t)
	t.Logf("docs=%d gold=%d found=%d extracted=%d correct=%d false_positives=%d",
		len(docs), s.goldN, s.found, s.extracted, s.correct, s.falsePos)
	line := fmt.Sprintf("heldout5: precision=%.4f recall=%.4f strict_precision=%.4f",
		s.precision(), s.recall(), s.strict())
	t.Log(line)
	fmt.Println(line)
	// Blind until the fifth round tuned on it (blind score 0.9963 / 0.9215,
	// docs/evaluation.md); since then a gate like sets 1-4.
	if s.precision() < 0.995 || s.recall() < 0.95 {
		t.Errorf("heldout5 below the targets for unseen documents: precision %.4f (want >= 0.995), recall %.4f (want >= 0.95)", s.precision(), s.recall())
	}
}

// TestHeldout5NotCopied checks that no run of heldout5SharedRun characters
// of a held-out excerpt occurs in the real development excerpts, so the set
// is this project's own text. It skips when dev.jsonl is absent.
func TestHeldout5NotCopied(t *testing.T) {
	windows, ok := runWindows(t, realdocsPath, heldout5SharedRun)
	if !ok {
		t.Skipf("%s absent", realdocsPath)
	}
	if len(windows) == 0 {
		t.Skipf("%s: no text", realdocsPath)
	}
	checkIndependent(t, loadHeldoutFiles(t, heldout5Glob), windows, heldout5SharedRun, realdocsPath)
}

// TestSharedRuns checks the run splitter the copy check relies on.
func TestSharedRuns(t *testing.T) {
	for _, tc := range []struct {
		s    string
		n    int
		want []string
	}{
		{"收入总计", 2, []string{"收入", "入总", "总计"}},
		{"收入", 3, nil},
		{"abc", 3, []string{"abc"}},
	} {
		got := sharedRuns(tc.s, tc.n)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("sharedRuns(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
		}
	}
}
