package validate

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// maxCombos bounds the choices tried when a metric is stated with several
// different values; beyond it only the first value of each is used.
const maxCombos = 512

// Check validates the facts of one document and returns its findings, in the
// order of Rules and then of year, stage, period and class code. fiscalYear
// is the document's year, stamped on every finding.
func Check(docID string, fiscalYear int32, facts []schemas.Fact) []schemas.Quality {
	c := &checker{docID: docID, year: fiscalYear}
	c.index(facts)
	for _, g := range c.groups {
		c.basicProject(g)
		c.personnelPublic(g)
	}
	for _, g := range c.groups {
		c.functionTotals(g)
	}
	for _, g := range c.groups {
		c.functionChildren(g)
	}
	for _, g := range c.groups {
		c.threePublic(g)
	}
	for _, g := range c.groups {
		c.shares(g)
	}
	c.priorChanges(facts)
	for _, g := range c.groups {
		c.incomeSources(g)
	}
	for _, g := range c.groups {
		c.textTable(g)
	}
	c.ranges(facts)
	order := ruleOrder()
	slices.SortStableFunc(c.out, func(a, b schemas.Quality) int { return cmp.Compare(order[a.RuleID], order[b.RuleID]) })
	return c.out
}

// ruleOrder is the position of each rule id in rules.
var ruleOrder = sync.OnceValue(func() map[string]int {
	order := make(map[string]int, len(rules))
	for i, r := range rules {
		order[r.ID] = i
	}
	return order
})

type groupKey struct {
	year          int32
	stage, period string
}

func (k groupKey) String() string {
	s := fmt.Sprintf("%d %s", k.year, k.stage)
	if k.period != schemas.PeriodCurrent {
		s += ", " + k.period + " figures"
	}
	return s
}

// group holds the money facts of one fiscal year, stage and period.
type group struct {
	key   groupKey
	byKey map[string][]*schemas.Fact // factKey -> facts, in document order

	// computed once, on first use
	keys     []string                   // the keys of byKey, sorted
	vals     map[string][]*schemas.Fact // distinct(byKey[k]), capacity clipped
	lists    []*listing
	listsSet bool
}

// sortedKeys returns the keys of byKey in order.
func (g *group) sortedKeys() []string {
	if g.keys == nil {
		g.keys = slices.Sorted(maps.Keys(g.byKey))
	}
	return g.keys
}

// distinctOf returns distinct(g.byKey[k]), computed once. Callers must not
// modify it (its capacity is clipped, so appending copies).
func (g *group) distinctOf(k string) []*schemas.Fact {
	if v, ok := g.vals[k]; ok {
		return v
	}
	if g.vals == nil {
		g.vals = map[string][]*schemas.Fact{}
	}
	v := slices.Clip(distinct(g.byKey[k]))
	g.vals[k] = v
	return v
}

type checker struct {
	docID  string
	year   int32
	groups []*group
	byKey  map[groupKey]*group
	out    []schemas.Quality
}

func (c *checker) index(facts []schemas.Fact) {
	c.byKey = map[groupKey]*group{}
	// The index holds pointers into facts: Check never modifies a fact, and
	// copying each (a few hundred bytes) into its group was most of the
	// time and memory of a check.
	for i := range facts {
		f := &facts[i]
		if !f.HasAmount {
			continue
		}
		k := groupKey{f.FiscalYear, f.Stage, f.Period}
		g := c.byKey[k]
		if g == nil {
			g = &group{key: k, byKey: map[string][]*schemas.Fact{}}
			c.byKey[k] = g
			c.groups = append(c.groups, g)
		}
		fk := factKey(f)
		g.byKey[fk] = append(g.byKey[fk], f)
	}
	slices.SortFunc(c.groups, func(a, b *group) int {
		return cmp.Or(cmp.Compare(a.key.year, b.key.year), cmp.Compare(a.key.stage, b.key.stage), cmp.Compare(a.key.period, b.key.period))
	})
}

// factKey identifies what a fact states: its metric, and for classes the
// scheme and code (or the normalised name when no code was found).
func factKey(f *schemas.Fact) string {
	if f.Metric == "function_class" || f.Metric == "economic_class" {
		if f.Code != "" {
			return f.Metric + "|" + f.Scheme + "|" + f.Code
		}
		return f.Metric + "|" + f.Scheme + "|~" + schemas.NormalizeName(f.Name)
	}
	// A breakdown of another metric by class or fund (人员经费 of 30101 基本工资,
	// a fund's column of a total) is its own figure, not the metric's total.
	if f.Code != "" || (f.Scheme != "" && f.Scheme != schemas.SchemeNone) {
		return f.Metric + "|" + f.Scheme + "|" + f.Code + "|~" + schemas.NormalizeName(f.Name)
	}
	return f.Metric
}

