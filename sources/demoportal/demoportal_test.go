package demoportal

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/budgetfeed/budgetfeed/sources/demoportal/officegen"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

const testSeed = 20240320

var (
	siteOnce sync.Once
	site     *Site
)

func testSite(t *testing.T) *Site {
	t.Helper()
	siteOnce.Do(func() { site = Generate(testSeed) })
	return site
}

func TestGenerateIsDeterministic(t *testing.T) {
	a := testSite(t)
	b := Generate(testSeed)
	if !slices.Equal(a.Paths(), b.Paths()) {
		t.Fatalf("path sets differ: %d vs %d paths", len(a.Paths()), len(b.Paths()))
	}
	for _, p := range a.Paths() {
		x, _ := a.Body(p)
		y, _ := b.Body(p)
		if !bytes.Equal(x, y) {
			t.Errorf("%s: bytes differ between two Generate(%d) runs", p, testSeed)
		}
	}
	c := Generate(testSeed + 1)
	same := 0
	for _, p := range a.Paths() {
		x, _ := a.Body(p)
		if y, ok := c.Body(p); ok && bytes.Equal(x, y) {
			same++
		}
	}
	if same == len(a.Paths()) {
		t.Errorf("a different seed produced the identical site")
	}
}

func TestDocumentSet(t *testing.T) {
	s := testSite(t)
	docs := s.Truth()
	if len(docs) != 144 {
		t.Fatalf("documents = %d, want 144", len(docs))
	}
	seen := map[string]bool{}
	textOnly := 0
	perCounty := map[string]map[string]bool{}
	for _, d := range docs {
		k := fmt.Sprint(d.County, d.Department, d.FiscalYear, d.Stage)
		if seen[k] {
			t.Errorf("duplicate document %s", k)
		}
		seen[k] = true
		if perCounty[d.County] == nil {
			perCounty[d.County] = map[string]bool{}
		}
		perCounty[d.County][d.Department] = true
		if d.FiscalYear != 2023 && d.FiscalYear != 2024 {
			t.Errorf("%s: fiscal year %d", d.Path, d.FiscalYear)
		}
		if d.Stage != schemas.StageBudget && d.Stage != schemas.StageFinalAccount {
			t.Errorf("%s: stage %q", d.Path, d.Stage)
		}
		if !strings.HasPrefix(d.RegionCode, "99") || len(d.RegionCode) != 6 {
			t.Errorf("%s: region code %q is not in the fictional 99xxxx range", d.Path, d.RegionCode)
		}
		if !strings.Contains(d.Title, fmt.Sprint(d.FiscalYear)) || !strings.Contains(d.Title, d.Department) {
			t.Errorf("%s: title %q does not name year and department", d.Path, d.Title)
		}
		if len(d.Attachments) == 0 || len(d.TableFacts) == 0 {
			t.Errorf("%s: no attachments or table facts", d.Path)
		}
		if d.TextOnlyInAttachments {
			textOnly++
			if len(d.Facts) != 0 {
				t.Errorf("%s: text-only-in-attachments document states %d facts in text", d.Path, len(d.Facts))
			}
		} else if len(d.Facts) < 40 {
			t.Errorf("%s: only %d text facts", d.Path, len(d.Facts))
		}
	}
	if textOnly < 6 {
		t.Errorf("documents with figures only in attachments = %d, want >= 6", textOnly)
	}
	if len(perCounty) != 3 {
		t.Errorf("districts = %d, want 3", len(perCounty))
	}
	for c, ds := range perCounty {
		if len(ds) != 12 {
			t.Errorf("%s: %d departments, want 12", c, len(ds))
		}
	}
}

// factIndex maps metric|period|code to a fact.
func factIndex(fs []TruthFact) map[string]TruthFact {
	m := map[string]TruthFact{}
	for _, f := range fs {
		m[f.Metric+"|"+f.Period+"|"+f.Code] = f
	}
	return m
}

