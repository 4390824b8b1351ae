package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/budgetfeed/budgetfeed/outputs/duckdb"
)

func newCompareCmd(a *app) *cobra.Command {
	var (
		out, format string
		req         duckdb.CompareRequest
		year        int
		showSQL     bool
	)
	cmd := &cobra.Command{
		Use:   "compare METRIC [--kind ranking|composition|per_staff|yoy|execution|peers|split] [--year Y] [--by department|department_type|district]",
		Short: "Compare departments on a metric, with the source of every figure",
		Long: `Compare departments on a metric. Every row carries doc_id, source_url and
the quote that states the figure. Money stays exact (DECIMAL yuan).

Kinds:
  ranking      departments by METRIC, across districts or within --county;
               --by department_type sums types, --by district ranks districts
  composition  METRIC is function or economic: each department's class shares
  per_staff    METRIC per in-post staff (personnel_expenditure: per post)
  yoy          change against the prior year, with the stated reason
  execution    final account as a percent of the budget
  peers        the same department type across districts
  split        basic vs project expenditure per department (METRIC basic_project)

METRIC may name a class by code: function_class:206.`,
		Example: `  budgetfeed compare total_expenditure
  budgetfeed compare three_public_total --kind per_staff --year 2024 --format markdown
  budgetfeed compare function --kind composition --county 罗江区
  budgetfeed compare basic_project --kind split --year 2024`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "table", "csv", "json", "markdown"); err != nil {
				return err
			}
			req.Metric = args[0]
			if year < 0 || year > 9999 {
				return exitError{code: 2, msg: fmt.Sprintf("bad --year %d", year)}
			}
			req.Year = int32(year)
			sql, sqlArgs, err := duckdb.CompareSQL(req)
			if err != nil {
				return exitError{code: 2, msg: err.Error()}
			}
			if showSQL {
				fmt.Fprintf(a.stderr, "-- %s\n-- args: %v\n", sql, sqlArgs)
			}
			ctx := cmd.Context()
			q, err := openDB(ctx, a, out)
			if err != nil {
				return err
			}
			defer q.Close()
			r, err := q.Compare(ctx, req)
			if err != nil {
				return err
			}
			return duckdb.Format(a.stdout, r, format)
		},
	}
	f := cmd.Flags()
	f.StringVar(&out, "out", "out", "output directory holding budgetfeed.duckdb and feed/")
	f.StringVar(&format, "format", "table", "table | csv | json | markdown")
	f.StringVar(&req.Kind, "kind", duckdb.KindRanking, strings.Join(duckdb.Kinds, " | "))
	f.IntVar(&year, "year", 0, "fiscal year (default: the latest with data)")
	f.StringVar(&req.By, "by", "", "ranking level: department (default) | department_type | district")
	f.StringVar(&req.Stage, "stage", "", "budget (default) | final_account | adjusted_budget")
	f.StringVar(&req.County, "county", "", "restrict to one district or county (区/县)")
	f.IntVar(&req.Limit, "limit", 0, "at most this many rows (0: all)")
	f.StringVar(&req.Per, "per", "", "per_staff: the head count metric (default staff_in_post; authorized_posts for personnel_expenditure)")
	f.StringVar(&req.Type, "type", "", "peers: only this department type")
	f.IntVar(&req.Level, "level", 0, "composition: class level, 1 类 (default), 2 款, 3 项")
	f.BoolVar(&showSQL, "sql", false, "print the SQL to stderr")
	return cmd
}
