package demoportal

import (
	"hash/fnv"
	"math/rand/v2"
	"slices"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// Years the site publishes documents for; priorYear only feeds the
// previous-year figures the 2023 documents restate.
const (
	priorYear = 2022
	firstYear = 2023
	lastYear  = 2024
)

// staffing is one department-year's head count.
type staffing struct {
	Units                                    int64
	PostsAdmin, PostsInst, PostsWorker       int64
	StaffAdmin, StaffInst, StaffWorker, Temp int64
	Retired                                  int64
}

func (s staffing) Posts() int64 { return s.PostsAdmin + s.PostsInst + s.PostsWorker }
func (s staffing) Staff() int64 { return s.StaffAdmin + s.StaffInst + s.StaffWorker }

// item is one 项 of 一般公共预算 expenditure.
type item struct {
	Code    string
	Basic   bool
	Amount  schemas.Money
	Initial schemas.Money // final accounts: the 年初预算 of the same year
	Purpose string
}

// econ is one 经济分类 款 of basic expenditure.
type econ struct {
	Code   string
	Amount schemas.Money
}

// threePublic is the 三公 block of one plan.
type threePublic struct {
	Overseas, Reception, VehPurchase, VehOperation schemas.Money
	Groups, Trips, Batches, Guests, Vehicles       int64
}

func (t threePublic) Vehicle() schemas.Money { return t.VehPurchase + t.VehOperation }
func (t threePublic) Total() schemas.Money   { return t.Overseas + t.Reception + t.Vehicle() }

// plan is everything one department states for one fiscal year and stage.
// Every total is built from its parts, so the identities hold by
// construction; tests check them again on the published truth.
type plan struct {
	Year  int32
	Stage string
	Staff staffing

	GPB, Fund, Capital, Special, Business, Operating, Other, Carry schemas.Money

	Personnel, Public schemas.Money
	Items             []item
	Econ              []econ
	TP                threePublic
	TPInitial         threePublic // final accounts: the budgeted 三公
	OpExp             schemas.Money
	ProcGoods         schemas.Money
	ProcWorks         schemas.Money
	ProcServices      schemas.Money
	FixedAssets       schemas.Money
	PerfFunds         schemas.Money
	PerfProjectsOnly  bool
}

func (p *plan) Basic() schemas.Money { return p.Personnel + p.Public }

func (p *plan) NonGPB() schemas.Money {
	return p.Fund + p.Capital + p.Special + p.Business + p.Operating + p.Other + p.Carry
}

// Total is total income and total expenditure (the plans balance).
func (p *plan) Total() schemas.Money { return p.GPB + p.NonGPB() }

// GPBProject is the project part of 一般公共预算 expenditure.
func (p *plan) GPBProject() schemas.Money {
	var s schemas.Money
	for _, it := range p.Items {
		if !it.Basic {
			s += it.Amount
		}
	}
	return s
}

// Project is all project expenditure: GPB projects plus everything funded
// from other sources (non-GPB income funds projects only).
func (p *plan) Project() schemas.Money { return p.GPBProject() + p.NonGPB() }

func (p *plan) Procurement() schemas.Money { return p.ProcGoods + p.ProcWorks + p.ProcServices }

// classTotals sums the items up to 类 and 款: code -> amount, in code order.
func classTotals(items []item, initial bool) (codes []string, amounts map[string]schemas.Money) {
	amounts = map[string]schemas.Money{}
	for _, it := range items {
		a := it.Amount
		if initial {
			a = it.Initial
		}
		for _, c := range []string{it.Code[:3], it.Code[:5], it.Code} {
			if _, ok := amounts[c]; !ok {
				codes = append(codes, c)
			}
			amounts[c] += a
		}
	}
	slices.Sort(codes)
	return codes, amounts
}

// econTotals sums the economic 款 up to 类, in code order.
func econTotals(es []econ) (codes []string, amounts map[string]schemas.Money) {
	amounts = map[string]schemas.Money{}
	for _, e := range es {
		for _, c := range []string{e.Code[:3], e.Code} {
			if _, ok := amounts[c]; !ok {
				codes = append(codes, c)
			}
			amounts[c] += e.Amount
		}
	}
	slices.Sort(codes)
	return codes, amounts
}

// newRand derives an independent deterministic stream for one purpose.
func newRand(seed uint64, parts ...string) *rand.Rand {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

// between draws uniformly from [lo, hi].
func between(r *rand.Rand, lo, hi int64) int64 {
	if hi <= lo {
		return lo
	}
	return lo + r.Int64N(hi-lo+1)
}

// roundTo rounds fen down to a multiple of g.
func roundTo(m, g schemas.Money) schemas.Money { return m / g * g }

// split divides total (a multiple of g) into parts proportional to weights,
// each a multiple of g, summing exactly to total; the remainder goes to the
// first part.
func split(total schemas.Money, weights []int64, g schemas.Money) []schemas.Money {
	out := make([]schemas.Money, len(weights))
	if len(weights) == 0 {
		return out
	}
	var sum int64
	for _, w := range weights {
		sum += w
	}
	var used schemas.Money
	for i := 1; i < len(weights); i++ {
		out[i] = roundTo(schemas.Money(int64(total)/sum*weights[i]+int64(total)%sum*weights[i]/sum), g)
		used += out[i]
	}
	out[0] = total - used
	return out
}

// codeValid reports whether code exists in the code list with a name valid
// in year, and returns that name.
func codeValid(l *schemas.CodeList, scheme, code string, year int32) (string, bool) {
	c, ok := l.ByCode(scheme, code, year)
	if !ok || year < c.ValidFrom || (c.ValidTo != 0 && year > c.ValidTo) {
		return "", false
	}
	return c.Name, true
}

// itemValid requires the 项 and its 款 and 类 to be valid in every year the
// department publishes, so one item set serves all its documents.
func itemValid(l *schemas.CodeList, code string) bool {
	for y := int32(priorYear); y <= lastYear; y++ {
		for _, c := range []string{code[:3], code[:5], code} {
			if _, ok := codeValid(l, schemas.SchemeFunction, c, y); !ok {
				return false
			}
		}
	}
	return true
}

func econValid(l *schemas.CodeList, code string) bool {
	for y := int32(priorYear); y <= lastYear; y++ {
		if _, ok := codeValid(l, schemas.SchemeEconomic, code, y); !ok {
			return false
		}
		if len(code) == 5 {
			if _, ok := codeValid(l, schemas.SchemeEconomic, code[:3], y); !ok {
				return false
			}
		}
	}
	return true
}

// econCandidates are the 款 basic expenditure is spread over, per 类, with weights.
var econCandidates = []struct {
	Class string
	Kuan  []codeShare
}{
	{"301", []codeShare{{"30101", 30, ""}, {"30102", 22, ""}, {"30103", 6, ""}, {"30107", 14, ""},
		{"30108", 9, ""}, {"30109", 4, ""}, {"30110", 4, ""}, {"30112", 1, ""}, {"30113", 7, ""}, {"30199", 2, ""}}},
	{"302", []codeShare{{"30201", 20, ""}, {"30202", 3, ""}, {"30205", 3, ""}, {"30206", 5, ""}, {"30207", 4, ""},
		{"30211", 6, ""}, {"30213", 5, ""}, {"30215", 2, ""}, {"30216", 3, ""}, {"30217", 2, ""},
		{"30226", 6, ""}, {"30228", 5, ""}, {"30229", 3, ""}, {"30231", 5, ""}, {"30239", 8, ""}, {"30299", 6, ""}}},
	{"303", []codeShare{{"30302", 10, ""}, {"30305", 2, ""}, {"30399", 1, ""}}},
}

// deptModel holds what stays fixed for a department across years.
type deptModel struct {
	Kind       kind
	G          schemas.Money // granularity of every amount in fen
	Run, Proj  []codeShare   // valid basic and project 项 besides the common ones
	Common     []codeShare
	Retire     *codeShare
	Econ       [][]codeShare // per 类 (301, 302, 303) the valid 款
	EconClass  []string
	perStaff   int64
	pubStaff   int64
	projPct    int64
	busPct     int64
	staff      staffing
	overseas   bool
	vehicles   int64
	procMix    [3]int64
	assetsPer  int64
	perfProj   bool
	otherShare int64 // other income as permille of basic (0: none)
	carryShare int64
}

// newDeptModel fixes a department's shape from its kind and the code list.
func newDeptModel(r *rand.Rand, k kind, l *schemas.CodeList) *deptModel {
	m := &deptModel{Kind: k, G: 100}
	if k.Coarse || r.IntN(3) == 0 {
		m.G = 10000 // multiples of 100 yuan: printable as 万元 with 2 decimals
	}
	for _, c := range k.Run {
		if itemValid(l, c.Code) {
			m.Run = append(m.Run, c)
		}
	}
	for _, c := range k.Proj {
		if itemValid(l, c.Code) {
			m.Proj = append(m.Proj, c)
		}
	}
	if len(m.Proj) == 0 && itemValid(l, fallbackProj.Code) {
		m.Proj = []codeShare{fallbackProj}
	}
	m.staff = staffing{Units: between(r, k.UnitsMin, k.UnitsMax)}
	n := between(r, k.StaffMin, k.StaffMax)
	switch {
	case !k.Admin:
		m.staff.StaffInst = n * 9 / 10
		m.staff.StaffWorker = n - m.staff.StaffInst
	case k.SubUnits != "" && m.staff.Units > 1:
		m.staff.StaffAdmin = max(3, n/(3+int64(r.IntN(4))))
		m.staff.StaffWorker = int64(r.IntN(3))
		m.staff.StaffInst = n - m.staff.StaffAdmin - m.staff.StaffWorker
	default:
		m.staff.StaffAdmin = n - int64(r.IntN(2))
		m.staff.StaffWorker = n - m.staff.StaffAdmin
	}
	m.staff.PostsAdmin = m.staff.StaffAdmin + int64(r.IntN(3))
	m.staff.PostsInst = m.staff.StaffInst + int64(r.IntN(3))*min(1, m.staff.StaffInst)
	m.staff.PostsWorker = m.staff.StaffWorker + int64(r.IntN(2))*min(1, m.staff.StaffWorker)
	m.staff.Temp = int64(r.IntN(4))
	m.staff.Retired = between(r, 0, max(1, n/4))
	if m.staff.StaffAdmin > 0 && itemValid(l, "2101101") {
		m.Common = append(m.Common, commonBasic[2])
	}
	if m.staff.StaffInst > 0 && itemValid(l, "2101102") {
		m.Common = append(m.Common, commonBasic[3])
	}
	for _, c := range []codeShare{commonBasic[0], commonBasic[1], commonBasic[4]} {
		if itemValid(l, c.Code) {
			m.Common = append(m.Common, c)
		}
	}
	if m.staff.Retired > 0 {
		pick := retireCodes[0]
		if !k.Admin || m.staff.StaffInst > m.staff.StaffAdmin {
			pick = retireCodes[1]
		}
		for _, c := range []codeShare{pick, retireCodes[2]} {
			if itemValid(l, c.Code) {
				m.Retire = &c
				break
			}
		}
	}
	if len(m.Run) == 0 {
		// The kind's own running-cost 项 is not in the code list yet: carry
		// the running costs on the first valid common 项 instead.
		if len(m.Common) > 0 {
			m.Run = []codeShare{m.Common[0]}
			m.Common = m.Common[1:]
		}
	}
	for _, ec := range econCandidates {
		if !econValid(l, ec.Class) {
			continue
		}
		var ks []codeShare
		for _, c := range ec.Kuan {
			if econValid(l, c.Code) && r.IntN(5) != 0 {
				ks = append(ks, c)
			}
		}
		if len(ks) == 0 {
			for _, c := range ec.Kuan {
				if econValid(l, c.Code) {
					ks = append(ks, c)
				}
			}
		}
		m.EconClass = append(m.EconClass, ec.Class)
		m.Econ = append(m.Econ, ks)
	}
	m.perStaff = between(r, k.PerStaff[0], k.PerStaff[1])
	m.pubStaff = between(r, k.PubStaff[0], k.PubStaff[1])
	m.projPct = between(r, k.ProjPct[0], k.ProjPct[1])
	m.busPct = between(r, k.Business[0], k.Business[1])
	m.overseas = k.Overseas && r.IntN(2) == 0
	m.vehicles = between(r, k.Vehicles[0], k.Vehicles[1])
	m.procMix = [3]int64{between(r, 0, 6), int64(r.IntN(3)) * int64(r.IntN(2)), between(r, 1, 8)}
	m.assetsPer = between(r, 20000, 90000)
	m.perfProj = r.IntN(3) == 0
	if r.IntN(3) == 0 {
		m.otherShare = between(r, 5, 40)
	}
	if r.IntN(3) == 0 {
		m.carryShare = between(r, 5, 60)
	}
	return m
}

// yuan converts whole yuan to fen rounded down to the granularity.
func (m *deptModel) yuan(y int64) schemas.Money { return roundTo(schemas.Money(y*100), m.G) }

// budgetPlan draws the budget of one year. growth is the per-year drift in
// permille, compounding from priorYear.
func (m *deptModel) budgetPlan(r *rand.Rand, year int32) *plan {
	p := &plan{Year: year, Stage: schemas.StageBudget}
	st := m.staff
	dy := int64(year - priorYear)
	// Head count drifts a little year to year.
	st.StaffAdmin = max(0, st.StaffAdmin+int64(r.IntN(3))-1)
	if st.StaffAdmin > st.PostsAdmin {
		st.StaffAdmin = st.PostsAdmin
	}
	if st.StaffInst > 0 {
		st.StaffInst = max(1, st.StaffInst+int64(r.IntN(5))-2)
		st.PostsInst = max(st.PostsInst, st.StaffInst)
	}
	st.Retired = max(0, st.Retired+int64(r.IntN(3))-1)
	st.Temp = int64(r.IntN(4))
	p.Staff = st
	growth := 1000 + dy*int64(20+r.IntN(25))
	staff := max(1, st.Staff())
	wage := m.yuan(staff * m.perStaff * growth / 1000)
	var pension schemas.Money
	if m.Retire != nil && st.Retired > 0 && len(m.EconClass) == 3 {
		pension = m.yuan(st.Retired * between(r, 28000, 42000))
	}
	p.Personnel = wage + pension
	p.Public = m.yuan(staff * m.pubStaff * (1000 + int64(r.IntN(120)) - 60) / 1000)
	if p.Public == 0 {
		p.Public = m.G
	}
	basic := p.Basic()
	// Basic items: common personnel items by weight, the running-cost items take the rest.
	var ws []int64
	var cs []codeShare
	for _, c := range m.Run {
		ws, cs = append(ws, int64(c.Weight)*10), append(cs, c)
	}
	runWeight := int64(0)
	for _, w := range ws {
		runWeight += w
	}
	for _, c := range m.Common {
		ws, cs = append(ws, runWeight*int64(c.Weight)*int64(85+r.IntN(31))/10000+1), append(cs, c)
	}
	parts := split(wage+p.Public, ws, m.G)
	for i, c := range cs {
		p.Items = append(p.Items, item{Code: c.Code, Basic: true, Amount: parts[i], Purpose: c.Purpose})
	}
	if pension > 0 {
		p.Items = append(p.Items, item{Code: m.Retire.Code, Basic: true, Amount: pension, Purpose: m.Retire.Purpose})
	}
	// Project items.
	proj := m.yuan(int64(basic) / 100 * m.projPct / 100 * (1000 + int64(r.IntN(160)) - 80) / 1000)
	if len(m.Proj) > 0 && proj > 0 {
		ws = ws[:0]
		for _, c := range m.Proj {
			ws = append(ws, int64(c.Weight)*int64(8+r.IntN(5)))
		}
		for i, a := range split(proj, ws, m.G) {
			if a > 0 {
				p.Items = append(p.Items, item{Code: m.Proj[i].Code, Amount: a, Purpose: m.Proj[i].Purpose})
			}
		}
	}
	slices.SortFunc(p.Items, func(a, b item) int {
		if a.Code < b.Code {
			return -1
		}
		if a.Code > b.Code {
			return 1
		}
		return 0
	})
	for _, it := range p.Items {
		p.GPB += it.Amount
	}
	// Other sources fund projects only.
	if m.busPct > 0 {
		p.Business = m.yuan(int64(basic) / 100 * m.busPct / 100 * (1000 + int64(r.IntN(100)) - 50) / 1000)
		if !m.Kind.Admin {
			p.Operating = roundTo(p.Business/schemas.Money(20+r.IntN(20)), m.G)
		}
	}
	if m.otherShare > 0 {
		p.Other = m.yuan(int64(basic) / 100 * m.otherShare / 1000)
	}
	if m.carryShare > 0 && r.IntN(2) == 0 {
		p.Carry = m.yuan(int64(basic) / 100 * m.carryShare / 1000)
	}
	if m.Kind.Big && p.Business > 0 {
		// Round the big totals to whole 万元 so they print in 亿元 exactly.
		const wan = 1000000
		if rem := p.Total() % wan; rem != 0 {
			p.Business += wan - rem
		}
	}
	m.fillEcon(r, p)
	m.fillSide(r, p, nil)
	return p
}

// fillEcon spreads personnel (301, 303) and public (302) over the valid 款.
func (m *deptModel) fillEcon(r *rand.Rand, p *plan) {
	p.Econ = nil
	var pension schemas.Money
	for _, it := range p.Items {
		if m.Retire != nil && it.Code == m.Retire.Code {
			pension = it.Amount
		}
	}
	for i, class := range m.EconClass {
		var total schemas.Money
		switch class {
		case "301":
			total = p.Personnel - pension
		case "302":
			total = p.Public
		case "303":
			total = pension
		}
		if total == 0 {
			continue
		}
		ks := m.Econ[i]
		ws := make([]int64, len(ks))
		for j, c := range ks {
			ws[j] = int64(c.Weight) * int64(90+r.IntN(21))
		}
		for j, a := range split(total, ws, m.G) {
			if a > 0 {
				p.Econ = append(p.Econ, econ{Code: ks[j].Code, Amount: a})
			}
		}
	}
	if len(m.EconClass) < 3 {
		// Without 303 in the code list the pension stays in 301; without
		// 301/302 the identity personnel+public = Σ econ cannot be stated,
		// so Econ is left as drawn and tables say so.
		return
	}
}

// fillSide draws the 三公, procurement, assets and performance figures.
// For final accounts budget is the year's budget plan.
func (m *deptModel) fillSide(r *rand.Rand, p *plan, budget *plan) {
	st := p.Staff
	if budget == nil {
		if m.overseas {
			p.TP.Groups = between(r, 1, 2)
			p.TP.Trips = p.TP.Groups * between(r, 1, 3)
			p.TP.Overseas = m.yuan(p.TP.Trips * between(r, 18000, 32000))
		}
		p.TP.Vehicles = m.vehicles
		p.TP.VehOperation = m.yuan(p.TP.Vehicles * between(r, 12000, 26000))
		if p.TP.Vehicles > 0 && r.IntN(5) == 0 {
			p.TP.VehPurchase = m.yuan(between(r, 120000, 180000))
		}
		if r.IntN(6) != 0 {
			p.TP.Batches = between(r, 3, 10+st.Staff()/10)
			p.TP.Guests = p.TP.Batches * between(r, 3, 8)
			p.TP.Reception = m.yuan(p.TP.Guests * between(r, 120, 220))
			if p.TP.Reception == 0 {
				p.TP.Reception = m.G
			}
		}
	} else {
		b := budget.TP
		p.TPInitial = b
		p.TP.Vehicles = b.Vehicles
		p.TP.Groups = b.Groups * int64(r.IntN(2))
		if p.TP.Groups > 0 {
			p.TP.Trips = min(b.Trips, p.TP.Groups*between(r, 1, 3))
		}
		p.TP.Overseas = roundTo(b.Overseas*schemas.Money(p.TP.Trips)/schemas.Money(max(1, b.Trips))*schemas.Money(85+r.IntN(16))/100, m.G)
		p.TP.VehOperation = roundTo(b.VehOperation*schemas.Money(80+r.IntN(21))/100, m.G)
		p.TP.VehPurchase = b.VehPurchase
		if b.Batches > 0 {
			p.TP.Batches = max(1, b.Batches-int64(r.IntN(3)))
			p.TP.Guests = max(p.TP.Batches, b.Guests-int64(r.IntN(6)))
			p.TP.Reception = roundTo(b.Reception*schemas.Money(70+r.IntN(31))/100, m.G)
		}
	}
	if m.Kind.Admin {
		p.OpExp = p.Public
	}
	p.ProcGoods = roundTo(p.Public*schemas.Money(m.procMix[0])/20, m.G)
	p.ProcWorks = roundTo(p.GPBProject()*schemas.Money(m.procMix[1])/10, m.G)
	p.ProcServices = roundTo((p.Public+p.GPBProject())*schemas.Money(m.procMix[2])/40, m.G)
	if r.IntN(8) == 0 {
		p.ProcGoods, p.ProcWorks, p.ProcServices = 0, 0, 0
	}
	p.FixedAssets = m.yuan(max(1, st.Staff()) * m.assetsPer * (1000 + int64(p.Year-priorYear)*int64(r.IntN(60))) / 1000)
	p.PerfProjectsOnly = m.perfProj
	if m.perfProj {
		p.PerfFunds = p.GPBProject()
	} else {
		p.PerfFunds = p.GPB
	}
}

// finalPlan draws the final account of a year from that year's budget.
func (m *deptModel) finalPlan(r *rand.Rand, b *plan) *plan {
	p := &plan{Year: b.Year, Stage: schemas.StageFinalAccount, Staff: b.Staff}
	p.Staff.Temp = max(0, b.Staff.Temp+int64(r.IntN(3))-1)
	var basicB, basicF schemas.Money
	for _, it := range b.Items {
		f := it
		f.Initial = it.Amount
		ratio := int64(96 + r.IntN(9)) // basic: 96%..104%
		if !it.Basic {
			ratio = int64(78 + r.IntN(31)) // projects: 78%..108%
		}
		f.Amount = roundTo(it.Amount*schemas.Money(ratio)/100, m.G)
		if f.Amount == 0 {
			f.Amount = m.G
		}
		if it.Basic {
			basicB += it.Amount
			basicF += f.Amount
		}
		p.Items = append(p.Items, f)
		p.GPB += f.Amount
	}
	// Personnel and public keep the budget's proportion of basic expenditure;
	// the pension item stays personnel.
	p.Public = roundTo(schemas.Money(int64(b.Public)/100*int64(basicF)/max(1, int64(basicB)/100)), m.G)
	if p.Public >= basicF {
		p.Public = basicF / 2 / m.G * m.G
	}
	p.Personnel = basicF - p.Public
	p.Business = roundTo(b.Business*schemas.Money(95+r.IntN(11))/100, m.G)
	p.Operating = roundTo(b.Operating*schemas.Money(90+r.IntN(21))/100, m.G)
	p.Other = roundTo(b.Other*schemas.Money(80+r.IntN(41))/100, m.G)
	p.Carry = b.Carry
	if m.Kind.Big && p.Business > 0 {
		const wan = 1000000
		if rem := p.Total() % wan; rem != 0 {
			p.Business += wan - rem
		}
	}
	m.fillEcon(r, p)
	m.fillSide(r, p, b)
	return p
}
