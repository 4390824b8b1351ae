package tables

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/richardlehane/mscfb"
)

// Format is a detected attachment format.
type Format string

// Formats Detect tells apart.
const (
	FormatXLSX    Format = "xlsx"
	FormatXLS     Format = "xls"
	FormatDOCX    Format = "docx"
	FormatPDF     Format = "pdf"
	FormatDOC     Format = "doc"
	FormatOLE2    Format = "ole2" // other or encrypted compound file
	FormatOFD     Format = "ofd"
	FormatODF     Format = "odf"
	FormatZIP     Format = "zip"
	FormatRAR     Format = "rar"
	Format7Z      Format = "7z"
	FormatImage   Format = "image"
	FormatHTML    Format = "html"
	FormatUnknown Format = "unknown"
)

var (
	magicOLE2 = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	magicZIP  = []byte("PK\x03\x04")
	magicRAR  = []byte("Rar!\x1a\x07")
	magic7Z   = []byte{'7', 'z', 0xBC, 0xAF, 0x27, 0x1C}
)

// Detect tells the format of data from its magic bytes and, for zip and OLE2
// containers, from the parts inside. Supported formats (xlsx, xls, docx,
// pdf) return a nil error; every other format returns its Format and an
// error wrapping ErrUnsupported that says why.
func Detect(data []byte) (Format, error) {
	fm, _, err := detect(data)
	return fm, err
}

// detect is Detect that also returns the checked zip directory of a zip
// container (xlsx, docx), so that the reader does not parse it again.
func detect(data []byte) (Format, *zip.Reader, error) {
	if bytes.HasPrefix(data, magicZIP) {
		return detectZIP(data)
	}
	fm, err := detectOther(data)
	return fm, nil, err
}

// detectOther is Detect of anything but a zip container.
func detectOther(data []byte) (Format, error) {
	switch {
	case len(data) == 0:
		return FormatUnknown, fmt.Errorf("empty file: %w", ErrUnsupported)
	case bytes.HasPrefix(data, magicOLE2):
		return detectOLE2(data)
	case bytes.HasPrefix(data, magicRAR):
		return FormatRAR, fmt.Errorf("rar archive (not unpacked): %w", ErrUnsupported)
	case bytes.HasPrefix(data, magic7Z):
		return Format7Z, fmt.Errorf("7z archive (not unpacked): %w", ErrUnsupported)
	case bytes.HasPrefix(data, []byte{0x89, 'P', 'N', 'G'}), bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}),
		bytes.HasPrefix(data, []byte("GIF8")), bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return FormatImage, fmt.Errorf("image (a scan needs OCR): %w", ErrUnsupported)
	}
	head := data[:min(len(data), 1024)]
	if bytes.Contains(head, []byte("%PDF-")) {
		return FormatPDF, nil
	}
	lower := bytes.ToLower(bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf"))
	if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) || bytes.Contains(lower, []byte("<head")) {
		return FormatHTML, fmt.Errorf("html page, not an attachment: %w", ErrUnsupported)
	}
	return FormatUnknown, fmt.Errorf("unknown format (first bytes % x): %w", head[:min(len(head), 8)], ErrUnsupported)
}

// oleStreams lists the stream and storage names of a compound file.
func oleStreams(data []byte) ([]string, error) {
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("corrupt compound file: %w", err)
	}
	var names []string
	for i := 0; ; i++ {
		e, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("corrupt compound file directory: %w", err)
		}
		if i > 10000 {
			return nil, fmt.Errorf("compound file directory has more than 10000 entries: %w", ErrTooLarge)
		}
		names = append(names, e.Name)
	}
	return names, nil
}

