package duckdb

import (
	"context"
	"strings"
	"testing"
)

func TestCompare(t *testing.T) {
	q, _, _ := built(t)
	ctx := context.Background()
	cases := []struct {
		name string
		req  CompareRequest
		cols []string
		want []string
	}{
		{"ranking across districts, latest year, roll-up excluded",
			CompareRequest{Metric: "total_expenditure"},
			[]string{"rank", "rank_in_county", "county", "department", "amount_yuan", "fiscal_year", "quote"},
			[]string{
				"1|1|罗江区|区教育局|50005000.00|2024|total_expenditure为5000.5万元",
				"2|1|旌阳区|区教育局|40002500.00|2024|total_expenditure为4000.25万元",
				"3|2|罗江区|区财政局|8000000.00|2024|total_expenditure为800万元",
				"4|2|旌阳区|区科学技术协会|2000000.00|2024|total_expenditure为200万元",
				"5|3|罗江区|区科学技术协会|1206600.00|2024|total_expenditure为120.66万元",
			}},
		{"ranking within a district",
			CompareRequest{Metric: "total_expenditure", County: "旌阳区", Limit: 1},
			[]string{"rank", "department", "amount_yuan"},
			[]string{"1|区教育局|40002500.00"}},
		{"ranking by district uses the roll-up, else the sum of departments",
			CompareRequest{Metric: "total_expenditure", By: "district"},
			[]string{"rank", "group_name", "amount_yuan", "members", "basis"},
			[]string{"1|罗江区|999990000.00|1|district_rollup", "2|旌阳区|42002500.00|2|sum_of_departments"}},
		{"ranking by department type",
			CompareRequest{Metric: "total_expenditure", By: "department_type", Year: 2024},
			[]string{"rank", "group_name", "amount_yuan", "members"},
			[]string{"1|教育局|90007500.00|2", "2|财政局|8000000.00|1", "3|科协|3206600.00|2"}},
		{"ranking by a count",
			CompareRequest{Metric: "staff_in_post"},
			[]string{"rank", "department", "count", "amount_yuan"},
			[]string{"1|区教育局|200|", "2|区科学技术协会|7|", "3|区科学技术协会|3|"}},
		{"ranking an earlier year",
			CompareRequest{Metric: "total_expenditure", Year: 2023},
			[]string{"rank", "department", "amount_yuan", "fiscal_year"},
			[]string{"1|区科学技术协会|1247800.00|2023"}},
		{"composition by function class with exact shares and current names",
			CompareRequest{Kind: KindComposition, Metric: "function", County: "罗江区"},
			[]string{"department", "code", "class_name", "printed_name", "amount_yuan", "share_pct", "source_url"},
			[]string{
				"区科学技术协会|206|科学技术支出|科学技术支出|1006600.00|83.42|http://127.0.0.1/attach/" + docOf(t, q, "罗江区", "科学技术协会", 2024, "budget") + ".xls",
				"区科学技术协会|208|社会保障和就业支出|社会保障和就业支出|120000.00|9.95|http://127.0.0.1/attach/" + docOf(t, q, "罗江区", "科学技术协会", 2024, "budget") + ".xls",
				"区科学技术协会|210|卫生健康支出|医疗卫生与计划生育支出|80000.00|6.63|http://127.0.0.1/attach/" + docOf(t, q, "罗江区", "科学技术协会", 2024, "budget") + ".xls",
			}},
		{"basic vs project split, exact shares beside the printed ones, roll-up excluded",
			CompareRequest{Kind: KindSplit},
			[]string{"rank", "county", "department", "basic_yuan", "project_yuan", "basic_share_pct", "project_share_pct", "stated_basic_share_pct"},
			[]string{"1|罗江区|区科学技术协会|1046600.00|160000.00|86.74|13.26|86.74", "2|旌阳区|区科学技术协会|1500000.00|500000.00|75.00|25.00|"}},
		{"composition by economic class",
			CompareRequest{Kind: KindComposition, Metric: "economic"},
			[]string{"code", "amount_yuan", "share_pct"},
			[]string{"301|900000.00|74.59", "302|306600.00|25.41"}},
		{"three public per in-post staff",
			CompareRequest{Kind: KindPerStaff, Metric: "three_public_total"},
			[]string{"rank", "county", "department", "amount_yuan", "per_metric", "per_count", "yuan_per_head"},
			[]string{
				"1|旌阳区|区科学技术协会|10000.00|staff_in_post|3|3333.33",
				"2|罗江区|区科学技术协会|6000.00|staff_in_post|7|857.14",
				"3|罗江区|区教育局|30000.00|staff_in_post|200|150.00",
			}},
		{"personnel cost per post",
			CompareRequest{Kind: KindPerStaff, Metric: "personnel_expenditure"},
			[]string{"department", "per_metric", "per_count", "yuan_per_head"},
			[]string{"区科学技术协会|authorized_posts|8|112500.00"}},
		{"operating expenses per staff",
			CompareRequest{Kind: KindPerStaff, Metric: "operating_expenses"},
			[]string{"department", "yuan_per_head"},
			[]string{"区科学技术协会|14300.00"}},
		{"year on year with the stated reason",
			CompareRequest{Kind: KindYoY, Metric: "total_expenditure", County: "罗江区"},
			[]string{"department", "current_value", "prior_value", "change", "change_pct", "stated_change_yuan", "stated_change_pct", "reason", "prior_basis"},
			[]string{
				"区科学技术协会|1206600.00|1247800.00|-41200.00|-3.30|-41200.00|-3.30|主要原因是项目支出减少|stated_in_document",
				"区教育局|50005000.00|||||||",
				"区财政局|8000000.00|||||||",
			}},
		{"execution rate against the budget document",
			CompareRequest{Kind: KindExecution, Metric: "total_expenditure"},
			[]string{"department", "fiscal_year", "final_value", "budget_value", "difference", "execution_pct", "stated_execution_pct", "budget_basis"},
			[]string{"区科学技术协会|2023|1300000.00|1247800.00|52200.00|104.18|104.18|budget_document"}},
		{"peers across districts",
			CompareRequest{Kind: KindPeers, Metric: "total_expenditure"},
			[]string{"department_type", "peer_rank", "peers", "county", "value", "peer_mean", "diff_from_mean", "pct_of_mean"},
			[]string{
				"教育局|1|2|罗江区|50005000.00|45003750.00|5001250.00|111.11",
				"教育局|2|2|旌阳区|40002500.00|45003750.00|-5001250.00|88.89",
				"科协|1|2|旌阳区|2000000.00|1603300.00|396700.00|124.74",
				"科协|2|2|罗江区|1206600.00|1603300.00|-396700.00|75.26",
				"财政局|1|1|罗江区|8000000.00|8000000.00|0.00|100.00",
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := q.Compare(ctx, tc.req)
			if err != nil {
				t.Fatal(err)
			}
			got := pick(t, r, tc.cols...)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			// Every comparison row carries its provenance, and money stays DECIMAL.
			for _, c := range []string{"doc_id", "source_url", "quote"} {
				i := col(t, r, c)
				for _, row := range r.Rows {
					if FormatValue(row[i]) == "" {
						t.Errorf("row without %s: %v", c, row)
					}
				}
			}
			for i, typ := range r.Types {
				if typ == "DOUBLE" || typ == "FLOAT" {
					t.Errorf("column %s is %s", r.Columns[i], typ)
				}
			}
		})
	}
}

