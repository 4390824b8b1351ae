package demoportal

// district is one fictional district (or county) portal served under its own
// path prefix. Everything that differs between districts is a field here, so
// the three portals exercise different template families.
type district struct {
	Key        string // path prefix without slashes, e.g. "qx"
	Province   string
	City       string
	County     string // 清溪区
	Level      string // 区 or 县
	RegionCode string // fictional, 99xxxx
	SiteName   string

	GBK        bool   // pages encoded as GBK, charset only in a meta tag
	MetaEquiv  bool   // GBK charset given by <meta http-equiv> instead of <meta charset>
	Column     string // disclosure column path, relative to the prefix, ending in "/"
	ColumnName string // 财政预决算 ...
	Pager      string // pagerTRS0 | pagerCreatePage | pagerTRS1
	Ext        string // html | shtml
	PerPage    int
	TruncLen   int    // list link text truncated to this many runes (0: never)
	Container  string // article body container: trs | zoom | ucap | trsview
	JSAppendix bool   // attachment links only inside a file_appendix script string
	SplitFiles bool   // tables in two workbooks instead of one
	SplitCode  bool   // 科目编码 split into 类/款/项 columns
	TextCells  bool   // workbook amounts stored as text cells
	Depts      []deptSpec
}

// deptSpec names one department of a district.
type deptSpec struct {
	Kind string // key into kinds
	Name string // override of the published name (street offices)
}

const (
	pagerTRS0       = "trs0"       // createPageHTML(N, k, "index", "html"), 0-based
	pagerCreatePage = "createpage" // createPage(N, k, "index", "html"), 0-based
	pagerTRS1       = "trs1"       // createPageHTML(div, N, cur, "index", "shtml", total), 1-based
)

var districts = []district{
	{
		Key: "qx", Province: "青岚省", City: "云泽市", County: "清溪区", Level: "区", RegionCode: "990102",
		SiteName: "云泽市清溪区人民政府", Column: "zwgk/zfxxgk/fdzdgknr/czyjs/", ColumnName: "财政预决算",
		Pager: pagerTRS0, Ext: "html", PerPage: 16, TruncLen: 22, Container: "trs",
		Depts: []deptSpec{
			{Kind: "kx"}, {Kind: "jy"}, {Kind: "cz"}, {Kind: "wj"}, {Kind: "mz"}, {Kind: "sf"},
			{Kind: "tj"}, {Kind: "sj"}, {Kind: "fl"}, {Kind: "cl"}, {Kind: "jd", Name: "城关街道办事处"}, {Kind: "yy"},
		},
	},
	{
		Key: "bs", Province: "南屏省", City: "石门市", County: "白沙区", Level: "区", RegionCode: "991203",
		SiteName: "石门市白沙区人民政府网", GBK: true, Column: "xxgk/zdxxlygk/czxx/czyjs/", ColumnName: "预决算公开",
		Pager: pagerCreatePage, Ext: "html", PerPage: 15, TruncLen: 0, Container: "zoom",
		JSAppendix: true, SplitFiles: true, SplitCode: true,
		Depts: []deptSpec{
			{Kind: "kx"}, {Kind: "jy"}, {Kind: "cz"}, {Kind: "wj"}, {Kind: "mz"}, {Kind: "sf"},
			{Kind: "rs"}, {Kind: "sj"}, {Kind: "cl"}, {Kind: "jd", Name: "东城街道办事处"}, {Kind: "jd", Name: "西湖街道办事处"}, {Kind: "yy"},
		},
	},
	{
		Key: "qs", Province: "东陵省", City: "海阳市", County: "青松县", Level: "县", RegionCode: "992305",
		SiteName: "海阳市青松县人民政府", MetaEquiv: false, Column: "zwgk/fdzdgknr/ysjs/", ColumnName: "部门预决算",
		Pager: pagerTRS1, Ext: "shtml", PerPage: 20, TruncLen: 18, Container: "ucap",
		TextCells: true,
		Depts: []deptSpec{
			{Kind: "kx"}, {Kind: "jy"}, {Kind: "cz"}, {Kind: "wj"}, {Kind: "mz"}, {Kind: "tj"},
			{Kind: "sj"}, {Kind: "fl"}, {Kind: "cl"}, {Kind: "rs"}, {Kind: "jd", Name: "城南街道办事处"}, {Kind: "yy"},
		},
	},
}

