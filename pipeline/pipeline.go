package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"github.com/budgetfeed/budgetfeed/pipeline/department"
	"github.com/budgetfeed/budgetfeed/pipeline/extract"
	"github.com/budgetfeed/budgetfeed/pipeline/tables"
	"github.com/budgetfeed/budgetfeed/pipeline/textify"
	"github.com/budgetfeed/budgetfeed/pipeline/validate"
	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/budgetfeed/budgetfeed/sources"
)

// Publisher receives the published rows. rows is a slice of the table's row
// type ([]schemas.Fact for schemas.Facts). Calls come from one goroutine.
type Publisher interface {
	Write(table *schemas.Table, rows any) error
}

// Pipeline runs sources and extracts what they harvest.
type Pipeline struct {
	Out     Publisher
	Log     *slog.Logger
	Workers int // documents processed in parallel; default 2
	// Progress, when set, is called after each document (from one goroutine).
	Progress func(Report)
}

// Report counts what a run did.
type Report struct {
	Disclosures int            // handed over by sources
	Documents   int            // documents published
	Facts       int            // facts published
	Quality     int            // quality findings published
	Ledger      int            // ledger rows published
	Duplicates  int            // disclosures dropped as duplicates
	Skipped     int            // pages that were not disclosures
	Status      map[string]int // documents by status
	Outcomes    map[string]int // ledger rows by outcome
	SourceErrs  []error        // harvests that failed as a whole
}

// Result is what processing one disclosure yields.
type Result struct {
	Document schemas.Document
	Facts    []schemas.Fact
	Quality  []schemas.Quality
	Ledger   []schemas.LedgerEntry
	Skip     bool // not a disclosure: only Ledger is meaningful
	// Fingerprint identifies the content (title, text and attachments): the
	// same disclosure posted in two columns has the same fingerprint.
	Fingerprint string
}

// Run harvests every source and publishes what they yield, plus the code
// list. It returns when all sources are done or ctx is cancelled. A source
// that fails as a whole is recorded in the report and the others go on.
func (p *Pipeline) Run(ctx context.Context, srcs []sources.Source) (*Report, error) {
	log := p.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	workers := p.Workers
	if workers < 1 {
		workers = 2
	}
	rep := &Report{Status: map[string]int{}, Outcomes: map[string]int{}}
	s := &sink{in: make(chan schemas.Disclosure, workers*2), ledger: make(chan schemas.LedgerEntry, 256)}
	results := make(chan Result, workers*2)

	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range s.in {
				results <- Process(ctx, d, log)
			}
		}()
	}

	// The writer: the only goroutine that calls Publisher.
	writeErr := make(chan error, 1)
	go func() { writeErr <- p.write(ctx, results, s.ledger, rep) }()

	var harvest sync.WaitGroup
	var errMu sync.Mutex
	for _, src := range srcs {
		harvest.Add(1)
		go func(src sources.Source) {
			defer harvest.Done()
			if err := src.Harvest(ctx, s); err != nil {
				log.Error("harvest failed", "source", src.Name(), "err", err)
				errMu.Lock()
				rep.SourceErrs = append(rep.SourceErrs, fmt.Errorf("source %s: %w", src.Name(), err))
				errMu.Unlock()
			}
		}(src)
	}
	harvest.Wait()
	close(s.in)
	wg.Wait()
	close(results)
	close(s.ledger)
	if err := <-writeErr; err != nil {
		return rep, err
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	codes := schemas.MustCodes().All()
	if err := p.Out.Write(schemas.Codes, codes); err != nil {
		return rep, fmt.Errorf("publish codes: %w", err)
	}
	return rep, nil
}

// write drains results and ledger rows into the publisher, dropping
// duplicate documents (the same page posted in two columns).
func (p *Pipeline) write(ctx context.Context, results <-chan Result, ledger <-chan schemas.LedgerEntry, rep *Report) error {
	var firstErr error
	seenDoc := map[string]bool{}
	seenContent := map[string]string{}
	var pendingLedger []schemas.LedgerEntry
	flushLedger := func(force bool) {
		if len(pendingLedger) == 0 || (!force && len(pendingLedger) < 1024) || firstErr != nil {
			return
		}
		if err := p.Out.Write(schemas.Ledger, pendingLedger); err != nil {
			firstErr = fmt.Errorf("publish ledger: %w", err)
		}
		rep.Ledger += len(pendingLedger)
		pendingLedger = pendingLedger[:0]
	}
	addLedger := func(e schemas.LedgerEntry) {
		rep.Outcomes[e.Outcome]++
		pendingLedger = append(pendingLedger, e)
		flushLedger(false)
	}
	for results != nil || ledger != nil {
		select {
		case e, ok := <-ledger:
			if !ok {
				ledger = nil
				continue
			}
			addLedger(e)
		case r, ok := <-results:
			if !ok {
				results = nil
				continue
			}
			rep.Disclosures++
			for _, e := range r.Ledger {
				addLedger(e)
			}
			if r.Skip {
				rep.Skipped++
				continue
			}
			d := r.Document
			if seenDoc[d.DocID] {
				rep.Duplicates++
				continue
			}
			if first, ok := seenContent[r.Fingerprint]; ok {
				rep.Duplicates++
				addLedger(schemas.LedgerEntry{URL: d.URL, Source: d.Source, Kind: schemas.LedgerKindArticle,
					Outcome: schemas.OutcomeDuplicate, FetchedAt: d.FetchedAt, SHA256: d.PayloadSHA256,
					Detail: "same text as document " + first + " already published"})
				continue
			}
			seenDoc[d.DocID] = true
			seenContent[r.Fingerprint] = d.DocID
			if firstErr != nil {
				continue
			}
			if err := p.Out.Write(schemas.Documents, []schemas.Document{d}); err != nil {
				firstErr = fmt.Errorf("publish document %s: %w", d.URL, err)
				continue
			}
			if len(r.Facts) > 0 {
				if err := p.Out.Write(schemas.Facts, r.Facts); err != nil {
					firstErr = fmt.Errorf("publish facts of %s: %w", d.URL, err)
					continue
				}
			}
			if len(r.Quality) > 0 {
				if err := p.Out.Write(schemas.QualityTable, r.Quality); err != nil {
					firstErr = fmt.Errorf("publish quality of %s: %w", d.URL, err)
					continue
				}
			}
			rep.Documents++
			rep.Facts += len(r.Facts)
			rep.Quality += len(r.Quality)
			rep.Status[d.Status]++
			if p.Progress != nil {
				p.Progress(*rep)
			}
		}
	}
	flushLedger(true)
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return firstErr
}

// sink adapts the pipeline's channels to sources.Sink.
type sink struct {
	in     chan schemas.Disclosure
	ledger chan schemas.LedgerEntry
}

func (s *sink) Disclosure(ctx context.Context, d schemas.Disclosure) error {
	select {
	case s.in <- d:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *sink) Ledger(e schemas.LedgerEntry) { s.ledger <- e }

// Readers Process calls, variables only so tests can make them fail the way
// a bug in a parser would (a panic on one malformed file).
var (
	readTables  = tables.Read
	articleHTML = textify.HTML
)

// Process extracts one disclosure: the article text, every readable
// attachment, the department's canonical name and type, and the validation
// findings. It never fails: what cannot be read is recorded in the result.
// A panic in a reader (a parser bug hit by one malformed page or file) is
// recovered: an attachment becomes an unreadable attachment, the article a
// failed document (or an error ledger row when its year and stage are not
// known yet), and the run goes on with the next disclosure.
func Process(ctx context.Context, d schemas.Disclosure, log *slog.Logger) (res Result) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	pageURL := d.Page.FinalURL
	if pageURL == "" {
		pageURL = d.Page.URL
	}
	payloadSHA := d.Page.PayloadSHA256
	if payloadSHA == "" {
		payloadSHA = sha256Hex(d.Page.Body)
	}
	doc := schemas.Document{
		DocID:         schemas.NewDocID(d.Source, d.Page.URL),
		Source:        d.Source,
		URL:           d.Page.URL,
		Title:         d.Title,
		Province:      d.Region.Province,
		City:          d.Region.City,
		County:        d.Region.County,
		RegionCode:    d.Region.Code,
		PublishedAt:   d.PublishedAt,
		FetchedAt:     d.Page.FetchedAt,
		WARCFile:      d.Page.WARCFile,
		WARCRecordID:  d.Page.WARCRecordID,
		PayloadSHA256: payloadSHA,
		Attachments:   int32(len(d.Attachments)),
		ParserVersion: extract.ParserVersion,
	}
	defer func() {
		if r := recover(); r != nil {
			res = panicked(d, doc, pageURL, payloadSHA, r, log)
		}
	}()
	html := d.Page.Text
	if html == "" {
		html = string(d.Page.Body)
	}
	art, err := articleHTML(html)
	if err != nil {
		doc.Status, doc.StatusDetail = schemas.StatusFailed, fmt.Sprintf("read article %s: %v", pageURL, err)
	}
	if doc.Title == "" || (art.Title != "" && len([]rune(art.Title)) > len([]rune(doc.Title)) && strings.HasSuffix(doc.Title, "...")) {
		doc.Title = art.Title
	}
	if doc.PublishedAt.IsZero() {
		doc.PublishedAt = art.PublishedAt
	}
	dept, year, stage := extract.ParseTitle(doc.Title)
	hint := extract.Hint{Title: doc.Title, Department: dept, FiscalYear: year, Stage: stage}
	if year == 0 || stage == "" {
		// The title alone does not say; let the text decide (a title such as
		// "2024年部门预算公开" names no department, one such as "公示" nothing).
		probe := extract.Extract(art.Text, hint)
		if year == 0 {
			year = probe.FiscalYear
		}
		if stage == "" {
			stage = probe.Stage
		}
	}
	if year == 0 || stage == "" {
		res.Skip = true
		res.Ledger = append(res.Ledger, schemas.LedgerEntry{URL: d.Page.URL, Source: d.Source, Kind: schemas.LedgerKindArticle,
			Outcome: schemas.OutcomeNotDisclosure, StatusCode: int32(d.Page.StatusCode), SHA256: payloadSHA, FetchedAt: d.Page.FetchedAt,
			Detail: fmt.Sprintf("title %q names no fiscal year or stage", doc.Title)})
		return res
	}
	hint.FiscalYear, hint.Stage = year, stage
	doc.FiscalYear, doc.Stage = year, stage
	doc.TextSHA256 = sha256Hex([]byte(art.Text))
	res.Fingerprint = fingerprint(doc.Title, art.Text, d.Attachments)

	text := extract.Extract(art.Text, hint)
	if hint.Department == "" {
		hint.Department = text.Department
	}
	doc.Department = hint.Department
	info := department.Canonicalize(doc.Department)
	doc.DepartmentCanonical, doc.DepartmentType, doc.Scope = info.Canonical, info.Type, info.Scope
	if text.Scope == schemas.ScopeDistrict {
		doc.Scope = schemas.ScopeDistrict
	}
	if doc.Scope == "" {
		doc.Scope = schemas.ScopeDepartment
	}
	for _, f := range text.Facts {
		f.SourceURL, f.SourceSHA256, f.WARCRecordID = pageURL, payloadSHA, d.Page.WARCRecordID
		f.Location = fmt.Sprintf("%s chars %d-%d", pageURL, f.Start, f.End)
		res.Facts = append(res.Facts, f)
	}
	res.Quality = append(res.Quality, text.Findings...)

	// Attachments: tables are authoritative for line items; the text of
	// .docx/.pdf 情况说明 attachments goes through the narrative extractor.
	failed := 0
	thint := tables.Hint{FiscalYear: year, Stage: stage, Department: doc.Department}
	for _, a := range d.Attachments {
		if ctx.Err() != nil {
			break
		}
		af, aq, le, err := processAttachment(ctx, d.Source, d.Page.URL, a, thint, hint)
		res.Ledger = append(res.Ledger, le...)
		if err != nil {
			failed++
			log.Warn("attachment not read", "url", a.URL, "err", err)
			res.Ledger = append(res.Ledger, schemas.LedgerEntry{URL: a.URL, ParentURL: d.Page.URL, Source: d.Source,
				Kind: schemas.LedgerKindAttachment, Outcome: schemas.OutcomeError, StatusCode: int32(a.StatusCode),
				ContentType: a.ContentType, Bytes: int64(len(a.Body)), SHA256: a.PayloadSHA256, WARCFile: a.WARCFile,
				WARCRecordID: a.WARCRecordID, FetchedAt: a.FetchedAt, Attempts: 1, Detail: err.Error()})
			res.Quality = append(res.Quality, schemas.Quality{RuleID: "attachment.unreadable", Severity: schemas.SeverityWarning,
				Message: fmt.Sprintf("%s: %v", a.URL, err)})
			continue
		}
		res.Facts = append(res.Facts, af...)
		res.Quality = append(res.Quality, aq...)
	}
	res.Facts = dedupeFacts(res.Facts)
	for i := range res.Facts {
		f := &res.Facts[i]
		f.DocID = doc.DocID
		if f.FiscalYear == 0 {
			f.FiscalYear = year
		}
		if f.Stage == "" {
			f.Stage = stage
		}
		f.Department, f.DepartmentCanonical = doc.Department, doc.DepartmentCanonical
		f.County, f.DepartmentType, f.Scope = doc.County, doc.DepartmentType, doc.Scope
	}
	markPreferred(res.Facts)
	res.Quality = append(res.Quality, validate.Check(doc.DocID, year, res.Facts)...)
	for i := range res.Quality {
		res.Quality[i].DocID = doc.DocID
		if res.Quality[i].FiscalYear == 0 {
			res.Quality[i].FiscalYear = year
		}
	}
	doc.FactCount = int32(len(res.Facts))
	switch {
	case doc.Status == schemas.StatusFailed:
	case failed > 0:
		doc.Status, doc.StatusDetail = schemas.StatusPartial, fmt.Sprintf("%d of %d attachments could not be read", failed, len(d.Attachments))
	case len(res.Facts) == 0:
		doc.Status, doc.StatusDetail = schemas.StatusNoFigures, "no stated figure was recognised"
	default:
		doc.Status = schemas.StatusOK
	}
	res.Document = doc
	return res
}

