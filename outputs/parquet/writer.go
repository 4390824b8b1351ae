package parquet

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// DefaultRowGroupRows is the default number of rows per row group (128Ki).
const DefaultRowGroupRows = 128 * 1024

// PartitionColumn is the column the partitioned tables are split on.
const PartitionColumn = "fiscal_year"

// Metadata keys written into every Parquet file besides schemas.VersionKey.
const (
	TableKey     = "budgetfeed.table"      // table name
	SortKeyKey   = "budgetfeed.sort_key"   // comma-separated sort key columns
	SortScopeKey = "budgetfeed.sort_scope" // "row_group": each row group is sorted
	PartitionKey = "budgetfeed.partition"  // "fiscal_year=2024", empty when unpartitioned
)

// Options configures a Writer.
type Options struct {
	// OutDir holds the releases (OutDir/releases/<id>/) and the link to the
	// latest one (OutDir/feed).
	OutDir string
	// RowGroupRows is the number of rows per row group; default 128Ki.
	RowGroupRows int
	// MaxBufferedRows caps the rows held in memory over all open partition
	// files; when it is exceeded the largest buffer is flushed early as a
	// smaller row group. Default 4 × RowGroupRows.
	MaxBufferedRows int
	// BaseURL, when set, is the URL the release directory will be served
	// from (ending in "/"); catalog.jsonld then uses absolute download URLs.
	// Empty means IRIs relative to the catalog file.
	BaseURL string
	// Now returns the current time; default time.Now. For tests.
	Now func() time.Time
	// Log receives progress; default discards.
	Log *slog.Logger
	// Allocator for Arrow buffers; default memory.DefaultAllocator.
	Allocator memory.Allocator
}

// Writer streams rows of the five tables into a staging release. Write may be
// called many times from one goroutine; Commit publishes, Abort discards.
type Writer struct {
	o        Options
	log      *slog.Logger
	mem      memory.Allocator
	staging  string
	files    map[string]*partFile // by relative directory
	types    map[*schemas.Table]reflect.Type
	buffered int
	done     bool
}

// partFile is one Parquet file being written: one table, one partition.
type partFile struct {
	table       *schemas.Table
	dir         string // relative directory: "facts/fiscal_year=2024" or "codes"
	partitioned bool
	year        int32
	f           *os.File
	bw          *bufio.Writer
	fw          *pqarrow.FileWriter
	buf         reflect.Value // []Row buffered, not yet written
	rows        int64         // rows written to the file
	rowGroups   int
}

func (p *partFile) rel() string { return p.dir + "/part-00000.parquet" }

// NewWriter opens a staging release under o.OutDir/releases.
func NewWriter(o Options) (*Writer, error) {
	if o.OutDir == "" {
		return nil, errors.New("parquet: Options.OutDir is empty")
	}
	if o.RowGroupRows <= 0 {
		o.RowGroupRows = DefaultRowGroupRows
	}
	if o.MaxBufferedRows <= 0 {
		o.MaxBufferedRows = 4 * o.RowGroupRows
	}
	if o.MaxBufferedRows < o.RowGroupRows {
		o.MaxBufferedRows = o.RowGroupRows
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Allocator == nil {
		o.Allocator = memory.DefaultAllocator
	}
	if o.BaseURL != "" && !strings.HasSuffix(o.BaseURL, "/") {
		o.BaseURL += "/"
	}
	rel := filepath.Join(o.OutDir, "releases")
	if err := os.MkdirAll(rel, 0o755); err != nil {
		return nil, fmt.Errorf("parquet: create %s: %w", rel, err)
	}
	var rnd [4]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return nil, fmt.Errorf("parquet: staging id: %w", err)
	}
	staging := filepath.Join(rel, ".staging-"+o.Now().UTC().Format("20060102T150405Z")+"-"+hex.EncodeToString(rnd[:]))
	if err := os.Mkdir(staging, 0o755); err != nil {
		return nil, fmt.Errorf("parquet: create staging %s: %w", staging, err)
	}
	o.Log.Debug("staging release opened", "dir", staging)
	return &Writer{
		o: o, log: o.Log, mem: o.Allocator, staging: staging,
		files: map[string]*partFile{}, types: map[*schemas.Table]reflect.Type{},
	}, nil
}

// StagingDir returns the directory the release is being built in.
func (w *Writer) StagingDir() string { return w.staging }

// Write buffers rows of table (a slice of the table's row type: []schemas.Fact
// for schemas.Facts, and so on) and flushes full row groups to their
// partition files.
func (w *Writer) Write(table *schemas.Table, rows any) error {
	if w.done {
		return errors.New("parquet: write after commit or abort")
	}
	if table == nil {
		return errors.New("parquet: write: nil table")
	}
	if t, ok := schemas.TableByName(table.Name); !ok || t != table {
		return fmt.Errorf("parquet: write: %q is not a published table", table.Name)
	}
	rv := reflect.ValueOf(rows)
	if err := w.checkType(table, rv); err != nil {
		return err
	}
	n := rv.Len()
	if n == 0 {
		return nil
	}
	if !isPartitioned(table) {
		return w.append(w.file(table, false, 0), rv)
	}
	col, _ := table.Column(PartitionColumn)
	fi := w.types[table].Elem()
	f, _ := fi.FieldByName(col.Field)
	// Append runs of consecutive rows of the same year in one go.
	start := 0
	year := int32(rv.Index(0).Field(f.Index[0]).Int())
	for i := 1; i <= n; i++ {
		var y int32
		if i < n {
			y = int32(rv.Index(i).Field(f.Index[0]).Int())
			if y == year {
				continue
			}
		}
		if err := w.append(w.file(table, true, year), rv.Slice(start, i)); err != nil {
			return err
		}
		start, year = i, y
	}
	return nil
}

