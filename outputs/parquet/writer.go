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

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// DefaultRowGroupRows is the default number of rows per row group (128Ki).
const DefaultRowGroupRows = 128 * 1024

// DefaultMaxBufferedBytes is the default cap on the memory of the rows
// buffered over all open partition files (96 MiB).
const DefaultMaxBufferedBytes = 96 << 20

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
	// MaxBufferedBytes caps the memory the buffered rows take over all open
	// partition files (their Arrow buffers as allocated); when it is
	// exceeded the largest buffer is flushed early as a smaller row group.
	// Default DefaultMaxBufferedBytes. With it the writer's memory does not
	// depend on how wide the rows are or how many partitions are open.
	MaxBufferedBytes int64
	// BaseURL, when set, is the URL the release directory will be served
	// from (ending in "/"); catalog.jsonld then uses absolute download URLs.
	// Empty means IRIs relative to the catalog file.
	BaseURL string
	// Now returns the current time; default time.Now. For tests.
	Now func() time.Time
	// noDictArrays makes the writer hand the Parquet encoder plain string
	// columns to hash into dictionaries itself, as arrow-go does by default:
	// for the test that both paths write the same bytes.
	noDictArrays bool
	// Log receives progress; default discards.
	Log *slog.Logger
	// Allocator for Arrow buffers; default memory.DefaultAllocator, with the
	// row buffers' memory recycled from chunk to chunk (chunkPool). A given
	// allocator is used for everything, without recycling.
	Allocator memory.Allocator
}

// Writer streams rows of the five tables into a staging release. Write may be
// called many times from one goroutine; Commit publishes, Abort discards.
type Writer struct {
	o        Options
	log      *slog.Logger
	mem      memory.Allocator
	bufMem   memory.Allocator // of the row buffers' builders
	staging  string
	files    map[string]*partFile // by relative directory and metric (bufKey)
	outs     map[string]*outFile  // by relative directory
	gather   map[*schemas.Table]*gatherer
	buffered int   // rows buffered over all partition files
	bufBytes int64 // bytes of their buffers
	done     bool
}

// outFile is one Parquet file being written: one table, one partition.
type outFile struct {
	f         *os.File
	bw        *bufio.Writer
	fw        *pqarrow.FileWriter
	rows      int64 // rows written to the file
	rowGroups int
	closed    bool
}

// partFile is the row buffer of one partition file and, for facts, one
// metric: facts are written as row groups of a single metric each, so a
// reader filtering on metric (every comparison does) skips the row groups of
// the other metrics by their statistics instead of decoding the whole year.
// Within a row group rows stay sorted by the table's SortKey.
type partFile struct {
	table       *schemas.Table
	dir         string // relative directory: "facts/fiscal_year=2024" or "codes"
	metric      string // facts: the metric of every buffered row
	partitioned bool
	year        int32
	out         *outFile // shared by the buffers of one file
	// The rows buffered, not yet written, as Arrow columns: about the size
	// of their text, where []Row would also hold every string header and
	// keep the GC scanning them. Full chunks of chunkRows rows are sealed
	// into arrays (chunks[k][column]); rb builds the next one.
	rb     *array.RecordBuilder
	chunks [][]arrow.Array
	rbRows int   // rows in rb
	n      int   // rows buffered: in chunks and rb
	sealed int64 // bytes of the sealed chunks
	bytes  int64 // memory of the buffers (sealed + rb's capacity), as of the last append
	// stage holds up to stageRows rows (a slice of the table's row type)
	// not yet appended to rb. The pipeline writes a document at a time, so
	// a fact buffer receives ~3 rows per Write; appending them to rb's ~36
	// builders costs per call, not per row, and staging amortises it.
	stage any
}

// stageRows is the number of rows a buffer stages before appending them to
// its builders. ~115 open buffers × 64 rows of ~1 KB (struct and strings)
// keep well under 10 MiB outside MaxBufferedBytes.
const stageRows = 64

func (p *partFile) rel() string { return p.dir + "/part-00000.parquet" }

func (p *partFile) key() string { return p.dir + "\x00" + p.metric }

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
	if o.MaxBufferedBytes <= 0 {
		o.MaxBufferedBytes = DefaultMaxBufferedBytes
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	var bufMem memory.Allocator = o.Allocator
	if o.Allocator == nil {
		o.Allocator = memory.DefaultAllocator
		bufMem = newChunkPool(o.MaxBufferedBytes / 4)
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
		o: o, log: o.Log, mem: o.Allocator, bufMem: bufMem, staging: staging,
		files: map[string]*partFile{}, outs: map[string]*outFile{}, gather: map[*schemas.Table]*gatherer{},
	}, nil
}

// StagingDir returns the directory the release is being built in.
func (w *Writer) StagingDir() string { return w.staging }

// Write buffers rows of table (a slice of the table's row type: []schemas.Fact
// for schemas.Facts, and so on) and flushes full row groups to their
// partition files. The rows are copied: the caller may reuse the slice.
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
	switch rs := rows.(type) {
	case []schemas.Fact:
		if table == schemas.Facts {
			return writeRuns(w, table, rs, func(r *schemas.Fact) partKey { return partKey{r.FiscalYear, r.Metric} })
		}
	case []schemas.Document:
		if table == schemas.Documents {
			return writeRuns(w, table, rs, func(r *schemas.Document) partKey { return partKey{year: r.FiscalYear} })
		}
	case []schemas.Quality:
		if table == schemas.QualityTable {
			return writeRuns(w, table, rs, func(r *schemas.Quality) partKey { return partKey{year: r.FiscalYear} })
		}
	case []schemas.Code:
		if table == schemas.Codes {
			return writeRuns[schemas.Code](w, table, rs, nil)
		}
	case []schemas.LedgerEntry:
		if table == schemas.Ledger {
			return writeRuns[schemas.LedgerEntry](w, table, rs, nil)
		}
	}
	rv := reflect.ValueOf(rows)
	if rv.Kind() != reflect.Slice || rv.Type().Elem() != table.RowType() {
		return fmt.Errorf("parquet: write %s: rows are %T, want []%s", table.Name, rows, table.RowType())
	}
	return fmt.Errorf("parquet: write %s: no writer for rows of type %T", table.Name, rows)
}

// partKey selects a row buffer: the fiscal-year partition and, for facts,
// the metric (one row group per metric).
type partKey struct {
	year   int32
	metric string
}

// writeRuns appends rows to their partition buffers. key is nil for
// unpartitioned tables. Rows of one key are appended as they are; a mix is
// split into one selection of row indexes per key, in order of first
// appearance.
func writeRuns[R any](w *Writer, table *schemas.Table, rows []R, key func(*R) partKey) error {
	if len(rows) == 0 {
		return nil
	}
	if key == nil {
		return stageRuns(w, w.file(table, false, partKey{}), rows, nil)
	}
	k0 := key(&rows[0])
	mixed := false
	for i := 1; i < len(rows) && !mixed; i++ {
		mixed = key(&rows[i]) != k0
	}
	if !mixed {
		return stageRuns(w, w.file(table, true, k0), rows, nil)
	}
	var keys []partKey
	sels := map[partKey][]int32{}
	for i := range rows {
		k := key(&rows[i])
		if _, ok := sels[k]; !ok {
			keys = append(keys, k)
		}
		sels[k] = append(sels[k], int32(i))
	}
	for _, k := range keys {
		if err := stageRuns(w, w.file(table, true, k), rows, sels[k]); err != nil {
			return err
		}
	}
	return nil
}

// stageRuns adds rows (those sel selects, or all) to p: large runs go to
// its builders at once, small ones are staged until stageRows have come.
func stageRuns[R any](w *Writer, p *partFile, rows []R, sel []int32) error {
	n := len(rows)
	if sel != nil {
		n = len(sel)
	}
	st, _ := p.stage.([]R)
	if len(st) == 0 && n >= stageRows {
		if sel == nil {
			return w.append(p, rows, nil, n)
		}
		return w.append(p, rows, sel, n)
	}
	if st == nil {
		st = make([]R, 0, stageRows)
	}
	if sel == nil {
		st = append(st, rows...)
	} else {
		for _, i := range sel {
			st = append(st, rows[i])
		}
	}
	p.stage = st
	if len(st) < stageRows {
		return nil
	}
	return w.unstage(p)
}

