package pipeline

import (
	"archive/zip"
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/budgetfeed/budgetfeed/pipeline/textify"
	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/budgetfeed/budgetfeed/sources"
	"github.com/budgetfeed/budgetfeed/sources/demoportal/officegen"
)

const article = `<html><head><meta charset="utf-8"><title>区科协2024年部门预算</title></head><body>
<div class="nav">首页 | 政务公开</div>
<div class="TRS_Editor">
<p>区科协2024年收支总预算120.66万元。</p>
<p>2024年支出预算120.66万元，其中：基本支出104.66万元，占86.74%；项目支出16万元，占13.26%。</p>
<p>区科协2024年“三公”经费财政拨款预算数0.6万元，其中：因公出国（境）经费0万元，公务接待费0.6万元，公务用车购置0万元，公务用车运行维护费0万元。</p>
</div><div class="footer">主办单位：某区人民政府</div></body></html>`

// docx builds a minimal .docx whose body is the given paragraphs.
func docx(t *testing.T, paras ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	add := func(name, body string) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`)
	add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`)
	var body strings.Builder
	for _, p := range paras {
		body.WriteString(`<w:p><w:r><w:t>` + p + `</w:t></w:r></w:p>`)
	}
	add("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`+body.String()+`</w:body></w:document>`)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func disclosure(url, title, html string, atts ...schemas.Capture) schemas.Disclosure {
	return schemas.Disclosure{Source: "test", Title: title, Region: schemas.Region{County: "某区"},
		Page: schemas.Capture{URL: url, StatusCode: 200, Body: []byte(html), FetchedAt: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}, Attachments: atts}
}

func find(fs []schemas.Fact, metric, period string) (schemas.Fact, bool) {
	for _, f := range fs {
		if f.Metric == metric && f.Period == period && f.Code == "" {
			return f, true
		}
	}
	return schemas.Fact{}, false
}

func TestProcessArticle(t *testing.T) {
	r := Process(context.Background(), disclosure("http://p.test/a.html", "区科协2024年部门预算", article), nil)
	if r.Skip {
		t.Fatal("a budget disclosure was skipped")
	}
	d := r.Document
	if d.FiscalYear != 2024 || d.Stage != schemas.StageBudget || d.Status != schemas.StatusOK || d.DepartmentType != "科协" {
		t.Errorf("document: %+v", d)
	}
	f, ok := find(r.Facts, "basic_expenditure", schemas.PeriodCurrent)
	if !ok || f.Amount.Yuan() != "1046600" || f.SharePct != "86.74" {
		t.Fatalf("basic_expenditure: %+v", f)
	}
	if f.DocID != d.DocID || f.SourceURL != "http://p.test/a.html" || f.SourceSHA256 == "" || !strings.Contains(f.Location, "chars") {
		t.Errorf("provenance missing: %+v", f)
	}
	if got := []rune(mustText(t, article))[f.Start:f.End]; string(got) != f.Quote {
		t.Errorf("quote %q is not text[%d:%d] = %q", f.Quote, f.Start, f.End, string(got))
	}
	if strings.Contains(f.Quote, "主办单位") {
		t.Error("site chrome leaked into the text")
	}
}

func TestProcessNarrativeOnlyInAttachment(t *testing.T) {
	att := schemas.Capture{URL: "http://p.test/P1.docx", FileName: "附件1：情况说明.docx", StatusCode: 200,
		Body: docx(t, "区科协2024年收支总预算120.66万元。", "区科协2024年“三公”经费财政拨款预算数0.6万元。")}
	r := Process(context.Background(), disclosure("http://p.test/b.html", "区科协2024年部门预算",
		`<html><body><div id="zoom"><p>详见附件。</p></div></body></html>`, att), nil)
	f, ok := find(r.Facts, "three_public_total", schemas.PeriodCurrent)
	if !ok || f.Amount.Yuan() != "6000" {
		t.Fatalf("三公 total from the .docx narrative: %+v (facts %d)", f, len(r.Facts))
	}
	if f.SourceURL != att.URL || f.Method != schemas.MethodText {
		t.Errorf("provenance should name the attachment: %+v", f)
	}
}