// codeShare is a candidate 项 of a department with its relative weight.
type codeShare struct {
	Code    string
	Weight  int
	Purpose string
}

// kind describes one type of department: names, functions and the budget
// shape the generator draws from. Codes are candidates; only those present in
// schemas.LoadCodes() with a name valid in the fiscal year are used.
type kind struct {
	Type      string // DepartmentType: 科协, 教育局 ...
	Full      string // name after the county, e.g. 科学技术协会
	Short     string // short form after 区/县, e.g. 科协
	Nature    string // 单位性质
	Admin     bool   // 行政 (has 机关运行经费) vs 事业
	StaffMin  int64
	StaffMax  int64
	UnitsMin  int64
	UnitsMax  int64
	PerStaff  [2]int64 // personnel yuan per staff, range
	PubStaff  [2]int64 // public yuan per staff, range
	ProjPct   [2]int64 // project (GPB) as percent of basic, range
	Business  [2]int64 // business income as percent of basic, range (0: none)
	Big       bool     // totals may print in 亿元
	Coarse    bool     // amounts are multiples of 100 yuan (万元 with 2 decimals)
	Vehicles  [2]int64
	Overseas  bool
	Run       []codeShare // basic 项 besides the common personnel ones
	Proj      []codeShare // project 项
	Functions []string
	Offices   []string
	Tasks     []string
	SubUnits  string // description of subordinate units when units > 1
}

// commonBasic are the personnel-related 项 every department carries.
var commonBasic = []codeShare{
	{"2080505", 9, "用于在职职工机关事业单位基本养老保险缴费"},
	{"2080506", 4, "用于在职职工职业年金缴费"},
	{"2101101", 4, "用于行政单位职工基本医疗保险缴费"},
	{"2101102", 4, "用于事业单位职工基本医疗保险缴费"},
	{"2210201", 7, "用于按规定为职工缴纳住房公积金"},
}

// retireCodes carry the pension payments for retired staff.
var retireCodes = []codeShare{
	{"2080501", 1, "用于行政单位离退休人员的退休费及生活补助"},
	{"2080502", 1, "用于事业单位离退休人员的退休费及生活补助"},
	{"2080599", 1, "用于离退休人员的退休费及其他养老支出"},
}

// fallbackProj is used when none of a kind's project codes exists in the code list.
var fallbackProj = codeShare{"2089999", 1, "用于职工工伤保险、失业保险等其他社会保障缴费"}