func amt(t *testing.T, m map[string]TruthFact, doc, key string) schemas.Money {
	t.Helper()
	f, ok := m[key]
	if !ok {
		t.Errorf("%s: missing fact %s", doc, key)
	}
	return f.Amount
}

func TestTruthIdentities(t *testing.T) {
	s := testSite(t)
	cur := schemas.PeriodCurrent
	for _, d := range s.Truth() {
		for _, set := range []struct {
			name  string
			facts []TruthFact
		}{{"table", d.TableFacts}, {"text", d.Facts}} {
			m := factIndex(set.facts)
			where := d.Path + " (" + set.name + ")"
			for _, f := range set.facts {
				if f.HasAmount && f.Amount < 0 || f.HasCount && f.Count < 0 {
					t.Errorf("%s: negative %s", where, f.Key())
				}
				if _, ok := schemas.LookupMetric(f.Metric); !ok {
					t.Errorf("%s: unknown metric %q", where, f.Metric)
				}
			}
			if set.name == "text" && d.TextOnlyInAttachments {
				continue
			}
			total := amt(t, m, where, "total_income|"+cur+"|")
			if set.name == "table" {
				var sum schemas.Money
				for _, k := range []string{"general_public_budget_income", "government_fund_income", "state_capital_income",
					"fiscal_special_account_income", "business_income", "operating_income", "other_income", "carryover_income"} {
					sum += amt(t, m, where, k+"|"+cur+"|")
				}
				if sum != total {
					t.Errorf("%s: income sources sum to %s, total %s", where, sum, total)
				}
			}
			if b, p, e := amt(t, m, where, "basic_expenditure|"+cur+"|"), amt(t, m, where, "project_expenditure|"+cur+"|"), amt(t, m, where, "total_expenditure|"+cur+"|"); b+p != e || e != total {
				t.Errorf("%s: basic %s + project %s != total expenditure %s (income %s)", where, b, p, e, total)
			}
			if b, p, u := amt(t, m, where, "basic_expenditure|"+cur+"|"), amt(t, m, where, "personnel_expenditure|"+cur+"|"), amt(t, m, where, "public_expenditure|"+cur+"|"); p+u != b {
				t.Errorf("%s: personnel %s + public %s != basic %s", where, p, u, b)
			}
			periods := []string{cur}
			if d.Stage == schemas.StageFinalAccount && set.name == "table" {
				periods = append(periods, schemas.PeriodInitialBudget)
			}
			for _, per := range periods {
				tot := amt(t, m, where, "three_public_total|"+per+"|")
				o, r := amt(t, m, where, "three_public_overseas|"+per+"|"), amt(t, m, where, "three_public_reception|"+per+"|")
				vt := amt(t, m, where, "three_public_vehicle_total|"+per+"|")
				vp, vo := amt(t, m, where, "three_public_vehicle_purchase|"+per+"|"), amt(t, m, where, "three_public_vehicle_operation|"+per+"|")
				if vp+vo != vt || o+r+vt != tot {
					t.Errorf("%s: 三公 %s: %s+%s+(%s+%s) vs %s / %s", where, per, o, r, vp, vo, vt, tot)
				}
			}
			// 类 = Σ款 = Σ项 and Σ类 = 一般公共预算.
			for _, per := range periods {
				children := map[string]schemas.Money{}
				classes := map[string]schemas.Money{}
				var sumClass schemas.Money
				for _, f := range set.facts {
					if f.Metric != "function_class" || f.Period != per {
						continue
					}
					switch len(f.Code) {
					case 3:
						classes[f.Code] = f.Amount
						sumClass += f.Amount
					case 5, 7:
						children[f.Code[:len(f.Code)-2]] += f.Amount
					}
				}
				if per == cur {
					if g := amt(t, m, where, "general_public_budget_income|"+cur+"|"); set.name == "table" && sumClass != g {
						t.Errorf("%s: Σ类 %s != 一般公共预算 %s", where, sumClass, g)
					}
				}
				if set.name != "table" {
					continue
				}
				for _, a := range m {
					if a.Metric != "function_class" || a.Period != per || len(a.Code) == 7 {
						continue
					}
					if children[a.Code] != a.Amount {
						t.Errorf("%s: %s %s = %s but its children sum to %s", where, per, a.Code, a.Amount, children[a.Code])
					}
				}
			}
			if set.name == "table" {
				econ := map[string]schemas.Money{}
				var personnel, public schemas.Money
				for _, f := range set.facts {
					if f.Metric == "economic_class" && len(f.Code) == 5 {
						econ[f.Code[:3]] += f.Amount
						if f.Code[:3] == "302" {
							public += f.Amount
						} else {
							personnel += f.Amount
						}
					}
				}
				for cl, a := range econ {
					if got := amt(t, m, where, "economic_class|"+cur+"|"+cl); got != a {
						t.Errorf("%s: economic %s = %s, Σ款 = %s", where, cl, got, a)
					}
				}
				if personnel != amt(t, m, where, "personnel_expenditure|"+cur+"|") || public != amt(t, m, where, "public_expenditure|"+cur+"|") {
					t.Errorf("%s: economic classes do not add up to personnel/public", where)
				}
			}
			if set.name == "text" {
				if p := amt(t, m, where, "government_procurement|"+cur+"|"); p != 0 {
					g := amt(t, m, where, "government_procurement_goods|"+cur+"|")
					w := amt(t, m, where, "government_procurement_works|"+cur+"|")
					sv := amt(t, m, where, "government_procurement_services|"+cur+"|")
					if g+w+sv != p {
						t.Errorf("%s: procurement parts do not add up", where)
					}
				}
				// Shares as printed are amount/whole rounded to 2 decimals.
				for _, f := range set.facts {
					if f.SharePct == "" {
						continue
					}
					whole := total
					if f.Metric == "function_class" {
						whole = amt(t, m, where, "general_public_budget_income|"+cur+"|")
						if d.Stage == schemas.StageFinalAccount {
							whole = amt(t, m, where, "fiscal_appropriation_total|"+cur+"|")
						}
					}
					if !pctEqual(f.SharePct, basisPoints(f.Amount, whole)) {
						t.Errorf("%s: %s share %s%% but %s/%s", where, f.Key(), f.SharePct, f.Amount, whole)
					}
				}
				// prior + change = current.
				for _, f := range set.facts {
					if f.Period != schemas.PeriodPrior {
						continue
					}
					c, ok := m[f.Metric+"|"+cur+"|"+f.Code]
					if !ok {
						t.Errorf("%s: prior %s without current", where, f.Metric)
						continue
					}
					if c.ChangePct != "" && !pctEqual(c.ChangePct, basisPoints(c.Amount-f.Amount, f.Amount)) {
						t.Errorf("%s: %s change %s%% but %s -> %s", where, f.Metric, c.ChangePct, f.Amount, c.Amount)
					}
				}
			}
		}
	}
}

