package parquet

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// SchemaIRI identifies the schema version a release conforms to
// (dct:conformsTo in catalog.jsonld).
func SchemaIRI(version string) string { return "urn:budgetfeed:schema:" + version }

// phaseMap maps stage values onto Fiscal Data Package phases.
var phaseMap = map[string]string{
	schemas.StageBudget:         "approved",
	schemas.StageAdjustedBudget: "adjusted",
	schemas.StageFinalAccount:   "executed",
}

// schemeColumnTypes maps scheme values onto FDP classification families.
var schemeColumnTypes = map[string]string{
	schemas.SchemeFunction:   "functional-classification:generic",
	schemas.SchemeEconomic:   "economic-classification:generic",
	schemas.SchemeFundSource: "fin-source:generic",
}

// MetricDirection returns the FDP direction of a money metric: "revenue"
// for income metrics, "expenditure" for spending metrics, "" for counts,
// text and balances that are neither (fiscal_appropriation_total,
// fixed_assets_total).
func MetricDirection(name string) string {
	m, ok := schemas.LookupMetric(name)
	if !ok || m.Kind != schemas.MetricMoney {
		return ""
	}
	switch {
	case strings.HasSuffix(name, "_income"):
		return "revenue"
	case name == "fiscal_appropriation_total" || name == "fixed_assets_total":
		return ""
	default:
		return "expenditure"
	}
}

// fdpColumnType translates a Column.Fiscal annotation into an FDP 1.0
// columnType, and, when the FDP concept depends on the row's scheme, the
// per-scheme column types.
func fdpColumnType(t *schemas.Table, c schemas.Column) (string, map[string]string) {
	switch c.Fiscal {
	case "":
		return "", nil
	case "date:fiscal-year":
		return "date:fiscal-year", nil
	case "phase":
		return "phase:id", nil
	case "value:currency=CNY":
		return "value", nil
	case "classification":
		return "", nil
	}
	if suffix, ok := strings.CutPrefix(c.Fiscal, "classification:"); ok {
		byScheme := map[string]string{}
		for s, fam := range schemeColumnTypes {
			byScheme[s] = fam + ":" + suffix
		}
		return "", byScheme
	}
	if strings.HasPrefix(c.Fiscal, "administrative-classification") {
		// province > city > county > department: levels 1..4.
		level := map[string]string{"province": "level1", "city": "level2", "county": "level3",
			"region_code": "level3", "department": "level4", "department_canonical": "level4", "department_type": "level4"}[c.Name]
		part := "label"
		if _, rest, ok := strings.Cut(c.Fiscal, ":"); ok {
			part = rest
		}
		if level == "" {
			return "administrative-classification:generic:" + part, nil
		}
		return "administrative-classification:generic:" + level + ":" + part, nil
	}
	return c.Fiscal, nil
}

// field is a Table Schema field descriptor.
type field struct {
	Name        string            `json:"name"`
	Type        string            `json:"type"`
	Format      string            `json:"format,omitempty"`
	Description string            `json:"description,omitempty"`
	DecimalChar string            `json:"decimalChar,omitempty"`
	BareNumber  *bool             `json:"bareNumber,omitempty"`
	Constraints map[string]any    `json:"constraints,omitempty"`
	ColumnType  string            `json:"columnType,omitempty"`
	ByScheme    map[string]string `json:"columnTypeByScheme,omitempty"`
	PhaseMap    map[string]string `json:"phaseMap,omitempty"`
	ArrowType   string            `json:"arrowType"`
	Fiscal      string            `json:"fiscalConcept,omitempty"`
}

type extraField struct {
	Name        string              `json:"name"`
	Type        string              `json:"type"`
	ColumnType  string              `json:"columnType"`
	Constant    string              `json:"constant,omitempty"`
	DerivedFrom string              `json:"derivedFrom,omitempty"`
	Values      map[string][]string `json:"values,omitempty"`
	Description string              `json:"description,omitempty"`
}

type tableSchema struct {
	Fields      []field      `json:"fields"`
	PrimaryKey  []string     `json:"primaryKey,omitempty"`
	ExtraFields []extraField `json:"extraFields,omitempty"`
	MissingVals []string     `json:"missingValues"`
}

type resource struct {
	Name        string      `json:"name"`
	Profile     string      `json:"profile"`
	Path        any         `json:"path"`
	Format      string      `json:"format"`
	MediaType   string      `json:"mediatype"`
	Bytes       int64       `json:"bytes"`
	Hash        string      `json:"hash,omitempty"`
	Rows        int64       `json:"rows"`
	Description string      `json:"description"`
	Partitions  string      `json:"partitioning,omitempty"`
	SortKey     []string    `json:"sortKey,omitempty"`
	Schema      tableSchema `json:"schema"`
}

type source struct {
	Title string `json:"title"`
	Path  string `json:"path,omitempty"`
}