var kinds = map[string]kind{
	"kx": {
		Type: "科协", Full: "科学技术协会", Short: "科协", Nature: "参照公务员法管理的群团机关", Admin: true,
		StaffMin: 5, StaffMax: 9, UnitsMin: 1, UnitsMax: 1,
		PerStaff: [2]int64{130000, 165000}, PubStaff: [2]int64{15000, 22000}, ProjPct: [2]int64{10, 22},
		Coarse: true, Vehicles: [2]int64{0, 0},
		Run: []codeShare{{"2060701", 10, "用于机关人员工资、津补贴及办公费、劳务费、培训费等日常运转支出"}},
		Proj: []codeShare{
			{"2060702", 6, "用于科普宣传、科技活动周、全国科普日等科普活动经费"},
			{"2060703", 2, "用于青少年科技创新大赛、科技夏令营等活动"},
			{"2060704", 2, "用于学术年会、学术沙龙等学术交流活动"},
		},
		Functions: []string{
			"开展学术交流，活跃学术思想，促进学科发展和技术创新。",
			"负责全{L}科学技术普及工作，开展科普宣传，传播科学思想和科学方法，弘扬科学精神。",
			"反映科学技术工作者的意见和要求，维护科学技术工作者的合法权益。",
			"组织科学技术工作者参与{L}内重大事项的科学论证和咨询服务，提出政策建议。",
			"开展继续教育和培训工作，组织科技工作者进行科技开发、科技服务。",
			"对所属学会、协会、研究会进行业务指导，加强基层科协组织建设。",
			"承办{L}委、{L}政府和上级科协交办的其他事项。",
		},
		Offices: []string{"办公室", "学会部", "科普部"},
		Tasks: []string{
			"做好科创重点项目征集，推进“金桥工程”项目实施。",
			"加强院士（专家）工作站等高层次创新平台建设。",
			"充分发挥农技协作用，开展农业实用技术培训，服务乡村振兴。",
			"持续开展全民科学素质提升行动，打造特色科普品牌。",
		},
	},
	"jy": {
		Type: "教育局", Full: "教育局", Short: "教育局", Nature: "行政单位", Admin: true,
		StaffMin: 1400, StaffMax: 2600, UnitsMin: 22, UnitsMax: 38,
		PerStaff: [2]int64{128000, 150000}, PubStaff: [2]int64{9000, 14000}, ProjPct: [2]int64{18, 32},
		Business: [2]int64{3, 7}, Big: true, Vehicles: [2]int64{1, 3}, Overseas: true,
		Run: []codeShare{
			{"2050101", 3, "用于局机关人员工资及日常运转支出"},
			{"2050202", 9, "用于小学教职工工资福利及学校日常运转"},
			{"2050203", 6, "用于初中教职工工资福利及学校日常运转"},
		},
		Proj: []codeShare{
			{"2050201", 4, "用于公办幼儿园运转补助及普惠性民办幼儿园奖补"},
			{"2050204", 3, "用于普通高中生均公用经费及助学金"},
			{"2050199", 2, "用于教育督导评估、教师培训等教育管理事务"},
		},
		Functions: []string{
			"贯彻执行国家、省、市教育工作方针政策和法律法规，拟订全{L}教育改革与发展规划并组织实施。",
			"统筹管理全{L}学前教育、义务教育、高中阶段教育和继续教育。",
			"负责全{L}教育经费的统筹管理，参与拟订教育经费筹措、教育拨款和教育基建投资的政策。",
			"负责全{L}教师队伍建设，指导教师培养培训工作。",
			"负责全{L}学校安全稳定、校园周边环境治理和学生资助工作。",
			"承办{L}委、{L}政府交办的其他事项。",
		},
		Offices: []string{"办公室", "计划财务股", "基础教育股", "人事股", "安全稳定股", "教育督导室"},
		Tasks: []string{
			"推进学前教育普及普惠和义务教育优质均衡发展。",
			"实施教师队伍素质提升工程，深化“县管校聘”改革。",
			"改善办学条件，推进校舍维修和校园安全设施建设。",
		},
		SubUnits: "局机关本级及所属中小学、幼儿园、教师进修学校",
	},
	"cz": {
		Type: "财政局", Full: "财政局", Short: "财政局", Nature: "行政单位", Admin: true,
		StaffMin: 40, StaffMax: 75, UnitsMin: 2, UnitsMax: 3,
		PerStaff: [2]int64{135000, 160000}, PubStaff: [2]int64{18000, 26000}, ProjPct: [2]int64{30, 55},
		Vehicles: [2]int64{1, 2},
		Run:      []codeShare{{"2010601", 10, "用于局机关人员工资及日常运转支出"}, {"2010650", 3, "用于所属事业单位人员工资及日常运转"}},
		Proj: []codeShare{
			{"2010602", 3, "用于预算编审、财政监督等一般行政管理事务"},
			{"2010607", 3, "用于预算管理一体化系统运维等财政信息化建设"},
			{"2010608", 2, "用于委托第三方开展预算评审、绩效评价等业务"},
		},
		Functions: []string{
			"贯彻执行财税法律法规和方针政策，拟订全{L}财政发展规划和财政政策。",
			"负责编制年度{L}级预决算草案并组织执行，受{L}政府委托向{L}人大报告财政预算、执行和决算等情况。",
			"负责管理{L}级一般公共预算、政府性基金预算、国有资本经营预算。",
			"负责政府非税收入管理和政府采购监督管理。",
			"负责{L}级国有资产管理和政府债务管理工作。",
			"负责会计管理和财政监督检查工作。",
		},
		Offices: []string{"办公室", "预算股", "国库股", "综合股", "政府采购监督管理股", "会计股"},
		Tasks: []string{
			"坚持过紧日子，严控一般性支出，保障基本民生支出。",
			"深化预算管理制度改革，全面实施预算绩效管理。",
			"防范化解政府债务风险，强化财会监督。",
		},
		SubUnits: "局机关本级及所属财政投资评审中心、国库集中支付中心",
	},
	"wj": {
		Type: "卫生健康局", Full: "卫生健康局", Short: "卫健局", Nature: "行政单位", Admin: true,
		StaffMin: 30, StaffMax: 60, UnitsMin: 3, UnitsMax: 6,
		PerStaff: [2]int64{130000, 155000}, PubStaff: [2]int64{16000, 24000}, ProjPct: [2]int64{90, 160},
		Vehicles: [2]int64{1, 3},
		Run:      []codeShare{{"2100101", 10, "用于机关人员工资及日常运转支出"}},
		Proj: []codeShare{
			{"2100408", 6, "用于基本公共卫生服务项目补助"},
			{"2100409", 2, "用于重大传染病防控等重大公共卫生服务"},
			{"2100717", 2, "用于计划生育家庭奖励扶助和特别扶助"},
		},
		Functions: []string{
			"贯彻执行国民健康政策和卫生健康法律法规，拟订全{L}卫生健康事业发展规划。",
			"协调推进深化医药卫生体制改革，组织推进公立医院综合改革。",
			"负责全{L}疾病预防控制工作和卫生应急工作。",
			"组织落实基本公共卫生服务项目和重大公共卫生服务项目。",
			"负责全{L}医疗机构、医疗服务行业管理和人口监测、计划生育服务工作。",
		},
		Offices: []string{"办公室", "医政医管股", "疾病预防控制股", "基层卫生与妇幼健康股", "人口监测与家庭发展股"},
		Tasks: []string{
			"推进紧密型县域医共体建设，提升基层医疗卫生服务能力。",
			"做好重大传染病防控和突发公共卫生事件应急处置。",
			"落实基本公共卫生服务项目，提高居民健康素养水平。",
		},
		SubUnits: "局机关本级及所属疾病预防控制中心、卫生监督所、妇幼保健计划生育服务中心",
	},
	"mz": {
		Type: "民政局", Full: "民政局", Short: "民政局", Nature: "行政单位", Admin: true,
		StaffMin: 22, StaffMax: 45, UnitsMin: 2, UnitsMax: 4,
		PerStaff: [2]int64{128000, 150000}, PubStaff: [2]int64{15000, 23000}, ProjPct: [2]int64{180, 320},
		Vehicles: [2]int64{1, 2},
		Run:      []codeShare{{"2080201", 10, "用于机关人员工资及日常运转支出"}},
		Proj: []codeShare{
			{"2081901", 3, "用于城市最低生活保障金发放"},
			{"2081902", 4, "用于农村最低生活保障金发放"},
			{"2082001", 1, "用于临时救助"},
			{"2081002", 2, "用于高龄津贴、养老服务补贴等老年福利支出"},
			{"2080208", 1, "用于基层政权建设和社区治理"},
		},
		Functions: []string{
			"贯彻执行民政工作方针政策和法律法规，拟订全{L}民政事业发展规划。",
			"负责全{L}社会救助工作，统筹城乡最低生活保障、特困人员救助供养和临时救助。",
			"负责全{L}养老服务体系建设和老年人福利工作。",
			"指导城乡社区治理和基层政权建设。",
			"负责社会组织登记管理、行政区划、地名和殡葬管理工作。",
		},
		Offices: []string{"办公室", "社会救助股", "养老服务股", "基层政权和社区建设股", "社会事务股"},
		Tasks: []string{
			"兜牢民生底线，及时足额发放各类救助资金。",
			"完善居家社区养老服务网络，推进养老服务设施建设。",
			"加强城乡社区治理，提升基层服务能力。",
		},
		SubUnits: "局机关本级及所属社会福利院、救助管理站",
	},
	"sf": {
		Type: "司法局", Full: "司法局", Short: "司法局", Nature: "行政单位", Admin: true,
		StaffMin: 30, StaffMax: 55, UnitsMin: 1, UnitsMax: 2,
		PerStaff: [2]int64{135000, 158000}, PubStaff: [2]int64{17000, 25000}, ProjPct: [2]int64{30, 55},
		Vehicles: [2]int64{1, 3},
		Run:      []codeShare{{"2040601", 10, "用于机关人员工资及日常运转支出"}},
		Proj: []codeShare{
			{"2040604", 3, "用于司法所建设等基层司法业务"},
			{"2040605", 2, "用于“八五”普法宣传教育"},
			{"2040607", 2, "用于法律援助案件补贴"},
			{"2040610", 2, "用于社区矫正对象教育管理"},
		},
		Functions: []string{
			"承担全面依法治{L}重大问题的政策研究，协调有关方面提出意见和建议。",
			"负责{L}政府规范性文件合法性审查和行政执法监督工作。",
			"负责全{L}普法宣传工作和人民调解工作。",
			"负责全{L}社区矫正、安置帮教和法律援助工作。",
			"指导、监督律师、公证、司法鉴定等法律服务工作。",
		},
		Offices: []string{"办公室", "法治督察股", "行政执法协调监督股", "普法与依法治理股", "社区矫正股", "公共法律服务股"},
		Tasks: []string{
			"深入推进法治政府建设，加强行政执法监督。",
			"实施“八五”普法规划，推进法治乡村建设。",
			"完善公共法律服务体系，做好法律援助和人民调解。",
		},
		SubUnits: "局机关本级及所属公证处",
	},
	"tj": {
		Type: "统计局", Full: "统计局", Short: "统计局", Nature: "行政单位", Admin: true,
		StaffMin: 12, StaffMax: 22, UnitsMin: 1, UnitsMax: 2,
		PerStaff: [2]int64{130000, 155000}, PubStaff: [2]int64{16000, 23000}, ProjPct: [2]int64{20, 60},
		Coarse: true, Vehicles: [2]int64{0, 1},
		Run: []codeShare{{"2010501", 10, "用于机关人员工资及日常运转支出"}},
		Proj: []codeShare{
			{"2010505", 3, "用于常规统计调查、统计数据质量核查等专项统计业务"},
			{"2010507", 3, "用于全国经济普查等专项普查活动"},
			{"2010508", 2, "用于住户收支等统计抽样调查"},
		},
		Functions: []string{
			"贯彻执行统计法律法规和统计调查制度，组织实施全{L}统计工作。",
			"组织实施全{L}重大国情国力普查。",
			"收集、汇总、整理和提供全{L}国民经济和社会发展统计数据。",
			"对全{L}经济社会发展情况进行统计分析、预测和监督。",
			"依法查处统计违法行为，组织开展统计执法检查。",
		},
		Offices: []string{"办公室", "综合统计股", "专业统计股", "普查中心"},
		Tasks: []string{
			"做好经济普查各阶段工作，确保普查数据质量。",
			"强化统计监督，加强统计执法检查。",
			"提升统计分析服务水平，为党委政府决策提供参考。",
		},
		SubUnits: "局机关本级及所属普查中心",
	},
	"sj": {
		Type: "审计局", Full: "审计局", Short: "审计局", Nature: "行政单位", Admin: true,
		StaffMin: 15, StaffMax: 30, UnitsMin: 1, UnitsMax: 2,
		PerStaff: [2]int64{135000, 160000}, PubStaff: [2]int64{17000, 25000}, ProjPct: [2]int64{20, 40},
		Vehicles: [2]int64{0, 2}, Overseas: true,
		Run: []codeShare{{"2010801", 10, "用于机关人员工资及日常运转支出"}},
		Proj: []codeShare{
			{"2010804", 6, "用于预算执行审计、经济责任审计等审计业务"},
			{"2010806", 2, "用于审计信息化建设"},
		},
		Functions: []string{
			"主管全{L}审计工作，贯彻执行审计法律法规和方针政策。",
			"向{L}政府提出年度{L}级预算执行情况和其他财政收支情况的审计结果报告。",
			"对{L}级各部门和下级政府预算执行情况、决算草案以及其他财政收支情况进行审计监督。",
			"负责领导干部经济责任审计和自然资源资产离任审计。",
			"指导和监督内部审计工作。",
		},
		Offices: []string{"办公室", "财政审计股", "经济责任审计股", "投资审计股", "法规审理股"},
		Tasks: []string{
			"做好{L}级预算执行和决算草案审计。",
			"加强经济责任审计，推动审计整改落实。",
			"推进审计信息化建设，提升大数据审计能力。",
		},
		SubUnits: "局机关本级及所属政府投资审计中心",
	},
	"fl": {
		Type: "妇联", Full: "妇女联合会", Short: "妇联", Nature: "参照公务员法管理的群团机关", Admin: true,
		StaffMin: 5, StaffMax: 10, UnitsMin: 1, UnitsMax: 1,
		PerStaff: [2]int64{128000, 150000}, PubStaff: [2]int64{14000, 20000}, ProjPct: [2]int64{25, 50},
		Coarse: true, Vehicles: [2]int64{0, 0},
		Run: []codeShare{{"2012901", 10, "用于机关人员工资及日常运转支出"}},
		Proj: []codeShare{
			{"2012902", 3, "用于妇女儿童维权、家庭教育指导等活动"},
			{"2012999", 2, "用于“两癌”困难妇女救助等群众团体事务"},
		},
		Functions: []string{
			"团结、动员全{L}各族各界妇女投身经济社会发展。",
			"代表和维护妇女权益，促进男女平等和儿童发展。",
			"参与{L}内有关妇女儿童法律法规和政策的贯彻落实。",
			"开展家庭教育指导和家风建设工作。",
			"承办{L}委、{L}政府和上级妇联交办的其他事项。",
		},
		Offices: []string{"办公室", "权益部", "家庭和儿童工作部"},
		Tasks: []string{
			"深化“巾帼建新功”行动，引领妇女建功立业。",
			"加强家庭家教家风建设，开展最美家庭评选。",
			"维护妇女儿童合法权益，做好困难妇女帮扶。",
		},
	},
	"cl": {
		Type: "残联", Full: "残疾人联合会", Short: "残联", Nature: "参照公务员法管理的群团机关", Admin: true,
		StaffMin: 8, StaffMax: 15, UnitsMin: 1, UnitsMax: 2,
		PerStaff: [2]int64{128000, 150000}, PubStaff: [2]int64{14000, 20000}, ProjPct: [2]int64{120, 220},
		Vehicles: [2]int64{0, 1},
		Run:      []codeShare{{"2081101", 10, "用于机关人员工资及日常运转支出"}},
		Proj: []codeShare{
			{"2081107", 5, "用于困难残疾人生活补贴和重度残疾人护理补贴"},
			{"2081104", 2, "用于残疾儿童康复救助"},
			{"2081105", 1, "用于残疾人职业技能培训和就业扶持"},
		},
		Functions: []string{
			"贯彻执行残疾人事业法律法规和方针政策，拟订全{L}残疾人事业发展规划。",
			"代表残疾人共同利益，维护残疾人合法权益。",
			"负责残疾人康复、教育、就业、扶贫和社会保障工作。",
			"负责残疾人证的发放和管理。",
			"承办{L}委、{L}政府和上级残联交办的其他事项。",
		},
		Offices: []string{"办公室", "康复就业部", "维权宣文部"},
		Tasks: []string{
			"落实困难残疾人生活补贴和重度残疾人护理补贴制度。",
			"实施残疾儿童康复救助，推进残疾人社区康复。",
			"开展残疾人职业技能培训，促进残疾人就业增收。",
		},
		SubUnits: "联合会机关本级及所属残疾人康复中心",
	},
	"rs": {
		Type: "人力资源和社会保障局", Full: "人力资源和社会保障局", Short: "人社局", Nature: "行政单位", Admin: true,
		StaffMin: 40, StaffMax: 70, UnitsMin: 2, UnitsMax: 4,
		PerStaff: [2]int64{130000, 155000}, PubStaff: [2]int64{16000, 24000}, ProjPct: [2]int64{40, 90},
		Vehicles: [2]int64{1, 2},
		Run:      []codeShare{{"2080101", 10, "用于机关人员工资及日常运转支出"}, {"2080150", 3, "用于所属事业单位人员工资及日常运转"}},
		Proj: []codeShare{
			{"2080109", 3, "用于社会保险经办业务"},
			{"2080111", 2, "用于公共就业服务和职业技能鉴定"},
			{"2080799", 3, "用于就业创业补贴"},
		},
		Functions: []string{
			"贯彻执行人力资源和社会保障法律法规，拟订全{L}人力资源和社会保障事业发展规划。",
			"负责促进就业工作，统筹建立覆盖城乡的就业创业服务体系。",
			"统筹推进多层次社会保险体系建设，负责社会保险经办工作。",
			"负责事业单位人事管理和专业技术人员管理工作。",
			"负责劳动保障监察，协调劳动者维权工作。",
		},
		Offices: []string{"办公室", "就业促进股", "养老保险股", "劳动关系股", "劳动保障监察大队"},
		Tasks: []string{
			"实施就业优先政策，做好高校毕业生等重点群体就业。",
			"推进全民参保计划，扩大社会保险覆盖面。",
			"根治欠薪，维护劳动者合法权益。",
		},
		SubUnits: "局机关本级及所属社会保险事业中心、就业服务中心",
	},
	"jd": {
		Type: "街道办", Full: "街道办事处", Short: "街道办", Nature: "行政单位", Admin: true,
		StaffMin: 40, StaffMax: 85, UnitsMin: 1, UnitsMax: 2,
		PerStaff: [2]int64{125000, 148000}, PubStaff: [2]int64{18000, 28000}, ProjPct: [2]int64{50, 110},
		Vehicles: [2]int64{2, 4},
		Run:      []codeShare{{"2010301", 10, "用于街道机关人员工资及日常运转支出"}},
		Proj: []codeShare{
			{"2010302", 3, "用于社区运转、网格化管理等一般行政管理事务"},
			{"2120501", 3, "用于辖区环境卫生保洁"},
			{"2010399", 2, "用于辖区综合治理等其他事务"},
		},
		Functions: []string{
			"贯彻执行党和国家的路线方针政策，落实{L}委、{L}政府的决策部署。",
			"负责辖区社区建设和社会治理，指导社区居民委员会工作。",
			"负责辖区城市管理、环境卫生和市容秩序维护工作。",
			"负责辖区民政、社会保障、计划生育等公共服务工作。",
			"负责辖区安全生产、综合治理和维护社会稳定工作。",
		},
		Offices: []string{"党政办公室", "社区建设办公室", "社会事务办公室", "综合执法队", "便民服务中心"},
		Tasks: []string{
			"推进老旧小区改造，提升辖区人居环境。",
			"深化网格化服务管理，提升基层治理效能。",
			"做好辖区安全生产和矛盾纠纷排查化解。",
		},
		SubUnits: "街道机关本级及所属便民服务中心",
	},
	"yy": {
		Type: "医院", Full: "人民医院", Short: "人民医院", Nature: "公益二类事业单位", Admin: false,
		StaffMin: 600, StaffMax: 1100, UnitsMin: 1, UnitsMax: 1,
		PerStaff: [2]int64{40000, 60000}, PubStaff: [2]int64{2000, 4000}, ProjPct: [2]int64{15, 35},
		Business: [2]int64{450, 700}, Big: true, Vehicles: [2]int64{2, 4},
		Run: []codeShare{{"2100201", 10, "用于在编人员基本工资等财政补助"}},
		Proj: []codeShare{
			{"2100299", 3, "用于重点专科建设和医疗设备购置补助"},
			{"2100409", 1, "用于承担的重大公共卫生服务项目"},
		},
		Functions: []string{
			"承担全{L}医疗、急救、预防、保健、康复等医疗卫生服务任务。",
			"承担全{L}突发公共卫生事件的医疗救治工作。",
			"承担基层医务人员进修培训和对口帮扶任务。",
			"开展医学科研和临床教学工作。",
		},
		Offices: []string{"院办公室", "医务科", "护理部", "财务科", "信息科"},
		Tasks: []string{
			"推进胸痛、卒中、创伤等急诊急救中心建设。",
			"加强重点专科建设，提升疑难重症诊治能力。",
			"牵头紧密型医共体建设，推动优质医疗资源下沉。",
		},
	},
}
