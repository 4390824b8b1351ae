package duckdb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	duck "github.com/duckdb/duckdb-go/v2"
)

// Options bound the resources of a Querier.
type Options struct {
	Threads     int    // DuckDB threads; 0: the number of CPUs
	MemoryLimit string // DuckDB memory_limit; "": 2GB
}

// Querier runs read-only queries against a built database.
type Querier struct {
	db     *sql.DB
	path   string
	feed   string
	log    *slog.Logger
	closed bool

	mu    sync.Mutex
	years map[string]int32 // latest year per metric and stage; the database is immutable
}

// Result is a fully read query result. DECIMAL values are Decimal (exact),
// DATE and TIMESTAMP values time.Time, integers int64 or *big.Int (HUGEINT),
// text string, NULL nil.
type Result struct {
	Columns []string
	Types   []string // DuckDB type names, one per column
	Rows    [][]any
}

// Open opens the database at dbPath read-only with the default Options.
func Open(ctx context.Context, dbPath string, log *slog.Logger) (*Querier, error) {
	return OpenWith(ctx, dbPath, Options{}, log)
}

// OpenWith opens the database at dbPath read-only. The DuckDB configuration
// is locked: access_mode=read_only, enable_external_access=false with only the
// feed directory in allowed_directories, no extension install or auto-load,
// bounded threads and memory_limit.
func OpenWith(ctx context.Context, dbPath string, o Options, log *slog.Logger) (*Querier, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return nil, fmt.Errorf("open duckdb %s: %w", dbPath, err)
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("open duckdb: %w", err)
	}
	feed, err := readFeedDir(ctx, abs)
	if err != nil {
		return nil, err
	}
	if o.Threads <= 0 {
		o.Threads = runtime.NumCPU()
	}
	if o.MemoryLimit == "" {
		o.MemoryLimit = "2GB"
	}
	allowed := []string{literal(strings.TrimSuffix(feed, "/") + "/")}
	if real, err := filepath.EvalSymlinks(feed); err == nil && real != feed {
		allowed = append(allowed, literal(strings.TrimSuffix(real, "/")+"/"))
	}
	dsn := fmt.Sprintf("%s?access_mode=read_only&threads=%d&memory_limit=%s&%s", abs, o.Threads, o.MemoryLimit, dsnSafety)
	var once sync.Once
	conn, err := duck.NewConnector(dsn, func(e driver.ExecerContext) error {
		var ierr error
		once.Do(func() {
			for _, s := range []string{
				"SET GLOBAL TimeZone = 'UTC'",
				"SET GLOBAL temp_directory = ''",
				"SET GLOBAL allowed_directories = [" + strings.Join(allowed, ", ") + "]",
				"SET GLOBAL enable_external_access = false",
				// Keep Parquet footers (schema, row-group statistics) in
				// memory between queries: every comparison opens the same
				// year files again.
				"SET GLOBAL parquet_metadata_cache = true",
				// Results are ordered by the macros' ORDER BY; the scans
				// need not keep file order.
				"SET GLOBAL preserve_insertion_order = false",
				"SET GLOBAL lock_configuration = true",
			} {
				if _, ierr = e.ExecContext(ctx, s, nil); ierr != nil {
					ierr = fmt.Errorf("%s: %w", s, ierr)
					return
				}
			}
		})
		return ierr
	})
	if err != nil {
		return nil, fmt.Errorf("open duckdb %s: %w", abs, err)
	}
	db := sql.OpenDB(conn)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open duckdb %s: %w", abs, err)
	}
	log.Debug("duckdb opened read-only", "db", abs, "feed", feed, "threads", o.Threads, "memory_limit", o.MemoryLimit)
	return &Querier{db: db, path: abs, feed: feed, log: log}, nil
}

// readFeedDir reads the feed directory Build recorded in the database.
func readFeedDir(ctx context.Context, path string) (string, error) {
	conn, err := duck.NewConnector(path+"?access_mode=read_only&threads=1&"+dsnSafety, nil)
	if err != nil {
		return "", fmt.Errorf("open duckdb %s: %w", path, err)
	}
	db := sql.OpenDB(conn)
	defer db.Close()
	var feed string
	if err := db.QueryRowContext(ctx, "SELECT value FROM "+metaTable+" WHERE key = 'feed_dir'").Scan(&feed); err != nil {
		return "", fmt.Errorf("open duckdb %s: not a budgetfeed database (rebuild it): %w", path, err)
	}
	return feed, nil
}

