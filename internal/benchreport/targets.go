package main

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// target is one of mqrest's performance targets (BENCHMARKS.md): the ratio
// of mqrest to another contender in one unit, at most (or, for
// throughput, at least) limit.
type target struct {
	row     string // row key, e.g. "Call/ListBrokers"
	other   string // roleBaseline or roleFloor
	unit    string
	limit   float64 // 0: no target, the ratio is informative
	atLeast bool    // the ratio must be ≥ limit; else ≤
}

var targets = func() []target {
	// The targets of the model-driven core (issue 11): ListBrokers ≤ 0.35×
	// the SDK's time and ≤ 2.0× the floor; DescribeBroker and CreateBroker
	// ≤ 0.6× and ≤ 1.4×; allocations ≤ 0.25×; signing ≤ 0.5×
	// aws/signer/v4; listing 10,000 brokers ≤ 0.35× the time and ≤ 0.3× the
	// bytes.
	ts := []target{
		{row: "Call/ListBrokers", other: roleBaseline, unit: "ns/op", limit: 0.35},
		{row: "Call/DescribeBroker", other: roleBaseline, unit: "ns/op", limit: 0.6},
		{row: "Call/CreateBroker", other: roleBaseline, unit: "ns/op", limit: 0.6},
		{row: "Call/ListBrokers", other: roleFloor, unit: "ns/op", limit: 2.0},
		{row: "Call/DescribeBroker", other: roleFloor, unit: "ns/op", limit: 1.4},
		{row: "Call/CreateBroker", other: roleFloor, unit: "ns/op", limit: 1.4},
	}
	for _, r := range []string{"Call/ListBrokers", "Call/DescribeBroker", "Call/CreateBroker"} {
		ts = append(ts, target{row: r, other: roleBaseline, unit: "allocs/op", limit: 0.25})
	}
	return append(ts,
		target{row: "Sign", other: roleBaseline, unit: "ns/op", limit: 0.5},
		target{row: "Sign", other: roleFloor, unit: "ns/op"},
		target{row: "Parallel/DescribeBroker/G=64", other: roleBaseline, unit: "ops/s", limit: 2, atLeast: true},
		target{row: "ListAll", other: roleBaseline, unit: "ns/op", limit: 0.35},
		target{row: "ListAll", other: roleBaseline, unit: "B/op", limit: 0.3},
	)
}()

// held reports whether ratio r meets the target.
func (t target) held(r float64) bool {
	if t.atLeast {
		return r >= t.limit
	}
	return r <= t.limit
}

// writeTargets writes the verdict on every target whose row is in the
// report: the median of the per-round ratios (for times, the CPU-time
// ratio too), how many rounds met the target, and the verdict on the
// median.
func writeTargets(w io.Writer, rep *report) error {
	t := rep.roles.title
	bw := bufio.NewWriter(w)
	header := false
	for _, tg := range targets {
		rw := rep.byName[tg.row]
		if rw == nil {
			continue
		}
		rs := ratios(rw.runs[roleOurs], rw.runs[tg.other], tg.unit)
		if len(rs) == 0 {
			continue
		}
		if !header {
			fmt.Fprintf(bw, "\nTargets (medians of per-round ratios; CPU time in parentheses)\n\n")
			fmt.Fprintln(bw, "| target | ratio | rounds met | verdict |")
			fmt.Fprintln(bw, "|---|--:|--:|---|")
			header = true
		}
		r := median(rs)
		ratio := fmtRatio(r)
		if tg.unit == "ns/op" {
			if c := ratios(rw.runs[roleOurs], rw.runs[tg.other], "cpu-ns/op"); len(c) > 0 {
				ratio += " (" + fmtRatio(median(c)) + ")"
			}
		}
		name := fmt.Sprintf("%s %s/%s", tg.row, t[roleOurs], rw.who[tg.other])
		met, verdict := "–", "–"
		if tg.limit > 0 {
			op := "≤"
			if tg.atLeast {
				op = "≥"
			}
			name += fmt.Sprintf(", %s %s %s", unitName(tg.unit), op, fmtLimit(tg.limit))
			n := 0
			for _, x := range rs {
				if tg.held(x) {
					n++
				}
			}
			met = fmt.Sprintf("%d/%d", n, len(rs))
			verdict = "hold"
			if !tg.held(r) {
				verdict = "**miss**"
			}
		} else {
			name += ", " + unitName(tg.unit) + " (no target)"
		}
		fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", name, ratio, met, verdict)
	}
	return bw.Flush()
}

func unitName(unit string) string {
	switch unit {
	case "ns/op":
		return "time"
	case "allocs/op":
		return "allocs"
	case "B/op":
		return "bytes"
	case "ops/s":
		return "throughput"
	}
	return unit
}

func fmtLimit(x float64) string {
	return strings.TrimSuffix(strconv.FormatFloat(x, 'f', -1, 64), ".0") + "×"
}
