// Command budgetfeed crawls Chinese district budget disclosures (部门预算 and
// 部门决算), extracts every stated figure with its provenance, publishes a
// Parquet feed and a DuckDB database, and compares departments.
//
// Usage:
//
//	budgetfeed run [--start URL]... [--config FILE] [--out DIR]
//	budgetfeed extract [--format jsonl|table] FILE...
//	budgetfeed query [--out DIR] [--format table|csv|json] SQL
//	budgetfeed compare METRIC [--year Y] [--by department|department_type|district]
//	budgetfeed report [--out DIR]
//	budgetfeed demo-portal [--addr 127.0.0.1:8080]
//
// Exit codes: 0 success, 1 failure, 2 usage error, 3 some inputs failed (the
// rest was processed), 130 interrupted.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := execute(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	code := exitCode(ctx, err) // before stop(): stop cancels ctx
	stop()
	os.Exit(code)
}

// exitCode maps an error to the documented exit codes.
func exitCode(ctx context.Context, err error) int {
	var ec exitError
	switch {
	case err == nil:
		return 0
	case ctx.Err() != nil || errors.Is(err, context.Canceled):
		fmt.Fprintln(os.Stderr, "budgetfeed: interrupted")
		return 130
	case errors.As(err, &ec):
		if ec.msg != "" {
			fmt.Fprintln(os.Stderr, "budgetfeed:", ec.msg)
		}
		return ec.code
	default:
		fmt.Fprintln(os.Stderr, "budgetfeed:", err)
		return 1
	}
}

// exitError carries a specific exit code.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }
