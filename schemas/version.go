package schemas

// Version is the schema version stamped into every Parquet file's key-value
// metadata under VersionKey. Bump it only with a documented migration.
const Version = "1"

// VersionKey is the Parquet key-value metadata key that carries Version.
const VersionKey = "budgetfeed.schema_version"

// Stage values.
const (
	StageBudget         = "budget"          // 部门预算 / 单位预算
	StageFinalAccount   = "final_account"   // 部门决算 / 单位决算
	StageAdjustedBudget = "adjusted_budget" // 调整预算
)

// Period values of a fact.
const (
	PeriodCurrent = "current" // the document's own year and stage
	PeriodPrior   = "prior"   // the previous year's figure the document restates
	// PeriodInitialBudget is the 年初预算 figure a final account restates
	// beside its 决算数 for the same year.
	PeriodInitialBudget = "initial_budget"
)

// Scheme values of a fact or code.
const (
	SchemeFunction   = "function"    // 支出功能分类
	SchemeEconomic   = "economic"    // 支出经济分类
	SchemeFundSource = "fund_source" // 资金来源
	SchemeNone       = "none"
)

// Method values: where a fact was read.
const (
	MethodText  = "text"
	MethodTable = "table"
)

// Scope values of a document.
const (
	ScopeDepartment = "department"
	ScopeUnit       = "unit"
	// ScopeDistrict marks district-wide roll-ups (区本级, 全区): never a department.
	ScopeDistrict = "district"
)

// Document extraction status values.
const (
	StatusOK        = "ok"         // figures extracted
	StatusNoFigures = "no_figures" // read, but nothing stated was recognised
	StatusPartial   = "partial"    // some parts (attachments) failed
	StatusFailed    = "failed"     // could not be read at all
)

// Severity values of a quality finding.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
	SeverityInfo    = "info"
)