type dataPackageDoc struct {
	Profile      string         `json:"profile"`
	Name         string         `json:"name"`
	ID           string         `json:"id"`
	Title        string         `json:"title,omitempty"`
	Version      string         `json:"version"`
	Created      string         `json:"created"`
	Sources      []source       `json:"sources,omitempty"`
	CountryCode  string         `json:"countryCode"`
	Currency     string         `json:"currency"`
	FiscalPeriod map[string]any `json:"fiscalPeriod,omitempty"`
	Budgetfeed   map[string]any `json:"budgetfeed"`
	Resources    []resource     `json:"resources"`
}

func tableSchemaFor(t *schemas.Table) tableSchema {
	ts := tableSchema{MissingVals: []string{}}
	sch := t.Schema()
	for i, c := range t.Columns {
		f := field{Name: c.Name, Description: c.Doc, ArrowType: sch.Field(i).Type.String(), Fiscal: c.Fiscal}
		switch c.Kind {
		case schemas.KindInt8, schemas.KindInt32, schemas.KindInt64:
			f.Type = "integer"
		case schemas.KindMoney:
			bare := true
			f.Type, f.DecimalChar, f.BareNumber = "number", ".", &bare
		case schemas.KindDate:
			f.Type, f.Format = "date", "default"
		case schemas.KindTimestamp:
			f.Type, f.Format = "datetime", "default"
		default:
			f.Type = "string"
		}
		if !sch.Field(i).Nullable {
			f.Constraints = map[string]any{"required": true}
		}
		f.ColumnType, f.ByScheme = fdpColumnType(t, c)
		if c.Fiscal == "phase" {
			f.PhaseMap = phaseMap
		}
		ts.Fields = append(ts.Fields, f)
	}
	for _, c := range t.Columns {
		if c.Fiscal == "value:currency=CNY" {
			ts.ExtraFields = append(ts.ExtraFields, extraField{Name: "currency", Type: "string",
				ColumnType: "value-currency:code", Constant: "CNY", Description: "Currency of " + c.Name + " (yuan, exact to the fen)."})
			break
		}
	}
	if t == schemas.Facts {
		dir := map[string][]string{}
		for _, m := range schemas.Metrics {
			if d := MetricDirection(m.Name); d != "" {
				dir[d] = append(dir[d], m.Name)
			}
		}
		ts.ExtraFields = append(ts.ExtraFields, extraField{Name: "direction", Type: "string", ColumnType: "direction",
			DerivedFrom: "metric", Values: dir,
			Description: "FDP direction of a money figure, derived from its metric; metrics not listed (counts, text, balances) have none."})
	}
	return ts
}

func dataPackage(m *Manifest, meta ReleaseMeta) *dataPackageDoc {
	dp := &dataPackageDoc{
		Profile: "tabular-data-package", Name: "budgetfeed", ID: m.ReleaseID, Title: meta.Title,
		Version: m.ReleaseID, Created: m.Created.Format(time.RFC3339), CountryCode: "CN", Currency: "CNY",
		Budgetfeed: map[string]any{
			"schema_version": m.SchemaVersion, "code_list_version": m.CodeListVersion,
			"crawl_started": m.CrawlStarted, "crawl_finished": m.CrawlFinished,
			"content_sha256": m.ContentSHA256, "previous_release": m.PreviousRelease,
			"fdp": "Fiscal Data Package 1.0-rc column types in fields[].columnType; columnTypeByScheme gives the classification family per scheme value; phaseMap maps stage to FDP phase",
		},
	}
	for _, s := range meta.Sources {
		src := source{Title: s}
		if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
			src.Path = s
		}
		dp.Sources = append(dp.Sources, src)
	}
	if len(m.FiscalYears) > 0 {
		dp.FiscalPeriod = map[string]any{
			"start": fmt.Sprintf("%04d-01-01", m.FiscalYears[0]),
			"end":   fmt.Sprintf("%04d-12-31", m.FiscalYears[len(m.FiscalYears)-1]),
		}
	}
	for _, t := range schemas.All {
		ts, _ := m.Table(t.Name)
		var paths []string
		var hash string
		for _, f := range m.Files {
			if f.Table == t.Name {
				paths = append(paths, f.Path)
				hash = "sha256:" + f.SHA256
			}
		}
		if len(paths) == 0 {
			continue // an empty partitioned table has no files
		}
		r := resource{Name: t.Name, Profile: "tabular-data-resource", Format: "parquet", MediaType: ParquetMediaType,
			Bytes: ts.Bytes, Rows: ts.Rows, Description: t.Doc, SortKey: t.SortKey, Schema: tableSchemaFor(t)}
		if len(paths) == 1 {
			r.Path, r.Hash = paths[0], hash
		} else {
			r.Path = paths
		}
		if ts.Partitioned {
			r.Partitions = "hive: " + PartitionColumn + "=YYYY directories; the column is also stored in the files"
		}
		dp.Resources = append(dp.Resources, r)
	}
	return dp
}

