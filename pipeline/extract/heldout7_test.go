package extract

import (
	"fmt"
	"path/filepath"
	"testing"
)

// heldout7Glob is the seventh held-out set: excerpts written blind (without
// reading the extractor, its documentation or held-out sets 1-6) in the
// style of 部门预算/决算 情况说明 from every region's templates and many unit
// kinds (委办局, 街道, 乡镇, schools, hospitals, 事业单位, 群团, 人大/政协).
// Its blind score after the sixth round (precision 0.9886, recall 0.8262,
// strict precision 0.9886; docs/evaluation.md) was the honest estimate until
// the seventh round tuned on its failure families; since then it is a gate
// like sets 1-6, and the eighth set is the blind measure.
var heldout7Glob = filepath.Join("testdata", "heldout7", "*.jsonl")

// heldout7SharedRun is the length of a character run that the set may not
// share with ../shared/realdocs/dev.jsonl or with held-out sets 1-6.
const heldout7SharedRun = 24

// TestHeldout7 scores the seventh held-out set with scoreHeldout (the scoring
// of TestHeldout and TestHeldout6) and reports precision and recall. It fails
// on malformed records and, since the seventh round, on a score below the
// targets for unseen documents (precision >= 0.995, recall >= 0.95), like
// sets 1-6.
func TestHeldout7(t *testing.T) {
	docs := loadHeldoutFiles(t, heldout7Glob)
	if t.Failed() {
		t.FailNow()
	}
	s := scoreHeldout(t, docs)
	if s.goldN == 0 {
		t.Fatalf("%s: no gold facts", heldout7Glob)
	}
	s.logMetrics(t)
	t.Logf("docs=%d gold=%d found=%d extracted=%d correct=%d false_positives=%d",
		len(docs), s.goldN, s.found, s.extracted, s.correct, s.falsePos)
	line := fmt.Sprintf("heldout7: precision=%.4f recall=%.4f strict_precision=%.4f",
		s.precision(), s.recall(), s.strict())
	t.Log(line)
	fmt.Println(line)
	// Blind until the seventh round tuned on it (blind score 0.9886 /
	// 0.8262, docs/evaluation.md); since then a gate like sets 1-6.
	if s.precision() < 0.995 || s.recall() < 0.95 {
		t.Errorf("heldout7 below the targets for unseen documents: precision %.4f (want >= 0.995), recall %.4f (want >= 0.95)", s.precision(), s.recall())
	}
}

// TestHeldout7NotCopied loads every record of the seventh set (which rejects
// malformed ones) and checks that no run of heldout7SharedRun characters of
// an excerpt occurs in the real development excerpts (skipped when dev.jsonl
// is absent) or in held-out sets 1-6, so the set is this project's own,
// independent text. It does not run the extractor.
func TestHeldout7NotCopied(t *testing.T) {
	docs := loadHeldoutFiles(t, heldout7Glob)
	if t.Failed() {
		t.FailNow()
	}
	t.Run("dev", func(t *testing.T) {
		windows, ok := runWindows(t, realdocsPath, heldout7SharedRun)
		if !ok {
			t.Skipf("%s absent", realdocsPath)
		}
		if len(windows) == 0 {
			t.Skipf("%s: no text", realdocsPath)
		}
		checkIndependent(t, docs, windows, heldout7SharedRun, realdocsPath)
	})
	t.Run("sets1-6", func(t *testing.T) {
		// Sets 1-6 only: later sets are written after this one and check
		// their own independence (a later set must never be read here).
		var files []string
		for _, dir := range []string{"heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6"} {
			fs, err := filepath.Glob(filepath.Join("testdata", dir, "*.jsonl"))
			if err != nil {
				t.Fatalf("glob held-out set %s: %v", dir, err)
			}
			if len(fs) == 0 {
				t.Fatalf("held-out set %s: no files", dir)
			}
			files = append(files, fs...)
		}
		n := 0
		for _, file := range files {
			windows, ok := runWindows(t, file, heldout7SharedRun)
			if !ok {
				t.Fatalf("%s: listed but not readable", file)
			}
			checkIndependent(t, docs, windows, heldout7SharedRun, file)
			n++
		}
		if n < 6 {
			t.Fatalf("found %d other held-out sets under testdata/heldout*, want sets 1-6", n)
		}
	})
}
