# gasrisk — two commands: `make run` and `make test`.
GO      ?= go
BIN     := bin/gasrisk
# make run PORT=9090, or ADDR=0.0.0.0:9090 to listen beyond this machine
PORT    ?= 8080
ADDR    ?= 127.0.0.1:$(PORT)
export PATH := $(PATH):/usr/local/go/bin

.PHONY: run test deps build check bench clean

## run: install what is missing, build, start the embedded PostGIS, load the sample city, serve the map
## on ADDR (default 127.0.0.1:PORT, PORT 8080)
run: deps build
	./$(BIN) demo --addr $(ADDR)

## test: every test, against a real PostGIS the tests start themselves
## (the browser test of the map needs Chromium, the OpenAPI linters node and npm:
## installed as root, skipped otherwise outside CI)
test: deps check
	@scripts/deps.sh chromium node poppler || echo "Chromium, node or poppler-utils missing: the browser test, the OpenAPI linters or the PDF tests will be skipped"
	$(GO) test -count=1 -timeout 60m ./...

deps:
	@scripts/deps.sh

## build: the binary, stamped with its git revision (gasrisk version) where git can tell it
build:
	@mkdir -p bin; if ! $(GO) build -buildvcs=auto -o $(BIN) ./cmd/gasrisk 2>bin/build.log; then \
	  echo "building without the git revision ($$(tail -n 1 bin/build.log))" >&2; \
	  $(GO) build -buildvcs=false -o $(BIN) ./cmd/gasrisk; fi

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
