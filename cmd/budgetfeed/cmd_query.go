package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/budgetfeed/budgetfeed/outputs/duckdb"
)

// dbFile is the database under --out; feedLink the published feed.
const (
	dbFile   = "budgetfeed.duckdb"
	feedLink = "feed"
)

// openDB opens out/budgetfeed.duckdb read-only. When the database is missing
// but a feed has been published, it is built first.
func openDB(ctx context.Context, a *app, out string) (*duckdb.Querier, error) {
	db := filepath.Join(out, dbFile)
	if _, err := os.Stat(db); errors.Is(err, os.ErrNotExist) {
		feed := filepath.Join(out, feedLink)
		if _, ferr := os.Stat(feed); ferr != nil {
			return nil, fmt.Errorf("no database at %s and no feed at %s: run `budgetfeed run --out %s` first", db, feed, out)
		}
		a.log.Info("building the database from the feed", "feed", feed, "db", db)
		if err := duckdb.Build(ctx, feed, db, a.log); err != nil {
			return nil, err
		}
	}
	return duckdb.Open(ctx, db, a.log)
}

func checkFormat(format string, allowed ...string) error {
	for _, f := range allowed {
		if f == format {
			return nil
		}
	}
	return exitError{code: 2, msg: fmt.Sprintf("unknown --format %q (want %s)", format, strings.Join(allowed, ", "))}
}

func newQueryCmd(a *app) *cobra.Command {
	var out, format string
	cmd := &cobra.Command{
		Use:   "query [--out DIR] [--format table|csv|json|markdown] SQL",
		Short: "Run one read-only SQL query against out/budgetfeed.duckdb (SQL \"-\" reads stdin)",
		Long: `Run one read-only SQL query against the DuckDB database of the feed.

The database has views documents, facts, quality, codes and ledger, and one
table macro per comparison (compare_ranking, compare_composition,
compare_per_staff, compare_yoy, compare_execution, compare_peers; see
docs/comparisons.md). It is opened read-only with a locked configuration:
writes, COPY, ATTACH, SET and file access outside the feed fail.`,
		Example: `  budgetfeed query "SELECT county, count(*) FROM documents GROUP BY ALL"
  budgetfeed query --format csv "FROM compare_ranking('three_public_total', p_year := 2024)"`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "table", "csv", "json", "markdown"); err != nil {
				return err
			}
			sql := strings.Join(args, " ")
			if sql == "-" {
				b, err := io.ReadAll(a.stdin)
				if err != nil {
					return fmt.Errorf("read SQL from stdin: %w", err)
				}
				sql = string(b)
			}
			if strings.TrimSpace(sql) == "" {
				return exitError{code: 2, msg: "empty SQL"}
			}
			ctx := cmd.Context()
			q, err := openDB(ctx, a, out)
			if err != nil {
				return err
			}
			defer q.Close()
			r, err := q.Query(ctx, sql)
			if err != nil {
				return err
			}
			return duckdb.Format(a.stdout, r, format)
		},
	}
	cmd.Flags().StringVar(&out, "out", "out", "output directory holding budgetfeed.duckdb and feed/")
	cmd.Flags().StringVar(&format, "format", "table", "table | csv | json | markdown")
	return cmd
}