// checkType verifies that rv is a slice of the table's row type.
func (w *Writer) checkType(table *schemas.Table, rv reflect.Value) error {
	if t, ok := w.types[table]; ok {
		if rv.Type() != t {
			return fmt.Errorf("parquet: write %s: rows are %s, want %s", table.Name, rv.Type(), t)
		}
		return nil
	}
	if rv.Kind() != reflect.Slice {
		return fmt.Errorf("parquet: write %s: rows are %T, want a slice", table.Name, rv.Interface())
	}
	rec, err := table.Record(w.mem, rv.Slice(0, 0).Interface())
	if err != nil {
		return fmt.Errorf("parquet: write: %w", err)
	}
	rec.Release()
	w.types[table] = rv.Type()
	return nil
}

func isPartitioned(t *schemas.Table) bool {
	_, ok := t.Column(PartitionColumn)
	return ok
}

// file returns the partition file for table and year, creating its state.
func (w *Writer) file(table *schemas.Table, partitioned bool, year int32) *partFile {
	dir := table.Name
	if partitioned {
		dir += "/" + PartitionColumn + "=" + strconv.Itoa(int(year))
	}
	p, ok := w.files[dir]
	if !ok {
		p = &partFile{table: table, dir: dir, partitioned: partitioned, year: year,
			buf: reflect.MakeSlice(w.types[table], 0, 0)}
		w.files[dir] = p
	}
	return p
}

// append adds rows to p's buffer, flushing full row groups.
func (w *Writer) append(p *partFile, rows reflect.Value) error {
	for rows.Len() > 0 {
		room := w.o.RowGroupRows - p.buf.Len()
		k := min(room, rows.Len())
		if need := p.buf.Len() + k; need > p.buf.Cap() {
			// Grow eightfold up to one row group (append's 1.25× steps
			// copy these large structs far too often).
			nb := reflect.MakeSlice(p.buf.Type(), p.buf.Len(), min(w.o.RowGroupRows, max(need, 8*p.buf.Cap(), 1024)))
			reflect.Copy(nb, p.buf)
			p.buf = nb
		}
		p.buf = reflect.AppendSlice(p.buf, rows.Slice(0, k))
		w.buffered += k
		rows = rows.Slice(k, rows.Len())
		if p.buf.Len() >= w.o.RowGroupRows {
			if err := w.flush(p); err != nil {
				return err
			}
		}
	}
	for w.buffered > w.o.MaxBufferedRows {
		var big *partFile
		for _, q := range w.files {
			if big == nil || q.buf.Len() > big.buf.Len() {
				big = q
			}
		}
		if err := w.flush(big); err != nil {
			return err
		}
	}
	return nil
}

// flush sorts p's buffer and writes it as one row group.
func (w *Writer) flush(p *partFile) error {
	n := p.buf.Len()
	if p.fw == nil {
		if err := w.open(p); err != nil {
			return err
		}
	}
	if n == 0 {
		return nil
	}
	sortRows(p.table, p.buf)
	rec, err := p.table.Record(w.mem, p.buf.Interface())
	if err != nil {
		return fmt.Errorf("parquet: %s: %w", p.rel(), err)
	}
	err = p.fw.Write(rec)
	rec.Release()
	if err != nil {
		return fmt.Errorf("parquet: write row group to %s: %w", p.rel(), err)
	}
	p.rows += int64(n)
	p.rowGroups++
	w.buffered -= n
	// Drop references to the written rows so their strings can be freed,
	// but keep the backing array for the next row group.
	p.buf.Clear()
	p.buf = p.buf.Slice(0, 0)
	w.log.Debug("row group written", "file", p.rel(), "rows", n)
	return nil
}

// writerProps returns the Parquet properties of a table's files: zstd,
// dictionary encoding for strings, statistics, row-group sort order.
func (w *Writer) writerProps(t *schemas.Table) *parquet.WriterProperties {
	opts := []parquet.WriterProperty{
		parquet.WithAllocator(w.mem),
		parquet.WithCompression(compress.Codecs.Zstd),
		parquet.WithCompressionLevel(3),
		parquet.WithDictionaryDefault(false),
		parquet.WithMaxRowGroupLength(int64(w.o.RowGroupRows)),
		parquet.WithStats(true),
		parquet.WithVersion(parquet.V2_6),
		parquet.WithCreatedBy("budgetfeed outputs/parquet (arrow-go v18)"),
	}
	for _, c := range t.Columns {
		if c.Kind == schemas.KindString {
			opts = append(opts, parquet.WithDictionaryFor(c.Name, true))
		}
	}
	var sc []parquet.SortingColumn
	for _, k := range t.SortKey {
		for i, c := range t.Columns {
			if c.Name == k {
				sc = append(sc, parquet.SortingColumn{ColumnIdx: int32(i), NullsFirst: true})
			}
		}
	}
	opts = append(opts, parquet.WithSortingColumns(sc))
	return parquet.NewWriterProperties(opts...)
}

