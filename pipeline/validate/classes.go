package validate

import (
	"cmp"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strings"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// classTotals are the totals a list of function classes may break down.
var classTotals = []string{"general_public_budget_income", "total_expenditure", "fiscal_appropriation_total"}

// listing is the function classes of one narrative or one table sheet, one
// fact per code (the first stated).
type listing struct {
	name     string
	codes    map[string]*schemas.Fact
	byLvl    []*schemas.Fact // 类-level facts, with or without a code
	byLvlKey []string        // factKey of each byLvl fact
}

// listings splits a group's function-class facts by where they were read:
// the narrative of one source, or one sheet of one table file. The same
// class stated in two listings may rightly differ (支出总表 vs 一般公共预算
// 支出表), so sums are checked within a listing.
func (g *group) listings() []*listing {
	if g.listsSet {
		return g.lists
	}
	g.lists, g.listsSet = g.makeListings(), true
	return g.lists
}

func (g *group) makeListings() []*listing {
	by := map[string]*listing{}
	for _, k := range g.sortedKeys() {
		if !strings.HasPrefix(k, "function_class|") {
			continue
		}
		for _, f := range g.byKey[k] {
			name := f.Method + " " + f.SourceURL
			if f.Method == schemas.MethodTable {
				name += " " + f.Sheet
			}
			l := by[name]
			if l == nil {
				l = &listing{name: strings.TrimSpace(name), codes: map[string]*schemas.Fact{}}
				by[name] = l
			}
			if f.Code != "" {
				if _, dup := l.codes[f.Code]; dup {
					continue
				}
				l.codes[f.Code] = f
			}
			if f.Level == 1 || (f.Level == 0 && len(f.Code) == 3) {
				// every fact under k has factKey k
				if !slices.Contains(l.byLvlKey, k) {
					l.byLvl = append(l.byLvl, f)
					l.byLvlKey = append(l.byLvlKey, k)
				}
			}
		}
	}
	return slices.SortedFunc(maps.Values(by), func(a, b *listing) int { return cmp.Compare(a.name, b.name) })
}

func (c *checker) functionTotals(g *group) {
	var totals []*schemas.Fact
	for _, m := range classTotals {
		totals = append(totals, g.values(m)...)
	}
	if len(totals) == 0 {
		return
	}
	for _, l := range g.listings() {
		if len(l.byLvl) == 0 {
			continue
		}
		parts := make([][]*schemas.Fact, len(l.byLvl))
		for i, f := range l.byLvl {
			parts[i] = []*schemas.Fact{f}
		}
		ch, ok, _ := bestSum(totals, parts)
		aboveAll := !slices.ContainsFunc(totals, func(t *schemas.Fact) bool { return t.Amount >= ch.sum })
		if ok || (len(parts) < 2 && !aboveAll) {
			// A single class below a total is a partial mention, not a listing.
			continue
		}
		sev := schemas.SeverityWarning
		if aboveAll {
			sev = schemas.SeverityError
		}
		var stated []string
		for _, t := range totals {
			stated = append(stated, label(t)+" "+printed(t))
		}
		msg := fmt.Sprintf("the %d 类 of the function classification (%s) add up to %s yuan, which matches none of the totals they could break down (%s; %s)",
			len(l.byLvl), l.name, ch.sum.Yuan(), strings.Join(stated, ", "), g.key)
		c.add(RuleFunctionClassesTotal, sev, "function_class", ch.sum.String(), ch.total.Amount.String(), msg)
	}
}

func (c *checker) functionChildren(g *group) {
	for _, l := range g.listings() {
		codes := slices.Sorted(maps.Keys(l.codes))
		for _, pc := range codes {
			if len(pc) != 3 && len(pc) != 5 {
				continue
			}
			var parts [][]*schemas.Fact
			for _, dc := range codes {
				if len(dc) <= len(pc) || !strings.HasPrefix(dc, pc) {
					continue
				}
				// Only the nearest stated descendants: a 项 counts when its 款 is not stated.
				if len(dc) == 7 && len(pc) == 3 {
					if _, mid := l.codes[dc[:5]]; mid {
						continue
					}
				}
				parts = append(parts, []*schemas.Fact{l.codes[dc]})
			}
			if len(parts) == 0 {
				continue
			}
			ch, ok, _ := bestSum([]*schemas.Fact{l.codes[pc]}, parts)
			if !ok {
				c.reportSum(RuleFunctionChildren, sumSeverity(ch, schemas.SeverityWarning), ch, g.key)
			}
		}
	}
}

// shareOf names the totals a stated share of the metric may be of.
func shareOf(f *schemas.Fact) []string {
	switch f.Metric {
	case "general_public_budget_income", "government_fund_income", "state_capital_income",
		"fiscal_special_account_income", "business_income", "operating_income", "other_income", "carryover_income":
		return []string{"total_income"}
	case "basic_expenditure", "project_expenditure":
		return []string{"total_expenditure"}
	case "personnel_expenditure", "public_expenditure":
		return []string{"basic_expenditure", "total_expenditure"}
	case "three_public_overseas", "three_public_reception", "three_public_vehicle_total":
		return []string{"three_public_total"}
	case "three_public_vehicle_purchase", "three_public_vehicle_operation":
		return []string{"three_public_vehicle_total", "three_public_total"}
	case "government_procurement_goods", "government_procurement_works", "government_procurement_services":
		return []string{"government_procurement"}
	case "function_class":
		return classTotals
	case "economic_class":
		return []string{"basic_expenditure", "total_expenditure", "general_public_budget_income"}
	}
	return []string{"total_expenditure"}
}

func (c *checker) shares(g *group) {
	for _, k := range g.sortedKeys() {
		for _, f := range g.distinctOf(k) {
			if f.SharePct == "" {
				continue
			}
			stated, half, ok := parsePct(f.SharePct)
			if !ok {
				continue
			}
			var totals []*schemas.Fact
			for _, m := range shareOf(f) {
				totals = append(totals, g.values(m)...)
			}
			if (f.Metric == "function_class" || f.Metric == "economic_class") && len(f.Code) > 3 {
				parent := f.Code[:len(f.Code)-2]
				totals = append(totals, g.distinctOf(f.Metric+"|"+f.Scheme+"|"+parent)...)
			}
			fits, tried := false, false
			sp := newStatedPct(stated, half)
			for _, t := range totals {
				fit, ok := sp.fitsRange(int64(f.Amount), ulp(f), int64(t.Amount), ulp(t))
				if !ok {
					continue
				}
				tried = true
				if fit {
					fits = true
					break
				}
			}
			if !tried || fits {
				continue
			}
			t := totals[0]
			c.add(RuleShare, schemas.SeverityWarning, f.Metric, pct(int64(f.Amount), int64(t.Amount)), stated.FloatString(decimals(f.SharePct)),
				fmt.Sprintf("%s %s is stated as %s%% of the total, but it is %s%% of %s %s%s (%s)",
					label(f), printed(f), f.SharePct, pct(int64(f.Amount), int64(t.Amount)), label(t), printed(t), otherTotals(totals[1:]), g.key))
		}
	}
}

func otherTotals(ts []*schemas.Fact) string {
	if len(ts) == 0 {
		return ""
	}
	var s []string
	for _, t := range ts {
		s = append(s, label(t)+" "+printed(t))
	}
	return " and fits none of " + strings.Join(s, ", ")
}

// priorChanges checks stated changes on the previous year: prior + change =
// current when the prior figure is stated, and the stated change percentage.
func (c *checker) priorChanges(facts []schemas.Fact) {
	// The facts of one stage, year, period and factKey, in document order:
	// the index Check built (it holds every fact with an amount).
	idx := func(stage string, year int32, period, key string) []*schemas.Fact {
		if g := c.byKey[groupKey{year, stage, period}]; g != nil {
			return g.byKey[key]
		}
		return nil
	}
	for i := range facts {
		f := &facts[i]
		if !f.HasAmount || !f.HasChange {
			continue
		}
		var cur *schemas.Fact
		var priors []*schemas.Fact
		switch f.Period {
		case schemas.PeriodCurrent:
			cur = f
			fk := factKey(f)
			priors = distinct(append(slices.Clone(idx(f.Stage, f.FiscalYear, schemas.PeriodPrior, fk)),
				idx(f.Stage, f.FiscalYear-1, schemas.PeriodPrior, fk)...))
		case schemas.PeriodPrior:
			fk := factKey(f)
			curs := distinct(append(slices.Clone(idx(f.Stage, f.FiscalYear, schemas.PeriodCurrent, fk)),
				idx(f.Stage, f.FiscalYear+1, schemas.PeriodCurrent, fk)...))
			if len(curs) == 0 || curs[0].HasChange {
				continue // no current figure, or the current fact carries the change and is checked itself
			}
			cur, priors = curs[0], []*schemas.Fact{f}
		default:
			continue
		}
		change := &schemas.Fact{Metric: "change", Amount: f.ChangeAmount, Value: f.ChangeValue, Unit: f.Unit}
		chUlp := changeUlp(f)
		if len(priors) > 0 {
			okAny := false
			var bestP *schemas.Fact
			var bestOver int64
			for i, p := range priors {
				d := int64(p.Amount) + int64(f.ChangeAmount) - int64(cur.Amount)
				slack := ulp(p) + chUlp + ulp(cur)
				if within(d, slack) {
					okAny = true
					break
				}
				if o := 2*abs(d) - slack; i == 0 || o < bestOver {
					bestP, bestOver = p, o
				}
			}
			if !okAny {
				sum := bestP.Amount + f.ChangeAmount
				c.add(RulePriorChange, schemas.SeverityWarning, cur.Metric, sum.String(), cur.Amount.String(),
					fmt.Sprintf("%s: the previous year's %s plus the stated change of %s gives %s yuan, but the current figure is %s (%d %s)",
						label(cur), printed(bestP), printed(change), sum.Yuan(), printed(cur), cur.FiscalYear, cur.Stage))
			}
		}
		if f.ChangePct == "" {
			continue
		}
		stated, half, ok := parsePct(f.ChangePct)
		if !ok {
			continue
		}
		// The change percentage is of the prior figure; without a stated
		// prior, the prior is current − change.
		type base struct {
			prior, priorUlp int64
			desc            string
		}
		var bases []base
		for _, p := range priors {
			bases = append(bases, base{int64(p.Amount), ulp(p), "the previous year's " + printed(p)})
		}
		if len(bases) == 0 {
			bases = append(bases, base{int64(cur.Amount - f.ChangeAmount), ulp(cur) + chUlp, "current minus change, " + (cur.Amount - f.ChangeAmount).Yuan() + " yuan"})
		}
		fits, tried := false, false
		sp := newStatedPct(stated, half)
		for _, b := range bases {
			fit, ok := sp.fitsRange(int64(f.ChangeAmount), chUlp, b.prior, b.priorUlp)
			if !ok {
				continue
			}
			tried = true
			if fit {
				fits = true
				break
			}
		}
		if tried && !fits {
			b := bases[0]
			c.add(RulePriorChange, schemas.SeverityWarning, cur.Metric, pct(int64(f.ChangeAmount), b.prior), stated.FloatString(decimals(f.ChangePct)),
				fmt.Sprintf("%s: a change of %s on %s is %s%%, but the document states %s%% (%d %s)",
					label(cur), printed(change), b.desc, pct(int64(f.ChangeAmount), b.prior), f.ChangePct, cur.FiscalYear, cur.Stage))
		}
	}
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// textTable compares a figure stated both in the narrative and in a table.
func (c *checker) textTable(g *group) {
	for _, k := range g.sortedKeys() {
		var text, table []*schemas.Fact
		for _, f := range g.distinctOf(k) {
			switch f.Method {
			case schemas.MethodText:
				text = append(text, f)
			case schemas.MethodTable:
				table = append(table, f)
			}
		}
		if len(text) == 0 || len(table) == 0 {
			continue
		}
		agree := false
		for _, a := range text {
			for _, b := range table {
				if within(int64(a.Amount-b.Amount), ulp(a)+ulp(b)) {
					agree = true
				}
			}
		}
		if agree {
			continue
		}
		a, b := text[0], table[0]
		where := b.Sheet
		if b.Cell != "" {
			where += " " + b.Cell
		}
		c.add(RuleCrosscheckTextTable, schemas.SeverityWarning, a.Metric, b.Amount.String(), a.Amount.String(),
			fmt.Sprintf("%s is %s in the narrative (%q) but %s in the table (%s) (%s)",
				label(a), printed(a), a.Quote, printed(b), strings.TrimSpace(where), g.key))
	}
}

var hundred = big.NewRat(100, 1)

func (c *checker) ranges(facts []schemas.Fact) {
	for i := range facts {
		f := &facts[i]
		if f.HasAmount && f.Amount < 0 {
			c.add(RuleRangeNegativeAmount, schemas.SeverityWarning, f.Metric, "0", f.Amount.String(),
				fmt.Sprintf("%s is stated as a negative amount, %s (%d %s)", label(f), printed(f), f.FiscalYear, f.Stage))
		}
	}
	for i := range facts {
		f := &facts[i]
		if f.SharePct == "" {
			continue
		}
		if v, _, ok := parsePct(f.SharePct); ok && v.Cmp(hundred) > 0 {
			c.add(RuleRangeShareOver100, schemas.SeverityError, f.Metric, "100", f.SharePct,
				fmt.Sprintf("%s %s is stated as %s%% of its total, more than the whole (%d %s)", label(f), printed(f), f.SharePct, f.FiscalYear, f.Stage))
		}
	}
}
