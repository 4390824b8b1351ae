package parquet

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// benchFacts fills rows with synthetic facts number from..from+len(rows),
// spread over three fiscal years and 2,000 documents.
func benchFacts(rows []schemas.Fact, from int) {
	metrics := []string{"function_class", "economic_class", "total_expenditure", "three_public_total"}
	for i := range rows {
		n := from + i
		doc := n % 2000
		m := metrics[n%len(metrics)]
		amt := schemas.Money(int64(n)*37 + 1)
		rows[i] = schemas.Fact{
			DocID: fmt.Sprintf("%016x", doc*7919), FiscalYear: int32(2022 + n%3), Stage: schemas.StageBudget,
			Department: depts[doc%len(depts)], DepartmentCanonical: depts[doc%len(depts)],
			Metric: m, Period: schemas.PeriodCurrent, Scheme: schemas.SchemeFunction,
			Code: fmt.Sprintf("2%06d", n%5000), Level: 3, Name: "机构运行",
			Value: amt.In("万元"), Unit: "万元", Amount: amt, HasAmount: true,
			Method: schemas.MethodTable, Quote: "机构运行 " + amt.In("万元"),
			SourceURL:    fmt.Sprintf("http://www.example.gov.cn/zfxxgk/art_%d.html", doc),
			SourceSHA256: "9f2c5d1e0b7a4c3f8e6d2b1a0c9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1",
			Sheet:        "表3", Cell: fmt.Sprintf("C%d", n%300), Location: fmt.Sprintf("sha256:9f2c…/表3/C%d", n%300),
		}
	}
}

// publishSynthetic streams n synthetic facts in batches of 10,000 and
// commits; it returns the release.
// When pre is not nil its rows are written instead of generated ones.
func publishSynthetic(b *testing.B, out string, n int, pre []schemas.Fact) *Release {
	w, err := NewWriter(Options{OutDir: out})
	if err != nil {
		b.Fatal(err)
	}
	batch := make([]schemas.Fact, 10000)
	for from := 0; from < n; from += len(batch) {
		k := min(len(batch), n-from)
		rows := batch[:k]
		if pre != nil {
			rows = pre[from : from+k]
		} else {
			benchFacts(rows, from)
		}
		if err := w.Write(schemas.Facts, rows); err != nil {
			b.Fatal(err)
		}
	}
	rel, err := w.Commit(context.Background(), ReleaseMeta{Title: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	return rel
}

// BenchmarkPublishFacts measures publishing 200,000 facts end to end
// (row conversion, sort, zstd Parquet, checksums, metadata); the rows are
// generated before the timer starts.
func BenchmarkPublishFacts(b *testing.B) {
	const n = 200_000
	pre := make([]schemas.Fact, n)
	benchFacts(pre, 0)
	var bytes int64
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuSeconds()
	for i := 0; i < b.N; i++ {
		rel := publishSynthetic(b, b.TempDir(), n, pre)
		st, _ := rel.Manifest.Table("facts")
		bytes += st.Bytes
	}
	sec := time.Since(start).Seconds()
	b.ReportMetric(float64(n*b.N)/sec, "rows/s")
	if cpu := cpuSeconds() - cpu0; cpu > 0 {
		// Rows per second of CPU time (all threads, GC included): the
		// figure that does not depend on how loaded the machine is.
		b.ReportMetric(float64(n*b.N)/cpu, "rows/cpu-s")
	}
	b.ReportMetric(float64(bytes)/sec/1e6, "parquet-MB/s")
	b.ReportMetric(float64(bytes)/float64(b.N)/1e6, "parquet-MB/op")
}

// BenchmarkPublishPeakMemory publishes 1M and 4M facts and reports the peak
// HeapInuse sampled every 20 ms: it must stay flat as the feed grows.
// Run with -benchtime=1x.
func BenchmarkPublishPeakMemory(b *testing.B) {
	for _, n := range []int{1_000_000, 4_000_000} {
		b.Run(fmt.Sprintf("facts=%dM", n/1_000_000), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				runtime.GC()
				var peak uint64
				var mu sync.Mutex
				stop := make(chan struct{})
				var wg sync.WaitGroup
				wg.Add(1)
				go func() {
					defer wg.Done()
					t := time.NewTicker(20 * time.Millisecond)
					defer t.Stop()
					var ms runtime.MemStats
					for {
						runtime.ReadMemStats(&ms)
						mu.Lock()
						peak = max(peak, ms.HeapInuse)
						mu.Unlock()
						select {
						case <-stop:
							return
						case <-t.C:
						}
					}
				}()
				start, cpu0 := time.Now(), cpuSeconds()
				rel := publishSynthetic(b, b.TempDir(), n, nil)
				el := time.Since(start)
				cpu := cpuSeconds() - cpu0
				close(stop)
				wg.Wait()
				st, _ := rel.Manifest.Table("facts")
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
				b.ReportMetric(float64(n)/el.Seconds(), "rows/s")
				if cpu > 0 {
					b.ReportMetric(float64(n)/cpu, "rows/cpu-s")
				}
				b.ReportMetric(float64(st.Bytes)/1e6, "parquet-MB")
			}
		})
	}
}

// BenchmarkRepublish measures publishing 200,000 facts over a previous
// release of the same documents (the daily case): besides writing, Commit
// then diffs every fact partition against the previous release for the
// changelog. One fact in 50 changes value between the releases.
func BenchmarkRepublish(b *testing.B) {
	const n = 200_000
	docs := make([]schemas.Document, 2000)
	for d := range docs {
		docs[d] = schemas.Document{DocID: fmt.Sprintf("%016x", d*7919), FiscalYear: int32(2022 + d%3), Stage: schemas.StageBudget,
			Department: depts[d%len(depts)], DepartmentCanonical: depts[d%len(depts)], PayloadSHA256: "p"}
	}
	old := make([]schemas.Fact, n)
	benchFacts(old, 0)
	cur := slices.Clone(old)
	for i := 0; i < n; i += 50 {
		cur[i].Amount++
		cur[i].Value = cur[i].Amount.In("万元")
	}
	publish := func(out string, facts []schemas.Fact) *Release {
		w, err := NewWriter(Options{OutDir: out})
		if err != nil {
			b.Fatal(err)
		}
		if err := w.Write(schemas.Documents, docs); err != nil {
			b.Fatal(err)
		}
		for from := 0; from < n; from += 10000 {
			if err := w.Write(schemas.Facts, facts[from:from+10000]); err != nil {
				b.Fatal(err)
			}
		}
		rel, err := w.Commit(context.Background(), ReleaseMeta{Title: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		return rel
	}
	var sec, cpu float64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		out := b.TempDir()
		publish(out, old)
		time.Sleep(1100 * time.Millisecond) // release ids are per second
		b.StartTimer()
		start, cpu0 := time.Now(), cpuSeconds()
		rel := publish(out, cur)
		sec += time.Since(start).Seconds()
		cpu += cpuSeconds() - cpu0
		if got := rel.Changelog.Summary.FiguresChanged; got != n/50 {
			b.Fatalf("%d figures changed, want %d", got, n/50)
		}
	}
	b.ReportMetric(float64(n*b.N)/sec, "rows/s")
	if cpu > 0 {
		b.ReportMetric(float64(n*b.N)/cpu, "rows/cpu-s")
	}
}
