package extract

import (
	"strings"
	"testing"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// genCase is one sentence of the pattern-level rules of the third
// generalisation round: every rule has at least three phrasings that match
// and one that must not. All texts are written for this test (fictional
// departments and figures).
type genCase struct {
	name  string
	text  string
	hint  Hint
	wants []want
	none  []string // keys that must not be extracted: metric[@period][:name]
}

func runGenCases(t *testing.T, tests []genCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Extract(tt.text, tt.hint)
			checkFacts(t, tt.text, r, tt.wants)
			for _, key := range tt.none {
				key, name, _ := strings.Cut(key, ":")
				metric, period, hasPeriod := strings.Cut(key, "@")
				for _, f := range r.Facts {
					if f.Metric == metric && (!hasPeriod || f.Period == period) && (name == "" || f.Name == name) {
						t.Errorf("unexpected %s/%s %s = %s%s (quote %q)", f.Metric, f.Period, f.Name, f.Value, f.Unit, f.Quote)
					}
				}
			}
		})
	}
}

var (
	cur3, prior3, ini3 = schemas.PeriodCurrent, schemas.PeriodPrior, schemas.PeriodInitialBudget
	bud3               = func(y int32) Hint { return Hint{FiscalYear: y, Stage: schemas.StageBudget} }
	fin3               = func(y int32) Hint { return Hint{FiscalYear: y, Stage: schemas.StageFinalAccount} }
)

// TestProseNumberWrap: a PDF line wrap after the first digits of a number in
// running text joins the number; a page number or a table cell does not.
func TestProseNumberWrap(t *testing.T) {
	runGenCases(t, []genCase{
		{"wrap after one digit", "二、收支预算\n2023年收入预算总计7\n25.40万元，支出预算总计725.40万元。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "7254000"}}, nil},
		{"wrap after a thousands comma", "（一）2022年度收入总计2,\n318.06万元，支出总计2,318.06万元。", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "23180600"}}, nil},
		{"wrap after the decimal point", "（三）三公经费：2022年度“三公”经费支出合计3.\n18万元。", fin3(2022),
			[]want{{"three_public_total", cur3, 2022, "", "31800"}}, nil},
		{"a page number before a line is not joined", "2023年收入预算总计725.40万元。\n7\n25万元的项目支出另行说明。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "7254000"}}, []string{"project_expenditure"}},
	})
}

// TestWholeRestatement: "X，全部为 L" restates the whole figure X as the
// figure of L when L is a part of X's label family.
func TestWholeRestatement(t *testing.T) {
	runGenCases(t, []genCase{
		{"income all from the fund", "2023年收入预算总额812.50万元，全部为一般公共预算拨款。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "8125000"}, {"general_public_budget_income", cur3, 2023, "", "8125000"}}, nil},
		{"income all 财政拨款 in a final account", "2022年度收入合计1,204.00万元，均为财政拨款收入。", fin3(2022),
			[]want{{"general_public_budget_income", cur3, 2022, "", "12040000"}}, nil},
		{"三公 all reception", "2023年“三公”经费预算0.80万元，全部为公务接待费。", bud3(2023),
			[]want{{"three_public_total", cur3, 2023, "", "8000"}, {"three_public_reception", cur3, 2023, "", "8000"}}, nil},
		{"三公 all vehicle operation, short name", "2022年度“三公”经费支出决算3.15万元，全部为运行维护费。", fin3(2022),
			[]want{{"three_public_vehicle_operation", cur3, 2022, "", "31500"}}, nil},
		{"procurement one kind after 为", "2023年政府采购预算66.00万元，为货物类。", bud3(2023),
			[]want{{"government_procurement_goods", cur3, 2023, "", "660000"}}, nil},
		{"expenditure all one class", "2023年支出预算总计930.00万元，全部为农林水支出。", bud3(2023),
			[]want{{"function_class", cur3, 2023, "农林水支出", "9300000"}}, nil},
		{"a label outside the family is not a part", "2023年“三公”经费预算0.80万元，全部为基本支出。", bud3(2023),
			nil, []string{"basic_expenditure"}},
		{"a word after the label is not a restatement", "2023年收入预算总额812.50万元，全部为一般公共预算拨款和上年结转。", bud3(2023),
			nil, []string{"general_public_budget_income"}},
		{"a figure for the part wins", "2023年收入预算总额812.50万元，全部为财政拨款，其中一般公共预算拨款800.00万元。", bud3(2023),
			[]want{{"general_public_budget_income", cur3, 2023, "", "8000000"}}, nil},
	})
}

// TestBothTotals: a 收支总计 label states both totals; 部门预算收入/支出 are
// the totals.
func TestBothTotals(t *testing.T) {
	runGenCases(t, []genCase{
		{"收、支总计均为", "2022年度收、支总计均为3,100.00万元。", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "31000000"}, {"total_expenditure", cur3, 2022, "", "31000000"}}, nil},
		{"收入支出总计 without 均", "2022年度本单位收入支出决算总计640.20万元。", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "6402000"}, {"total_expenditure", cur3, 2022, "", "6402000"}}, nil},
		{"a change of both", "2022年度收支总计500.00万元，比上年收支总计各增加20.00万元。", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "5000000"}, {"total_expenditure", cur3, 2022, "", "5000000"}}, nil},
		{"财政拨款收、支总计均为 is the appropriation total", "2022年度财政拨款收、支总计均为2,000.00万元。", fin3(2022),
			[]want{{"fiscal_appropriation_total", cur3, 2022, "", "20000000"}}, []string{"total_income", "total_expenditure"}},
		{"部门预算收入 and 部门预算支出", "2021年部门预算收入980.00万元，部门预算支出980.00万元。", bud3(2021),
			[]want{{"total_income", cur3, 2021, "", "9800000"}, {"total_expenditure", cur3, 2021, "", "9800000"}}, nil},
		{"单位预算收入总计", "2021年单位预算收入总计56.70万元。", bud3(2021),
			[]want{{"total_income", cur3, 2021, "", "567000"}}, nil},
		{"部门预算 without a side is no total", "2021年部门预算980.00万元已批复。", bud3(2021),
			nil, []string{"total_income", "total_expenditure"}},
	})
}

