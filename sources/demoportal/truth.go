package demoportal

import (
	"fmt"
	"time"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// TruthDoc is one disclosure document exactly as the generator wrote it.
type TruthDoc struct {
	Path       string // article path on the site, e.g. "/qx/zwgk/zfxxgk/fdzdgknr/czyjs/202403/t20240320_4012345.html"
	Title      string
	Department string // as published, e.g. "清溪区科学技术协会"
	// DepartmentType is the kind of department (科协, 教育局, 街道办 ...).
	DepartmentType                     string
	Province, City, County, RegionCode string

	FiscalYear  int32
	Stage       string // schemas.StageBudget or schemas.StageFinalAccount
	PublishedAt time.Time

	Attachments           []string // table attachment paths on the site
	TextOnlyInAttachments bool     // the article body is one line; figures are only in the attachments
	// AttachmentFormat is the format of the table attachments (FormatXLSX,
	// FormatXLS, FormatDOCX or FormatPDF).
	AttachmentFormat string
	// UnsupportedAttachments are further attachments in a format the
	// pipeline does not read (a legacy Word .doc); they state no figure.
	UnsupportedAttachments []string

	Facts      []TruthFact // every figure the narrative (text) states
	TableFacts []TruthFact // every figure the attachments state
	// TableCells says where each TableFacts entry is written:
	// TableCells[i].Fact indexes TableFacts. A fact may sit in several cells.
	TableCells []TruthCell
}

// TruthFact is one stated figure. Metric names are those of schemas.Metrics.
// Period is schemas.PeriodCurrent, PeriodPrior (the previous year's figure,
// FiscalYear = document year - 1) or PeriodInitialBudget (the 年初预算 a
// final account restates). SharePct and ChangePct are as printed (ChangePct
// signed: "-3.30" for 下降3.30%), empty when not stated.
//
// Table facts follow the long-format convention of docs/tables.md: Scheme
// (schemas.Scheme*) and Level say which class row a figure is in (scheme
// none and no code for the 合计 row and the summary tables). Text facts may
// leave Scheme and Level empty.
type TruthFact struct {
	Metric, Period, Code, Name string
	Scheme                     string
	Level                      int8
	FiscalYear                 int32
	Amount                     schemas.Money
	HasAmount                  bool
	Count                      int64
	HasCount                   bool
	SharePct, ChangePct        string
}

// Key identifies a fact within one document and method.
func (f TruthFact) Key() string {
	return fmt.Sprintf("%s|%s|%s|%d", f.Metric, f.Period, f.Code, f.FiscalYear)
}

// TruthCell is one attachment cell holding a table fact, addressed as the
// readers of pipeline/tables name it: .xlsx / .xls the worksheet and "C7";
// .docx "table N" and "rRcC" (header rows counted). A .pdf keeps the
// address of the .docx it was converted from (its page and cell depend on
// LibreOffice's layout).
type TruthCell struct {
	Attachment string // attachment path
	Format     string // FormatXLSX, FormatXLS, FormatDOCX or FormatPDF
	Sheet      string
	Cell       string
	Unit       string // unit the cell is printed in (万元 or 元)
	Fact       int    // index into TableFacts

	// where the cell is when the same tables are rendered as .xlsx (tests)
	xlsxSheet, xlsxCell string
}

// factSet accumulates facts, refusing a second, different value for the
// same key: that would make the document ambiguous.
type factSet struct {
	facts []TruthFact
	idx   map[string]int
}

func (s *factSet) add(f TruthFact) int {
	if s.idx == nil {
		s.idx = map[string]int{}
	}
	k := f.Key()
	if i, ok := s.idx[k]; ok {
		old := s.facts[i]
		if old.Amount != f.Amount || old.Count != f.Count || old.HasAmount != f.HasAmount {
			panic(fmt.Sprintf("demoportal: fact %s stated twice with different values (%v, %v)", k, old, f))
		}
		if f.SharePct != "" {
			s.facts[i].SharePct = f.SharePct
		}
		if f.ChangePct != "" {
			s.facts[i].ChangePct = f.ChangePct
		}
		return i
	}
	s.idx[k] = len(s.facts)
	s.facts = append(s.facts, f)
	return len(s.facts) - 1
}
