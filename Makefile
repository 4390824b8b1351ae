# budgetfeed — `make run` runs the whole pipeline on the embedded demo portal;
# `make test` runs every test offline. `make help` lists the rest.

GO       ?= go
TAGS     := duckdb_arrow
export CGO_ENABLED := 1
BIN      := bin/budgetfeed
OUT      ?= out

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-12s %s\n", $$1, $$2}'

.PHONY: build
build: ## build bin/budgetfeed (cgo, DuckDB with Arrow)
	$(GO) build -tags $(TAGS) -o $(BIN) ./cmd/budgetfeed

.PHONY: run
run: build ## crawl the embedded demo portal, publish out/feed and out/budgetfeed.duckdb, print a comparison
	./$(BIN) run --out $(OUT)

.PHONY: test
test: ## every test, offline (includes the real-document evaluation when ../shared is present)
	$(GO) vet -tags $(TAGS) ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) test -tags $(TAGS) -count=1 -timeout 40m ./...

.PHONY: eval
eval: ## precision and recall of the extractor on ../shared/realdocs (skips when absent)
	$(GO) test -count=1 -run 'TestRealdocs' -v ./pipeline/extract | grep -E 'realdocs:|SKIP|FAIL|^ok'

.PHONY: bench
bench: ## benchmarks of extraction, tables, publish and queries (results go to docs/benchmarks.md by hand)
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./pipeline/... ./outputs/...

.PHONY: bench-crawl
bench-crawl: ## crawl benchmark against a 5,000-page mock portal, side by side with wget2 and Scrapy
	@command -v wget2 >/dev/null && command -v scrapy >/dev/null || { apt-get update && apt-get install -y --no-install-recommends wget2 python3-scrapy; }
	$(GO) test -run '^$$' -bench Crawl -benchtime 1x -timeout 30m ./sources/crawl

.PHONY: docs
docs: ## regenerate the generated docs and code (docs/schema.md, docs/rules.md, schemas/arrow_gen.go)
	$(GO) test -count=1 ./schemas -run 'TestSchemaDocFresh|TestArrowGenerated' -update
	$(GO) test -count=1 ./pipeline/validate -run 'TestRulesDoc$$' -update

.PHONY: golden
golden: ## refresh golden files after a deliberate output change (review the diff!)
	$(GO) test -count=1 ./pipeline/extract ./pipeline/tables ./pipeline/validate -update

.PHONY: lint
lint: ## gofmt and go vet
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet -tags $(TAGS) ./...

.PHONY: clean
clean: ## remove build output and out/
	rm -rf bin $(OUT)