// TestStaffAndUnitsWordings: the staff and unit-count label families.
func TestStaffAndUnitsWordings(t *testing.T) {
	runGenCases(t, []genCase{
		{"hired outside the posts", "本单位核定编制20人，在职人员18人，临时聘用人员6人。", bud3(2023),
			[]want{{"temporary_staff", cur3, 2023, "", "6"}}, nil},
		{"hired outside the posts with an occupation", "事业编制12人，在职在编11人，编外聘用护理人员9人。", fin3(2022),
			[]want{{"staff_in_post", cur3, 2022, "", "11"}, {"temporary_staff", cur3, 2022, "", "9"}}, nil},
		{"劳务派遣", "年末在职人员40人，劳务派遣人员5人。", fin3(2022),
			[]want{{"temporary_staff", cur3, 2022, "", "5"}}, nil},
		{"公务员 among the staff in post", "年末在职人员52人，其中公务员30人，事业人员22人。", fin3(2022),
			[]want{{"staff_in_post_admin", cur3, 2022, "", "30"}, {"staff_in_post_institution", cur3, 2022, "", "22"}}, nil},
		{"公务员 without staff context is not read", "本年度组织公务员培训3人。", fin3(2022),
			nil, []string{"staff_in_post_admin"}},
		{"实有人数 alone is the staff in post", "编制人数50名，实有人数47名，离退休人员12名。", bud3(2023),
			[]want{{"staff_in_post", cur3, 2023, "", "47"}, {"retired_staff", cur3, 2023, "", "12"}}, nil},
		{"实有人数 with the retired: the 在职 figure wins", "年末实有人数80人，其中在职人员65人，离退休人员15人。", fin3(2022),
			[]want{{"staff_in_post", cur3, 2022, "", "65"}, {"retired_staff", cur3, 2022, "", "15"}}, nil},
		{"units composing the department", "本部门由局机关、区动物疫病预防控制中心等5个单位组成。", bud3(2023),
			[]want{{"budget_units", cur3, 2023, "", "5"}}, nil},
		{"units summarised in a final account", "本部门决算汇总局机关和区水文站等3个单位。", fin3(2022),
			[]want{{"budget_units", cur3, 2022, "", "3"}}, nil},
		{"units in the budget's scope", "纳入2023年部门预算编制范围的单位共4家。", bud3(2023),
			[]want{{"budget_units", cur3, 2023, "", "4"}}, nil},
		{"预算单位包括 … 共N个, in a department with a district-wide remit", "区教育局是主管全区教育工作的部门，所属预算单位包括局机关及区属学校共27个。", bud3(2023),
			[]want{{"budget_units", cur3, 2023, "", "27"}}, nil},
		{"subordinate 事业单位 and other units are not the budget's units", "下设社区服务中心等3个事业单位。辖区内有企业等8个单位。", bud3(2023),
			nil, []string{"budget_units"}},
	})
}

