package duckdb

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	duck "github.com/duckdb/duckdb-go/v2"

	"github.com/budgetfeed/budgetfeed/schemas"
)

//go:embed queries/*.sql
var queryFiles embed.FS

// dsnSafety is appended to every DSN: never download or auto-load extensions.
const dsnSafety = "autoinstall_known_extensions=false&autoload_known_extensions=false"

// metaTable holds what Build recorded: the feed directory, schema version,
// build time and the number of Parquet files per table.
const metaTable = "budgetfeed_meta"

// DuckType returns the DuckDB type of a published column kind.
func DuckType(k schemas.Kind) string {
	switch k {
	case schemas.KindInt8:
		return "TINYINT"
	case schemas.KindInt32:
		return "INTEGER"
	case schemas.KindInt64:
		return "BIGINT"
	case schemas.KindMoney:
		return fmt.Sprintf("DECIMAL(%d,%d)", schemas.MoneyPrecision, schemas.MoneyScale)
	case schemas.KindDate:
		return "DATE"
	case schemas.KindTimestamp:
		return "TIMESTAMP WITH TIME ZONE"
	default:
		return "VARCHAR"
	}
}

// Macros returns the names and SQL text of the embedded query files, in the
// order Build runs them.
func Macros() ([]string, map[string]string, error) {
	sub, err := fs.Sub(queryFiles, "queries")
	if err != nil {
		return nil, nil, fmt.Errorf("read embedded queries: %w", err)
	}
	return macrosIn(sub)
}

// macrosIn returns the names and SQL text of the *.sql files at the top of
// fsys, sorted by name.
func macrosIn(fsys fs.FS) ([]string, map[string]string, error) {
	ents, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, nil, fmt.Errorf("read queries: %w", err)
	}
	var names []string
	texts := map[string]string{}
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		b, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, nil, fmt.Errorf("read query %s: %w", e.Name(), err)
		}
		names = append(names, e.Name())
		texts[e.Name()] = string(b)
	}
	sort.Strings(names)
	return names, texts, nil
}

// Build (re)creates the database at dbPath over the feed in feedDir. It
// writes to a temporary file next to dbPath and renames it into place, so a
// reader never sees a half-built database. A table with no Parquet files is
// still a view, empty, with the columns of schemas.
func Build(ctx context.Context, feedDir, dbPath string, log *slog.Logger) error {
	return build(ctx, feedDir, dbPath, log, nil)
}

// build is Build with the query files of queries (nil: the embedded ones);
// the benchmark builds a second database with an earlier set of macros.
func build(ctx context.Context, feedDir, dbPath string, log *slog.Logger, queries fs.FS) error {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	feed, err := filepath.Abs(feedDir)
	if err != nil {
		return fmt.Errorf("build duckdb: feed dir %s: %w", feedDir, err)
	}
	if st, err := os.Stat(feed); err != nil {
		return fmt.Errorf("build duckdb: feed dir: %w", err)
	} else if !st.IsDir() {
		return fmt.Errorf("build duckdb: feed dir %s is not a directory", feed)
	}
	dbAbs, err := filepath.Abs(dbPath)
	if err != nil {
		return fmt.Errorf("build duckdb: db path %s: %w", dbPath, err)
	}
	if err := os.MkdirAll(filepath.Dir(dbAbs), 0o755); err != nil {
		return fmt.Errorf("build duckdb: %w", err)
	}
	tmp := fmt.Sprintf("%s.tmp-%d", dbAbs, os.Getpid())
	removeDB(tmp)
	if err := buildAt(ctx, feed, tmp, log, queries); err != nil {
		removeDB(tmp)
		return err
	}
	if err := os.Rename(tmp, dbAbs); err != nil {
		removeDB(tmp)
		return fmt.Errorf("build duckdb: move %s into place: %w", dbAbs, err)
	}
	_ = os.Remove(dbAbs + ".wal") // a stale WAL of an older database must not be replayed
	log.Info("duckdb built", "db", dbAbs, "feed", feed)
	return nil
}

func removeDB(p string) {
	_ = os.Remove(p)
	_ = os.Remove(p + ".wal")
}

func buildAt(ctx context.Context, feed, path string, log *slog.Logger, queries fs.FS) (err error) {
	conn, err := duck.NewConnector(path+"?threads=2&"+dsnSafety, nil)
	if err != nil {
		return fmt.Errorf("build duckdb: open %s: %w", path, err)
	}
	db := sql.OpenDB(conn)
	defer func() {
		if cerr := db.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("build duckdb: close %s: %w", path, cerr)
		}
	}()
	db.SetMaxOpenConns(1)
	exec := func(what, q string, args ...any) error {
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("build duckdb: %s: %w", what, err)
		}
		return nil
	}
	if err := exec("timezone", "SET TimeZone = 'UTC'"); err != nil {
		return err
	}
	if err := exec("meta table", "CREATE TABLE "+metaTable+" (key VARCHAR PRIMARY KEY, value VARCHAR)"); err != nil {
		return err
	}
	meta := [][2]string{
		{"feed_dir", feed},
		{"schema_version", schemas.Version},
		{"built_at", time.Now().UTC().Format(time.RFC3339)},
	}
	for _, t := range schemas.All {
		view, files, err := viewSQL(ctx, db, feed, t)
		if err != nil {
			return err
		}
		if err := exec("create view "+t.Name, view); err != nil {
			return err
		}
		meta = append(meta, [2]string{"files_" + t.Name, strconv.Itoa(files)})
		log.Debug("duckdb view", "table", t.Name, "files", files)
	}
	names, texts, err := Macros()
	if queries != nil {
		names, texts, err = macrosIn(queries)
	}
	if err != nil {
		return err
	}
	for _, n := range names {
		if err := exec("query file "+n, texts[n]); err != nil {
			return err
		}
	}
	for _, kv := range meta {
		if err := exec("meta", "INSERT INTO "+metaTable+" VALUES (?, ?)", kv[0], kv[1]); err != nil {
			return err
		}
	}
	// Bind every comparison once so a broken macro fails the build, not the reader.
	for _, k := range Kinds {
		m := "total_expenditure"
		switch k {
		case KindComposition:
			m = schemas.SchemeFunction
		case KindSplit:
			m = "basic_project"
		}
		q, args, err := compareSQL(CompareRequest{Kind: k, Metric: m})
		if err != nil {
			return err
		}
		if err := exec("check "+k, "DESCRIBE "+q, args...); err != nil {
			return err
		}
	}
	return exec("checkpoint", "CHECKPOINT")
}

