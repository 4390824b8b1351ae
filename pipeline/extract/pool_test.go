package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
)

// TestConcurrentExtract checks that Extract's reused buffers never leak
// between calls: documents extracted concurrently, interleaved, give the
// same results as one at a time.
func TestConcurrentExtract(t *testing.T) {
	var texts []string
	for _, name := range []string{"budget_2024.txt", "final_2023.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	texts = append(texts, "2024年部门预算\n2024年收入预算108.62万元，2023年预算数为105.13万元；支出预算108.62万元。", "")
	want := make([]Result, len(texts))
	for i, s := range texts {
		want[i] = Extract(s, Hint{})
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 20; k++ {
				i := (g + k) % len(texts)
				if got := Extract(texts[i], Hint{}); !reflect.DeepEqual(got, want[i]) {
					errs <- texts[i][:min(len(texts[i]), 40)]
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent result differs for text starting %q", e)
	}
}
