package extract

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkExtract measures documents/s and MB/s on seed-sized text (the
// seed when present, else the budget fixture). Besides wall-clock docs/s it
// reports docs per CPU second of the whole process (cpu-docs/s, GC
// included), which stays meaningful when other work shares the cores; run
// it with -cpu 1.
func BenchmarkExtract(b *testing.B) {
	data, err := os.ReadFile(seedPath)
	if err != nil {
		data, err = os.ReadFile(filepath.Join("testdata", "budget_2024.txt"))
		if err != nil {
			b.Fatal(err)
		}
	}
	text := string(data)
	Extract(text, Hint{}) // OpenCC table and code list are built once
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := processCPU()
	for i := 0; i < b.N; i++ {
		Extract(text, Hint{})
	}
	cpu := processCPU() - cpu0
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	if cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "cpu-docs/s")
	}
}
