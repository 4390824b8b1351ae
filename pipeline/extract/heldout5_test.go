package extract

import (
	"fmt"
	"testing"
)

// Held-out set 5 (testdata/heldout5) is the fifth held-out set: excerpts written blind (without
// reading the extractor or held-out sets 1-4) in the style of 部门预算/决算
// 情况说明 from provinces and unit kinds the other sets rarely use. Its blind
// score (precision 0.9963, recall 0.9215, docs/evaluation.md) was the honest
// estimate until the fifth round tuned on its failure categories; since then
// it is a gate like sets 1-4, and the sixth set is the blind measure.

// TestHeldout5 scores the fifth held-out set with runHeldoutSet (the scoring
// of TestHeldout) and reports precision and recall. It fails on malformed
// records and, since the fifth round, on a score below the targets for
// unseen documents (precision >= 0.995, recall >= 0.95), like sets 1-4.
func TestHeldout5(t *testing.T) { runHeldoutSet(t, 5, true) }

// TestHeldout5NotCopied checks that no run of heldoutSharedRun characters
// of a held-out excerpt occurs in the real development excerpts, so the set
// is this project's own text. It skips when dev.jsonl is absent.
func TestHeldout5NotCopied(t *testing.T) { checkHeldoutSetNotCopied(t, 5, false) }

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
