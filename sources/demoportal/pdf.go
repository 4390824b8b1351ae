package demoportal

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"path"
	"strconv"
	"strings"
	"sync"
)

// The PDFs of the demo portal are converted once from the generator's own
// .docx with LibreOffice (the command is in testdata/README) and committed;
// manifest.tsv records, per seed and attachment path, the sha256 of the
// .docx each PDF was made from, so a generator change that alters the
// tables is noticed (the document then falls back to its .docx and the
// tests ask for the conversion to be re-run).
//
//go:embed testdata/pdf
var pdfFS embed.FS

const pdfDir = "testdata/pdf"

type pdfEntry struct {
	docxSHA string
	file    string // name under testdata/pdf
}

var (
	pdfOnce     sync.Once
	pdfManifest map[string]pdfEntry // "seed path" → entry
	pdfErr      error
)

func pdfKey(seed uint64, p string) string { return strconv.FormatUint(seed, 10) + " " + p }

func loadPDFManifest() (map[string]pdfEntry, error) {
	pdfOnce.Do(func() {
		pdfManifest = map[string]pdfEntry{}
		b, err := pdfFS.ReadFile(pdfDir + "/manifest.tsv")
		if err != nil {
			pdfErr = fmt.Errorf("demoportal: %s/manifest.tsv: %w", pdfDir, err)
			return
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			f := strings.Split(line, "\t")
			if len(f) != 3 {
				pdfErr = fmt.Errorf("demoportal: %s/manifest.tsv line %d: want 3 tab-separated fields, got %d", pdfDir, n, len(f))
				return
			}
			seed, err := strconv.ParseUint(f[0], 10, 64)
			if err != nil {
				pdfErr = fmt.Errorf("demoportal: %s/manifest.tsv line %d: seed %q: %w", pdfDir, n, f[0], err)
				return
			}
			pdfManifest[pdfKey(seed, f[1])] = pdfEntry{docxSHA: f[2], file: path.Base(f[1])}
		}
	})
	return pdfManifest, pdfErr
}

// committedPDF returns the committed PDF of attachment p (a .pdf path) when
// it was converted from exactly docx; the reason otherwise.
func committedPDF(seed uint64, p string, docx []byte) ([]byte, string) {
	m, err := loadPDFManifest()
	if err != nil {
		return nil, err.Error()
	}
	e, ok := m[pdfKey(seed, p)]
	if !ok {
		return nil, "no committed PDF for seed " + strconv.FormatUint(seed, 10)
	}
	sum := sha256.Sum256(docx)
	if got := hex.EncodeToString(sum[:]); got != e.docxSHA {
		return nil, fmt.Sprintf("committed PDF %s was converted from a .docx with sha256 %s; the generator now writes %s", e.file, e.docxSHA, got)
	}
	b, err := pdfFS.ReadFile(pdfDir + "/" + e.file)
	if err != nil {
		return nil, fmt.Sprintf("committed PDF %s listed in manifest.tsv but not readable: %v", e.file, err)
	}
	return b, ""
}
