package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/budgetfeed/budgetfeed/sources/mockportal"
)

// TestRunStartTRSPortal is issue 4's done-when through the real CLI:
// `budgetfeed run --start URL` on a TRS-style portal it has never seen
// publishes every disclosure, none of the trap pages, and records every
// outcome in the ledger.
func TestRunStartTRSPortal(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end run")
	}
	portal := mockportal.NewTRS(mockportal.TRSOptions{Slow: 2 * time.Second})
	defer portal.Close()
	out := t.TempDir()
	cfg := filepath.Join(t.TempDir(), "budgetfeed.yaml")
	if err := os.WriteFile(cfg, []byte(`crawl:
  timeout: 400ms
  retries: 2
  backoff_base: 10ms
  backoff_max: 100ms
  max_attachment_bytes: 65536
  contact: test@example.org
`), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	err := execute(ctx, []string{"run", "--config", cfg, "--start", portal.URL("/"), "--out", out}, nil, &stdout, &stderr)
	if err != nil {
		t.Fatalf("run: %v\nstderr:\n%s", err, stderr.String())
	}
	feed := filepath.Join(out, "feed")
	docs := readFeedTable(t, feed, schemas.Documents).([]schemas.Document)
	ledger := readFeedTable(t, feed, schemas.Ledger).([]schemas.LedgerEntry)
	root := portal.Root()
	rel := func(u string) string { return strings.TrimPrefix(u, strings.TrimSuffix(root, "/")) }

	published := map[string]bool{}
	for _, d := range docs {
		k := rel(d.URL)
		if _, ok := portal.Expect.Disclosures[k]; !ok {
			t.Errorf("published %s (%s), which is not a disclosure of the portal", k, d.Title)
		}
		published[k] = true
	}
	for k := range portal.Expect.Disclosures {
		if !published[k] {
			t.Errorf("disclosure %s not published", k)
		}
	}
	outcomes := map[string][]string{}
	for _, e := range ledger {
		outcomes[rel(e.URL)] = append(outcomes[rel(e.URL)], e.Outcome)
	}
	for k, want := range portal.Expect.Outcomes {
		if !slices.Contains(outcomes[k], want) {
			t.Errorf("ledger for %s: %v, want %s", k, outcomes[k], want)
		}
	}
	if len(docs) == 0 || len(ledger) == 0 {
		t.Fatalf("nothing published: %d documents, %d ledger rows", len(docs), len(ledger))
	}
}
