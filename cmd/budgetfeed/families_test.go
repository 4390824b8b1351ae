package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/budgetfeed/budgetfeed/sources/mockportal"
)

// TestRunConfiguredFamilies drives the Hanweb and JSON-API families from a
// YAML configuration through viper, the way a newsroom would: portal family
// and site values in config, not code.
func TestRunConfiguredFamilies(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end run")
	}
	hw := mockportal.NewHanweb(23)
	defer hw.Close()
	js := mockportal.NewJSONAPI()
	defer js.Close()
	cfg := filepath.Join(t.TempDir(), "portals.yaml")
	yaml := fmt.Sprintf(`crawl:
  timeout: 2s
  backoff_base: 10ms
portals:
  - id: hanweb-county
    family: hanweb
    start_urls: [%q]
    region: {province: 某省, city: 某市, county: 某县}
  - id: gkmlpt-county
    family: jsonapi
    jsonapi:
      list_url: %q
      items_path: articles
      total_path: classify.post_count
`, hw.URL(hw.Column), js.GkmlptList)
	if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	if err := execute(ctx, []string{"run", "--config", cfg, "--out", out}, nil, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\nstderr:\n%s", err, stderr.String())
	}
	docs := readFeedTable(t, filepath.Join(out, "feed"), schemas.Documents).([]schemas.Document)
	got := map[string][]string{}
	for _, d := range docs {
		got[d.Source] = append(got[d.Source], d.URL)
		if d.Source == "hanweb-county" && d.County != "某县" {
			t.Errorf("%s: county %q, want the configured 某县", d.URL, d.County)
		}
	}
	var hanwebPaths []string
	for k := range hw.Expect.Disclosures {
		hanwebPaths = append(hanwebPaths, k)
	}
	for _, c := range []struct {
		source string
		p      *mockportal.Portal
		paths  []string
	}{{"hanweb-county", hw.Portal, hanwebPaths}, {"gkmlpt-county", js.Portal, js.GkmlptArticles}} {
		var want []string
		for _, k := range c.paths {
			want = append(want, c.p.URL(k))
		}
		sort.Strings(want)
		sort.Strings(got[c.source])
		if strings.Join(want, "\n") != strings.Join(got[c.source], "\n") {
			t.Errorf("%s published\n%s\nwant\n%s", c.source, strings.Join(got[c.source], "\n"), strings.Join(want, "\n"))
		}
	}
}
