package tables

import (
	"context"
	"testing"

	"github.com/budgetfeed/budgetfeed/sources/demoportal"
)

// benchXLSXCorpus returns the demo portal's .xlsx attachments: the small
// standard-table workbooks of the national-scale corpus.
func benchXLSXCorpus(b *testing.B) [][]byte {
	b.Helper()
	site := demoportal.Generate(demoportal.DefaultSeed)
	var out [][]byte
	for _, doc := range site.Truth() {
		for _, p := range doc.Attachments {
			body, ok := site.Body(p)
			if ok {
				if fm, _ := Detect(body); fm == FormatXLSX {
					out = append(out, body)
				}
			}
		}
	}
	if len(out) == 0 {
		b.Fatal("no .xlsx attachments")
	}
	return out
}

func benchXLSXGrids(b *testing.B, read func(ctx context.Context, data []byte) ([]*grid, error)) {
	corpus := benchXLSXCorpus(b)
	ctx := context.Background()
	var size int64
	for _, d := range corpus {
		size += int64(len(d))
	}
	b.SetBytes(size / int64(len(corpus)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		gs, err := read(ctx, corpus[i%len(corpus)])
		if err != nil {
			b.Fatal(err)
		}
		if len(gs) == 0 {
			b.Fatal("no grids")
		}
	}
}

// BenchmarkXLSXExcelize: one small .xlsx attachment through excelize.
func BenchmarkXLSXExcelize(b *testing.B) { benchXLSXGrids(b, excelizeGrids) }

// BenchmarkXLSXFast: the same attachments through the fast path (no
// fallback happens on them: TestXLSXFastDemoPortal).
func BenchmarkXLSXFast(b *testing.B) {
	benchXLSXGrids(b, func(ctx context.Context, data []byte) ([]*grid, error) {
		gs, ok, err := xlsxGridsFast(ctx, data)
		if !ok && err == nil {
			b.Fatal("fast path fell back")
		}
		return gs, err
	})
}
