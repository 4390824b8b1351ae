package tables

import (
	"context"

	"github.com/budgetfeed/budgetfeed/pipeline/textify"
)

// The .docx and PDF readers of this package are textify's converters for
// those formats, so textify.File turns attachments into the plain text the
// narrative extractor reads (table rows as "a | b" lines). Registered here,
// not in textify, because textify must not import tables.
func init() {
	textify.Register("pdf", textConverter("pdf"), ".pdf")
	textify.Register("docx", textConverter("docx"), ".docx")
}

func textConverter(format string) textify.Converter {
	return func(name string, data []byte) (textify.Document, error) {
		// textify's Converter carries no context; a PDF read is bounded by
		// the page and size caps of this package.
		s, err := Text(context.Background(), File{Name: name, Data: data})
		if err != nil {
			return textify.Document{}, err
		}
		return textify.Document{Text: s, Format: format}, nil
	}
}