// viewSQL returns the CREATE VIEW statement of table t and the number of
// Parquet files found for it. Columns are cast to the published types; a
// column missing from every file (an older feed) is NULL of its type.
func viewSQL(ctx context.Context, db *sql.DB, feed string, t *schemas.Table) (string, int, error) {
	dir := filepath.Join(feed, t.Name)
	files := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipAll
			}
			return err
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".parquet") {
			files++
		}
		return nil
	})
	if err != nil {
		return "", 0, fmt.Errorf("build duckdb: list %s: %w", dir, err)
	}
	var sel []string
	if files == 0 {
		for _, c := range t.Columns {
			sel = append(sel, fmt.Sprintf("CAST(NULL AS %s) AS %s", DuckType(c.Kind), ident(c.Name)))
		}
		return fmt.Sprintf("CREATE VIEW %s AS SELECT %s WHERE false", ident(t.Name), strings.Join(sel, ", ")), 0, nil
	}
	src := fmt.Sprintf("read_parquet(%s, hive_partitioning = true, union_by_name = true)",
		literal(filepath.ToSlash(dir)+"/**/*.parquet"))
	have := map[string]bool{}
	rows, err := db.QueryContext(ctx, "SELECT column_name FROM (DESCRIBE SELECT * FROM "+src+")")
	if err != nil {
		return "", 0, fmt.Errorf("build duckdb: read schema of %s: %w", dir, err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return "", 0, fmt.Errorf("build duckdb: read schema of %s: %w", dir, err)
		}
		have[n] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", 0, fmt.Errorf("build duckdb: read schema of %s: %w", dir, err)
	}
	for _, c := range t.Columns {
		if have[c.Name] {
			sel = append(sel, fmt.Sprintf("CAST(%s AS %s) AS %s", ident(c.Name), DuckType(c.Kind), ident(c.Name)))
		} else {
			sel = append(sel, fmt.Sprintf("CAST(NULL AS %s) AS %s", DuckType(c.Kind), ident(c.Name)))
		}
	}
	view := fmt.Sprintf("CREATE VIEW %s AS SELECT %s FROM %s", ident(t.Name), strings.Join(sel, ", "), src)
	if t == schemas.Facts && !have["preferred"] {
		view = factsCompatView(sel, src)
	}
	return view, files, nil
}

// preferKeySQL and preferRankSQL are the rule of facts.preferred in SQL
// (pipeline/preferred.go is the same rule in Go): the preferred fact is the
// first by preferRankSQL among the facts of one preferKeySQL. Class metrics
// prefer a figure with an amount, then the table cell; every other metric
// prefers the text; then start, location and quote.
const (
	preferKeySQL  = `doc_id, fiscal_year, stage, period, metric, scheme, code`
	preferRankSQL = `CASE WHEN metric IN ('function_class', 'economic_class') THEN CAST(amount_yuan IS NULL AS INTEGER) ELSE 0 END,
CASE WHEN metric IN ('function_class', 'economic_class') THEN CAST(coalesce(method, '') <> 'table' AS INTEGER)
     ELSE CAST(coalesce(method, '') <> 'text' AS INTEGER) END,
start, location, quote`
)

// factsCompatView is the facts view of a feed published before facts had
// county, department_type, scope and preferred: it copies the first three
// from the document and ranks each figure's facts by the preference rule,
// so the comparisons give the same answers on an old feed as on a new one
// (slower: it joins documents and sorts every fact). sel is the select list
// of the plain view, with NULL for the missing columns.
func factsCompatView(sel []string, src string) string {
	derived := map[string]string{
		"county":          "CAST(d.county AS VARCHAR)",
		"department_type": "CAST(d.department_type AS VARCHAR)",
		"scope":           "CAST(d.scope AS VARCHAR)",
		"preferred":       "CAST(f.bf_first AS TINYINT)",
	}
	outer := make([]string, 0, len(schemas.Facts.Columns))
	for _, c := range schemas.Facts.Columns {
		if e, ok := derived[c.Name]; ok {
			outer = append(outer, e+" AS "+ident(c.Name))
		} else {
			outer = append(outer, "f."+ident(c.Name))
		}
	}
	return fmt.Sprintf(`CREATE VIEW facts AS SELECT %s
FROM (SELECT *, row_number() OVER (PARTITION BY %s ORDER BY %s) = 1 AS bf_first FROM (SELECT %s FROM %s)) f
LEFT JOIN documents d ON d.doc_id = f.doc_id`,
		strings.Join(outer, ", "), preferKeySQL, preferRankSQL, strings.Join(sel, ", "), src)
}

func ident(s string) string   { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
func literal(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }
