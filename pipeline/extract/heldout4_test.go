package extract

import (
	"path/filepath"
	"strings"
	"testing"
)

// heldout4Glob is the fourth held-out set: 部门预算/部门决算 情况说明
// excerpts written from scratch for this project (fictional departments,
// districts of provinces the other sets rarely use, own wording), annotated
// like ../shared/realdocs/dev.jsonl and committed before the extractor was
// first run on them. Nobody tunes the extractor on it: it only reports an
// honest estimate of precision and recall on unseen documents. Gold changes
// only for objective annotation errors, listed in the commit message.
var heldout4Glob = filepath.Join("testdata", "heldout4", "*.jsonl")

// heldout4MinDocs is the size the set was written to; fewer records means
// the file was truncated.
const heldout4MinDocs = 40

// loadHeldout4 reads and checks the fourth held-out set (loadHeldoutFiles:
// malformed records fail the test) and checks its composition.
func loadHeldout4(t *testing.T) []heldoutDoc {
	t.Helper()
	docs := loadHeldoutFiles(t, heldout4Glob)
	if len(docs) < heldout4MinDocs {
		t.Errorf("%s: %d records, want at least %d", heldout4Glob, len(docs), heldout4MinDocs)
	}
	for _, d := range docs {
		if d.Department == nil || strings.TrimSpace(*d.Department) == "" {
			t.Errorf("%s: no department", d.ID)
		}
		if len(d.Covers) == 0 {
			t.Errorf("%s: covers is empty (name the wording patterns it exercises)", d.ID)
		}
	}
	return docs
}

// TestHeldout4 reports precision and recall on the fourth held-out set with
// the one scoring of every held-out set (reportHeldoutSet). Blind until the
// round that tuned on it (blind score 0.9975 / 0.8313, docs/evaluation.md);
// since then it fails below the targets (precision >= 0.995, recall >= 0.95)
// like sets 1-3.
func TestHeldout4(t *testing.T) { reportHeldoutSet(t, 4, loadHeldout4(t), true) }

// TestHeldout4IndependentOfDev guards the set's independence from the
// development excerpts: no run of 24 characters of a heldout4 text may occur
// in ../shared/realdocs/dev.jsonl. Skipped when the development set is absent.
func TestHeldout4IndependentOfDev(t *testing.T) {
	windows, ok := runWindows(t, realdocsPath, devRun)
	if !ok {
		t.Skipf("real documents not available: %s", realdocsPath)
	}
	// The check itself must find a planted run.
	const probe = "区财政局二〇二四年部门预算公开说明附表一至附表九的填报口径"
	if id, _ := sharedRun(map[string]string{string([]rune(probe)[3 : 3+devRun]): "probe"}, devRun, "前言"+probe); id != "probe" {
		t.Fatalf("sharedRun misses a planted run of %d characters", devRun)
	}
	checkIndependent(t, loadHeldout4(t), windows, devRun, "development excerpt")
}
