package schemas

// MetricKind says what a metric's value is.
type MetricKind string

// Metric kinds.
const (
	MetricMoney MetricKind = "money" // amount_yuan is set
	MetricCount MetricKind = "count" // count is set
	MetricText  MetricKind = "text"  // value holds text (functions, structure)
)

// Metric is one entry of the fixed metric vocabulary.
type Metric struct {
	Name  string
	Kind  MetricKind
	Label string // the Chinese term(s) it stands for
}

// Metrics is the metric vocabulary of schema v1, in documentation order.
// Names from ../shared/design/schema.md are fixed; later additions go at the
// end of their group.
var Metrics = []Metric{
	{"total_income", MetricMoney, "收入总计 / 收入预算 / 本年收入合计"},
	{"total_expenditure", MetricMoney, "支出总计 / 支出预算 / 本年支出合计"},
	{"general_public_budget_income", MetricMoney, "一般公共预算拨款收入 / 财政拨款收入"},
	{"government_fund_income", MetricMoney, "政府性基金预算拨款收入"},
	{"state_capital_income", MetricMoney, "国有资本经营预算拨款收入"},
	{"fiscal_special_account_income", MetricMoney, "财政专户管理资金收入"},
	{"business_income", MetricMoney, "事业收入"},
	{"operating_income", MetricMoney, "事业单位经营收入"},
	{"other_income", MetricMoney, "其他收入"},
	{"carryover_income", MetricMoney, "上年结转"},
	{"fiscal_appropriation_total", MetricMoney, "财政拨款收支总预算 / 总决算"},
	{"basic_expenditure", MetricMoney, "基本支出"},
	{"project_expenditure", MetricMoney, "项目支出"},
	{"personnel_expenditure", MetricMoney, "人员经费"},
	{"public_expenditure", MetricMoney, "公用经费"},
	{"function_class", MetricMoney, "支出功能分类 类/款/项"},
	{"economic_class", MetricMoney, "支出经济分类 类/款"},
	{"three_public_total", MetricMoney, "“三公”经费合计"},
	{"three_public_overseas", MetricMoney, "因公出国（境）费"},
	{"three_public_reception", MetricMoney, "公务接待费"},
	{"three_public_vehicle_total", MetricMoney, "公务用车购置及运行维护费"},
	{"three_public_vehicle_purchase", MetricMoney, "公务用车购置费"},
	{"three_public_vehicle_operation", MetricMoney, "公务用车运行维护费"},
	{"government_fund_expenditure", MetricMoney, "政府性基金预算支出"},
	{"state_capital_expenditure", MetricMoney, "国有资本经营预算支出"},
	{"operating_expenses", MetricMoney, "机关运行经费"},
	{"government_procurement", MetricMoney, "政府采购"},
	{"government_procurement_goods", MetricMoney, "政府采购 货物"},
	{"government_procurement_works", MetricMoney, "政府采购 工程"},
	{"government_procurement_services", MetricMoney, "政府采购 服务"},
	{"fixed_assets_total", MetricMoney, "固定资产总额"},
	{"performance_target_funds", MetricMoney, "实行绩效目标管理的资金"},
	// Table totals: the 合计 row of the function-class table and of the
	// economic-class basic expenditure table (一般公共预算 only).
	{"general_public_budget_expenditure", MetricMoney, "一般公共预算支出合计"},
	{"general_public_budget_basic_expenditure", MetricMoney, "一般公共预算基本支出合计"},
	{"general_public_budget_project_expenditure", MetricMoney, "一般公共预算项目支出合计"},

	{"budget_units", MetricCount, "预算单位个数"},
	{"authorized_posts", MetricCount, "编制总数"},
	{"authorized_posts_admin", MetricCount, "行政编制"},
	{"authorized_posts_institution", MetricCount, "事业编制"},
	{"authorized_posts_worker", MetricCount, "工勤编制"},
	{"staff_in_post", MetricCount, "在职人员总数"},
	{"staff_in_post_admin", MetricCount, "在职行政人员"},
	{"staff_in_post_institution", MetricCount, "在职事业人员"},
	{"staff_in_post_worker", MetricCount, "在职工勤人员"},
	{"temporary_staff", MetricCount, "临聘人员"},
	{"retired_staff", MetricCount, "离退休人员"},
	{"vehicles_count", MetricCount, "公务用车数量"},
	{"overseas_groups", MetricCount, "因公出国（境）团组数"},
	{"overseas_trips_persons", MetricCount, "因公出国（境）人次"},
	{"reception_batches", MetricCount, "公务接待批次"},
	{"reception_persons", MetricCount, "公务接待人次"},

	// Text facts: what a 情况说明 states in words.
	{"department_functions", MetricText, "基本职能 / 主要职责"},
	{"internal_structure", MetricText, "机构设置 / 内设机构"},
	{"key_tasks", MetricText, "重点工作"},
	{"budget_unit_nature", MetricText, "单位性质"},
}

var metricIndex = func() map[string]Metric {
	m := make(map[string]Metric, len(Metrics))
	for _, x := range Metrics {
		m[x.Name] = x
	}
	return m
}()

// LookupMetric returns the metric with the given name.
func LookupMetric(name string) (Metric, bool) {
	m, ok := metricIndex[name]
	return m, ok
}
