package parquet

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
)

// gatherer builds the sorted copy of a row group one column at a time:
// the values of a column gathered in the order of a permutation. It has two
// sets of buffers and uses them in turn, so a column's buffers are not
// overwritten until two columns later, when the Parquet writer has closed
// that column's chunk (it copies what it keeps: values into its encoders,
// min/max into its statistics). The buffers are reused from one column and
// one row group to the next, so a writer allocates them about once per
// table instead of once per row group.
type gatherer struct {
	sets [2]gatherBufs
	next int
	dict bool // give dictionary-encoded string columns as dictionary arrays
}

type gatherBufs struct {
	valid, offsets, data []byte
}

// grow returns b resized to n bytes, reallocating only when it is too small
// (with a quarter to spare, so that slowly growing row groups do not
// reallocate every time).
func grow(b []byte, n int) []byte {
	if cap(b) >= n {
		return b[:n]
	}
	return make([]byte, n, n+n/4)
}

// column returns c's values in the order perm (perm holds every row of c
// once). The result borrows the gatherer's buffers: release it, and be done
// with it, before the call after next.
func (g *gatherer) column(c column, perm []int32) (arrow.Array, error) {
	gb := &g.sets[g.next]
	g.next = 1 - g.next
	n := len(perm)
	var validBuf *memory.Buffer
	nulls := c.nullN()
	if nulls > 0 {
		gb.valid = grow(gb.valid, int(bitutil.BytesForBits(int64(n))))
		clear(gb.valid)
		for k, i := range perm {
			if !c.isNull(int(i)) {
				bitutil.SetBit(gb.valid, k)
			}
		}
		validBuf = memory.NewBufferBytes(gb.valid)
	}
	var bufs []*memory.Buffer
	switch c[0].(type) {
	case *array.String:
		offs := make([][]int32, len(c))
		vals := make([][]byte, len(c))
		size := 0
		for k, a := range c {
			s := a.(*array.String)
			offs[k] = s.ValueOffsets()
			// ValueBytes starts at the first offset: rebase the view.
			vals[k] = s.ValueBytes()[:int(offs[k][len(offs[k])-1]-offs[k][0])]
			size += len(vals[k])
		}
		gb.offsets = grow(gb.offsets, (n+1)*arrow.Int32SizeBytes)
		gb.data = grow(gb.data, size)
		dst := arrow.Int32Traits.CastFromBytes(gb.offsets)
		pos := 0
		for k, i := range perm {
			ch, l := i>>chunkShift, i&chunkMask
			o := offs[ch]
			dst[k] = int32(pos)
			pos += copy(gb.data[pos:], vals[ch][o[l]-o[0]:o[l+1]-o[0]])
		}
		dst[n] = int32(pos)
		bufs = []*memory.Buffer{validBuf, memory.NewBufferBytes(gb.offsets), memory.NewBufferBytes(gb.data)}
	case *array.Int8:
		bufs = []*memory.Buffer{validBuf, gatherFixed(gb, c, perm, (*array.Int8).Int8Values, arrow.Int8SizeBytes, arrow.Int8Traits.CastFromBytes)}
	case *array.Int32:
		bufs = []*memory.Buffer{validBuf, gatherFixed(gb, c, perm, (*array.Int32).Int32Values, arrow.Int32SizeBytes, arrow.Int32Traits.CastFromBytes)}
	case *array.Int64:
		bufs = []*memory.Buffer{validBuf, gatherFixed(gb, c, perm, (*array.Int64).Int64Values, arrow.Int64SizeBytes, arrow.Int64Traits.CastFromBytes)}
	case *array.Date32:
		bufs = []*memory.Buffer{validBuf, gatherFixed(gb, c, perm, (*array.Date32).Date32Values, arrow.Date32SizeBytes, arrow.Date32Traits.CastFromBytes)}
	case *array.Timestamp:
		bufs = []*memory.Buffer{validBuf, gatherFixed(gb, c, perm, (*array.Timestamp).TimestampValues, arrow.TimestampSizeBytes, arrow.TimestampTraits.CastFromBytes)}
	case *array.Decimal128:
		bufs = []*memory.Buffer{validBuf, gatherFixed(gb, c, perm, (*array.Decimal128).Values, arrow.Decimal128SizeBytes, arrow.Decimal128Traits.CastFromBytes)}
	default:
		return nil, fmt.Errorf("cannot sort arrow type %s", c[0].DataType())
	}
	data := array.NewData(c[0].DataType(), n, bufs, nil, nulls, 0)
	defer data.Release()
	return array.MakeFromData(data), nil
}

