package tables

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// Hint is what the caller knows about the document the tables belong to.
type Hint struct {
	FiscalYear int32
	Stage      string // schemas.Stage*
	Department string
	DocID      string // stamped into facts and quality rows when set
}

// Quality rule ids raised by Facts (reading notes keep their own ids:
// table_formula_computed, table_formula_unresolved, table_total_missing,
// table_unit_missing, table_code_malformed).
const (
	RuleCodeUnknown      = "table_code_unknown"
	RuleCodeNameMismatch = "table_code_name_mismatch"
	RuleCodeFromName     = "table_code_from_name"
	RuleAmountUnparsed   = "table_amount_unparsed"
	RuleUnmapped         = "table_cells_unmapped"
	RuleSumMismatch      = "table_sum_mismatch"
)

// Facts turns the amount cells of the tables into facts (Method "table") with
// their file, sheet or page, and cell, and the reading notes plus the code
// checks into quality rows. A table that is empty with a printed statement
// yields the stated zero of its metric.
func Facts(ts []Table, f File, hint Hint) ([]schemas.Fact, []schemas.Quality) {
	sha := f.SHA256
	if sha == "" && len(f.Data) > 0 {
		s := sha256.Sum256(f.Data)
		sha = hex.EncodeToString(s[:])
	}
	codes, _ := schemas.LoadCodes()
	fb := &factBuilder{f: f, sha: sha, hint: hint, codes: codes}
	// At most one fact per amount cell, plus a stated zero per table.
	n := 0
	for i := range ts {
		n++
		for _, r := range ts[i].Rows {
			for _, c := range r.Cells {
				if c.Col < len(ts[i].Columns) && ts[i].Columns[c.Col].Role == RoleAmount {
					n++
				}
			}
		}
	}
	fb.facts = make([]schemas.Fact, 0, n)
	for i := range ts {
		fb.table(&ts[i])
	}
	return fb.facts, fb.quality
}

type factBuilder struct {
	f       File
	sha     string
	hint    Hint
	codes   *schemas.CodeList
	facts   []schemas.Fact
	quality []schemas.Quality
	cols    []colInfo // per column of the table being read
}

// colInfo is what a column's label says, worked out once per table.
type colInfo struct {
	done   bool
	period string // columnPeriod
	main   bool   // isMainColumn
	item   string // itemMetric
	three  string // threePublicMetric (三公 tables only)
}

// col returns the column's label facts, working them out on first use.
func (b *factBuilder) col(t *Table, c int) *colInfo {
	ci := &b.cols[c]
	if !ci.done {
		l := t.Columns[c].Label
		*ci = colInfo{done: true, period: b.columnPeriod(l), main: isMainColumn(l), item: itemMetric(l)}
		if t.Kind == KindThreePublic {
			ci.three = threePublicMetric(l)
		}
	}
	return ci
}

func (b *factBuilder) q(rule, sev, metric, expected, actual, msg string) {
	b.quality = append(b.quality, schemas.Quality{DocID: b.hint.DocID, FiscalYear: b.hint.FiscalYear,
		RuleID: rule, Severity: sev, Metric: metric, Expected: expected, Actual: actual, Message: msg})
}

// emptyMetric is the figure an empty table states as zero.
var emptyMetric = map[string]string{
	KindGovFund:      "government_fund_expenditure",
	KindStateCapital: "state_capital_expenditure",
	KindThreePublic:  "three_public_total",
	KindProject:      "project_expenditure",
	KindIncome:       "total_income",
	KindExpenditure:  "total_expenditure",
}

func (b *factBuilder) add(t *Table, metric, period, scheme, code string, level int8, name, value, sheet, addr, colLabel string) {
	fact := schemas.Fact{
		DocID: b.hint.DocID, FiscalYear: b.hint.FiscalYear, Stage: b.hint.Stage, Department: b.hint.Department,
		Metric: metric, Period: period, Scheme: scheme, Code: code, Level: level, Name: name,
		Value: value, Unit: t.Unit, Method: schemas.MethodTable,
		SourceURL: b.f.URL, SourceSHA256: b.sha, Sheet: sheet, Cell: addr,
	}
	// title | name | column | value, the empty parts left out.
	var q strings.Builder
	q.Grow(len(t.Title) + len(name) + len(colLabel) + len(value) + 9)
	q.WriteString(t.Title)
	for _, p := range [...]string{name, colLabel} {
		if p != "" {
			q.WriteString(" | ")
			q.WriteString(p)
		}
	}
	q.WriteString(" | ")
	q.WriteString(value)
	fact.Quote = q.String()
	if addr != "" {
		fact.Location = "sha256:" + b.sha + "/" + sheet + "/" + addr
	} else {
		fact.Location = "sha256:" + b.sha + "/" + sheet
	}
	if x, ok := parseNumber(value); ok && t.Unit != "" {
		m, err := schemas.ParseMoney(x, t.Unit)
		if err != nil {
			b.q(RuleAmountUnparsed, schemas.SeverityWarning, metric, "", value,
				fmt.Sprintf("%s %s %s: %v", b.f.label(), sheet, addr, err))
		} else {
			fact.Amount, fact.HasAmount = m, true
		}
	}
	b.facts = append(b.facts, fact)
}

// ordinalRe matches an item's ordinal: 一、 （五） 1. (1)
var ordinalRe = regexp.MustCompile(`^([（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．]|[（(]?\d{1,2}[)）、.．])`)

// mayHaveOrdinal is a necessary condition for ordinalRe: the first rune
// opens one of its alternatives.
func mayHaveOrdinal(l string) bool {
	if l == "" {
		return false
	}
	if c := l[0]; c == '(' || c >= '0' && c <= '9' {
		return true
	}
	r, _ := utf8.DecodeRuneInString(l)
	return r == '（' || strings.ContainsRune("一二三四五六七八九十", r)
}

// firstYear returns the first 20dd in s (what (20\d\d)年? finds first).
func firstYear(s string) (int, bool) {
	for i := 0; i+4 <= len(s); i++ {
		if s[i] == '2' && s[i+1] == '0' && isDigit(s[i+2]) && isDigit(s[i+3]) {
			return 2000 + int(s[i+2]-'0')*10 + int(s[i+3]-'0'), true
		}
	}
	return 0, false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// columnPeriod tells which period a column's figures are for.
func (b *factBuilder) columnPeriod(label string) string {
	l := norm(label)
	// 上年结转 / 上年结余 is an income item of this year, not last year's figure.
	if strings.Contains(l, "上年") {
		for _, item := range []string{"上年结转", "上年结余", "上年财政拨款结转", "上年财政拨款结余"} {
			l = strings.ReplaceAll(l, item, "结转")
		}
	}
	if strings.Contains(l, "上年") || strings.Contains(l, "上一年") {
		return schemas.PeriodPrior
	}
	if y, ok := firstYear(l); ok && b.hint.FiscalYear > 0 {
		if int32(y) < b.hint.FiscalYear {
			return schemas.PeriodPrior
		}
	}
	if b.hint.Stage == schemas.StageFinalAccount && (strings.Contains(l, "预算") && !strings.Contains(l, "决算") && !strings.Contains(l, "一般公共预算") && !strings.Contains(l, "经营预算") && !strings.Contains(l, "基金预算")) {
		return schemas.PeriodInitialBudget
	}
	if b.hint.Stage == schemas.StageFinalAccount && strings.Contains(l, "年初预算") {
		return schemas.PeriodInitialBudget
	}
	return schemas.PeriodCurrent
}

// threePublicMetric maps a 三公 column label or row label. A header cell
// wrapped onto two lines in a PDF leaves its tail as a last label part
// (因公出国/（境）费), so the last part holding a keyword decides.
func threePublicMetric(label string) string {
	l := norm(label)
	parts := strings.Split(l, "/")
	last := parts[len(parts)-1]
	for i := len(parts) - 1; i >= 0; i-- {
		p := parts[i]
		if strings.Contains(p, "出国") || strings.Contains(p, "接待") || strings.Contains(p, "购置") ||
			strings.Contains(p, "运行") || strings.Contains(p, "小计") || strings.Contains(p, "合计") || strings.Contains(p, "三公") {
			last = p
			break
		}
	}
	switch {
	case strings.Contains(last, "出国"):
		return "three_public_overseas"
	case strings.Contains(last, "接待"):
		return "three_public_reception"
	case strings.Contains(last, "购置") && strings.Contains(last, "运行"):
		return "three_public_vehicle_total"
	case strings.Contains(last, "购置"):
		return "three_public_vehicle_purchase"
	case strings.Contains(last, "运行"):
		return "three_public_vehicle_operation"
	case (last == "小计" || last == "合计") && strings.Contains(l, "公务用车"):
		return "three_public_vehicle_total"
	case strings.Contains(last, "三公") || last == "合计" || last == "总计" || last == "小计" || strings.HasSuffix(last, "数"):
		return "three_public_total"
	}
	return ""
}

// itemMetric maps a printed item (a row label of a summary table or a column
// label of an income or expenditure table) to a metric; "" when none.
func itemMetric(label string) string {
	l := norm(label)
	if k := strings.LastIndex(l, "/"); k >= 0 {
		l = l[k+1:]
	}
	if mayHaveOrdinal(l) {
		l = ordinalRe.ReplaceAllString(l, "") // 一、事业收入 / （五）其他收入 / 1.上年结转
	}
	switch {
	case l == "收入总计" || l == "收入合计" || l == "收入预算" || l == "收入决算":
		return "total_income"
	case l == "支出总计" || l == "支出合计" || l == "支出预算" || l == "支出决算":
		return "total_expenditure"
	case l == "本年收入合计" || l == "本年收入":
		return "total_income"
	case l == "本年支出合计" || l == "本年支出":
		return "total_expenditure"
	case strings.Contains(l, "上年结转") || strings.Contains(l, "年初结转") || strings.Contains(l, "上年结余"):
		return "carryover_income"
	case strings.Contains(l, "政府性基金"):
		return "government_fund_income"
	case strings.Contains(l, "国有资本经营"):
		return "state_capital_income"
	case strings.Contains(l, "财政专户"):
		return "fiscal_special_account_income"
	case strings.Contains(l, "一般公共预算") || l == "财政拨款收入" || l == "财政拨款":
		return "general_public_budget_income"
	case l == "事业收入":
		return "business_income"
	case strings.Contains(l, "经营收入"):
		return "operating_income"
	case l == "其他收入":
		return "other_income"
	case strings.Contains(l, "基本支出"):
		return "basic_expenditure"
	case strings.Contains(l, "项目支出"):
		return "project_expenditure"
	case strings.Contains(l, "人员经费"):
		return "personnel_expenditure"
	case strings.Contains(l, "公用经费"):
		return "public_expenditure"
	}
	return ""
}

// isMainColumn reports the column holding a row's own amount (合计, 预算数,
// 决算数, 金额), as opposed to a breakdown column.
func isMainColumn(label string) bool {
	l := norm(label)
	if l == "" {
		return true
	}
	last := l
	if k := strings.LastIndex(l, "/"); k >= 0 {
		last = l[k+1:]
	}
	for _, w := range []string{"合计", "总计", "小计", "金额", "预算数", "决算数", "本年预算", "本年决算", "支出预算", "收入预算", "数"} {
		if last == w || (w != "数" && strings.HasPrefix(last, w)) {
			return true
		}
	}
	return strings.HasSuffix(last, "预算数") || strings.HasSuffix(last, "决算数")
}

func (b *factBuilder) table(t *Table) {
	for _, n := range t.Notes {
		b.q(n.RuleID, n.Severity, "", "", "", b.f.label()+": "+n.Message)
	}
	if t.Kind == "" {
		return
	}
	if n := len(t.Columns); cap(b.cols) < n {
		b.cols = make([]colInfo, n)
	} else {
		b.cols = b.cols[:n]
		clear(b.cols)
	}
	if t.Empty {
		if t.EmptyStatement != "" {
			if m, ok := emptyMetric[t.Kind]; ok {
				b.add(t, m, schemas.PeriodCurrent, schemas.SchemeNone, "", 0, "", "0", t.Sheet, "", "")
				b.facts[len(b.facts)-1].Quote = t.Title + " | " + t.EmptyStatement
				if !b.facts[len(b.facts)-1].HasAmount {
					b.facts[len(b.facts)-1].HasAmount = true // a stated zero is exact in any unit
				}
			}
		}
		return
	}
	unmapped := 0
	switch t.Kind {
	case KindIncomeExpenditureSummary, KindFiscalAppropriationSummary:
		unmapped = b.summary(t)
	case KindThreePublic:
		unmapped = b.threePublic(t)
	case KindProject:
		unmapped = b.project(t)
	default:
		unmapped = b.classified(t)
	}
	if unmapped > 0 {
		b.q(RuleUnmapped, schemas.SeverityInfo, "", "", strconv.Itoa(unmapped),
			fmt.Sprintf("%s: %s: %d amount cells have no metric in the vocabulary", b.f.label(), t.Title, unmapped))
	}
	b.checkSums(t)
}

// summary handles two-sided tables: each amount belongs to the nearest
// label on its left.
func (b *factBuilder) summary(t *Table) int {
	unmapped := 0
	hasTotal := map[string]bool{}
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			switch norm(c.Text) {
			case "收入总计":
				hasTotal["total_income"] = true
			case "支出总计":
				hasTotal["total_expenditure"] = true
			}
		}
	}
	for _, r := range t.Rows {
		label, labelCol, nth := "", -1, 0
		for _, c := range r.Cells {
			role := t.Columns[c.Col].Role
			if role != RoleAmount {
				if _, isNum := parseNumber(c.Text); !isNum || role == RoleName || role == RoleText {
					label, labelCol, nth = c.Text, c.Col, 0
				}
				continue
			}
			if labelCol < 0 {
				unmapped++
				continue
			}
			nth++
			colLabel := t.Columns[c.Col].Label
			ci := b.col(t, c.Col)
			period := ci.period
			metric, scheme, code, level := itemMetric(label), schemas.SchemeNone, "", int8(0)
			n := norm(label)
			if (n == "本年收入合计" && hasTotal["total_income"]) || (n == "本年支出合计" && hasTotal["total_expenditure"]) {
				metric = "" // the 总计 line states the total
			}
			if metric == "" && !isTotalName(label) {
				if cs := b.codes.ByName(schemas.SchemeFunction, n, ""); len(cs) > 0 {
					metric, scheme, code, level = "function_class", schemas.SchemeFunction, cs[0].Code, cs[0].Level
				} else if cs := b.codes.ByName(schemas.SchemeEconomic, n, ""); len(cs) > 0 {
					metric, scheme, code, level = "economic_class", schemas.SchemeEconomic, cs[0].Code, cs[0].Level
				}
			}
			if t.Kind == KindFiscalAppropriationSummary && (metric == "total_income" || metric == "total_expenditure") && (n == "收入总计" || n == "支出总计") {
				metric = "fiscal_appropriation_total"
			}
			if metric == "" {
				if !(n == "本年收入合计" || n == "本年支出合计") {
					unmapped++
				}
				continue
			}
			if nth > 1 || !ci.main {
				scheme = schemas.SchemeFundSource
			}
			b.add(t, metric, period, scheme, code, level, strings.TrimSpace(label), c.Text, r.Sheet, c.Addr, colLabel)
		}
	}
	return unmapped
}

func (b *factBuilder) threePublic(t *Table) int {
	unmapped := 0
	for _, r := range t.Rows {
		label := ""
		for _, c := range r.Cells {
			col := t.Columns[c.Col]
			if col.Role != RoleAmount {
				label = c.Text
				continue
			}
			ci := b.col(t, c.Col)
			m := ci.three
			if label != "" && (m == "" || m == "three_public_total") {
				if lm := threePublicMetric(label); lm != "" {
					m = lm
				}
			}
			if m == "" {
				unmapped++
				continue
			}
			period := ci.period
			if label != "" {
				if p := b.columnPeriod(label); p != schemas.PeriodCurrent {
					period = p
				}
			}
			b.add(t, m, period, schemas.SchemeNone, "", 0, label, c.Text, r.Sheet, c.Addr, col.Label)
		}
	}
	return unmapped
}

func (b *factBuilder) project(t *Table) int {
	for _, r := range t.Rows {
		name := r.Name
		if r.Total {
			name = "合计"
		}
		main := true
		for _, c := range r.Cells {
			col := t.Columns[c.Col]
			if col.Role != RoleAmount {
				continue
			}
			ci := b.col(t, c.Col)
			scheme := schemas.SchemeNone
			if !main || !ci.main {
				scheme = schemas.SchemeFundSource
			}
			main = false
			b.add(t, "project_expenditure", ci.period, scheme, r.Code, r.Level, name, c.Text, r.Sheet, c.Addr, col.Label)
		}
	}
	return 0
}

// fundName is the 资金来源 the 合计 row's breakdown columns of a government
// fund or state capital table are restricted to.
var fundName = map[string]string{
	KindGovFund: "政府性基金预算", KindStateCapital: "国有资本经营预算",
}

// tableTotalMetric is the metric of the 合计 row × the total column of a
// classified table.
var tableTotalMetric = map[string]string{
	KindIncome:           "total_income",
	KindExpenditure:      "total_expenditure",
	KindGPBFunction:      "general_public_budget_expenditure",
	KindGPBBasicEconomic: "general_public_budget_basic_expenditure",
	KindGovFund:          "government_fund_expenditure",
	KindStateCapital:     "state_capital_expenditure",
}

// gpbTotalMetric renames the breakdown columns of the 合计 row of the
// 一般公共预算支出表: its 基本支出 / 项目支出 are the 一般公共预算 shares, not
// the department-wide basic_expenditure / project_expenditure the 收支总表
// states (they differ when other funds exist and would clash under one key).
var gpbTotalMetric = map[string]string{
	"basic_expenditure":   "general_public_budget_basic_expenditure",
	"project_expenditure": "general_public_budget_project_expenditure",
}

// classified handles the tables by 科目 (function or economic class) in
// long format (docs/tables.md, "The convention"): the metric says what is
// measured, scheme/code/level/name say which class row it is in.
//
//   - class row × total column (合计 / 预算数 / 决算数 / 年初预算数):
//     function_class or economic_class with the row's code;
//   - class row × breakdown column (基本支出, 项目支出, 人员经费, 公用经费,
//     income sources): the column's metric with the row's scheme and code;
//   - 合计 row × total column: the table-total metric (tableTotalMetric),
//     scheme none, code "";
//   - 合计 row × breakdown column: the column's metric, scheme none, code ""
//     (fund_source named after the fund in the government fund and state
//     capital tables; in the 一般公共预算支出表 基本支出 / 项目支出 are
//     general_public_budget_basic_expenditure / _project_expenditure). Never
//     a code "合计".
func (b *factBuilder) classified(t *Table) int {
	scheme, classMetric := schemas.SchemeFunction, "function_class"
	if t.Kind == KindGPBBasicEconomic {
		scheme, classMetric = schemas.SchemeEconomic, "economic_class"
	}
	unmapped := 0
	// parents[l] is the code of the latest row at level l, the parent a
	// row printed without a code is looked up under.
	var parents [4]string
	// When the names show the levels by indentation, an unindented name
	// printed without a code is a 类.
	indented := false
	for _, r := range t.Rows {
		indented = indented || (r.Code == "" && r.Level > 1)
	}
	for _, r := range t.Rows {
		if r.Code == "" && r.Level == 0 && !r.Total && indented {
			r.Level = 1
		}
		code, level, name := r.Code, r.Level, r.Name
		if r.Total && name == "" {
			name = "合计" // printed in the code column
		}
		if !r.Total && name != "" {
			parent := ""
			for l := int(r.Level) - 1; l >= 1 && r.Code == ""; l-- {
				if parents[l] != "" {
					parent = parents[l]
					break
				}
			}
			code, level = b.checkCode(t, scheme, r, parent)
			if level >= 1 && level <= 3 {
				parents[level] = code
				for l := int(level) + 1; l <= 3; l++ {
					parents[l] = ""
				}
			}
		}
		for _, c := range r.Cells {
			col := t.Columns[c.Col]
			if col.Role != RoleAmount {
				continue
			}
			ci := b.col(t, c.Col)
			main := ci.main
			metric := ""
			if !main {
				metric = ci.item
			}
			rowScheme, rowCode, rowLevel, rowName := scheme, code, level, name
			switch {
			case r.Total && main:
				metric, rowScheme, rowCode, rowLevel = tableTotalMetric[t.Kind], schemas.SchemeNone, "", 0
			case r.Total:
				rowCode, rowLevel, rowScheme = "", 0, schemas.SchemeNone
				if fn, ok := fundName[t.Kind]; ok {
					rowScheme, rowName = schemas.SchemeFundSource, fn
				}
				if m, ok := gpbTotalMetric[metric]; ok && t.Kind == KindGPBFunction {
					metric = m
				}
			case main:
				metric = classMetric
			}
			if metric == "" {
				unmapped++
				continue
			}
			b.add(t, metric, ci.period, rowScheme, rowCode, rowLevel, rowName, c.Text, r.Sheet, c.Addr, col.Label)
		}
	}
	return unmapped
}

// checkCode validates a row's printed code against the code list: an
// unknown code is kept as printed with a finding, a missing code is looked
// up by name under parent (the code of the enclosing row; names such as
// 行政运行 or 其他支出 recur under many parents).
func (b *factBuilder) checkCode(t *Table, scheme string, r Row, parent string) (string, int8) {
	where := func() string { return fmt.Sprintf("%s: %s %s row %d", b.f.label(), t.Title, r.Sheet, r.Line) }
	if r.Code == "" {
		all := b.codes.ByName(scheme, norm(r.Name), parent)
		var cs []schemas.Code
		for _, c := range all {
			if c.Level == r.Level {
				cs = append(cs, c)
			}
		}
		if len(cs) == 0 {
			cs = all // no indentation, or the indentation disagrees with the list
		}
		if len(cs) == 1 {
			under := ""
			if parent != "" {
				under = " under " + parent
			}
			b.q(RuleCodeFromName, schemas.SeverityInfo, "", cs[0].Code, r.Name,
				fmt.Sprintf("%s: %s printed without 科目编码; code %s from the name%s", where(), r.Name, cs[0].Code, under))
			return cs[0].Code, cs[0].Level
		}
		return "", r.Level
	}
	c, ok := b.codes.ByCode(scheme, r.Code, b.hint.FiscalYear)
	if !ok {
		b.q(RuleCodeUnknown, schemas.SeverityWarning, "", "", r.Code,
			fmt.Sprintf("%s: code %s (%s) is not in the %s code list; kept as printed", where(), r.Code, r.Name, scheme))
		return r.Code, r.Level
	}
	n := norm(r.Name)
	if n != "" && n != norm(c.Name) && n != norm(c.CurrentName) {
		match := false
		for _, x := range b.codes.ByName(scheme, n, "") {
			if x.Code == r.Code {
				match = true
			}
		}
		if !match {
			b.q(RuleCodeNameMismatch, schemas.SeverityWarning, "", c.Name, r.Name,
				fmt.Sprintf("%s: code %s is %s in the code list, printed %s", where(), r.Code, c.Name, r.Name))
		}
	}
	return r.Code, c.Level
}

// checkSums compares the 合计 row with the sum of the 类 rows of a
// classified table, column by column, exactly.
func (b *factBuilder) checkSums(t *Table) {
	if !kindIsClassified(t.Kind) || t.Unit == "" {
		return
	}
	sum := map[int]schemas.Money{}
	seen := map[int]bool{}
	var total *Row
	for i, r := range t.Rows {
		if r.Total {
			if total == nil {
				total = &t.Rows[i]
			}
			continue
		}
		if r.Level != 1 {
			continue
		}
		for _, c := range r.Cells {
			if t.Columns[c.Col].Role != RoleAmount {
				continue
			}
			if x, ok := parseNumber(c.Text); ok {
				if m, err := schemas.ParseMoney(x, t.Unit); err == nil {
					sum[c.Col] += m
					seen[c.Col] = true
				}
			}
		}
	}
	if total == nil {
		return
	}
	for _, c := range total.Cells {
		if !seen[c.Col] {
			continue
		}
		x, ok := parseNumber(c.Text)
		if !ok {
			continue
		}
		m, err := schemas.ParseMoney(x, t.Unit)
		if err != nil || m == sum[c.Col] {
			continue
		}
		b.q(RuleSumMismatch, schemas.SeverityWarning, "", sum[c.Col].In(t.Unit), c.Text,
			fmt.Sprintf("%s: %s column %q: 合计 %s %s but the 类 rows add up to %s", b.f.label(), t.Title,
				t.Columns[c.Col].Label, c.Text, t.Unit, sum[c.Col].In(t.Unit)))
	}
}