// TestClauseAndTotals: which figure a clause's parts belong to, 收入总计 over
// 本年收入合计, district-level figures.
func TestClauseAndTotals(t *testing.T) {
	runGenCases(t, []genCase{
		{"parts after a closed 年初预算 clause are the year's", "2022年“三公”经费支出决算12.00万元，年初预算15.00万元；其中公务接待费2.00万元，公务用车运行维护费10.00万元。", fin3(2022),
			[]want{{"three_public_reception", cur3, 2022, "", "20000"}, {"three_public_vehicle_operation", cur3, 2022, "", "100000"}},
			[]string{"three_public_reception@initial_budget"}},
		{"parts inside the 年初预算 clause are the budget's", "2022年“三公”经费支出决算12.00万元，年初预算15.00万元，其中公务接待费预算3.00万元。", fin3(2022),
			[]want{{"three_public_reception", ini3, 2022, "", "30000"}}, []string{"three_public_reception@current"}},
		{"收入总计 after 本年收入合计 in text", "2022年度本年收入合计900.00万元，年初结转和结余100.00万元，收入总计1,000.00万元。", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "10000000"}}, nil},
		{"收入总计 before 本年收入合计", "2022年度收入总计1,000.00万元，支出总计1,000.00万元。本年收入合计900.00万元，本年支出合计880.00万元。", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "10000000"}, {"total_expenditure", cur3, 2022, "", "10000000"}}, nil},
		{"收入总计 row of a table wins over 本年收入合计", "收入支出决算总表\n单位：万元\n收入 | 决算数 | 支出 | 决算数\n本年收入合计 | 900.00 | 本年支出合计 | 880.00\n年初结转和结余 | 100.00 | 年末结转和结余 | 120.00\n收入总计 | 1,000.00 | 支出总计 | 1,000.00\n", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "10000000"}, {"total_expenditure", cur3, 2022, "", "10000000"}}, nil},
		{"本年收入合计 alone is the total", "2022年度本年收入合计900.00万元。", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "9000000"}}, nil},
		{"a district-level budget figure is not the department's", "2023年区级一般公共预算支出总规模为85亿元。", bud3(2023),
			nil, []string{"general_public_budget_expenditure"}},
		{"区级 as a fund source of the department stays", "2023年本单位一般公共预算支出120.00万元，全部为区级财政安排。", bud3(2023),
			[]want{{"general_public_budget_expenditure", cur3, 2023, "", "1200000"}}, nil},
	})
}

// TestClassFamilies: function classes named with level marks, without 支出,
// and parts listed after their class without 其中.
func TestClassFamilies(t *testing.T) {
	runGenCases(t, []genCase{
		{"类 without 支出 in a chain, 支出预算为", "一般公共服务（类）档案事务（款）档案馆（项）支出预算为80.00万元。", bud3(2023),
			[]want{{"function_class", cur3, 2023, "档案馆", "800000"}}, []string{"total_expenditure"}},
		{"类 without 支出 alone", "住房保障（类）支出预算为31.20万元；农林水（类）支出预算为12.00万元。", bud3(2023),
			[]want{{"function_class", cur3, 2023, "住房保障支出", "312000"}, {"function_class", cur3, 2023, "农林水支出", "120000"}}, []string{"total_expenditure"}},
		{"款 with its 类 without 支出", "社会保障和就业（类）行政事业单位养老支出（款）支出决算为42.00万元。", fin3(2023),
			[]want{{"function_class", cur3, 2023, "行政事业单位养老支出", "420000"}}, nil},
		{"a year between the mark and the stage word", "教育支出（类）普通教育（款）初中教育（项）2022年度决算数为512.00万元，年初预算为500.00万元。", fin3(2022),
			[]want{{"function_class", cur3, 2022, "初中教育", "5120000"}, {"function_class", ini3, 2022, "初中教育", "5000000"}}, nil},
		{"a chain after 主要为", "2022年度一般公共预算财政拨款支出900.00万元。主要为农林水支出（类）林业和草原（款）850.00万元。", fin3(2022),
			[]want{{"function_class", cur3, 2022, "林业和草原", "8500000"}}, nil},
		{"a word that is no 类 before (类) is not read", "专项业务（类）支出预算为10.00万元。", bud3(2023),
			nil, []string{"function_class"}},
		{"parts listed after the class without 其中", "卫生健康支出900.00万元，公立医院500.00万元，基层医疗卫生机构300.00万元。", bud3(2023),
			[]want{{"function_class", cur3, 2023, "公立医院", "5000000"}, {"function_class", cur3, 2023, "基层医疗卫生机构", "3000000"}}, nil},
		{"parts after 其中, the second and third", "教育支出700.00万元（其中小学教育400.00万元，初中教育200.00万元，学前教育100.00万元）。", bud3(2023),
			[]want{{"function_class", cur3, 2023, "初中教育", "2000000"}, {"function_class", cur3, 2023, "学前教育", "1000000"}}, nil},
		{"traditional-script 项 under its 款", "一般公共服務支出100.00萬元，其中統計信息事務100.00萬元，專項統計業務40.00萬元。", bud3(2023),
			[]want{{"function_class", cur3, 2023, "专项统计业务", "400000"}}, nil},
		{"a part of another class is not read", "卫生健康支出900.00万元，小学教育500.00万元。", bud3(2023),
			nil, []string{"function_class:小学教育"}},
	})
}

