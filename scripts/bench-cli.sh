#!/usr/bin/env bash
# bench-cli.sh compares the start-up-included cost of `mqctl list-brokers`
# with the same signed GET /v1/brokers made by curl --aws-sigv4, both
# against `mqctl serve` on a free loopback port, and prints the ratio
# mqctl/curl. Alongside it times two floors, built from the few lines of Go
# below: a Go program that only prints (the Go runtime's start and exit),
# and one that makes the same GET, unsigned, with net/http (what any Go
# program that makes one request pays). mqctl is timed as it is released
# (`make build`: CGO_ENABLED=0, static) and, for comparison, as a plain
# `go build` makes it where a C compiler is present (cgo, so dynamically
# linked against libc). The verdict is on the released build: the median of
# the per-round ratios of the median times, target <= 0.85 (issue 13).
#
# It uses hyperfine (installed with apt-get when missing and run as root);
# rounds alternate the order of the commands. It also sums the package
# initialisation times GODEBUG=inittrace=1 reports for mqctl.
#
# The report (Markdown) goes to stdout and to docs/perf/bench-cli.md (OUT=path
# to change it); BENCHMARKS.md's CLI section is written from it.
#
# Usage: scripts/bench-cli.sh    (RUNS=400 runs per command, in ROUNDS=20 interleaved rounds:
# about 4 minutes, long enough that a short noisy spell on a shared machine
# does not decide the verdict)
set -euo pipefail
# The toolchain the module needs (Go 1.27, encoding/json/v2), as make uses it.
export GOTOOLCHAIN=go1.27.3

cd "$(dirname "$0")/.."
root=$(pwd)
runs=${RUNS:-400}
rounds=${ROUNDS:-20}
out=${OUT:-$root/docs/perf/bench-cli.md}

install_tools() {
	local missing=()
	command -v curl >/dev/null || missing+=(curl)
	command -v hyperfine >/dev/null || missing+=(hyperfine)
	if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "installing ${missing[*]} with apt-get" >&2
		apt-get install -y "${missing[@]}" >/dev/null 2>&1 ||
			{ apt-get update >/dev/null 2>&1 && apt-get install -y "${missing[@]}" >/dev/null 2>&1; } || true
	fi
	command -v curl >/dev/null || { echo "bench-cli: curl is required" >&2; exit 1; }
	command -v hyperfine >/dev/null || { echo "bench-cli: hyperfine is required (apt-get install hyperfine)" >&2; exit 1; }
}
install_tools

