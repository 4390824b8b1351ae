package crawl

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/budgetfeed/budgetfeed/sources/mockportal"
)

// benchArticles and benchParallel fix the workload: ≥5,000 pages at the
// same concurrency for every crawler.
const (
	benchArticles = 5000
	benchParallel = 4
)

type countSink struct{ n, atts int }

func (s *countSink) Disclosure(_ context.Context, d schemas.Disclosure) error {
	s.n++
	s.atts += len(d.Attachments)
	return nil
}
func (s *countSink) Ledger(schemas.LedgerEntry) {}

// BenchmarkCrawl mirrors one local portal with budgetfeed (WARC capture on),
// wget2 and Scrapy at the same concurrency and reports pages/s for each.
//
//	go test -run XXX -bench Crawl -benchtime 1x ./sources/crawl
func BenchmarkCrawl(b *testing.B) {
	site := mockportal.NewBench(benchArticles)
	defer site.Close()
	b.Logf("portal: %d pages (lists, articles, attachments)", site.Pages)

	report := func(b *testing.B, elapsed time.Duration) {
		hits := site.TotalHits()
		b.ReportMetric(float64(hits)/elapsed.Seconds()/float64(b.N), "pages/s")
		b.ReportMetric(float64(hits)/float64(b.N), "requests/op")
	}

	b.Run("budgetfeed", func(b *testing.B) {
		site.ResetHits()
		var elapsed time.Duration
		for i := 0; i < b.N; i++ {
			o := DefaultOptions()
			o.Parallelism = benchParallel
			o.Delay = 0
			o.Timeout = 10 * time.Second
			o.WARCDir = b.TempDir()
			c, err := New(Profile{ID: "bench", Family: FamilyTRS, StartURLs: []string{site.URL(site.Column)}}, o, nil)
			if err != nil {
				b.Fatal(err)
			}
			sink := &countSink{}
			start := time.Now()
			if err := c.Harvest(context.Background(), sink); err != nil {
				b.Fatal(err)
			}
			if err := c.Close(); err != nil {
				b.Fatal(err)
			}
			elapsed += time.Since(start)
			if sink.n != benchArticles {
				b.Fatalf("harvested %d disclosures, want %d", sink.n, benchArticles)
			}
		}
		report(b, elapsed)
	})

	b.Run("wget2", func(b *testing.B) {
		bin, err := exec.LookPath("wget2")
		if err != nil {
			b.Skip("wget2 not installed (apt-get install -y wget2)")
		}
		site.ResetHits()
		var elapsed time.Duration
		for i := 0; i < b.N; i++ {
			dir := b.TempDir()
			cmd := exec.Command(bin, "--recursive", "--level=0", "--no-parent", "--max-threads="+strconv.Itoa(benchParallel),
				"--robots=on", "--no-verbose", "--quiet", "--no-host-directories", "--directory-prefix="+dir, site.URL(site.Column))
			start := time.Now()
			out, err := cmd.CombinedOutput()
			elapsed += time.Since(start)
			if err != nil {
				b.Fatalf("wget2: %v\n%s", err, out)
			}
		}
		report(b, elapsed)
	})

	b.Run("scrapy", func(b *testing.B) {
		bin, err := exec.LookPath("scrapy")
		if err != nil {
			b.Skip("scrapy not installed (apt-get install -y python3-scrapy)")
		}
		spider := filepath.Join(b.TempDir(), "mirror.py")
		if err := os.WriteFile(spider, []byte(scrapySpider), 0o644); err != nil {
			b.Fatal(err)
		}
		site.ResetHits()
		var elapsed time.Duration
		for i := 0; i < b.N; i++ {
			p := strconv.Itoa(benchParallel)
			cmd := exec.Command(bin, "runspider", spider, "-a", "start="+site.URL(site.Column),
				"-s", "CONCURRENT_REQUESTS="+p, "-s", "CONCURRENT_REQUESTS_PER_DOMAIN="+p, "-s", "ROBOTSTXT_OBEY=True",
				"-s", "LOG_LEVEL=ERROR", "-s", "TELNETCONSOLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0")
			cmd.Dir = b.TempDir()
			start := time.Now()
			out, err := cmd.CombinedOutput()
			elapsed += time.Since(start)
			if err != nil {
				b.Fatalf("scrapy: %v\n%s", err, out)
			}
		}
		report(b, elapsed)
	})
}

// scrapySpider follows every same-site link (pages and attachments), like
// a mirror; responses are discarded.
const scrapySpider = `
import scrapy
from scrapy.http import TextResponse
from scrapy.linkextractors import LinkExtractor

class Mirror(scrapy.Spider):
    name = "mirror"
    allowed_domains = ["127.0.0.1"]

    def __init__(self, start=None, **kw):
        super().__init__(**kw)
        self.start_urls = [start]
        self.links = LinkExtractor(deny_extensions=[])

    def parse(self, response):
        if not isinstance(response, TextResponse):
            return
        for link in self.links.extract_links(response):
            yield scrapy.Request(link.url, callback=self.parse)
`
