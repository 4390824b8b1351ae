package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/budgetfeed/budgetfeed/config"
	"github.com/budgetfeed/budgetfeed/outputs/parquet"
	"github.com/budgetfeed/budgetfeed/pipeline"
	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/budgetfeed/budgetfeed/sources/demoportal"
)

// demoDisclosures turns the demo portal's 144 documents into disclosures
// without HTTP, for throughput measurements of extraction and publishing.
func demoDisclosures(tb testing.TB) []schemas.Disclosure {
	ds, err := demoportal.Generate(demoportal.DefaultSeed).Disclosures("http://bench.invalid", time.Now().UTC())
	if err != nil {
		tb.Fatal(err)
	}
	return ds
}

// BenchmarkNationalScale extracts and publishes a stream of documents made
// from the demo portal's 144 (each copy under its own URL, so its own doc
// id), on all cores, into a real Parquet release, with the garbage-collector
// settings `budgetfeed run` applies by default (config runtime.*; GOGC or
// GOMEMLIMIT in the environment override them, e.g. GOGC=100 for Go's
// default). It reports documents/s, documents per CPU second, facts/s and
// the peak heap sampled during the run; run it at two sizes (-benchtime
// 2000x and 8000x) to see that memory stays flat, and read the hour-budget
// projection from docs/benchmarks.md.
func BenchmarkNationalScale(b *testing.B) {
	cfg, err := config.Load("")
	if err != nil {
		b.Fatal(err)
	}
	defer applyRuntime(cfg.Runtime, nil)()
	docs := demoDisclosures(b)
	w, err := parquet.NewWriter(parquet.Options{OutDir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	var peak atomic.Uint64
	stop := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Add(1)
	go func() {
		defer sampler.Done()
		var ms runtime.MemStats
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	ctx := context.Background()
	jobs := make(chan int)
	results := make(chan pipeline.Result, 64)
	var wg sync.WaitGroup
	b.ResetTimer()
	start, cpu0 := time.Now(), processCPU()
	for i := 0; i < runtime.GOMAXPROCS(0); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range jobs {
				d := docs[n%len(docs)]
				d.Page.URL = fmt.Sprintf("%s?copy=%d", d.Page.URL, n)
				results <- pipeline.Process(ctx, d, nil)
			}
		}()
	}
	go func() {
		for n := 0; n < b.N; n++ {
			jobs <- n
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	var facts int
	for r := range results {
		if err := w.Write(schemas.Documents, []schemas.Document{r.Document}); err != nil {
			b.Fatal(err)
		}
		if err := w.Write(schemas.Facts, r.Facts); err != nil {
			b.Fatal(err)
		}
		if err := w.Write(schemas.QualityTable, r.Quality); err != nil {
			b.Fatal(err)
		}
		facts += len(r.Facts)
	}
	if _, err := w.Commit(ctx, parquet.ReleaseMeta{Title: "national-scale benchmark"}); err != nil {
		b.Fatal(err)
	}
	elapsed, cpu := time.Since(start), processCPU()-cpu0
	b.StopTimer()
	close(stop)
	sampler.Wait()
	docsPerSec := float64(b.N) / elapsed.Seconds()
	b.ReportMetric(docsPerSec, "docs/s")
	b.ReportMetric(float64(facts)/elapsed.Seconds(), "facts/s")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
	b.ReportMetric(3e6/docsPerSec/60, "min-per-3M-docs")
	if cpu > 0 {
		// Documents per CPU second; on an idle 2-core machine wall-clock
		// throughput approaches twice this.
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "cpu-docs/s")
	}
}

// TestApplyRuntime checks that the run command's GC settings are applied,
// restored afterwards, and left alone when the Go runtime's own variables
// are set.
func TestApplyRuntime(t *testing.T) {
	tests := []struct {
		name                  string
		env                   map[string]string
		rt                    config.Runtime
		wantPercent, wantSame bool // percent applied; limit left alone
	}{
		{name: "applied", rt: config.Runtime{GCPercent: 250, MemoryLimit: 3 << 30}, wantPercent: true},
		{name: "GOGC and GOMEMLIMIT win", env: map[string]string{"GOGC": "100", "GOMEMLIMIT": "9GiB"},
			rt: config.Runtime{GCPercent: 250, MemoryLimit: 3 << 30}, wantSame: true},
		{name: "no limit", rt: config.Runtime{GCPercent: 250}, wantPercent: true, wantSame: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			percent0 := debug.SetGCPercent(-1)
			debug.SetGCPercent(percent0)
			limit0 := debug.SetMemoryLimit(-1)
			restore := applyRuntime(tt.rt, nil)
			percent := debug.SetGCPercent(-1)
			debug.SetGCPercent(percent)
			limit := debug.SetMemoryLimit(-1)
			restore()
			if tt.wantPercent && percent != tt.rt.GCPercent || !tt.wantPercent && percent != percent0 {
				t.Errorf("GC percent during the run = %d (before %d, config %d)", percent, percent0, tt.rt.GCPercent)
			}
			if tt.wantSame && limit != limit0 || !tt.wantSame && limit != tt.rt.MemoryLimit {
				t.Errorf("memory limit during the run = %d (before %d, config %d)", limit, limit0, tt.rt.MemoryLimit)
			}
			after := debug.SetGCPercent(-1)
			debug.SetGCPercent(after)
			if after != percent0 || debug.SetMemoryLimit(-1) != limit0 {
				t.Errorf("settings not restored: percent %d (was %d), limit %d (was %d)", after, percent0, debug.SetMemoryLimit(-1), limit0)
			}
		})
	}
}
