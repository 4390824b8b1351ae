package parquet

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// Changelog is what changed between two releases: documents added, removed
// and re-published with a different payload, and every figure whose value
// changed (the silent edits of re-published disclosures).
type Changelog struct {
	ReleaseID       string    `json:"release_id"`
	PreviousRelease string    `json:"previous_release,omitempty"` // empty for the first release
	Generated       time.Time `json:"generated"`
	Summary         Summary   `json:"summary"`

	DocumentsAdded       []DocRef    `json:"documents_added"`
	DocumentsRemoved     []DocRef    `json:"documents_removed"`
	DocumentsRepublished []DocChange `json:"documents_republished"`
	// FiguresChanged lists facts matched by FactKey whose amount, count or
	// (for figures with neither) printed value differs.
	FiguresChanged []FigureChange `json:"figures_changed"`
	// FiguresAdded and FiguresRemoved list facts without a match, in
	// documents present in both releases only.
	FiguresAdded   []FigureRef `json:"figures_added"`
	FiguresRemoved []FigureRef `json:"figures_removed"`
}

// Summary counts the changes.
type Summary struct {
	DocumentsAdded       int `json:"documents_added"`
	DocumentsRemoved     int `json:"documents_removed"`
	DocumentsRepublished int `json:"documents_republished"`
	FiguresChanged       int `json:"figures_changed"`
	FiguresAdded         int `json:"figures_added"`
	FiguresRemoved       int `json:"figures_removed"`
}

// DocRef names a document.
type DocRef struct {
	DocID      string `json:"doc_id"`
	FiscalYear int32  `json:"fiscal_year"`
	Stage      string `json:"stage"`
	County     string `json:"county,omitempty"`
	Department string `json:"department"`
	Title      string `json:"title"`
	URL        string `json:"url"`
}

// DocChange is a document captured again with a different payload.
type DocChange struct {
	DocRef
	OldPayloadSHA256 string `json:"old_payload_sha256"`
	NewPayloadSHA256 string `json:"new_payload_sha256"`
	OldFetchedAt     string `json:"old_fetched_at,omitempty"`
	NewFetchedAt     string `json:"new_fetched_at,omitempty"`
}

// FactKey identifies a figure across releases.
type FactKey struct {
	DocID      string `json:"doc_id"`
	Metric     string `json:"metric"`
	Period     string `json:"period"`
	Scheme     string `json:"scheme"`
	Code       string `json:"code,omitempty"`
	Name       string `json:"name,omitempty"`
	FiscalYear int32  `json:"fiscal_year"`
	Method     string `json:"method"`
}

func (k FactKey) String() string {
	return strings.Join([]string{k.DocID, k.Metric, k.Period, k.Scheme, k.Code, k.Name,
		strconv.Itoa(int(k.FiscalYear)), k.Method}, "\x1f")
}

func (k FactKey) compare(o FactKey) int {
	return cmp.Or(cmp.Compare(k.DocID, o.DocID), cmp.Compare(k.Metric, o.Metric),
		cmp.Compare(k.Period, o.Period), cmp.Compare(k.Scheme, o.Scheme),
		cmp.Compare(k.Code, o.Code), cmp.Compare(k.Name, o.Name),
		cmp.Compare(k.FiscalYear, o.FiscalYear), cmp.Compare(k.Method, o.Method))
}

// FigureSide is a figure as one release states it.
type FigureSide struct {
	Value      string `json:"value"`
	Unit       string `json:"unit"`
	AmountYuan string `json:"amount_yuan,omitempty"`
	Count      *int64 `json:"count,omitempty"`
	Quote      string `json:"quote"`
	SourceURL  string `json:"source_url"`
	Location   string `json:"location,omitempty"`
}

// signature is what must be equal for a figure to count as unchanged.
func (s FigureSide) signature() string {
	switch {
	case s.AmountYuan != "":
		return "a:" + s.AmountYuan
	case s.Count != nil:
		return "c:" + strconv.FormatInt(*s.Count, 10)
	default:
		return "v:" + s.Value
	}
}

// FigureChange is one figure whose value changed.
type FigureChange struct {
	FactKey
	Department string     `json:"department"`
	Old        FigureSide `json:"old"`
	New        FigureSide `json:"new"`
	// DeltaYuan is new − old amount when both are money.
	DeltaYuan string `json:"delta_yuan,omitempty"`
}

