package parquet

import (
	"math/bits"
	"sync"
	"unsafe"
)

// chunkPool is the memory.Allocator of the row buffers' builders. Chunks
// are filled, sealed, flushed and released over and over; with Go's
// allocator every chunk's buffers were fresh memory, zeroed and faulted in,
// and every doubling of a growing builder copied into more fresh memory (a
// fifth of publish CPU in BenchmarkPublishFeed). The pool keeps the buffers
// of released chunks, by size class, and hands them to the builders of the
// next chunks, zeroed like Go's allocator's.
//
// It holds at most limit bytes of free buffers (beyond, a released buffer is
// left to the garbage collector), so the writer's memory stays bounded:
// MaxBufferedBytes for the buffered rows plus limit. Buffers smaller than
// minPooled or larger than maxPooled are plain Go allocations.
//
// Safety: a buffer is reused only after arrow released it (its reference
// count reached zero), and the writer keeps no string or slice of a chunk
// after flushing it (the sorted copies handed to the Parquet writer live in
// the gatherer's own buffers, and dictionary values are copied).
type chunkPool struct {
	mu    sync.Mutex
	free  [numClasses][][]byte
	held  int64 // bytes in the free lists
	limit int64
}

const (
	minPooledShift = 12 // 4 KiB
	maxPooledShift = 23 // 8 MiB
	minPooled      = 1 << minPooledShift
	maxPooled      = 1 << maxPooledShift
	// Four classes per power of two (p·5/4, p·6/4, p·7/4, 2p), so a class
	// wastes at most a quarter of what it holds.
	numClasses = (maxPooledShift - minPooledShift + 1) * 4
	alignment  = 64 // as arrow's Go allocator
)

func newChunkPool(limit int64) *chunkPool { return &chunkPool{limit: limit} }

// class returns the index and size of the smallest class holding size bytes;
// ok is false outside [minPooled, maxPooled].
func class(size int) (idx, classSize int, ok bool) {
	if size < minPooled || size > maxPooled {
		return 0, 0, false
	}
	k := bits.Len(uint(size - 1)) // 2^(k-1) < size <= 2^k
	p := 1 << (k - 1)
	q := p / 4
	sub := (size - p + q - 1) / q // 1..4
	return (k-minPooledShift)*4 + sub - 1, p + sub*q, true
}

// alignedMake returns n zeroed bytes starting on a 64-byte boundary.
func alignedMake(n int) []byte {
	buf := make([]byte, n+alignment)
	shift := int(-uintptr(unsafe.Pointer(unsafe.SliceData(buf))) & (alignment - 1))
	return buf[shift : shift+n : shift+n]
}

// Allocate returns size zeroed bytes (their capacity is the size class).
func (p *chunkPool) Allocate(size int) []byte {
	idx, cs, ok := class(size)
	if !ok {
		return alignedMake(size)
	}
	p.mu.Lock()
	if l := len(p.free[idx]); l > 0 {
		b := p.free[idx][l-1]
		p.free[idx][l-1] = nil
		p.free[idx] = p.free[idx][:l-1]
		p.held -= int64(cs)
		p.mu.Unlock()
		clear(b)
		return b[:size]
	}
	p.mu.Unlock()
	return alignedMake(cs)[:size]
}

// Reallocate grows or shrinks b to size bytes, keeping its contents; bytes
// past the old length are zero.
func (p *chunkPool) Reallocate(size int, b []byte) []byte {
	if cap(b) >= size {
		return b[:size] // as arrow's Go allocator: the builders zero what they grow into
	}
	nb := p.Allocate(size)
	copy(nb, b)
	p.Free(b)
	return nb
}

// Free takes back a buffer this pool allocated (other buffers, and those
// beyond the limit, are left to the garbage collector).
func (p *chunkPool) Free(b []byte) {
	b = b[:cap(b)]
	idx, cs, ok := class(len(b))
	if !ok || cs != len(b) {
		return
	}
	p.mu.Lock()
	if p.held+int64(cs) <= p.limit {
		p.free[idx] = append(p.free[idx], b)
		p.held += int64(cs)
	}
	p.mu.Unlock()
}
