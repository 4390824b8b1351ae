package extract

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// unit classes of a stated figure.
const (
	ucMoney   = 1 << iota // 元 万元 亿元
	ucPersons             // 人 名
	ucVehicle             // 辆 台
	ucUnits               // 个 家
	ucTimes               // 次 批 批次
	ucPTimes              // 人次
)

// rule is what a keyword means. A keyword with no metric for a unit class
// blocks shorter keywords inside it (一般公务用车 is not 公务用车).
type rule struct {
	money   string // metric for money figures
	persons string // metric for 人/名 and 人次
	vehicle string // metric for 辆/台
	units   string // metric for 个/家
	times   string // metric for 次/批/批次
	stage   string // stage the keyword itself implies ("budget", "final")
	bare    bool   // generic word (收入, 支出): valid only after a boundary
	lead    bool   // valid only after a boundary (not after another word: 购置固定资产)
	ctx     string // required in the same sentence (alternatives separated by |)
	income  bool   // an income keyword: "支出" may not follow it
	spend   bool   // an expenditure keyword: "收入" may not follow it
	current bool   // a figure for the document's own year and stage only
	weak    bool   // a broader label: a figure under a specific label for the same key wins
	near    bool   // ctx may also stand in the sentence before
	// afterThree: valid only after figures of the 三公 items in the text just before.
	afterThree bool
	// both: a second money metric the same figure is stated for (收、支总计均为X:
	// total_income and total_expenditure).
	both string
}

func (r *rule) metricFor(uc int) string {
	switch uc {
	case ucMoney:
		return r.money
	case ucPersons, ucPTimes:
		return r.persons
	case ucVehicle:
		return r.vehicle
	case ucUnits:
		return r.units
	case ucTimes:
		return r.times
	}
	return ""
}

// expand turns "因公出国[(境)]费[用]" into every spelling: [x] is optional,
// {a|b} is a choice.
func expand(p string) []string {
	i := strings.IndexAny(p, "[{")
	if i < 0 {
		return []string{p}
	}
	depth, j := 0, i
	for ; j < len(p); j++ {
		switch p[j] {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
		}
		if depth == 0 {
			break
		}
	}
	inner := p[i+1 : j]
	var alts []string
	if p[i] == '[' {
		alts = []string{""}
	}
	{
		// split on top-level |
		d, last := 0, 0
		for k := 0; k < len(inner); k++ {
			switch inner[k] {
			case '[', '{':
				d++
			case ']', '}':
				d--
			case '|':
				if d == 0 {
					alts = append(alts, inner[last:k])
					last = k + 1
				}
			}
		}
		alts = append(alts, inner[last:])
	}
	var out []string
	for _, a := range alts {
		for _, rest := range expand(a + p[j+1:]) {
			out = append(out, p[:i]+rest)
		}
	}
	return out
}

type kw struct {
	pat string
	r   rule
}

func money(m string) rule   { return rule{money: m} }
func incomeR(m string) rule { return rule{money: m, income: true} }
func spendR(m string) rule  { return rule{money: m, spend: true} }
func persons(m string) rule { return rule{persons: m} }

// posts is a count of 编制 posts, in 名/人 or in 个 (编制数12个).
func posts(m string) rule             { return rule{persons: m, units: m} }
func block() rule                     { return rule{} }
func withStage(r rule, s string) rule { r.stage = s; return r }
func bareR(r rule) rule               { r.bare = true; return r }
func ctxR(r rule, c string) rule      { r.ctx = c; return r }
func currentOnly(r rule) rule         { r.current = true; return r }
func weakR(r rule) rule               { r.weak = true; return r }
func leadR(r rule) rule               { r.lead = true; return r }

const overseasParen = "{(境)|境|(境外)|}"