// values returns the facts of a metric with distinct amounts.
func (g *group) values(metric string) []*schemas.Fact { return g.distinctOf(metric) }

func distinct(fs []*schemas.Fact) []*schemas.Fact {
	var out []*schemas.Fact
	for _, f := range fs {
		if !slices.ContainsFunc(out, func(o *schemas.Fact) bool { return o.Amount == f.Amount }) {
			out = append(out, f)
		}
	}
	return out
}

func (c *checker) add(ruleID, severity, metric string, expected, actual, msg string) {
	c.out = append(c.out, schemas.Quality{
		DocID: c.docID, FiscalYear: c.year, RuleID: ruleID, Severity: severity,
		Metric: metric, Expected: expected, Actual: actual, Message: msg,
	})
}

// sumChoice is one choice of a stated value for a total and for each part.
type sumChoice struct {
	total *schemas.Fact
	parts []*schemas.Fact
	sum   schemas.Money
	slack int64 // Σ ulp of the chosen facts
}

func (s sumChoice) diff() int64 { return int64(s.sum) - int64(s.total.Amount) }

// over is how far |diff| goes beyond the rounding allowance, in half-fen.
func (s sumChoice) over() int64 {
	d := s.diff()
	if d < 0 {
		d = -d
	}
	return 2*d - s.slack
}

// bestSum tries every choice of one stated value for the total and for each
// part and returns the one that fits best (the first in the order slot 0
// outermost, the last part innermost, among equally good ones); ok reports
// that it is within rounding. Empty slots make it return ok=false with a zero
// choice. Beyond maxCombos choices only the first value of each slot is used.
func bestSum(totals []*schemas.Fact, parts [][]*schemas.Fact) (best sumChoice, ok, any bool) {
	nslots := 1 + len(parts)
	slot := func(i int) []*schemas.Fact {
		if i == 0 {
			return totals
		}
		return parts[i-1]
	}
	n := 1
	for i := 0; i < nslots; i++ {
		s := slot(i)
		if len(s) == 0 {
			return sumChoice{}, false, false
		}
		n *= len(s)
		if n > maxCombos {
			break
		}
	}
	truncate := n > maxCombos
	// The amount and ulp of every candidate, slot by slot, computed once.
	var lenBuf, offBuf, idxBuf [16]int
	lens, offs, idx := lenBuf[:0], offBuf[:0], idxBuf[:nslots:nslots]
	if nslots > len(idxBuf) {
		idx = make([]int, nslots)
	}
	var amtBuf, ulpBuf [64]int64
	amts, ulps := amtBuf[:0], ulpBuf[:0]
	for i := 0; i < nslots; i++ {
		s := slot(i)
		if truncate {
			if len(s) == 0 {
				return sumChoice{}, false, false
			}
			s = s[:1]
		}
		lens = append(lens, len(s))
		offs = append(offs, len(amts))
		for j := range s {
			amts = append(amts, int64(s[j].Amount))
			ulps = append(ulps, ulp(s[j]))
		}
	}
	var bestIdx [16]int
	bi := bestIdx[:nslots:nslots]
	if nslots > len(bestIdx) {
		bi = make([]int, nslots)
	}
	var bestSumV, bestSlack, bestOver int64
	first := true
	for {
		total := amts[offs[0]+idx[0]]
		slack := ulps[offs[0]+idx[0]]
		var sum schemas.Money
		for i := 1; i < nslots; i++ {
			sum += schemas.Money(amts[offs[i]+idx[i]])
			slack += ulps[offs[i]+idx[i]]
		}
		d := int64(sum) - total
		if d < 0 {
			d = -d
		}
		over := 2*d - slack
		if first || over < bestOver {
			first = false
			bestOver, bestSumV, bestSlack = over, int64(sum), slack
			copy(bi, idx)
		}
		// next choice: the last slot varies fastest
		i := nslots - 1
		for ; i >= 0; i-- {
			idx[i]++
			if idx[i] < lens[i] {
				break
			}
			idx[i] = 0
		}
		if i < 0 {
			break
		}
	}
	best = sumChoice{total: totals[bi[0]], parts: make([]*schemas.Fact, len(parts)), sum: schemas.Money(bestSumV), slack: bestSlack}
	for i := range parts {
		best.parts[i] = parts[i][bi[i+1]]
	}
	return best, best.over() <= 0, true
}

// printed renders a fact's figure as the document prints it: "104.66万元".
func printed(f *schemas.Fact) string {
	if f.Value == "" {
		return f.Amount.Yuan() + "元"
	}
	return f.Value + f.Unit
}

