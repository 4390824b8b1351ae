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

// demoGrids reads the grids of every demo portal table attachment once.
func demoGrids(b *testing.B) []*grid {
	site := demo()
	ctx := context.Background()
	var gs []*grid
	for _, d := range site.Truth() {
		for _, a := range d.Attachments {
			body, _ := site.Body(a)
			fm, err := Detect(body)
			if err != nil {
				continue
			}
			var grids []*grid
			switch fm {
			case FormatXLSX:
				grids, err = xlsxGrids(ctx, body)
			case FormatXLS:
				grids, err = xlsGrids(ctx, body)
			case FormatDOCX:
				var doc *docxDoc
				if doc, err = parseDOCX(body); err == nil {
					grids = []*grid{doc.grid()}
				}
			case FormatPDF:
				grids, err = pdfGrids(ctx, body)
			}
			if err != nil {
				b.Fatalf("%s: %v", a, err)
			}
			gs = append(gs, grids...)
		}
	}
	return gs
}

// BenchmarkRecognise: table recognition (grid → tables) of every demo
// portal attachment, all formats; one op is the whole portal.
func BenchmarkRecognise(b *testing.B) {
	gs := demoGrids(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, g := range gs {
			recognise(g)
		}
	}
}

// BenchmarkFactsDemo: Facts of every demo portal document's tables; one op
// is the whole portal.
func BenchmarkFactsDemo(b *testing.B) {
	site := demo()
	type doc struct {
		ts   []Table
		f    File
		hint Hint
	}
	var docs []doc
	for _, d := range site.Truth() {
		for _, a := range d.Attachments {
			body, _ := site.Body(a)
			f := File{Name: a, URL: "http://demo.test" + a, Data: body}
			ts, err := Read(context.Background(), f)
			if err != nil {
				continue
			}
			docs = append(docs, doc{ts, f, Hint{FiscalYear: d.FiscalYear, Stage: d.Stage, Department: d.Department}})
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			Facts(d.ts, d.f, d.hint)
		}
	}
}

// BenchmarkDemoAttachments is the table work of the national-scale run:
// Read and Facts of every table attachment of the demo portal's 144
// documents (.xlsx, .xls, .docx, .pdf as served); one op is the whole
// portal, ns/doc the cost per document.
func BenchmarkDemoAttachments(b *testing.B) {
	site := demo()
	type att struct {
		f    File
		hint Hint
	}
	var atts []att
	docs := 0
	for _, d := range site.Truth() {
		docs++
		for _, a := range d.Attachments {
			body, _ := site.Body(a)
			atts = append(atts, att{File{Name: a, URL: "http://demo.test" + a, Data: body}, Hint{FiscalYear: d.FiscalYear, Stage: d.Stage, Department: d.Department}})
		}
	}
	ctx := context.Background()
	for _, a := range atts { // warm the pdfium pool
		Read(ctx, a.f)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range atts {
			ts, err := Read(ctx, a.f)
			if err != nil {
				continue // the legacy .doc attachments
			}
			Facts(ts, a.f, a.hint)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*docs), "ns/doc")
}
