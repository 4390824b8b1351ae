package textify

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/budgetfeed/budgetfeed/sources/demoportal"
)

var update = flag.Bool("update", false, "rewrite the golden digests in testdata")

// demoPages returns every HTML page of the demo portal (articles, lists,
// home pages, soft 404s) as UTF-8, by path.
// The site is generated once per test binary (it takes a second or two).
func demoPages(tb testing.TB) (paths []string, pages map[string]string) {
	tb.Helper()
	d, err := demoPagesOnce()
	if err != nil {
		tb.Fatal(err)
	}
	return d.paths, d.pages
}

type demoSite struct {
	paths []string
	pages map[string]string
}

var demoPagesOnce = sync.OnceValues(func() (demoSite, error) {
	var paths []string
	site := demoportal.Generate(demoportal.DefaultSeed)
	pages := map[string]string{}
	for _, p := range site.Paths() {
		body, ok := site.Body(p)
		if !ok {
			return demoSite{}, fmt.Errorf("demo portal lists %s but has no body for it", p)
		}
		if sniff(p, body) != "html" {
			continue
		}
		paths = append(paths, p)
		pages[p] = decode(body)
	}
	slices.Sort(paths)
	return demoSite{paths, pages}, nil
})

// articleDigest renders everything HTML returns for a page (or its error)
// as one line: the digest of the title, text, date and metadata.
func articleDigest(page string) string {
	a, err := HTML(page)
	var b bytes.Buffer
	fmt.Fprintf(&b, "title=%q\ndate=%s\n", a.Title, a.PublishedAt.Format("2006-01-02"))
	if err != nil {
		fmt.Fprintf(&b, "err=%v\n", err)
	}
	keys := make([]string, 0, len(a.Meta))
	for k := range a.Meta {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "meta %q=%q\n", k, a.Meta[k])
	}
	b.WriteString(a.Text)
	h := sha256.Sum256(b.Bytes())
	return fmt.Sprintf("%s %d", hex.EncodeToString(h[:12]), len([]rune(a.Text)))
}

// TestDemoPagesUnchanged holds HTML to the exact output it gave for every
// demo portal page when the golden file was written (rune offsets of facts
// depend on every byte of the text): a faster tokenizer path must not move a
// single character. Refresh with -update only for an intended change.
func TestDemoPagesUnchanged(t *testing.T) {
	paths, pages := demoPages(t)
	var got strings.Builder
	for _, p := range paths {
		fmt.Fprintf(&got, "%s %s\n", p, articleDigest(pages[p]))
	}
	golden := filepath.Join("testdata", "demo_pages.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read %s: %v (run with -update to create it)", golden, err)
	}
	if len(paths) < 100 {
		t.Fatalf("only %d demo portal pages", len(paths))
	}
	gl, wl := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
	if len(gl) != len(wl) {
		t.Fatalf("%d pages digested, golden has %d", len(gl)-1, len(wl)-1)
	}
	bad := 0
	for i := range gl {
		if gl[i] != wl[i] {
			if bad++; bad <= 10 {
				t.Errorf("page changed:\n got %s\nwant %s", gl[i], wl[i])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d pages give different output", bad, len(paths))
	}
}

// BenchmarkHTML reads every demo portal page once per op.
func BenchmarkHTML(b *testing.B) {
	paths, pages := demoPages(b)
	var size int64
	for _, p := range paths {
		size += int64(len(pages[p]))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range paths {
			HTML(pages[p])
		}
	}
	b.ReportMetric(float64(len(paths)), "pages/op")
}
