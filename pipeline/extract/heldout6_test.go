package extract

import (
	"fmt"
	"path/filepath"
	"testing"
)

// heldout6Glob is the sixth held-out set: excerpts written blind (without
// reading the extractor, its documentation or held-out sets 1-5) in the
// style of 部门预算/决算 情况说明 from many provinces' templates and unit
// kinds. Its blind score after the fifth round (precision 0.9988, recall
// 0.9468, strict precision 0.9976; scored once mid-round at 0.9988 / 0.9446,
// docs/evaluation.md) was the honest estimate until the sixth round tuned on
// its failure categories; since then it is a gate like sets 1-5, and the
// seventh set is the blind measure.
var heldout6Glob = filepath.Join("testdata", "heldout6", "*.jsonl")

// heldout6SharedRun is the length of a character run that the set may not
// share with ../shared/realdocs/dev.jsonl or with held-out sets 1-5.
const heldout6SharedRun = 24

// TestHeldout6 scores the sixth held-out set with scoreHeldout (the scoring
// of TestHeldout and TestHeldout5) and reports precision and recall. It fails
// on malformed records and, since the sixth round, on a score below the
// targets for unseen documents (precision >= 0.995, recall >= 0.95), like
// sets 1-5.
func TestHeldout6(t *testing.T) {
	docs := loadHeldoutFiles(t, heldout6Glob)
	if t.Failed() {
		t.FailNow()
	}
	s := scoreHeldout(t, docs)
	if s.goldN == 0 {
		t.Fatalf("%s: no gold facts", heldout6Glob)
	}
	s.logMetrics(t)
	t.Logf("docs=%d gold=%d found=%d extracted=%d correct=%d false_positives=%d",
		len(docs), s.goldN, s.found, s.extracted, s.correct, s.falsePos)
	line := fmt.Sprintf("heldout6: precision=%.4f recall=%.4f strict_precision=%.4f",
		s.precision(), s.recall(), s.strict())
	t.Log(line)
	fmt.Println(line)
	// Blind until the sixth round tuned on it (blind score 0.9988 / 0.9468,
	// docs/evaluation.md); since then a gate like sets 1-5.
	if s.precision() < 0.995 || s.recall() < 0.95 {
		t.Errorf("heldout6 below the targets for unseen documents: precision %.4f (want >= 0.995), recall %.4f (want >= 0.95)", s.precision(), s.recall())
	}
}

// TestHeldout6NotCopied checks that no run of heldout6SharedRun characters
// of an excerpt of the set occurs in the real development excerpts (skipped
// when dev.jsonl is absent) or in held-out sets 1-5, so the set is this
// project's own, independent text.
func TestHeldout6NotCopied(t *testing.T) {
	docs := loadHeldoutFiles(t, heldout6Glob)
	if t.Failed() {
		t.FailNow()
	}
	t.Run("dev", func(t *testing.T) {
		windows, ok := runWindows(t, realdocsPath, heldout6SharedRun)
		if !ok {
			t.Skipf("%s absent", realdocsPath)
		}
		if len(windows) == 0 {
			t.Skipf("%s: no text", realdocsPath)
		}
		checkIndependent(t, docs, windows, heldout6SharedRun, realdocsPath)
	})
	t.Run("sets1-5", func(t *testing.T) {
		// Sets 1-5 only: later sets are written after this one and check
		// their own independence (a later set must not be compared here).
		var files []string
		for _, dir := range []string{"heldout", "heldout2", "heldout3", "heldout4", "heldout5"} {
			fs, err := filepath.Glob(filepath.Join("testdata", dir, "*.jsonl"))
			if err != nil {
				t.Fatalf("glob held-out set %s: %v", dir, err)
			}
			files = append(files, fs...)
		}
		n := 0
		for _, file := range files {
			windows, ok := runWindows(t, file, heldout6SharedRun)
			if !ok {
				t.Fatalf("%s: listed but not readable", file)
			}
			checkIndependent(t, docs, windows, heldout6SharedRun, file)
			n++
		}
		if n == 0 {
			t.Fatalf("no other held-out set found under testdata/heldout*")
		}
	})
}
