package tables

import (
	"context"
	"fmt"
	"strings"
)

// Text returns the plain text of a .docx or PDF attachment for the narrative
// extractor: paragraphs as lines, table rows as "a | b" lines (.docx), and
// for PDF the lines of each page in reading order (top to bottom, left to
// right) with cells separated by " | ". Spreadsheets and unsupported formats
// return an error (ErrUnsupported for the latter).
func Text(ctx context.Context, f File) (string, error) {
	if len(f.Data) > MaxFileBytes {
		return "", fmt.Errorf("text of %s: %d bytes: %w", f.label(), len(f.Data), ErrTooLarge)
	}
	fm, zr, err := detect(f.Data)
	if err != nil {
		return "", fmt.Errorf("text of %s: %w", f.label(), err)
	}
	switch fm {
	case FormatDOCX:
		d, err := parseDOCXZip(zr)
		if err != nil {
			return "", fmt.Errorf("text of %s (docx): %w", f.label(), err)
		}
		return d.text(), nil
	case FormatPDF:
		pages, err := pdfPages(ctx, f.Data)
		if err != nil {
			return "", fmt.Errorf("text of %s (pdf): %w", f.label(), err)
		}
		var b strings.Builder
		for i, p := range pages {
			if i > 0 {
				b.WriteString("\f\n")
			}
			for _, l := range pdfLines(i+1, p) {
				var cells []string
				for _, r := range l.runs {
					cells = append(cells, strings.TrimSpace(r.text))
				}
				b.WriteString(strings.Join(cells, " | "))
				b.WriteByte('\n')
			}
		}
		return b.String(), nil
	}
	return "", fmt.Errorf("text of %s: %s is a spreadsheet, read it with Read: %w", f.label(), fm, ErrUnsupported)
}