// TestTableShapes: several tables under one 单位 caption, each under its own
// title line; label | figure rows without a caption in a text of one unit.
func TestTableShapes(t *testing.T) {
	runGenCases(t, []genCase{
		{"a 三公 table with a prior-year column after an overview table", "一、收支总表\n单位：万元\n收入 | 金额 | 支出 | 金额\n一般公共预算 | 300.00 | 基本支出 | 200.00\n收入合计 | 300.00 | 支出合计 | 300.00\n二、“三公”经费预算表\n项目 | 2023年预算 | 2022年预算\n合计 | 4.00 | 5.00\n公务接待费 | 1.00 | 2.00\n", bud3(2023),
			[]want{{"three_public_total", cur3, 2023, "", "40000"}, {"three_public_total", prior3, 2022, "", "50000"},
				{"three_public_reception", prior3, 2022, "", "20000"}, {"total_income", cur3, 2023, "", "3000000"}},
			[]string{"general_public_budget_expenditure"}},
		{"a class table after an overview table", "单位：万元\n收入 | 金额\n一般公共预算 | 300.00\n收入合计 | 300.00\n三、一般公共预算支出表\n科目编码 | 科目名称 | 金额\n205 | 教育支出 | 250.00\n221 | 住房保障支出 | 50.00\n", bud3(2023),
			[]want{{"function_class", cur3, 2023, "教育支出", "2500000"}, {"function_class", cur3, 2023, "住房保障支出", "500000"}}, nil},
		{"a title line between tables of a final account", "单位：万元\n项目 | 决算数\n本年收入合计 | 120.00\n“三公”经费支出决算表\n项目 | 合计 | 公务接待费\n决算数 | 0.80 | 0.80\n", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "1200000"}, {"three_public_reception", cur3, 2022, "", "8000"}}, nil},
		{"captionless class rows in a text of one unit", "2023年一般公共预算财政拨款支出900.00万元。主要支出功能科目：\n| 教育支出 | 500.00\n| 卫生健康支出 | 300.00\n| 住房保障支出 | 100.00\n", bud3(2023),
			[]want{{"function_class", cur3, 2023, "教育支出", "5000000"}, {"function_class", cur3, 2023, "住房保障支出", "1000000"}}, nil},
		{"captionless rows with the bar only between cells", "2023年支出预算900.00万元，按科目：\n教育支出 | 500.00\n卫生健康支出 | 300.00\n住房保障支出 | 100.00\n", bud3(2023),
			[]want{{"function_class", cur3, 2023, "卫生健康支出", "3000000"}}, nil},
		{"captionless rows in a text of mixed units are not read", "2023年支出预算9,000,000元，另有专项资金20.00万元。\n| 教育支出 | 500.00\n| 卫生健康支出 | 300.00\n| 住房保障支出 | 100.00\n", bud3(2023),
			nil, []string{"function_class"}},
		{"two captionless rows are not a table", "2023年支出预算900.00万元。\n| 教育支出 | 500.00\n| 卫生健康支出 | 300.00\n", bud3(2023),
			nil, []string{"function_class"}},
	})
}

