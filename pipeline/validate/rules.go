// Package validate checks the figures a document states against the
// identities a budget disclosure must satisfy (basic + project = total,
// classes sum to the total, shares and changes agree with the amounts) and
// reports what does not hold as schemas.Quality rows. It only reports: a
// document that breaks an identity is still published.
//
// Every comparison allows for the rounding of the printed figures: an amount
// printed to d decimals in unit u may be off by half a unit of its last digit,
// and a sum of n printed parts may accumulate n such halves. Arithmetic is
// exact (integer fen, math/big for ratios); nothing passes through a float.
package validate

import (
	"fmt"
	"strings"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// Rule is one validation rule: its stable id, the severity of its findings
// and what it checks.
type Rule struct {
	ID          string
	Severity    string
	Description string
}

// Rule ids.
const (
	RuleBasicProjectTotal    = "identity.basic_project_total"
	RulePersonnelPublicBasic = "identity.personnel_public_basic"
	RuleFunctionClassesTotal = "identity.function_classes_total"
	RuleFunctionChildren     = "identity.function_children"
	RuleThreePublicTotal     = "identity.three_public_total"
	RuleShare                = "identity.share"
	RulePriorChange          = "identity.prior_change"
	RuleIncomeSourcesTotal   = "identity.income_sources_total"
	RuleCrosscheckTextTable  = "crosscheck.text_table"
	RuleRangeNegativeAmount  = "range.negative_amount"
	RuleRangeShareOver100    = "range.share_over_100"
)

var rules = []Rule{
	{RuleBasicProjectTotal, schemas.SeverityError,
		"基本支出 (basic_expenditure) + 项目支出 (project_expenditure) = 支出总计 (total_expenditure). " +
			"In a final account the stated total may also hold 上缴上级支出, 经营支出 or 结转结余, so a total above the two parts is only a warning there; a total below them is always an error."},
	{RulePersonnelPublicBasic, schemas.SeverityError,
		"人员经费 (personnel_expenditure) + 公用经费 (public_expenditure) = 基本支出 (basic_expenditure)."},
	{RuleFunctionClassesTotal, schemas.SeverityError,
		"The 类-level function_class amounts of one listing (the narrative, or one table sheet) add up to the total they break down: " +
			"一般公共预算拨款 (general_public_budget_income), 支出总计 (total_expenditure) or 财政拨款收支总额 (fiscal_appropriation_total), whichever matches; the finding names all three. " +
			"Classes adding up to more than every total are an error; less is a warning (a class may be unstated), reported only when at least two classes are stated."},
	{RuleFunctionChildren, schemas.SeverityError,
		"Within one listing, the stated 款 of a 类 add up to the 类, and the stated 项 of a 款 to the 款 (a 项 stated without its 款 counts towards the 类). " +
			"Parts adding up to more than the parent are an error; less is a warning (a part may be unstated)."},
	{RuleThreePublicTotal, schemas.SeverityError,
		"“三公”经费: three_public_total = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行维护费 (purchase + operation when the vehicle total is not stated), " +
			"and three_public_vehicle_total = 公务用车购置费 + 公务用车运行维护费."},
	{RuleShare, schemas.SeverityWarning,
		"A stated share (占…%) equals amount / total × 100 within the rounding of the printed share and amounts. " +
			"The total is the one the share is of: 收入总计 for income lines, 支出总计 for 基本/项目支出, the “三公” total for its parts, 政府采购 for its parts, " +
			"and for classes any of the class totals or the parent class; the share holds when it fits one of them."},
	{RulePriorChange, schemas.SeverityWarning,
		"When a fact states its change on the previous year (比上年增加/减少 …) and the previous year's figure is stated too: prior + change = current, " +
			"and a stated change percentage equals change / prior × 100, within rounding."},
	{RuleIncomeSourcesTotal, schemas.SeverityError,
		"Income sources (一般公共预算拨款, 政府性基金, 国有资本经营, 财政专户, 事业收入, 经营收入, 其他收入, with or without 上年结转) add up to 收入总计 (total_income). " +
			"Sources adding up to more than the total are an error; less is a warning (a source may be unstated), reported only when at least two sources are stated."},
	{RuleCrosscheckTextTable, schemas.SeverityWarning,
		"The same metric (and class code) for the same year, stage and period, stated both in the narrative and in a table, agrees within rounding."},
	{RuleRangeNegativeAmount, schemas.SeverityWarning,
		"A stated money amount is not negative."},
	{RuleRangeShareOver100, schemas.SeverityError,
		"A stated share of a total is not above 100%."},
}

// Rules returns every rule in the order Check reports them; docs/rules.md is
// generated from it.
func Rules() []Rule { return append([]Rule(nil), rules...) }

// Markdown renders the rules as the text of docs/rules.md.
func Markdown() string {
	var b strings.Builder
	b.WriteString("# Validation rules\n\n")
	b.WriteString("<!-- Generated from pipeline/validate/rules.go by `go test ./pipeline/validate -run TestRulesDoc -update`; do not edit. -->\n\n")
	b.WriteString("`pipeline/validate` checks the figures of each document and writes one row of the `quality` table per finding. ")
	b.WriteString("A document that breaks a rule is still published; the finding tells the reader which figure to treat with care.\n\n")
	b.WriteString("Only facts of the same fiscal year, stage and period are compared (a prior-year change compares the two periods of one metric). ")
	b.WriteString("Amounts are compared exactly, in fen, with the rounding the printed figures allow: a value printed with d decimals in a unit u ")
	b.WriteString("may be off by half a unit of its last digit (120.66万元: ±50 yuan), and a sum of n printed parts and its printed total ")
	b.WriteString("may be off by the sum of those halves. Shares and percentages are checked as intervals with exact rational arithmetic. ")
	b.WriteString("When a metric is stated more than once with different values (the same word used for the whole budget and for the ")
	b.WriteString("一般公共预算 part), an identity holds when any combination of the stated values satisfies it.\n\n")
	b.WriteString("Each finding carries `expected` (what the identity implies) and `actual` (what the document states), in yuan ")
	b.WriteString("(percent for shares), and a message in plain words naming the figures as printed.\n\n")
	b.WriteString("| rule id | severity | what it checks |\n|---|---|---|\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", r.ID, r.Severity, strings.ReplaceAll(r.Description, "|", "\\|"))
	}
	return b.String()
}
