// Package duckdb publishes the budgetfeed Parquet feed as a DuckDB database
// (out/budgetfeed.duckdb) and queries it read-only.
//
// Build (re)creates the database: one VIEW per published table (documents,
// facts, quality, codes, ledger) over the Hive-partitioned Parquet files of
// the feed, plus the SQL macros of the comparisons (queries/*.sql, embedded).
// Open returns a Querier whose DuckDB configuration is read-only and locked:
// access_mode=read_only, external access limited to the feed directory,
// no extension auto-install or auto-load, bounded threads and memory.
//
// This is the only package of budgetfeed that imports duckdb-go. It needs
// cgo; tests run with CGO_ENABLED=1 go test -tags duckdb_arrow.
package duckdb
