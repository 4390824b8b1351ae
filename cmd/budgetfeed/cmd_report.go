package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/budgetfeed/budgetfeed/outputs/duckdb"
	"github.com/budgetfeed/budgetfeed/outputs/report"
)

// reportPage is one comparison of the report and how to chart it.
type reportPage struct {
	slug, title, intro string
	req                duckdb.CompareRequest
	label              []string // columns joined into the bar label
	chart              report.Chart
}

func reportPages() []reportPage {
	bar := func(value, unit string) report.Chart {
		return report.Chart{Kind: report.ChartBar, Label: "label", Value: value, URL: "source_url", Quote: "quote", Unit: unit}
	}
	stacked := report.Chart{Kind: report.ChartStacked, Label: "label", Value: "amount_yuan", Segment: "class_name", URL: "source_url", Quote: "quote", Unit: "元"}
	return []reportPage{
		{"ranking_total_expenditure", "Departments ranked by total expenditure (支出总计)",
			"Every department and unit of every district, latest budget year. District roll-ups are not ranked with departments.",
			duckdb.CompareRequest{Kind: duckdb.KindRanking, Metric: "total_expenditure", Limit: 50},
			[]string{"county", "department"}, bar("amount_yuan", "元")},
		{"ranking_three_public_total", "Departments ranked by “三公”经费",
			"因公出国（境）费, 公务接待费 and 公务用车购置及运行维护费 together, latest budget year.",
			duckdb.CompareRequest{Kind: duckdb.KindRanking, Metric: "three_public_total", Limit: 50},
			[]string{"county", "department"}, bar("amount_yuan", "元")},
		{"ranking_districts_total_expenditure", "Districts ranked by total expenditure",
			"A district's roll-up document where published, else the sum of its departments (basis column).",
			duckdb.CompareRequest{Kind: duckdb.KindRanking, Metric: "total_expenditure", By: "district", Limit: 50},
			[]string{"group_name"}, bar("amount_yuan", "元")},
		{"ranking_department_types_total_expenditure", "Department types ranked by total expenditure",
			"Sum over the departments of each type (members column), latest budget year.",
			duckdb.CompareRequest{Kind: duckdb.KindRanking, Metric: "total_expenditure", By: "department_type", Limit: 50},
			[]string{"group_name"}, bar("amount_yuan", "元")},
		{"composition_function", "Spending by function class (支出功能分类, 类)",
			"Each department's 类 amounts and their exact shares of the classes it states.",
			duckdb.CompareRequest{Kind: duckdb.KindComposition, Metric: "function", Limit: 600},
			[]string{"county", "department"}, stacked},
		{"composition_economic", "Spending by economic class (支出经济分类, 类)",
			"Each department's economic 类 amounts (工资福利支出, 商品和服务支出 …) and their shares.",
			duckdb.CompareRequest{Kind: duckdb.KindComposition, Metric: "economic", Limit: 600},
			[]string{"county", "department"}, stacked},
		{"per_staff_three_public_total", "“三公”经费 per in-post staff",
			"three_public_total divided by staff_in_post (在职人员) of the same document, in yuan per person.",
			duckdb.CompareRequest{Kind: duckdb.KindPerStaff, Metric: "three_public_total", Limit: 50},
			[]string{"county", "department"}, bar("yuan_per_head", "元/人")},
		{"per_staff_operating_expenses", "机关运行经费 per in-post staff",
			"operating_expenses divided by staff_in_post of the same document.",
			duckdb.CompareRequest{Kind: duckdb.KindPerStaff, Metric: "operating_expenses", Limit: 50},
			[]string{"county", "department"}, bar("yuan_per_head", "元/人")},
		{"per_staff_personnel_expenditure", "Personnel cost (人员经费) per authorized post",
			"personnel_expenditure divided by authorized_posts (编制) of the same document.",
			duckdb.CompareRequest{Kind: duckdb.KindPerStaff, Metric: "personnel_expenditure", Limit: 50},
			[]string{"county", "department"}, bar("yuan_per_head", "元/岗")},
		{"yoy_total_expenditure", "Year-on-year change of total expenditure, with the stated reason",
			"Largest changes first. The prior figure is the one the document restates, else the previous year's document.",
			duckdb.CompareRequest{Kind: duckdb.KindYoY, Metric: "total_expenditure", Limit: 50},
			[]string{"county", "department"}, bar("change", "元")},
		{"execution_total_expenditure", "Execution rate: final account against budget",
			"决算 total expenditure as a percent of the budget of the same department and year.",
			duckdb.CompareRequest{Kind: duckdb.KindExecution, Metric: "total_expenditure", Limit: 50},
			[]string{"county", "department"}, bar("execution_pct", "%")},
		{"peers_total_expenditure", "Peers: the same kind of department across districts",
			"Each department against the exact mean of its department type, latest budget year.",
			duckdb.CompareRequest{Kind: duckdb.KindPeers, Metric: "total_expenditure", Limit: 200},
			[]string{"department_type", "county", "department"}, bar("value", "元")},
	}
}

// withLabel prepends a "label" column joining the given columns.
func withLabel(r *duckdb.Result, cols []string) report.Table {
	idx := map[string]int{}
	for i, c := range r.Columns {
		idx[c] = i
	}
	t := report.Table{Columns: append([]string{"label"}, r.Columns...)}
	for _, row := range r.Strings() {
		var parts []string
		for _, c := range cols {
			if i, ok := idx[c]; ok && row[i] != "" {
				parts = append(parts, row[i])
			}
		}
		t.Rows = append(t.Rows, append([]string{strings.Join(parts, " ")}, row...))
	}
	return t
}

// inlineSQL renders a comparison's SQL with its arguments in place, for the
// "reproduce" box of a page.
func inlineSQL(req duckdb.CompareRequest) string {
	sql, args, err := duckdb.CompareSQL(req)
	if err != nil {
		return ""
	}
	for _, a := range args {
		v := fmt.Sprint(a)
		if s, ok := a.(string); ok {
			v = "'" + strings.ReplaceAll(s, "'", "''") + "'"
		}
		sql = strings.Replace(sql, "?", v, 1)
	}
	return sql
}

func newReportCmd(a *app) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "report [--out DIR]",
		Short: "Write the static HTML report of the comparisons to out/report/",
		Long: `Write out/report/index.html and one page per comparison. Charts are inline
SVG, every figure links to the page or file it was read from, and the pages
open offline (no scripts, no external resources).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			q, err := openDB(ctx, a, out)
			if err != nil {
				return err
			}
			defer q.Close()
			rep := report.Report{
				Title:     "budgetfeed: district department budgets compared",
				Generated: time.Now(),
				Notes: []string{
					"Feed: " + q.FeedDir(),
					"Amounts are exact yuan as stated in the documents; shares and per-head figures are computed exactly and rounded to two places.",
				},
			}
			failed := 0
			for _, p := range reportPages() {
				page := report.Page{Slug: p.slug, Title: p.title, Intro: p.intro, SQL: inlineSQL(p.req), Chart: p.chart}
				r, err := q.Compare(ctx, p.req)
				if err != nil {
					if ctx.Err() != nil {
						return ctx.Err()
					}
					failed++
					a.log.Warn("comparison failed", "page", p.slug, "err", err)
					page.Err = err.Error()
				} else {
					page.Table = withLabel(r, p.label)
				}
				rep.Pages = append(rep.Pages, page)
			}
			dir := filepath.Join(out, "report")
			if err := report.Write(ctx, dir, rep, a.log); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "wrote %s (%d pages)\n", filepath.Join(dir, "index.html"), len(rep.Pages))
			if failed > 0 {
				return exitError{code: 3, msg: fmt.Sprintf("%d of %d comparisons failed (see the report)", failed, len(rep.Pages))}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "out", "output directory holding budgetfeed.duckdb and feed/; the report goes to DIR/report")
	return cmd
}
