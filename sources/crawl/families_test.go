package crawl

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/budgetfeed/budgetfeed/sources/mockportal"
)

func disclosedPaths(root string, s *memSink) []string {
	var out []string
	for _, d := range s.discs {
		out = append(out, relPath(root, d.Page.URL))
	}
	sort.Strings(out)
	return out
}

func TestHarvestHanweb(t *testing.T) {
	hw := mockportal.NewHanweb(23)
	defer hw.Close()
	want := make([]string, 0, len(hw.Expect.Disclosures))
	for k := range hw.Expect.Disclosures {
		want = append(want, k)
	}
	sort.Strings(want)
	tests := []struct {
		name    string
		profile Profile
		full    bool // compare traps too (discovery reaches them)
	}{
		{"column", Profile{ID: "hw", Family: FamilyHanweb, StartURLs: []string{hw.URL(hw.Column)}}, false},
		{"discover-from-home", Profile{ID: "hw-auto", Family: FamilyAuto, StartURLs: []string{hw.URL("/")}}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hw.ResetHits()
			o := testOptions(t)
			before := hw.ProxyCalls()
			sink := harvest(t, tc.profile, o)
			if got := disclosedPaths(hw.Root(), sink); !slices.Equal(got, want) {
				t.Errorf("disclosures\n got %v\nwant %v", got, want)
			}
			// 23 records, 5 per page, 3 pages per group: 2 POSTs cover it.
			if n := hw.ProxyCalls() - before; n != 2 {
				t.Errorf("dataproxy POSTs accepted: %d, want 2", n)
			}
			if tc.full {
				checkExpect(t, hw.Portal, sink)
			}
			checkEvidence(t, o.WARCDir, sink)
			if t.Failed() {
				dumpLedger(t, sink)
			}
		})
	}
}

func TestHarvestJSONAPI(t *testing.T) {
	j := mockportal.NewJSONAPI()
	defer j.Close()
	tests := []struct {
		name string
		opt  JSONAPIOptions
		want []string
	}{
		{"gkmlpt", JSONAPIOptions{ListURL: j.GkmlptList, ItemsPath: "articles", TotalPath: "classify.post_count"}, j.GkmlptArticles},
		{"govsearch-jsonp", JSONAPIOptions{ListURL: j.GovsearchList, ItemsPath: "data", URLField: "puburl", DateField: "tip.dates"}, j.GovsearchArticles},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := testOptions(t)
			sink := harvest(t, Profile{ID: "json-" + tc.name, Family: FamilyJSONAPI, JSONAPI: tc.opt}, o)
			want := append([]string{}, tc.want...)
			sort.Strings(want)
			if got := disclosedPaths(j.Root(), sink); !slices.Equal(got, want) {
				t.Errorf("disclosures\n got %v\nwant %v", got, want)
				dumpLedger(t, sink)
			}
			for _, d := range sink.discs {
				k := relPath(j.Root(), d.Page.URL)
				var atts []string
				for _, a := range d.Attachments {
					atts = append(atts, relPath(j.Root(), a.URL))
					if w, ok := j.Expect.FileNames[relPath(j.Root(), a.URL)]; ok && a.FileName != w {
						t.Errorf("file name %q, want %q", a.FileName, w)
					}
				}
				sort.Strings(atts)
				if !slices.Equal(atts, j.Expect.Disclosures[k]) {
					t.Errorf("%s attachments %v, want %v", k, atts, j.Expect.Disclosures[k])
				}
				if d.PublishedAt.IsZero() || d.Title == "" {
					t.Errorf("%s: missing title/date %q %v", k, d.Title, d.PublishedAt)
				}
				if tc.name == "govsearch-jsonp" && (slices.Contains([]rune(d.Title), '<') || !slices.Contains([]rune(d.Title), '&')) {
					t.Errorf("title not cleaned of <font> or entities: %q", d.Title)
				}
			}
			for _, p := range j.Expect.NeverFetched {
				if j.Hits(p) != 0 {
					t.Errorf("%s fetched although its title is not a budget", p)
				}
			}
			checkEvidence(t, o.WARCDir, sink)
		})
	}
}

// TestHarvestJSONAPIFromHome: from the home URL alone, the gkmlpt platform
// (linked as 政府信息公开, categories from window._CONFIG.TREE) and the
// govsearch JSONP endpoint (named in a 信息公开目录 page's script) are found
// and harvested; the non-budget category is never listed.
func TestHarvestJSONAPIFromHome(t *testing.T) {
	j := mockportal.NewJSONAPI()
	defer j.Close()
	o := testOptions(t)
	sink := harvest(t, Profile{ID: "json-auto", Family: FamilyAuto, StartURLs: []string{j.URL("/")}}, o)
	checkExpect(t, j.Portal, sink)
	checkEvidence(t, o.WARCDir, sink)
	want := len(j.GkmlptArticles) + len(j.GkmlptCat6Articles) + len(j.GovsearchArticles)
	if len(sink.discs) != want {
		t.Errorf("%d disclosures, want %d", len(sink.discs), want)
	}
	dup := 0
	for _, e := range sink.ledger {
		if e.Outcome == "duplicate" {
			dup++
		}
	}
	if dup != 1 {
		t.Errorf("cross-posted gkmlpt article: %d duplicate ledger entries, want 1", dup)
	}
	if t.Failed() {
		dumpLedger(t, sink)
	}
}

// TestHarvestHanwebNextgroup: a newer Hanweb build with encrypted ids pages
// only through the <nextgroup> link of each datastore; the empty answer
// after the last group ends the column and is not an error.
func TestHarvestHanwebNextgroup(t *testing.T) {
	for _, total := range []int{23, 15, 4} {
		t.Run(fmt.Sprint(total), func(t *testing.T) {
			hw := mockportal.NewHanwebNextgroup(total)
			defer hw.Close()
			o := testOptions(t)
			sink := harvest(t, Profile{ID: "hw-ng", Family: FamilyAuto, StartURLs: []string{hw.URL("/")}}, o)
			checkExpect(t, hw.Portal, sink)
			checkEvidence(t, o.WARCDir, sink)
			groups := (total + 14) / 15
			if n := hw.ProxyCalls(); n != groups-1 {
				t.Errorf("accepted dataproxy calls %d, want %d (groups after the embedded one)", n, groups-1)
			}
			if n := hw.BadProxyCalls(); n != 0 {
				t.Errorf("%d dataproxy requests the portal could not accept (computed ranges or unsigned)", n)
			}
			if n := hw.Hits(hw.EndLink); n != 1 {
				t.Errorf("end link requested %d times, want 1", n)
			}
			for _, e := range sink.ledger {
				if strings.Contains(e.URL, "dataproxy.jsp") && e.Outcome != "ok" {
					t.Errorf("dataproxy ledger %s %s %s", e.URL, e.Outcome, e.Detail)
				}
				if relPath(hw.Root(), e.URL) == hw.EndLink && !strings.Contains(e.Detail, "end of the column") {
					t.Errorf("end answer detail %q", e.Detail)
				}
			}
			if t.Failed() {
				dumpLedger(t, sink)
			}
		})
	}
}
