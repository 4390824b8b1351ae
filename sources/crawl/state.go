package crawl

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// The state journal is append-only JSON lines in <StateDir>/<id>.journal.jsonl;
// captured bodies live in <StateDir>/blobs/<sha[:2]>/<sha>. Records:
//
//	{"op":"run","run":R}                 a harvest started
//	{"op":"fetch",...}                   a 200 capture with its validators
//	{"op":"handed","run":R,"url":U}      a disclosure was accepted by the sink
//	{"op":"done","run":R}                the harvest finished
//
// A run without "done" was interrupted: the next Harvest resumes it (same
// run id) and skips articles already handed over in it. A finished run makes
// the next Harvest a new run that revalidates everything with conditional
// requests and hands unchanged disclosures over again from the stored bodies.
type stateStore struct {
	mu            sync.Mutex
	dir           string
	f             *os.File
	w             *bufio.Writer
	fetches       map[string]*fetchRec
	lastRun       string
	lastDone      bool
	handedByRun   map[string]map[string]string // run → canonical URL → page sha256
	runID         string
	resuming      bool
	handedThisRun map[string]string
	prevHanded    map[string]string // handed in the previous finished run
	unsynced      int
	closed        bool
}

type fetchRec struct {
	Op           string    `json:"op"`
	URL          string    `json:"url"`
	FinalURL     string    `json:"final_url,omitempty"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	SHA          string    `json:"sha256"`
	ContentType  string    `json:"content_type,omitempty"`
	Disposition  string    `json:"disposition,omitempty"`
	WARCFile     string    `json:"warc_file,omitempty"`
	RecordID     string    `json:"warc_record_id,omitempty"`
	Status       int       `json:"status"`
	FetchedAt    time.Time `json:"fetched_at"`
}

type journalLine struct {
	Op  string `json:"op"`
	Run string `json:"run,omitempty"`
	URL string `json:"url,omitempty"`
	SHA string `json:"sha256,omitempty"` // article page payload (handed)
}

func openState(dir, id string) (*stateStore, error) {
	if err := os.MkdirAll(filepath.Join(dir, "blobs"), 0o755); err != nil {
		return nil, fmt.Errorf("state: create %s: %w", dir, err)
	}
	p := filepath.Join(dir, safeID(id)+".journal.jsonl")
	s := &stateStore{dir: dir, fetches: map[string]*fetchRec{}, handedByRun: map[string]map[string]string{}}
	if f, err := os.Open(p); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			line := sc.Bytes()
			var jl journalLine
			if err := json.Unmarshal(line, &jl); err != nil {
				continue // a torn last line after a kill
			}
			switch jl.Op {
			case "run":
				s.lastRun, s.lastDone = jl.Run, false
			case "done":
				if jl.Run == s.lastRun {
					s.lastDone = true
				}
			case "handed":
				if s.handedByRun[jl.Run] == nil {
					s.handedByRun[jl.Run] = map[string]string{}
				}
				s.handedByRun[jl.Run][jl.URL] = jl.SHA
			case "fetch":
				var fr fetchRec
				if json.Unmarshal(line, &fr) == nil {
					s.fetches[fr.URL] = &fr
				}
			}
		}
		_ = f.Close()
	} else if !os.IsNotExist(err) {
		return nil, fmt.Errorf("state: read %s: %w", p, err)
	}
	f, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("state: open %s: %w", p, err)
	}
	s.f, s.w = f, bufio.NewWriter(f)
	return s, nil
}

func (s *stateStore) beginRun() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lastRun != "" && !s.lastDone {
		s.runID, s.resuming = s.lastRun, true
		s.handedThisRun = s.handedByRun[s.lastRun]
		if s.handedThisRun == nil {
			s.handedThisRun = map[string]string{}
		}
		return nil
	}
	s.prevHanded = s.handedByRun[s.lastRun]
	var b [8]byte
	_, _ = rand.Read(b[:])
	s.runID = time.Now().UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b[:])
	s.resuming = false
	s.handedThisRun = map[string]string{}
	s.lastRun, s.lastDone = s.runID, false
	return s.appendLocked(journalLine{Op: "run", Run: s.runID}, true)
}

func (s *stateStore) endRun() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lastDone = true
	return s.appendLocked(journalLine{Op: "done", Run: s.runID}, true)
}

func (s *stateStore) handedInRun(canon string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.handedThisRun[canon]
	return ok
}

// handedPages returns page sha256 → canonical URL of the disclosures handed
// over so far in this run and in the previous finished one: content dedupe
// survives a resume, and the URL that owned a content keeps it on re-runs.
func (s *stateStore) handedPages() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]string{}
	for u, sha := range s.prevHanded {
		if sha != "" {
			out[sha] = u
		}
	}
	for u, sha := range s.handedThisRun {
		if sha != "" {
			out[sha] = u
		}
	}
	return out
}

// handed journals an accepted disclosure and syncs: after a SIGKILL the
// resumed run will not hand it over again.
func (s *stateStore) handed(canon, pageSHA string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handedThisRun[canon] = pageSHA
	return s.appendLocked(journalLine{Op: "handed", Run: s.runID, URL: canon, SHA: pageSHA}, true)
}

func (s *stateStore) lookup(canon string) *fetchRec {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r := s.fetches[canon]; r != nil && (r.ETag != "" || r.LastModified != "") {
		cp := *r
		return &cp
	}
	return nil
}

func (s *stateStore) blobPath(sha string) string {
	return filepath.Join(s.dir, "blobs", sha[:2], sha)
}

// recordFetch stores the body by sha256 and journals the validators. Synced
// in batches (every 64 records and with every "handed" line).
func (s *stateStore) recordFetch(rec fetchRec, body []byte) error {
	if len(rec.SHA) < 2 {
		return fmt.Errorf("state: bad sha %q", rec.SHA)
	}
	bp := s.blobPath(rec.SHA)
	if _, err := os.Stat(bp); err != nil {
		if err := os.MkdirAll(filepath.Dir(bp), 0o755); err != nil {
			return fmt.Errorf("state: blob dir: %w", err)
		}
		tmp, err := os.CreateTemp(filepath.Dir(bp), ".tmp-*")
		if err != nil {
			return fmt.Errorf("state: blob %s: %w", rec.SHA, err)
		}
		_, werr := tmp.Write(body)
		cerr := tmp.Close()
		if werr != nil || cerr != nil {
			_ = os.Remove(tmp.Name())
			return fmt.Errorf("state: blob %s: %v %v", rec.SHA, werr, cerr)
		}
		if err := os.Rename(tmp.Name(), bp); err != nil {
			return fmt.Errorf("state: blob %s: %w", rec.SHA, err)
		}
	}
	rec.Op = "fetch"
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fetches[rec.URL] = &rec
	s.unsynced++
	return s.appendLocked(rec, s.unsynced >= 64)
}

func (s *stateStore) blob(sha string) ([]byte, error) {
	if len(sha) < 2 {
		return nil, fmt.Errorf("state: bad sha %q", sha)
	}
	b, err := os.ReadFile(s.blobPath(sha))
	if err != nil {
		return nil, fmt.Errorf("state: stored body %s: %w", sha, err)
	}
	return b, nil
}

func (s *stateStore) appendLocked(v any, sync bool) error {
	if s.closed {
		return fmt.Errorf("state: journal closed")
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if _, err := s.w.Write(b); err != nil {
		return fmt.Errorf("state: journal write: %w", err)
	}
	if sync {
		if err := s.w.Flush(); err != nil {
			return fmt.Errorf("state: journal flush: %w", err)
		}
		if err := s.f.Sync(); err != nil {
			return fmt.Errorf("state: journal sync: %w", err)
		}
		s.unsynced = 0
	}
	return nil
}

func (s *stateStore) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	err := s.w.Flush()
	if serr := s.f.Sync(); err == nil {
		err = serr
	}
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	s.closed = true
	return err
}
