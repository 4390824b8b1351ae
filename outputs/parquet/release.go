package parquet

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/parquet/file"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// File names inside a release.
const (
	ManifestFile     = "manifest.json"
	DataPackageFile  = "datapackage.json"
	CatalogFile      = "catalog.jsonld"
	ChangelogFile    = "changelog.json"
	ChangelogMDFile  = "CHANGELOG.md"
	FeedLink         = "feed"     // OutDir/feed → releases/<id>
	ReleasesDir      = "releases" // OutDir/releases/<id>
	ParquetMediaType = "application/vnd.apache.parquet"
)

// ErrNoRelease is returned by OpenLatest when nothing has been published yet.
var ErrNoRelease = errors.New("parquet: no release published")

// ReleaseMeta describes a release: what was crawled and when.
type ReleaseMeta struct {
	Title                       string
	Sources                     []string // portal profile ids or URLs crawled
	CrawlStarted, CrawlFinished time.Time
	CodeListVersion             string
}

// Release is one published, immutable release.
type Release struct {
	ID        string
	Dir       string // OutDir/releases/<id>
	Manifest  Manifest
	Changelog *Changelog // nil when the release has no changelog.json
}

// Manifest is manifest.json: what a release holds, with checksums.
type Manifest struct {
	ReleaseID       string       `json:"release_id"`
	SchemaVersion   string       `json:"schema_version"`
	Created         time.Time    `json:"created"`
	FirstIssued     time.Time    `json:"first_issued"`
	PreviousRelease string       `json:"previous_release,omitempty"`
	ContentSHA256   string       `json:"content_sha256"` // sha256 of the sorted "sha256  path" lines of the data files
	Title           string       `json:"title,omitempty"`
	Sources         []string     `json:"sources,omitempty"`
	CrawlStarted    *time.Time   `json:"crawl_started,omitempty"`
	CrawlFinished   *time.Time   `json:"crawl_finished,omitempty"`
	CodeListVersion string       `json:"code_list_version,omitempty"`
	FiscalYears     []int32      `json:"fiscal_years"`
	Tables          []TableStats `json:"tables"`
	Files           []FileEntry  `json:"files"` // every file of the release but manifest.json
}

// TableStats summarises one table of a release.
type TableStats struct {
	Name        string  `json:"name"`
	Rows        int64   `json:"rows"`
	Bytes       int64   `json:"bytes"`
	Files       int     `json:"files"`
	Partitioned bool    `json:"partitioned"`
	FiscalYears []int32 `json:"fiscal_years,omitempty"`
}

// FileEntry is one file of a release.
type FileEntry struct {
	Path      string `json:"path"` // relative, slash-separated
	Bytes     int64  `json:"bytes"`
	SHA256    string `json:"sha256"`
	Table     string `json:"table,omitempty"`
	Rows      int64  `json:"rows,omitempty"`
	RowGroups int    `json:"row_groups,omitempty"`
}

// Table returns the stats of the named table.
func (m *Manifest) Table(name string) (TableStats, bool) {
	for _, t := range m.Tables {
		if t.Name == name {
			return t, true
		}
	}
	return TableStats{}, false
}

