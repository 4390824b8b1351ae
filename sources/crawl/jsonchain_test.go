package crawl

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/go-viper/mapstructure/v2"
	"go.yaml.in/yaml/v3"

	"github.com/budgetfeed/budgetfeed/sources/mockportal"
)

// chainOptions decodes the platform's YAML the way cmd/budgetfeed decodes
// a profile's jsonapi section (unknown keys rejected).
func chainOptions(t *testing.T, doc string) JSONAPIOptions {
	t.Helper()
	var m map[string]map[string]any
	if err := yaml.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatal(err)
	}
	var o JSONAPIOptions
	d, err := mapstructure.NewDecoder(&mapstructure.DecoderConfig{ErrorUnused: true, WeaklyTypedInput: true, Result: &o})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Decode(m["jsonapi"]); err != nil {
		t.Fatal(err)
	}
	return o
}

// TestHarvestJiangsuChain: the Jiangsu 预决算公开 platform (SPA shell, form
// POST chain answering JSON, literal quotes around uuid, paged templates,
// several files per department, download.do?iid=N as octet-stream) is
// harvested from configuration alone.
func TestHarvestJiangsuChain(t *testing.T) {
	js := mockportal.NewJiangsu()
	defer js.Close()
	o := testOptions(t)
	opts := chainOptions(t, mockportal.ChainYAML)
	sink := harvest(t, Profile{ID: "js-yjsgk", Family: FamilyJSONAPI, StartURLs: []string{js.URL("/")}, JSONAPI: opts}, o)
	checkExpect(t, js.Portal, sink)
	checkEvidence(t, o.WARCDir, sink)
	for _, d := range sink.discs {
		k := relPath(js.Root(), d.Page.URL)
		if d.Title != js.Titles[k] {
			t.Errorf("%s: title %q, want %q", k, d.Title, js.Titles[k])
		}
		if d.PublishedAt.IsZero() || !strings.Contains(d.Page.Text, "t_oldname") {
			t.Errorf("%s: date %v, page text %.60q", k, d.PublishedAt, d.Page.Text)
		}
	}
	var keys []string
	for _, d := range sink.discs {
		keys = append(keys, relPath(js.Root(), d.Page.URL))
	}
	sort.Strings(keys)
	if len(keys) != 4 || len(slices.Compact(keys)) != 4 {
		t.Errorf("disclosures %v, want 4 distinct", keys)
	}
	if js.Hits("/") != 0 {
		t.Error("the SPA shell was fetched; the chain needs only the endpoints")
	}
	if t.Failed() {
		dumpLedger(t, sink)
	}
}

func TestChainValidationAndTemplates(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(o *JSONAPIOptions)
		want string
	}{
		{"ok", func(*JSONAPIOptions) {}, ""},
		{"undefined-name", func(o *JSONAPIOptions) { o.Chain[1].Form["groupid"] = "{dep.iid}" }, "names nothing"},
		{"later-name", func(o *JSONAPIOptions) { o.Chain[0].Form["x"] = "{tpl.uuid}" }, "names nothing"},
		{"no-file-url", func(o *JSONAPIOptions) { o.ChainFileURL = "" }, "chain_file_url"},
		{"bad-method", func(o *JSONAPIOptions) { o.Chain[0].Method = "PUT" }, "method"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := chainOptions(t, mockportal.ChainYAML)
			tc.edit(&o)
			_, err := New(Profile{ID: "v", Family: FamilyJSONAPI, StartURLs: []string{"http://x.example/"}, JSONAPI: o}, DefaultOptions(), nil)
			if (err == nil) != (tc.want == "") || (err != nil && !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("New: %v, want %q", err, tc.want)
			}
		})
	}
	ctx := map[string]any{"year": "2021", "tpl": map[string]any{"uuid": "ab-1", "n": map[string]any{"k": 7.0}}}
	for _, tc := range []struct{ in, want, err string }{
		{"'{tpl.uuid}'", "'ab-1'", ""},
		{"{year}/{tpl.n.k}", "2021/7", ""},
		{"{tpl.missing}", "", "no value for {tpl.missing}"},
	} {
		got, err := render(tc.in, ctx)
		if got != tc.want || (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("render(%q) = %q, %v", tc.in, got, err)
		}
	}
}