// processAttachment reads one attachment's tables, and its text when it is a
// narrative document. Unsupported formats become ledger rows.
func processAttachment(ctx context.Context, source, parent string, a schemas.Capture, th tables.Hint, eh extract.Hint) (_ []schemas.Fact, _ []schemas.Quality, _ []schemas.LedgerEntry, err error) {
	sha := a.PayloadSHA256
	if sha == "" {
		sha = sha256Hex(a.Body)
	}
	u := a.FinalURL
	if u == "" {
		u = a.URL
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("read attachment %s: internal error in the reader: %v", u, r)
		}
	}()
	f := tables.File{Name: a.FileName, URL: u, SHA256: sha, Data: a.Body}
	if a.Truncated {
		return nil, nil, nil, fmt.Errorf("attachment %s was truncated at capture", u)
	}
	ts, err := readTables(ctx, f)
	if errors.Is(err, tables.ErrUnsupported) {
		return nil, nil, []schemas.LedgerEntry{{URL: a.URL, ParentURL: parent, Source: source, Kind: schemas.LedgerKindAttachment, Outcome: schemas.OutcomeUnsupportedFormat,
			StatusCode: int32(a.StatusCode), ContentType: a.ContentType, Bytes: int64(len(a.Body)), SHA256: sha,
			WARCFile: a.WARCFile, WARCRecordID: a.WARCRecordID, FetchedAt: a.FetchedAt, Attempts: 1, Detail: err.Error()}}, nil
	}
	if err != nil {
		return nil, nil, nil, err
	}
	facts, quality := tables.Facts(ts, f, th)
	for i := range facts {
		facts[i].WARCRecordID = a.WARCRecordID
	}
	if len(ts) > 0 {
		return facts, quality, nil, nil
	}
	// No standard table: a .docx/.pdf 情况说明 goes through the narrative
	// extractor (read only now, so table files are not parsed twice).
	if txt, err := tables.Text(ctx, f); err == nil && strings.TrimSpace(txt) != "" {
		r := extract.Extract(txt, eh)
		for _, tf := range r.Facts {
			tf.SourceURL, tf.SourceSHA256, tf.WARCRecordID = u, sha, a.WARCRecordID
			tf.Location = fmt.Sprintf("%s chars %d-%d", u, tf.Start, tf.End)
			facts = append(facts, tf)
		}
		quality = append(quality, r.Findings...)
	}
	return facts, quality, nil, nil
}