// FigureRef is a figure present in one release only.
type FigureRef struct {
	FactKey
	Department string     `json:"department"`
	Figure     FigureSide `json:"figure"`
}

type docInfo struct {
	ref       DocRef
	payload   string
	fetchedAt string
}

// Diff compares the release in newDir with the one in oldDir (empty for
// none). Documents are compared in memory (one small record each); facts
// are compared one fiscal-year partition at a time, so memory is bounded by
// the largest partition of the old release.
func Diff(ctx context.Context, oldDir, newDir string, log *slog.Logger) (*Changelog, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cl := &Changelog{DocumentsAdded: []DocRef{}, DocumentsRemoved: []DocRef{},
		DocumentsRepublished: []DocChange{}, FiguresChanged: []FigureChange{},
		FiguresAdded: []FigureRef{}, FiguresRemoved: []FigureRef{}}
	newDocs, err := readDocs(ctx, newDir)
	if err != nil {
		return nil, err
	}
	oldDocs := map[string]docInfo{}
	if oldDir != "" {
		r, err := OpenRelease(oldDir)
		if err != nil {
			return nil, err
		}
		cl.PreviousRelease = r.ID
		if oldDocs, err = readDocs(ctx, oldDir); err != nil {
			return nil, err
		}
	}
	for id, d := range newDocs {
		o, ok := oldDocs[id]
		switch {
		case !ok:
			cl.DocumentsAdded = append(cl.DocumentsAdded, d.ref)
		case o.payload != d.payload:
			cl.DocumentsRepublished = append(cl.DocumentsRepublished, DocChange{DocRef: d.ref,
				OldPayloadSHA256: o.payload, NewPayloadSHA256: d.payload,
				OldFetchedAt: o.fetchedAt, NewFetchedAt: d.fetchedAt})
		}
	}
	for id, o := range oldDocs {
		if _, ok := newDocs[id]; !ok {
			cl.DocumentsRemoved = append(cl.DocumentsRemoved, o.ref)
		}
	}
	if oldDir != "" {
		both := func(id string) bool { _, a := oldDocs[id]; _, b := newDocs[id]; return a && b }
		if err := diffFacts(ctx, oldDir, newDir, both, cl); err != nil {
			return nil, err
		}
	}
	byDoc := func(a, b DocRef) int {
		return cmp.Or(cmp.Compare(a.FiscalYear, b.FiscalYear), cmp.Compare(a.County, b.County),
			cmp.Compare(a.Department, b.Department), cmp.Compare(a.DocID, b.DocID))
	}
	slices.SortFunc(cl.DocumentsAdded, byDoc)
	slices.SortFunc(cl.DocumentsRemoved, byDoc)
	slices.SortFunc(cl.DocumentsRepublished, func(a, b DocChange) int { return byDoc(a.DocRef, b.DocRef) })
	slices.SortFunc(cl.FiguresChanged, func(a, b FigureChange) int { return a.FactKey.compare(b.FactKey) })
	byRef := func(a, b FigureRef) int {
		return cmp.Or(a.FactKey.compare(b.FactKey), cmp.Compare(a.Figure.signature(), b.Figure.signature()))
	}
	slices.SortFunc(cl.FiguresAdded, byRef)
	slices.SortFunc(cl.FiguresRemoved, byRef)
	cl.Summary = Summary{len(cl.DocumentsAdded), len(cl.DocumentsRemoved), len(cl.DocumentsRepublished),
		len(cl.FiguresChanged), len(cl.FiguresAdded), len(cl.FiguresRemoved)}
	log.Debug("changelog computed", "previous", cl.PreviousRelease, "summary", cl.Summary)
	return cl, nil
}

