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
	if c.Runtime.GCPercent != 200 || c.Runtime.MemoryLimit != 1<<30 {
		t.Errorf("runtime defaults: %+v", c.Runtime)
	}
}

func TestRuntimeSettings(t *testing.T) {
	tests := []struct {
		env     map[string]string
		percent int
		limit   int64
		err     string
	}{
		{env: map[string]string{"BUDGETFEED_RUNTIME_GC_PERCENT": "100", "BUDGETFEED_RUNTIME_MEMORY_LIMIT": "0"}, percent: 100, limit: 0},
		{env: map[string]string{"BUDGETFEED_RUNTIME_GC_PERCENT": "-1", "BUDGETFEED_RUNTIME_MEMORY_LIMIT": "536870912"}, percent: -1, limit: 512 << 20},
		{env: map[string]string{"BUDGETFEED_RUNTIME_GC_PERCENT": "0"}, err: "runtime.gc_percent"},
		{env: map[string]string{"BUDGETFEED_RUNTIME_MEMORY_LIMIT": "-5"}, err: "runtime.memory_limit"},
		{env: map[string]string{"BUDGETFEED_RUNTIME_GC_PERCENT": "-1", "BUDGETFEED_RUNTIME_MEMORY_LIMIT": "0"}, err: "grows without bound"},
	}
	for _, tt := range tests {
		t.Run(tt.err, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			c, err := Load("example.yaml")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Load error = %v, want mention of %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Runtime.GCPercent != tt.percent || c.Runtime.MemoryLimit != tt.limit {
				t.Errorf("runtime = %+v, want gc_percent %d, memory_limit %d", c.Runtime, tt.percent, tt.limit)
			}
		})
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
