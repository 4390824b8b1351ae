package demoportal

import (
	"fmt"
	"html"
	"math/rand/v2"
	"strings"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// docCtx is what one document is written from.
type docCtx struct {
	d     *district
	k     kind
	m     *deptModel
	full  string // 清溪区科学技术协会
	short string // 区科协
	year  int32
	stage string
	cur   *plan
	prev  *plan // same stage, previous year
	codes *schemas.CodeList
}

func (c *docCtx) final() bool { return c.stage == schemas.StageFinalAccount }

// name is the code's name valid in the document's year.
func (c *docCtx) name(scheme, code string) string {
	n, ok := codeValid(c.codes, scheme, code, c.year)
	if !ok {
		panic("demoportal: code " + code + " not valid in " + fmt.Sprint(c.year))
	}
	return n
}

// narrator writes the 情况说明 of one document as HTML paragraphs and
// records every figure it prints.
type narrator struct {
	*docCtx
	r      *rand.Rand
	st     style
	fs     factSet
	b      strings.Builder
	sec    int
	indent bool
}

func (n *narrator) p(format string, args ...any) {
	s := html.EscapeString(fmt.Sprintf(format, args...))
	if n.indent {
		fmt.Fprintf(&n.b, "<p style=\"text-indent: 2em;\">%s</p>\n", s)
	} else {
		fmt.Fprintf(&n.b, "<p>　　%s</p>\n", s)
	}
}

func (n *narrator) h(title string) {
	n.sec++
	fmt.Fprintf(&n.b, "<p style=\"text-indent: 2em;\"><strong>%s、%s</strong></p>\n", cnNum(n.sec), html.EscapeString(title))
}

func (n *narrator) sub(i int, title string) {
	n.p("（%s）%s", cnNum(i), title)
}

func (n *narrator) fy(period string) int32 {
	if period == schemas.PeriodPrior {
		return n.year - 1
	}
	return n.year
}

// money records a money fact and returns it printed with its unit.
func (n *narrator) money(metric, period string, a schemas.Money) string {
	n.fs.add(TruthFact{Metric: metric, Period: period, FiscalYear: n.fy(period), Amount: a, HasAmount: true})
	return n.st.amount(a)
}

// share records a current money fact with its share of whole: "X万元，占S%".
func (n *narrator) share(metric string, a, whole schemas.Money) string {
	s := n.st.pct(basisPoints(a, whole))
	n.fs.add(TruthFact{Metric: metric, Period: schemas.PeriodCurrent, FiscalYear: n.year, Amount: a, HasAmount: true, SharePct: s})
	return n.st.amount(a) + "，占" + s + "%"
}

// fn records a function-class fact.
func (n *narrator) fn(code, period string, a schemas.Money, sharePct string) string {
	n.fs.add(TruthFact{Metric: "function_class", Period: period, Code: code, Name: n.name(schemas.SchemeFunction, code),
		FiscalYear: n.fy(period), Amount: a, HasAmount: true, SharePct: sharePct})
	return n.st.amount(a)
}

func (n *narrator) count(metric string, v int64) string {
	n.fs.add(TruthFact{Metric: metric, Period: schemas.PeriodCurrent, FiscalYear: n.year, Count: v, HasCount: true})
	return fmt.Sprint(v)
}

// change records the change of a current fact against the previous year
// and returns the clause, e.g. "比2023年预算数减少4.12万元，下降3.30%".
// With statePrior the previous figure itself is printed (a prior fact).
func (n *narrator) change(metric string, cur, prev schemas.Money, statePrior bool, reasonUp, reasonDown []string) string {
	label := fmt.Sprintf("%d年预算数", n.year-1)
	if n.final() {
		label = pick(n.r, "上年", fmt.Sprintf("%d年度", n.year-1), "上年决算数")
	}
	var b strings.Builder
	if statePrior {
		pv := n.money(metric, schemas.PeriodPrior, prev)
		if n.final() {
			fmt.Fprintf(&b, "上年决算数为%s，", pv)
		} else {
			fmt.Fprintf(&b, "%d年预算数为%s，", n.year-1, pv)
		}
		label = "上年"
	}
	d := cur - prev
	if d == 0 {
		fmt.Fprintf(&b, "与%s持平", label)
		return b.String()
	}
	up, dir, dirPct, reasons := d > 0, "增加", "增长", reasonUp
	if !up {
		dir, dirPct, reasons, d = "减少", "下降", reasonDown, -d
	}
	fmt.Fprintf(&b, "比%s%s%s", label, dir, n.st.amount(d))
	if prev != 0 {
		bp := basisPoints(cur-prev, prev)
		p := n.st.pct(bp)
		signed := p
		if !up {
			signed = "-" + p
		}
		i := n.fs.idx[TruthFact{Metric: metric, Period: schemas.PeriodCurrent, FiscalYear: n.year}.Key()]
		n.fs.facts[i].ChangePct = signed
		fmt.Fprintf(&b, "，%s%s%%", dirPct, p)
	}
	if len(reasons) > 0 {
		fmt.Fprintf(&b, "，主要原因是%s", pick(n.r, reasons...))
	}
	return b.String()
}

var (
	whyUp = []string{
		"人员工资标准调整，相应增加人员经费",
		"新增重点工作任务，相应增加项目经费",
		"社会保险缴费基数调整，相应增加社会保障缴费支出",
		"在职人员增加，人员经费相应增加",
	}
	whyDown = []string{
		"严格落实过紧日子要求，压减一般性支出",
		"部分一次性项目完成后不再安排",
		"退休人员减少，退休费相应减少",
		"优化支出结构，压减非刚性非重点支出",
	}
	whyTPUp   = []string{"公务用车使用年限较长，维修费用有所增加", "上级检查调研等公务接待任务增加"}
	whyTPDown = []string{"严格落实中央八项规定精神，厉行节约", "进一步规范公务接待管理，压减公务接待支出"}
	whyOpUp   = []string{"办公设备维护等日常运转费用增加", "办公用房水电费用增加"}
	whyOpDown = []string{"严格控制日常公用经费支出", "压减会议费、培训费等一般性支出"}
)

// incomeLine is one income source as the narrative names it.
type incomeLine struct {
	metric string
	label  string
	amount func(*plan) schemas.Money
}

var incomeLines = []incomeLine{
	{"carryover_income", "上年结转", func(p *plan) schemas.Money { return p.Carry }},
	{"general_public_budget_income", "一般公共预算拨款收入", func(p *plan) schemas.Money { return p.GPB }},
	{"government_fund_income", "政府性基金预算拨款收入", func(p *plan) schemas.Money { return p.Fund }},
	{"state_capital_income", "国有资本经营预算拨款收入", func(p *plan) schemas.Money { return p.Capital }},
	{"fiscal_special_account_income", "财政专户管理资金收入", func(p *plan) schemas.Money { return p.Special }},
	{"business_income", "事业收入", func(p *plan) schemas.Money { return p.Business }},
	{"operating_income", "事业单位经营收入", func(p *plan) schemas.Money { return p.Operating }},
	{"other_income", "其他收入", func(p *plan) schemas.Money { return p.Other }},
}

// writeNarrative writes the whole 情况说明.
func (n *narrator) writeNarrative() {
	type section struct {
		title string
		body  func()
	}
	var secs []section
	if n.final() {
		secs = []section{
			{pick(n.r, "部门基本情况", "部门主要职能及机构设置"), n.basics},
			{"部门决算单位构成", n.units},
			{pick(n.r, "收入支出决算总体情况说明", "部门收入支出决算总体情况"), n.overallFinal},
			{"收入决算情况说明", n.incomeSection},
			{"支出决算情况说明", n.expenditureSection},
			{"财政拨款收入支出决算总体情况说明", n.fiscalTotal},
			{"一般公共预算财政拨款支出决算情况说明", n.gpbSection},
			{"一般公共预算财政拨款基本支出决算情况说明", n.basicSection},
			{"“三公”经费财政拨款支出决算情况说明", n.threePublic},
			{"政府性基金预算财政拨款收入支出决算情况说明", n.fund},
			{"国有资本经营预算财政拨款支出决算情况说明", n.capital},
			{"其他重要事项的情况说明", n.other},
			{"名词解释", n.glossary},
		}
	} else {
		secs = []section{
			{pick(n.r, "基本职能及主要工作", "部门基本情况", "部门职责及机构设置情况"), n.basics},
			{"部门预算单位构成", n.units},
			{pick(n.r, "收支预算增减变化情况说明", "部门收支预算总体情况"), n.overallBudget},
			{"财政拨款收支预算情况说明", n.fiscalTotal},
			{"一般公共预算当年拨款情况说明", n.gpbSection},
			{"一般公共预算基本支出情况说明", n.basicSection},
			{"“三公”经费财政拨款预算安排情况说明", n.threePublic},
			{"政府性基金预算收支情况说明", n.fund},
			{"国有资本经营预算支出情况说明", n.capital},
			{"其他重要事项的情况说明", n.other},
			{"名词解释", n.glossary},
		}
		if n.r.IntN(3) == 0 {
			// Some departments put the 三公 section after the other matters.
			tp := secs[6]
			copy(secs[6:], secs[7:10])
			secs[9] = tp
		}
	}
	for _, s := range secs {
		n.h(s.title)
		s.body()
	}
}

func (n *narrator) L(s string) string { return strings.ReplaceAll(s, "{L}", n.d.Level) }

func (n *narrator) basics() {
	n.sub(1, pick(n.r, "主要职能", "机构设置及主要职责", "部门职责"))
	for i, f := range n.k.Functions {
		n.p("%d.%s", i+1, n.L(f))
	}
	n.sub(2, "机构设置")
	s := fmt.Sprintf("%s内设%s。", n.short, strings.Join(n.k.Offices, "、"))
	if n.cur.Staff.Units > 1 && n.k.SubUnits != "" {
		_, rest, _ := strings.Cut(n.k.SubUnits, "及")
		s += "下属单位包括" + strings.TrimPrefix(rest, "所属") + "。"
	}
	n.p("%s", s)
	if n.final() {
		n.sub(3, fmt.Sprintf("%d年度重点工作完成情况", n.year))
	} else {
		n.sub(3, fmt.Sprintf("%d年重点工作", n.year))
	}
	for i, t := range n.k.Tasks {
		n.p("%d.%s", i+1, n.L(t))
	}
}

func (n *narrator) units() {
	st := n.cur.Staff
	what := "部门预算编制范围"
	if n.final() {
		what = "部门决算编制范围"
	}
	u := n.count("budget_units", st.Units)
	if st.Units > 1 && n.k.SubUnits != "" {
		n.p("纳入%s%d年%s的预算单位共%s个，包括%s。", n.full, n.year, what, u, n.k.SubUnits)
	} else {
		n.p(pick(n.r, "本单位独立编制机构，纳入%[3]s的预算单位共%[1]s个，无下属二级预算单位。单位性质为%[2]s。",
			"%[4]s%[5]d年%[3]s的预算单位共%[1]s个，为%[2]s，无下属单位。"), u, n.k.Nature, what, n.full, n.year)
	}
	posts := n.count("authorized_posts", st.Posts())
	pa, pi, pw := n.count("authorized_posts_admin", st.PostsAdmin), n.count("authorized_posts_institution", st.PostsInst), n.count("authorized_posts_worker", st.PostsWorker)
	s := n.count("staff_in_post", st.Staff())
	sa, si, sw := n.count("staff_in_post_admin", st.StaffAdmin), n.count("staff_in_post_institution", st.StaffInst), n.count("staff_in_post_worker", st.StaffWorker)
	t, r := n.count("temporary_staff", st.Temp), n.count("retired_staff", st.Retired)
	when := ""
	if n.final() {
		when = fmt.Sprintf("截至%d年12月31日，", n.year)
	}
	switch n.r.IntN(2) {
	case 0:
		n.p("%s%s总编制%s名，其中行政编制%s名，事业编制%s名，工勤编制%s名。在职人员总数%s人，其中：行政人员%s人，事业人员%s人，工勤人员%s人；另有临聘人员%s人；离退休人员%s人。",
			when, n.short, posts, pa, pi, pw, s, sa, si, sw, t, r)
	default:
		n.p("%s%s核定编制%s名（行政编制%s名、事业编制%s名、工勤编制%s名），实有在职人员%s人（行政人员%s人、事业人员%s人、工勤人员%s人），临聘人员%s人，离退休人员%s人。",
			when, n.short, posts, pa, pi, pw, s, sa, si, sw, t, r)
	}
}

func (n *narrator) overallBudget() {
	c, pv := n.cur, n.prev
	statePrior := n.r.IntN(2) == 0
	ti := n.money("total_income", schemas.PeriodCurrent, c.Total())
	te := n.money("total_expenditure", schemas.PeriodCurrent, c.Total())
	ch := n.change("total_income", c.Total(), pv.Total(), statePrior, whyUp, whyDown)
	switch n.r.IntN(2) {
	case 0:
		n.p("按照综合预算的原则，%s所有收入和支出均纳入部门预算管理。%d年收入预算%s，%s；支出预算%s。", n.short, n.year, ti, ch, te)
	default:
		n.p("%s%d年收入预算%s，%s。%d年支出预算%s，收支平衡。", n.full, n.year, ti, ch, n.year, te)
	}
	n.sub(1, "收入预算情况")
	n.p("%d年收入预算%s，其中：%s。", n.year, ti, n.incomeList(c))
	n.sub(2, "支出预算情况")
	n.p("%d年支出预算%s，其中：基本支出%s；项目支出%s。", n.year, te,
		n.share("basic_expenditure", c.Basic(), c.Total()), n.share("project_expenditure", c.Project(), c.Total()))
	if n.r.IntN(2) == 0 {
		n.p("基本支出主要用于保障机构正常运转和完成日常工作任务；项目支出主要用于完成特定工作任务和事业发展目标。")
	}
}

// incomeList states the income sources with their shares, either all
// customary lines including zeros or only the lines that have money.
func (n *narrator) incomeList(c *plan) string {
	all := n.r.IntN(2) == 0
	var parts []string
	for _, l := range incomeLines {
		a := l.amount(c)
		customary := l.metric != "state_capital_income" && l.metric != "fiscal_special_account_income"
		if a == 0 && !(all && customary) {
			continue
		}
		label := l.label
		if n.final() && l.metric == "general_public_budget_income" {
			label = "一般公共预算财政拨款收入"
		}
		parts = append(parts, label+n.share(l.metric, a, c.Total()))
	}
	return strings.Join(parts, "；")
}

func (n *narrator) overallFinal() {
	c, pv := n.cur, n.prev
	statePrior := n.r.IntN(3) == 0
	ti := n.money("total_income", schemas.PeriodCurrent, c.Total())
	te := n.money("total_expenditure", schemas.PeriodCurrent, c.Total())
	switch n.r.IntN(2) {
	case 0:
		ch := n.change("total_income", c.Total(), pv.Total(), statePrior, whyUp, whyDown)
		n.p("%d年度收入总计%s，%s。", n.year, ti, ch)
		ch = n.change("total_expenditure", c.Total(), pv.Total(), false, nil, nil)
		n.p("%d年度支出总计%s，%s。", n.year, te, ch)
	default:
		ch := n.change("total_income", c.Total(), pv.Total(), false, whyUp, whyDown)
		// One clause covers both totals.
		if i, ok := n.fs.idx[TruthFact{Metric: "total_income", Period: schemas.PeriodCurrent, FiscalYear: n.year}.Key()]; ok {
			j := n.fs.idx[TruthFact{Metric: "total_expenditure", Period: schemas.PeriodCurrent, FiscalYear: n.year}.Key()]
			n.fs.facts[j].ChangePct = n.fs.facts[i].ChangePct
		}
		ch = strings.Replace(ch, "比", "收、支总计各比", 1)
		if strings.HasPrefix(ch, "与") {
			ch = "收、支总计均" + ch
		}
		n.p("%s%d年度收入总计%s，支出总计%s。与上年相比，%s。", n.full, n.year, ti, te, ch)
	}
}

func (n *narrator) incomeSection() {
	n.p("%d年度收入总计%s，其中：%s。", n.year, n.money("total_income", schemas.PeriodCurrent, n.cur.Total()), n.incomeList(n.cur))
}

func (n *narrator) expenditureSection() {
	c := n.cur
	n.p("%d年度支出总计%s，其中：基本支出%s；项目支出%s。", n.year, n.money("total_expenditure", schemas.PeriodCurrent, c.Total()),
		n.share("basic_expenditure", c.Basic(), c.Total()), n.share("project_expenditure", c.Project(), c.Total()))
	n.p("基本支出是指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费；项目支出是指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。")
}

func (n *narrator) fiscalTotal() {
	c, pv := n.cur, n.prev
	f := n.money("fiscal_appropriation_total", schemas.PeriodCurrent, c.GPB+c.Fund+c.Capital)
	ch := n.change("fiscal_appropriation_total", c.GPB+c.Fund+c.Capital, pv.GPB+pv.Fund+pv.Capital, n.r.IntN(2) == 0, whyUp, whyDown)
	if n.final() {
		n.p("%s%d年度财政拨款收、支总决算%s，%s。", n.short, n.year, f, ch)
		n.p("财政拨款收入全部为一般公共预算财政拨款收入，支出按功能分类科目说明如下。")
		return
	}
	n.p("%s%d年财政拨款收支总预算%s，%s。", n.short, n.year, f, ch)
	n.p("收入包括：本年一般公共预算拨款收入%s；支出全部为一般公共预算拨款安排的支出，具体按功能分类科目说明如下。", n.money("general_public_budget_income", schemas.PeriodCurrent, c.GPB))
}

// fnPath names a 项 with its 类 and 款 in one of the customary forms.
func (n *narrator) fnPath(code string, form int) string {
	l, k, x := n.name(schemas.SchemeFunction, code[:3]), n.name(schemas.SchemeFunction, code[:5]), n.name(schemas.SchemeFunction, code)
	switch form {
	case 0:
		return l + "（类）" + k + "（款）" + x + "（项）"
	case 1:
		return l + "-" + k + "-" + x
	default:
		return x + "（" + code + "）"
	}
}

func (n *narrator) gpbSection() {
	c := n.cur
	codes, totals := classTotals(c.Items, false)
	var classes []string
	for _, code := range codes {
		if len(code) == 3 {
			classes = append(classes, code)
		}
	}
	i := 1
	if !n.final() {
		n.sub(i, "一般公共预算当年拨款规模变化情况")
		g := n.money("general_public_budget_income", schemas.PeriodCurrent, c.GPB)
		n.p("%s%d年一般公共预算当年拨款%s，%s。", n.short, n.year, g,
			n.change("general_public_budget_income", c.GPB, n.prev.GPB, n.r.IntN(2) == 0, whyUp, whyDown))
		i++
	}
	n.sub(i, pick(n.r, "一般公共预算当年拨款结构情况（按功能科目类）", "结构情况"))
	i++
	var parts []string
	for _, cl := range classes {
		sp := n.st.pct(basisPoints(totals[cl], c.GPB))
		parts = append(parts, n.name(schemas.SchemeFunction, cl)+n.fn(cl, schemas.PeriodCurrent, totals[cl], sp)+"，占"+sp+"%")
	}
	lead := "一般公共预算当年拨款"
	if n.final() {
		lead = fmt.Sprintf("%d年度一般公共预算财政拨款支出", n.year)
	}
	n.p("%s主要用于以下方面：%s。", lead, strings.Join(parts, "；"))
	n.sub(i, pick(n.r, "具体使用情况（按功能科目类、款、项）", "一般公共预算当年拨款具体使用情况"))
	form := n.r.IntN(3)
	for j, it := range c.Items {
		path := n.fnPath(it.Code, form)
		if !n.final() {
			n.p("%d.%s：%d年预算数为%s，主要%s。", j+1, path, n.year, n.fn(it.Code, schemas.PeriodCurrent, it.Amount, ""), it.Purpose)
			continue
		}
		init := n.fn(it.Code, schemas.PeriodInitialBudget, it.Initial, "")
		done := n.fn(it.Code, schemas.PeriodCurrent, it.Amount, "")
		s := fmt.Sprintf("%d.%s：年初预算为%s，支出决算为%s，完成年初预算的%s%%。", j+1, path, init, done, n.st.pct(basisPoints(it.Amount, it.Initial)))
		switch {
		case it.Amount > it.Initial:
			s += "决算数大于年初预算数的主要原因是" + pick(n.r, "年中追加相关经费", "人员经费标准调整") + "。"
		case it.Amount < it.Initial:
			s += "决算数小于年初预算数的主要原因是" + pick(n.r, "厉行节约，压减支出", "部分项目按进度支付，未全部支出") + "。"
		default:
			s += "决算数与年初预算数持平。"
		}
		n.p("%s", s)
	}
}

func (n *narrator) basicSection() {
	c := n.cur
	when := fmt.Sprintf("%d年", n.year)
	if n.final() {
		when = fmt.Sprintf("%d年度", n.year)
	}
	b := n.money("general_public_budget_basic_expenditure", schemas.PeriodCurrent, c.Basic())
	pe := n.money("personnel_expenditure", schemas.PeriodCurrent, c.Personnel)
	pu := n.money("public_expenditure", schemas.PeriodCurrent, c.Public)
	switch n.r.IntN(2) {
	case 0:
		n.p("%s%s一般公共预算基本支出%s，其中：", n.short, when, b)
		n.p("人员经费%s，主要包括：基本工资、津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、住房公积金、退休费等。", pe)
		n.p("公用经费%s，主要包括：办公费、印刷费、水电费、邮电费、差旅费、维修（护）费、会议费、培训费、公务接待费、工会经费、公务用车运行维护费、其他交通费用等。", pu)
	default:
		n.p("%s%s一般公共预算基本支出%s。其中人员经费%s，用于工资福利支出和对个人和家庭的补助；公用经费%s，用于商品和服务支出。", when, n.short, b, pe, pu)
	}
}

func (n *narrator) threePublic() {
	c := n.cur
	tp := c.TP
	tot := n.money("three_public_total", schemas.PeriodCurrent, tp.Total())
	o := n.money("three_public_overseas", schemas.PeriodCurrent, tp.Overseas)
	rc := n.money("three_public_reception", schemas.PeriodCurrent, tp.Reception)
	v := n.money("three_public_vehicle_total", schemas.PeriodCurrent, tp.Vehicle())
	vp := n.money("three_public_vehicle_purchase", schemas.PeriodCurrent, tp.VehPurchase)
	vo := n.money("three_public_vehicle_operation", schemas.PeriodCurrent, tp.VehOperation)
	if n.final() {
		head := fmt.Sprintf("%s%d年度“三公”经费财政拨款支出决算为%s", n.short, n.year, tot)
		if it := c.TPInitial.Total(); it > 0 {
			head += fmt.Sprintf("，完成年初预算的%s%%（年初预算为%s）", n.st.pct(basisPoints(tp.Total(), it)),
				n.money("three_public_total", schemas.PeriodInitialBudget, it))
		} else {
			head += "，年初未安排“三公”经费预算"
		}
		n.p("%s。其中：因公出国（境）费%s，公务用车购置及运行维护费%s（公务用车购置费%s，公务用车运行维护费%s），公务接待费%s。", head, o, v, vp, vo, rc)
		n.sub(1, "因公出国（境）费")
		n.p("全年因公出国（境）团组%s个，累计%s人次。", n.count("overseas_groups", tp.Groups), n.count("overseas_trips_persons", tp.Trips))
		n.sub(2, "公务用车购置及运行维护费")
		n.p("公务用车运行维护费主要用于公务用车燃料费、维修费、过路过桥费、保险费等支出。截至%d年12月31日，%s开支财政拨款的公务用车保有量为%s辆。", n.year, n.short, n.count("vehicles_count", tp.Vehicles))
		n.sub(3, "公务接待费")
		n.p("全年国内公务接待%s批次、%s人次，主要用于接待上级部门检查指导、兄弟单位考察交流等公务活动。", n.count("reception_batches", tp.Batches), n.count("reception_persons", tp.Guests))
		return
	}
	ch := n.change("three_public_total", tp.Total(), n.prev.TP.Total(), n.r.IntN(2) == 0, whyTPUp, whyTPDown)
	n.p("%s%d年“三公”经费财政拨款预算数%s，%s。其中：因公出国（境）费%s，公务接待费%s，公务用车购置及运行维护费%s（其中：公务用车购置费%s，公务用车运行维护费%s）。",
		n.short, n.year, tot, ch, o, rc, v, vp, vo)
	n.sub(1, "因公出国（境）费")
	if tp.Groups == 0 {
		n.p("%d年未安排因公出国（境）计划，拟安排出国（境）团组%s个、%s人次。", n.year, n.count("overseas_groups", 0), n.count("overseas_trips_persons", 0))
	} else {
		n.p("根据%d年出国计划，拟安排因公出国（境）团组%s个、%s人次。", n.year, n.count("overseas_groups", tp.Groups), n.count("overseas_trips_persons", tp.Trips))
	}
	n.sub(2, "公务接待费")
	n.p("预计全年接待%s批次、%s人次，严格执行公务接待标准。", n.count("reception_batches", tp.Batches), n.count("reception_persons", tp.Guests))
	n.sub(3, "公务用车购置及运行维护费")
	n.p("%s现有公务用车%s辆，公务用车运行维护费用于公务用车燃油、维修、保险等方面支出。", n.short, n.count("vehicles_count", tp.Vehicles))
}

func (n *narrator) fund() {
	when := fmt.Sprintf("%d年", n.year)
	if n.final() {
		when = fmt.Sprintf("%d年度", n.year)
	}
	if n.r.IntN(2) == 0 {
		n.p("%s%s无政府性基金预算拨款安排的支出。", n.short, when)
		n.fs.add(TruthFact{Metric: "government_fund_expenditure", Period: schemas.PeriodCurrent, FiscalYear: n.year, Amount: 0, HasAmount: true})
		return
	}
	n.p("%s%s政府性基金预算拨款支出%s。", n.short, when, n.money("government_fund_expenditure", schemas.PeriodCurrent, 0))
}

func (n *narrator) capital() {
	when := fmt.Sprintf("%d年", n.year)
	if n.final() {
		when = fmt.Sprintf("%d年度", n.year)
	}
	if n.r.IntN(2) == 0 {
		n.p("%s%s没有使用国有资本经营预算拨款安排的支出。", n.short, when)
		n.fs.add(TruthFact{Metric: "state_capital_expenditure", Period: schemas.PeriodCurrent, FiscalYear: n.year, Amount: 0, HasAmount: true})
		return
	}
	n.p("%s%s使用国有资本经营预算拨款安排的支出%s。", n.short, when, n.money("state_capital_expenditure", schemas.PeriodCurrent, 0))
}

func (n *narrator) other() {
	c := n.cur
	i := 1
	when := fmt.Sprintf("%d年", n.year)
	if n.final() {
		when = fmt.Sprintf("%d年度", n.year)
	}
	n.sub(i, "机关运行经费")
	i++
	if n.k.Admin {
		op := n.money("operating_expenses", schemas.PeriodCurrent, c.OpExp)
		ch := n.change("operating_expenses", c.OpExp, n.prev.OpExp, n.r.IntN(2) == 0, whyOpUp, whyOpDown)
		if n.final() {
			n.p("%s%s机关运行经费支出%s，%s。", when, n.short, op, ch)
		} else {
			n.p("%s，%s机关运行经费财政拨款预算为%s，%s。", when, n.short, op, ch)
		}
	} else {
		n.p("%s为事业单位，不涉及机关运行经费。", n.short)
	}
	n.sub(i, "政府采购情况")
	i++
	word := "预算"
	if n.final() {
		word = "支出"
	}
	if c.Procurement() == 0 {
		n.p("%s，%s安排政府采购%s%s，本年度未实施政府采购。", when, n.short, word, n.money("government_procurement", schemas.PeriodCurrent, 0))
	} else {
		n.p("%s，%s政府采购%s总额%s，其中：政府采购货物%s%s、政府采购工程%s%s、政府采购服务%s%s。", when, n.short, word,
			n.money("government_procurement", schemas.PeriodCurrent, c.Procurement()),
			word, n.money("government_procurement_goods", schemas.PeriodCurrent, c.ProcGoods),
			word, n.money("government_procurement_works", schemas.PeriodCurrent, c.ProcWorks),
			word, n.money("government_procurement_services", schemas.PeriodCurrent, c.ProcServices))
	}
	n.sub(i, "国有资产占有使用情况")
	i++
	fa := n.money("fixed_assets_total", schemas.PeriodCurrent, c.FixedAssets)
	vc := n.count("vehicles_count", c.TP.Vehicles)
	if n.final() {
		n.p("截至%d年12月31日，%s共有固定资产总额%s，其中：车辆%s辆。", n.year, n.short, fa, vc)
	} else {
		n.p("%s所属各预算单位共占有使用固定资产总额%s，其中公务用车%s辆。", n.short, fa, vc)
	}
	n.sub(i, "绩效目标设置情况")
	pf := n.money("performance_target_funds", schemas.PeriodCurrent, c.PerfFunds)
	switch {
	case n.final() && c.PerfProjectsOnly:
		n.p("%s对%d年度一般公共预算项目支出全面开展绩效自评，涉及资金%s。", n.short, n.year, pf)
	case n.final():
		n.p("%s%d年度一般公共预算财政拨款支出全部纳入绩效管理，实行绩效目标管理的资金%s。", n.short, n.year, pf)
	case c.PerfProjectsOnly:
		n.p("%d年%s对一般公共预算项目支出全部设置绩效目标，实行绩效目标管理的资金%s。", n.year, n.short, pf)
	default:
		n.p("%d年%s部门通用项目和专用项目均按要求实行绩效目标管理，涉及一般公共预算当年拨款%s。", n.year, n.short, pf)
	}
}

var glossary = []string{
	"一般公共预算拨款收入：指{L}级财政当年拨付的资金。",
	"上年结转：指以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金。",
	"事业收入：指事业单位开展专业业务活动及其辅助活动所取得的收入。",
	"基本支出：指为保障机构正常运转、完成日常工作任务所必需的人员经费和日常公用经费。",
	"项目支出：指在基本支出之外，为完成特定的行政工作任务或事业发展目标所发生的支出。",
	"“三公”经费：是指财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。",
	"机关运行经费：为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、办公用房水电费、公务用车运行维护费以及其他费用。",
}

func (n *narrator) glossary() {
	start := n.r.IntN(2)
	for i, g := range glossary[start:] {
		n.p("（%s）%s", cnNum(i+1), n.L(g))
	}
}