// docOf returns the doc_id of a fixture document.
func docOf(t *testing.T, q *Querier, county, dept string, year int, stage string) string {
	t.Helper()
	r, err := q.Query(context.Background(), "SELECT doc_id FROM documents WHERE county = ? AND department_canonical = ? AND fiscal_year = ? AND stage = ?", county, dept, year, stage)
	if err != nil || len(r.Rows) != 1 {
		t.Fatalf("doc %s %s %d %s: %v %v", county, dept, year, stage, err, r)
	}
	return r.Rows[0][0].(string)
}

func TestCompareErrors(t *testing.T) {
	for _, req := range []CompareRequest{
		{Metric: "no_such_metric"},
		{Metric: "department_functions"},
		{Metric: "total_expenditure", Kind: "histogram"},
		{Metric: "total_expenditure", By: "province"},
		{Metric: "total_expenditure", Stage: "draft"},
		{Metric: "total_expenditure", Kind: KindYoY, By: "district"},
		{Metric: "total_expenditure", Kind: KindComposition},
		{Metric: "staff_in_post", Kind: KindPerStaff},
		{Metric: "three_public_total", Kind: KindPerStaff, Per: "total_income"},
		{Metric: "total_expenditure", Kind: KindPeers, County: "罗江区"},
		{Metric: "total_expenditure", Limit: -1},
	} {
		if _, _, err := CompareSQL(req); err == nil {
			t.Errorf("%+v accepted", req)
		}
	}
}

// TestMacroDefaultYear checks the SQL path users take: without p_year the
// macros pick the latest year themselves and agree with Compare.
func TestMacroDefaultYear(t *testing.T) {
	q, _, _ := built(t)
	ctx := context.Background()
	for _, c := range []struct {
		sql string
		req CompareRequest
	}{
		{"FROM compare_ranking('total_expenditure')", CompareRequest{Metric: "total_expenditure"}},
		{"FROM compare_execution()", CompareRequest{Kind: KindExecution, Metric: "total_expenditure"}},
		{"FROM compare_composition(p_scheme := 'economic')", CompareRequest{Kind: KindComposition, Metric: "economic"}},
	} {
		a, err := q.Query(ctx, c.sql)
		if err != nil {
			t.Fatal(err)
		}
		b, err := q.Compare(ctx, c.req)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Rows) == 0 || strings.Join(pick(t, a, "doc_id"), ",") != strings.Join(pick(t, b, "doc_id"), ",") {
			t.Errorf("%s: %v, Compare: %v", c.sql, pick(t, a, "doc_id"), pick(t, b, "doc_id"))
		}
	}
}
