package parquet

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// The writer sorts row groups as Arrow columns: it computes a permutation
// of the row indexes and gathers the columns in that order (take.go); the
// rows themselves are never moved.
//
// Order: the table's SortKey columns, then every column in schema order,
// nulls first. That is a total order on what the file stores, so the same
// rows give the same bytes whatever order they arrived in.
//
// The sort key is pre-extracted: each key column is replaced by the dense
// rank of its value among the row group's distinct values, and the ranks of
// the leading key columns are packed into one uint64 per row (first column
// in the high bits), so most comparisons are one integer comparison. Key
// columns whose ranks do not fit, and ties, are compared column by column,
// within each run of rows whose packed keys are equal.

// column is one column of a row group as the writer buffers it: chunks of
// chunkRows rows (the last one may be shorter), so that a buffer never grows
// past one chunk (growing by doubling copies at most a chunk's worth). Row i
// is row i&chunkMask of chunk i>>chunkShift.
type column []arrow.Array

const (
	chunkShift = 10
	chunkRows  = 1 << chunkShift // rows per buffered chunk (1Ki)
	chunkMask  = chunkRows - 1
)

func (c column) len() int {
	n := 0
	for _, a := range c {
		n += a.Len()
	}
	return n
}

func (c column) nullN() int {
	n := 0
	for _, a := range c {
		n += a.NullN()
	}
	return n
}

func (c column) isNull(i int) bool { return c[i>>chunkShift].IsNull(i & chunkMask) }

// valueArray is an Arrow array type with typed values.
type valueArray[T any] interface {
	arrow.Array
	Value(int) T
}

// values returns the typed accessor of row i of c, whose chunks are all of
// array type A.
func values[A valueArray[T], T any](c column) func(int) T {
	as := make([]A, len(c))
	for k, a := range c {
		as[k] = a.(A)
	}
	return func(i int) T { return as[i>>chunkShift].Value(i & chunkMask) }
}

// sortKey is one row's packed key and its index in the unsorted record.
type sortKey struct {
	k uint64
	i int32
}

// sortPerm returns the order of the rows of cols (the columns of a row
// group): perm[k] is the index of the row that goes k-th. keyCols are the
// column indexes of the sort key.
func sortPerm(cols []column, keyCols []int) []int32 {
	n := 0
	if len(cols) > 0 {
		n = cols[0].len()
	}
	keys := make([]sortKey, n)
	for i := range keys {
		keys[i].i = int32(i)
	}
	// Pack the ranks of as many leading key columns as fit into 64 bits.
	used, packed := 0, 0
	for _, ci := range keyCols {
		ranks, distinct := denseRanks(cols[ci])
		if ranks == nil {
			break
		}
		width := bits.Len(uint(distinct))
		if used+width > 64 {
			break
		}
		for i, r := range ranks {
			keys[i].k = keys[i].k<<width | uint64(r)
		}
		used += width
		packed++
	}
	// Sort by the packed key alone, then each run of equal packed keys by
	// the rest of the key and then every column: the same total order, but
	// the column-by-column comparisons only ever see rows that tie.
	slices.SortFunc(keys, func(a, b sortKey) int { return cmp.Compare(a.k, b.k) })
	var tie []func(i, j int) int
	for _, ci := range keyCols[packed:] {
		tie = append(tie, comparator(cols[ci]))
	}
	for ci := range cols {
		if !slices.Contains(keyCols[:packed], ci) { // packed columns are equal in a run
			tie = append(tie, comparator(cols[ci]))
		}
	}
	byColumns := func(a, b sortKey) int {
		for _, c := range tie {
			if r := c(int(a.i), int(b.i)); r != 0 {
				return r
			}
		}
		return cmp.Compare(a.i, b.i)
	}
	for start := 0; start < n; {
		end := start + 1
		for end < n && keys[end].k == keys[start].k {
			end++
		}
		if end-start > 1 {
			slices.SortFunc(keys[start:end], byColumns)
		}
		start = end
	}
	perm := make([]int32, n)
	for k := range keys {
		perm[k] = keys[k].i
	}
	return perm
}

// denseRanks returns the rank of every value of c among its distinct
// values (null is rank 0, values from 1 up in ascending order) and the
// largest rank, or nil for a column type it cannot rank.
func denseRanks(c column) ([]uint32, int) {
	switch c[0].(type) {
	case *array.String:
		return ranksOf(c, values[*array.String](c), strings.Compare)
	case *array.Int8:
		return ranksOf(c, values[*array.Int8](c), cmp.Compare[int8])
	case *array.Int32:
		return ranksOf(c, values[*array.Int32](c), cmp.Compare[int32])
	case *array.Int64:
		return ranksOf(c, values[*array.Int64](c), cmp.Compare[int64])
	case *array.Date32:
		return ranksOf(c, values[*array.Date32](c), cmp.Compare[arrow.Date32])
	case *array.Timestamp:
		return ranksOf(c, values[*array.Timestamp](c), cmp.Compare[arrow.Timestamp])
	case *array.Decimal128:
		return ranksOf(c, values[*array.Decimal128](c), compareDecimal)
	}
	return nil, 0
}

func ranksOf[T comparable](c column, value func(int) T, compare func(a, b T) int) ([]uint32, int) {
	n := c.len()
	nulls := c.nullN() > 0
	ids := make([]uint32, n)
	seen := map[T]uint32{}
	var distinct []T
	for i := 0; i < n; i++ {
		if nulls && c.isNull(i) {
			ids[i] = ^uint32(0)
			continue
		}
		v := value(i)
		id, ok := seen[v]
		if !ok {
			id = uint32(len(distinct))
			seen[v] = id
			distinct = append(distinct, v)
		}
		ids[i] = id
	}
	order := make([]uint32, len(distinct))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int { return compare(distinct[a], distinct[b]) })
	rank := make([]uint32, len(distinct))
	for r, id := range order {
		rank[id] = uint32(r + 1)
	}
	for i, id := range ids {
		if id == ^uint32(0) {
			ids[i] = 0
		} else {
			ids[i] = rank[id]
		}
	}
	return ids, len(distinct)
}

// comparator compares two rows of one column, nulls first.
func comparator(c column) func(i, j int) int {
	switch c[0].(type) {
	case *array.String:
		return nullsFirst(c, values[*array.String](c), strings.Compare)
	case *array.Int8:
		return nullsFirst(c, values[*array.Int8](c), cmp.Compare[int8])
	case *array.Int32:
		return nullsFirst(c, values[*array.Int32](c), cmp.Compare[int32])
	case *array.Int64:
		return nullsFirst(c, values[*array.Int64](c), cmp.Compare[int64])
	case *array.Date32:
		return nullsFirst(c, values[*array.Date32](c), cmp.Compare[arrow.Date32])
	case *array.Timestamp:
		return nullsFirst(c, values[*array.Timestamp](c), cmp.Compare[arrow.Timestamp])
	case *array.Decimal128:
		return nullsFirst(c, values[*array.Decimal128](c), compareDecimal)
	}
	// A column type the tables do not use: no order (ties stay in
	// arrival order, which is then the only thing that can differ).
	return func(i, j int) int { return 0 }
}

func nullsFirst[T any](c column, value func(int) T, compare func(a, b T) int) func(i, j int) int {
	if c.nullN() == 0 {
		return func(i, j int) int { return compare(value(i), value(j)) }
	}
	return func(i, j int) int {
		ni, nj := c.isNull(i), c.isNull(j)
		switch {
		case ni && nj:
			return 0
		case ni:
			return -1
		case nj:
			return 1
		}
		return compare(value(i), value(j))
	}
}
