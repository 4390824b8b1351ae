package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"

	"github.com/budgetfeed/budgetfeed/config"
	"github.com/budgetfeed/budgetfeed/outputs/duckdb"
	"github.com/budgetfeed/budgetfeed/outputs/parquet"
	"github.com/budgetfeed/budgetfeed/pipeline"
	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/budgetfeed/budgetfeed/sources"
	"github.com/budgetfeed/budgetfeed/sources/crawl"
	"github.com/budgetfeed/budgetfeed/sources/demoportal"
)

// demoSeed is the seed of the embedded demo portal `budgetfeed run` crawls
// when no portal is configured.
const demoSeed = demoportal.DefaultSeed

func newRunCmd(a *app) *cobra.Command {
	var o runOptions
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Crawl, extract, validate and publish; then print a comparison",
		Long: `run crawls the configured portals (or, with no configuration, the embedded demo
portal on a free loopback port), extracts every stated figure, validates it,
publishes an atomic release of the Parquet feed to OUT/feed, builds
OUT/budgetfeed.duckdb and prints a cross-department comparison.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.outSet = cmd.Flags().Changed("out")
			return a.run(cmd.Context(), o)
		},
	}
	cmd.Flags().StringArrayVar(&o.starts, "start", nil, "home or column URL of a portal to crawl (repeatable); discovers the disclosure columns")
	cmd.Flags().StringVar(&o.configFile, "config", "", "YAML configuration file (BUDGETFEED_* environment variables override it)")
	cmd.Flags().StringVar(&o.out, "out", "out", "output folder")
	return cmd
}

type runOptions struct {
	starts     []string
	configFile string
	out        string
	outSet     bool
}

func (a *app) run(ctx context.Context, o runOptions) error {
	cfg, err := config.Load(o.configFile)
	if err != nil {
		return exitError{code: 2, msg: err.Error()}
	}
	if o.outSet || cfg.Out == "" {
		cfg.Out = o.out
	}
	portals := cfg.Portals
	for i, s := range o.starts {
		u, err := url.Parse(s)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return exitError{code: 2, msg: fmt.Sprintf("--start %q: not an http(s) URL", s)}
		}
		portals = append(portals, config.Portal{ID: fmt.Sprintf("%s-%d", u.Hostname(), i+1), Family: "auto", StartURLs: []string{s}})
	}
	if len(o.starts) > 0 {
		portals = portals[len(cfg.Portals):] // --start replaces configured portals
	}
	if len(portals) == 0 {
		demo, stop, err := a.startDemo()
		if err != nil {
			return err
		}
		defer stop()
		portals = demo
		fmt.Fprintf(a.stderr, "budgetfeed: no portal configured; crawling the embedded demo portal at %s\n", portals[0].StartURLs[0])
	}
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return fmt.Errorf("create output folder: %w", err)
	}
	defer applyRuntime(cfg.Runtime, a.log)()

	srcs, closeAll, err := a.buildSources(cfg, portals)
	if err != nil {
		return exitError{code: 2, msg: err.Error()}
	}
	defer closeAll()

	w, err := parquet.NewWriter(parquet.Options{OutDir: cfg.Out, Log: a.log})
	if err != nil {
		return fmt.Errorf("open feed writer: %w", err)
	}
	started := time.Now().UTC()
	bar, finishBar := a.progress("documents")
	p := &pipeline.Pipeline{Out: w, Log: a.log, Workers: cfg.Workers, Progress: bar}
	rep, err := p.Run(ctx, srcs)
	finishBar()
	if err != nil {
		_ = w.Abort()
		return fmt.Errorf("run pipeline: %w", err)
	}
	if err := closeAll(); err != nil {
		a.log.Warn("closing crawlers", "err", err)
	}
	var ids []string
	for _, s := range srcs {
		ids = append(ids, s.Name())
	}
	rel, err := w.Commit(ctx, parquet.ReleaseMeta{Title: "budgetfeed release", Sources: ids, CrawlStarted: started, CrawlFinished: time.Now().UTC()})
	if err != nil {
		return fmt.Errorf("publish release: %w", err)
	}
	feedDir := filepath.Join(cfg.Out, "feed")
	dbPath := filepath.Join(cfg.Out, "budgetfeed.duckdb")
	if err := duckdb.Build(ctx, feedDir, dbPath, a.log); err != nil {
		return fmt.Errorf("build %s: %w", dbPath, err)
	}
	a.printSummary(rep, rel.ID, cfg.Out)
	if err := a.printComparison(ctx, dbPath); err != nil {
		return err
	}
	if len(rep.SourceErrs) > 0 {
		return exitError{code: 3, msg: errors.Join(rep.SourceErrs...).Error()}
	}
	return nil
}

// applyRuntime sets the garbage collector's target percentage and soft
// memory limit from the configuration, unless the process was started with
// GOGC or GOMEMLIMIT (the Go runtime's own settings win), and returns a
// function that restores the previous values.
func applyRuntime(rt config.Runtime, log *slog.Logger) (restore func()) {
	var undo []func()
	if _, set := os.LookupEnv("GOGC"); !set && rt.GCPercent != 0 {
		prev := debug.SetGCPercent(rt.GCPercent)
		undo = append(undo, func() { debug.SetGCPercent(prev) })
	}
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set && rt.MemoryLimit > 0 {
		prev := debug.SetMemoryLimit(rt.MemoryLimit)
		undo = append(undo, func() { debug.SetMemoryLimit(prev) })
	}
	if log != nil {
		log.Debug("garbage collector", "gc_percent", rt.GCPercent, "memory_limit", rt.MemoryLimit, "applied", len(undo))
	}
	return func() {
		for _, u := range undo {
			u()
		}
	}
}

// startDemo serves the embedded demo portal on a free loopback port and
// returns one portal profile per district.
func (a *app) startDemo() ([]config.Portal, func(), error) {
	site := demoportal.Generate(demoSeed)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, fmt.Errorf("start demo portal: %w", err)
	}
	srv := &http.Server{Handler: site.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	base := "http://" + ln.Addr().String()
	var out []config.Portal
	for i, home := range site.HomeURLs(base) {
		p := config.Portal{ID: fmt.Sprintf("demo-%d", i+1), Family: "auto", StartURLs: []string{home}}
		u, _ := url.Parse(home)
		for _, td := range site.Truth() {
			if strings.HasPrefix(td.Path, u.Path) {
				p.Region = config.Region{Province: td.Province, City: td.City, County: td.County, Code: td.RegionCode}
				break
			}
		}
		out = append(out, p)
	}
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}
	return out, stop, nil
}

// buildSources turns portal profiles into crawlers.
func (a *app) buildSources(cfg *config.Config, portals []config.Portal) ([]sources.Source, func() error, error) {
	opts := crawl.DefaultOptions()
	c := cfg.Crawl
	opts.UserAgent, opts.Contact = c.UserAgent, c.Contact
	opts.Parallelism, opts.Delay, opts.RandomDelay, opts.Timeout = c.Parallelism, c.Delay, c.RandomDelay, c.Timeout
	opts.Retries, opts.BackoffBase, opts.BackoffMax = c.Retries, c.BackoffBase, c.BackoffMax
	opts.RespectRobots = c.RespectRobots
	opts.MaxPageBytes, opts.MaxAttachmentBytes, opts.MaxDepth = c.MaxPageBytes, c.MaxAttachmentBytes, c.MaxDepth
	var crawlers []*crawl.Crawler
	closeAll := func() error {
		var errs []error
		for _, cr := range crawlers {
			errs = append(errs, cr.Close())
		}
		return errors.Join(errs...)
	}
	var srcs []sources.Source
	for _, p := range portals {
		prof := crawl.Profile{ID: p.ID, Family: crawl.Family(p.Family), StartURLs: p.StartURLs, AllowedHosts: p.AllowedHosts,
			TitleInclude: p.TitleInclude, InsecureTLS: p.InsecureTLS,
			Region: schemas.Region{Province: p.Region.Province, City: p.Region.City, County: p.Region.County, Code: p.Region.Code}}
		if err := decodeStrict(p.Hanweb, &prof.Hanweb); err != nil {
			return nil, closeAll, fmt.Errorf("portal %s hanweb: %w", p.ID, err)
		}
		if err := decodeStrict(p.JSONAPI, &prof.JSONAPI); err != nil {
			return nil, closeAll, fmt.Errorf("portal %s jsonapi: %w", p.ID, err)
		}
		po := opts
		if c.Incremental {
			po.StateDir = filepath.Join(cfg.Out, "state", p.ID)
		}
		if c.WARC {
			po.WARCDir = filepath.Join(cfg.Out, "warc", p.ID)
		}
		cr, err := crawl.New(prof, po, a.log.With("portal", p.ID))
		if err != nil {
			return nil, closeAll, fmt.Errorf("portal %s: %w", p.ID, err)
		}
		crawlers = append(crawlers, cr)
		srcs = append(srcs, cr)
	}
	return srcs, closeAll, nil
}

// decodeStrict decodes a free-form config section into a typed struct,
// rejecting unknown keys.
func decodeStrict(in map[string]any, out any) error {
	if len(in) == 0 {
		return nil
	}
	d, err := mapstructure.NewDecoder(&mapstructure.DecoderConfig{ErrorUnused: true, WeaklyTypedInput: true, Result: out,
		DecodeHook: mapstructure.StringToTimeDurationHookFunc()})
	if err != nil {
		return err
	}
	return d.Decode(in)
}

// progress returns a callback that shows a bar on a terminal and nothing in
// CI logs, and a function that finishes it.
func (a *app) progress(name string) (func(pipeline.Report), func()) {
	f, ok := a.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil, func() {}
	}
	p := mpb.New(mpb.WithOutput(f), mpb.WithWidth(40))
	bar := p.AddBar(0, mpb.PrependDecorators(decor.Name(name+" "), decor.CurrentNoUnit("%d")))
	return func(r pipeline.Report) { bar.SetCurrent(int64(r.Documents)) }, func() {
		bar.SetTotal(-1, true)
		p.Wait()
	}
}

func (a *app) printSummary(r *pipeline.Report, releaseID, out string) {
	fmt.Fprintf(a.stdout, "release %s: %d documents, %d facts, %d quality findings, %d ledger rows (%d duplicates dropped, %d pages not disclosures)\n",
		releaseID, r.Documents, r.Facts, r.Quality, r.Ledger, r.Duplicates, r.Skipped)
	fmt.Fprintf(a.stdout, "feed: %s   database: %s\n\n", filepath.Join(out, "feed"), filepath.Join(out, "budgetfeed.duckdb"))
}

// printComparison prints the 三公经费 ranking and the basic/project split of
// the latest fiscal year.
func (a *app) printComparison(ctx context.Context, dbPath string) error {
	q, err := duckdb.Open(ctx, dbPath, a.log)
	if err != nil {
		return fmt.Errorf("open %s: %w", dbPath, err)
	}
	defer q.Close()
	for _, c := range []struct {
		title string
		req   duckdb.CompareRequest
		cols  []string
	}{
		{"“三公”经费 ranking, latest budget year (yuan; every figure cites its source)",
			duckdb.CompareRequest{Kind: duckdb.KindRanking, Metric: "three_public_total", Stage: schemas.StageBudget, By: "department", Limit: 10},
			[]string{"rank", "county", "department", "fiscal_year", "amount_yuan", "quote", "source_url"}},
		{"basic vs project expenditure, latest budget year (yuan)",
			duckdb.CompareRequest{Kind: duckdb.KindSplit, Metric: "basic_project", Stage: schemas.StageBudget, Limit: 10},
			[]string{"rank", "county", "department", "basic_yuan", "project_yuan", "basic_share_pct", "project_share_pct", "stated_basic_share_pct"}},
	} {
		res, err := q.Compare(ctx, c.req)
		if err != nil {
			return fmt.Errorf("compare %s: %w", c.req.Metric, err)
		}
		fmt.Fprintln(a.stdout, c.title)
		if err := duckdb.Format(a.stdout, selectColumns(res, c.cols...), "table"); err != nil {
			return err
		}
		fmt.Fprintln(a.stdout)
	}
	fmt.Fprintln(a.stdout, "More: budgetfeed compare --help, budgetfeed query --help, budgetfeed report")
	return nil
}

// selectColumns keeps the named columns of a result, in that order; a name
// the result does not have is skipped.
func selectColumns(r *duckdb.Result, cols ...string) *duckdb.Result {
	var idx []int
	out := &duckdb.Result{}
	for _, c := range cols {
		for i, have := range r.Columns {
			if have == c {
				idx = append(idx, i)
				out.Columns = append(out.Columns, c)
				if i < len(r.Types) {
					out.Types = append(out.Types, r.Types[i])
				}
			}
		}
	}
	for _, row := range r.Rows {
		nr := make([]any, len(idx))
		for j, i := range idx {
			nr[j] = row[i]
		}
		out.Rows = append(out.Rows, nr)
	}
	return out
}