// Close releases the database.
func (q *Querier) Close() error {
	if q.closed {
		return nil
	}
	q.closed = true
	return q.db.Close()
}

// FeedDir is the feed directory the database reads.
func (q *Querier) FeedDir() string { return q.feed }

// ErrNotReadOnly reports SQL that is not a single read-only query.
var ErrNotReadOnly = errors.New("only a single read-only query (SELECT, FROM, WITH, DESCRIBE, SHOW, SUMMARIZE) is allowed")

// checkReadOnly asks DuckDB's own parser whether sql is exactly one SELECT
// statement. This sits on top of the read-only, locked configuration: it also
// refuses COPY into the feed directory, which the configuration would allow.
func (q *Querier) checkReadOnly(ctx context.Context, query string) error {
	var js string
	if err := q.db.QueryRowContext(ctx, "SELECT CAST(json_serialize_sql(CAST(? AS VARCHAR)) AS VARCHAR)", query).Scan(&js); err != nil {
		return fmt.Errorf("parse query: %w", err)
	}
	var parsed struct {
		Error      bool              `json:"error"`
		Message    string            `json:"error_message"`
		Statements []json.RawMessage `json:"statements"`
	}
	if err := json.Unmarshal([]byte(js), &parsed); err != nil {
		return fmt.Errorf("parse query: %w", err)
	}
	switch {
	case parsed.Error && strings.Contains(parsed.Message, "Only SELECT"):
		return ErrNotReadOnly
	case parsed.Error:
		return fmt.Errorf("parse query: %s", parsed.Message)
	case len(parsed.Statements) != 1:
		return fmt.Errorf("%w: got %d statements", ErrNotReadOnly, len(parsed.Statements))
	}
	return nil
}

// Query runs one read-only SQL query and reads its whole result.
func (q *Querier) Query(ctx context.Context, query string, args ...any) (*Result, error) {
	if err := q.checkReadOnly(ctx, query); err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	return q.query(ctx, query, args...)
}

// query runs SQL without the statement check; the DuckDB configuration still
// applies.
func (q *Querier) query(ctx context.Context, query string, args ...any) (*Result, error) {
	start := time.Now()
	rows, err := q.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("query: columns: %w", err)
	}
	cts, err := rows.ColumnTypes()
	if err != nil {
		return nil, fmt.Errorf("query: column types: %w", err)
	}
	r := &Result{Columns: cols}
	for _, ct := range cts {
		r.Types = append(r.Types, ct.DatabaseTypeName())
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("query: row %d: %w", len(r.Rows)+1, err)
		}
		for i, v := range vals {
			vals[i] = normalize(v)
		}
		r.Rows = append(r.Rows, vals)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	q.log.Debug("duckdb query", "rows", len(r.Rows), "took", time.Since(start))
	return r, nil
}

// Decimal is an exact DECIMAL value: Unscaled × 10^-Scale.
type Decimal struct {
	Unscaled *big.Int
	Scale    uint8
}

// String formats the decimal with exactly Scale places: "1206600.00".
func (d Decimal) String() string {
	if d.Unscaled == nil {
		return ""
	}
	s := new(big.Int).Abs(d.Unscaled).String()
	sign := ""
	if d.Unscaled.Sign() < 0 {
		sign = "-"
	}
	if d.Scale == 0 {
		return sign + s
	}
	sc := int(d.Scale)
	if len(s) <= sc {
		s = strings.Repeat("0", sc-len(s)+1) + s
	}
	return sign + s[:len(s)-sc] + "." + s[len(s)-sc:]
}

// Rat returns the exact value as a rational number.
func (d Decimal) Rat() *big.Rat {
	den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d.Scale)), nil)
	return new(big.Rat).SetFrac(d.Unscaled, den)
}

// MarshalJSON writes the decimal as a JSON number with its exact digits.
func (d Decimal) MarshalJSON() ([]byte, error) { return []byte(d.String()), nil }

func normalize(v any) any {
	switch x := v.(type) {
	case duck.Decimal:
		return Decimal{Unscaled: x.Value, Scale: x.Scale}
	case int8:
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case uint8:
		return int64(x)
	case uint16:
		return int64(x)
	case uint32:
		return int64(x)
	case []byte:
		return string(x)
	}
	return v
}