func readDocs(ctx context.Context, dir string) (map[string]docInfo, error) {
	out := map[string]docInfo{}
	err := ScanTable(ctx, dir, schemas.Documents, 0, func(f TableFile, rec arrow.RecordBatch) error {
		v, err := schemas.Documents.Rows(rec)
		if err != nil {
			return fmt.Errorf("parquet: %s/%s: %w", dir, f.Path, err)
		}
		for _, d := range v.([]schemas.Document) {
			di := docInfo{ref: DocRef{DocID: d.DocID, FiscalYear: d.FiscalYear, Stage: d.Stage, County: d.County,
				Department: d.Department, Title: d.Title, URL: d.URL}, payload: d.PayloadSHA256}
			if !d.FetchedAt.IsZero() {
				di.fetchedAt = d.FetchedAt.UTC().Format(time.RFC3339)
			}
			out[d.DocID] = di
		}
		return nil
	})
	return out, err
}

type factEntry struct {
	key  FactKey
	dept string
	side FigureSide
}

func toEntry(f *schemas.Fact) factEntry {
	s := FigureSide{Value: f.Value, Unit: f.Unit, Quote: f.Quote, SourceURL: f.SourceURL, Location: f.Location}
	if f.HasAmount {
		s.AmountYuan = f.Amount.String()
	}
	if f.HasCount {
		c := f.Count
		s.Count = &c
	}
	return factEntry{key: FactKey{DocID: f.DocID, Metric: f.Metric, Period: f.Period, Scheme: f.Scheme,
		Code: f.Code, Name: f.Name, FiscalYear: f.FiscalYear, Method: f.Method}, dept: f.Department, side: s}
}

// diffFacts matches facts partition by partition.
func diffFacts(ctx context.Context, oldDir, newDir string, both func(string) bool, cl *Changelog) error {
	oldFiles, err := TableFiles(oldDir, schemas.Facts)
	if err != nil {
		return err
	}
	newFiles, err := TableFiles(newDir, schemas.Facts)
	if err != nil {
		return err
	}
	parts := map[int32][2]string{}
	for _, f := range oldFiles {
		p := parts[f.FiscalYear]
		p[0] = oldDir + "/" + f.Path
		parts[f.FiscalYear] = p
	}
	for _, f := range newFiles {
		p := parts[f.FiscalYear]
		p[1] = newDir + "/" + f.Path
		parts[f.FiscalYear] = p
	}
	years := make([]int32, 0, len(parts))
	for y := range parts {
		years = append(years, y)
	}
	slices.Sort(years)
	for _, y := range years {
		p := parts[y]
		if err := diffPartition(ctx, p[0], p[1], both, cl); err != nil {
			return err
		}
	}
	return nil
}

// diffColumns are the facts columns toEntry uses: the diff reads only
// these (Table.Rows leaves the other fields zero).
var diffColumns = []string{"doc_id", "fiscal_year", "department", "metric", "period", "scheme", "code", "name",
	"value", "unit", "amount_yuan", "count", "method", "quote", "source_url", "location"}

// scanFacts calls fn for every fact of one file ("" for none), with the
// fields of diffColumns filled.
func scanFacts(ctx context.Context, path string, fn func(f *schemas.Fact)) error {
	if path == "" {
		return nil
	}
	var f schemas.Fact
	return scanColumns(ctx, path, 0, nil, diffColumns, func(rec arrow.RecordBatch) error {
		if fc, ok := newFactColumns(rec); ok {
			for i := 0; i < int(rec.NumRows()); i++ {
				fc.fact(i, &f)
				fn(&f)
			}
			return nil
		}
		v, err := schemas.Facts.Rows(rec)
		if err != nil {
			return fmt.Errorf("parquet: %s: %w", path, err)
		}
		rows := v.([]schemas.Fact)
		for i := range rows {
			fn(&rows[i])
		}
		return nil
	})
}

// factColumns reads the diffColumns fields of facts straight from a
// record's typed columns, without building a []schemas.Fact by reflection
// (which costs more than decoding the Parquet). A column the record lacks
// reads as zero, as in Table.Rows.
type factColumns struct {
	str    [14]*array.String // diffColumns but fiscal_year, amount_yuan, count
	year   *array.Int32
	amount *array.Decimal128
	count  *array.Int64
}

// factString lists the string columns of factColumns.str in order.
var factString = [14]string{"doc_id", "department", "metric", "period", "scheme", "code", "name",
	"value", "unit", "method", "quote", "source_url", "location", ""}

