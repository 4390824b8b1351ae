// Package crawl harvests budget and final-account disclosures from Chinese
// government portals with colly: TRS WCM static sites, Hanweb JCMS columns
// with their dataproxy paging, JSON/JSONP list APIs, and portals it has never
// seen (discovery from a home page). Every HTTP exchange is written to WARC,
// every URL's outcome to the ledger, and a state journal makes re-runs
// incremental and resumable. It is the only package that imports colly.
package crawl

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/budgetfeed/budgetfeed/sources"
)

// Version is stamped into the User-Agent.
const Version = "0.1"

// Family names a portal family.
type Family string

// Families.
const (
	FamilyTRS     Family = "trs"
	FamilyHanweb  Family = "hanweb"
	FamilyJSONAPI Family = "jsonapi"
	FamilyAuto    Family = "auto" // discover from a home page
)

// Profile describes one portal. It comes from YAML.
type Profile struct {
	ID           string         `mapstructure:"id"`
	Family       Family         `mapstructure:"family"`
	StartURLs    []string       `mapstructure:"start_urls"`    // home page or column URLs; trusted (loopback OK)
	AllowedHosts []string       `mapstructure:"allowed_hosts"` // default: hosts of StartURLs (host or host:port)
	Region       schemas.Region `mapstructure:"region"`
	Hanweb       HanwebOptions  `mapstructure:"hanweb"`
	JSONAPI      JSONAPIOptions `mapstructure:"jsonapi"`
	TitleInclude []string       `mapstructure:"title_include"` // default: 预算, 决算
	// InsecureTLS accepts self-signed, expired or mismatched certificates
	// and legacy TLS versions on this portal's hosts. Every exchange whose
	// certificate did not verify says so in its ledger Detail. Without it a
	// certificate failure is a ledger error naming the TLS reason.
	InsecureTLS bool `mapstructure:"insecure_tls"`
}

// HanwebOptions override what is auto-detected from a Hanweb column page.
type HanwebOptions struct {
	ProxyURL          string `mapstructure:"proxy_url"` // default /module/web/jpage/dataproxy.jsp
	WebID             string `mapstructure:"webid"`
	ColumnID          string `mapstructure:"columnid"`
	UnitID            string `mapstructure:"unitid"`
	WebName           string `mapstructure:"webname"`
	Path              string `mapstructure:"path"`
	AppID             string `mapstructure:"appid"`
	SourceContentType string `mapstructure:"source_content_type"`
	PermissionType    string `mapstructure:"permissiontype"`
	PerPage           int    `mapstructure:"perpage"`
	GroupSize         int    `mapstructure:"groupsize"`
	TotalRecord       int    `mapstructure:"total_record"` // 0: from the page
	MaxGroups         int    `mapstructure:"max_groups"`   // default 200
}

// JSONAPIOptions configure a JSON or JSONP list API. Paths are dot paths
// into the decoded JSON ("classify.post_count", "tip.dates").
type JSONAPIOptions struct {
	ListURL             string `mapstructure:"list_url"`   // template with {page}; default StartURLs[0]
	FirstPage           int    `mapstructure:"first_page"` // default 1
	MaxPages            int    `mapstructure:"max_pages"`  // default 500
	ItemsPath           string `mapstructure:"items_path"` // default "articles"; "data" for govsearch
	TitleField          string `mapstructure:"title_field"`
	URLField            string `mapstructure:"url_field"`
	DateField           string `mapstructure:"date_field"`
	AttachmentsPath     string `mapstructure:"attachments_path"`      // default "attachment"
	AttachmentURLField  string `mapstructure:"attachment_url_field"`  // default "url"
	AttachmentNameField string `mapstructure:"attachment_name_field"` // default "name"
	TotalPath           string `mapstructure:"total_path"`            // optional: item count; stop when reached

	// Chain, when set, replaces the list API: a sequence of requests
	// (form POSTs by default) each run once per item of the previous
	// step's answer, with {as.field} / {var} / {page} templates. Every
	// answer of the last step is one disclosure whose files are its items
	// (Jiangsu 预决算公开 platform: departments → budget templates → files →
	// download.do?iid=N).
	Chain         []ChainStep       `mapstructure:"chain"`
	Vars          map[string]string `mapstructure:"vars"`            // constants for templates ({year})
	ChainTitle    string            `mapstructure:"chain_title"`     // disclosure title template
	ChainFileURL  string            `mapstructure:"chain_file_url"`  // file URL template per last-step item
	ChainFileName string            `mapstructure:"chain_file_name"` // file name template per last-step item
	ChainDate     string            `mapstructure:"chain_date"`      // publication date template
}

// ChainStep is one request of a jsonapi chain. URL and form values are
// templates: {name.path} reads a dot path of the item named name by an
// earlier step, {var} a jsonapi.vars constant, {page} the page number (a
// step using {page} is repeated for pages 1, 2, … until an empty answer).
type ChainStep struct {
	URL       string            `mapstructure:"url"`        // relative to the first start URL
	Method    string            `mapstructure:"method"`     // POST (default) or GET
	Form      map[string]string `mapstructure:"form"`       // form fields (POST body, or query for GET)
	ItemsPath string            `mapstructure:"items_path"` // array in the answer; "" = the answer itself
	As        string            `mapstructure:"as"`         // name of each item in later templates
}

// Options are politeness settings and limits. Start from DefaultOptions.
type Options struct {
	UserAgent   string // product token; "budgetfeed/<Version>" when empty
	Contact     string // URL or e-mail put in the UA as "(+contact)"
	Parallelism int
	Delay       time.Duration
	RandomDelay time.Duration
	Timeout     time.Duration
	Retries     int
	BackoffBase time.Duration
	BackoffMax  time.Duration // also caps Retry-After

	RespectRobots      bool
	MaxPageBytes       int64 // HTML/JSON bodies over this → ledger too_large
	MaxAttachmentBytes int64 // attachments over this → ledger too_large
	MaxDepth           int   // discovery clicks from a home page

	StateDir string // incremental/resume journal; "" = no state
	WARCDir  string // WARC output; "" = no WARC
}

