// Package sources defines what a source of disclosures is: something that
// fetches a portal, captures the evidence, and hands disclosures and ledger
// entries to a Sink. The crawler (sources/crawl) and the embedded demo portal
// (sources/demoportal) live below it.
package sources

import (
	"context"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// Sink receives what a source harvests. Implementations must be safe for
// concurrent use: a source may call them from several goroutines.
type Sink interface {
	// Disclosure hands over one article with its attachments. An error stops
	// the harvest (the pipeline could not accept more, e.g. ctx cancelled).
	Disclosure(ctx context.Context, d schemas.Disclosure) error
	// Ledger records what became of one URL.
	Ledger(e schemas.LedgerEntry)
}

// Source harvests disclosures from one portal.
type Source interface {
	// Name is the portal profile id stamped into every row.
	Name() string
	// Harvest crawls until done or ctx is cancelled. Failures of single URLs
	// are ledger entries, not errors; an error means the harvest as a whole
	// could not run.
	Harvest(ctx context.Context, sink Sink) error
}
