// Command benchreport summarises the output of the mqrest benchmarks
// (go test -bench in internal/conformance): Markdown tables of mqrest
// against the official SDK and against the floor, with medians over
// repeated runs and ratios, and optionally an SVG chart.
//
// Usage, from the repository root:
//
//	go run ./internal/benchreport [-svg FILE] [FILE ...] < bench.txt
//
// It reads the named files, or standard input when none is named. Output
// of several runs may be concatenated: every line of a benchmark counts.
//
// A benchmark name is split on "/" and the element naming the contender
// (mqrest; sdk or v4signer; floor or cryptofloor by default) is taken out;
// what is left names the table row, so BenchmarkParallel/DescribeBroker/
// mqrest/G=64 is the mqrest cell of row Parallel/DescribeBroker/G=64.
//
// Each cell is the median of the runs, with the median absolute deviation
// as a ± percentage. A ratio is the median of the per-run ratios, the
// i-th run of one contender paired with the i-th of the other, so that
// runs made in interleaved rounds cancel the machine's drift. A last table
// gives the verdict on each of mqrest's performance targets (targets.go)
// whose benchmarks are in the input.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

func main() {
	svgPath := flag.String("svg", "", "also write an SVG chart to this `file` (its directory is created)")
	ours := flag.String("ours", "mqrest", "name of the contender under test")
	base := flag.String("baseline", "sdk,v4signer", "comma-separated names of the baseline contenders")
	floor := flag.String("floor", "floor,cryptofloor", "comma-separated names of the floor contenders")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: benchreport [flags] [bench output files; default stdin]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if err := run(os.Stdout, flag.Args(), *svgPath, newRoles(*ours, *base, *floor)); err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, files []string, svgPath string, ro roles) error {
	var inputs []io.Reader
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		inputs = append(inputs, f)
	}
	if len(inputs) == 0 {
		inputs = append(inputs, os.Stdin)
	}
	rep, err := parse(io.MultiReader(inputs...), ro)
	if err != nil {
		return err
	}
	if len(rep.rows) == 0 {
		return errors.New("no benchmark results in the input")
	}
	if err := writeTables(w, rep); err != nil {
		return err
	}
	if err := writeTargets(w, rep); err != nil {
		return err
	}
	if svgPath == "" {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(svgPath), 0o755); err != nil {
		return err
	}
	f, err := os.Create(svgPath)
	if err != nil {
		return err
	}
	if err := writeSVG(f, rep); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Roles of contenders.
const (
	roleOurs     = "ours"
	roleBaseline = "baseline"
	roleFloor    = "floor"
)

// roleOrder is the column order.
var roleOrder = []string{roleOurs, roleBaseline, roleFloor}

// roles maps contender names (benchmark name elements) to roles.
type roles struct {
	byName map[string]string
	title  map[string]string // role → column title
}

func newRoles(ours, baseline, floor string) roles {
	ro := roles{byName: map[string]string{}, title: map[string]string{}}
	for _, x := range []struct{ role, names string }{{roleOurs, ours}, {roleBaseline, baseline}, {roleFloor, floor}} {
		for n := range strings.SplitSeq(x.names, ",") {
			if n = strings.TrimSpace(n); n != "" {
				ro.byName[n] = x.role
				if ro.title[x.role] == "" {
					ro.title[x.role] = n
				}
			}
		}
	}
	return ro
}

// sample is one result line: value by unit (ns/op, B/op, allocs/op, ...).
type sample map[string]float64

// row is one benchmark with the results of each contender, in input order.
type row struct {
	name string
	runs map[string][]sample // role → samples
	who  map[string]string   // role → contender name
}

// report is the parsed input.
type report struct {
	rows   []*row // in order of first appearance
	byName map[string]*row
	roles  roles
	// contenders names the contenders seen per role, for the footnotes.
	contenders map[string][]string
}

// parse reads go test -bench output. Lines that are not results (headers,
// PASS, ok, logs) are skipped, as are results naming no known contender.
func parse(r io.Reader, ro roles) (*report, error) {
	rep := &report{byName: map[string]*row{}, roles: ro, contenders: map[string][]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		name, s, ok := parseLine(sc.Text())
		if !ok {
			continue
		}
		key, role, who := split(name, ro)
		if role == "" {
			continue
		}
		rw := rep.byName[key]
		if rw == nil {
			rw = &row{name: key, runs: map[string][]sample{}, who: map[string]string{}}
			rep.byName[key] = rw
			rep.rows = append(rep.rows, rw)
		}
		rw.runs[role] = append(rw.runs[role], s)
		rw.who[role] = who
		if !slices.Contains(rep.contenders[role], who) {
			rep.contenders[role] = append(rep.contenders[role], who)
		}
	}
	return rep, sc.Err()
}

