package duckdb

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	duck "github.com/duckdb/duckdb-go/v2"

	bfparquet "github.com/budgetfeed/budgetfeed/outputs/parquet"
	"github.com/budgetfeed/budgetfeed/schemas"
)

// openScratch opens a writable in-memory DuckDB for benchmark set-up.
func openScratch(tb testing.TB) *sql.DB {
	tb.Helper()
	c, err := duck.NewConnector("?threads=2&"+dsnSafety, nil)
	if err != nil {
		tb.Fatal(err)
	}
	db := sql.OpenDB(c)
	db.SetMaxOpenConns(1)
	tb.Cleanup(func() { db.Close() })
	return db
}

func mustExec(tb testing.TB, db *sql.DB, q string, args ...any) {
	tb.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		tb.Fatalf("%v\n%s", err, q)
	}
}

// selectList renders a SELECT list with every column of t, in order and with
// its published type: the expression from exprs, else a neutral value.
func selectList(t *schemas.Table, exprs map[string]string) string {
	var s []string
	for _, c := range t.Columns {
		e, ok := exprs[c.Name]
		if !ok {
			switch c.Kind {
			case schemas.KindString:
				e = "''"
			case schemas.KindDate, schemas.KindTimestamp, schemas.KindMoney:
				e = "NULL"
			default:
				e = "0"
			}
		}
		s = append(s, fmt.Sprintf("CAST(%s AS %s) AS %s", e, DuckType(c.Kind), ident(c.Name)))
	}
	return strings.Join(s, ",\n  ")
}

var benchDepts = []string{"教育局", "财政局", "科学技术协会", "卫生健康局", "民政局", "人力资源和社会保障局", "自然资源局", "生态环境局",
	"住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化广电旅游局", "应急管理局", "审计局", "统计局",
	"医疗保障局", "退役军人事务局", "市场监督管理局", "司法局", "公安分局", "发展和改革局", "经济和信息化局", "档案馆",
	"妇女联合会", "共青团委员会", "总工会", "残疾人联合会", "机关事务服务中心", "融媒体中心", "图书馆", "文化馆",
	"疾病预防控制中心", "人民医院", "中医医院", "第一中学", "实验小学", "城关街道办事处", "东湖街道办事处"}

