// Command tablegen writes the standard table fixtures of pipeline/tables:
// for each standard set (budget 2024, final account 2023) an .xlsx, a .docx
// and the model as JSON. testdata/tables/README lists the exact commands,
// including the LibreOffice conversions to .xls and .pdf.
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
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "tablegen:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
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
		for _, f := range []struct {
			ext  string
			data []byte
		}{{".xlsx", x}, {".docx", w}, {".model.json", append(m, '\n')}} {
			p := filepath.Join(dir, d.Name+f.ext)
			if err := os.WriteFile(p, f.data, 0o644); err != nil {
				return err
			}
			fmt.Println("wrote", p)
		}
	}
	return nil
}
