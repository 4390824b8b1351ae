package schemas

// The five published tables of schema v1.
var (
	Documents = newTable("documents",
		"One row per disclosure document: one department or unit, one fiscal year, one stage.",
		Document{}, []string{"county", "department_canonical", "fiscal_year", "stage", "doc_id"}, []Column{
			{Name: "doc_id", Field: "DocID", Doc: "Stable id of the document, the same across re-crawls."},
			{Name: "source", Field: "Source", Doc: "Portal profile id the document was harvested from."},
			{Name: "url", Field: "URL", Doc: "URL of the article page."},
			{Name: "title", Field: "Title", Doc: "Title as published."},
			{Name: "province", Field: "Province", Doc: "Province name.", Fiscal: "administrative-classification"},
			{Name: "city", Field: "City", Doc: "City (prefecture) name.", Fiscal: "administrative-classification"},
			{Name: "county", Field: "County", Doc: "District or county (区/县) name.", Fiscal: "administrative-classification"},
			{Name: "region_code", Field: "RegionCode", Doc: "6-digit administrative division code of the county, empty when unknown.", Fiscal: "administrative-classification:code"},
			{Name: "department", Field: "Department", Doc: "Department or unit name as published.", Fiscal: "administrative-classification"},
			{Name: "department_canonical", Field: "DepartmentCanonical", Doc: "Canonical department name (区科协 → 科学技术协会).", Fiscal: "administrative-classification"},
			{Name: "department_type", Field: "DepartmentType", Doc: "Department type from the shipped taxonomy (科协, 教育局, 街道办 ...).", Fiscal: "administrative-classification:type"},
			{Name: "scope", Field: "Scope", Doc: "department | unit | district (district-wide roll-ups, never a department)."},
			{Name: "fiscal_year", Kind: KindInt32, Field: "FiscalYear", Doc: "Fiscal year the document is for.", Fiscal: "date:fiscal-year"},
			{Name: "stage", Field: "Stage", Doc: "budget | final_account | adjusted_budget.", Fiscal: "phase"},
			{Name: "published_at", Kind: KindDate, Field: "PublishedAt", Doc: "Publication date stated by the portal."},
			{Name: "fetched_at", Kind: KindTimestamp, Field: "FetchedAt", Doc: "When the article page was captured (UTC)."},
			{Name: "warc_file", Field: "WARCFile", Doc: "WARC file holding the capture of the article page."},
			{Name: "warc_record_id", Field: "WARCRecordID", Doc: "WARC-Record-ID of the response record."},
			{Name: "payload_sha256", Field: "PayloadSHA256", Doc: "sha256 of the article page payload as received."},
			{Name: "text_sha256", Field: "TextSHA256", Doc: "sha256 of the extracted text that fact offsets refer to."},
			{Name: "attachments", Kind: KindInt32, Field: "Attachments", Doc: "Number of attachments captured."},
			{Name: "fact_count", Kind: KindInt32, Field: "FactCount", Doc: "Number of facts published for the document."},
			{Name: "parser_version", Field: "ParserVersion", Doc: "Version of the extractor that produced the facts."},
			{Name: "status", Field: "Status", Doc: "Extraction status: ok | no_figures | partial | failed."},
			{Name: "status_detail", Field: "StatusDetail", Doc: "Why the status is not ok."},
		})

	Facts = newTable("facts",
		"One row per figure a document states, from its text or its tables (long format).",
		Fact{}, []string{"department_canonical", "doc_id", "metric", "period", "code"}, []Column{
			{Name: "doc_id", Field: "DocID", Doc: "Document the figure was read from."},
			{Name: "fiscal_year", Kind: KindInt32, Field: "FiscalYear", Doc: "Fiscal year the figure is for.", Fiscal: "date:fiscal-year"},
			{Name: "stage", Field: "Stage", Doc: "budget | final_account | adjusted_budget.", Fiscal: "phase"},
			{Name: "department", Field: "Department", Doc: "Department as published.", Fiscal: "administrative-classification"},
			{Name: "department_canonical", Field: "DepartmentCanonical", Doc: "Canonical department name.", Fiscal: "administrative-classification"},
			{Name: "metric", Field: "Metric", Doc: "Metric name (see the metric list below)."},
			{Name: "period", Field: "Period", Doc: "current | prior | initial_budget (年初预算 restated in a final account)."},
			{Name: "scheme", Field: "Scheme", Doc: "function | economic | fund_source | none.", Fiscal: "classification"},
			{Name: "code", Field: "Code", Doc: "政府收支分类科目 code (206, 20607, 2060701) when the figure is a class.", Fiscal: "classification:code"},
			{Name: "level", Kind: KindInt8, Field: "Level", Doc: "Class level: 类=1, 款=2, 项=3; 0 when none.", Fiscal: "classification:level"},
			{Name: "name", Field: "Name", Doc: "Class or item name as printed.", Fiscal: "classification:label"},
			{Name: "value", Field: "Value", Doc: "The value as printed."},
			{Name: "unit", Field: "Unit", Doc: "The unit as printed (万元, 元, 人, 辆 ...)."},
			{Name: "amount_yuan", Kind: KindMoney, Field: "Amount", Valid: "HasAmount", Doc: "Exact amount in yuan; money metrics only.", Fiscal: "value:currency=CNY"},
			{Name: "count", Kind: KindInt64, Field: "Count", Valid: "HasCount", Doc: "Whole count; count metrics only."},
			{Name: "share_pct", Field: "SharePct", Doc: "Share of the total as stated (percent)."},
			{Name: "change_value", Field: "ChangeValue", Doc: "Change against the prior year as stated, signed, in unit."},
			{Name: "change_yuan", Kind: KindMoney, Field: "ChangeAmount", Valid: "HasChange", Doc: "change_value in yuan, exact."},
			{Name: "change_pct", Field: "ChangePct", Doc: "Change in percent as stated, signed."},
			{Name: "execution_pct", Field: "ExecutionPct", Doc: "完成率: final account as percent of budget, as stated."},
			{Name: "reason", Field: "Reason", Doc: "Stated explanation of the change."},
			{Name: "purpose", Field: "Purpose", Doc: "Stated use of the money (主要用于…)."},
			{Name: "method", Field: "Method", Doc: "text | table: where the figure was read."},
			{Name: "quote", Field: "Quote", Doc: "Exact source fragment that states the figure."},
			{Name: "start", Kind: KindInt32, Field: "Start", Doc: "Character offset of quote in the extracted text (text facts)."},
			{Name: "end", Kind: KindInt32, Field: "End", Doc: "Character offset after quote (text facts)."},
			{Name: "source_url", Field: "SourceURL", Doc: "URL of the page or attachment the figure was read from."},
			{Name: "source_sha256", Field: "SourceSHA256", Doc: "sha256 of that page or file as captured."},
			{Name: "warc_record_id", Field: "WARCRecordID", Doc: "WARC record of that capture."},
			{Name: "sheet", Field: "Sheet", Doc: "Sheet name or page number (table facts)."},
			{Name: "cell", Field: "Cell", Doc: "Cell address or row/column (table facts)."},
			{Name: "location", Field: "Location", Doc: "Provenance in one string: character range, or file/sheet/cell."},
			// Added to v1 (additive, at the end): the document's region and
			// department kind, and the figure comparisons use.
			{Name: "county", Field: "County", Doc: "District or county (区/县) of the document, copied from documents.county.", Fiscal: "administrative-classification"},
			{Name: "department_type", Field: "DepartmentType", Doc: "Department type of the document, copied from documents.department_type.", Fiscal: "administrative-classification:type"},
			{Name: "scope", Field: "Scope", Doc: "department | unit | district, copied from documents.scope."},
			{Name: "preferred", Kind: KindInt8, Field: "Preferred", Doc: "1 on exactly one fact per doc_id, fiscal_year, stage, period, metric, scheme and code: the figure comparisons use when a document states it more than once (class metrics: a table cell with an amount first; other metrics: the text first; then start, location, quote); 0 on the others."},
		})

	QualityTable = newTable("quality",
		"One row per validation finding (accounting identities, cross-checks, ambiguities left out).",
		Quality{}, []string{"doc_id", "rule_id", "metric"}, []Column{
			{Name: "doc_id", Field: "DocID", Doc: "Document the finding is about."},
			{Name: "fiscal_year", Kind: KindInt32, Field: "FiscalYear", Doc: "Fiscal year of the document."},
			{Name: "rule_id", Field: "RuleID", Doc: "Rule id (docs/rules.md)."},
			{Name: "severity", Field: "Severity", Doc: "error | warning | info."},
			{Name: "metric", Field: "Metric", Doc: "Metric the finding is about, if any."},
			{Name: "expected", Field: "Expected", Doc: "Expected value (yuan or as stated)."},
			{Name: "actual", Field: "Actual", Doc: "Actual value (yuan or as stated)."},
			{Name: "message", Field: "Message", Doc: "What was found."},
		})

	Codes = newTable("codes",
		"The 政府收支分类科目 code list: one row per code and name, with the years the name is valid.",
		Code{}, []string{"scheme", "code", "valid_from"}, []Column{
			{Name: "scheme", Field: "Scheme", Doc: "function | economic."},
			{Name: "code", Field: "Code", Doc: "Code: 3 digits 类, 5 digits 款, 7 digits 项 (economic: 3 and 5)."},
			{Name: "level", Kind: KindInt8, Field: "Level", Doc: "类=1, 款=2, 项=3."},
			{Name: "parent", Field: "Parent", Doc: "Parent code, empty at 类."},
			{Name: "name", Field: "Name", Doc: "Name valid in [valid_from, valid_to]."},
			{Name: "current_name", Field: "CurrentName", Doc: "Newest name of the code."},
			{Name: "valid_from", Kind: KindInt32, Field: "ValidFrom", Doc: "First fiscal year the name applies."},
			{Name: "valid_to", Kind: KindInt32, Field: "ValidTo", Doc: "Last fiscal year the name applies; 0 when still valid."},
		})

	Ledger = newTable("ledger",
		"One row per URL the crawler touched and what became of it.",
		LedgerEntry{}, []string{"source", "url", "fetched_at"}, []Column{
			{Name: "url", Field: "URL", Doc: "URL requested."},
			{Name: "parent_url", Field: "ParentURL", Doc: "Page the URL was found on."},
			{Name: "source", Field: "Source", Doc: "Portal profile id."},
			{Name: "kind", Field: "Kind", Doc: "list | article | attachment | robots | page."},
			{Name: "outcome", Field: "Outcome", Doc: "ok | not_modified | not_found | soft_404 | challenge | robots_disallowed | too_large | off_domain_redirect | timeout | unsupported_format | http_error | error | duplicate | not_disclosure."},
			{Name: "status_code", Kind: KindInt32, Field: "StatusCode", Doc: "Last HTTP status, 0 when none."},
			{Name: "content_type", Field: "ContentType", Doc: "Content-Type received."},
			{Name: "bytes", Kind: KindInt64, Field: "Bytes", Doc: "Payload bytes received."},
			{Name: "sha256", Field: "SHA256", Doc: "sha256 of the payload."},
			{Name: "warc_file", Field: "WARCFile", Doc: "WARC file holding the exchange."},
			{Name: "warc_record_id", Field: "WARCRecordID", Doc: "WARC-Record-ID of the response."},
			{Name: "fetched_at", Kind: KindTimestamp, Field: "FetchedAt", Doc: "When the last attempt finished (UTC)."},
			{Name: "attempts", Kind: KindInt32, Field: "Attempts", Doc: "Number of attempts made."},
			{Name: "detail", Field: "Detail", Doc: "Reason, in words."},
		})
)

// All lists the published tables in a fixed order.
var All = []*Table{Documents, Facts, QualityTable, Codes, Ledger}

// TableByName returns the table with the given name.
func TableByName(name string) (*Table, bool) {
	for _, t := range All {
		if t.Name == name {
			return t, true
		}
	}
	return nil, false
}