// keywords is the vocabulary of labels, in normalised (simplified, ASCII
// punctuation, no quotes) spelling.
var keywords = []kw{
	// Income.
	{"{收入|收入预算}{总计|合计|总额|总预算|预算总计|预算总额|预算合计|决算总计|决算合计|共计}", incomeR("total_income")},
	{"收入决算", bareR(incomeR("total_income"))},
	// 本年收入合计 leaves out 上年结转结余: where 收入总计 is printed too it is
	// the total (weak).
	{"本年收入[合计|总计]", weakR(incomeR("total_income"))},
	{"总收入", bareR(incomeR("total_income"))},
	// 汇总 before a label: "汇总收入总计" is 汇总 + 收入总计, not 汇 + 总收入.
	{"汇总", block()},
	// 预算收入/预算总收入 (and 决算…) at a boundary: the document's total.
	{"{预算|决算}[总]收入[合计|总计|总额]", bareR(incomeR("total_income"))},
	{"{预算|决算}[总]支出[合计|总计|总额]", bareR(spendR("total_expenditure"))},
	// 部门预算收入/单位预算支出: the 部门预算 names whose budget it is.
	{"{部门|单位}预算收入[总计|合计|总额]", incomeR("total_income")},
	{"{部门|单位}预算支出[总计|合计|总额]", spendR("total_expenditure")},
	{"收入[预算]", bareR(incomeR("total_income"))},
	{"一般公共预算[财政]{拨款收入|收入|拨款|当年拨款}", incomeR("general_public_budget_income")},
	{"本年一般公共预算[财政]拨款收入", incomeR("general_public_budget_income")},
	{"[一般]{公共预算|公共财政预算|公共财政}[财政]拨款[收入]", incomeR("general_public_budget_income")},
	{"上年结转一般公共预算{拨款收入|拨款|收入}", block()},
	{"政府性基金{预算当年拨款|预算拨款收入|预算收入|预算财政拨款收入|拨款收入|拨款|收入|预算拨款|预算财政拨款}", incomeR("government_fund_income")},
	{"国有资本经营预算{拨款收入|收入|财政拨款收入}", incomeR("state_capital_income")},
	{"财政专户管理{资金收入|资金|的资金|收入}", incomeR("fiscal_special_account_income")},
	// A hospital's 医疗收入 is its 事业收入.
	{"{事业收入|医疗收入}", incomeR("business_income")},
	{"{事业单位经营收入|事业单位经营收|经营收入}", incomeR("operating_income")},
	{"{其他收入|其他资金收入}", incomeR("other_income")},
	{"上年结转{|结余|和结余|收入|资金}", incomeR("carryover_income")},
	{"上年结余结转", incomeR("carryover_income")},
	// 财政拨款收入 of the year is general_public_budget_income (schema.md);
	// a 一般公共预算 figure stated in the same text wins over it (weak).
	{"[本年]{财政拨款收入|财政补助收入}", weakR(incomeR("general_public_budget_income"))},
	// A fund named as a 补助收入 (Fujian's templates): 一般公共预算补助收入,
	// 政府性基金[预算]补助收入 are the fund's appropriation income.
	{"一般公共预算[财政]补助收入", incomeR("general_public_budget_income")},
	{"政府性基金[预算]补助收入", incomeR("government_fund_income")},
	{"{财政拨款收入总计|财政拨款|上级补助收入|附属单位上缴收入|其他事业收入|非税收入|专项收入|用事业基金弥补收支差额|下级上解收入|债务收入|财政拨款收支|上年结转财政拨款收入|年初财政拨款结转和结余|年初财政拨款结转|年末财政拨款结转和结余}", block()},
	{"年初结转和结余[资金|收入]", incomeR("carryover_income")},
	// 收、支总计均为X: both totals are X.
	{"{收支|收、支|收入支出|收入、支出|收入和支出}{总计|决算总计|预算总计|总额|预算总额|决算总额|总预算}", rule{money: "total_income", both: "total_expenditure", income: true}},
	// 收入总计、支出总计均为X: both totals, each named in full.
	{"收入{总计|预算总计|决算总计}{、|和|与|及}支出{总计|预算总计|决算总计}", rule{money: "total_income", both: "total_expenditure", income: true}},
	// 收支预算均为X, 收入和支出预算各为X, 收支决算均为X: both totals at the stage named.
	{"{收支|收、支|收入支出|收入、支出|收入和支出}{预算|决算}", rule{money: "total_income", both: "total_expenditure", income: true}},
	{"{部门|单位}{预算|决算}{收支|收、支|收入支出|收入和支出}[总计|总额|合计]", rule{money: "total_income", both: "total_expenditure", income: true}},
	// A fund's own totals are not the department's: 政府性基金收支预算均为0.
	{"{政府性基金|国有资本经营|一般公共预算|财政专户|财政专户管理资金|社会保险基金}[预算]{收支|收、支|收入支出|收入和支出|收入、支出}", block()},
	{"财政拨款{收支|收、支|收入支出|收入、支出}{总预算|总决算|总额|预算总额|决算总额|总计|预算总计|决算总计|合计}", money("fiscal_appropriation_total")},

	// Expenditure.
	{"{支出|支出预算}{总计|合计|总额|总预算|预算总计|预算总额|预算合计|决算总计|决算合计|共计}", spendR("total_expenditure")},
	{"支出决算", bareR(spendR("total_expenditure"))},
	{"本年支出[合计|总计]", weakR(spendR("total_expenditure"))},
	// 部门支出合计 is the 本年支出合计 of the department (its 基本/项目 split):
	// where 支出总计 is printed too, that is the total (weak).
	{"{部门|单位}[本年]支出合计", weakR(spendR("total_expenditure"))},
	{"{部门|单位}[本年]收入合计", weakR(incomeR("total_income"))},
	{"{单位|部门}支出", bareR(spendR("total_expenditure"))},
	{"总支出", bareR(spendR("total_expenditure"))},
	{"支出预算", bareR(spendR("total_expenditure"))},
	// A bare 支出 at a boundary in a sentence that states the income
	// ("预算收入638.50万元，全部为财政拨款；支出638.50万元"): the total.
	{"支出", ctxR(bareR(spendR("total_expenditure")), "收入")},
	{"{一般公共预算支出|一般公共预算财政拨款支出|一般公共预算拨款支出|一般公共预算当年拨款支出}[预算|决算|合计|总额]", spendR("general_public_budget_expenditure")},
	{"{一般公共预算|一般公共预算财政}拨款安排[的支出]", spendR("general_public_budget_expenditure")},
	{"[本年]一般公共预算[财政拨款]基本支出[预算|决算|合计]", spendR("general_public_budget_basic_expenditure")},
	{"[本年]一般公共预算[财政拨款]项目支出[预算|决算|合计]", spendR("general_public_budget_project_expenditure")},
	// A section heading run into its figure: "一般公共预算财政拨款基本支出决算情况：2,870.55万元".
	{"[本年]一般公共预算[财政拨款]基本支出{预算|决算}情况", spendR("general_public_budget_basic_expenditure")},
	{"[本年]一般公共预算[财政拨款]项目支出{预算|决算}情况", spendR("general_public_budget_project_expenditure")},
	{"{财政拨款支出|事业单位经营支出|经营支出|对附属单位补助支出|上缴上级支出|结转下年|年末结转和结余}", block()},
	{"基本支出[预算|决算]", spendR("basic_expenditure")},
	{"项目支出[预算|决算]", spendR("project_expenditure")},
	// 项目经费 beside 人员经费/公用经费 (the three-way split of expenditure)
	// is the project expenditure, like 专项经费; elsewhere it is blocked.
	{"项目经费", ctxR(spendR("project_expenditure"), "人员经费|人员支出|公用经费|公用支出")},
	// 专项经费 beside 人员经费/公用经费 (the three-way split of expenditure)
	// is the project expenditure; elsewhere it names funds of one purpose.
	{"专项经费", ctxR(spendR("project_expenditure"), "人员经费|人员支出|公用经费|公用支出")},
	{"{人员经费|人员支出}[支出]", spendR("personnel_expenditure")},
	{"{公用经费|日常公用经费|公用支出|公用经费支出}", spendR("public_expenditure")},

	// 三公.
	{"三公经费[财政拨款][合计|总额]", money("three_public_total")},
	{"因公出国" + overseasParen + "{费|经费|费用}", money("three_public_overseas")},
	{"出国" + overseasParen + "{费|经费|费用}", money("three_public_overseas")},
	{"[因公]出国" + overseasParen + "团{组|(组)|队}[数]", rule{times: "overseas_groups", units: "overseas_groups"}},
	{"因公出国" + overseasParen, rule{money: "three_public_overseas", persons: "overseas_trips_persons"}},
	{"出国" + overseasParen + "[人数|人员|人次]", rule{persons: "overseas_trips_persons"}},
	{"[国内]公务接待{费|费用|经费}", money("three_public_reception")},
	{"[国内]公务接待", rule{money: "three_public_reception", times: "reception_batches", persons: "reception_persons"}},
	{"[国内]公务接待批次", rule{times: "reception_batches"}},
	{"{接待|共接待|累计接待}", rule{times: "reception_batches", persons: "reception_persons", ctx: "公务接待"}},
	{"{接待|共接待|累计接待}[国内]公务{来访|考察}[团组|团队|批次|人员]", rule{times: "reception_batches", persons: "reception_persons"}},
	{"接待{人数|人次|总人数|总人次}", rule{persons: "reception_persons", ctx: "公务接待|接待费", near: true}},
	{"接待{批次|团组|次数|总批次}", rule{times: "reception_batches", units: "reception_batches", ctx: "公务接待|接待费", near: true}},
	// "以上三项合计" after the three items of the 三公 figures.
	{"{以上|上述}三项[经费|支出][合计|共计|总计]", rule{money: "three_public_total", afterThree: true}},
	{"[国内]公务接待人{次|数}", rule{persons: "reception_persons"}},
	// 公车/公务车辆 is the 公务用车 of the 三公 items too (公车购置及运维费).
	{"{公务[用]车|公车|公务车辆}购置{及|和|与}{运行维护|运行|运维|运行维修}{费|费用|经费}", money("three_public_vehicle_total")},
	{"{公务[用]车|公车|公务车辆}购置{及|和|与}{运行维护|运行|运维}", money("three_public_vehicle_total")},
	{"{公务[用]车|公车|公务车辆}购置[费|经费|费用]", money("three_public_vehicle_purchase")},
	{"{公务[用]车|公车|公务车辆}{运行维护|运行|运维|运行维修}{费|费用|经费}", money("three_public_vehicle_operation")},
	{"{公务[用]车|公车|公务车辆}运行维护", money("three_public_vehicle_operation")},
	// The vehicle split named without the 公务用车 prefix, in a sentence about
	// the vehicles: "（其中购置费0万元，运行维护费11.00万元）".
	{"[车辆]购置{费|经费|费用}", leadR(ctxR(money("three_public_vehicle_purchase"), "公务用车|公车|公务车|车辆"))},
	{"[车辆]{运行维护|运行|运维|运行维修}{费|经费|费用}", leadR(ctxR(money("three_public_vehicle_operation"), "公务用车|公车|公务车|车辆"))},
	{"车辆购置{及|和|与}{运行维护|运行|运维|运行维修}{费|费用|经费}", money("three_public_vehicle_total")},
	{"{公务用车|公务车|公务车辆|公车}[保有量|总数|数量|保有]", rule{vehicle: "vehicles_count"}},
	{"{现有|共有|实有}{执法执勤用车|一般公务用车|业务用车}", rule{vehicle: "vehicles_count"}},
	{"{共有车辆|实有车辆|现有车辆|车辆总数|车辆}", rule{vehicle: "vehicles_count"}},
	{"{一般公务用车|执法执勤用车|一般执法执勤用车|特种专业技术用车|其他用车|轿车|越野车|机要通信用车|应急保障用车|业务用车|离退休干部用车|定向化保障用车|平台用车}", block()},

	// Funds.
	{"政府性基金{预算支出|支出|预算拨款支出|预算财政拨款支出|预算拨款安排的支出}", spendR("government_fund_expenditure")},
	{"[使用]政府性基金[预算]拨款安排[的支出]", spendR("government_fund_expenditure")},
	{"国有资本经营预算{支出|拨款支出|财政拨款支出|拨款安排的支出}", spendR("state_capital_expenditure")},
	{"[使用]国有资本经营预算拨款安排[的支出]", spendR("state_capital_expenditure")},
	{"机关运行经费[支出]", money("operating_expenses")},

	// Procurement.
	{"政府采购[预算][总额|金额|支出|资金][总额]", money("government_procurement")},
	{"{采购计划金额|政府采购计划金额|采购计划总额}", withStage(money("government_procurement"), schemas.StageBudget)},
	{"{实际采购金额|实际采购总额|政府采购实际金额}", withStage(money("government_procurement"), schemas.StageFinalAccount)},
	{"{政府集中采购|集中采购|分散采购|部门集中采购|政府采购合同|授予中小企业|中小企业}", block()},
	{"政府采购货物[类][支出|预算|资金|金额]", money("government_procurement_goods")},
	{"政府采购工程[类][支出|预算|资金|金额]", money("government_procurement_works")},
	{"政府采购服务[类][支出|预算|资金|金额]", money("government_procurement_services")},
	{"{货物类采购|货物采购|货物类|采购货物|货物}", ctxR(money("government_procurement_goods"), "采购")},
	{"{工程类采购|工程采购|工程类|采购工程}", ctxR(money("government_procurement_works"), "采购")},
	{"{服务类采购|服务采购|服务类|采购服务}", ctxR(money("government_procurement_services"), "采购")},
	// Bare 工程/服务 in a 政府采购 sentence: "其中货物1,350.00万元，工程486.00万元，服务270.00万元".
	{"工程", leadR(ctxR(money("government_procurement_works"), "政府采购"))},
	{"服务", leadR(ctxR(money("government_procurement_services"), "政府采购"))},
	// "政府采购支出…其中：货物支出…、工程支出…、服务支出200.00万元".
	{"{货物|货物类}支出", leadR(ctxR(money("government_procurement_goods"), "政府采购"))},
	{"{工程|工程类}支出", leadR(ctxR(money("government_procurement_works"), "政府采购"))},
	{"{服务|服务类}支出", leadR(ctxR(money("government_procurement_services"), "政府采购"))},

	// Assets, performance.
	{"固定资产{总额|原值|合计|总值|账面原值}", money("fixed_assets_total")},
	// A bare 固定资产 only in a statement of the assets held (资产总额…其中…固定资产).
	{"固定资产", leadR(rule{money: "fixed_assets_total", ctx: "资产总额|资产总计|资产合计|占用资产|国有资产占用", near: true})},
	{"{实行绩效目标管理的资金|实行绩效目标管理的项目资金}", money("performance_target_funds")},
	// 涉及资金 of projects under 绩效目标管理, or of the document year's
	// 绩效自评 (the dev set's convention, quirks_test.go).
	{"[共|合计]涉及{资金|金额|项目资金|财政拨款|财政拨款资金|财政资金}", currentOnly(ctxR(money("performance_target_funds"), "绩效自评|绩效目标|绩效管理"))},
	{"{纳入|实行|开展|实施}绩效目标管理的{项目资金|资金|项目支出|财政资金|财政拨款|项目金额}[总额|合计|共计]", money("performance_target_funds")},
	// "实行绩效目标管理的项目3个，资金合计540.0万元": the funds of those projects.
	{"[涉及]资金{合计|总额|共计}", leadR(currentOnly(ctxR(money("performance_target_funds"), "绩效目标管理")))},

	// Units and staff.
	{"{独立编制机构|独立核算机构|预算单位|所属预算单位}[共|个数|数]", rule{units: "budget_units"}},
	{"{一级预算单位|二级预算单位|下属二级预算单位|下属单位|二级单位|内设机构}", block()},
	{"{总编制|编制总数|编制数|人员编制|核定编制|人员编制总数|核定人员编制|编制人数|总编制数|核定编制数}", posts("authorized_posts")},
	{"编制", persons("authorized_posts")}, // not 个: 编制了12个项目
	{"行政编制[数]", posts("authorized_posts_admin")},
	{"{事业编制|参公事业编制}[数]", posts("authorized_posts_institution")},
	{"{工勤编制|工勤人员编制|机关工勤编制}[数]", posts("authorized_posts_worker")},
	{"{机构编制|编制机构}", block()},
	{"{在职人员总数|在职人员|在职人数|在职职工|在职职工总数|实有在职人员总数|实有在职人员|在职总人数|正式教职工|在编人员|在职在编人员|在职教职工|在职教职工总数|在编教职工|在职干部职工|在职员工|在编职工|在编干部职工}", persons("staff_in_post")},
	// 实有在职/实有在编 before the count (年末实有在职8人), with any of the
	// staff nouns after it.
	{"实有{在职|在编|在职在编}[人员|人数|人员总数|教职工|职工|干部职工|员工|干部]", persons("staff_in_post")},
	{"{机关在职|事业在职|总人数}", block()},
	// 实有人员 / a bare 实有 or 在职 right before the count (编制46人，实有41人;
	// 在职43人): the staff in post; 实有 may count the retired (weak).
	{"{实有人员|实有}", leadR(weakR(persons("staff_in_post")))},
	{"在职", leadR(persons("staff_in_post"))},
	// 实有人数 / 在职在编: the staff in post (not the posts). 实有人数 may
	// count the retired too (实有人数112人，其中在职人员96人，离退休人员16人):
	// a 在职 figure stated for the same key wins (weak).
	{"{在职在编|在编在职|在编人数|在职在编人数}[人员|教职工|职工|干部职工|员工|干部]", persons("staff_in_post")},
	{"{实有人数|实有在编人数}", weakR(persons("staff_in_post"))},
	// 公务员 among the staff in post are its administrative staff.
	{"{公务员|参公人员|参照公务员法管理人员}", ctxR(persons("staff_in_post_admin"), "在职|在编|实有")},
	{"行政人员", ctxR(persons("staff_in_post_admin"), "在职")},
	{"事业人员", ctxR(persons("staff_in_post_institution"), "在职")},
	{"工勤人员", ctxR(persons("staff_in_post_worker"), "在职")},
	{"{临聘人员|临时人员|临聘|编外人员|编外聘用人员}", persons("temporary_staff")},
	// 聘用人员 beside the staff in post (另有聘用人员12名): hired outside
	// the posts. Alone it may be the 事业 staff under contract, not read.
	{"{另有聘用人员|另有聘用|另聘用人员|另有聘请人员}", persons("temporary_staff")},
	// Staff hired outside the posts, with or without their occupation:
	// 临时聘用人员, 编外聘用护理人员, 劳务派遣人员.
	{"{临时聘用|临时聘请|编外聘用|编外聘请|编外合同制|劳务派遣|编外用工|合同制聘用}[{护理|辅助|工作|服务|保洁|安保|教辅|医务|专业技术|后勤|教学}][人员|人数]", persons("temporary_staff")},
	{"{离退休人员|离退休人数|离退休|退休人员|退休人数|退休职工|退休|退休教职工|离退休教职工|离退休干部职工|退休干部职工|退休教师|离退休教师|离退休职工|离退休干部|退休干部}", persons("retired_staff")},
	{"{离休人员|离休人数|离休|离休干部}", block()},
}

