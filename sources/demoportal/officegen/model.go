// Package officegen writes the office files the project generates as
// fixtures: a small model of standard 部门预算 / 部门决算 tables (title,
// unit, merged multi-row header, code/name/amount rows) rendered as .xlsx
// (excelize), legacy .xls (BIFF8 in an OLE2 compound file, written by hand)
// and .docx (OOXML written by hand with archive/zip), plus the compound-file
// container itself (CFB) for other legacy formats.
//
// It is a leaf package (no project imports) so that both the demo portal
// (sources/demoportal, which may not import pipeline/...) and the fixture
// generator of pipeline/tables (pipeline/tables/tablegen) use the same
// writers.
package officegen

import (
	"fmt"
	"strings"
)

// CodeMode says how the 科目编码 of a classification table is printed.
type CodeMode int

// Code layouts met on district portals.
const (
	CodeNone   CodeMode = iota // no code column (summary, 三公, project tables)
	CodeJoined                 // one 科目编码 column: 2060701
	CodeSplit                  // 类 | 款 | 项 columns: 206 | 07 | 01
	CodeInName                 // code and name in one cell: "2060701 机构运行"
)

// HeaderCell is one cell of a (possibly multi-row, merged) header.
type HeaderCell struct {
	Text    string
	ColSpan int // 0 or 1: one column
	RowSpan int // 0 or 1: one row
}

// Row is one body row of a table. Cells holds the printed body cells after
// the code columns (for CodeSplit/CodeJoined the code columns are rendered
// from Code): the first is usually the name, then amounts as printed.
type Row struct {
	Code  string // 科目编码, "" when none
	Level int    // 1..3 for classes, 0 otherwise; names are indented by level
	Total bool   // 合计 / 总计 row
	Cells []string
	// Formula marks amount cells (by index into Cells) that the .xlsx writer
	// stores as SUM formulas of the rows listed in FormulaOf, without cached
	// value (as excelize writes them).
	Formula map[int][]int
}

// Table is one standard table.
type Table struct {
	Kind     string // standard table id, as pipeline/tables names it
	Title    string
	Unit     string // 元 or 万元
	CodeMode CodeMode
	Header   [][]HeaderCell // header rows over all columns, code columns included
	Rows     []Row
	Empty    string // statement printed under an empty table
	Sheet    string // sheet name in the .xlsx; tables with the same Sheet share it
	// TextAmounts stores amounts as text cells in the spreadsheet formats
	// (as some portals export them) instead of numbers.
	TextAmounts bool `json:",omitempty"`
}

// Doc is one generated attachment: a department's set of standard tables.
type Doc struct {
	Name       string // file base name
	Department string
	Year       int
	Stage      string // budget | final_account
	Tables     []Table
	// OrgLabel precedes Department on the line under each title ("" is
	// "部门：", e.g. "编制单位：").
	OrgLabel string `json:",omitempty"`
}

func (d Doc) orgLine() string {
	if d.OrgLabel == "" {
		return "部门：" + d.Department
	}
	return d.OrgLabel + d.Department
}

// NameIndent is the indentation used for a class name at level (类=1): two
// full-width spaces per level below 类, as many portals print it.
func NameIndent(level int) string {
	if level <= 1 {
		return ""
	}
	return strings.Repeat("　", 2*(level-1))
}

// CodeColumns is the number of columns the code takes in the given mode.
func CodeColumns(m CodeMode) int {
	switch m {
	case CodeJoined:
		return 1
	case CodeSplit:
		return 3
	}
	return 0
}

// Columns is the number of columns of the table's body.
func (t Table) Columns() int {
	n := 0
	for _, r := range t.Rows {
		if len(r.Cells) > n {
			n = len(r.Cells)
		}
	}
	n += CodeColumns(t.CodeMode)
	if len(t.Header) > 0 {
		w := 0
		for _, hc := range t.Header[0] {
			w += max(hc.ColSpan, 1)
		}
		n = max(n, w)
	}
	return n
}

// BodyRow renders row r as the printed cells, code columns first.
func (t Table) BodyRow(r Row) []string {
	var out []string
	cells := append([]string(nil), r.Cells...)
	switch t.CodeMode {
	case CodeJoined:
		out = append(out, r.Code)
	case CodeSplit:
		lei, kuan, xiang := "", "", ""
		if !isDigits(r.Code) {
			// 合计 printed in the code columns goes to the 类 column whole.
			out = append(out, r.Code, "", "")
			break
		}
		if len(r.Code) >= 3 {
			lei = r.Code[:3]
		}
		if len(r.Code) >= 5 {
			kuan = r.Code[3:5]
		}
		if len(r.Code) >= 7 {
			xiang = r.Code[5:7]
		}
		out = append(out, lei, kuan, xiang)
	case CodeInName:
		if r.Code != "" && len(cells) > 0 {
			cells[0] = r.Code + " " + cells[0]
		}
	}
	if r.Level > 0 && len(cells) > 0 {
		cells[0] = NameIndent(r.Level) + cells[0]
	}
	return append(out, cells...)
}

// HeaderGrid lays the header rows out on a grid: texts at the top-left cell
// of each merged range and the list of merges (0-based, inclusive).
func (t Table) HeaderGrid() (rows [][]string, merges [][4]int) {
	n := t.Columns()
	taken := map[[2]int]bool{}
	for ri, hr := range t.Header {
		for len(rows) <= ri {
			rows = append(rows, make([]string, n))
		}
		c := 0
		for _, hc := range hr {
			for taken[[2]int{ri, c}] {
				c++
			}
			cs, rs := max(hc.ColSpan, 1), max(hc.RowSpan, 1)
			if c >= n {
				panic(fmt.Sprintf("officegen: table %q header row %d wider than %d columns", t.Title, ri, n))
			}
			rows[ri][c] = hc.Text
			for dr := 0; dr < rs; dr++ {
				for dc := 0; dc < cs; dc++ {
					taken[[2]int{ri + dr, c + dc}] = true
				}
			}
			if cs > 1 || rs > 1 {
				merges = append(merges, [4]int{ri, c, ri + rs - 1, c + cs - 1})
			}
			c += cs
		}
	}
	for len(rows) < len(t.Header) {
		rows = append(rows, make([]string, n))
	}
	return rows, merges
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
