package duckdb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// fixtureRequests are the comparisons the equivalence tests run on the
// fixture: every kind, with and without a county, the years with data.
var fixtureRequests = []CompareRequest{
	{Kind: KindRanking, Metric: "total_expenditure"},
	{Kind: KindRanking, Metric: "total_expenditure", County: "旌阳区"},
	{Kind: KindRanking, Metric: "total_expenditure", By: "district"},
	{Kind: KindRanking, Metric: "total_expenditure", By: "department_type"},
	{Kind: KindRanking, Metric: "staff_in_post"},
	{Kind: KindRanking, Metric: "total_expenditure", Year: 2023},
	{Kind: KindComposition, Metric: "function"},
	{Kind: KindComposition, Metric: "function", County: "罗江区"},
	{Kind: KindComposition, Metric: "economic"},
	{Kind: KindPerStaff, Metric: "three_public_total"},
	{Kind: KindPerStaff, Metric: "personnel_expenditure"},
	{Kind: KindYoY, Metric: "total_expenditure"},
	{Kind: KindExecution, Metric: "total_expenditure"},
	{Kind: KindPeers, Metric: "total_expenditure"},
	{Kind: KindSplit},
}

func reqName(r CompareRequest) string {
	return fmt.Sprintf("%s/%s/%s/%s/%d", r.Kind, r.Metric, r.By, r.County, r.Year)
}

// buildFixture writes the fixture feed to dir/name, lets edit rewrite it
// (nil: as written) and builds a database over it with the query files of
// queries (nil: the embedded ones).
func buildFixture(t *testing.T, dir, name string, fx *fixture, edit func(feed string), queries string) *Querier {
	t.Helper()
	feed := filepath.Join(dir, name)
	if _, err := os.Stat(feed); err != nil {
		writeFeed(t, feed, fx.docs, fx.facts, nil, fixtureCodes(t), nil)
		if edit != nil {
			edit(feed)
		}
	}
	db := filepath.Join(dir, name+"-"+filepath.Base(queries)+".duckdb")
	ctx := context.Background()
	var qfs = os.DirFS(filepath.Join("testdata", "queries_before"))
	if queries == "" {
		qfs = nil
	}
	if err := build(ctx, feed, db, nil, qfs); err != nil {
		t.Fatal(err)
	}
	q, err := Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return q
}

// dropNewFactColumns rewrites the facts files of a feed without county,
// department_type, scope and preferred: a feed published before facts had
// them.
func dropNewFactColumns(t *testing.T, feed string) {
	t.Helper()
	db := openScratch(t)
	files, err := filepath.Glob(filepath.Join(feed, "facts", "*", "*.parquet"))
	if err != nil || len(files) == 0 {
		t.Fatalf("facts files: %v %v", files, err)
	}
	for _, f := range files {
		tmp := f + ".old"
		mustExec(t, db, fmt.Sprintf("COPY (SELECT * EXCLUDE (county, department_type, scope, preferred) FROM read_parquet(%s)) TO %s (FORMAT parquet)",
			literal(f), literal(tmp)))
		if err := os.Rename(tmp, f); err != nil {
			t.Fatal(err)
		}
	}
}

// TestMacrosMatchBefore checks that the macros, which read the preferred
// figure and the document fields from facts, answer every comparison of the
// fixture exactly as the macros that ranked duplicates and joined documents
// themselves (testdata/queries_before). The fixture states a total twice
// (text and table) and a class twice (table and text).
func TestMacrosMatchBefore(t *testing.T) {
	dir := t.TempDir()
	fx := newFixture(t)
	// Two 2023 budget documents of one department (a re-posting under
	// another URL, 罗江区 教育局) and two of 科学技术协会 (the final
	// account's budget): yoy and execution take the first by doc_id, as
	// the before macros' ranking window did.
	const B = schemas.StageBudget
	again := func(county, dept, typ, suffix string) string {
		fx.doc(county, dept, typ, "department", 2023, B)
		d := &fx.docs[len(fx.docs)-1]
		d.URL += suffix
		d.DocID = schemas.NewDocID("fixture", d.URL)
		return d.DocID
	}
	fx.money(t, again("罗江区", "教育局", "教育局", "?v=1"), 2023, B, "total_expenditure", "current", "4800")
	fx.money(t, again("罗江区", "教育局", "教育局", "?v=2"), 2023, B, "total_expenditure", "current", "4700.5")
	fx.money(t, again("罗江区", "科学技术协会", "科协", "?v=2"), 2023, B, "total_expenditure", "current", "125")
	now := buildFixture(t, dir, "feed", fx, nil, "")
	before := buildFixture(t, dir, "feed", fx, nil, "queries_before")
	compareAll(t, before, now)
}

