package extract

import "testing"

// Held-out set 7 (testdata/heldout7) is the seventh held-out set: excerpts written blind (without
// reading the extractor, its documentation or held-out sets 1-6) in the
// style of 部门预算/决算 情况说明 from every region's templates and many unit
// kinds (委办局, 街道, 乡镇, schools, hospitals, 事业单位, 群团, 人大/政协).
// Its blind score after the sixth round (precision 0.9886, recall 0.8262,
// strict precision 0.9886; docs/evaluation.md) was the honest estimate until
// the seventh round tuned on its failure families; since then it is a gate
// like sets 1-6, and the eighth set is the blind measure.

// TestHeldout7 scores the seventh held-out set with runHeldoutSet (the scoring
// of TestHeldout) and reports precision and recall. It fails
// on malformed records and, since the seventh round, on a score below the
// targets for unseen documents (precision >= 0.995, recall >= 0.95), like
// sets 1-6.
func TestHeldout7(t *testing.T) { runHeldoutSet(t, 7, true) }

// TestHeldout7NotCopied loads every record of the seventh set (which rejects
// malformed ones) and checks that no run of heldoutSharedRun characters of
// an excerpt occurs in the real development excerpts (skipped when dev.jsonl
// is absent) or in held-out sets 1-6, so the set is this project's own,
// independent text. It does not run the extractor.
func TestHeldout7NotCopied(t *testing.T) { checkHeldoutSetNotCopied(t, 7, true) }