func detectOLE2(data []byte) (Format, error) {
	names, err := oleStreams(data)
	if err != nil {
		return FormatOLE2, err
	}
	has := map[string]bool{}
	for _, n := range names {
		has[n] = true
	}
	switch {
	case has["EncryptedPackage"] || has["EncryptionInfo"]:
		return FormatOLE2, fmt.Errorf("password-protected (encrypted OOXML package): %w", ErrUnsupported)
	case has["Workbook"] || has["Book"]:
		return FormatXLS, nil
	case has["WordDocument"]:
		return FormatDOC, fmt.Errorf("legacy Word .doc/.wps (no pure-Go reader; convert to .docx): %w", ErrUnsupported)
	case has["PowerPoint Document"]:
		return FormatOLE2, fmt.Errorf("legacy PowerPoint file: %w", ErrUnsupported)
	}
	return FormatOLE2, fmt.Errorf("compound file without a Workbook or WordDocument stream (streams %s): %w",
		strings.Join(names[:min(len(names), 8)], ","), ErrUnsupported)
}

// openZip opens a zip container after checking the caps on its parts, so
// that a zip bomb is refused before anything is inflated. archive/zip fails
// a part whose data inflates beyond its declared size, so the declared sizes
// bound what reading can produce.
func openZip(data []byte) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("corrupt zip container: %w", err)
	}
	var total uint64
	for _, f := range zr.File {
		if f.Flags&0x1 != 0 {
			return nil, fmt.Errorf("zip part %s is encrypted: %w", f.Name, ErrUnsupported)
		}
		if f.UncompressedSize64 > MaxPartBytes {
			return nil, fmt.Errorf("zip part %s inflates to %d bytes (cap %d): %w", f.Name, f.UncompressedSize64, MaxPartBytes, ErrTooLarge)
		}
		if f.UncompressedSize64 > 1<<20 && f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > MaxCompressionRatio {
			return nil, fmt.Errorf("zip part %s inflates %d→%d bytes (ratio above %d, a zip bomb): %w",
				f.Name, f.CompressedSize64, f.UncompressedSize64, MaxCompressionRatio, ErrTooLarge)
		}
		total += f.UncompressedSize64
		if total > MaxUncompressedBytes {
			return nil, fmt.Errorf("zip parts inflate to more than %d bytes: %w", MaxUncompressedBytes, ErrTooLarge)
		}
	}
	return zr, nil
}

// readZipPart reads one part of a checked zip (nil, nil when absent).
func readZipPart(zr *zip.Reader, name string) ([]byte, error) {
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("open zip part %s: %w", name, err)
		}
		defer rc.Close()
		// Sized by the declared size, up to 16 MiB: a header that declares
		// far more than the part holds must not reserve it.
		b, err := readAllSized(io.LimitReader(rc, MaxPartBytes+1), min(f.UncompressedSize64, 16<<20)+1)
		if err != nil {
			return nil, fmt.Errorf("read zip part %s: %w", name, err)
		}
		if len(b) > MaxPartBytes {
			return nil, fmt.Errorf("zip part %s: %w", name, ErrTooLarge)
		}
		return b, nil
	}
	return nil, nil
}

// readAllSized is io.ReadAll starting with a buffer of size bytes (the
// part's declared size, so that a well-formed part is read without growing).
func readAllSized(r io.Reader, size uint64) ([]byte, error) {
	b := make([]byte, 0, max(size, 512))
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // let append pick a larger capacity
		}
	}
}

func detectZIP(data []byte) (Format, *zip.Reader, error) {
	zr, err := openZip(data)
	if err != nil {
		return FormatZIP, nil, err
	}
	var word, xl, ofd, mimetype bool
	for _, f := range zr.File {
		switch {
		case strings.HasPrefix(f.Name, "word/"):
			word = true
		case strings.HasPrefix(f.Name, "xl/"):
			xl = true
		case f.Name == "OFD.xml":
			ofd = true
		case f.Name == "mimetype":
			mimetype = true
		}
	}
	switch {
	case xl:
		return FormatXLSX, zr, nil
	case word:
		return FormatDOCX, zr, nil
	case ofd:
		return FormatOFD, nil, fmt.Errorf("OFD document (no reader): %w", ErrUnsupported)
	case mimetype:
		return FormatODF, nil, fmt.Errorf("OpenDocument file (.ods/.odt/.et export; convert to OOXML): %w", ErrUnsupported)
	}
	return FormatZIP, nil, fmt.Errorf("zip archive with %d files, no word/ or xl/ part (not unpacked): %w", len(zr.File), ErrUnsupported)
}