// newFactColumns returns the typed columns of rec, or false when one has a
// type this package does not write (an older or foreign file), for which
// Table.Rows does the conversion.
func newFactColumns(rec arrow.RecordBatch) (factColumns, bool) {
	var fc factColumns
	sch := rec.Schema()
	col := func(name string) arrow.Array {
		if idx := sch.FieldIndices(name); len(idx) > 0 {
			return rec.Column(idx[0])
		}
		return nil
	}
	for k, name := range factString {
		if name == "" {
			continue
		}
		if a := col(name); a != nil {
			s, ok := a.(*array.String)
			if !ok {
				return fc, false
			}
			fc.str[k] = s
		}
	}
	var ok bool
	if a := col("fiscal_year"); a != nil {
		if fc.year, ok = a.(*array.Int32); !ok {
			return fc, false
		}
	}
	if a := col("amount_yuan"); a != nil {
		fc.amount, ok = a.(*array.Decimal128)
		if !ok || fc.amount.DataType().(*arrow.Decimal128Type).Scale != schemas.MoneyScale {
			return fc, false
		}
	}
	if a := col("count"); a != nil {
		if fc.count, ok = a.(*array.Int64); !ok {
			return fc, false
		}
	}
	return fc, true
}

// fact sets the diff fields of f from row i.
func (fc *factColumns) fact(i int, f *schemas.Fact) {
	s := func(k int) string {
		if a := fc.str[k]; a != nil && a.IsValid(i) {
			return a.Value(i)
		}
		return ""
	}
	*f = schemas.Fact{DocID: s(0), Department: s(1), Metric: s(2), Period: s(3), Scheme: s(4), Code: s(5), Name: s(6),
		Value: s(7), Unit: s(8), Method: s(9), Quote: s(10), SourceURL: s(11), Location: s(12)}
	if fc.year != nil && fc.year.IsValid(i) {
		f.FiscalYear = fc.year.Value(i)
	}
	if fc.amount != nil && fc.amount.IsValid(i) {
		// decimal(18,2) in yuan: the unscaled value is the amount in fen.
		f.Amount, f.HasAmount = schemas.Money(int64(fc.amount.Value(i).LowBits())), true
	}
	if fc.count != nil && fc.count.IsValid(i) {
		f.Count, f.HasCount = fc.count.Value(i), true
	}
}

// diffPartition compares one fiscal-year partition of facts. The old
// partition is held in a map by key; new facts that match an old fact with
// the same signature are dropped at once, so only unmatched ones are kept.
func diffPartition(ctx context.Context, oldPath, newPath string, both func(string) bool, cl *Changelog) error {
	old := map[string][]factEntry{}
	err := scanFacts(ctx, oldPath, func(f *schemas.Fact) {
		if !both(f.DocID) {
			return
		}
		e := toEntry(f)
		k := e.key.String()
		old[k] = append(old[k], e)
	})
	if err != nil {
		return err
	}
	unmatched := map[string][]factEntry{}
	err = scanFacts(ctx, newPath, func(f *schemas.Fact) {
		if !both(f.DocID) {
			return
		}
		e := toEntry(f)
		k := e.key.String()
		sig := e.side.signature()
		if i := slices.IndexFunc(old[k], func(o factEntry) bool { return o.side.signature() == sig }); i >= 0 {
			old[k] = slices.Delete(old[k], i, i+1)
			if len(old[k]) == 0 {
				delete(old, k)
			}
			return
		}
		unmatched[k] = append(unmatched[k], e)
	})
	if err != nil {
		return err
	}
	for k, news := range unmatched {
		olds := old[k]
		n := min(len(olds), len(news))
		for i := 0; i < n; i++ {
			fc := FigureChange{FactKey: news[i].key, Department: news[i].dept, Old: olds[i].side, New: news[i].side}
			if olds[i].side.AmountYuan != "" && news[i].side.AmountYuan != "" {
				a, errA := schemas.ParseMoney(olds[i].side.AmountYuan, "元")
				b, errB := schemas.ParseMoney(news[i].side.AmountYuan, "元")
				if errA == nil && errB == nil {
					fc.DeltaYuan = (b - a).String()
				}
			}
			cl.FiguresChanged = append(cl.FiguresChanged, fc)
		}
		for _, e := range news[n:] {
			cl.FiguresAdded = append(cl.FiguresAdded, FigureRef{FactKey: e.key, Department: e.dept, Figure: e.side})
		}
		if n > 0 {
			old[k] = olds[n:]
		}
	}
	for _, olds := range old {
		for _, e := range olds {
			cl.FiguresRemoved = append(cl.FiguresRemoved, FigureRef{FactKey: e.key, Department: e.dept, Figure: e.side})
		}
	}
	return nil
}

