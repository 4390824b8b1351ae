package tablegen

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the committed model JSON files")

// TestModelGolden keeps the committed *.model.json (the truth next to the
// committed fixtures) in step with Standard; -update rewrites them.
func TestModelGolden(t *testing.T) {
	for _, stage := range []string{"budget", "final_account"} {
		d := Standard(stage)
		got, err := json.MarshalIndent(d, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, '\n')
		p := filepath.Join("..", "..", "..", "testdata", "tables", d.Name+".model.json")
		if *update {
			if err := os.WriteFile(p, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from Standard(%q): regenerate the fixtures (testdata/tables/README)", p, stage)
		}
	}
}

func TestXLSXLayout(t *testing.T) {
	d := Standard("budget")
	data, err := XLSX(d)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 9 || got[7] != "表8" {
		t.Errorf("sheets %v", got)
	}
	if v, _ := f.GetCellValue("表5", "D7"); v != NameIndent(3)+"机构运行" {
		t.Errorf("表5!D7 = %q", v)
	}
	if v, _ := f.GetCellValue("表5", "E7"); v != "78.50" {
		t.Errorf("表5!E7 = %q (numbers are written as printed)", v)
	}
	if fm, _ := f.GetCellFormula("表3", "C4"); !strings.HasPrefix(fm, "SUM(") {
		t.Errorf("表3!C4 formula %q", fm)
	}
	mc, _ := f.GetMergeCells("表5")
	if len(mc) < 5 {
		t.Errorf("表5 merges %v", mc)
	}
}

func TestDOCXParts(t *testing.T) {
	data, err := DOCX(Standard("final_account"))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var doc string
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			rc.Close()
			doc = b.String()
		}
	}
	for _, want := range []string{`<w:gridSpan w:val="6"/>`, `<w:vMerge w:val="restart"/>`, "<w:tblHeader/>", "收入支出决算总表", "故本表为空"} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
}