// Commit finishes the files, writes the changelog against the release the
// feed link points to, datapackage.json, catalog.jsonld and manifest.json
// (last), fsyncs everything, renames the staging directory to
// releases/<id> and points OutDir/feed at it. On error the staging
// directory is removed and the previous release stays the latest.
func (w *Writer) Commit(ctx context.Context, meta ReleaseMeta) (rel *Release, err error) {
	if w.done {
		return nil, errors.New("parquet: commit after commit or abort")
	}
	defer func() {
		if err != nil {
			w.Abort()
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := w.closeAll(); err != nil {
		return nil, err
	}
	now := w.o.Now().UTC().Truncate(time.Second)
	m := Manifest{SchemaVersion: schemas.Version, Created: now, FirstIssued: now,
		Title: meta.Title, Sources: meta.Sources, CodeListVersion: meta.CodeListVersion}
	if !meta.CrawlStarted.IsZero() {
		t := meta.CrawlStarted.UTC()
		m.CrawlStarted = &t
	}
	if !meta.CrawlFinished.IsZero() {
		t := meta.CrawlFinished.UTC()
		m.CrawlFinished = &t
	}

	// Data files: checksums, row counts, fiscal years.
	years := map[int32]bool{}
	var lines []string
	for _, t := range schemas.All {
		ts := TableStats{Name: t.Name, Partitioned: isPartitioned(t)}
		files, err := TableFiles(w.staging, t)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			fe, err := w.fileEntry(f.Path)
			if err != nil {
				return nil, err
			}
			fe.Table = t.Name
			if o, ok := w.outs[strings.TrimSuffix(f.Path, "/part-00000.parquet")]; ok {
				fe.Rows, fe.RowGroups = o.rows, o.rowGroups
			} else if fe.Rows, fe.RowGroups, err = countRows(filepath.Join(w.staging, filepath.FromSlash(f.Path))); err != nil {
				return nil, err
			}
			ts.Rows += fe.Rows
			ts.Bytes += fe.Bytes
			ts.Files++
			if f.Partitioned {
				ts.FiscalYears = append(ts.FiscalYears, f.FiscalYear)
				if t == schemas.Documents || t == schemas.Facts {
					years[f.FiscalYear] = true
				}
			}
			m.Files = append(m.Files, fe)
			lines = append(lines, fe.SHA256+"  "+fe.Path+"\n")
		}
		m.Tables = append(m.Tables, ts)
	}
	for y := range years {
		m.FiscalYears = append(m.FiscalYears, y)
	}
	sort.Slice(m.FiscalYears, func(i, j int) bool { return m.FiscalYears[i] < m.FiscalYears[j] })
	sort.Strings(lines)
	h := sha256.New()
	for _, l := range lines {
		io.WriteString(h, l)
	}
	m.ContentSHA256 = hex.EncodeToString(h.Sum(nil))
	m.ReleaseID = now.Format("20060102T150405Z") + "-" + m.ContentSHA256[:8]

	// The previous release, for the changelog and the first issue date.
	prev, err := OpenLatest(w.o.OutDir)
	switch {
	case errors.Is(err, ErrNoRelease):
		prev = nil
	case err != nil:
		return nil, err
	default:
		m.PreviousRelease = prev.ID
		if !prev.Manifest.FirstIssued.IsZero() {
			m.FirstIssued = prev.Manifest.FirstIssued
		}
		if prev.ID == m.ReleaseID {
			return nil, fmt.Errorf("parquet: release %s already exists", m.ReleaseID)
		}
	}
	prevDir := ""
	if prev != nil {
		prevDir = prev.Dir
	}
	cl, err := Diff(ctx, prevDir, w.staging, w.log)
	if err != nil {
		return nil, err
	}
	cl.ReleaseID, cl.Generated = m.ReleaseID, now
	if err := w.writeJSON(ChangelogFile, cl, &m); err != nil {
		return nil, err
	}
	if err := w.writeFile(ChangelogMDFile, []byte(cl.Markdown()), &m); err != nil {
		return nil, err
	}
	if err := w.writeJSON(DataPackageFile, dataPackage(&m, meta), &m); err != nil {
		return nil, err
	}
	if err := w.writeJSON(CatalogFile, catalog(&m, meta, w.o.BaseURL), &m); err != nil {
		return nil, err
	}
	// The manifest last: a release directory with a manifest is complete.
	if err := w.writeJSON(ManifestFile, &m, nil); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := syncDirs(w.staging); err != nil {
		return nil, err
	}
	final := filepath.Join(w.o.OutDir, ReleasesDir, m.ReleaseID)
	if _, err := os.Lstat(final); err == nil {
		return nil, fmt.Errorf("parquet: release %s already exists", final)
	}
	if err := os.Rename(w.staging, final); err != nil {
		return nil, fmt.Errorf("parquet: publish %s: %w", final, err)
	}
	w.staging = final // Abort must not remove a published release
	w.done = true
	if err := syncDir(filepath.Join(w.o.OutDir, ReleasesDir)); err != nil {
		return nil, err
	}
	if err := pointFeed(w.o.OutDir, m.ReleaseID); err != nil {
		return nil, err
	}
	w.log.Info("release published", "id", m.ReleaseID, "dir", final,
		"documents_added", len(cl.DocumentsAdded), "figures_changed", len(cl.FiguresChanged))
	return &Release{ID: m.ReleaseID, Dir: final, Manifest: m, Changelog: cl}, nil
}

// fileEntry checksums one file of the staging release.
func (w *Writer) fileEntry(rel string) (FileEntry, error) {
	name := filepath.Join(w.staging, filepath.FromSlash(rel))
	f, err := os.Open(name)
	if err != nil {
		return FileEntry{}, fmt.Errorf("parquet: checksum %s: %w", name, err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return FileEntry{}, fmt.Errorf("parquet: checksum %s: %w", name, err)
	}
	return FileEntry{Path: rel, Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// countRows reads the row count from a Parquet footer.
func countRows(path string) (int64, int, error) {
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		return 0, 0, fmt.Errorf("parquet: open %s: %w", path, err)
	}
	defer pf.Close()
	return pf.NumRows(), pf.NumRowGroups(), nil
}

// writeJSON writes v as indented JSON into the staging release and, when m
// is not nil, records the file in m.
func (w *Writer) writeJSON(name string, v any, m *Manifest) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("parquet: encode %s: %w", name, err)
	}
	return w.writeFile(name, append(b, '\n'), m)
}

// writeFile writes, fsyncs and write-protects one metadata file.
func (w *Writer) writeFile(name string, b []byte, m *Manifest) error {
	path := filepath.Join(w.staging, name)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("parquet: create %s: %w", path, err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("parquet: write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("parquet: fsync %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("parquet: close %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o444); err != nil {
		return fmt.Errorf("parquet: chmod %s: %w", path, err)
	}
	if m != nil {
		sum := sha256.Sum256(b)
		m.Files = append(m.Files, FileEntry{Path: name, Bytes: int64(len(b)), SHA256: hex.EncodeToString(sum[:])})
	}
	return nil
}

// syncDirs fsyncs every directory under root, deepest first.
func syncDirs(root string) error {
	var dirs []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			dirs = append(dirs, p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("parquet: walk %s: %w", root, err)
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		if err := syncDir(dirs[i]); err != nil {
			return err
		}
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("parquet: open dir %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("parquet: fsync dir %s: %w", dir, err)
	}
	return nil
}

// pointFeed atomically replaces OutDir/feed with a link to releases/<id>:
// a new symlink is made under a temporary name and renamed over the old one.
func pointFeed(outDir, id string) error {
	link := filepath.Join(outDir, FeedLink)
	if fi, err := os.Lstat(link); err == nil && fi.Mode()&fs.ModeSymlink == 0 {
		return fmt.Errorf("parquet: %s exists and is not a symlink; not replacing it", link)
	}
	tmp := filepath.Join(outDir, "."+FeedLink+"-"+id+".tmp")
	os.Remove(tmp)
	if err := os.Symlink(ReleasesDir+"/"+id, tmp); err != nil {
		return fmt.Errorf("parquet: link %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, link); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("parquet: point %s at %s: %w", link, id, err)
	}
	return syncDir(outDir)
}

// OpenLatest opens the release OutDir/feed points to.
func OpenLatest(outDir string) (*Release, error) {
	link := filepath.Join(outDir, FeedLink)
	target, err := os.Readlink(link)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, ErrNoRelease
		}
		return nil, fmt.Errorf("parquet: read link %s: %w", link, err)
	}
	if !filepath.IsAbs(target) {
		target = filepath.Join(outDir, target)
	}
	return OpenRelease(target)
}

// OpenRelease opens a published release directory by its manifest.
func OpenRelease(dir string) (*Release, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, fmt.Errorf("parquet: release %s: %w", dir, err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("parquet: release %s: manifest: %w", dir, err)
	}
	r := &Release{ID: m.ReleaseID, Dir: dir, Manifest: m}
	if b, err := os.ReadFile(filepath.Join(dir, ChangelogFile)); err == nil {
		var cl Changelog
		if err := json.Unmarshal(b, &cl); err != nil {
			return nil, fmt.Errorf("parquet: release %s: changelog: %w", dir, err)
		}
		r.Changelog = &cl
	}
	return r, nil
}

// Verify recomputes the checksum and size of every file the manifest lists
// and reports the first mismatch.
func (r *Release) Verify() error {
	for _, fe := range r.Manifest.Files {
		path := filepath.Join(r.Dir, filepath.FromSlash(fe.Path))
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("parquet: verify %s: %w", path, err)
		}
		h := sha256.New()
		n, err := io.Copy(h, f)
		f.Close()
		if err != nil {
			return fmt.Errorf("parquet: verify %s: %w", path, err)
		}
		if n != fe.Bytes || hex.EncodeToString(h.Sum(nil)) != fe.SHA256 {
			return fmt.Errorf("parquet: verify %s: size or sha256 differs from the manifest", path)
		}
	}
	return nil
}