// Markdown renders the changelog for people (CHANGELOG.md).
func (cl *Changelog) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Changes in release %s\n\n", cl.ReleaseID)
	if cl.PreviousRelease == "" {
		b.WriteString("First release: there is no previous release to compare with.\n\n")
	} else {
		fmt.Fprintf(&b, "Compared with release %s.\n\n", cl.PreviousRelease)
	}
	s := cl.Summary
	fmt.Fprintf(&b, "| | count |\n|---|---:|\n| documents added | %d |\n| documents removed | %d |\n| documents re-published with a different payload | %d |\n| figures changed | %d |\n| figures added to existing documents | %d |\n| figures removed from existing documents | %d |\n\n",
		s.DocumentsAdded, s.DocumentsRemoved, s.DocumentsRepublished, s.FiguresChanged, s.FiguresAdded, s.FiguresRemoved)
	if len(cl.FiguresChanged) > 0 {
		b.WriteString("## Figures changed\n\n| document | department | year | metric | period | code | name | old | new | change (yuan) | old quote | new quote | old source | new source |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
		for _, c := range cl.FiguresChanged {
			fmt.Fprintf(&b, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
				md(c.DocID), md(c.Department), c.FiscalYear, md(c.Metric), md(c.Period), md(c.Code), md(c.Name),
				md(c.Old.Value+" "+c.Old.Unit), md(c.New.Value+" "+c.New.Unit), md(c.DeltaYuan),
				md(c.Old.Quote), md(c.New.Quote), md(c.Old.SourceURL), md(c.New.SourceURL))
		}
		b.WriteString("\n")
	}
	docs := func(title string, ds []DocRef) {
		if len(ds) == 0 {
			return
		}
		fmt.Fprintf(&b, "## %s\n\n| document | year | stage | county | department | title | url |\n|---|---|---|---|---|---|---|\n", title)
		for _, d := range ds {
			fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %s | %s |\n", md(d.DocID), d.FiscalYear, md(d.Stage),
				md(d.County), md(d.Department), md(d.Title), md(d.URL))
		}
		b.WriteString("\n")
	}
	docs("Documents added", cl.DocumentsAdded)
	docs("Documents removed", cl.DocumentsRemoved)
	if len(cl.DocumentsRepublished) > 0 {
		b.WriteString("## Documents re-published with a different payload\n\n| document | year | department | url | old sha256 | new sha256 |\n|---|---|---|---|---|---|\n")
		for _, d := range cl.DocumentsRepublished {
			fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %s |\n", md(d.DocID), d.FiscalYear, md(d.Department),
				md(d.URL), md(d.OldPayloadSHA256), md(d.NewPayloadSHA256))
		}
		b.WriteString("\n")
	}
	figs := func(title string, fs []FigureRef) {
		if len(fs) == 0 {
			return
		}
		fmt.Fprintf(&b, "## %s\n\n| document | department | year | metric | period | code | name | value | quote | source |\n|---|---|---|---|---|---|---|---|---|---|\n", title)
		for _, f := range fs {
			fmt.Fprintf(&b, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s |\n", md(f.DocID), md(f.Department),
				f.FiscalYear, md(f.Metric), md(f.Period), md(f.Code), md(f.Name), md(f.Figure.Value+" "+f.Figure.Unit),
				md(f.Figure.Quote), md(f.Figure.SourceURL))
		}
		b.WriteString("\n")
	}
	figs("Figures added to existing documents", cl.FiguresAdded)
	figs("Figures removed from existing documents", cl.FiguresRemoved)
	return b.String()
}

// md escapes a value for a Markdown table cell.
func md(s string) string {
	s = strings.TrimSpace(s)
	s = strings.ReplaceAll(s, "|", `\|`)
	s = strings.ReplaceAll(s, "\r", " ")
	return strings.ReplaceAll(s, "\n", " ")
}
