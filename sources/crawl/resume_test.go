package crawl

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/budgetfeed/budgetfeed/sources/mockportal"
)

const childEnv = "BUDGETFEED_CRAWL_CHILD"

// fileSink appends one line per accepted disclosure to a file and, when
// blockAfter > 0, hangs on the disclosure after that many (so the parent
// can SIGKILL a crawl in flight at a known point).
type fileSink struct {
	mu         sync.Mutex
	f          *os.File
	n          int
	blockAfter int
}

func (s *fileSink) Disclosure(ctx context.Context, d schemas.Disclosure) error {
	s.mu.Lock()
	if s.blockAfter > 0 && s.n >= s.blockAfter {
		s.mu.Unlock()
		<-ctx.Done()
		select {} // wait for SIGKILL
	}
	s.n++
	_, err := fmt.Fprintf(s.f, "%s\t%d\n", d.Page.URL, len(d.Attachments))
	if err == nil {
		err = s.f.Sync()
	}
	s.mu.Unlock()
	return err
}

func (s *fileSink) Ledger(schemas.LedgerEntry) {}

// runChild is the crawler process the resume test kills with SIGKILL.
func runChild() int {
	out, err := os.OpenFile(os.Getenv("CHILD_OUT"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	block, _ := strconv.Atoi(os.Getenv("CHILD_BLOCK_AFTER"))
	o := DefaultOptions()
	o.Parallelism = 2
	o.Timeout = 250 * time.Millisecond
	o.Retries = 2
	o.BackoffBase = 10 * time.Millisecond
	o.BackoffMax = 50 * time.Millisecond
	o.MaxAttachmentBytes = 64 << 10
	o.StateDir = os.Getenv("CHILD_STATE")
	o.WARCDir = os.Getenv("CHILD_WARC")
	c, err := New(Profile{ID: "resume", Family: FamilyAuto, StartURLs: []string{os.Getenv("CHILD_URL")}}, o, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	err = c.Harvest(context.Background(), &fileSink{f: out, blockAfter: block})
	if cerr := c.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

func readLines(t *testing.T, p string) []string {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		out = append(out, strings.Split(sc.Text(), "\t")[0])
	}
	return out
}

// TestResumeAfterSIGKILL kills a crawling process after 4 disclosures, runs
// it again on the same state, and checks that together the two runs handed
// over every disclosure exactly once without refetching finished articles.
func TestResumeAfterSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess test")
	}
	portal := mockportal.NewTRS(mockportal.TRSOptions{})
	defer portal.Close()
	dir := t.TempDir()
	outPath := filepath.Join(dir, "out.tsv")
	env := append(os.Environ(), childEnv+"=1", "CHILD_URL="+portal.URL("/"), "CHILD_OUT="+outPath,
		"CHILD_STATE="+filepath.Join(dir, "state"), "CHILD_WARC="+filepath.Join(dir, "warc"))
	const killAfter = 4

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(env, "CHILD_BLOCK_AFTER="+strconv.Itoa(killAfter))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for len(readLines(t, outPath)) < killAfter {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("child handed over only %d disclosures", len(readLines(t, outPath)))
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // let the journal line of the last one land
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	first := readLines(t, outPath)
	hitsAtKill := map[string]int{}
	for _, u := range first {
		hitsAtKill[u] = portal.Hits(relPath(portal.Root(), u))
	}

	cmd = exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("resumed child: %v\n%s", err, out)
	}
	all := readLines(t, outPath)
	var got []string
	seen := map[string]bool{}
	for _, u := range all {
		k := relPath(portal.Root(), u)
		if seen[k] {
			t.Errorf("%s handed over twice across kill and resume", k)
		}
		seen[k] = true
		got = append(got, k)
	}
	sort.Strings(got)
	var want []string
	for k := range portal.Expect.Disclosures {
		want = append(want, k)
	}
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("disclosures over both runs\n got %v\nwant %v", got, want)
	}
	for _, u := range first {
		if n := portal.Hits(relPath(portal.Root(), u)); n != hitsAtKill[u] {
			t.Errorf("%s refetched after resume (%d → %d requests)", u, hitsAtKill[u], n)
		}
	}
}

// TestIncrementalRerun: a second run after a finished one revalidates with
// conditional requests, ledgers unchanged content not_modified, and still
// hands over the complete set from the stored copies.
func TestIncrementalRerun(t *testing.T) {
	portal := mockportal.NewTRS(mockportal.TRSOptions{})
	defer portal.Close()
	o := testOptions(t)
	p := Profile{ID: "incr", Family: FamilyAuto, StartURLs: []string{portal.URL("/")}}
	first := harvest(t, p, o)
	o.WARCDir = t.TempDir()
	second := harvest(t, p, o)
	checkExpect(t, portal.Portal, second)

	sha := func(s *memSink) map[string]string {
		m := map[string]string{}
		for _, d := range s.discs {
			m[d.Page.URL] = d.Page.PayloadSHA256
			for _, a := range d.Attachments {
				m[a.URL] = a.PayloadSHA256
			}
		}
		return m
	}
	if a, b := sha(first), sha(second); len(a) != len(b) {
		t.Errorf("second run handed over %d captures, first %d", len(b), len(a))
	} else {
		for k, v := range a {
			if b[k] != v {
				t.Errorf("%s: capture changed between runs", k)
			}
		}
	}
	outcome := map[string][]string{}
	for _, e := range second.ledger {
		k := relPath(portal.Root(), e.URL)
		outcome[k] = append(outcome[k], e.Outcome)
	}
	for _, k := range []string{
		"/zwgk/fdzdgknr/czyjs/202601/t20260110_1001.html",
		"/zwgk/fdzdgknr/czyjs/202601/P020260110001.xls",
		"/zwgk/fdzdgknr/bmjs/202607/t20260701_2001.shtml",
		"/zwgk/fdzdgknr/czyjs/",
	} {
		if !slices.Contains(outcome[k], schemas.OutcomeNotModified) {
			t.Errorf("%s: second run outcomes %q, want not_modified", k, outcome[k])
		}
	}
	// Captures of unchanged content still point at the WARC of the run
	// that fetched the bytes.
	for _, d := range second.discs {
		if strings.Contains(d.Page.URL, "t20260110_1001") && (d.Page.WARCRecordID == "" || len(d.Page.Body) == 0) {
			t.Errorf("not_modified capture lacks body or evidence: %+v", d.Page.WARCRecordID)
		}
	}
}