// unstage appends p's staged rows to its builders.
func (w *Writer) unstage(p *partFile) error {
	rv := reflect.ValueOf(p.stage)
	if p.stage == nil || rv.Len() == 0 {
		return nil
	}
	err := w.append(p, p.stage, nil, rv.Len())
	rv.Clear() // drop the strings the staged rows kept alive
	p.stage = rv.Slice(0, 0).Interface()
	return err
}

func isPartitioned(t *schemas.Table) bool {
	_, ok := t.Column(PartitionColumn)
	return ok
}

// file returns the row buffer for table and key (year and metric), creating
// its state and that of its partition file.
func (w *Writer) file(table *schemas.Table, partitioned bool, k partKey) *partFile {
	dir := table.Name
	if partitioned {
		dir += "/" + PartitionColumn + "=" + strconv.Itoa(int(k.year))
	}
	bk := dir + "\x00" + k.metric
	p, ok := w.files[bk]
	if !ok {
		o := w.outs[dir]
		if o == nil {
			o = &outFile{}
			w.outs[dir] = o
		}
		p = &partFile{table: table, dir: dir, metric: k.metric, partitioned: partitioned, year: k.year, out: o,
			rb: array.NewRecordBuilder(w.bufMem, table.Schema())}
		w.files[bk] = p
	}
	return p
}

// append adds n rows to p's buffer: rows (a slice of the table's row type)
// or, when sel is not nil, the rows it selects. Full row groups are flushed;
// then the largest buffers are flushed while more than MaxBufferedRows rows
// are buffered in all.
func (w *Writer) append(p *partFile, rows any, sel []int32, n int) error {
	for start := 0; start < n; {
		k := min(w.o.RowGroupRows-p.n, chunkRows-p.rbRows, n-start)
		var err error
		switch {
		case sel != nil:
			err = p.table.AppendSelected(p.rb, rows, sel[start:start+k])
		case start == 0 && k == n:
			err = p.table.Append(p.rb, rows)
		default:
			err = p.table.Append(p.rb, reflect.ValueOf(rows).Slice(start, start+k).Interface())
		}
		if err != nil {
			return fmt.Errorf("parquet: %s: %w", p.rel(), err)
		}
		p.n += k
		p.rbRows += k
		w.buffered += k
		start += k
		if p.rbRows == chunkRows {
			p.seal()
		}
		w.account(p)
		if p.n >= w.o.RowGroupRows {
			if err := w.flush(p); err != nil {
				return err
			}
		}
	}
	for w.buffered > w.o.MaxBufferedRows || w.bufBytes > w.o.MaxBufferedBytes {
		var big *partFile
		for _, q := range w.files {
			if q.n > 0 && (big == nil || q.bytes > big.bytes || (q.bytes == big.bytes && q.key() < big.key())) {
				big = q
			}
		}
		if big == nil {
			break // only empty buffers left (their capacity reserved for the next chunk)
		}
		if err := w.flush(big); err != nil {
			return err
		}
	}
	return nil
}

