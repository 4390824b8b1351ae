// Package parquet publishes the budgetfeed tables as immutable, citable
// releases of Hive-partitioned Parquet files with their metadata: the product
// data portals, DuckDB users and analysts download.
//
// A release is a directory
//
//	<OutDir>/releases/<id>/
//	  documents/fiscal_year=YYYY/part-00000.parquet
//	  facts/fiscal_year=YYYY/part-00000.parquet
//	  quality/fiscal_year=YYYY/part-00000.parquet
//	  codes/part-00000.parquet
//	  ledger/part-00000.parquet
//	  changelog.json, CHANGELOG.md   what changed against the previous release
//	  datapackage.json               Frictionless Data Package v1 + Fiscal Data Package column types
//	  catalog.jsonld                 DCAT-AP 3 dataset record
//	  manifest.json                  sha256 and size of every file, row counts (written last)
//
// and <OutDir>/feed is a symbolic link to the newest complete release.
//
// Writing is streaming: a [Writer] keeps at most one row group of rows per open
// partition file, as Arrow columns, and at most Options.MaxBufferedBytes of
// buffers (and Options.MaxBufferedRows rows) in total; each
// flushed chunk is sorted by the table's SortKey and written as one row group,
// so every row group is sorted (the sort order is declared in the row-group
// metadata as sorting_columns), not the file as a whole. Publishing
// ([Writer.Commit]) is atomic: the release is built under
// releases/.staging-*, fsynced, renamed into place, and the feed link is
// replaced by renaming a fresh symlink over it.
//
// docs/feed.md describes the layout for users.
package parquet