// TestFeedWithoutPreferred builds over a feed published before facts had
// county, department_type, scope and preferred: the facts view derives them
// (documents join, the ranking rule) and every comparison answers as on the
// new feed.
func TestFeedWithoutPreferred(t *testing.T) {
	dir := t.TempDir()
	fx := newFixture(t)
	now := buildFixture(t, dir, "feed", fx, nil, "")
	old := buildFixture(t, dir, "old", fx, func(feed string) { dropNewFactColumns(t, feed) }, "")
	compareAll(t, now, old)
	// The derived columns are the ones the new feed publishes.
	ctx := context.Background()
	const cols = "SELECT doc_id, metric, period, scheme, code, method, quote, county, department_type, scope, preferred FROM facts ORDER BY ALL"
	a, err := now.Query(ctx, cols)
	if err != nil {
		t.Fatal(err)
	}
	b, err := old.Query(ctx, cols)
	if err != nil {
		t.Fatal(err)
	}
	if d := diffResults(a, b); d != "" {
		t.Errorf("facts of the old feed: %s", d)
	}
}

// TestFixturePreferredFollowsRule checks the fixture's preferred flags
// against the rule in SQL (preferRankSQL, the rule Build applies to old
// feeds and the benchmark generator uses), so the equivalence tests above
// test the rule and not just the fixture.
func TestFixturePreferredFollowsRule(t *testing.T) {
	q, _, _ := built(t)
	r, err := q.Query(context.Background(), fmt.Sprintf(`SELECT doc_id, metric, code, method, value, preferred,
       CAST(row_number() OVER (PARTITION BY %s ORDER BY %s) = 1 AS TINYINT) AS by_rule
FROM facts QUALIFY preferred <> by_rule`, preferKeySQL, preferRankSQL))
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range r.Rows {
		t.Errorf("preferred disagrees with the rule: %v", row)
	}
	n, err := q.Query(context.Background(), "SELECT count(*) FROM facts WHERE preferred = 0")
	if err != nil {
		t.Fatal(err)
	}
	if n.Rows[0][0] != int64(2) {
		t.Errorf("%v facts not preferred, want 2 (the fixture's figures stated twice)", n.Rows[0][0])
	}
}