// trie over runes.
type trieNode struct {
	next  map[rune]*trieNode // while building
	edges []trieEdge         // after building: next as a small list, faster than a map
	r     *rule
	n     int // keyword length in runes
}

type trieEdge struct {
	c rune
	n *trieNode
}

// child returns the node after rune c, or nil.
func (nd *trieNode) child(c rune) *trieNode {
	for i := range nd.edges {
		if nd.edges[i].c == c {
			return nd.edges[i].n
		}
	}
	return nil
}

// freeze turns every node's map into its edge list.
func (nd *trieNode) freeze() {
	for c, x := range nd.next {
		nd.edges = append(nd.edges, trieEdge{c, x})
		x.freeze()
	}
	sort.Slice(nd.edges, func(i, j int) bool { return nd.edges[i].c < nd.edges[j].c })
}

var kwTrie = func() *trieNode {
	t := buildTrie()
	t.freeze()
	return t
}()

// kwFirst indexes the trie's first level by character (BMP) for speed.
var kwFirst = func() []*trieNode {
	t := make([]*trieNode, 0x10000)
	for r, n := range kwTrie.next {
		if r < 0x10000 {
			t[r] = n
		}
	}
	return t
}()

func buildTrie() *trieNode {
	root := &trieNode{}
	for i := range keywords {
		k := &keywords[i]
		for _, s := range expand(k.pat) {
			nd := root
			n := 0
			for _, c := range s {
				if nd.next == nil {
					nd.next = map[rune]*trieNode{}
				}
				x := nd.next[c]
				if x == nil {
					x = &trieNode{}
					nd.next[c] = x
				}
				nd = x
				n++
			}
			if nd.r == nil { // first definition wins
				nd.r, nd.n = &k.r, n
			}
		}
	}
	return root
}

