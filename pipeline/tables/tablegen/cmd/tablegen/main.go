// Command tablegen writes the standard table fixtures of pipeline/tables:
// for each standard set (budget 2024, final account 2023) an .xlsx, a .docx
// and the model as JSON; with -biff8 also the project's own BIFF8 workbook
// (<name>.biff8.xls, which the tests render in memory; written only for the
// LibreOffice cross-check). testdata/tables/README lists the exact
// commands, including the LibreOffice conversions to .xls and .pdf.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/budgetfeed/budgetfeed/pipeline/tables/tablegen"
)

func main() {
	out := flag.String("out", "testdata/tables", "directory to write the fixtures to")
	biff8 := flag.Bool("biff8", false, "also write <name>.biff8.xls from the project's BIFF8 writer")
	flag.Parse()
	if err := run(*out, *biff8); err != nil {
		fmt.Fprintln(os.Stderr, "tablegen:", err)
		os.Exit(1)
	}
}

func run(dir string, biff8 bool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, stage := range []string{"budget", "final_account"} {
		d := tablegen.Standard(stage)
		x, err := tablegen.XLSX(d)
		if err != nil {
			return err
		}
		w, err := tablegen.DOCX(d)
		if err != nil {
			return err
		}
		m, err := json.MarshalIndent(d, "", "  ")
		if err != nil {
			return err
		}
		files := []struct {
			ext  string
			data []byte
		}{{".xlsx", x}, {".docx", w}, {".model.json", append(m, '\n')}}
		if biff8 {
			b, err := tablegen.XLS(d)
			if err != nil {
				return err
			}
			files = append(files, struct {
				ext  string
				data []byte
			}{".biff8.xls", b})
		}
		for _, f := range files {
			p := filepath.Join(dir, d.Name+f.ext)
			if err := os.WriteFile(p, f.data, 0o644); err != nil {
				return err
			}
			fmt.Println("wrote", p)
		}
	}
	return nil
}
