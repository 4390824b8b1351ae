package schemas

import "time"

// Document is one disclosure: one department or unit, one fiscal year, one
// stage. DocID is stable across re-crawls (see DocID).
type Document struct {
	DocID      string
	Source     string // portal profile id
	URL        string
	Title      string
	Province   string
	City       string
	County     string // the district or county (区/县)
	RegionCode string // 6-digit administrative division code, "" when unknown

	Department          string // as published
	DepartmentCanonical string
	DepartmentType      string // 科协, 教育局, 街道办 ...
	Scope               string // department | unit | district

	FiscalYear  int32
	Stage       string
	PublishedAt time.Time // a date; zero when unknown
	FetchedAt   time.Time

	// Capture reference of the article page.
	WARCFile      string
	WARCRecordID  string
	PayloadSHA256 string

	TextSHA256    string // sha256 of the extracted text the offsets refer to
	Attachments   int32
	FactCount     int32
	ParserVersion string
	Status        string // StatusOK, StatusNoFigures, StatusPartial, StatusFailed
	StatusDetail  string
}

// Fact is one figure a document states, in long format.
type Fact struct {
	DocID               string
	FiscalYear          int32 // the year the figure is for (may differ from the document's in a two-year text)
	Stage               string
	Department          string // as published
	DepartmentCanonical string

	Metric string
	Period string // PeriodCurrent, PeriodPrior, PeriodInitialBudget
	Scheme string // SchemeFunction, SchemeEconomic, SchemeFundSource, SchemeNone
	Code   string // 政府收支分类科目 code, "" when none
	Level  int8   // 类=1, 款=2, 项=3; 0 when none
	Name   string // class or item name as printed

	Value     string // as printed
	Unit      string // as printed: 万元, 元, 人, 辆, 次 ...
	Amount    Money  // exact yuan; valid when HasAmount
	HasAmount bool
	Count     int64 // valid when HasCount
	HasCount  bool

	SharePct     string // as stated: "86.74"
	ChangeValue  string // as stated, in Unit, signed: "-4.12"
	ChangeAmount Money  // ChangeValue in yuan; valid when HasChange
	HasChange    bool
	ChangePct    string // as stated, signed: "-50.29"
	ExecutionPct string // 完成率 as stated
	Reason       string // stated explanation of a change
	Purpose      string // stated use (主要用于…)

	// Provenance.
	Method       string // MethodText, MethodTable
	Quote        string // exact source fragment
	Start        int32  // rune offsets of Quote in the extracted text (text facts)
	End          int32
	SourceURL    string // page or attachment the figure was read from
	SourceSHA256 string // sha256 of the file or page payload
	WARCRecordID string
	Sheet        string // sheet name or "page N" (table facts)
	Cell         string // cell address ("C7") or "r7c3" (table facts)
	Location     string // one-string summary: "chars 120-150" or "sha256:…/Sheet1/C7"

	// Copied from the fact's document so comparisons need not join documents
	// (added after the first v1 release; columns at the end of the table).
	County         string
	DepartmentType string
	Scope          string
	// Preferred is true on exactly one fact per document, fiscal year,
	// stage, period, metric, scheme and code: the figure comparisons use when
	// a document states the same figure more than once (pipeline/preferred.go).
	Preferred bool
}

// Quality is one validation finding about a document.
type Quality struct {
	DocID      string
	FiscalYear int32
	RuleID     string
	Severity   string
	Metric     string
	Expected   string
	Actual     string
	Message    string
}

// Code is one entry of the 政府收支分类科目 list. A class renamed over the
// years has one row per name, each with the years it was valid; CurrentName is
// the newest name of the code.
type Code struct {
	Scheme      string
	Code        string
	Level       int8
	Parent      string
	Name        string
	CurrentName string
	ValidFrom   int32 // first fiscal year the name applies
	ValidTo     int32 // last fiscal year, 0 when still valid
}

// LedgerEntry is what became of one URL the crawler touched.
type LedgerEntry struct {
	URL          string
	ParentURL    string
	Source       string
	Kind         string // LedgerKind*
	Outcome      string // Outcome*
	StatusCode   int32
	ContentType  string
	Bytes        int64
	SHA256       string
	WARCFile     string
	WARCRecordID string
	FetchedAt    time.Time
	Attempts     int32
	Detail       string
}

// Ledger kinds.
const (
	LedgerKindList       = "list"
	LedgerKindArticle    = "article"
	LedgerKindAttachment = "attachment"
	LedgerKindRobots     = "robots"
	LedgerKindPage       = "page"
)

// Ledger outcomes.
const (
	OutcomeOK                = "ok"
	OutcomeNotModified       = "not_modified"
	OutcomeNotFound          = "not_found"
	OutcomeSoft404           = "soft_404"
	OutcomeChallenge         = "challenge"
	OutcomeRobotsDisallowed  = "robots_disallowed"
	OutcomeTooLarge          = "too_large"
	OutcomeOffDomainRedirect = "off_domain_redirect"
	OutcomeTimeout           = "timeout"
	OutcomeUnsupportedFormat = "unsupported_format"
	OutcomeHTTPError         = "http_error"
	OutcomeError             = "error"
	OutcomeDuplicate         = "duplicate"
	// OutcomeNotDisclosure: fetched fine, but the page is not a budget or
	// final-account disclosure (no year or stage could be read).
	OutcomeNotDisclosure = "not_disclosure"
)

// Capture is one fetched resource with the evidence of its fetch.
type Capture struct {
	URL           string // as requested
	FinalURL      string // after redirects
	StatusCode    int
	ContentType   string
	FileName      string // from Content-Disposition or anchor text, sanitised
	Body          []byte // raw payload bytes as received
	Text          string // decoded UTF-8 text for HTML captures
	Charset       string // charset used to decode Text
	FetchedAt     time.Time
	WARCFile      string
	WARCRecordID  string
	PayloadSHA256 string
	Truncated     bool
}

// Disclosure is what a source hands the pipeline: an article page that
// announces a budget or final account, with its attachments.
type Disclosure struct {
	Source      string
	ListURL     string // column page it was found on
	Title       string // from the list page or the article
	PublishedAt time.Time
	Region      Region
	Page        Capture
	Attachments []Capture
}

// Region names where a source's disclosures come from.
type Region struct {
	Province string
	City     string
	County   string
	Code     string // 6-digit administrative division code
}
