// Package pipeline turns what sources harvest into published rows: it reads
// each disclosure's article text and attachments, extracts every stated
// figure (pipeline/extract, pipeline/tables), canonicalises the department
// (pipeline/department), validates the accounting identities
// (pipeline/validate), and hands documents, facts, quality findings, codes and
// ledger rows to a Publisher (outputs/parquet behind an interface).
//
// It owns concurrency, cancellation and what counts as failure: a document
// that cannot be read becomes a row with status failed and the run goes on.
package pipeline
