# mqrest — make targets. A fresh machine needs only Go; everything else
# (staticcheck, hyperfine) is fetched by the target that needs it.

# Go 1.27 is the minimum (encoding/json/v2); the go command downloads this
# toolchain when the installed one is older. Exported to every recipe.
export GOTOOLCHAIN := go1.27.3

GO          ?= go
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
CONFORMANCE := internal/conformance
OTELCHECK   := internal/otelcheck
ENGINETEST  := internal/enginetest
# Debian packages of the real engines behind `mqctl serve --engines`.
ENGINE_PKGS := rabbitmq-server activemq libmqtt-client-java openssl
PKGS        := ./...
FUZZTIME    ?= 30s
SOAKOPS     ?= 20000
LOADSECONDS ?= 60
LOADREQUESTS ?= 1000000
LOADMINREQUESTS ?= 100000

.PHONY: test fmt-check generate-check vet unit conformance lint build install bench bench-cli soak fuzz test-compat test-engines

## test: gofmt check, generated files up to date, vet, staticcheck, all tests
## that need only Go, with -race (CI runs it first)
test: fmt-check generate-check vet lint unit conformance

## fmt-check: the gofmt of the pinned toolchain, not whichever is on PATH
fmt-check:
	@out=$$("$$($(GO) env GOROOT)/bin/gofmt" -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

## generate-check: fail, naming them, when files internal/gen writes (api/*_gen.go,
## docs/operations.md, ...) differ from what it would write; fix with go generate ./...
generate-check:
	$(GO) run ./internal/gen -check

vet:
	$(GO) vet $(PKGS)
	cd $(CONFORMANCE) && $(GO) vet ./...
	cd $(OTELCHECK) && $(GO) vet ./...
	cd $(ENGINETEST) && $(GO) vet ./...

unit:
	$(GO) test -race -count=1 -timeout 15m $(PKGS)
	cd $(OTELCHECK) && $(GO) test -race -count=1 -timeout 15m ./...

conformance:
	cd $(CONFORMANCE) && $(GO) test -race -count=1 -timeout 15m ./...

## test-engines: the end-to-end tests of the real engines behind the emulator
## (internal/enginetest: RabbitMQ over AMQP, ActiveMQ over MQTT, both over TLS,
## and mqctl serve --engines). On Debian it first installs the missing
## ENGINE_PKGS with apt-get; elsewhere it names what to install. The test log
## (-v) has the engines' versions, start-up times and idle RSS.
test-engines:
	@bash scripts/apt-install.sh $(ENGINE_PKGS) || { echo "test-engines: install RabbitMQ (rabbitmq-server, with epmd), ActiveMQ 5.x with the FuseSource MQTT codec (Debian: activemq libmqtt-client-java), Java and openssl, then point EngineOptions / serve --rabbitmq-dir --activemq-dir at them" >&2; exit 1; }
	cd $(ENGINETEST) && $(GO) test -race -count=1 -timeout 20m -v ./...

## build: the release build of mqctl into $(BIN): static (CGO_ENABLED=0), which
## starts ~3 ms faster than a cgo build, dynamically linked against libc
BIN ?= bin/mqctl
build:
	CGO_ENABLED=0 $(GO) build -trimpath -o $(BIN) ./cmd/mqctl

## install: the release build of mqctl into $$GOBIN (go install)
install:
	CGO_ENABLED=0 $(GO) install -trimpath ./cmd/mqctl

## lint: staticcheck at a pinned version, through the go command
lint:
	$(GO) run $(STATICCHECK) $(PKGS)
	cd $(CONFORMANCE) && $(GO) run $(STATICCHECK) ./...
	cd $(OTELCHECK) && $(GO) run $(STATICCHECK) ./...
	cd $(ENGINETEST) && $(GO) run $(STATICCHECK) ./...

## test-compat: the compatibility suite (internal/compat, build tag compat):
## the real AWS CLI v2 and mqctl run the same commands against `mqctl serve`
## and their stdout, first stderr line and exit codes are compared. Installs
## Debian's awscli when /usr/bin/aws is missing.
AWSCLI ?= /usr/bin/aws
test-compat:
	@[ -x $(AWSCLI) ] || bash scripts/apt-install.sh awscli
	$(GO) test -tags compat -count=1 -timeout 20m ./internal/compat

## bench: mqrest vs the official SDK vs bare net/http in BENCHROUNDS rounds, each
## running every benchmark once (interleaved, so the machine's drift weighs on
## every contender alike), into internal/conformance/bench.txt; then the tables,
## the verdict on each target and docs/bench.svg (see BENCHMARKS.md)
BENCHROUNDS ?= 10
bench:
	cd $(CONFORMANCE) && $(GO) test -c -o bench.test . && : > bench.txt && \
	for i in $$(seq $(BENCHROUNDS)); do \
	  echo "bench: round $$i of $(BENCHROUNDS)" >&2; \
	  ./bench.test -test.run '^$$' -test.bench . -test.benchmem -test.count 1 -test.timeout 60m > bench-round.txt || \
	    { cat bench-round.txt; exit 1; }; \
	  tee -a bench.txt < bench-round.txt; \
	done; rm -f bench-round.txt
	$(GO) run ./internal/benchreport -svg docs/bench.svg < $(CONFORMANCE)/bench.txt

## bench-cli: mqctl start-up against curl --aws-sigv4 and two Go floors, into docs/perf/bench-cli.md
bench-cli:
	bash scripts/bench-cli.sh

## soak: long mixed-operation run under injected faults, then the emulator
## under load: 32 clients of mixed operations for LOADSECONDS (longer if
## needed to send LOADMINREQUESTS) against a real `mqctl serve --state`
## process (throughput, p99, RSS growth under 64 MB, errors, and the
## zero-loss line); without -race, which would slow the clients rather than
## test the server
soak:
	MQREST_SOAK_OPS=$(SOAKOPS) $(GO) test -race -count=1 -timeout 60m -run 'TestSoak' -v ./client/
	MQREST_LOAD_SECONDS=$(LOADSECONDS) MQREST_LOAD_REQUESTS=$(LOADREQUESTS) MQREST_LOAD_MIN_REQUESTS=$(LOADMINREQUESTS) $(GO) test -count=1 -timeout 30m -run 'TestServeLoad' -v ./cmd/mqctl/

## fuzz: every fuzz target for FUZZTIME each
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; done
