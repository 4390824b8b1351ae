package pipeline

import (
	"cmp"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// preferKey is what makes two facts the same figure for the comparisons:
// one document, fiscal year, stage, period, metric, scheme and code.
type preferKey struct {
	docID, stage, period, metric, scheme, code string
	year                                       int32
}

// classMetric reports whether the metric is a class breakdown, read
// preferably from the table (every class with its exact amount) rather than
// from the narrative text.
func classMetric(metric string) bool {
	return metric == "function_class" || metric == "economic_class"
}

// preferCompare orders two facts of one preferKey; the smaller one is the
// preferred figure. The order is the one the comparison macros used when
// they ranked duplicates themselves:
//
//   - class metrics (function_class, economic_class): a figure with an amount
//     first (the composition reads only classes with an amount), then the
//     table cell before the text;
//   - every other metric: the text quote before the table cell;
//   - then by start offset, location and quote (byte order), so the choice
//     does not depend on the order the facts were read in.
func preferCompare(a, b *schemas.Fact) int {
	if classMetric(a.Metric) {
		if c := cmpTrueFirst(a.HasAmount, b.HasAmount); c != 0 {
			return c
		}
		if c := cmpTrueFirst(a.Method == schemas.MethodTable, b.Method == schemas.MethodTable); c != 0 {
			return c
		}
	} else if c := cmpTrueFirst(a.Method == schemas.MethodText, b.Method == schemas.MethodText); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Start, b.Start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Location, b.Location); c != 0 {
		return c
	}
	return cmp.Compare(a.Quote, b.Quote)
}

func cmpTrueFirst(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	default:
		return 1
	}
}

// markPreferred sets Preferred on exactly one fact per document, fiscal
// year, stage, period, metric, scheme and code (see preferCompare) and clears
// it on the others. The facts keep their order.
func markPreferred(fs []schemas.Fact) {
	best := make(map[preferKey]int, len(fs))
	for i := range fs {
		f := &fs[i]
		f.Preferred = false
		k := preferKey{f.DocID, f.Stage, f.Period, f.Metric, f.Scheme, f.Code, f.FiscalYear}
		j, ok := best[k]
		if !ok || preferCompare(f, &fs[j]) < 0 {
			best[k] = i
		}
	}
	for _, i := range best {
		fs[i].Preferred = true
	}
}
