package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/budgetfeed/budgetfeed/outputs/parquet"
	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/budgetfeed/budgetfeed/sources/demoportal"
)

// editingHandler serves the demo portal and, once armed, replaces old with
// new in one page — a silent edit of a re-published disclosure. Conditional
// request headers are dropped for that page, as a server that updated its
// validators would answer 200.
type editingHandler struct {
	site           http.Handler
	path, old, new string
	armed          atomic.Bool
}

func (h *editingHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.armed.Load() || r.URL.Path != h.path {
		h.site.ServeHTTP(w, r)
		return
	}
	r.Header.Del("If-None-Match")
	r.Header.Del("If-Modified-Since")
	rec := httptest.NewRecorder()
	h.site.ServeHTTP(rec, r)
	body := strings.Replace(rec.Body.String(), h.old, h.new, 1)
	for k, v := range rec.Header() {
		if k != "Content-Length" && k != "Etag" && k != "Last-Modified" {
			w.Header()[k] = v
		}
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write([]byte(body))
}

// TestRerunChangelogNamesEditedFigure: a second run after one figure of one
// disclosure was edited produces a release whose changelog names exactly
// that figure, with both values and quotes.
func TestRerunChangelogNamesEditedFigure(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end run")
	}
	site := demoportal.Generate(demoportal.DefaultSeed)
	h := &editingHandler{site: site.Handler()}
	srv := httptest.NewServer(h)
	defer srv.Close()
	home := site.HomeURLs(srv.URL)[0] // one district is enough
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	runOnce := func() {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if err := execute(ctx, []string{"run", "--start", home, "--out", out}, nil, &stdout, &stderr); err != nil {
			t.Fatalf("run: %v\nstderr:\n%s", err, stderr.String())
		}
	}
	runOnce()
	first, err := parquet.OpenLatest(out)
	if err != nil {
		t.Fatal(err)
	}
	// Pick a stated 三公 total in a UTF-8 article and edit its printed value.
	facts := readFeedTable(t, filepath.Join(out, "feed"), schemas.Facts).([]schemas.Fact)
	var target schemas.Fact
	for _, f := range facts {
		if f.Metric == "three_public_total" && f.Method == schemas.MethodText && f.Period == schemas.PeriodCurrent &&
			strings.HasSuffix(f.SourceURL, ".html") && strings.Count(f.Quote, f.Value) == 1 {
			target = f
			break
		}
	}
	if target.DocID == "" {
		t.Fatal("no stated three_public_total to edit")
	}
	edited := "9" + target.Value
	h.path = strings.TrimPrefix(target.SourceURL, srv.URL)
	h.old = target.Quote
	h.new = strings.Replace(target.Quote, target.Value, edited, 1)
	h.armed.Store(true)
	runOnce()

	second, err := parquet.OpenLatest(out)
	if err != nil {
		t.Fatal(err)
	}
	if second.ID == first.ID {
		t.Fatalf("second run did not publish a new release (%s)", second.ID)
	}
	cl := second.Changelog
	if cl == nil || cl.PreviousRelease != first.ID {
		t.Fatalf("changelog missing or not against the first release: %+v", cl)
	}
	var hits []parquet.FigureChange
	for _, c := range cl.FiguresChanged {
		if c.DocID == target.DocID && c.Metric == "three_public_total" && c.Method == schemas.MethodText {
			hits = append(hits, c)
		}
	}
	if len(hits) != 1 {
		t.Fatalf("changelog names the edited figure %d times; all changes: %+v", len(hits), cl.FiguresChanged)
	}
	if hits[0].Old.Value != target.Value || hits[0].New.Value != edited {
		t.Errorf("change recorded as %s → %s, want %s → %s", hits[0].Old.Value, hits[0].New.Value, target.Value, edited)
	}
	for _, c := range cl.FiguresChanged {
		if c.DocID != target.DocID {
			t.Errorf("unrelated figure reported changed: %+v", c)
		}
	}
}