// catalog builds the DCAT-AP 3 record of the release (JSON-LD).
func catalog(m *Manifest, meta ReleaseMeta, baseURL string) map[string]any {
	typed := func(v, t string) map[string]any { return map[string]any{"@value": v, "@type": t} }
	ctx := map[string]any{
		"dcat": "http://www.w3.org/ns/dcat#",
		"dct":  "http://purl.org/dc/terms/",
		"spdx": "http://spdx.org/rdf/terms#",
		"xsd":  "http://www.w3.org/2001/XMLSchema#",
		"adms": "http://www.w3.org/ns/adms#",
		"rdfs": "http://www.w3.org/2000/01/rdf-schema#",
	}
	if baseURL != "" {
		ctx["@base"] = baseURL
	}
	title := meta.Title
	if title == "" {
		title = "budgetfeed: district department budgets and final accounts (部门预算、部门决算)"
	}
	conforms := map[string]any{"@id": SchemaIRI(m.SchemaVersion), "rdfs:label": "budgetfeed schema version " + m.SchemaVersion}
	ds := map[string]any{
		"@id":             "#dataset",
		"@type":           "dcat:Dataset",
		"dct:identifier":  m.ReleaseID,
		"dct:title":       title,
		"dct:description": "Every figure stated in Chinese district department budget and final account disclosures, with provenance, as Hive-partitioned Parquet.",
		"dct:issued":      typed(m.FirstIssued.Format(time.RFC3339), "xsd:dateTime"),
		"dct:modified":    typed(m.Created.Format(time.RFC3339), "xsd:dateTime"),
		"dcat:version":    m.ReleaseID,
		"dct:conformsTo":  conforms,
		"dct:spatial":     map[string]any{"@id": "http://publications.europa.eu/resource/authority/country/CHN"},
		"dct:language":    map[string]any{"@id": "http://publications.europa.eu/resource/authority/language/ZHO"},
	}
	if m.PreviousRelease != "" {
		ds["adms:versionNotes"] = "Changes against release " + m.PreviousRelease + ": see " + ChangelogMDFile
	}
	if len(m.FiscalYears) > 0 {
		ds["dct:temporal"] = map[string]any{
			"@type":          "dct:PeriodOfTime",
			"dcat:startDate": typed(fmt.Sprintf("%04d-01-01", m.FiscalYears[0]), "xsd:date"),
			"dcat:endDate":   typed(fmt.Sprintf("%04d-12-31", m.FiscalYears[len(m.FiscalYears)-1]), "xsd:date"),
		}
	}
	if len(meta.Sources) > 0 {
		ds["dct:source"] = meta.Sources
	}
	var dists []any
	for _, t := range schemas.All {
		ts, _ := m.Table(t.Name)
		var urls []any
		var listing strings.Builder
		var single string
		for _, f := range m.Files {
			if f.Table == t.Name {
				urls = append(urls, map[string]any{"@id": f.Path})
				fmt.Fprintf(&listing, "%s  %s\n", f.SHA256, f.Path)
				single = f.SHA256
			}
		}
		if len(urls) == 0 {
			continue
		}
		sum, how := single, "sha256 of the file"
		if len(urls) > 1 {
			sum, how = sha256Hex(listing.String()), "sha256 of the table's sha256sum listing (\"<sha256>  <path>\\n\" per file, in manifest order)"
		}
		dists = append(dists, map[string]any{
			"@id":              "#" + t.Name,
			"@type":            "dcat:Distribution",
			"dct:title":        t.Name,
			"dct:description":  t.Doc,
			"dcat:accessURL":   map[string]any{"@id": t.Name + "/"},
			"dcat:downloadURL": urls,
			"dcat:mediaType":   map[string]any{"@id": "https://www.iana.org/assignments/media-types/" + ParquetMediaType},
			"dct:format":       map[string]any{"@id": "http://publications.europa.eu/resource/authority/file-type/PARQUET"},
			"dcat:byteSize":    typed(strconv.FormatInt(ts.Bytes, 10), "xsd:nonNegativeInteger"),
			"spdx:checksum": map[string]any{
				"@type":              "spdx:Checksum",
				"spdx:algorithm":     map[string]any{"@id": "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"},
				"spdx:checksumValue": typed(sum, "xsd:hexBinary"),
				"rdfs:comment":       how,
			},
			"dct:conformsTo": conforms,
			"dct:issued":     typed(m.Created.Format(time.RFC3339), "xsd:dateTime"),
		})
	}
	ds["dcat:distribution"] = dists
	return map[string]any{
		"@context": ctx,
		"@graph": []any{
			map[string]any{
				"@id": "#catalog", "@type": "dcat:Catalog", "dct:title": title,
				"dct:description": "budgetfeed release " + m.ReleaseID,
				"dcat:dataset":    map[string]any{"@id": "#dataset"},
				"dct:modified":    typed(m.Created.Format(time.RFC3339), "xsd:dateTime"),
			},
			ds,
		},
	}
}

func sha256Hex(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}