// panicked is the result of a disclosure whose processing panicked: a
// failed document without facts when its fiscal year and stage were known
// (so the failure is data in the feed), else an error ledger row. Nothing
// read before the panic is published: a reader that crashed mid-way may have
// produced part of a table.
func panicked(d schemas.Disclosure, doc schemas.Document, pageURL, payloadSHA string, r any, log *slog.Logger) Result {
	detail := fmt.Sprintf("internal error while reading %s: %v", pageURL, r)
	log.Error("disclosure processing panicked", "url", pageURL, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
	if doc.FiscalYear == 0 || doc.Stage == "" {
		// The panic came before the year and stage were read: the title
		// from the list page may still say them.
		doc = fromTitle(doc)
	}
	if doc.FiscalYear == 0 || doc.Stage == "" {
		return Result{Skip: true, Ledger: []schemas.LedgerEntry{{URL: d.Page.URL, Source: d.Source, Kind: schemas.LedgerKindArticle,
			Outcome: schemas.OutcomeError, StatusCode: int32(d.Page.StatusCode), SHA256: payloadSHA, WARCFile: d.Page.WARCFile,
			WARCRecordID: d.Page.WARCRecordID, FetchedAt: d.Page.FetchedAt, Attempts: 1, Detail: detail}}}
	}
	doc.Status, doc.StatusDetail, doc.FactCount = schemas.StatusFailed, detail, 0
	return Result{Document: doc, Quality: []schemas.Quality{{DocID: doc.DocID, FiscalYear: doc.FiscalYear,
		RuleID: "document.unreadable", Severity: schemas.SeverityError, Message: detail}}}
}

// fromTitle fills a document's department, year and stage from its title, as
// far as the title says them; a panic in doing so leaves the document as it
// was.
func fromTitle(doc schemas.Document) (out schemas.Document) {
	out = doc
	defer func() {
		if recover() != nil {
			out = doc
		}
	}()
	dept, year, stage := extract.ParseTitle(doc.Title)
	out.FiscalYear, out.Stage = int32(year), stage
	if out.Department == "" && dept != "" {
		info := department.Canonicalize(dept)
		out.Department, out.DepartmentCanonical, out.DepartmentType, out.Scope = dept, info.Canonical, info.Type, info.Scope
		if out.Scope == "" {
			out.Scope = schemas.ScopeDepartment
		}
	}
	return out
}

// dedupeFacts drops a fact that repeats an earlier one read the same way
// (same method, year, metric, period, class and amount), keeping the first.
func dedupeFacts(fs []schemas.Fact) []schemas.Fact {
	type key struct {
		method, metric, period, scheme, code, name string
		year                                       int32
		amount                                     schemas.Money
		count                                      int64
		value                                      string
	}
	seen := make(map[key]bool, len(fs))
	out := fs[:0]
	for _, f := range fs {
		k := key{f.Method, f.Metric, f.Period, f.Scheme, f.Code, f.Name, f.FiscalYear, f.Amount, f.Count, ""}
		if !f.HasAmount && !f.HasCount {
			k.value = f.Value
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	return out
}

// fingerprint hashes what makes two postings the same disclosure.
func fingerprint(title, text string, atts []schemas.Capture) string {
	h := sha256.New()
	h.Write([]byte(title))
	h.Write([]byte{0})
	h.Write([]byte(text))
	var shas []string
	for _, a := range atts {
		s := a.PayloadSHA256
		if s == "" {
			s = sha256Hex(a.Body)
		}
		shas = append(shas, s)
	}
	sort.Strings(shas)
	for _, s := range shas {
		h.Write([]byte{0})
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
