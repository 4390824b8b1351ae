package parquet

import (
	"fmt"
	"time"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// Fixtures written for this package: small, deterministic rows that cover
// every column kind, nulls, negative and 18-digit amounts and Chinese text.

var fixedNow = time.Date(2026, 3, 15, 8, 30, 0, 0, time.UTC)

func clock(t time.Time) func() time.Time { return func() time.Time { return t } }

var depts = []string{"区科学技术协会", "区教育局", "区卫生健康委员会", "八里庄街道办事处"}

func testDocs(years ...int32) []schemas.Document {
	var out []schemas.Document
	for _, y := range years {
		for i, d := range depts {
			url := fmt.Sprintf("http://www.example.gov.cn/zfxxgk/%d/art_%d.html", y, i)
			doc := schemas.Document{
				DocID: schemas.NewDocID("demo", url), Source: "demo", URL: url,
				Title: fmt.Sprintf("%s%d年部门预算", d, y), Province: "北京市", City: "北京市", County: "朝阳区",
				RegionCode: "110105", Department: d, DepartmentCanonical: d, DepartmentType: "科协",
				Scope: schemas.ScopeDepartment, FiscalYear: y, Stage: schemas.StageBudget,
				FetchedAt: time.Date(int(y), 2, 1, 10, 20, 30, 123456000, time.UTC),
				WARCFile:  "crawl-00001.warc.gz", WARCRecordID: fmt.Sprintf("<urn:uuid:%08d>", i),
				PayloadSHA256: fmt.Sprintf("%064x", i+int(y)), TextSHA256: fmt.Sprintf("%064x", 7*i+int(y)),
				Attachments: int32(i), FactCount: 3, ParserVersion: "v1", Status: schemas.StatusOK,
			}
			if i%2 == 0 {
				doc.PublishedAt = time.Date(int(y), 1, 20+i, 0, 0, 0, 0, time.UTC)
			} else {
				doc.Status, doc.StatusDetail = schemas.StatusPartial, "附件无法读取：格式不支持"
			}
			out = append(out, doc)
		}
	}
	return out
}

func testFacts(docs []schemas.Document) []schemas.Fact {
	var out []schemas.Fact
	for i, d := range docs {
		base := schemas.Fact{DocID: d.DocID, FiscalYear: d.FiscalYear, Stage: d.Stage, Department: d.Department,
			DepartmentCanonical: d.DepartmentCanonical, Period: schemas.PeriodCurrent, Method: schemas.MethodText,
			SourceURL: d.URL, SourceSHA256: d.PayloadSHA256, WARCRecordID: d.WARCRecordID}
		total := base
		total.Metric, total.Scheme, total.Value, total.Unit = "total_expenditure", schemas.SchemeNone, fmt.Sprintf("%d.66", 120+i), "万元"
		total.Amount, total.HasAmount = schemas.Money(int64(120+i)*1000000+660000), true
		total.ChangeValue, total.ChangeAmount, total.HasChange, total.ChangePct = "-4.12", -4120000, true, "-3.30"
		total.Reason, total.Quote, total.Start, total.End = "主要原因是人员调整。", fmt.Sprintf("支出预算%d.66万元", 120+i), 10, 22
		total.Location = "chars 10-22"
		fn := base
		fn.Metric, fn.Scheme, fn.Code, fn.Level, fn.Name = "function_class", schemas.SchemeFunction, "2060701", 3, "机构运行"
		fn.Value, fn.Unit, fn.Amount, fn.HasAmount = "9,999,999,999,999,999.99", "元", schemas.Money(999999999999999999), true
		fn.Method, fn.Sheet, fn.Cell, fn.Location = schemas.MethodTable, "表3", "C7", "sha256:…/表3/C7"
		fn.Quote, fn.SharePct = "机构运行 9,999,999,999,999,999.99", "86.74"
		neg := base
		neg.Metric, neg.Scheme, neg.Code, neg.Level, neg.Name = "economic_class", schemas.SchemeEconomic, "30201", 2, "办公费"
		neg.Value, neg.Unit, neg.Amount, neg.HasAmount, neg.Quote = "-0.01", "元", -1, true, "办公费-0.01元"
		cnt := base
		cnt.Metric, cnt.Scheme, cnt.Value, cnt.Unit, cnt.Count, cnt.HasCount = "vehicles_count", schemas.SchemeNone, "2", "辆", 2, true
		cnt.Quote, cnt.Period = "公务用车2辆", schemas.PeriodPrior
		txt := base
		txt.Metric, txt.Scheme, txt.Value, txt.Quote = "department_functions", schemas.SchemeNone, "负责全区科普工作", "主要职责：负责全区科普工作"
		out = append(out, total, fn, neg, cnt, txt)
	}
	return out
}

func testQuality(docs []schemas.Document) []schemas.Quality {
	var out []schemas.Quality
	for _, d := range docs[:2] {
		out = append(out, schemas.Quality{DocID: d.DocID, FiscalYear: d.FiscalYear, RuleID: "R001",
			Severity: schemas.SeverityWarning, Metric: "total_expenditure", Expected: "1206600.00", Actual: "1206500.00",
			Message: "支出总计与分项之和不等"})
	}
	return out
}

func testCodes() []schemas.Code {
	return []schemas.Code{
		{Scheme: "function", Code: "210", Level: 1, Name: "医疗卫生与计划生育支出", CurrentName: "卫生健康支出", ValidFrom: 2014, ValidTo: 2018},
		{Scheme: "function", Code: "210", Level: 1, Name: "卫生健康支出", CurrentName: "卫生健康支出", ValidFrom: 2019},
		{Scheme: "function", Code: "20607", Level: 2, Parent: "206", Name: "科学技术普及", CurrentName: "科学技术普及", ValidFrom: 2007},
	}
}

func testLedger() []schemas.LedgerEntry {
	return []schemas.LedgerEntry{
		{URL: "http://www.example.gov.cn/zfxxgk/list.html", Source: "demo", Kind: schemas.LedgerKindList,
			Outcome: schemas.OutcomeOK, StatusCode: 200, ContentType: "text/html; charset=gbk", Bytes: 12345,
			SHA256: fmt.Sprintf("%064x", 1), FetchedAt: time.Date(2026, 2, 1, 1, 2, 3, 4000, time.UTC), Attempts: 1},
		{URL: "http://www.example.gov.cn/x.rar", ParentURL: "http://www.example.gov.cn/zfxxgk/list.html", Source: "demo",
			Kind: schemas.LedgerKindAttachment, Outcome: schemas.OutcomeUnsupportedFormat, Attempts: 2, Detail: "不支持的格式 rar"},
	}
}
