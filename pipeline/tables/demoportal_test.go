package tables

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/budgetfeed/budgetfeed/sources/demoportal"
)

var (
	demoOnce sync.Once
	demoSite *demoportal.Site
)

func demo() *demoportal.Site {
	demoOnce.Do(func() { demoSite = demoportal.Generate(demoportal.DefaultSeed) })
	return demoSite
}

// TestDemoPortalAttachments reads every table attachment of the embedded
// demo portal (default seed) with Read and Facts, in whatever format it is
// served (.xlsx, .xls, .docx, or the committed .pdf conversions), and
// requires exactly the generator's truth: every truth fact published with
// its exact amount, nothing else, and (except for PDFs, whose page layout
// is LibreOffice's) at the sheet and cell the truth names. The legacy Word
// attachments must be refused as unsupported.
func TestDemoPortalAttachments(t *testing.T) {
	s := demo()
	formats := map[string]int{}
	for _, d := range s.Truth() {
		formats[d.AttachmentFormat]++
		want := map[string]demoportal.TruthFact{}
		for _, f := range d.TableFacts {
			want[demoKey(f.Metric, f.Period, f.Scheme, f.Code)] = f
		}
		at := map[string]string{} // attachment!sheet!cell → key, from the truth
		for _, c := range d.TableCells {
			f := d.TableFacts[c.Fact]
			at[c.Attachment+"!"+c.Sheet+"!"+c.Cell] = demoKey(f.Metric, f.Period, f.Scheme, f.Code)
		}
		hint := Hint{FiscalYear: d.FiscalYear, Stage: d.Stage, Department: d.Department}
		got := map[string]bool{}
		for _, a := range d.Attachments {
			body, _ := s.Body(a)
			f := File{Name: a, URL: "http://demo.test" + a, Data: body}
			ts, err := Read(context.Background(), f)
			if err != nil {
				t.Errorf("%s: %v", a, err)
				continue
			}
			facts, _ := Facts(ts, f, hint)
			for _, fa := range facts {
				k := demoKey(fa.Metric, fa.Period, fa.Scheme, fa.Code)
				got[k] = true
				w, ok := want[k]
				switch {
				case !ok:
					t.Errorf("%s (%s): %s = %s at %s!%s is not in the truth%s", a, d.AttachmentFormat, k, fa.Value, fa.Sheet, fa.Cell, rerun(d))
				case !fa.HasAmount || fa.Amount != w.Amount:
					t.Errorf("%s (%s): %s = %s (%q %s), truth %s%s", a, d.AttachmentFormat, k, fa.Amount, fa.Value, fa.Unit, w.Amount, rerun(d))
				case d.AttachmentFormat != demoportal.FormatPDF && at[a+"!"+fa.Sheet+"!"+fa.Cell] != k:
					t.Errorf("%s: %s read at %s!%s, where the truth has %q", a, k, fa.Sheet, fa.Cell, at[a+"!"+fa.Sheet+"!"+fa.Cell])
				}
			}
		}
		for k := range want {
			if !got[k] {
				t.Errorf("%s (%s): truth %s not read%s", d.Path, d.AttachmentFormat, k, rerun(d))
			}
		}
		for _, a := range d.UnsupportedAttachments {
			body, _ := s.Body(a)
			if _, err := Read(context.Background(), File{Name: a, Data: body}); !errors.Is(err, ErrUnsupported) {
				t.Errorf("%s: %v, want ErrUnsupported", a, err)
			}
		}
	}
	t.Logf("documents by attachment format: %v", formats)
	for _, f := range []string{demoportal.FormatXLSX, demoportal.FormatXLS, demoportal.FormatDOCX} {
		if formats[f] < 10 {
			t.Errorf("only %d documents with %s attachments", formats[f], f)
		}
	}
	if formats[demoportal.FormatPDF] < 3 {
		t.Errorf("%d documents with PDF attachments, want ≥ 3 (committed PDFs stale? see sources/demoportal/testdata/README)", formats[demoportal.FormatPDF])
	}
}

func demoKey(metric, period, scheme, code string) string {
	if scheme == "" {
		scheme = schemas.SchemeNone
	}
	return fmt.Sprintf("%s|%s|%s|%s", metric, period, scheme, code)
}

func rerun(d demoportal.TruthDoc) string {
	if d.AttachmentFormat == demoportal.FormatPDF {
		return " — the committed PDF no longer matches the generator: re-run the command in sources/demoportal/testdata/README"
	}
	return ""
}
