package pipeline

import (
	"context"
	"strings"
	"testing"

	"github.com/budgetfeed/budgetfeed/pipeline/tables"
	"github.com/budgetfeed/budgetfeed/pipeline/textify"
	"github.com/budgetfeed/budgetfeed/schemas"
)

// TestProcessRecoversPanics makes the readers panic the way a parser bug on
// one malformed file would, and checks the run would go on: an attachment
// becomes an unreadable attachment (the article's figures kept), an article
// a failed document or an error ledger row.
func TestProcessRecoversPanics(t *testing.T) {
	origTables, origHTML := readTables, articleHTML
	t.Cleanup(func() { readTables, articleHTML = origTables, origHTML })
	att := schemas.Capture{URL: "http://p.test/t.xlsx", FileName: "附件1.xlsx", StatusCode: 200, Body: []byte("PK\x03\x04 any")}

	t.Run("attachment", func(t *testing.T) {
		readTables, articleHTML = func(context.Context, tables.File) ([]tables.Table, error) {
			var cells []int
			_ = cells[-1+len(cells)] // index out of range, as in a real reader bug
			return nil, nil
		}, origHTML
		r := Process(context.Background(), disclosure("http://p.test/a.html", "区科协2024年部门预算", article, att), nil)
		if r.Skip || r.Document.Status != schemas.StatusPartial {
			t.Fatalf("document status %q (%s), want partial", r.Document.Status, r.Document.StatusDetail)
		}
		if _, ok := find(r.Facts, "basic_expenditure", schemas.PeriodCurrent); !ok {
			t.Error("the article's figures were lost with the attachment")
		}
		var ledgered bool
		for _, le := range r.Ledger {
			if le.URL == att.URL && le.Outcome == schemas.OutcomeError && strings.Contains(le.Detail, "internal error") && strings.Contains(le.Detail, att.URL) {
				ledgered = true
			}
		}
		if !ledgered {
			t.Errorf("no error ledger row naming %s: %+v", att.URL, r.Ledger)
		}
	})

	t.Run("article with year and stage in the title", func(t *testing.T) {
		readTables = origTables
		articleHTML = func(string) (textify.Article, error) { panic("reader bug") }
		r := Process(context.Background(), disclosure("http://p.test/b.html", "区科协2024年部门预算", article), nil)
		if r.Skip || r.Document.Status != schemas.StatusFailed || len(r.Facts) != 0 {
			t.Fatalf("want a failed document without facts, got skip=%v status=%q facts=%d", r.Skip, r.Document.Status, len(r.Facts))
		}
		d := r.Document
		if d.FiscalYear != 2024 || d.Stage != schemas.StageBudget || !strings.Contains(d.StatusDetail, "http://p.test/b.html") {
			t.Errorf("document: %+v", d)
		}
		if len(r.Quality) != 1 || r.Quality[0].RuleID != "document.unreadable" || r.Quality[0].DocID != d.DocID {
			t.Errorf("quality: %+v", r.Quality)
		}
	})

	t.Run("article without year or stage in the title", func(t *testing.T) {
		readTables = origTables
		articleHTML = func(string) (textify.Article, error) { panic("reader bug") }
		r := Process(context.Background(), disclosure("http://p.test/c.html", "通知公告", article), nil)
		if !r.Skip || len(r.Ledger) != 1 || r.Ledger[0].Outcome != schemas.OutcomeError || r.Ledger[0].URL != "http://p.test/c.html" {
			t.Fatalf("want one error ledger row, got skip=%v ledger=%+v", r.Skip, r.Ledger)
		}
	})
}
