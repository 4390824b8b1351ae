package crawl

import (
	"net/url"
	"slices"
	"testing"
)

func TestParseGkmlptConfig(t *testing.T) {
	tests := []struct {
		name    string
		page    string
		sid     string
		cats    []string
		ok, err bool
	}{
		{"js-literal", `<script>window._CONFIG = {SID:'2_1', f: function(){ return {a:[1]}; }, TREE:[{id:3,name:'机构',children:[]},{id:7,name:'财政预决算',children:[{id:8,name:'乡镇'},]}],};</script>`,
			"2_1", []string{"7", "8"}, true, false},
		{"json", `<script>window._CONFIG={"SID":"755","TREE":[{"id":5,"name":"\u90e8\u95e8\u9884\u7b97"},{"id":6,"name":"政策"}]}</script>`,
			"755", []string{"5"}, true, false},
		{"detail-only", `<script>window._CONFIG={DETAIL:{content:"\u003Cp\u003E"}};</script>`, "", nil, false, false},
		{"no-config", `<p>nothing</p>`, "", nil, false, false},
		{"broken", `<script>window._CONFIG = {SID:'1', TREE:[{id:1 name:'预算'}]};</script>`, "", nil, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sid, cats, ok, err := parseGkmlptConfig(tc.page)
			if (err != nil) != tc.err || ok != tc.ok || sid != tc.sid {
				t.Fatalf("sid %q ok %v err %v; want %q %v err=%v", sid, ok, err, tc.sid, tc.ok, tc.err)
			}
			var ids []string
			for _, c := range cats {
				ids = append(ids, c.ID)
			}
			if !slices.Equal(ids, tc.cats) {
				t.Errorf("categories %v, want %v", ids, tc.cats)
			}
		})
	}
}

func TestJSToJSON(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{a:'x"y', b:[1,2,], c:true,}`, `{"a":"x\"y", "b":[1,2], "c":true}`},
		{`{a: foo.bar(1,2), b: 'it\'s', /* c */ d: -1.5e3}`, `{"a": null, "b": "it's",  "d": -1.5e3}`},
		{"{k: 'line\nbreak', 1: 2}", `{"k": "line\nbreak", "1": 2}`},
	} {
		got, err := jsToJSON(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("jsToJSON(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestPageTemplateAndSites(t *testing.T) {
	u, _ := url.Parse("http://infogate.x.gov.cn/govsearch/jsonp/zf_list.jsp?lb=1&searchYear=&searchYear=&page=3")
	if got, want := pageTemplate(u, "page", true), "http://infogate.x.gov.cn/govsearch/jsonp/zf_list.jsp?lb=1&searchYear=&searchYear=&page={page}&callback=result"; got != want {
		t.Errorf("pageTemplate = %s, want %s", got, want)
	}
	for _, tc := range []struct{ host, want string }{
		{"infogate.changchun.gov.cn", "changchun.gov.cn"},
		{"zwgk.changchun.gov.cn", "changchun.gov.cn"},
		{"www.example.com", "example.com"},
		{"127.0.0.1", "127.0.0.1"},
		{"gov.cn", "gov.cn"},
	} {
		if got := registrable(tc.host); got != tc.want {
			t.Errorf("registrable(%s) = %s, want %s", tc.host, got, tc.want)
		}
	}
	c, err := New(Profile{ID: "x", StartURLs: []string{"http://zwgk.changchun.gov.cn/"}}, DefaultOptions(), nil)
	if err != nil {
		t.Fatal(err)
	}
	from, _ := url.Parse("http://zwgk.changchun.gov.cn/na/")
	api, _ := url.Parse("http://infogate.changchun.gov.cn/govsearch/jsonp/zf_list.jsp")
	other, _ := url.Parse("http://infogate.jilin.gov.cn/govsearch/jsonp/zf_list.jsp")
	if !c.allowAPIHost(api, from) || !c.allowed(api) || c.allowAPIHost(other, from) {
		t.Error("API host admission: want same-site admitted, other site refused")
	}
}
