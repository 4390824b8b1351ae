package parquet

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
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

// column returns arr's values in the order perm. The result borrows the
// gatherer's buffers: release it, and be done with it, before the call
// after next.
func (g *gatherer) column(arr arrow.Array, perm []int32) (arrow.Array, error) {
	gb := &g.sets[g.next]
	g.next = 1 - g.next
	n := len(perm)
	var validBuf *memory.Buffer
	nulls := arr.NullN()
	if nulls > 0 {
		gb.valid = grow(gb.valid, int(bitutil.BytesForBits(int64(n))))
		clear(gb.valid)
		for k, i := range perm {
			if arr.IsValid(int(i)) {
				bitutil.SetBit(gb.valid, k)
			}
		}
		validBuf = memory.NewBufferBytes(gb.valid)
	}
	var bufs []*memory.Buffer
	switch a := arr.(type) {
	case *array.String:
		src := a.ValueOffsets()
		size := 0
		for _, i := range perm {
			size += int(src[i+1] - src[i])
		}
		gb.offsets = grow(gb.offsets, (n+1)*arrow.Int32SizeBytes)
		gb.data = grow(gb.data, size)
		offs := arrow.Int32Traits.CastFromBytes(gb.offsets)
		vals := a.ValueBytes()
		base := int(src[0]) // ValueBytes starts at the first offset
		pos := 0
		for k, i := range perm {
			offs[k] = int32(pos)
			pos += copy(gb.data[pos:], vals[int(src[i])-base:int(src[i+1])-base])
		}
		offs[n] = int32(pos)
		bufs = []*memory.Buffer{validBuf, memory.NewBufferBytes(gb.offsets), memory.NewBufferBytes(gb.data)}
	case *array.Int8:
		bufs = []*memory.Buffer{validBuf, gatherFixed(gb, a.Int8Values(), perm, arrow.Int8SizeBytes, arrow.Int8Traits.CastFromBytes)}
	case *array.Int32:
		bufs = []*memory.Buffer{validBuf, gatherFixed(gb, a.Int32Values(), perm, arrow.Int32SizeBytes, arrow.Int32Traits.CastFromBytes)}
	case *array.Int64:
		bufs = []*memory.Buffer{validBuf, gatherFixed(gb, a.Int64Values(), perm, arrow.Int64SizeBytes, arrow.Int64Traits.CastFromBytes)}
	case *array.Date32:
		bufs = []*memory.Buffer{validBuf, gatherFixed(gb, a.Date32Values(), perm, arrow.Date32SizeBytes, arrow.Date32Traits.CastFromBytes)}
	case *array.Timestamp:
		bufs = []*memory.Buffer{validBuf, gatherFixed(gb, a.TimestampValues(), perm, arrow.TimestampSizeBytes, arrow.TimestampTraits.CastFromBytes)}
	case *array.Decimal128:
		bufs = []*memory.Buffer{validBuf, gatherFixed(gb, a.Values(), perm, arrow.Decimal128SizeBytes, arrow.Decimal128Traits.CastFromBytes)}
	default:
		return nil, fmt.Errorf("cannot sort arrow type %s", arr.DataType())
	}
	data := array.NewData(arr.DataType(), n, bufs, nil, nullCount(nulls, perm, arr), 0)
	defer data.Release()
	return array.MakeFromData(data), nil
}

// nullCount is the number of nulls among the gathered rows: all of the
// column's nulls when perm covers every row (the writer's case).
func nullCount(nulls int, perm []int32, arr arrow.Array) int {
	if nulls == 0 {
		return 0
	}
	if len(perm) == arr.Len() {
		return nulls
	}
	c := 0
	for _, i := range perm {
		if arr.IsNull(int(i)) {
			c++
		}
	}
	return c
}

// gatherFixed gathers a fixed-width column of width bytes per value into
// gb.data, viewed as values through cast (the type's arrow traits).
func gatherFixed[T any](gb *gatherBufs, src []T, perm []int32, width int, cast func([]byte) []T) *memory.Buffer {
	gb.data = grow(gb.data, len(perm)*width)
	dst := cast(gb.data)
	for k, i := range perm {
		dst[k] = src[i]
	}
	return memory.NewBufferBytes(gb.data)
}

func compareDecimal(a, b decimal128.Num) int { return a.Cmp(b) }
