// Package config reads budgetfeed's YAML configuration through viper, with
// BUDGETFEED_* environment variables overriding the file. It is the only
// package that imports viper, and only cmd/budgetfeed imports it: the rest of
// the code receives typed values.
package config

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/spf13/viper"
)

// Config is the whole configuration. Every key has a default (Defaults), so
// environment variables can override any of them.
type Config struct {
	// Out is the output folder: out/feed, out/releases, out/budgetfeed.duckdb,
	// out/warc, out/state.
	Out string `mapstructure:"out"`
	// Workers is the number of documents extracted in parallel.
	Workers int   `mapstructure:"workers"`
	Crawl   Crawl `mapstructure:"crawl"`
	// Runtime tunes the Go garbage collector of the run command.
	Runtime Runtime `mapstructure:"runtime"`
	// Portals lists the portals to crawl. Empty: the embedded demo portal.
	Portals []Portal `mapstructure:"portals"`
}

// Crawl holds the politeness and limit settings shared by every portal.
type Crawl struct {
	UserAgent          string        `mapstructure:"user_agent"`
	Contact            string        `mapstructure:"contact"`
	Parallelism        int           `mapstructure:"parallelism"`
	Delay              time.Duration `mapstructure:"delay"`
	RandomDelay        time.Duration `mapstructure:"random_delay"`
	Timeout            time.Duration `mapstructure:"timeout"`
	Retries            int           `mapstructure:"retries"`
	BackoffBase        time.Duration `mapstructure:"backoff_base"`
	BackoffMax         time.Duration `mapstructure:"backoff_max"`
	RespectRobots      bool          `mapstructure:"respect_robots"`
	MaxPageBytes       int64         `mapstructure:"max_page_bytes"`
	MaxAttachmentBytes int64         `mapstructure:"max_attachment_bytes"`
	MaxDepth           int           `mapstructure:"max_depth"`
	WARC               bool          `mapstructure:"warc"`
	Incremental        bool          `mapstructure:"incremental"`
}

// Runtime holds the garbage-collector settings of the run command. A run
// allocates fast (every document is parsed, extracted and buffered for
// Parquet) over a bounded live heap, so collecting less often saves CPU; the
// soft memory limit keeps the peak flat and bounded whatever the feed size.
// The Go runtime's own GOGC and GOMEMLIMIT environment variables, when set,
// win over these.
type Runtime struct {
	// GCPercent is the heap growth that triggers a collection (GOGC): 100 is
	// Go's default, 200 lets the heap reach three times the live data before
	// collecting; -1 turns collection off until the memory limit.
	GCPercent int `mapstructure:"gc_percent"`
	// MemoryLimit is the soft limit on the Go runtime's memory, in bytes
	// (GOMEMLIMIT); near it the collector runs as often as needed. 0: none.
	MemoryLimit int64 `mapstructure:"memory_limit"`
}

// Portal is one portal profile: its family and its few site-specific values.
type Portal struct {
	ID           string   `mapstructure:"id"`
	Family       string   `mapstructure:"family"` // trs, hanweb, jsonapi, auto
	StartURLs    []string `mapstructure:"start_urls"`
	AllowedHosts []string `mapstructure:"allowed_hosts"`
	TitleInclude []string `mapstructure:"title_include"`
	// InsecureTLS fetches this portal even when its certificate does not
	// verify (self-signed, expired); every such exchange says so in the ledger.
	InsecureTLS bool           `mapstructure:"insecure_tls"`
	Region      Region         `mapstructure:"region"`
	Hanweb      map[string]any `mapstructure:"hanweb"`
	JSONAPI     map[string]any `mapstructure:"jsonapi"`
}

// Region names where a portal's disclosures come from.
type Region struct {
	Province string `mapstructure:"province"`
	City     string `mapstructure:"city"`
	County   string `mapstructure:"county"`
	Code     string `mapstructure:"code"`
}

// Families are the portal families a profile may name.
var Families = []string{"trs", "hanweb", "jsonapi", "auto"}

