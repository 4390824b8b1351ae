package parquet

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// TableFile is one Parquet file of a table in a release.
type TableFile struct {
	Path        string // relative to the release directory, slash-separated
	Partitioned bool
	FiscalYear  int32 // the partition, when Partitioned
}

// TableFiles lists the Parquet files of table in releaseDir (a published
// release or a staging directory), partitions in ascending fiscal year.
func TableFiles(releaseDir string, table *schemas.Table) ([]TableFile, error) {
	base := filepath.Join(releaseDir, table.Name)
	if !isPartitioned(table) {
		p := filepath.Join(base, "part-00000.parquet")
		if _, err := os.Stat(p); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil, nil
			}
			return nil, fmt.Errorf("parquet: %s: %w", p, err)
		}
		return []TableFile{{Path: table.Name + "/part-00000.parquet"}}, nil
	}
	ents, err := os.ReadDir(base)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("parquet: list %s: %w", base, err)
	}
	var out []TableFile
	for _, e := range ents {
		v, ok := strings.CutPrefix(e.Name(), PartitionColumn+"=")
		if !e.IsDir() || !ok {
			continue
		}
		y, err := strconv.ParseInt(v, 10, 32)
		if err != nil {
			return nil, fmt.Errorf("parquet: %s/%s: bad partition value: %w", base, e.Name(), err)
		}
		out = append(out, TableFile{Path: table.Name + "/" + e.Name() + "/part-00000.parquet", Partitioned: true, FiscalYear: int32(y)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].FiscalYear < out[j].FiscalYear })
	return out, nil
}

// ScanFile reads one Parquet file batch by batch (at most batchRows rows per
// batch; 0 means 64Ki) and calls fn for each. The batch is released after fn
// returns; fn must Retain it to keep it. Memory stays at about one batch.
func ScanFile(ctx context.Context, path string, batchRows int, mem memory.Allocator, fn func(rec arrow.RecordBatch) error) error {
	return scanColumns(ctx, path, batchRows, mem, nil, fn)
}

// scanColumns is ScanFile reading only the named columns (all when names is
// nil; names the file lacks are skipped): the others are not decoded at all.
func scanColumns(ctx context.Context, path string, batchRows int, mem memory.Allocator, names []string, fn func(rec arrow.RecordBatch) error) error {
	if batchRows <= 0 {
		batchRows = 64 * 1024
	}
	if mem == nil {
		mem = memory.DefaultAllocator
	}
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		return fmt.Errorf("parquet: open %s: %w", path, err)
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: int64(batchRows)}, mem)
	if err != nil {
		return fmt.Errorf("parquet: read %s: %w", path, err)
	}
	var cols []int
	if names != nil {
		sch := pf.MetaData().Schema
		for _, name := range names {
			if i := sch.ColumnIndexByName(name); i >= 0 {
				cols = append(cols, i)
			}
		}
		slices.Sort(cols)
		if cols == nil {
			cols = []int{} // none of them: rows without columns
		}
	}
	rr, err := fr.GetRecordReader(ctx, cols, nil)
	if err != nil {
		return fmt.Errorf("parquet: read %s: %w", path, err)
	}
	defer rr.Release()
	for rr.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(rr.RecordBatch()); err != nil {
			return err
		}
	}
	if err := rr.Err(); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("parquet: read %s: %w", path, err)
	}
	return ctx.Err()
}

// ScanTable reads every file of table in releaseDir batch by batch, in the
// order of TableFiles, calling fn with the file and each batch.
func ScanTable(ctx context.Context, releaseDir string, table *schemas.Table, batchRows int, fn func(f TableFile, rec arrow.RecordBatch) error) error {
	files, err := TableFiles(releaseDir, table)
	if err != nil {
		return err
	}
	for _, f := range files {
		err := ScanFile(ctx, filepath.Join(releaseDir, filepath.FromSlash(f.Path)), batchRows, nil,
			func(rec arrow.RecordBatch) error { return fn(f, rec) })
		if err != nil {
			return err
		}
	}
	return nil
}

// ReadTable reads the whole of table in releaseDir into one Arrow table (a
// chunk per batch; the partition column is read from the files, where it is
// stored too). The caller releases it. For tests and small tables; use
// ScanTable to stream large ones. A table without files yields an empty table
// with the table's schema.
func ReadTable(releaseDir string, table *schemas.Table) (arrow.Table, error) {
	var recs []arrow.RecordBatch
	defer func() {
		for _, r := range recs {
			r.Release()
		}
	}()
	err := ScanTable(context.Background(), releaseDir, table, 0, func(_ TableFile, rec arrow.RecordBatch) error {
		rec.Retain()
		recs = append(recs, rec)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sch := table.Schema()
	if len(recs) > 0 {
		sch = recs[0].Schema()
	}
	return array.NewTableFromRecords(sch, recs), nil
}

// ReadRows reads the whole of table in releaseDir back into a slice of its
// row type ([]schemas.Fact for schemas.Facts). For tests and small tables.
func ReadRows(releaseDir string, table *schemas.Table) (any, error) {
	out := emptyRowsSlice(table)
	err := ScanTable(context.Background(), releaseDir, table, 0, func(f TableFile, rec arrow.RecordBatch) error {
		rows, err := table.Rows(rec)
		if err != nil {
			return fmt.Errorf("parquet: %s: %w", f.Path, err)
		}
		out = appendRows(out, rows)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
