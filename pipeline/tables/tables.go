// Package tables reads the standard 部门预算 / 部门决算 tables (收支总表,
// 收入表, 支出表, 财政拨款收支总表, 一般公共预算支出表 by function and by
// economic class, “三公”经费表, 政府性基金表, 国有资本经营表, 项目支出表)
// from .xlsx, legacy .xls, .docx and text-layer PDF attachments, and turns
// every amount cell into a schemas.Fact with its file, sheet or page, and
// cell.
//
// Read detects the format from the magic bytes, builds a grid of cells per
// sheet (or per document for .docx and PDF, where tables flow across pages),
// and recognises tables by their titles; Facts maps the cells to the metric
// vocabulary. Formats that cannot be read (.doc, .wps, .et, .ofd, .zip, .rar,
// encrypted files) are reported as ErrUnsupported with the reason.
package tables

import (
	"context"
	"errors"
	"fmt"
)

// ErrUnsupported is returned (wrapped with the reason) for formats the
// package detects but does not read: .doc, .wps, .et, .ofd, .zip, .rar,
// encrypted OOXML, images.
var ErrUnsupported = errors.New("unsupported format")

// ErrTooLarge is returned (wrapped) when a file exceeds the decompression,
// row or cell caps (zip bombs, huge sheets).
var ErrTooLarge = errors.New("file exceeds reading limits")

// Limits that protect the reader from zip bombs and huge sheets.
const (
	MaxFileBytes         = 64 << 20  // raw attachment size
	MaxUncompressedBytes = 256 << 20 // sum of a zip container's parts
	MaxPartBytes         = 128 << 20 // one zip part
	MaxCompressionRatio  = 200       // uncompressed/compressed of a part larger than 1 MiB
	MaxRows              = 20000     // rows per sheet or document
	MaxCells             = 400000    // cells per sheet or document
	MaxPDFPages          = 500
)

// File is one attachment to read.
type File struct {
	Name   string // file name as published (for messages only; the format comes from the bytes)
	URL    string
	SHA256 string
	Data   []byte
}

func (f File) label() string {
	if f.Name != "" {
		return f.Name
	}
	if f.URL != "" {
		return f.URL
	}
	return "attachment"
}

// Standard table ids (Table.Kind).
const (
	KindIncomeExpenditureSummary   = "income_expenditure_summary"   // 收支预算总表 / 收入支出决算总表
	KindIncome                     = "income"                       // 收入预算总表 / 收入决算表
	KindExpenditure                = "expenditure"                  // 支出预算总表 / 支出决算表
	KindFiscalAppropriationSummary = "fiscal_appropriation_summary" // 财政拨款收支预算总表 / 财政拨款收入支出决算总表
	KindGPBFunction                = "gpb_function"                 // 一般公共预算支出预算表 / 一般公共预算财政拨款支出决算表
	KindGPBBasicEconomic           = "gpb_basic_economic"           // 一般公共预算基本支出预算表 / …基本支出决算表
	KindThreePublic                = "three_public"                 // “三公”经费支出表
	KindGovFund                    = "gov_fund"                     // 政府性基金支出表
	KindStateCapital               = "state_capital"                // 国有资本经营预算支出表
	KindProject                    = "project"                      // 项目支出预算表
)

// Table is one recognised standard table.
type Table struct {
	Kind           string // standard table id (Kind* constants)
	Title          string // as printed
	Unit           string // 元, 万元 … from 单位：…; "" when not stated
	Sheet          string // sheet name, "page N" (PDF) or "table N" (docx) where the title is
	Format         string // xlsx, xls, docx, pdf
	Empty          bool   // no amounts; EmptyStatement says why when printed
	EmptyStatement string
	Columns        []Column
	Rows           []Row
	Notes          []Note // findings made while reading (become quality rows)
}

// Column is one column of a table with its header.
type Column struct {
	Label string // header text, levels of a merged multi-row header joined by "/"
	Role  string // Role* constants
}

// Column roles.
const (
	RoleCode   = "code"   // 科目编码 in one cell
	RoleLei    = "lei"    // 类
	RoleKuan   = "kuan"   // 款
	RoleXiang  = "xiang"  // 项
	RoleName   = "name"   // 科目名称 / 项目 / 项目名称
	RoleText   = "text"   // other text
	RoleAmount = "amount" // money
	RoleIgnore = "ignore" // 行次 / 栏次
)

// Row is one body row.
type Row struct {
	Sheet string // sheet or page of the row
	Line  int    // 1-based row number on the sheet (or in the docx table / on the PDF page)
	Code  string // 科目编码 as printed (joined), "" when none
	Level int8   // 类=1, 款=2, 项=3 (from the code, else from the indentation); 0 when none
	Name  string // name cell, indentation removed
	Total bool   // 合计 / 总计 row
	Cells []Cell // every non-empty cell of the row, in column order
}

// Cell is one non-empty body cell.
type Cell struct {
	Col  int    // index into Table.Columns
	Text string // as printed (trimmed)
	Addr string // "C7" (spreadsheets) or "r7c3" (PDF, docx)
}

// Note is a finding made while reading a table.
type Note struct {
	RuleID   string
	Severity string
	Message  string
}

// Read reads the standard tables of an attachment. The format is detected
// from the magic bytes, never from the name. Errors name the file and the
// reason; ErrUnsupported and ErrTooLarge are wrapped where they apply.
func Read(ctx context.Context, f File) ([]Table, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read tables %s: %w", f.label(), err)
	}
	if len(f.Data) > MaxFileBytes {
		return nil, fmt.Errorf("read tables %s: %d bytes: %w", f.label(), len(f.Data), ErrTooLarge)
	}
	fm, zr, err := detect(f.Data)
	if err != nil {
		return nil, fmt.Errorf("read tables %s: %w", f.label(), err)
	}
	var grids []*grid
	switch fm {
	case FormatXLSX:
		grids, err = xlsxGridsZip(ctx, f.Data, zr)
	case FormatXLS:
		grids, err = xlsGrids(ctx, f.Data)
	case FormatDOCX:
		var d *docxDoc
		d, err = parseDOCXZip(zr)
		if err == nil {
			grids = []*grid{d.grid()}
		}
	case FormatPDF:
		grids, err = pdfGrids(ctx, f.Data)
	default:
		err = fmt.Errorf("format %s: %w", fm, ErrUnsupported)
	}
	if err != nil {
		return nil, fmt.Errorf("read tables %s (%s): %w", f.label(), fm, err)
	}
	var out []Table
	for _, g := range grids {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("read tables %s: %w", f.label(), err)
		}
		ts := recognise(g)
		for i := range ts {
			ts[i].Format = string(fm)
		}
		out = append(out, ts...)
	}
	return out, nil
}
