package duckdb

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// TestInteropArrowGoToDuckDB writes a feed with arrow-go (pqarrow) and reads
// it back through DuckDB: decimals exact to the fen at the edges of
// decimal(18,2), dates, microsecond timestamps, Chinese text and nulls.
func TestInteropArrowGoToDuckDB(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(dir, "feed")
	ts := time.Date(2026, 11, 27, 8, 1, 2, 345678000, time.UTC)
	docs := []schemas.Document{
		{DocID: "d1", Title: "罗江区科学技术协会2024年部门预算公开", County: "罗江区", Department: "区科协",
			DepartmentCanonical: "科学技术协会", Scope: "department", FiscalYear: 2024, Stage: "budget",
			PublishedAt: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), FetchedAt: ts, Attachments: 3},
		{DocID: "d2", Title: "“三公”经费（因公出国（境）费）😀", FiscalYear: 2023, Stage: "final_account"}, // zero dates → NULL
	}
	max, _ := schemas.ParseMoney("9999999999999999.99", "元")
	facts := []schemas.Fact{
		{DocID: "d1", FiscalYear: 2024, Metric: "total_income", Value: "120.66", Unit: "万元", Amount: 1206600_00, HasAmount: true,
			ChangeValue: "-4.12", ChangeAmount: -41200_00, HasChange: true, Quote: "收入预算120.66万元", Start: 3, End: 14},
		{DocID: "d1", FiscalYear: 2024, Metric: "function_class", Code: "2060701", Level: 3, Name: "机构运行",
			Value: "-0.01", Unit: "元", Amount: -1, HasAmount: true},
		{DocID: "d1", FiscalYear: 2024, Metric: "total_expenditure", Amount: max, HasAmount: true},
		{DocID: "d1", FiscalYear: 2024, Metric: "total_expenditure", Amount: -max, HasAmount: true},
		{DocID: "d1", FiscalYear: 2024, Metric: "three_public_total", Amount: 0, HasAmount: true, Value: "0", Unit: "万元"},
		{DocID: "d2", FiscalYear: 2023, Metric: "staff_in_post", Value: "5", Unit: "人", Count: 5, HasCount: true}, // amount NULL
	}
	writeFeed(t, feed, docs, facts, nil, nil, nil)
	db := filepath.Join(dir, "b.duckdb")
	ctx := context.Background()
	if err := Build(ctx, feed, db, nil); err != nil {
		t.Fatal(err)
	}
	q, err := Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()

	r, err := q.Query(ctx, "SELECT doc_id, title, fiscal_year, published_at, fetched_at, attachments, department FROM documents ORDER BY doc_id")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Rows) != len(docs) {
		t.Fatalf("%d documents, want %d", len(r.Rows), len(docs))
	}
	for i, d := range docs {
		row := r.Rows[i]
		if row[0] != d.DocID || row[1] != d.Title || row[2] != int64(d.FiscalYear) || row[5] != int64(d.Attachments) || row[6] != d.Department {
			t.Errorf("document %d = %v, want %+v", i, row, d)
		}
		checkTime(t, "published_at", row[3], d.PublishedAt)
		checkTime(t, "fetched_at", row[4], d.FetchedAt)
	}

	// The raw files, not only the views, read back the same.
	r, err = q.Query(ctx, "SELECT metric, amount_yuan, change_yuan, count, code, level, quote, start, typeof(amount_yuan) FROM read_parquet(?, hive_partitioning = true) ORDER BY fiscal_year DESC, metric, amount_yuan",
		filepath.Join(feed, "facts", "**", "*.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"function_class", "-0.01", "", "", "2060701", "3", "", "0", "DECIMAL(18,2)"},
		{"three_public_total", "0.00", "", "", "", "0", "", "0", "DECIMAL(18,2)"},
		{"total_expenditure", "-9999999999999999.99", "", "", "", "0", "", "0", "DECIMAL(18,2)"},
		{"total_expenditure", "9999999999999999.99", "", "", "", "0", "", "0", "DECIMAL(18,2)"},
		{"total_income", "1206600.00", "-41200.00", "", "", "0", "收入预算120.66万元", "3", "DECIMAL(18,2)"},
		{"staff_in_post", "", "", "5", "", "0", "", "0", "DECIMAL(18,2)"},
	}
	got := r.Strings()
	if len(got) != len(want) {
		t.Fatalf("%d facts, want %d", len(got), len(want))
	}
	for i := range want {
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Errorf("fact %d column %s = %q, want %q", i, r.Columns[j], got[i][j], want[i][j])
			}
		}
	}
	// NULLs are NULL, not zero or empty.
	r, err = q.Query(ctx, "SELECT count(*) FILTER (amount_yuan IS NULL), count(*) FILTER (count IS NULL), count(*) FILTER (change_yuan IS NULL) FROM facts")
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Strings()[0]; got[0] != "1" || got[1] != "5" || got[2] != "5" {
		t.Errorf("null counts = %v, want [1 5 5]", got)
	}
}

func checkTime(t *testing.T, name string, got any, want time.Time) {
	t.Helper()
	if want.IsZero() {
		if got != nil {
			t.Errorf("%s = %v, want NULL", name, got)
		}
		return
	}
	g, ok := got.(time.Time)
	if !ok || !g.Equal(want) {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}
