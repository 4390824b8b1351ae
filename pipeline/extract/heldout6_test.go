package extract

import "testing"

// Held-out set 6 (testdata/heldout6) is the sixth held-out set: excerpts written blind (without
// reading the extractor, its documentation or held-out sets 1-5) in the
// style of 部门预算/决算 情况说明 from many provinces' templates and unit
// kinds. Its blind score after the fifth round (precision 0.9988, recall
// 0.9468, strict precision 0.9976; scored once mid-round at 0.9988 / 0.9446,
// docs/evaluation.md) was the honest estimate until the sixth round tuned on
// its failure categories; since then it is a gate like sets 1-5, and the
// seventh set is the blind measure.

// TestHeldout6 scores the sixth held-out set with runHeldoutSet (the scoring
// of TestHeldout) and reports precision and recall. It fails
// on malformed records and, since the sixth round, on a score below the
// targets for unseen documents (precision >= 0.995, recall >= 0.95), like
// sets 1-5.
func TestHeldout6(t *testing.T) { runHeldoutSet(t, 6, true) }

// TestHeldout6NotCopied checks that no run of heldoutSharedRun characters
// of an excerpt of the set occurs in the real development excerpts (skipped
// when dev.jsonl is absent) or in held-out sets 1-5, so the set is this
// project's own, independent text.
func TestHeldout6NotCopied(t *testing.T) { checkHeldoutSetNotCopied(t, 6, true) }
