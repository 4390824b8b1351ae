package demoportal

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"
)

// TestDisclosures checks the disclosures handed over without HTTP: one per
// truth document, in order, with the served page and attachment bytes under
// the given base and each attachment's sha256.
func TestDisclosures(t *testing.T) {
	site := Generate(DefaultSeed)
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	ds, err := site.Disclosures("http://x.invalid", at)
	if err != nil {
		t.Fatal(err)
	}
	truth := site.Truth()
	if len(ds) != len(truth) || len(ds) == 0 {
		t.Fatalf("%d disclosures for %d truth documents", len(ds), len(truth))
	}
	for i, d := range ds {
		td := truth[i]
		body, _ := site.Body(td.Path)
		if d.Page.URL != "http://x.invalid"+td.Path || string(d.Page.Body) != string(body) || d.Title != td.Title ||
			d.Region.County != td.County || !d.Page.FetchedAt.Equal(at) {
			t.Fatalf("disclosure %d (%s): page %s, title %q, county %q", i, td.Path, d.Page.URL, d.Title, d.Region.County)
		}
		if len(d.Attachments) != len(td.Attachments) {
			t.Fatalf("%s: %d attachments, want %d", td.Path, len(d.Attachments), len(td.Attachments))
		}
		for j, a := range d.Attachments {
			h := sha256.Sum256(a.Body)
			if a.URL != "http://x.invalid"+td.Attachments[j] || a.PayloadSHA256 != hex.EncodeToString(h[:]) || len(a.Body) == 0 {
				t.Errorf("%s attachment %d: %s sha %s", td.Path, j, a.URL, a.PayloadSHA256)
			}
		}
	}
}