// TestPreferredDecides flips the preference of the fixture's two figures
// stated twice: the comparisons must follow the flag (the table's 4000
// instead of the text's 4000.25, the text's class 208 instead of the
// table's): the macros take the flagged figure, whatever the method.
func TestPreferredDecides(t *testing.T) {
	fx := newFixture(t)
	for i := range fx.facts {
		f := &fx.facts[i]
		if (f.Metric == "total_expenditure" && (f.Value == "4000" || f.Value == "4000.25")) || (f.Metric == "function_class" && f.Code == "208") {
			f.Preferred = !f.Preferred
		}
	}
	dir := t.TempDir()
	q := buildFixture(t, dir, "flipped", fx, nil, "")
	ctx := context.Background()
	r, err := q.Compare(ctx, CompareRequest{Metric: "total_expenditure", County: "旌阳区", Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(pick(t, r, "department", "amount_yuan", "quote"), "\n"); got != "区教育局|40000000.00|支出合计 4000" {
		t.Errorf("ranking with the table cell preferred: %s", got)
	}
	c, err := q.Compare(ctx, CompareRequest{Kind: KindComposition, Metric: "function", County: "罗江区"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(pick(t, c, "code", "amount_yuan"), ","); got != "206|1006600.00,208|130000.00,210|80000.00" {
		t.Errorf("composition with the text class preferred: %s", got)
	}
}

func compareAll(t *testing.T, want, got *Querier) {
	t.Helper()
	ctx := context.Background()
	for _, req := range fixtureRequests {
		a, err := want.Compare(ctx, req)
		if err != nil {
			t.Fatalf("%s: %v", reqName(req), err)
		}
		b, err := got.Compare(ctx, req)
		if err != nil {
			t.Fatalf("%s: %v", reqName(req), err)
		}
		if len(a.Rows) == 0 {
			t.Errorf("%s: no rows (the comparison tests nothing)", reqName(req))
		}
		if d := diffResults(a, b); d != "" {
			t.Errorf("%s: %s", reqName(req), d)
		}
	}
}

// TestHelpersBigintPathExact checks bf_pct and bf_per, which take a BIGINT
// path for operands below 10^12, against the HUGEINT formula they replace,
// on the edges: zero divisors, halves rounding away from zero, signs, the
// 10^12 boundary and the largest money values, plus 20 000 pseudo-random
// pairs of every magnitude.
func TestHelpersBigintPathExact(t *testing.T) {
	q, _, _ := built(t)
	r, err := q.Query(context.Background(), `
WITH edge(v) AS (VALUES (0.00), (0.01), (-0.01), (0.05), (1.00), (-1.00), (2.00), (3.00), (7.00), (0.03), (12.35),
       (999999999999.99), (-999999999999.99), (1000000000000.00), (-1000000000000.00), (1000000000000.01),
       (9999999999999999.99), (-9999999999999999.99), (123456789.12), (-0.02)),
pairs AS (
    SELECT CAST(a.v AS DECIMAL(38,2)) AS a, CAST(b.v AS DECIMAL(38,2)) AS b FROM edge a, edge b
  UNION ALL
    SELECT CAST((hash(i) % 2000000000000000000)::HUGEINT * (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END) // (10::HUGEINT ** (hash(i, 1) % 17)) AS DECIMAL(38,0)) * 0.01,
           CAST((hash(i, 2) % 2000000000000000000)::HUGEINT // (10::HUGEINT ** (hash(i, 3) % 17)) AS DECIMAL(38,0)) * 0.01
    FROM range(20000) t(i)
),
counts(n) AS (VALUES (0), (1), (-1), (3), (7), (200), (999999999999), (1000000000000), (123456789012345)),
checked AS (
    SELECT 'pct' AS f, a, b, bf_pct(a, b) AS got,
           CAST(CAST(bf_round_div(bf_fen(a) * 10000, bf_fen(b)) AS DECIMAL(38,0)) * 0.01 AS DECIMAL(18,2)) AS want
    FROM pairs WHERE abs(a) <= abs(b) * 10000000000000 -- the percentage fits DECIMAL(18,2)
  UNION ALL
    SELECT 'per', a, n, bf_per(a, n),
           CAST(CAST(bf_round_div(bf_fen(a), CAST(n AS HUGEINT)) AS DECIMAL(38,0)) * 0.01 AS DECIMAL(18,2))
    FROM (SELECT DISTINCT a FROM pairs WHERE abs(a) < 10000000000000000), counts
)
SELECT count(*), count(got), count(*) FILTER (WHERE bf_small(a) AND bf_small(b)),
       count(*) FILTER (WHERE got IS DISTINCT FROM want),
       string_agg(f || '(' || a || ', ' || b || ') = ' || coalesce(got::VARCHAR, 'NULL') || ', HUGEINT formula ' || coalesce(want::VARCHAR, 'NULL'), '; ')
           FILTER (WHERE got IS DISTINCT FROM want)
FROM checked`)
	if err != nil {
		t.Fatal(err)
	}
	row := r.Rows[0]
	t.Logf("%v checked, %v not NULL, %v on the BIGINT path", row[0], row[1], row[2])
	if row[3] != int64(0) {
		t.Errorf("%v differ: %.500v", row[3], row[4])
	}
	if row[1].(int64) < 20000 || row[2].(int64) < 10000 || row[0].(int64)-row[2].(int64) < 1000 {
		t.Errorf("too few cases on each path: %v", row)
	}
	n, err := q.Query(context.Background(), "SELECT bf_pct(1.00, 3.00), bf_pct(-2.00, 3.00), bf_pct(0.01, 0.00), bf_per(10.00, 3), bf_per(-0.05, 2), bf_pct(9999999999999999.99, 1000000000000.00)")
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(n.Rows[0]); got != "[33.33 -66.67 <nil> 3.33 -0.03 1000000.00]" {
		t.Errorf("spot values %s", got)
	}
}