// Defaults returns the default value of every scalar key, by viper key.
func Defaults() map[string]any {
	return map[string]any{
		"out":                        "out",
		"workers":                    2,
		"crawl.user_agent":           "budgetfeed/1",
		"crawl.contact":              "",
		"crawl.parallelism":          4,
		"crawl.delay":                "0s",
		"crawl.random_delay":         "0s",
		"crawl.timeout":              "20s",
		"crawl.retries":              3,
		"crawl.backoff_base":         "500ms",
		"crawl.backoff_max":          "30s",
		"crawl.respect_robots":       true,
		"crawl.max_page_bytes":       8 << 20,
		"crawl.max_attachment_bytes": 64 << 20,
		"crawl.max_depth":            3,
		"crawl.warc":                 true,
		"crawl.incremental":          true,
		"runtime.gc_percent":         200,
		"runtime.memory_limit":       int64(1 << 30),
	}
}

// Load reads the configuration file at path ("" for none) and applies
// BUDGETFEED_* environment variables (BUDGETFEED_OUT, BUDGETFEED_CRAWL_USER_AGENT
// ...). Unknown keys in the file are an error, so a typo never goes unnoticed.
func Load(path string) (*Config, error) {
	v := viper.New()
	for k, d := range Defaults() {
		v.SetDefault(k, d)
	}
	v.SetEnvPrefix("BUDGETFEED")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	if path != "" {
		v.SetConfigFile(path)
		if err := v.ReadInConfig(); err != nil {
			return nil, fmt.Errorf("read config %s: %w", path, err)
		}
	}
	var c Config
	if err := v.UnmarshalExact(&c); err != nil {
		return nil, fmt.Errorf("config %s: %w", nameOr(path), err)
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("config %s: %w", nameOr(path), err)
	}
	return &c, nil
}

func nameOr(path string) string {
	if path == "" {
		return "(defaults and environment)"
	}
	return path
}

// Validate checks values that decoding cannot.
func (c *Config) Validate() error {
	if c.Out == "" {
		return fmt.Errorf("out: must not be empty")
	}
	if c.Workers < 1 {
		return fmt.Errorf("workers: %d, want at least 1", c.Workers)
	}
	if c.Crawl.Parallelism < 1 {
		return fmt.Errorf("crawl.parallelism: %d, want at least 1", c.Crawl.Parallelism)
	}
	if c.Crawl.Timeout <= 0 {
		return fmt.Errorf("crawl.timeout: must be positive")
	}
	if c.Crawl.Retries < 0 || c.Crawl.MaxDepth < 0 {
		return fmt.Errorf("crawl.retries and crawl.max_depth must not be negative")
	}
	if c.Crawl.MaxPageBytes <= 0 || c.Crawl.MaxAttachmentBytes <= 0 {
		return fmt.Errorf("crawl.max_page_bytes and crawl.max_attachment_bytes must be positive")
	}
	if c.Runtime.GCPercent < -1 || c.Runtime.GCPercent == 0 {
		return fmt.Errorf("runtime.gc_percent: %d, want a positive percentage or -1 (off)", c.Runtime.GCPercent)
	}
	if c.Runtime.MemoryLimit < 0 {
		return fmt.Errorf("runtime.memory_limit: %d, want bytes (0: no limit)", c.Runtime.MemoryLimit)
	}
	if c.Runtime.GCPercent == -1 && c.Runtime.MemoryLimit == 0 {
		return fmt.Errorf("runtime.gc_percent -1 needs a runtime.memory_limit, or memory grows without bound")
	}
	ids := map[string]bool{}
	for i, p := range c.Portals {
		where := fmt.Sprintf("portals[%d]", i)
		if p.ID == "" {
			return fmt.Errorf("%s.id: must not be empty", where)
		}
		if ids[p.ID] {
			return fmt.Errorf("%s.id: %q used twice", where, p.ID)
		}
		ids[p.ID] = true
		if !validFamily(p.Family) {
			return fmt.Errorf("%s.family: %q, want one of %s", where, p.Family, strings.Join(Families, ", "))
		}
		if len(p.StartURLs) == 0 && !(p.Family == "jsonapi" && p.JSONAPI["list_url"] != nil) {
			return fmt.Errorf("%s.start_urls: at least one URL is needed (or jsonapi.list_url for family jsonapi)", where)
		}
		for _, s := range p.StartURLs {
			u, err := url.Parse(s)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return fmt.Errorf("%s.start_urls: %q is not an http(s) URL", where, s)
			}
		}
	}
	return nil
}

func validFamily(f string) bool {
	for _, x := range Families {
		if f == x {
			return true
		}
	}
	return false
}