func pctEqual(printed string, bp int64) bool {
	neg := strings.HasPrefix(printed, "-")
	v, err := schemas.ParseMoney(strings.TrimPrefix(printed, "-"), "元") // hundredths, exact
	if err != nil {
		return false
	}
	if neg {
		v = -v
	}
	return int64(v) == bp
}

// TestPriorsMatchEarlierDocuments checks cross-document consistency: a prior
// figure equals what the previous year's document of the same stage states,
// and a final account's 年初预算 equals the budget document's figure.
func TestPriorsMatchEarlierDocuments(t *testing.T) {
	s := testSite(t)
	byKey := map[string]TruthDoc{}
	for _, d := range s.Truth() {
		byKey[fmt.Sprint(d.Department, d.FiscalYear, d.Stage)] = d
	}
	checked := 0
	for _, d := range s.Truth() {
		prev, hasPrev := byKey[fmt.Sprint(d.Department, d.FiscalYear-1, d.Stage)]
		budget := byKey[fmt.Sprint(d.Department, d.FiscalYear, schemas.StageBudget)]
		for _, f := range d.Facts {
			switch {
			case f.Period == schemas.PeriodPrior && hasPrev:
				all := factIndex(append(append([]TruthFact{}, prev.Facts...), prev.TableFacts...))
				if p, ok := all[f.Metric+"|current|"+f.Code]; ok {
					checked++
					if p.Amount != f.Amount {
						t.Errorf("%s: prior %s = %s, but %s states %s", d.Path, f.Metric, f.Amount, prev.Path, p.Amount)
					}
				}
			case f.Period == schemas.PeriodInitialBudget && f.Metric == "function_class":
				all := factIndex(budget.TableFacts)
				checked++
				if p := all["function_class|current|"+f.Code]; p.Amount != f.Amount {
					t.Errorf("%s: 年初预算 %s = %s, budget document %s states %s", d.Path, f.Code, f.Amount, budget.Path, p.Amount)
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d cross-document checks ran", checked)
	}
}

func TestCodesExistInCodeList(t *testing.T) {
	s := testSite(t)
	l, err := schemas.LoadCodes()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range s.Truth() {
		for _, f := range append(append([]TruthFact{}, d.Facts...), d.TableFacts...) {
			scheme := map[string]string{"function_class": schemas.SchemeFunction, "economic_class": schemas.SchemeEconomic}[f.Metric]
			if scheme == "" {
				continue
			}
			name, ok := codeValid(l, scheme, f.Code, f.FiscalYear)
			if !ok || name != f.Name {
				t.Errorf("%s: %s %s %q is not a valid %d name (list says %q)", d.Path, scheme, f.Code, f.Name, f.FiscalYear, name)
			}
		}
	}
}

var tagRE = regexp.MustCompile(`<[^>]+>`)

// pageText returns the decoded text of a page's body container.
func pageText(t *testing.T, s *Site, path string) string {
	t.Helper()
	b, ok := s.Body(path)
	if !ok {
		t.Fatalf("%s not served", path)
	}
	if !utf8.Valid(b) {
		u, err := simplifiedchinese.GBK.NewDecoder().Bytes(b)
		if err != nil {
			t.Fatalf("%s: neither UTF-8 nor GBK: %v", path, err)
		}
		b = u
	}
	return tagRE.ReplaceAllString(string(b), "")
}

// printedForms lists the ways the generator may print an amount.
func printedForms(m schemas.Money) []string {
	var out []string
	for _, u := range []struct {
		unit string
		decs []int
	}{{"万元", []int{2, 4}}, {"元", []int{2}}, {"亿元", []int{4}}} {
		for _, dec := range u.decs {
			for _, trim := range []bool{false, true} {
				func() {
					defer func() { recover() }()
					out = append(out, num(m, u.unit, dec, trim, u.unit == "元")+u.unit)
				}()
			}
		}
	}
	return out
}

func TestNarrativeStatesEveryTextFact(t *testing.T) {
	s := testSite(t)
	for _, d := range s.Truth() {
		text := pageText(t, s, d.Path)
		for _, f := range d.Facts {
			switch {
			case f.HasAmount:
				found := false
				for _, p := range printedForms(f.Amount) {
					if strings.Contains(text, p) {
						found = true
						break
					}
				}
				if f.Amount == 0 && strings.Contains(text, "无") {
					found = true
				}
				if !found {
					t.Errorf("%s: %s (%s) not printed in the article", d.Path, f.Key(), f.Amount)
				}
			case f.HasCount:
				if !strings.Contains(text, fmt.Sprint(f.Count)) {
					t.Errorf("%s: count %s = %d not printed", d.Path, f.Key(), f.Count)
				}
			}
			if f.SharePct != "" && !strings.Contains(text, "占"+f.SharePct+"%") {
				t.Errorf("%s: share %s%% of %s not printed", d.Path, f.SharePct, f.Key())
			}
			if f.ChangePct != "" && !strings.Contains(text, strings.TrimPrefix(f.ChangePct, "-")+"%") {
				t.Errorf("%s: change %s%% of %s not printed", d.Path, f.ChangePct, f.Key())
			}
		}
	}
}

// xlsxOf opens the .xlsx rendering of an attachment's tables: the served
// file itself for .xlsx attachments, else the same officegen model rendered
// as .xlsx (the served .xls/.docx/.pdf are read back by the real readers in
// pipeline/tables TestDemoPortalAttachments).
func xlsxOf(t *testing.T, s *Site, path string) *excelize.File {
	t.Helper()
	a, ok := s.attachments[path]
	if !ok {
		t.Fatalf("attachment %s not generated", path)
	}
	b, ok := s.Body(path)
	if !ok {
		t.Fatalf("attachment %s not served", path)
	}
	if a.format != FormatXLSX {
		var err error
		if b, err = officegen.XLSX(a.model); err != nil {
			t.Fatalf("%s: render as xlsx: %v", path, err)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	return f
}

func TestAttachmentsMatchTableFacts(t *testing.T) {
	s := testSite(t)
	for _, d := range s.Truth() {
		files := map[string]*excelize.File{}
		for _, a := range d.Attachments {
			files[a] = xlsxOf(t, s, a)
		}
		covered := make([]bool, len(d.TableFacts))
		for _, c := range d.TableCells {
			f := files[c.Attachment]
			if f == nil {
				t.Fatalf("%s: cell in unknown attachment %s", d.Path, c.Attachment)
			}
			if c.Format != d.AttachmentFormat {
				t.Errorf("%s: cell format %s, document format %s", c.Attachment, c.Format, d.AttachmentFormat)
			}
			if (c.Format == FormatXLSX || c.Format == FormatXLS) && (c.Sheet != c.xlsxSheet || c.Cell != c.xlsxCell) {
				t.Errorf("%s: spreadsheet cell %s!%s, .xlsx layout %s!%s", c.Attachment, c.Sheet, c.Cell, c.xlsxSheet, c.xlsxCell)
			}
			if (c.Format == FormatDOCX || c.Format == FormatPDF) && !regexp.MustCompile(`^table \d+$`).MatchString(c.Sheet) {
				t.Errorf("%s: docx/pdf cell in %q", c.Attachment, c.Sheet)
			}
			v, err := f.GetCellValue(c.xlsxSheet, c.xlsxCell, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatalf("%s: %s!%s: %v", c.Attachment, c.xlsxSheet, c.xlsxCell, err)
			}
			got, err := schemas.ParseMoney(v, c.Unit)
			want := d.TableFacts[c.Fact]
			if err != nil || got != want.Amount {
				t.Errorf("%s %s!%s = %q %s, want %s (%s): %v", c.Attachment, c.xlsxSheet, c.xlsxCell, v, c.Unit, want.Amount, want.Key(), err)
			}
			covered[c.Fact] = true
		}
		for i, ok := range covered {
			if !ok {
				t.Errorf("%s: table fact %s has no cell", d.Path, d.TableFacts[i].Key())
			}
		}
		for _, f := range files {
			f.Close()
		}
	}
}

var (
	pagerRE   = regexp.MustCompile(`createPage(?:HTML)?\(([^)]*)\)`)
	articleRE = regexp.MustCompile(`<a href="(\./\d{6}/t\d{8}_\d+\.s?html)" title="([^"]+)"`)
	hrefRE    = regexp.MustCompile(`<a href="([^"#]+)"[^>]*>([^<]*)</a>`)
)

func get(t *testing.T, srv *httptest.Server, path string) (int, http.Header, []byte) {
	t.Helper()
	resp, err := srv.Client().Get(srv.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return resp.StatusCode, resp.Header, b
}

func decode(t *testing.T, b []byte) string {
	t.Helper()
	if utf8.Valid(b) {
		return string(b)
	}
	u, err := simplifiedchinese.GBK.NewDecoder().Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return string(u)
}

// TestListPagesReachableByPagerArithmetic follows only the pager script
// arguments, as a crawler must, and finds every article of each district.
func TestListPagesReachableByPagerArithmetic(t *testing.T) {
	s := testSite(t)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	for _, d := range districts {
		col := "/" + d.Key + "/" + d.Column
		_, _, b := get(t, srv, col)
		m := pagerRE.FindStringSubmatch(decode(t, b))
		if m == nil {
			t.Fatalf("%s: no pager script", col)
		}
		args := strings.Split(m[1], ",")
		for i := range args {
			args[i] = strings.Trim(strings.TrimSpace(args[i]), `"'`)
		}
		var pages []string
		switch len(args) {
		case 4: // createPageHTML(N, k, "index", "html"): 0-based, index_k.ext
			n, _ := strconv.Atoi(args[0])
			for k := 0; k < n; k++ {
				p := args[2] + "." + args[3]
				if k > 0 {
					p = fmt.Sprintf("%s_%d.%s", args[2], k, args[3])
				}
				pages = append(pages, p)
			}
		case 6: // createPageHTML(div, N, cur, "index", "shtml", total): 1-based
			n, _ := strconv.Atoi(args[1])
			for k := 1; k <= n; k++ {
				p := args[3] + "." + args[4]
				if k > 1 {
					p = fmt.Sprintf("%s_%d.%s", args[3], k, args[4])
				}
				pages = append(pages, p)
			}
		default:
			t.Fatalf("%s: unexpected pager %s", col, m[0])
		}
		if len(pages) < 3 {
			t.Errorf("%s: only %d list pages", col, len(pages))
		}
		found := map[string]bool{}
		for i, p := range pages {
			code, _, b := get(t, srv, col+p)
			if code != 200 {
				t.Fatalf("%s%s: status %d", col, p, code)
			}
			text := decode(t, b)
			if strings.Contains(text, "<a href=\""+p) || strings.Contains(text, "index_1.") && d.Pager == pagerTRS1 {
				t.Errorf("%s%s: list pages must be linked only by the pager script", col, p)
			}
			pm := pagerRE.FindStringSubmatch(text)
			if pm == nil || (len(args) == 4 && !strings.Contains(pm[1], fmt.Sprintf(", %d,", i))) || (len(args) == 6 && !strings.Contains(pm[1], fmt.Sprintf(", %d,", i+1))) {
				t.Errorf("%s%s: pager does not name the current page: %v", col, p, pm)
			}
			items := articleRE.FindAllStringSubmatch(text, -1)
			if len(items) == 0 || len(items) > d.PerPage {
				t.Errorf("%s%s: %d items", col, p, len(items))
			}
			for _, it := range items {
				found[col+strings.TrimPrefix(it[1], "./")] = true
			}
		}
		if code, _, _ := get(t, srv, col+fmt.Sprintf("index_%d.%s", len(pages)+1, d.Ext)); code != 404 {
			t.Errorf("%s: page beyond the last answered %d", col, code)
		}
		var want []string
		for _, td := range s.Truth() {
			if strings.HasPrefix(td.Path, "/"+d.Key+"/") {
				want = append(want, td.Path)
				if !found[td.Path] {
					t.Errorf("%s: article %s not reachable from the list pages", col, td.Path)
				}
			}
		}
		if len(found) != len(want) {
			t.Errorf("%s: list pages link %d articles, truth has %d", col, len(found), len(want))
		}
	}
}

// TestDisclosureColumnWithinThreeClicks walks links from each home page.
func TestDisclosureColumnWithinThreeClicks(t *testing.T) {
	s := testSite(t)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	for i, home := range s.HomeURLs("") {
		d := districts[i]
		target := "/" + d.Key + "/" + d.Column
		depth := map[string]int{home: 0}
		queue := []string{home}
		for len(queue) > 0 {
			p := queue[0]
			queue = queue[1:]
			if depth[p] >= 3 {
				continue
			}
			code, _, b := get(t, srv, p)
			if code != 200 {
				continue
			}
			for _, m := range hrefRE.FindAllStringSubmatch(decode(t, b), -1) {
				h := m[1]
				if !strings.HasPrefix(h, "/") {
					continue
				}
				if _, ok := depth[h]; !ok {
					depth[h] = depth[p] + 1
					queue = append(queue, h)
				}
			}
		}
		if n, ok := depth[target]; !ok || n > 3 {
			t.Errorf("%s: disclosure column %s not reachable in <= 3 clicks (depth %d, found %v)", home, target, n, ok)
		}
	}
}

func TestGBKDistrict(t *testing.T) {
	s := testSite(t)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	n := 0
	for _, d := range s.Truth() {
		if !strings.HasPrefix(d.Path, "/bs/") {
			continue
		}
		code, h, b := get(t, srv, d.Path)
		if code != 200 || h.Get("Content-Type") != "text/html" {
			t.Errorf("%s: status %d, Content-Type %q (want bare text/html)", d.Path, code, h.Get("Content-Type"))
		}
		if utf8.Valid(b) {
			t.Errorf("%s: GBK page is valid UTF-8", d.Path)
		}
		if !bytes.Contains(b, []byte(`charset="gb2312"`)) && !bytes.Contains(b, []byte(`charset=gb2312`)) {
			t.Errorf("%s: no gb2312 meta", d.Path)
		}
		text := decode(t, b)
		if !strings.Contains(text, `<meta name="ArticleTitle" content="`+d.Title+`">`) {
			t.Errorf("%s: decoded page lacks its title", d.Path)
		}
		// The attachment link exists only inside the file_appendix script string.
		outside := regexp.MustCompile(`(?s)<script.*?</script>`).ReplaceAllString(text, "")
		if regexp.MustCompile(`P0\d+\.(xlsx?|docx?|pdf)`).MatchString(outside) || !strings.Contains(text, "var file_appendix='<a href=\"./P0") {
			t.Errorf("%s: attachment links must appear only in the file_appendix script", d.Path)
		}
		n++
	}
	if n != 48 {
		t.Errorf("GBK district documents = %d, want 48", n)
	}
	for _, d := range s.Truth() {
		if strings.HasPrefix(d.Path, "/qx/") {
			_, h, b := get(t, srv, d.Path)
			if !utf8.Valid(b) || !strings.Contains(h.Get("Content-Type"), "utf-8") {
				t.Errorf("%s: UTF-8 district page not UTF-8", d.Path)
			}
			break
		}
	}
}

func TestHandler(t *testing.T) {
	s := testSite(t)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	tests := []struct {
		path     string
		status   int
		contains string
	}{
		{"/", 200, "/qx/"},
		{"/robots.txt", 200, "User-agent"},
		{"/qx/", 200, "政务公开"},
		{"/bs/", 200, "信息公开"},
		{"/qs/", 200, "政务公开"},
		{"/qx/no/such/page.html", 404, "404"},
		{"/nowhere", 404, "404"},
		{s.Truth()[0].Path[:len(s.Truth()[0].Path)-5] + "9.html", 404, "404"},
		{"/qx/hdjl/ldxx/", 200, "页面不存在"},
		{"/bs/hdjl/ldxx/", 200, "页面不存在"},
	}
	for _, tc := range tests {
		code, _, b := get(t, srv, tc.path)
		if code != tc.status || !strings.Contains(decode(t, b), tc.contains) {
			t.Errorf("GET %s = %d, want %d containing %q", tc.path, code, tc.status, tc.contains)
		}
	}
	for _, p := range s.SoftNotFoundPaths() {
		home := "/" + strings.Split(p, "/")[1] + "/"
		_, _, b := get(t, srv, home)
		if !strings.Contains(decode(t, b), `href="`+p+`"`) {
			t.Errorf("soft 404 %s not linked from the menu of %s", p, home)
		}
	}
	magic := map[string]string{FormatXLSX: "PK\x03\x04", FormatDOCX: "PK\x03\x04", FormatXLS: "\xD0\xCF\x11\xE0", FormatPDF: "%PDF-", "doc": "\xD0\xCF\x11\xE0"}
	ctype := map[string]string{FormatXLSX: "spreadsheetml", FormatDOCX: "wordprocessingml", FormatXLS: "ms-excel", FormatPDF: "application/pdf", "doc": "msword"}
	for _, td := range s.Truth() {
		check := func(a, format string) {
			code, h, b := get(t, srv, a)
			if code != 200 || !strings.HasSuffix(a, "."+format) || !strings.Contains(h.Get("Content-Type"), ctype[format]) || !bytes.HasPrefix(b, []byte(magic[format])) {
				t.Errorf("GET %s (%s) = %d %q % x", a, format, code, h.Get("Content-Type"), b[:min(len(b), 8)])
			}
		}
		for _, a := range td.Attachments {
			check(a, td.AttachmentFormat)
		}
		for _, a := range td.UnsupportedAttachments {
			check(a, "doc")
		}
	}
	resp, err := srv.Client().Post(srv.URL+"/qx/", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST = %d, want 405", resp.StatusCode)
	}
	if got := s.HomeURLs("http://h:1/"); len(got) != 3 || got[0] != "http://h:1/qx/" {
		t.Errorf("HomeURLs = %v", got)
	}
}

func TestServe(t *testing.T) {
	s := testSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, "127.0.0.1:0", s, pw, slog.New(slog.NewTextHandler(io.Discard, nil)))
		pw.Close()
	}()
	buf := make([]byte, 4096)
	n, err := pr.Read(buf)
	if err != nil {
		t.Fatal(err)
	}
	line := string(buf[:n])
	m := regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(line)
	if m == "" {
		t.Fatalf("no URL printed: %q", line)
	}
	go io.Copy(io.Discard, pr)
	resp, err := http.Get(m + "/qx/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET /qx/ = %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not stop after cancel")
	}
	if err := Serve(context.Background(), "256.0.0.1:bad", s, io.Discard, slog.New(slog.NewTextHandler(io.Discard, nil))); err == nil {
		t.Error("Serve on a bad address succeeded")
	}
}

func TestMoneyFormatting(t *testing.T) {
	tests := []struct {
		m    schemas.Money
		st   style
		want string
	}{
		{120660000, style{Unit: "万元", Dec: 2}, "120.66万元"},
		{16000000, style{Unit: "万元", Dec: 2, Trim: true}, "16万元"},
		{16000000, style{Unit: "万元", Dec: 4}, "16.0000万元"},
		{120660000, style{Unit: "元", Dec: 2}, "1,206,600.00元"},
		{32156000000, style{Unit: "万元", Dec: 2, Yi: true}, "3.2156亿元"},
		{32156010000, style{Unit: "万元", Dec: 2, Yi: true}, "32156.01万元"},
		{0, style{Unit: "万元", Dec: 2}, "0.00万元"},
	}
	for _, tc := range tests {
		if got := tc.st.amount(tc.m); got != tc.want {
			t.Errorf("amount(%d) = %q, want %q", tc.m, got, tc.want)
		}
		v := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(tc.want, "万元"), "亿元"), "元")
		unit := strings.TrimPrefix(tc.want, v)
		if back, err := schemas.ParseMoney(v, unit); err != nil || back != tc.m {
			t.Errorf("ParseMoney(%q, %q) = %s, %v; want %s", v, unit, back, err, tc.m)
		}
	}
	for _, tc := range []struct {
		part, whole schemas.Money
		want        int64
	}{{10466, 12066, 8674}, {1, 3, 3333}, {2, 3, 6667}, {-412, 12478, -330}, {5, 5, 10000}} {
		if got := basisPoints(tc.part, tc.whole); got != tc.want {
			t.Errorf("basisPoints(%d, %d) = %d, want %d", tc.part, tc.whole, got, tc.want)
		}
	}
}
