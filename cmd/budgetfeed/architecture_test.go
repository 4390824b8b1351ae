package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/budgetfeed/budgetfeed"

type goPackage struct {
	ImportPath string
	Imports    []string
	Deps       []string
}

// listPackages runs `go list -deps=false -json ./...` from the module root.
func listPackages(t *testing.T) []goPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-e", "-tags", "duckdb_arrow", "-json", module+"/...")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []goPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p goPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("decode go list: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 5 {
		t.Fatalf("go list found only %d packages", len(pkgs))
	}
	return pkgs
}

func rel(path string) string { return strings.TrimPrefix(strings.TrimPrefix(path, module), "/") }

func under(path, dir string) bool { r := rel(path); return r == dir || strings.HasPrefix(r, dir+"/") }

// TestImportDirection enforces docs/architecture.md: data flows sources →
// pipeline → outputs; schemas is the leaf; config is read only by cmd; each
// engine lives in one package.
func TestImportDirection(t *testing.T) {
	engines := map[string]string{ // third-party module prefix → the only package allowed to import it
		"github.com/gocolly/colly":        "sources/crawl",
		"github.com/duckdb/duckdb-go":     "outputs/duckdb",
		"github.com/spf13/viper":          "config",
		"github.com/marcboeker/go-duckdb": "-",
		"github.com/apache/arrow/go":      "-", // the dead v15 path
	}
	// forbidden[a] lists project folders a package under a must not import.
	forbidden := map[string][]string{
		"schemas":  {"sources", "pipeline", "outputs", "config", "cmd"},
		"config":   {"schemas", "sources", "pipeline", "outputs", "cmd"},
		"sources":  {"pipeline", "outputs", "config", "cmd"},
		"pipeline": {"outputs", "config", "cmd"},
		"outputs":  {"sources", "pipeline", "config", "cmd"},
	}
	for _, p := range listPackages(t) {
		for _, imp := range p.Imports {
			for prefix, owner := range engines {
				if strings.HasPrefix(imp, prefix) && !under(p.ImportPath, owner) {
					t.Errorf("%s imports %s; only %s may", rel(p.ImportPath), imp, owner)
				}
			}
			if !strings.HasPrefix(imp, module+"/") {
				continue
			}
			for dir, bad := range forbidden {
				if !under(p.ImportPath, dir) {
					continue
				}
				for _, b := range bad {
					if under(imp, b) {
						t.Errorf("%s imports %s: %s must not depend on %s", rel(p.ImportPath), rel(imp), dir, b)
					}
				}
			}
		}
	}
}

// TestNoCgoBelowOutputs checks that sources and pipeline build without cgo:
// none of their dependencies is the DuckDB driver.
func TestNoCgoBelowOutputs(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", module+"/sources/...", module+"/pipeline/...", module+"/schemas/...")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, "duckdb") {
			t.Errorf("sources/pipeline/schemas depend on %s", line)
		}
	}
}
