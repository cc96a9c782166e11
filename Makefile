# gasrisk — two commands: `make run` and `make test`.
GO      ?= go
BIN     := bin/gasrisk
export PATH := $(PATH):/usr/local/go/bin

.PHONY: run test deps build check bench clean

## run: install what is missing, build, start the embedded PostGIS, load the sample city, serve the map
run: deps build
	./$(BIN) demo

## test: every test, against a real PostGIS the tests start themselves
## (the browser test of the map needs Chromium: installed as root, skipped otherwise outside CI)
test: deps check
	@scripts/deps.sh chromium poppler || echo "Chromium or poppler-utils missing: the browser and PDF tests will be skipped"
	$(GO) test -count=1 -timeout 60m ./...

deps:
	@scripts/deps.sh

build:
	$(GO) build -o $(BIN) ./cmd/gasrisk

## check: fail on gofmt or go vet drift
check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

## bench: the benchmarks of docs/benchmarks.md
bench: deps build
	scripts/bench.sh

clean:
	rm -rf bin