// label names a fact for a message: the class name, or the metric's Chinese
// term.
func label(f *schemas.Fact) string {
	if f.Metric == "function_class" || f.Metric == "economic_class" {
		name := f.Name
		if name == "" {
			name = f.Code
		} else if f.Code != "" {
			name = f.Code + " " + name
		}
		return name
	}
	if m, ok := schemas.LookupMetric(f.Metric); ok {
		l, _, _ := strings.Cut(m.Label, " / ")
		return l
	}
	return f.Metric
}

// sumMessage explains a failed sum identity in plain words.
func sumMessage(ch sumChoice, ctx groupKey) string {
	var terms []string
	for _, p := range ch.parts {
		terms = append(terms, label(p)+" "+printed(p))
	}
	d := ch.diff()
	rel := "more"
	if d < 0 {
		rel, d = "less", -d
	}
	return fmt.Sprintf("%s add up to %s yuan, %s yuan %s than the stated %s %s (%s); printed rounding allows at most %s yuan",
		strings.Join(terms, " + "), ch.sum.Yuan(), schemas.Money(d).Yuan(), rel, label(ch.total), printed(ch.total), ctx,
		schemas.Money(ch.slack/2).Yuan())
}

func (c *checker) reportSum(rule, severity string, ch sumChoice, ctx groupKey) {
	c.add(rule, severity, ch.total.Metric, ch.sum.String(), ch.total.Amount.String(), sumMessage(ch, ctx))
}

// sumSeverity: parts above the total are always an error; below it, the
// short severity applies (a part may simply be unstated).
func sumSeverity(ch sumChoice, short string) string {
	if ch.diff() > 0 {
		return schemas.SeverityError
	}
	return short
}

func (c *checker) basicProject(g *group) {
	ch, ok, any := bestSum(g.values("total_expenditure"), [][]*schemas.Fact{g.values("basic_expenditure"), g.values("project_expenditure")})
	if !any || ok {
		return
	}
	short := schemas.SeverityError
	if g.key.stage == schemas.StageFinalAccount {
		short = schemas.SeverityWarning
	}
	c.reportSum(RuleBasicProjectTotal, sumSeverity(ch, short), ch, g.key)
}

func (c *checker) personnelPublic(g *group) {
	ch, ok, any := bestSum(g.values("basic_expenditure"), [][]*schemas.Fact{g.values("personnel_expenditure"), g.values("public_expenditure")})
	if any && !ok {
		c.reportSum(RulePersonnelPublicBasic, schemas.SeverityError, ch, g.key)
	}
}

func (c *checker) threePublic(g *group) {
	overseas, reception := g.values("three_public_overseas"), g.values("three_public_reception")
	vehicle, purchase, operation := g.values("three_public_vehicle_total"), g.values("three_public_vehicle_purchase"), g.values("three_public_vehicle_operation")
	total := g.values("three_public_total")
	var parts [][]*schemas.Fact
	if len(vehicle) > 0 {
		parts = [][]*schemas.Fact{overseas, reception, vehicle}
	} else {
		parts = [][]*schemas.Fact{overseas, reception, purchase, operation}
	}
	if ch, ok, any := bestSum(total, parts); any && !ok {
		c.reportSum(RuleThreePublicTotal, schemas.SeverityError, ch, g.key)
	}
	if ch, ok, any := bestSum(vehicle, [][]*schemas.Fact{purchase, operation}); any && !ok {
		c.reportSum(RuleThreePublicTotal, schemas.SeverityError, ch, g.key)
	}
}

var incomeSourceMetrics = []string{
	"general_public_budget_income", "government_fund_income", "state_capital_income",
	"fiscal_special_account_income", "business_income", "operating_income", "other_income",
}

func (c *checker) incomeSources(g *group) {
	var parts [][]*schemas.Fact
	for _, m := range incomeSourceMetrics {
		if v := g.values(m); len(v) > 0 {
			parts = append(parts, v)
		}
	}
	total := g.values("total_income")
	if len(parts) == 0 || len(total) == 0 {
		return
	}
	without, ok, _ := bestSum(total, parts)
	if ok {
		return
	}
	if carry := g.values("carryover_income"); len(carry) > 0 {
		with, ok, _ := bestSum(total, append(slices.Clone(parts), carry))
		if ok {
			return
		}
		// Report the reading that comes closer.
		if with.over() < without.over() {
			without = with
		}
	}
	if len(parts) < 2 && without.diff() < 0 {
		// One source short of the total is a partial mention, not a listing.
		return
	}
	c.reportSum(RuleIncomeSourcesTotal, sumSeverity(without, schemas.SeverityWarning), without, g.key)
}