// flush sorts p's buffer and writes it as one row group.
func (w *Writer) flush(p *partFile) error {
	n := p.n
	if p.out.fw == nil {
		if err := w.open(p); err != nil {
			return err
		}
	}
	if n == 0 {
		return nil
	}
	// The columns of the row group, in chunks; each column is released as
	// soon as its sorted copy is written.
	if p.rbRows > 0 {
		p.seal()
	}
	nc := len(p.table.Columns)
	cols := make([]column, nc)
	for ci := range cols {
		cols[ci] = make(column, len(p.chunks))
		for k, ch := range p.chunks {
			cols[ci][k] = ch[ci]
		}
	}
	clear(p.chunks) // drop the references, or the old chunks stay reachable
	p.chunks = p.chunks[:0]
	defer func() {
		for _, c := range cols {
			for _, a := range c {
				a.Release()
			}
		}
	}()
	p.n, p.sealed = 0, 0
	w.buffered -= n
	w.account(p)
	g := w.gather[p.table]
	if g == nil {
		g = &gatherer{dict: !w.o.noDictArrays}
		w.gather[p.table] = g
	}
	perm := sortPerm(cols, keyColumns(p.table))
	if err := p.out.fw.NewRowGroupChecked(); err != nil {
		return fmt.Errorf("parquet: new row group in %s: %w", p.rel(), err)
	}
	for ci, c := range p.table.Columns {
		gather := g.column
		if g.dict && c.Kind == schemas.KindString && !plainColumns[p.table.Name][c.Name] {
			gather = g.dictionary
		}
		sorted, err := gather(cols[ci], perm)
		if err != nil {
			return fmt.Errorf("parquet: %s column %s: %w", p.rel(), p.table.Columns[ci].Name, err)
		}
		err = p.out.fw.WriteColumnData(sorted)
		sorted.Release()
		if err != nil {
			return fmt.Errorf("parquet: write row group to %s: %w", p.rel(), err)
		}
		for _, a := range cols[ci] {
			a.Release()
		}
		cols[ci] = nil
	}
	p.out.rows += int64(n)
	p.out.rowGroups++
	w.log.Debug("row group written", "file", p.rel(), "rows", n)
	return nil
}

// account updates p's and the writer's count of buffered bytes.
func (w *Writer) account(p *partFile) {
	b := p.sealed
	if p.rb != nil {
		for _, fb := range p.rb.Fields() {
			c := int64(fb.Cap())
			b += c / 8 // validity
			switch x := fb.(type) {
			case *array.StringBuilder:
				b += int64(x.DataCap()) + 4*(c+1)
			case array.Builder:
				if fw, ok := x.Type().(arrow.FixedWidthDataType); ok {
					b += c * int64(fw.BitWidth()/8)
				}
			}
		}
	}
	w.bufBytes += b - p.bytes
	p.bytes = b
}

// seal turns the rows in p's builders into a chunk of arrays. The builders
// start the next chunk empty and grow by doubling: a buffer that receives
// few rows holds little memory, where reserving a full chunk ahead for each
// of the ~100 buffers of a feed (one per fiscal year and metric) filled the
// byte cap with empty capacity and forced many small row groups.
func (p *partFile) seal() {
	fields := p.rb.Fields()
	ch := make([]arrow.Array, len(fields))
	for i, fb := range fields {
		ch[i] = fb.NewArray()
		for _, b := range ch[i].Data().Buffers() {
			if b != nil {
				p.sealed += int64(b.Cap())
			}
		}
	}
	p.chunks = append(p.chunks, ch)
	p.rbRows = 0
}

// keyColumns returns the column indexes of t's sort key.
func keyColumns(t *schemas.Table) []int {
	var out []int
	for _, k := range t.SortKey {
		for i, c := range t.Columns {
			if c.Name == k {
				out = append(out, i)
			}
		}
	}
	return out
}

// plainColumns lists, by table, the string columns written without
// dictionary encoding because their values are (nearly) unique per row: a
// dictionary of them costs a hash-table insert and an allocation per value
// in the encoder, overflows its page and falls back to plain anyway, and
// makes the file larger, not smaller (measured in docs/benchmarks/publish.md).
// Every other string column is dictionary encoded.
var plainColumns = map[string]map[string]bool{
	"documents": {"doc_id": true, "url": true, "title": true, "warc_record_id": true, "payload_sha256": true, "text_sha256": true},
	"facts":     {"value": true, "quote": true, "location": true},
	"ledger":    {"url": true, "sha256": true, "warc_record_id": true},
}