// DefaultOptions returns polite defaults.
func DefaultOptions() Options {
	return Options{
		UserAgent:          "budgetfeed/" + Version,
		Parallelism:        4,
		Timeout:            20 * time.Second,
		Retries:            3,
		BackoffBase:        500 * time.Millisecond,
		BackoffMax:         30 * time.Second,
		RespectRobots:      true,
		MaxPageBytes:       8 << 20,
		MaxAttachmentBytes: 64 << 20,
		MaxDepth:           3,
	}
}

// Crawler harvests one portal profile.
type Crawler struct {
	p     Profile
	o     Options
	log   *slog.Logger
	hosts map[string]bool // allowed host[:port], lower-case
	// extraHosts: hosts of list APIs admitted during a harvest (same
	// registrable domain as an allowed page), host[:port] → true.
	extraHosts sync.Map
	// allowPrivate: some trusted start URL is on a private or loopback
	// address, so such addresses may be dialled.
	allowPrivate bool
	titleInclude []string

	mu     sync.Mutex
	warc   *warcWriter
	state  *stateStore
	closed bool
}

// New validates a profile and options.
func New(p Profile, o Options, log *slog.Logger) (*Crawler, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if strings.TrimSpace(p.ID) == "" {
		return nil, errors.New("crawl: profile id is empty")
	}
	switch p.Family {
	case FamilyTRS, FamilyHanweb, FamilyJSONAPI, FamilyAuto:
	case "":
		p.Family = FamilyAuto
	default:
		return nil, fmt.Errorf("crawl: profile %s: unknown family %q (want trs, hanweb, jsonapi or auto)", p.ID, p.Family)
	}
	if len(p.StartURLs) == 0 && !(p.Family == FamilyJSONAPI && p.JSONAPI.ListURL != "") {
		return nil, fmt.Errorf("crawl: profile %s: no start_urls", p.ID)
	}
	if err := validateChain(p); err != nil {
		return nil, fmt.Errorf("crawl: profile %s: %w", p.ID, err)
	}
	d := DefaultOptions()
	if o.UserAgent == "" {
		o.UserAgent = d.UserAgent
	}
	if o.Parallelism < 1 {
		o.Parallelism = 1
	}
	if o.Timeout <= 0 {
		o.Timeout = d.Timeout
	}
	if o.Retries < 0 {
		o.Retries = 0
	}
	if o.BackoffBase <= 0 {
		o.BackoffBase = d.BackoffBase
	}
	if o.BackoffMax <= 0 {
		o.BackoffMax = d.BackoffMax
	}
	if o.MaxPageBytes <= 0 {
		o.MaxPageBytes = d.MaxPageBytes
	}
	if o.MaxAttachmentBytes <= 0 {
		o.MaxAttachmentBytes = d.MaxAttachmentBytes
	}
	if o.MaxDepth < 0 {
		o.MaxDepth = 0
	}
	c := &Crawler{p: p, o: o, log: log.With("source", p.ID), hosts: map[string]bool{}}
	starts := append([]string{}, p.StartURLs...)
	if p.JSONAPI.ListURL != "" {
		starts = append(starts, strings.ReplaceAll(p.JSONAPI.ListURL, "{page}", "1"))
	}
	for _, s := range starts {
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("crawl: profile %s: bad start url %q", p.ID, s)
		}
		if len(p.AllowedHosts) == 0 {
			c.hosts[hostKey(u)] = true
		}
		if isPrivateHost(u.Hostname()) {
			c.allowPrivate = true
		}
	}
	for _, h := range p.AllowedHosts {
		h = strings.ToLower(strings.TrimSpace(h))
		if h != "" {
			c.hosts[h] = true
		}
	}
	c.titleInclude = p.TitleInclude
	if len(c.titleInclude) == 0 {
		c.titleInclude = []string{"预算", "决算"}
	}
	return c, nil
}

// Name is the profile id.
func (c *Crawler) Name() string { return c.p.ID }

// Close flushes the WARC and the state journal. It is idempotent.
func (c *Crawler) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	c.closed = true
	var errs []error
	if c.warc != nil {
		errs = append(errs, c.warc.Close())
	}
	if c.state != nil {
		errs = append(errs, c.state.Close())
	}
	return errors.Join(errs...)
}

func isPrivateHost(h string) bool {
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && isPrivateIP(ip)
}

// hostKey is host[:port] with default ports dropped, lower-case.
func hostKey(u *url.URL) string {
	h := strings.ToLower(u.Hostname())
	p := u.Port()
	if p == "" || (p == "80" && u.Scheme == "http") || (p == "443" && u.Scheme == "https") {
		return h
	}
	return h + ":" + p
}

// allowed reports whether u may be fetched: http(s) on an allowed host.
func (c *Crawler) allowed(u *url.URL) bool {
	if u == nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	k := hostKey(u)
	if c.hosts[k] {
		return true
	}
	_, ok := c.extraHosts.Load(k)
	return ok
}

func (c *Crawler) matchTitle(t string) bool {
	for _, k := range c.titleInclude {
		if strings.Contains(t, k) {
			return true
		}
	}
	return false
}

func (c *Crawler) userAgent() string {
	if c.o.Contact != "" {
		return c.o.UserAgent + " (+" + c.o.Contact + ")"
	}
	return c.o.UserAgent
}

var _ sources.Source = (*Crawler)(nil)
