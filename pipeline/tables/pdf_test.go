package tables

import (
	"reflect"
	"testing"
)

// TestPDFRunOverFirstColumn: a run whose middle lies in the second column
// and that covers most of the first (a name printed across the border)
// starts at the first column and spans the second. The reader used to look
// left of the first column and panic (index -1), taking the whole process
// down on such a PDF (found on a real-world PDF, the shared-mime-info
// specification).
func TestPDFRunOverFirstColumn(t *testing.T) {
	run := func(text string, l, r float64) pdfText {
		return pdfText{text: text, left: l, right: r, top: 0, bottom: 10}
	}
	lines := []pdfLine{
		{page: 1, lineN: 1, runs: []pdfText{run("名称", 10, 40), run("100.00", 100, 130), run("200.00", 200, 230)}},
		{page: 1, lineN: 2, runs: []pdfText{run("跨两列的名称", 30, 128)}},
	}
	cols := pdfColumns(lines)
	if len(cols) != 3 || !(cols[0].r < 79 && 79 < cols[1].r) {
		t.Fatalf("columns %v: the case needs three, the run's middle (79) in the second", cols)
	}
	rows := pdfSegmentRows(lines)
	want := []gcell{{text: "跨两列的名称", addr: "r2c1"}, {text: "跨两列的名称", span: true}, {}}
	if len(rows) != 2 || !reflect.DeepEqual(rows[1].cells, want) {
		t.Fatalf("rows %+v, want the second %+v", rows, want)
	}
}