// parseLine parses one result line such as
//
//	BenchmarkCall/ListBrokers/mqrest-2   279   1274677 ns/op   157356 B/op   801 allocs/op
//
// returning the name without "Benchmark" and the GOMAXPROCS suffix.
func parseLine(line string) (string, sample, bool) {
	f := strings.Fields(line)
	if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
		return "", nil, false
	}
	if _, err := strconv.ParseInt(f[1], 10, 64); err != nil {
		return "", nil, false
	}
	s := sample{}
	for i := 2; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return "", nil, false
		}
		s[f[i+1]] = v
	}
	if _, ok := s["ns/op"]; !ok {
		return "", nil, false
	}
	name := strings.TrimPrefix(f[0], "Benchmark")
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil {
			name = name[:i]
		}
	}
	return name, s, true
}

// split takes the contender element out of a benchmark name, returning the
// row key, the contender's role and its name; role is "" when the name
// names no known contender.
func split(name string, ro roles) (key, role, who string) {
	elems := strings.Split(name, "/")
	for i, e := range elems {
		if r, ok := ro.byName[e]; ok {
			return strings.Join(slices.Delete(elems, i, i+1), "/"), r, e
		}
	}
	return name, "", ""
}

// values returns the values of unit in samples, skipping samples without it.
func values(samples []sample, unit string) []float64 {
	var out []float64
	for _, s := range samples {
		if v, ok := s[unit]; ok {
			out = append(out, v)
		}
	}
	return out
}

// median returns the median of xs, NaN for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// mad returns the median absolute deviation of xs relative to their
// median, as a fraction; 0 for fewer than two values.
func mad(xs []float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	m := median(xs)
	if m == 0 {
		return 0
	}
	dev := make([]float64, len(xs))
	for i, x := range xs {
		dev[i] = math.Abs(x - m)
	}
	return median(dev) / math.Abs(m)
}

// pairedRatio returns the median over runs i of a[i][unit] / b[i][unit].
func pairedRatio(a, b []sample, unit string) (float64, bool) {
	rs := ratios(a, b, unit)
	if len(rs) == 0 {
		return 0, false
	}
	return median(rs), true
}

// ratios returns a[i][unit] / b[i][unit] for every run i both have.
func ratios(a, b []sample, unit string) []float64 {
	var rs []float64
	for i := 0; i < len(a) && i < len(b); i++ {
		x, okx := a[i][unit]
		y, oky := b[i][unit]
		if okx && oky && y != 0 {
			rs = append(rs, x/y)
		}
	}
	return rs
}

// stat is the median of one unit for one contender of a row.
func (rw *row) stat(role, unit string) (float64, bool) {
	v := median(values(rw.runs[role], unit))
	return v, !math.IsNaN(v)
}

func (rw *row) ratio(role, other, unit string) (float64, bool) {
	return pairedRatio(rw.runs[role], rw.runs[other], unit)
}

// count returns how many results with unit the row has for its
// contenders, e.g. "5", or "5/5/4" when they differ.
func (rw *row) count(unit string) string {
	var ns []string
	same := true
	for _, r := range roleOrder {
		if n := len(values(rw.runs[r], unit)); n > 0 {
			ns = append(ns, strconv.Itoa(n))
			same = same && ns[0] == ns[len(ns)-1]
		}
	}
	if same && len(ns) > 0 {
		return ns[0]
	}
	return strings.Join(ns, "/")
}

// hasUnit reports whether any result of the report has unit.
func (rep *report) hasUnit(unit string) bool {
	for _, rw := range rep.rows {
		for _, ss := range rw.runs {
			if len(values(ss, unit)) > 0 {
				return true
			}
		}
	}
	return false
}

// column describes one metric table.
type column struct {
	title, unit string
	format      func(float64) string
	spread      bool // show ± MAD
	floorRatio  bool // show mqrest/floor
}

