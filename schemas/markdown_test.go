package schemas

import (
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestSchemaDocFresh fails when docs/schema.md is stale; `make docs` (go test
// -run TestSchemaDocFresh -update) rewrites it.
func TestSchemaDocFresh(t *testing.T) {
	const path = "../docs/schema.md"
	want := Markdown()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run make docs)", err)
	}
	if string(got) != want {
		t.Errorf("%s is stale: run make docs", path)
	}
}