// hit is one keyword occurrence in the normalised text (byte offsets).
type hit struct {
	start, end int
	r          *rule
}

// scanKeywords tokenises s greedily, longest keyword first, without overlaps.
func scanKeywords(s string) []hit { return appendHits(nil, s) }

// appendHits appends the keyword hits of s to out.
func appendHits(out []hit, s string) []hit {
	for i := 0; i < len(s); {
		c, size := decodeRune(s, i)
		var nd *trieNode
		if c < 0x10000 {
			nd = kwFirst[c]
		}
		if nd == nil {
			i += size
			continue
		}
		var best *trieNode
		bestEnd := 0
		j := i + size
		for {
			if nd.r != nil {
				best, bestEnd = nd, j
			}
			if j >= len(s) || len(nd.edges) == 0 {
				break
			}
			c2, s2 := decodeRune(s, j)
			nx := nd.child(c2)
			if nx == nil {
				break
			}
			nd = nx
			j += s2
		}
		if best != nil {
			out = append(out, hit{start: i, end: bestEnd, r: best.r})
			i = bestEnd
			continue
		}
		i += size
	}
	return out
}

func decodeRune(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	// Three-byte sequences (all CJK) inline; the normalised text is valid
	// UTF-8, so the continuation bytes only need their marker checked.
	if c&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		if r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F); r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
			return r, 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// ctxIn reports whether one of the rule's context words occurs in s.
func (r *rule) ctxIn(s string) bool {
	for c := range strings.SplitSeq(r.ctx, "|") {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}
