package duckdb

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// built builds the fixture feed into a fresh database and opens it.
func built(t *testing.T) (*Querier, *fixture, string) {
	t.Helper()
	dir := t.TempDir()
	fx := newFixture(t)
	feed := filepath.Join(dir, "feed")
	writeFeed(t, feed, fx.docs, fx.facts, nil, fixtureCodes(t), nil)
	db := filepath.Join(dir, "budgetfeed.duckdb")
	ctx := context.Background()
	if err := Build(ctx, feed, db, nil); err != nil {
		t.Fatal(err)
	}
	q, err := Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return q, fx, dir
}

func col(t *testing.T, r *Result, name string) int {
	t.Helper()
	for i, c := range r.Columns {
		if c == name {
			return i
		}
	}
	t.Fatalf("no column %s in %v", name, r.Columns)
	return -1
}

// pick renders the named columns of every row, "|"-joined.
func pick(t *testing.T, r *Result, names ...string) []string {
	t.Helper()
	var out []string
	for _, row := range r.Rows {
		var cells []string
		for _, n := range names {
			cells = append(cells, FormatValue(row[col(t, r, n)]))
		}
		out = append(out, strings.Join(cells, "|"))
	}
	return out
}

func TestBuildViewsAndEmptyTables(t *testing.T) {
	q, fx, _ := built(t)
	ctx := context.Background()
	for _, tb := range schemas.All {
		r, err := q.Query(ctx, "DESCRIBE "+tb.Name)
		if err != nil {
			t.Fatalf("%s: %v", tb.Name, err)
		}
		if len(r.Rows) != len(tb.Columns) {
			t.Fatalf("%s: %d columns, want %d", tb.Name, len(r.Rows), len(tb.Columns))
		}
		for i, c := range tb.Columns {
			if got := r.Rows[i][0]; got != c.Name {
				t.Errorf("%s column %d = %v, want %s", tb.Name, i, got, c.Name)
			}
			if got := r.Rows[i][1]; got != DuckType(c.Kind) {
				t.Errorf("%s.%s type = %v, want %s", tb.Name, c.Name, got, DuckType(c.Kind))
			}
		}
	}
	counts := map[string]int{"documents": len(fx.docs), "facts": len(fx.facts), "quality": 0, "ledger": 0}
	for tb, want := range counts {
		r, err := q.Query(ctx, "SELECT count(*) FROM "+tb)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Rows[0][0]; got != int64(want) {
			t.Errorf("count(%s) = %v, want %d", tb, got, want)
		}
	}
}

func TestBuildMissingFeed(t *testing.T) {
	err := Build(context.Background(), filepath.Join(t.TempDir(), "nope"), filepath.Join(t.TempDir(), "x.duckdb"), nil)
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("err = %v, want one naming the missing feed dir", err)
	}
}