func writeTables(w io.Writer, rep *report) error {
	t := rep.roles.title
	bw := bufio.NewWriter(w)
	tables := []column{
		{"Time per operation (ns/op: wall clock; for Parallel, 1/throughput)", "ns/op", fmtNs, true, true},
	}
	if rep.hasUnit("cpu-ns/op") {
		tables = append(tables, column{"CPU time per operation (cpu-ns/op: process CPU, all threads)", "cpu-ns/op", fmtNs, true, true})
	}
	if rep.hasUnit("srv-cpu-ns/op") {
		tables = append(tables, column{"Server CPU time per operation (srv-cpu-ns/op: the loopback server's process)", "srv-cpu-ns/op", fmtNs, true, true})
	}
	if rep.hasUnit("ops/s") {
		tables = append(tables, column{"Throughput (ops/s)", "ops/s", fmtCount, true, false})
	}
	tables = append(tables,
		column{"Bytes allocated per operation (B/op)", "B/op", fmtBytes, false, true},
		column{"Allocations per operation (allocs/op)", "allocs/op", fmtCount, false, true})
	for i, c := range tables {
		if i > 0 {
			fmt.Fprintln(bw)
		}
		fmt.Fprintf(bw, "%s\n\n", c.title)
		fmt.Fprintf(bw, "| benchmark | n | %s | %s | %s | %s/%s | %s/%s |\n", t[roleOurs], t[roleBaseline], t[roleFloor],
			t[roleOurs], t[roleBaseline], t[roleOurs], t[roleFloor])
		fmt.Fprintln(bw, "|---|--:|--:|--:|--:|--:|--:|")
		for _, rw := range rep.rows {
			if len(values(rw.runs[roleOurs], c.unit))+len(values(rw.runs[roleBaseline], c.unit)) == 0 {
				continue
			}
			cells := []string{rw.name, rw.count(c.unit)}
			for _, role := range roleOrder {
				cells = append(cells, cell(rw, role, c))
			}
			cells = append(cells, ratioCell(rw, roleBaseline, c.unit))
			if c.floorRatio {
				cells = append(cells, ratioCell(rw, roleFloor, c.unit))
			} else {
				cells = append(cells, "")
			}
			fmt.Fprintf(bw, "| %s |\n", strings.Join(cells, " | "))
		}
	}
	var notes []string
	for _, role := range roleOrder {
		if names := rep.contenders[role]; len(names) > 1 {
			notes = append(notes, fmt.Sprintf("column %s is %s", t[role], strings.Join(names, " or ")))
		}
	}
	if len(notes) > 0 {
		fmt.Fprintf(bw, "\nNote: %s, by benchmark.\n", strings.Join(notes, "; "))
	}
	return bw.Flush()
}

func cell(rw *row, role string, c column) string {
	v, ok := rw.stat(role, c.unit)
	if !ok {
		return "–"
	}
	s := c.format(v)
	if c.spread {
		if d := mad(values(rw.runs[role], c.unit)); d > 0 {
			s += fmt.Sprintf(" ±%.0f%%", 100*d)
		}
	}
	return s
}

func ratioCell(rw *row, other, unit string) string {
	r, ok := rw.ratio(roleOurs, other, unit)
	if !ok {
		return "–"
	}
	return fmtRatio(r)
}

func fmtRatio(r float64) string {
	switch {
	case r == 0:
		return "0×"
	case r >= 10:
		return fmt.Sprintf("%.0f×", r)
	case r >= 0.1:
		return fmt.Sprintf("%.2f×", r)
	default:
		return fmt.Sprintf("%.3f×", r)
	}
}

// fmtNs formats nanoseconds with a readable unit and 3 significant digits.
func fmtNs(ns float64) string {
	switch {
	case ns >= 1e9:
		return sig3(ns/1e9) + " s"
	case ns >= 1e6:
		return sig3(ns/1e6) + " ms"
	case ns >= 1e3:
		return sig3(ns/1e3) + " µs"
	}
	return sig3(ns) + " ns"
}

// fmtBytes formats a byte count in B, KiB or MiB.
func fmtBytes(b float64) string {
	switch {
	case b >= 1<<20:
		return sig3(b/(1<<20)) + " MiB"
	case b >= 1<<10:
		return sig3(b/(1<<10)) + " KiB"
	}
	return strconv.FormatFloat(math.Round(b), 'f', -1, 64) + " B"
}

// fmtCount formats a count, in thousands or millions when large.
func fmtCount(n float64) string {
	switch {
	case n >= 1e6:
		return sig3(n/1e6) + " M"
	case n >= 1e4:
		return sig3(n/1e3) + " k"
	}
	return strconv.FormatFloat(math.Round(n), 'f', -1, 64)
}

// sig3 formats x ≥ 0 with three significant digits (at least the integer).
func sig3(x float64) string {
	switch {
	case x >= 100:
		return strconv.FormatFloat(math.Round(x), 'f', 0, 64)
	case x >= 10:
		return strconv.FormatFloat(x, 'f', 1, 64)
	}
	return strconv.FormatFloat(x, 'f', 2, 64)
}
