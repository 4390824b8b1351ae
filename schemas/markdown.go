package schemas

import (
	"fmt"
	"strings"
)

// Markdown renders the reference of schema Version: every table with its
// columns and Arrow types, the metric vocabulary and the fixed values. It is
// the source of docs/schema.md (make docs), so the doc cannot drift from the
// code.
func Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# budgetfeed schema v%s\n\n", Version)
	b.WriteString("<!-- Generated from schemas/*.go by `make docs`; do not edit by hand. -->\n\n")
	b.WriteString("The contract every published file follows. Column and metric names are fixed: later versions add, never rename.\n")
	fmt.Fprintf(&b, "Every Parquet file carries `%s=%s` in its key-value metadata.\n", VersionKey, Version)
	b.WriteString("Money is `decimal128(18,2)` in yuan, exact; dates are `date32`; timestamps are `timestamp[us, UTC]`.\n\n")
	for _, t := range All {
		fmt.Fprintf(&b, "## `%s`\n\n%s\n\n", t.Name, t.Doc)
		if len(t.SortKey) > 0 {
			fmt.Fprintf(&b, "Rows are sorted by %s.\n\n", "`"+strings.Join(t.SortKey, "`, `")+"`")
		}
		b.WriteString("| column | type | null | meaning |\n| --- | --- | --- | --- |\n")
		sch := t.Schema()
		for i, c := range t.Columns {
			null := ""
			if sch.Field(i).Nullable {
				null = "yes"
			}
			doc := c.Doc
			if c.Fiscal != "" {
				doc += " *(FDP: " + c.Fiscal + ")*"
			}
			fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s |\n", c.Name, c.ArrowType(), null, strings.ReplaceAll(doc, "|", "\\|"))
		}
		b.WriteString("\n")
	}
	b.WriteString("## Metrics\n\n| metric | kind | stands for |\n| --- | --- | --- |\n")
	for _, m := range Metrics {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", m.Name, m.Kind, m.Label)
	}
	b.WriteString("\nA prior-year figure a document restates is a row with `period=prior` and the same metric; the 年初预算 figure a final account restates is `period=initial_budget`.\n\n")
	b.WriteString("## Changes within v1\n\n")
	b.WriteString("Additive only: columns are appended at the end of a table, never renamed, reordered or retyped, and `" + VersionKey + "` stays `" + Version + "` (a reader finds a column by name; see docs/feed.md).\n\n")
	b.WriteString("- 2026-11-27, `facts`: `county`, `department_type`, `scope` (copied from the fact's document) and `preferred` (`int8`, 1 on the one figure per document, fiscal year, stage, period, metric, scheme and code that comparisons use, 0 on the others). Facts published before this change lack them; `outputs/duckdb` then derives them from `documents` and the old ranking rule.\n\n")
	b.WriteString("## Fixed values\n\n")
	fmt.Fprintf(&b, "- stage: `%s`, `%s`, `%s`\n", StageBudget, StageFinalAccount, StageAdjustedBudget)
	fmt.Fprintf(&b, "- period: `%s`, `%s`, `%s`\n", PeriodCurrent, PeriodPrior, PeriodInitialBudget)
	fmt.Fprintf(&b, "- scheme: `%s`, `%s`, `%s`, `%s`\n", SchemeFunction, SchemeEconomic, SchemeFundSource, SchemeNone)
	fmt.Fprintf(&b, "- method: `%s`, `%s`\n", MethodText, MethodTable)
	fmt.Fprintf(&b, "- scope: `%s`, `%s`, `%s`\n", ScopeDepartment, ScopeUnit, ScopeDistrict)
	fmt.Fprintf(&b, "- document status: `%s`, `%s`, `%s`, `%s`\n", StatusOK, StatusNoFigures, StatusPartial, StatusFailed)
	fmt.Fprintf(&b, "- severity: `%s`, `%s`, `%s`\n", SeverityError, SeverityWarning, SeverityInfo)
	if l, err := LoadCodes(); err == nil {
		n := map[string]int{}
		for _, c := range l.All() {
			n[c.Scheme]++
		}
		fmt.Fprintf(&b, "\n## Code list\n\nThe embedded 政府收支分类科目 list has %d function-class rows and %d economic-class rows (one per code and name, with the years each name is valid); it is published as the `codes` table. See docs/codes.md.\n", n[SchemeFunction], n[SchemeEconomic])
	}
	return b.String()
}