// genNationalFeed writes a synthetic national-scale feed with DuckDB straight
// to Parquet: districts × 40 departments × 2021-2024 budgets and 2021-2023
// final accounts, plus a district roll-up per district and year, and about
// 20 facts per budget and 7 per final account. It returns the fact count.
//
// byMetric lays the facts out as outputs/parquet's Writer does since the
// query round: the rows of a year file grouped by metric, so row groups
// hold one metric (rarely two, where DuckDB's fixed row-group size cuts
// across a metric boundary; the Writer never mixes them) and are sorted by
// department within. Without it the facts of every metric are interleaved
// in document order, as the Writer did before.
func genNationalFeed(tb testing.TB, feed string, districts int, byMetric bool) int64 {
	tb.Helper()
	for _, t := range []string{"documents", "facts"} {
		if err := os.MkdirAll(filepath.Join(feed, t), 0o755); err != nil {
			tb.Fatal(err)
		}
	}
	db := openScratch(tb)
	types := make([]string, len(benchDepts))
	names := make([]string, len(benchDepts))
	for i, d := range benchDepts {
		names[i] = literal(d)
		types[i] = literal(strings.TrimSuffix(strings.TrimSuffix(d, "局"), "办事处"))
	}
	mustExec(tb, db, fmt.Sprintf(`CREATE TABLE g AS
SELECT c, d, y, s,
       md5(c::VARCHAR || '/' || d::VARCHAR || '/' || y::VARCHAR || '/' || s)[1:16] AS doc_id,
       '区' || lpad(c::VARCHAR, 4, '0') AS county,
       CASE WHEN d = %[3]d THEN '全区' ELSE [%[1]s][d + 1] END AS dept,
       CASE WHEN d = %[3]d THEN '' ELSE [%[2]s][d + 1] END AS dtype,
       CASE WHEN d = %[3]d THEN 'district' ELSE 'department' END AS scope
FROM range(%[4]d) t1(c), range(%[3]d + 1) t2(d), range(2021, 2025) t3(y), (VALUES ('budget'), ('final_account')) t4(s)
WHERE s = 'budget' OR y < 2024`, strings.Join(names, ","), strings.Join(types, ","), len(benchDepts), districts))
	docs := selectList(schemas.Documents, map[string]string{
		"doc_id": "doc_id", "source": "'bench'",
		"url":   "'http://127.0.0.1/' || county || '/' || dept || '/' || y || '/' || s || '.html'",
		"title": "county || dept || y || '年' || s", "province": "'某省'", "city": "'某市'", "county": "county",
		"department": "'区' || dept", "department_canonical": "dept", "department_type": "dtype", "scope": "scope",
		"fiscal_year": "y", "stage": "s", "published_at": "make_date(y::BIGINT, 2, 20)",
		"fetched_at": "TIMESTAMPTZ '2026-01-02 03:04:05+00'", "status": "'ok'", "fact_count": "20",
	})
	mustExec(tb, db, fmt.Sprintf("COPY (SELECT %s FROM g) TO %s (FORMAT parquet, PARTITION_BY (fiscal_year), COMPRESSION zstd)",
		docs, literal(filepath.Join(feed, "documents"))))
	// metric, period, scheme, code, level, name, is count, stages ('b' budget, 'f' final account, 'bf' both)
	mustExec(tb, db, `CREATE TABLE spec AS SELECT * FROM (VALUES
 ('total_expenditure','current','none','',0,'',false,'bf'), ('total_expenditure','prior','none','',0,'',false,'b'),
 ('total_expenditure','initial_budget','none','',0,'',false,'f'), ('total_income','current','none','',0,'',false,'bf'),
 ('three_public_total','current','none','',0,'',false,'bf'), ('three_public_reception','current','none','',0,'',false,'b'),
 ('operating_expenses','current','none','',0,'',false,'bf'), ('personnel_expenditure','current','none','',0,'',false,'bf'),
 ('basic_expenditure','current','none','',0,'',false,'b'), ('project_expenditure','current','none','',0,'',false,'b'),
 ('staff_in_post','current','none','',0,'',true,'b'), ('authorized_posts','current','none','',0,'',true,'b'),
 ('function_class','current','function','201',1,'一般公共服务支出',false,'b'), ('function_class','current','function','205',1,'教育支出',false,'b'),
 ('function_class','current','function','206',1,'科学技术支出',false,'b'), ('function_class','current','function','208',1,'社会保障和就业支出',false,'b'),
 ('function_class','current','function','210',1,'卫生健康支出',false,'b'), ('function_class','current','function','20607',2,'科学技术普及',false,'b'),
 ('economic_class','current','economic','301',1,'工资福利支出',false,'b'), ('economic_class','current','economic','302',1,'商品和服务支出',false,'b'),
 ('economic_class','current','economic','303',1,'对个人和家庭的补助',false,'b')
) v(metric, period, scheme, code, level, name, is_count, stages)`)
	// Every figure is stated once, by the text (class figures by the
	// table), except in one document of 20, which states each figure a
	// second time the other way with a figure 1 fen (or 1 person) off, as a
	// table cell at offset 0 (class figures: in the text at offset 100), so
	// comparisons that take the wrong one disagree with the before macros.
	// preferred is computed by the rule the Build gives feeds published
	// before the column existed (preferRankSQL), over the facts of the
	// documents that state figures twice; the others' single figures are
	// preferred.
	facts := selectList(schemas.Facts, map[string]string{
		"doc_id": "doc_id", "fiscal_year": "fiscal_year", "stage": "s",
		"department": "'区' || dept", "department_canonical": "dept", "metric": "metric", "period": "period",
		"scheme": "scheme", "code": "code", "level": "level", "name": "name",
		"value":       "CASE WHEN is_count THEN v::VARCHAR ELSE (v * 0.000001)::DECIMAL(18,6)::VARCHAR END",
		"unit":        "CASE WHEN is_count THEN '人' ELSE '万元' END",
		"amount_yuan": "CASE WHEN is_count THEN NULL ELSE v * 0.01 END", "count": "CASE WHEN is_count THEN v END",
		"method": "method", "quote": "quote", "start": "start",
		"source_url": "CASE WHEN method = 'table' THEN 'http://127.0.0.1/' || county || '/' || dept || '/' || y || '/' || s || '.xls' " +
			"ELSE 'http://127.0.0.1/' || county || '/' || dept || '/' || y || '/' || s || '.html' END",
		"location": "location", "county": "county", "department_type": "dtype", "scope": "scope", "preferred": "preferred",
	})
	order := ""
	if byMetric {
		order = "ORDER BY fiscal_year, metric, department_canonical, doc_id, period, code"
	}
	mustExec(tb, db, fmt.Sprintf(`CREATE TABLE fx AS
SELECT *, metric || '为' || v::VARCHAR AS quote, CASE WHEN is_count THEN NULL ELSE v END AS amount_yuan,
       CASE WHEN method = 'table' THEN 'sha256:' || doc_id || '/Sheet1/C' || (7 + dup)::VARCHAR
            ELSE 'chars ' || start::VARCHAR || '-' || (start + 10)::VARCHAR END AS location
FROM (
    SELECT g.*, spec.*, k.dup, g.s AS stage,
           CASE WHEN spec.period = 'prior' THEN g.y - 1 ELSE g.y END AS fiscal_year,
           CASE WHEN (spec.metric IN ('function_class', 'economic_class')) = (k.dup = 0) THEN 'table' ELSE 'text' END AS method,
           CASE WHEN (spec.metric IN ('function_class', 'economic_class')) = (k.dup = 0) THEN 0 ELSE 100 END AS start,
           CASE WHEN is_count THEN hash(g.doc_id, spec.metric) %% 300 + 1
                ELSE hash(g.doc_id, spec.metric, spec.code, spec.period) %% 10000000000 END + k.dup AS v
    FROM g JOIN spec ON (s = 'budget' AND contains(stages, 'b')) OR (s = 'final_account' AND contains(stages, 'f'))
    JOIN (VALUES (0), (1)) k(dup) ON k.dup = 0 OR hash(g.doc_id) %% 20 = 0
)`))
	mustExec(tb, db, fmt.Sprintf(`COPY (
  SELECT %s FROM (
    SELECT *, 1 AS preferred FROM fx WHERE hash(doc_id) %% 20 <> 0
  UNION ALL
    SELECT *, CAST(row_number() OVER (PARTITION BY %s ORDER BY %s) = 1 AS TINYINT) AS preferred
    FROM fx WHERE hash(doc_id) %% 20 = 0
  ) %s
) TO %s (FORMAT parquet, PARTITION_BY (fiscal_year), COMPRESSION zstd, ROW_GROUP_SIZE 122880)`,
		facts, preferKeySQL, preferRankSQL, order, literal(filepath.Join(feed, "facts"))))
	var n int64
	if err := db.QueryRow("SELECT count(*) FROM read_parquet(?)", filepath.Join(feed, "facts", "*", "*.parquet")).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

// BenchmarkCompareNational times each comparison on a synthetic national
// feed of ≥10 million facts (BUDGETFEED_BENCH_DISTRICTS districts, default
// 2500). The feed is generated once per run into a temporary directory, or
// kept in BUDGETFEED_BENCH_FEED and reused by later runs.
func BenchmarkCompareNational(b *testing.B) {
	districts := 2500
	if v := os.Getenv("BUDGETFEED_BENCH_DISTRICTS"); v != "" {
		fmt.Sscan(v, &districts)
	}
	dir := b.TempDir()
	feeds := filepath.Join(dir, "feed")
	if keep := os.Getenv("BUDGETFEED_BENCH_FEED"); keep != "" {
		feeds = keep // reuse the feeds generated by an earlier run
	}
	for _, layout := range []string{"docorder", "bymetric"} {
		feed := filepath.Join(feeds, layout)
		if _, err := os.Stat(filepath.Join(feed, "facts")); err != nil {
			start := time.Now()
			n := genNationalFeed(b, feed, districts, layout == "bymetric")
			b.Logf("generated %d facts for %d districts (%s) in %v", n, districts, layout, time.Since(start))
		}
	}
	ctx := context.Background()
	// Three databases, every comparison timed on each (see the order
	// below) and the results compared row by row:
	//   before: the macros of testdata/queries_before (rank duplicates, join
	//           documents, HUGEINT percentages) over facts in document order;
	//   sql:    the embedded macros over the same feed: the SQL change alone;
	//   after:  the embedded macros over facts in one-metric row groups, as
	//           outputs/parquet writes them now.
	variants := []string{"before", "sql", "after"}
	queriers := map[string]*Querier{}
	for _, v := range []struct {
		name, layout string
		queries      fs.FS
	}{
		{"before", "docorder", os.DirFS(filepath.Join("testdata", "queries_before"))},
		{"sql", "docorder", nil},
		{"after", "bymetric", nil},
	} {
		db := filepath.Join(dir, v.name+".duckdb")
		start := time.Now()
		if err := build(ctx, filepath.Join(feeds, v.layout), db, nil, v.queries); err != nil {
			b.Fatal(err)
		}
		b.Logf("built the %s database in %v", v.name, time.Since(start))
		q, err := OpenWith(ctx, db, Options{Threads: 2, MemoryLimit: "4GB"}, nil)
		if err != nil {
			b.Fatal(err)
		}
		defer q.Close()
		queriers[v.name] = q
	}
	county := fmt.Sprintf("区%04d", districts/2)
	reqs := []CompareRequest{
		{Kind: KindRanking, Metric: "total_expenditure", Limit: 50},
		{Kind: KindRanking, Metric: "total_expenditure", County: county, Limit: 50},
		{Kind: KindRanking, Metric: "total_expenditure", By: "district", Limit: 50},
		{Kind: KindRanking, Metric: "three_public_total", By: "department_type", Limit: 50},
		{Kind: KindComposition, Metric: "function", County: county, Limit: 500},
		{Kind: KindComposition, Metric: "economic", Limit: 500},
		{Kind: KindPerStaff, Metric: "three_public_total", Limit: 50},
		{Kind: KindYoY, Metric: "total_expenditure", Limit: 50},
		{Kind: KindExecution, Metric: "total_expenditure", Limit: 50},
		{Kind: KindPeers, Metric: "total_expenditure", Type: "教育", Limit: 50},
		{Kind: KindSplit, Limit: 50},
	}
	names := make([]string, len(reqs))
	for i, req := range reqs {
		name := req.Kind + "/" + req.Metric
		if req.Metric == "" {
			name = req.Kind
		}
		if req.By != "" {
			name += "/by_" + req.By
		}
		if req.County != "" {
			name += "/one_county"
		}
		names[i] = name
	}
	// Variant by variant, the reference (before) last: its sorts of every
	// row and the memory it frees afterwards showed up in the CPU time of
	// the variant timed right after it when the variants took turns per
	// comparison (execution and split "after" measured 1.7-2.6 CPU s that
	// way, 0.6-0.8 s alone).
	got := map[string]map[string]*Result{}
	for _, v := range []string{"after", "sql", "before"} {
		q := queriers[v]
		for i, req := range reqs {
			name := names[i]
			b.Run(name+"/"+v, func(b *testing.B) {
				var r *Result
				cpu0 := processCPU()
				for i := 0; i < b.N; i++ {
					var err error
					if r, err = q.Compare(ctx, req); err != nil {
						b.Fatal(err)
					}
				}
				// CPU time of the process (DuckDB's threads included) per
				// call: on a shared machine this moves far less with the
				// load than the wall time does.
				b.ReportMetric((processCPU()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
				if len(r.Rows) == 0 && req.Kind != KindSplit {
					b.Fatal("no rows")
				}
				b.ReportMetric(float64(len(r.Rows)), "rows")
				if got[name] == nil {
					got[name] = map[string]*Result{}
				}
				got[name][v] = r
			})
		}
	}
	for _, name := range names {
		for _, v := range variants[1:] {
			if bf, af := got[name]["before"], got[name][v]; bf != nil && af != nil {
				if d := diffResults(bf, af); d != "" {
					b.Errorf("%s: %s disagrees with before: %s", name, v, d)
				}
			}
		}
	}
}

// diffResults describes the first difference between two results, "" when
// they have the same columns and the same rows in the same order.
func diffResults(a, b *Result) string {
	if fmt.Sprint(a.Columns) != fmt.Sprint(b.Columns) {
		return fmt.Sprintf("columns %v, want %v", b.Columns, a.Columns)
	}
	if len(a.Rows) != len(b.Rows) {
		return fmt.Sprintf("%d rows, want %d", len(b.Rows), len(a.Rows))
	}
	for i := range a.Rows {
		if x, y := fmt.Sprint(a.Rows[i]), fmt.Sprint(b.Rows[i]); x != y {
			return fmt.Sprintf("row %d: %s, want %s", i, y, x)
		}
	}
	return ""
}

// BenchmarkParquetWrite compares the Parquet write throughput of arrow-go
// (pqarrow, zstd) with DuckDB's own COPY ... TO ... (FORMAT parquet, zstd) for
// the same fact rows, and reports duckdb/arrow-go as a ratio of the two
// times measured in the same iteration.
func BenchmarkParquetWrite(b *testing.B) {
	const rows = 200_000
	facts := make([]schemas.Fact, rows)
	for i := range facts {
		amt := schemas.Money(int64(i)*7919%10_000_000_000 - 5_000)
		facts[i] = schemas.Fact{DocID: fmt.Sprintf("%016x", i/20), FiscalYear: 2024, Stage: "budget",
			Department: "区科学技术协会", DepartmentCanonical: "科学技术协会", Metric: "function_class", Period: "current",
			Scheme: "function", Code: "2060701", Level: 3, Name: "机构运行", Value: amt.In("万元"), Unit: "万元",
			Amount: amt, HasAmount: true, Method: "table", Quote: "机构运行 " + amt.In("万元"), Location: "Sheet1/C7",
			SourceURL: "http://127.0.0.1/a.xls"}
	}
	dir := b.TempDir()
	src := filepath.Join(dir, "src.parquet")
	writeParquet(b, schemas.Facts, src, facts)
	db := openScratch(b)
	mustExec(b, db, "CREATE TABLE f AS SELECT * FROM read_parquet(?)", src)
	var arrowT, duckT, feedT time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		writeParquet(b, schemas.Facts, filepath.Join(dir, "arrow.parquet"), facts)
		t1 := time.Now()
		mustExec(b, db, "COPY f TO "+literal(filepath.Join(dir, "duck.parquet"))+" (FORMAT parquet, COMPRESSION zstd)")
		t2 := time.Now()
		// The publish path: outputs/parquet's Writer (one metric per row
		// group, sorted, zstd) committing a release of these facts, fed as
		// the pipeline feeds it (one document's facts per call).
		w, err := bfparquet.NewWriter(bfparquet.Options{OutDir: filepath.Join(dir, fmt.Sprintf("feed%d", i))})
		if err != nil {
			b.Fatal(err)
		}
		for lo := 0; lo < rows; lo += 20 {
			if err := w.Write(schemas.Facts, facts[lo:lo+20]); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := w.Commit(context.Background(), bfparquet.ReleaseMeta{Title: "bench"}); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		arrowT += t1.Sub(t0)
		duckT += t2.Sub(t1)
		feedT += t3.Sub(t2)
	}
	b.StopTimer()
	b.ReportMetric(float64(rows)*float64(b.N)/arrowT.Seconds(), "arrowgo_rows/s")
	b.ReportMetric(float64(rows)*float64(b.N)/duckT.Seconds(), "duckdb_rows/s")
	b.ReportMetric(float64(rows)*float64(b.N)/feedT.Seconds(), "publish_rows/s")
	b.ReportMetric(duckT.Seconds()/arrowT.Seconds(), "duckdb/arrowgo_time")
	b.ReportMetric(duckT.Seconds()/feedT.Seconds(), "duckdb/publish_time")
}
