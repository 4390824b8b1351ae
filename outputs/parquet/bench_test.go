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

// feedFacts returns the facts of document d shaped like the pipeline's
// output for a demo portal document: ~144 facts over up to 54 metrics with a
// skewed distribution (class lines dominate), two fiscal years, provenance
// strings as long as real ones (URL, sha256, WARC record id, location), and
// a quote of a few dozen characters.
func feedFacts(d int) []schemas.Fact {
	metrics := make([]string, 54)
	for i := range metrics {
		metrics[i] = fmt.Sprintf("metric_%02d", i)
	}
	metrics[0], metrics[1] = "function_class", "economic_class"
	sha := fmt.Sprintf("%064x", uint64(d)*0x9e3779b97f4a7c15)
	url := fmt.Sprintf("http://www.district%d.gov.cn/zwgk/czzj/bmys/art_%d.html", d%40, d)
	att := fmt.Sprintf("http://www.district%d.gov.cn/zwgk/czzj/bmys/W0%d.xlsx", d%40, d)
	year := int32(2023 + d%2)
	dept := depts[d%len(depts)]
	out := make([]schemas.Fact, 0, 144)
	for i := 0; i < 144; i++ {
		// metric: half the facts are class lines, the rest spread with a
		// falling frequency over the other 52 metrics
		m := metrics[i%2]
		if i%4 >= 2 {
			m = metrics[2+(i*i+d)%52*((i%3)+1)/3]
		}
		amt := schemas.Money(int64(d)*1009 + int64(i)*37 + 1)
		f := schemas.Fact{
			DocID: fmt.Sprintf("%016x", d*7919), FiscalYear: year, Stage: schemas.StageBudget,
			Department: dept, DepartmentCanonical: dept, Metric: m, Period: schemas.PeriodCurrent,
			Value: amt.In("万元"), Unit: "万元", Amount: amt, HasAmount: true,
			County: "某某区", DepartmentType: "administrative", Scope: "department", Preferred: i%7 != 0,
			WARCRecordID: fmt.Sprintf("<urn:uuid:%08x-1b2c-4d3e-8f40-%012x>", d, i),
		}
		if m == "function_class" || m == "economic_class" {
			f.Scheme, f.Code, f.Level, f.Name = schemas.SchemeFunction, fmt.Sprintf("2%02d%02d%02d", i%30, i%7, i%5), 3, "一般公共服务支出机构运行"
		}
		if i%3 == 0 {
			f.Method, f.Quote, f.Start, f.End = schemas.MethodText, "2024年本部门一般公共预算财政拨款支出"+f.Value+"万元，比上年增加", int32(i*40), int32(i*40+30)
			f.SourceURL, f.SourceSHA256 = url, sha
			f.Location = fmt.Sprintf("%s chars %d-%d", url, f.Start, f.End)
		} else {
			f.Method, f.Quote = schemas.MethodTable, f.Name+" "+f.Value
			f.SourceURL, f.SourceSHA256, f.Sheet, f.Cell = att, sha, "表3", fmt.Sprintf("C%d", 7+i%40)
			f.Location = fmt.Sprintf("sha256:%s/%s/%s", sha, f.Sheet, f.Cell)
		}
		out = append(out, f)
	}
	return out
}

// BenchmarkPublishFeed publishes facts the way the pipeline does: one Write
// per document of ~144 facts spread over 54 metrics and two years (so ~100
// row buffers are open at once, as in a national run), 2,000 documents,
// 288,000 facts per op. The rows are generated before the timer starts.
func BenchmarkPublishFeed(b *testing.B) {
	const docs = 2000
	pre := make([][]schemas.Fact, docs)
	n := 0
	for d := range pre {
		pre[d] = feedFacts(d)
		n += len(pre[d])
	}
	var groups int
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuSeconds()
	for i := 0; i < b.N; i++ {
		w, err := NewWriter(Options{OutDir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		for _, fs := range pre {
			if err := w.Write(schemas.Facts, fs); err != nil {
				b.Fatal(err)
			}
		}
		for _, o := range w.outs {
			groups += o.rowGroups
		}
		rel, err := w.Commit(context.Background(), ReleaseMeta{Title: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		if st, _ := rel.Manifest.Table("facts"); st.Rows != int64(n) {
			b.Fatalf("%d fact rows published, want %d", st.Rows, n)
		}
	}
	sec := time.Since(start).Seconds()
	b.ReportMetric(float64(n*b.N)/sec, "rows/s")
	if cpu := cpuSeconds() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n*b.N)/cpu, "rows/cpu-s")
	}
	b.ReportMetric(float64(groups)/float64(b.N), "row-groups-before-commit")
}
