package validate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

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
	order := map[string]int{}
	for i, r := range rules {
		order[r.ID] = i
	}
	slices.SortStableFunc(c.out, func(a, b schemas.Quality) int { return cmp.Compare(order[a.RuleID], order[b.RuleID]) })
	return c.out
}

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
	byKey map[string][]schemas.Fact // factKey -> facts, in document order
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
	for _, f := range facts {
		if !f.HasAmount {
			continue
		}
		k := groupKey{f.FiscalYear, f.Stage, f.Period}
		g := c.byKey[k]
		if g == nil {
			g = &group{key: k, byKey: map[string][]schemas.Fact{}}
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
func factKey(f schemas.Fact) string {
	if f.Metric == "function_class" || f.Metric == "economic_class" {
		if f.Code != "" {
			return f.Metric + "|" + f.Scheme + "|" + f.Code
		}
		return f.Metric + "|" + f.Scheme + "|~" + schemas.NormalizeName(f.Name)
	}
	return f.Metric
}

// values returns the facts of a metric with distinct amounts.
func (g *group) values(metric string) []schemas.Fact { return distinct(g.byKey[metric]) }

func distinct(fs []schemas.Fact) []schemas.Fact {
	var out []schemas.Fact
	for _, f := range fs {
		if !slices.ContainsFunc(out, func(o schemas.Fact) bool { return o.Amount == f.Amount }) {
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
	total schemas.Fact
	parts []schemas.Fact
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
// part and returns the one that fits best; ok reports that it is within
// rounding. Empty slots make it return ok=false with a zero choice.
func bestSum(totals []schemas.Fact, parts [][]schemas.Fact) (best sumChoice, ok, any bool) {
	slots := append([][]schemas.Fact{totals}, parts...)
	n := 1
	for _, s := range slots {
		if len(s) == 0 {
			return sumChoice{}, false, false
		}
		n *= len(s)
		if n > maxCombos {
			break
		}
	}
	if n > maxCombos {
		for i := range slots {
			slots[i] = slots[i][:1]
		}
	}
	pick := make([]schemas.Fact, len(slots))
	first := true
	var rec func(i int)
	rec = func(i int) {
		if i == len(slots) {
			ch := sumChoice{total: pick[0], parts: slices.Clone(pick[1:]), slack: ulp(pick[0])}
			for _, p := range ch.parts {
				ch.sum += p.Amount
				ch.slack += ulp(p)
			}
			if first || ch.over() < best.over() {
				best, first = ch, false
			}
			return
		}
		for _, f := range slots[i] {
			pick[i] = f
			rec(i + 1)
		}
	}
	rec(0)
	return best, best.over() <= 0, true
}

// printed renders a fact's figure as the document prints it: "104.66万元".
func printed(f schemas.Fact) string {
	if f.Value == "" {
		return f.Amount.Yuan() + "元"
	}
	return f.Value + f.Unit
}

// label names a fact for a message: the class name, or the metric's Chinese
// term.
func label(f schemas.Fact) string {
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
	ch, ok, any := bestSum(g.values("total_expenditure"), [][]schemas.Fact{g.values("basic_expenditure"), g.values("project_expenditure")})
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
	ch, ok, any := bestSum(g.values("basic_expenditure"), [][]schemas.Fact{g.values("personnel_expenditure"), g.values("public_expenditure")})
	if any && !ok {
		c.reportSum(RulePersonnelPublicBasic, schemas.SeverityError, ch, g.key)
	}
}

func (c *checker) threePublic(g *group) {
	overseas, reception := g.values("three_public_overseas"), g.values("three_public_reception")
	vehicle, purchase, operation := g.values("three_public_vehicle_total"), g.values("three_public_vehicle_purchase"), g.values("three_public_vehicle_operation")
	total := g.values("three_public_total")
	var parts [][]schemas.Fact
	if len(vehicle) > 0 {
		parts = [][]schemas.Fact{overseas, reception, vehicle}
	} else {
		parts = [][]schemas.Fact{overseas, reception, purchase, operation}
	}
	if ch, ok, any := bestSum(total, parts); any && !ok {
		c.reportSum(RuleThreePublicTotal, schemas.SeverityError, ch, g.key)
	}
	if ch, ok, any := bestSum(vehicle, [][]schemas.Fact{purchase, operation}); any && !ok {
		c.reportSum(RuleThreePublicTotal, schemas.SeverityError, ch, g.key)
	}
}

var incomeSourceMetrics = []string{
	"general_public_budget_income", "government_fund_income", "state_capital_income",
	"fiscal_special_account_income", "business_income", "operating_income", "other_income",
}

func (c *checker) incomeSources(g *group) {
	var parts [][]schemas.Fact
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