func TestProcessUnsupportedAndNotDisclosure(t *testing.T) {
	doc, err := officegen.LegacyWordDOC("区科协2024年部门预算情况说明")
	if err != nil {
		t.Fatal(err)
	}
	corrupt := append([]byte("PK\x03\x04"), make([]byte, 64)...)
	r := Process(context.Background(), disclosure("http://p.test/c.html", "区科协2024年部门预算", article,
		schemas.Capture{URL: "http://p.test/x.doc", FileName: "x.doc", Body: doc},
		schemas.Capture{URL: "http://p.test/y.xlsx", FileName: "y.xlsx", Body: corrupt}), nil)
	outcome := map[string]string{}
	for _, e := range r.Ledger {
		outcome[e.URL] = e.Outcome
	}
	if outcome["http://p.test/x.doc"] != schemas.OutcomeUnsupportedFormat || outcome["http://p.test/y.xlsx"] != schemas.OutcomeError {
		t.Errorf("attachment outcomes: %v", outcome)
	}
	if r.Document.Status != schemas.StatusPartial {
		t.Errorf("status %s, want partial (one attachment unreadable)", r.Document.Status)
	}
	if len(r.Facts) == 0 || r.Document.Status == schemas.StatusFailed {
		t.Errorf("the article's own figures were lost: status %s, %d facts", r.Document.Status, len(r.Facts))
	}
	news := Process(context.Background(), disclosure("http://p.test/n.html", "关于举办科普活动的通知", "<p>欢迎参加。</p>"), nil)
	if !news.Skip || len(news.Ledger) != 1 || news.Ledger[0].Outcome != schemas.OutcomeNotDisclosure {
		t.Errorf("non-disclosure page: skip=%v ledger=%+v", news.Skip, news.Ledger)
	}
}

// memOut records what the pipeline publishes.
type memOut struct {
	mu   sync.Mutex
	rows map[string]int
	docs []schemas.Document
}

func (m *memOut) Write(t *schemas.Table, rows any) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.rows == nil {
		m.rows = map[string]int{}
	}
	switch v := rows.(type) {
	case []schemas.Document:
		m.docs = append(m.docs, v...)
		m.rows[t.Name] += len(v)
	case []schemas.Fact:
		m.rows[t.Name] += len(v)
	case []schemas.Quality:
		m.rows[t.Name] += len(v)
	case []schemas.LedgerEntry:
		m.rows[t.Name] += len(v)
	case []schemas.Code:
		m.rows[t.Name] += len(v)
	}
	return nil
}

// fakeSource hands over fixed disclosures, twice the same one under two
// column URLs.
type fakeSource struct{ ds []schemas.Disclosure }

func (f fakeSource) Name() string { return "fake" }
func (f fakeSource) Harvest(ctx context.Context, s sources.Sink) error {
	for _, d := range f.ds {
		s.Ledger(schemas.LedgerEntry{URL: d.Page.URL, Outcome: schemas.OutcomeOK})
		if err := s.Disclosure(ctx, d); err != nil {
			return err
		}
	}
	return nil
}

func TestRunPublishesOnceAndCodes(t *testing.T) {
	a := disclosure("http://p.test/col1/a.html", "区科协2024年部门预算", article)
	b := disclosure("http://p.test/col2/a.html", "区科协2024年部门预算", article) // same disclosure, second column
	c := disclosure("http://p.test/col1/c.html", "区科协2023年部门决算", strings.ReplaceAll(strings.ReplaceAll(article, "2024年", "2023年"), "预算", "决算"))
	out := &memOut{}
	rep, err := (&Pipeline{Out: out, Workers: 2}).Run(context.Background(), []sources.Source{fakeSource{[]schemas.Disclosure{a, b, c}}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Documents != 2 || rep.Duplicates != 1 || len(out.docs) != 2 {
		t.Errorf("documents %d, duplicates %d, published %d; want 2, 1, 2", rep.Documents, rep.Duplicates, len(out.docs))
	}
	if out.rows["codes"] == 0 || out.rows["facts"] == 0 || out.rows["ledger"] < 4 {
		t.Errorf("rows published: %v", out.rows)
	}
	if rep.Outcomes[schemas.OutcomeDuplicate] != 1 {
		t.Errorf("duplicate not ledgered: %v", rep.Outcomes)
	}
}

func mustText(t *testing.T, html string) string {
	t.Helper()
	art, err := textify.HTML(html)
	if err != nil {
		t.Fatal(err)
	}
	return art.Text
}