// writerProps returns the Parquet properties of a table's files: zstd,
// dictionary encoding for strings (but plainColumns), statistics, row-group
// sort order.
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
		if c.Kind == schemas.KindString && !plainColumns[t.Name][c.Name] {
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
	p.out.f = f
	p.out.bw = bufio.NewWriterSize(f, 1<<20)
	// The bufio.Writer is not an io.Closer, so closing the Parquet writer
	// leaves the file to us (to fsync it first).
	fw, err := pqarrow.NewFileWriter(p.table.Schema(), p.out.bw, w.writerProps(p.table),
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
	p.out.fw = fw
	return nil
}

// finish flushes p's buffer (creating its file when nothing was written to
// it yet) and frees it; closeOut closes the file once every buffer of it is
// finished.
func (w *Writer) finish(p *partFile) error {
	if p.rb == nil {
		return nil // finished already
	}
	if err := w.flush(p); err != nil {
		return err
	}
	p.release()
	return nil
}

// closeOut closes the partition file o (named rel), fsyncs it and makes it
// read-only.
func closeOut(o *outFile, rel string) error {
	if o.closed || o.fw == nil {
		return nil
	}
	o.closed = true
	if err := o.fw.Close(); err != nil {
		o.f.Close()
		return fmt.Errorf("parquet: close %s: %w", rel, err)
	}
	if err := o.bw.Flush(); err != nil {
		o.f.Close()
		return fmt.Errorf("parquet: flush %s: %w", rel, err)
	}
	if err := o.f.Sync(); err != nil {
		o.f.Close()
		return fmt.Errorf("parquet: fsync %s: %w", rel, err)
	}
	if err := o.f.Close(); err != nil {
		return fmt.Errorf("parquet: close %s: %w", rel, err)
	}
	if err := os.Chmod(o.f.Name(), 0o444); err != nil {
		return fmt.Errorf("parquet: chmod %s: %w", rel, err)
	}
	o.fw, o.f, o.bw = nil, nil, nil
	return nil
}

// release frees p's buffers.
func (p *partFile) release() {
	for _, ch := range p.chunks {
		for _, a := range ch {
			a.Release()
		}
	}
	p.chunks = nil
	p.stage = nil
	if p.rb != nil {
		p.rb.Release()
		p.rb = nil
	}
}

// closeAll finishes every partition file, creating empty files for the
// unpartitioned tables that received no rows so that every release has them.
func (w *Writer) closeAll() error {
	for _, t := range schemas.All {
		if isPartitioned(t) {
			continue
		}
		w.file(t, false, partKey{})
	}
	keys := make([]string, 0, len(w.files))
	for k := range w.files {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := w.unstage(w.files[k]); err != nil {
			return err
		}
	}
	for _, k := range keys {
		if err := w.finish(w.files[k]); err != nil {
			return err
		}
	}
	dirs := make([]string, 0, len(w.outs))
	for d := range w.outs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		if err := closeOut(w.outs[d], d+"/part-00000.parquet"); err != nil {
			return err
		}
	}
	return nil
}

// Abort closes open files and removes the staging directory. The previous
// release and the feed link are untouched.
func (w *Writer) Abort() error {
	if w.done {
		return nil
	}
	w.done = true
	for _, o := range w.outs {
		if o.fw != nil {
			o.fw.Close()
		}
		if o.f != nil {
			o.f.Close()
		}
	}
	for _, p := range w.files {
		p.release()
	}
	if err := os.RemoveAll(w.staging); err != nil {
		return fmt.Errorf("parquet: remove staging %s: %w", w.staging, err)
	}
	w.log.Info("staging release aborted", "dir", w.staging)
	return nil
}

// emptyRowsSlice returns an empty slice of the table's row type.
func emptyRowsSlice(t *schemas.Table) any {
	return reflect.MakeSlice(reflect.SliceOf(t.RowType()), 0, 0).Interface()
}

// appendRows appends the rows slice b to the rows slice a of the same type.
func appendRows(a, b any) any {
	return reflect.AppendSlice(reflect.ValueOf(a), reflect.ValueOf(b)).Interface()
}