// TestPriorWordings: the compared or restated figure of another year.
func TestPriorWordings(t *testing.T) {
	runGenCases(t, []genCase{
		{"与…持平 compares", "2024年“三公”经费预算为3.20万元，与2023年预算3.20万元持平。", bud3(2024),
			[]want{{"three_public_total", cur3, 2024, "", "32000"}, {"three_public_total", prior3, 2023, "", "32000"}}, nil},
		{"较…的 compares without a stage word", "2022年度“三公”经费支出合计4.10万元，较2021年度的5.00万元减少0.90万元。", fin3(2022),
			[]want{{"three_public_total", prior3, 2021, "", "50000"}}, nil},
		{"比…年 compares without a stage word", "2022年度机关运行经费支出30.00万元，比2021年的32.00万元减少2.00万元。", fin3(2022),
			[]want{{"operating_expenses", prior3, 2021, "", "320000"}}, nil},
		{"a year restated after ; is the head figure's", "2022年度“三公”经费支出6.00万元，其中公务接待费1.00万元，公务用车运行维护费5.00万元；2021年度为6.50万元。", fin3(2022),
			[]want{{"three_public_total", prior3, 2021, "", "65000"}}, []string{"three_public_vehicle_operation@prior"}},
		{"与 without a comparison word does not compare", "2024年“三公”经费预算为3.20万元，与2023年预算3.20万元一并公开说明。", bud3(2024),
			nil, []string{"three_public_total@prior"}},
		{"a 年初预算 after a restatement clause", "2022年度“三公”经费支出决算为0.60万元，全部为公务接待费，年初预算0.80万元。", fin3(2022),
			[]want{{"three_public_total", ini3, 2022, "", "8000"}, {"three_public_reception", cur3, 2022, "", "6000"}}, []string{"three_public_reception@initial_budget"}},
	})
}

// TestPerformanceFunds: funds under 绩效目标管理 however the sentence words them.
func TestPerformanceFunds(t *testing.T) {
	runGenCases(t, []genCase{
		{"涉及财政拨款", "2023年本部门共有9个项目实行绩效目标管理，涉及财政拨款612.00万元。", bud3(2023),
			[]want{{"performance_target_funds", cur3, 2023, "", "6120000"}}, nil},
		{"纳入绩效目标管理的项目资金", "五、绩效目标：纳入绩效目标管理的项目资金305.50万元。", bud3(2023),
			[]want{{"performance_target_funds", cur3, 2023, "", "3055000"}}, nil},
		{"a figure followed by 纳入绩效目标管理", "2023年所有项目支出1,200.00万元全部纳入绩效目标管理。", bud3(2023),
			[]want{{"performance_target_funds", cur3, 2023, "", "12000000"}}, []string{"project_expenditure"}},
		{"涉及财政拨款 outside performance management", "2023年本部门开展专项整治，涉及财政拨款50.00万元。", bud3(2023),
			nil, []string{"performance_target_funds"}},
		{"a figure followed by another verb", "2023年项目支出1,200.00万元纳入预算管理。", bud3(2023),
			[]want{{"project_expenditure", cur3, 2023, "", "12000000"}}, []string{"performance_target_funds"}},
	})
}

// TestProcurementKinds: the kinds of a 政府采购 figure named bare.
func TestProcurementKinds(t *testing.T) {
	runGenCases(t, []genCase{
		{"bare kinds after 其中", "2023年政府采购预算300.00万元，其中货物100.00万元，工程150.00万元，服务50.00万元。", bud3(2023),
			[]want{{"government_procurement_works", cur3, 2023, "", "1500000"}, {"government_procurement_services", cur3, 2023, "", "500000"}}, nil},
		{"bare kinds after a colon", "2022年度政府采购支出总额90.00万元：服务90.00万元。", fin3(2022),
			[]want{{"government_procurement_services", cur3, 2022, "", "900000"}}, nil},
		{"all of one kind", "2023年政府采购预算45.00万元，全部为工程类。", bud3(2023),
			[]want{{"government_procurement_works", cur3, 2023, "", "450000"}}, nil},
		{"工程/服务 inside other words or outside procurement are not kinds", "2023年项目支出中，信息化运维服务120.00万元，基建工程80.00万元；工程20.00万元。本部门无政府采购预算。", bud3(2023),
			nil, []string{"government_procurement_works", "government_procurement_services"}},
	})
}

