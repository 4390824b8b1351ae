package tables

import (
	"context"
	"testing"
)

func benchRead(b *testing.B, name string) {
	f := readFixture(b, name)
	ctx := context.Background()
	if _, err := Read(ctx, f); err != nil { // warm the pdfium pool
		b.Fatal(err)
	}
	b.SetBytes(int64(len(f.Data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ts, err := Read(ctx, f)
		if err != nil {
			b.Fatal(err)
		}
		if len(ts) == 0 {
			b.Fatal("no tables")
		}
	}
}

func BenchmarkReadXLSX(b *testing.B) { benchRead(b, "budget_2024.xlsx") }
func BenchmarkReadXLS(b *testing.B)  { benchRead(b, "budget_2024.xls") }
func BenchmarkReadDOCX(b *testing.B) { benchRead(b, "budget_2024.docx") }
func BenchmarkReadPDF(b *testing.B)  { benchRead(b, "budget_2024.pdf") }

func BenchmarkFacts(b *testing.B) {
	f := readFixture(b, "budget_2024.xlsx")
	ts, err := Read(context.Background(), f)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Facts(ts, f, Hint{FiscalYear: 2024, Stage: "budget"})
	}
}