func TestBuildReplacesAtomically(t *testing.T) {
	q, fx, dir := built(t)
	q.Close()
	// A second build over a feed with one more document replaces the file.
	fx.doc("罗江区", "卫生健康局", "卫健局", "department", 2024, schemas.StageBudget)
	feed2 := filepath.Join(dir, "feed2")
	writeFeed(t, feed2, fx.docs, fx.facts, nil, nil, nil)
	db := filepath.Join(dir, "budgetfeed.duckdb")
	if err := Build(context.Background(), feed2, db, nil); err != nil {
		t.Fatal(err)
	}
	q2, err := Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer q2.Close()
	r, err := q2.Query(context.Background(), "SELECT count(*) FROM documents")
	if err != nil {
		t.Fatal(err)
	}
	if r.Rows[0][0] != int64(len(fx.docs)) {
		t.Errorf("documents = %v, want %d", r.Rows[0][0], len(fx.docs))
	}
	left, _ := filepath.Glob(db + ".tmp-*")
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestReadOnly(t *testing.T) {
	q, _, dir := built(t)
	ctx := context.Background()
	feedFile := filepath.Join(dir, "feed", "evil.parquet")
	outside := filepath.Join(t.TempDir(), "x.parquet")
	for _, tc := range []struct{ name, sql, want string }{
		{"insert", "INSERT INTO budgetfeed_meta VALUES ('a', 'b')", "read-only"},
		{"create", "CREATE TABLE t AS SELECT 1", "read-only"},
		{"copy outside", "COPY (SELECT 1) TO '" + outside + "' (FORMAT parquet)", "disabled by configuration"},
		{"attach", "ATTACH '" + filepath.Join(t.TempDir(), "o.duckdb") + "' AS o", "disabled by configuration"},
		{"read outside", "SELECT * FROM read_csv('/etc/passwd')", "disabled by configuration"},
		{"unlock", "SET enable_external_access = true", "locked"},
		{"memory", "SET memory_limit = '64GB'", "locked"},
		{"install", "INSTALL httpfs", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The statement check refuses all of them ...
			if _, err := q.Query(ctx, tc.sql); err == nil {
				t.Fatal("Query accepted it")
			}
			// ... and DuckDB's configuration refuses them on its own.
			_, err := q.db.ExecContext(ctx, tc.sql)
			if err == nil {
				t.Fatal("DuckDB accepted it")
			}
			if tc.want != "" && !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
	// COPY into the feed directory is allowed by allowed_directories; only the
	// statement check stands in its way.
	_, err := q.Query(ctx, "COPY (SELECT 1) TO '"+feedFile+"' (FORMAT parquet)")
	if !errors.Is(err, ErrNotReadOnly) {
		t.Errorf("COPY into feed: err = %v, want ErrNotReadOnly", err)
	}
	if _, err := os.Stat(feedFile); err == nil {
		t.Error("COPY wrote into the feed")
	}
	if _, err := q.Query(ctx, "SELECT 1; SELECT 2"); !errors.Is(err, ErrNotReadOnly) {
		t.Errorf("two statements: err = %v", err)
	}
	if _, err := q.Query(ctx, "SELEC 1"); err == nil || !strings.Contains(err.Error(), "syntax") {
		t.Errorf("syntax error: err = %v", err)
	}
	for _, ok := range []string{"FROM documents LIMIT 1", "SHOW TABLES", "WITH x AS (SELECT 1) SELECT * FROM x", "SUMMARIZE facts"} {
		if _, err := q.Query(ctx, ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
}

func TestQueryArgsAndCancel(t *testing.T) {
	q, _, _ := built(t)
	r, err := q.Query(context.Background(), "SELECT department FROM documents WHERE county = ? AND fiscal_year = ? ORDER BY department", "旌阳区", 2024)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(pick(t, r, "department"), ","); got != "区教育局,区科学技术协会" {
		t.Errorf("got %s", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := q.Query(ctx, "SELECT 1"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled query: err = %v", err)
	}
}

func TestFormat(t *testing.T) {
	r := &Result{
		Columns: []string{"department", "amount_yuan", "n"},
		Types:   []string{"VARCHAR", "DECIMAL(38,2)", "BIGINT"},
		Rows: [][]any{
			{"科学技术协会", Decimal{Unscaled: bigInt(120660000), Scale: 2}, int64(7)},
			{"a|b", Decimal{Unscaled: bigInt(-5), Scale: 2}, nil},
		},
	}
	cases := map[string]string{
		"table": "department    amount_yuan  n\n" +
			"------------  -----------  -\n" +
			"科学技术协会   1206600.00  7\n" +
			"a|b                 -0.05   \n" +
			"(2 rows)\n",
		"csv":      "department,amount_yuan,n\n科学技术协会,1206600.00,7\na|b,-0.05,\n",
		"json":     "[\n  {\"department\": \"科学技术协会\", \"amount_yuan\": 1206600.00, \"n\": 7},\n  {\"department\": \"a|b\", \"amount_yuan\": -0.05, \"n\": null}\n]\n",
		"markdown": "| department | amount_yuan | n |\n| --- | ---: | ---: |\n| 科学技术协会 | 1206600.00 | 7 |\n| a\\|b | -0.05 |  |\n",
	}
	for f, want := range cases {
		var b bytes.Buffer
		if err := Format(&b, r, f); err != nil {
			t.Fatal(err)
		}
		if b.String() != want {
			t.Errorf("%s:\n%s\nwant\n%s", f, b.String(), want)
		}
	}
	if err := Format(&bytes.Buffer{}, r, "xml"); err == nil {
		t.Error("unknown format accepted")
	}
}
