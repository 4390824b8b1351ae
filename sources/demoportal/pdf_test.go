package demoportal

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var pdfSrc = flag.String("pdfsrc", "", "write the .docx sources of the demo PDFs and their manifest.tsv to this directory (see testdata/README)")

// TestCommittedPDFs: the documents of the default seed chosen to carry PDFs
// serve the committed conversions, which were made from exactly the .docx
// the generator writes now. With -pdfsrc DIR it writes those .docx files
// and the manifest instead (the first step of the command in
// testdata/README).
func TestCommittedPDFs(t *testing.T) {
	s := Generate(DefaultSeed)
	if *pdfSrc != "" {
		writePDFSources(t, s, *pdfSrc)
		return
	}
	if len(s.pdfStale) > 0 {
		t.Errorf("the committed PDFs of the demo portal do not match the generator; re-run the command in sources/demoportal/testdata/README:\n  %s",
			strings.Join(s.pdfStale, "\n  "))
	}
	docs, files := 0, 0
	for _, d := range s.Truth() {
		if d.AttachmentFormat != FormatPDF {
			continue
		}
		docs++
		for _, a := range d.Attachments {
			b, _ := s.Body(a)
			if !strings.HasSuffix(a, ".pdf") || !strings.HasPrefix(string(b), "%PDF-") {
				t.Errorf("%s: not a PDF", a)
			}
			files++
		}
	}
	if docs < 3 || files != len(s.pdfSources) {
		t.Errorf("%d documents serve %d PDFs; want ≥ 3 documents and all %d chosen files", docs, files, len(s.pdfSources))
	}
	m, err := loadPDFManifest()
	if err != nil {
		t.Fatal(err)
	}
	for k := range m { // nothing stale left in the manifest
		seed, p, _ := strings.Cut(k, " ")
		if _, ok := s.pdfSources[p]; !ok || seed != fmt.Sprint(DefaultSeed) {
			t.Errorf("manifest.tsv lists %s, which the generator no longer chooses", k)
		}
	}
}

func writePDFSources(t *testing.T, s *Site, dir string) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for p := range s.pdfSources {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	var man strings.Builder
	man.WriteString("# seed\tattachment path (.pdf)\tsha256 of the .docx it was converted from\n")
	for _, p := range paths {
		docx := s.pdfSources[p]
		name := strings.TrimSuffix(path.Base(p), ".pdf") + ".docx"
		if err := os.WriteFile(filepath.Join(dir, name), docx, 0o644); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(docx)
		fmt.Fprintf(&man, "%d\t%s\t%s\n", DefaultSeed, p, hex.EncodeToString(sum[:]))
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.tsv"), []byte(man.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d .docx and manifest.tsv to %s", len(paths), dir)
}
