// Package tablegen renders standard 部门预算 / 部门决算 tables from a small
// model as .xlsx, .xls (BIFF8) and .docx. The committed fixtures under
// testdata/tables are made with it (see testdata/tables/README), and the
// round-trip tests of pipeline/tables compare what the reader finds with the
// model's truth.
//
// The model and the writers live in sources/demoportal/officegen, a leaf
// package, because the demo portal renders its attachments with the same
// writers and sources/... may not import pipeline/...; the names here are
// aliases, so there is one writer per format.
package tablegen

import "github.com/budgetfeed/budgetfeed/sources/demoportal/officegen"

// The model types (see officegen).
type (
	CodeMode   = officegen.CodeMode
	HeaderCell = officegen.HeaderCell
	Row        = officegen.Row
	Table      = officegen.Table
	Doc        = officegen.Doc
)

// Code layouts met on district portals.
const (
	CodeNone   = officegen.CodeNone
	CodeJoined = officegen.CodeJoined
	CodeSplit  = officegen.CodeSplit
	CodeInName = officegen.CodeInName
)

// NameIndent is the indentation of a class name at level (类=1).
func NameIndent(level int) string { return officegen.NameIndent(level) }

// CodeColumns is the number of columns the code takes in the given mode.
func CodeColumns(m CodeMode) int { return officegen.CodeColumns(m) }

// XLSX renders d as an .xlsx workbook (officegen.XLSX).
func XLSX(d Doc) ([]byte, error) { return officegen.XLSX(d) }

// XLS renders d as a legacy BIFF8 .xls workbook (officegen.XLS).
func XLS(d Doc) ([]byte, error) { return officegen.XLS(d) }

// DOCX renders d as a .docx document (officegen.DOCX).
func DOCX(d Doc) ([]byte, error) { return officegen.DOCX(d) }
