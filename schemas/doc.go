// Package schemas is the fixed contract of budgetfeed: the row types every
// stage exchanges, the Arrow schemas of the published tables (documents,
// facts, quality, codes, ledger), the metric vocabulary, exact money, and the
// 政府收支分类科目 code list.
//
// It is the bottom of the import graph: it imports no other project package.
// Column names and metric names are fixed once published; add, never rename.
// docs/schema.md is generated from the definitions here (make docs).
package schemas