// TestOtherSideTotal: a bare 支出 total right after the 收入 total of the
// same sentence is the expenditure total, not the income item at another stage.
func TestOtherSideTotal(t *testing.T) {
	runGenCases(t, []genCase{
		{"收入预算…，支出预算…", "2023年收入预算512.00万元，支出预算512.00万元。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "5120000"}, {"total_expenditure", cur3, 2023, "", "5120000"}}, nil},
		{"收入决算…，支出决算…", "2022年度收入决算300.00万元，支出决算298.00万元。", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "3000000"}, {"total_expenditure", cur3, 2022, "", "2980000"}}, nil},
		{"支出预算…，收入预算…", "2023年支出预算512.00万元，收入预算512.00万元。", bud3(2023),
			[]want{{"total_income", cur3, 2023, "", "5120000"}, {"total_expenditure", cur3, 2023, "", "5120000"}}, nil},
		{"an item's 年初预算 then its 支出决算 stays the item", "2022年度“三公”经费年初预算为6.00万元，支出决算为5.10万元。", fin3(2022),
			[]want{{"three_public_total", cur3, 2022, "", "51000"}}, []string{"total_expenditure"}},
	})
}

// TestSideClausePriors: another year's figure in a parenthesised side clause
// or in a sentence of its own that opens with 与…相比.
func TestSideClausePriors(t *testing.T) {
	runGenCases(t, []genCase{
		{"（YEAR年为X） after an item", "2025年“三公”经费预算5.00万元，其中公务接待费2.00万元（2024年为2.40万元），公务用车运行维护费3.00万元。", bud3(2025),
			[]want{{"three_public_reception", cur3, 2025, "", "20000"}, {"three_public_reception", prior3, 2024, "", "24000"}},
			[]string{"three_public_vehicle_operation@prior"}},
		{"（YEAR年度决算为X） after a change", "2022年度“三公”经费支出5.00万元，比上年决算减少1.00万元（2021年度决算为6.00万元）。", fin3(2022),
			[]want{{"three_public_total", cur3, 2022, "", "50000"}, {"three_public_total", prior3, 2021, "", "60000"}}, nil},
		{"（YEAR年预算数X） in a budget", "2024年机关运行经费预算30.00万元（2023年预算数28.00万元）。", bud3(2024),
			[]want{{"operating_expenses", cur3, 2024, "", "300000"}, {"operating_expenses", prior3, 2023, "", "280000"}}, nil},
		{"a side clause of a year two back is left out", "2024年机关运行经费预算30.00万元（2022年为25.00万元）。", bud3(2024),
			[]want{{"operating_expenses", cur3, 2024, "", "300000"}}, []string{"operating_expenses@prior"}},
		{"a sentence opening 与…相比 compares the head figure before", "2024年“三公”经费预算8.00万元，其中公务接待费2.00万元。与2023年预算9.00万元相比减少1.00万元。", bud3(2024),
			[]want{{"three_public_total", prior3, 2023, "", "90000"}}, []string{"three_public_reception@prior"}},
		{"a sentence opening 与 without a comparison is not read", "2024年“三公”经费预算8.00万元。与2023年预算9.00万元一并公开。", bud3(2024),
			nil, []string{"three_public_total@prior"}},
	})
}

// TestUnnamedSubordinate: a unit named without 所属/下属 at the start of its
// clause or after 其中 is a subordinate unit, not the department.
func TestUnnamedSubordinate(t *testing.T) {
	dep := func(st string, y int32) Hint {
		return Hint{Department: "某区民政局", FiscalYear: y, Stage: st}
	}
	runGenCases(t, []genCase{
		{"after 其中 in another sentence", "2022年度民政局公用经费支出80.00万元。其中区社会救助管理站公用经费支出12.00万元。", dep(schemas.StageFinalAccount, 2022),
			[]want{{"public_expenditure", cur3, 2022, "", "800000"}}, nil},
		{"at the start of a clause", "2023年本局项目支出300.00万元；区婚姻登记服务中心人员经费90.00万元。", dep(schemas.StageBudget, 2023),
			[]want{{"project_expenditure", cur3, 2023, "", "3000000"}}, []string{"personnel_expenditure"}},
		{"after 另", "2023年本局基本支出500.00万元，另区福利院日常公用经费40.00万元。", dep(schemas.StageBudget, 2023),
			[]want{{"basic_expenditure", cur3, 2023, "", "5000000"}}, []string{"public_expenditure"}},
		{"the department's own name of a kind is not a subordinate", "县文化馆2023年度部门决算\n区文化馆在职人员总数18人。", Hint{Department: "山岚县文化馆", FiscalYear: 2023, Stage: schemas.StageFinalAccount},
			[]want{{"staff_in_post", cur3, 2023, "", "18"}}, nil},
		{"本中心 is the department", "2023年本中心人员经费90.00万元。", Hint{Department: "某区婚姻登记服务中心", FiscalYear: 2023, Stage: schemas.StageBudget},
			[]want{{"personnel_expenditure", cur3, 2023, "", "900000"}}, nil},
	})
}