// open creates p's file and Parquet writer in the staging directory.
func (w *Writer) open(p *partFile) error {
	dir := filepath.Join(w.staging, filepath.FromSlash(p.dir))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("parquet: create %s: %w", dir, err)
	}
	name := filepath.Join(w.staging, filepath.FromSlash(p.rel()))
	f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("parquet: create %s: %w", name, err)
	}
	p.f = f
	p.bw = bufio.NewWriterSize(f, 1<<20)
	// The bufio.Writer is not an io.Closer, so closing the Parquet writer
	// leaves the file to us (to fsync it first).
	fw, err := pqarrow.NewFileWriter(p.table.Schema(), p.bw, w.writerProps(p.table),
		pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema(), pqarrow.WithAllocator(w.mem)))
	if err != nil {
		f.Close()
		return fmt.Errorf("parquet: writer for %s: %w", name, err)
	}
	part := ""
	if p.partitioned {
		part = PartitionColumn + "=" + strconv.Itoa(int(p.year))
	}
	for _, kv := range [][2]string{
		{SortKeyKey, strings.Join(p.table.SortKey, ",")},
		{SortScopeKey, "row_group"},
		{PartitionKey, part},
	} {
		if err := fw.AppendKeyValueMetadata(kv[0], kv[1]); err != nil {
			fw.Close()
			f.Close()
			return fmt.Errorf("parquet: metadata of %s: %w", name, err)
		}
	}
	p.fw = fw
	return nil
}

// finish flushes and closes p's file, fsyncs it and makes it read-only.
func (w *Writer) finish(p *partFile) error {
	if err := w.flush(p); err != nil {
		return err
	}
	if err := p.fw.Close(); err != nil {
		p.f.Close()
		return fmt.Errorf("parquet: close %s: %w", p.rel(), err)
	}
	if err := p.bw.Flush(); err != nil {
		p.f.Close()
		return fmt.Errorf("parquet: flush %s: %w", p.rel(), err)
	}
	if err := p.f.Sync(); err != nil {
		p.f.Close()
		return fmt.Errorf("parquet: fsync %s: %w", p.rel(), err)
	}
	if err := p.f.Close(); err != nil {
		return fmt.Errorf("parquet: close %s: %w", p.rel(), err)
	}
	if err := os.Chmod(p.f.Name(), 0o444); err != nil {
		return fmt.Errorf("parquet: chmod %s: %w", p.rel(), err)
	}
	p.fw, p.f, p.bw = nil, nil, nil
	return nil
}

// closeAll finishes every partition file, creating empty files for the
// unpartitioned tables that received no rows so that every release has them.
func (w *Writer) closeAll() error {
	for _, t := range schemas.All {
		if isPartitioned(t) {
			continue
		}
		if _, ok := w.types[t]; !ok {
			w.types[t] = emptyRowsType(t)
		}
		w.file(t, false, 0)
	}
	dirs := make([]string, 0, len(w.files))
	for d := range w.files {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		if err := w.finish(w.files[d]); err != nil {
			return err
		}
	}
	return nil
}

// emptyRowsType returns the slice type of a table's rows.
func emptyRowsType(t *schemas.Table) reflect.Type {
	switch t {
	case schemas.Documents:
		return reflect.TypeOf([]schemas.Document(nil))
	case schemas.Facts:
		return reflect.TypeOf([]schemas.Fact(nil))
	case schemas.QualityTable:
		return reflect.TypeOf([]schemas.Quality(nil))
	case schemas.Codes:
		return reflect.TypeOf([]schemas.Code(nil))
	default:
		return reflect.TypeOf([]schemas.LedgerEntry(nil))
	}
}

// Abort closes open files and removes the staging directory. The previous
// release and the feed link are untouched.
func (w *Writer) Abort() error {
	if w.done {
		return nil
	}
	w.done = true
	for _, p := range w.files {
		if p.fw != nil {
			p.fw.Close()
		}
		if p.f != nil {
			p.f.Close()
		}
	}
	if err := os.RemoveAll(w.staging); err != nil {
		return fmt.Errorf("parquet: remove staging %s: %w", w.staging, err)
	}
	w.log.Info("staging release aborted", "dir", w.staging)
	return nil
}

// emptyRowsSlice returns an empty slice of the table's row type.
func emptyRowsSlice(t *schemas.Table) any {
	return reflect.MakeSlice(emptyRowsType(t), 0, 0).Interface()
}

// appendRows appends the rows slice b to the rows slice a of the same type.
func appendRows(a, b any) any {
	return reflect.AppendSlice(reflect.ValueOf(a), reflect.ValueOf(b)).Interface()
}
