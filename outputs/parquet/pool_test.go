package parquet

import (
	"testing"
	"unsafe"
)

func TestChunkPoolClasses(t *testing.T) {
	tests := []struct {
		size, class int
		pooled      bool
	}{
		{size: minPooled - 1},
		{size: minPooled, class: 4096, pooled: true},
		{size: 4097, class: 5120, pooled: true},
		{size: 5120, class: 5120, pooled: true},
		{size: 5121, class: 6144, pooled: true},
		{size: 8192, class: 8192, pooled: true},
		{size: 8193, class: 10240, pooled: true},
		{size: 100_000, class: 114688, pooled: true},
		{size: maxPooled, class: maxPooled, pooled: true},
		{size: maxPooled + 1},
	}
	seen := map[int]int{}
	for _, tt := range tests {
		idx, cs, ok := class(tt.size)
		if ok != tt.pooled || cs != tt.class {
			t.Errorf("class(%d) = %d, %v; want %d, %v", tt.size, cs, ok, tt.class, tt.pooled)
		}
		if !ok {
			continue
		}
		if idx < 0 || idx >= numClasses {
			t.Errorf("class(%d) index %d out of range", tt.size, idx)
		}
		if other, dup := seen[idx]; dup && other != cs {
			t.Errorf("index %d holds classes %d and %d", idx, other, cs)
		}
		seen[idx] = cs
		if cs < tt.size || cs > tt.size+tt.size/4+1 {
			t.Errorf("class(%d) = %d wastes more than a quarter", tt.size, cs)
		}
	}
}

func TestChunkPoolReuse(t *testing.T) {
	p := newChunkPool(64 << 10)
	a := p.Allocate(5000)
	if len(a) != 5000 || cap(a) != 5120 || uintptr(unsafe.Pointer(&a[0]))%alignment != 0 {
		t.Fatalf("Allocate(5000): len %d cap %d", len(a), cap(a))
	}
	for i := range a {
		a[i] = 0xAB
	}
	p.Free(a)
	b := p.Allocate(4500) // same class: the buffer comes back, zeroed
	if &b[0] != &a[0] {
		t.Errorf("freed buffer not reused")
	}
	for i, c := range b[:cap(b)] {
		if c != 0 {
			t.Fatalf("reused buffer not zeroed at %d", i)
		}
	}
	// Reallocate keeps the contents and returns the old buffer to the pool.
	for i := range b {
		b[i] = byte(i)
	}
	c := p.Reallocate(9000, b)
	for i := range b {
		if c[i] != byte(i) {
			t.Fatalf("Reallocate lost byte %d", i)
		}
	}
	if d := p.Allocate(5120); &d[0] != &b[0] {
		t.Errorf("buffer released by Reallocate not reused")
	}
	// Beyond the limit, freed buffers are left to the collector.
	big := p.Allocate(60 << 10)
	p.Free(c)
	p.Free(big)
	if p.held > p.limit {
		t.Errorf("pool holds %d bytes, limit %d", p.held, p.limit)
	}
	// Buffers the pool did not size are not taken.
	held := p.held
	p.Free(make([]byte, 5000))
	p.Free(make([]byte, 100))
	if p.held != held {
		t.Errorf("foreign buffer pooled: held %d -> %d", held, p.held)
	}
}