// TestIncomeSourcesWithout收入: fund names without 收入 inside the breakdown
// of a total income figure.
func TestIncomeSourcesWithout收入(t *testing.T) {
	runGenCases(t, []genCase{
		{"财政拨款 and 其他资金 after 其中", "2023年收入预算700.00万元，其中：财政拨款650.00万元，其他资金50.00万元。", bud3(2023),
			[]want{{"general_public_budget_income", cur3, 2023, "", "6500000"}, {"other_income", cur3, 2023, "", "500000"}}, nil},
		{"财政拨款 in a final account", "2022年度收入合计120.00万元，其中财政拨款120.00万元；支出合计118.00万元。", fin3(2022),
			[]want{{"general_public_budget_income", cur3, 2022, "", "1200000"}}, nil},
		{"a specific 一般公共预算 figure wins over 财政拨款", "2023年收入预算700.00万元，其中财政拨款650.00万元（一般公共预算拨款600.00万元，政府性基金50.00万元）。", bud3(2023),
			[]want{{"general_public_budget_income", cur3, 2023, "", "6000000"}}, nil},
		{"财政拨款 in the expenditure breakdown after it is not income", "2023年收入预算900.00万元，其中其他收入100.00万元；支出预算900.00万元，其中财政拨款800.00万元。", bud3(2023),
			nil, []string{"general_public_budget_income"}},
		{"财政拨款 without an income total is not read", "2023年本部门安排财政拨款800.00万元。", bud3(2023),
			nil, []string{"general_public_budget_income"}},
	})
}

// TestBareZeros: a zero stated without a unit at the end of a clause, and
// joint statements with filler before 均.
func TestBareZeros(t *testing.T) {
	runGenCases(t, []genCase{
		{"joint zero with 决算 before 均", "2022年度因公出国（境）费和公务用车购置及运行维护费决算均为0。", fin3(2022),
			[]want{{"three_public_overseas", cur3, 2022, "", "0"}, {"three_public_vehicle_total", cur3, 2022, "", "0"}}, nil},
		{"single label zero", "2023年政府性基金预算支出为0。", bud3(2023),
			[]want{{"government_fund_expenditure", cur3, 2023, "", "0"}}, nil},
		{"zero before a comma", "2023年公务接待费预算为0，比上年减少0.50万元。", bud3(2023),
			[]want{{"three_public_reception", cur3, 2023, "", "0"}}, nil},
		{"a zero rate or count is no money figure", "2023年增长率为0。公务用车为0。离退休人员为0。", bud3(2023),
			nil, []string{"vehicles_count", "retired_staff", "three_public_vehicle_total"}},
		{"a zero inside a number is not a bare zero", "2023年公务接待费为0.80万元。", bud3(2023),
			[]want{{"three_public_reception", cur3, 2023, "", "8000"}}, nil},
	})
}

// TestOrgSubjectBareLabel: a generic label (收入预算, 支出预算) right after an
// organisation's short name as the sentence's subject.
func TestOrgSubjectBareLabel(t *testing.T) {
	runGenCases(t, []genCase{
		{"区科委收入预算", "2019年，区科委收入预算1,300.00万元，其中财政拨款收入1,300.00万元。", bud3(2019),
			[]want{{"total_income", cur3, 2019, "", "13000000"}}, nil},
		{"本局支出预算", "2023年本局支出预算420.00万元。", bud3(2023),
			[]want{{"total_expenditure", cur3, 2023, "", "4200000"}}, nil},
		{"县文化馆收入决算", "2022年度县文化馆收入决算88.00万元。", fin3(2022),
			[]want{{"total_income", cur3, 2022, "", "880000"}}, nil},
		{"a word that is no organisation before a bare label", "2023年财政专项收入预算50.00万元。", bud3(2023),
			nil, []string{"total_income"}},
	})
}