// gatherFixed gathers a fixed-width column (chunks of array type A, whose
// values src returns) into gb.data, viewed as values through cast (the
// type's arrow traits), width bytes each.
func gatherFixed[A arrow.Array, T any](gb *gatherBufs, c column, perm []int32, src func(A) []T, width int, cast func([]byte) []T) *memory.Buffer {
	srcs := make([][]T, len(c))
	for k, a := range c {
		srcs[k] = src(a.(A))
	}
	gb.data = grow(gb.data, len(perm)*width)
	dst := cast(gb.data)
	for k, i := range perm {
		dst[k] = srcs[i>>chunkShift][i&chunkMask]
	}
	return memory.NewBufferBytes(gb.data)
}

func compareDecimal(a, b decimal128.Num) int { return a.Cmp(b) }

// dictionary returns c's values in the order perm as a dictionary array
// (int32 indices into the distinct values in order of first appearance),
// for a string column the Parquet file stores dictionary encoded. Handing
// the Parquet writer the dictionary spares it hashing every value into its
// own (which costs an allocation per value in arrow-go); the bytes written
// are the same, as TestDictionaryPathSameBytes checks. The file's Arrow
// schema still says utf8, and readers get utf8 back.
//
// A column holding the empty string, or whose dictionary would pass the
// dictionary page limit, is gathered as plain strings instead. For the first:
// arrow-go computes the statistics of a dictionary array skipping empty
// values, which would record a wrong minimum (or none) for the column.
func (g *gatherer) dictionary(c column, perm []int32) (arrow.Array, error) {
	for _, a := range c {
		s, ok := a.(*array.String)
		if !ok {
			return nil, fmt.Errorf("dictionary of arrow type %s", a.DataType())
		}
		offs := s.ValueOffsets()
		for i := 1; i < len(offs); i++ {
			if offs[i] == offs[i-1] && s.IsValid(i-1) {
				return g.column(c, perm)
			}
		}
	}
	gb := &g.sets[g.next] // taken (g.next advanced) only if the dictionary is used
	n := len(perm)
	value := values[*array.String](c)
	nulls := c.nullN()
	gb.offsets = grow(gb.offsets, n*arrow.Int32SizeBytes) // the indices
	idx := arrow.Int32Traits.CastFromBytes(gb.offsets)
	var validBuf *memory.Buffer
	if nulls > 0 {
		gb.valid = grow(gb.valid, int(bitutil.BytesForBits(int64(n))))
		clear(gb.valid)
		validBuf = memory.NewBufferBytes(gb.valid)
	}
	seen := make(map[string]int32)
	dictSize := 0
	dict := array.NewStringBuilder(memory.DefaultAllocator)
	defer dict.Release()
	// The rows come sorted, so equal values mostly follow each other (a
	// document's department, URL, checksum …): a value equal to the one
	// before it takes its id without a map lookup.
	prev, prevID := "", int32(-1)
	for k, i := range perm {
		if nulls > 0 {
			if c.isNull(int(i)) {
				idx[k] = 0
				continue
			}
			bitutil.SetBit(gb.valid, k)
		}
		v := value(int(i))
		if prevID >= 0 && v == prev {
			idx[k] = prevID
			continue
		}
		id, ok := seen[v]
		if !ok {
			id = int32(len(seen))
			seen[v] = id
			dict.Append(v)
			if dictSize += len(v) + 4; int64(dictSize) >= parquet.DefaultDictionaryPageSizeLimit {
				// Past the dictionary page limit the writer falls back to
				// plain encoding part way through the column chunk; it
				// does that at other points for a dictionary array than
				// for plain strings, so let it see plain strings.
				return g.column(c, perm)
			}
		}
		idx[k] = id
		prev, prevID = v, id
	}
	g.next = 1 - g.next
	values := dict.NewStringArray()
	defer values.Release()
	indices := array.NewData(arrow.PrimitiveTypes.Int32, n, []*memory.Buffer{validBuf, memory.NewBufferBytes(gb.offsets)}, nil, nulls, 0)
	defer indices.Release()
	ia := array.MakeFromData(indices)
	defer ia.Release()
	dt := &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}
	return array.NewDictionaryArray(dt, ia, values), nil
}
