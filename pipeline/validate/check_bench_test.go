package validate_test

import (
	"context"
	"testing"
	"time"

	"github.com/budgetfeed/budgetfeed/pipeline"
	"github.com/budgetfeed/budgetfeed/pipeline/validate"
	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/budgetfeed/budgetfeed/sources/demoportal"
)

// checkInput is what the pipeline passes Check for one document.
type checkInput struct {
	docID string
	year  int32
	facts []schemas.Fact
}

// demoCheckInputs extracts the demo portal's documents (page and
// attachments, without HTTP) and returns the facts Check sees for each.
func demoCheckInputs(tb testing.TB) []checkInput {
	tb.Helper()
	ds, err := demoportal.Generate(demoportal.DefaultSeed).Disclosures("http://bench.invalid", time.Now().UTC())
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]checkInput, 0, len(ds))
	for _, d := range ds {
		r := pipeline.Process(context.Background(), d, nil)
		out = append(out, checkInput{r.Document.DocID, r.Document.FiscalYear, r.Facts})
	}
	return out
}

// BenchmarkCheck validates the facts of one demo portal document per op.
func BenchmarkCheck(b *testing.B) {
	in := demoCheckInputs(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := in[i%len(in)]
		validate.Check(c.docID, c.year, c.facts)
	}
}
