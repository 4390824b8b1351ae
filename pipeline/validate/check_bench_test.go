package validate_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
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
	site := demoportal.Generate(demoportal.DefaultSeed)
	var out []checkInput
	for _, td := range site.Truth() {
		body, ok := site.Body(td.Path)
		if !ok {
			tb.Fatalf("no body for %s", td.Path)
		}
		d := schemas.Disclosure{Source: "bench", Title: td.Title, PublishedAt: td.PublishedAt,
			Region: schemas.Region{Province: td.Province, City: td.City, County: td.County, Code: td.RegionCode},
			Page:   schemas.Capture{URL: "http://bench.invalid" + td.Path, StatusCode: 200, Body: body, FetchedAt: time.Now().UTC()}}
		for _, ap := range td.Attachments {
			ab, ok := site.Body(ap)
			if !ok {
				tb.Fatalf("no attachment %s", ap)
			}
			h := sha256.Sum256(ab)
			d.Attachments = append(d.Attachments, schemas.Capture{URL: "http://bench.invalid" + ap, StatusCode: 200,
				Body: ab, FileName: ap, PayloadSHA256: hex.EncodeToString(h[:])})
		}
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
