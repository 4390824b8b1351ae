package config

import (
	"strings"
	"testing"
	"time"
)

func TestLoadExample(t *testing.T) {
	c, err := Load("example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Crawl.Contact != "data-desk@example.org" || len(c.Portals) != 1 || c.Portals[0].Family != "auto" {
		t.Errorf("example decoded wrong: %+v", c)
	}
	if c.Crawl.Timeout != 20*time.Second || !c.Crawl.RespectRobots {
		t.Errorf("durations/bools: %+v", c.Crawl)
	}
	if c.Portals[0].Region.County != "某区" {
		t.Errorf("region: %+v", c.Portals[0].Region)
	}
}

func TestDefaultsWithoutFile(t *testing.T) {
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if c.Out != "out" || c.Crawl.Parallelism != 4 || len(c.Portals) != 0 {
		t.Errorf("defaults: %+v", c)
	}
}

func TestEnvOverrides(t *testing.T) {
	t.Setenv("BUDGETFEED_OUT", "/tmp/feedout")
	t.Setenv("BUDGETFEED_CRAWL_DELAY", "250ms")
	t.Setenv("BUDGETFEED_CRAWL_RESPECT_ROBOTS", "false")
	c, err := Load("example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Out != "/tmp/feedout" || c.Crawl.Delay != 250*time.Millisecond || c.Crawl.RespectRobots {
		t.Errorf("env not applied: out=%q delay=%v robots=%v", c.Out, c.Crawl.Delay, c.Crawl.RespectRobots)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct{ file, want string }{
		{"testdata/unknown_key.yaml", "paralelism"},
		{"testdata/bad_family.yaml", "wordpress"},
		{"testdata/missing.yaml", "missing.yaml"},
	}
	for _, tt := range tests {
		_, err := Load(tt.file)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%s) error = %v, want mention of %q", tt.file, err, tt.want)
		}
	}
	t.Setenv("BUDGETFEED_WORKERS", "0")
	if _, err := Load(""); err == nil || !strings.Contains(err.Error(), "workers") {
		t.Errorf("workers=0 accepted: %v", err)
	}
}