tmp=$(mktemp -d)
serve_pid=
cleanup() {
	[ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

# The binaries: mqctl twice, and the two floors.
make -s build BIN="$tmp/mqctl"
cgo=1
CGO_ENABLED=1 go build -o "$tmp/mqctl-cgo" ./cmd/mqctl 2>/dev/null || cgo=0
mkdir -p "$tmp/hello" "$tmp/get"
cat >"$tmp/hello/main.go" <<'GO'
package main

import "os"

func main() { os.Stdout.WriteString("{}\n") }
GO
cat >"$tmp/get/main.go" <<'GO'
package main

import (
	"io"
	"net/http"
	"os"
)

func main() {
	resp, err := http.Get(os.Args[1])
	if err != nil {
		os.Exit(1)
	}
	io.Copy(os.Stdout, resp.Body)
}
GO
(cd "$tmp/hello" && CGO_ENABLED=0 go build -o "$tmp/go-hello" main.go)
(cd "$tmp/get" && CGO_ENABLED=0 go build -o "$tmp/go-get" main.go)

"$tmp/mqctl" serve --listen 127.0.0.1:0 --quiet >"$tmp/serve.out" 2>"$tmp/serve.err" &
serve_pid=$!
for _ in $(seq 100); do
	[ "$(wc -l <"$tmp/serve.out")" -ge 3 ] && break
	sleep 0.05
done
url=$(sed -n 's/^listening on //p' "$tmp/serve.out")
[ -n "$url" ] || { echo "bench-cli: mqctl serve did not start" >&2; cat "$tmp/serve.err" >&2; exit 1; }
export "$(sed -n 2p "$tmp/serve.out")" "$(sed -n 3p "$tmp/serve.out")"
export AWS_REGION=us-east-1 AWS_ENDPOINT_URL_MQ=$url HOME=$tmp

names=(mqctl mqctl-cgo curl go-get go-hello)
[ "$cgo" = 1 ] || names=(mqctl curl go-get go-hello) # no C compiler: no cgo build
declare -A cmds=(
	[mqctl]="$tmp/mqctl list-brokers"
	[mqctl-cgo]="$tmp/mqctl-cgo list-brokers"
	[curl]="curl -sf --aws-sigv4 aws:amz:us-east-1:mq --user $AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY $url/v1/brokers"
	[go-get]="$tmp/go-get $url/v1/brokers"
	[go-hello]="$tmp/go-hello"
)
for n in "${names[@]}"; do
	${cmds[$n]} >/dev/null || { echo "bench-cli: $n failed: ${cmds[$n]} (curl >= 7.75 is needed)" >&2; exit 1; }
done

per=$(( (runs + rounds - 1) / rounds ))
for r in $(seq "$rounds"); do
	order=("${names[@]}")
	if [ $((r % 2)) = 0 ]; then
		order=(); for ((i = ${#names[@]} - 1; i >= 0; i--)); do order+=("${names[$i]}"); done
	fi
	args=()
	for n in "${order[@]}"; do args+=(-n "$n" "${cmds[$n]}"); done
	hyperfine -N --warmup 5 --runs "$per" --export-csv "$tmp/r$r.csv" "${args[@]}" >/dev/null 2>&1
done

# CSV columns: command,mean,stddev,median,user,system,min,max (seconds).
# Per command: the mean of the round means, medians, user and system times,
# and the overall minimum; against curl, the median of the per-round ratios
# of the medians (the verdict) and of the means.
stats=$(awk -F, '
	function med(a, n,   i, j, t) {
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	FNR == 1 { next }
	{ k = $1; n[k]++; mean[k] += $2; med_[k] += $4; user[k] += $5; sys[k] += $6
	  if (!(k in min) || $7 < min[k]) min[k] = $7; rmean[FILENAME, k] = $2; rmed[FILENAME, k] = $4; files[FILENAME] = 1 }
	END {
		for (k in n) {
			nr = 0
			for (f in files) { nr++; a[nr] = rmed[f, k] / rmed[f, "curl"]; b[nr] = rmean[f, k] / rmean[f, "curl"] }
			printf "%s %.1f %.1f %.1f %.1f %.1f %.2f %.2f\n", k, mean[k] / n[k] * 1000, med_[k] / n[k] * 1000, min[k] * 1000,
				user[k] / n[k] * 1000, sys[k] / n[k] * 1000, med(a, nr), med(b, nr)
		}
	}' "$tmp"/r*.csv)
field() { awk -v k="$1" -v f="$2" '$1 == k { print $f }' <<<"$stats"; }

# Package initialisation, as GODEBUG=inittrace=1 reports it (lines
# "init PKG @T ms, D ms clock, ..."), averaged over 20 runs.
for _ in $(seq 20); do GODEBUG=inittrace=1 "$tmp/mqctl" list-brokers 2>&1 >/dev/null; done >"$tmp/inittrace.txt"
init_ms() { awk -v re="$1" '$1 == "init" && $2 ~ re { s += $5 } END { printf "%.1f", s / 20 }' "$tmp/inittrace.txt"; }
init_all=$(init_ms '.')
init_sdk=$(init_ms '^github.com/aws/')
init_chain=$(init_ms '^github.com/aws/aws-sdk-go-v2/(config|credentials|feature|service/(sts|sso|ssooidc|signin))')
init_ours=$(init_ms '^(main|github.com/mqrest/)')

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
size() { du -h "$1" | cut -f1; }
{
	echo "| command | mean (ms) | median (ms) | min (ms) | user (ms) | system (ms) | median / curl's | mean / curl's |"
	echo "|---|--:|--:|--:|--:|--:|--:|--:|"
	for n in "${names[@]}"; do
		case $n in
		mqctl) what="**\`mqctl list-brokers\`** (release build, \`make build\`: CGO_ENABLED=0, static, $(size "$tmp/mqctl"))" ;;
		mqctl-cgo) what="\`mqctl list-brokers\` (plain \`go build\` with cgo: dynamically linked, $(size "$tmp/mqctl-cgo"))" ;;
		curl) what="\`curl --aws-sigv4\` ($(curl --version | head -1 | awk '{print $2}'))" ;;
		go-get) what="floor: Go \`http.Get\` of the same URL, unsigned (static)" ;;
		go-hello) what="floor: Go program that prints \`{}\` (static)" ;;
		esac
		echo "| $what | $(field "$n" 2) | $(field "$n" 3) | $(field "$n" 4) | $(field "$n" 5) | $(field "$n" 6) | $(field "$n" 7)× | $(field "$n" 8)× |"
	done
	echo
	ratio=$(field mqctl 7)
	if awk -v r="$ratio" 'BEGIN { exit !(r <= 0.85) }'; then verdict=met; else verdict=missed; fi
	echo "Verdict: \`mqctl list-brokers\` (release build) takes ${ratio}× the time of \`curl --aws-sigv4\` (median of the per-round ratios of the medians); target ≤ 0.85: **$verdict**."
	echo
	echo "Package initialisation of \`mqctl list-brokers\` (GODEBUG=inittrace=1, mean of 20 runs): $init_all ms in all;"
	echo "$init_sdk ms in aws-sdk-go-v2 and smithy-go packages, $init_chain ms of it in aws-sdk-go-v2/config and the"
	echo "credential providers and STS, SSO, SSO OIDC and sign-in clients it imports; $init_ours ms in mqrest's own packages."
	echo
	echo "Measured $(date -u +%Y-%m-%d) with hyperfine $(hyperfine --version | awk '{print $2}') (-N, $rounds interleaved rounds of $per runs per command, 5 warm-up runs each); $(nproc) cores, load average $load at the end; $(go version | awk '{print $3}')."
} | tee "$out"
echo "wrote $out" >&2
