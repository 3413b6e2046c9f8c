package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sampleOutput is go test -bench output of two interleaved rounds, with
// the noise a real run has around the results.
const sampleOutput = `goos: linux
goarch: amd64
pkg: github.com/mqrest/mqrest/internal/conformance
cpu: AMD EPYC
BenchmarkCall/ListBrokers/mqrest-2   	    1000	   1000000 ns/op	  700000 cpu-ns/op	   60000 srv-cpu-ns/op	  150000 B/op	     800 allocs/op
BenchmarkCall/ListBrokers/sdk-2      	     500	   2000000 ns/op	 1400000 cpu-ns/op	   60000 srv-cpu-ns/op	  300000 B/op	    3600 allocs/op
BenchmarkCall/ListBrokers/floor-2    	    5000	    250000 ns/op	  100000 cpu-ns/op	   60000 srv-cpu-ns/op	    4000 B/op	      50 allocs/op
BenchmarkSign/mqrest-2               	  300000	      4000 ns/op	     304 B/op	       5 allocs/op
BenchmarkSign/v4signer-2             	   50000	     20000 ns/op	    6232 B/op	      51 allocs/op
BenchmarkSign/cryptofloor-2          	  400000	      2000 ns/op	       0 B/op	       0 allocs/op
BenchmarkParallel/DescribeBroker/mqrest/G=64-2 	    8000	    125000 ns/op	      8000 ops/s	   17000 B/op	     177 allocs/op
BenchmarkParallel/DescribeBroker/sdk/G=64-2    	    4000	    500000 ns/op	      2000 ops/s	   51000 B/op	     655 allocs/op
--- BENCH: BenchmarkSomething
    bench_test.go:12: a log line
BenchmarkUnrelated-2                 	     100	       100 ns/op
PASS
ok  	github.com/mqrest/mqrest/internal/conformance	100.1s
goos: linux
BenchmarkCall/ListBrokers/mqrest-2   	    1000	   2000000 ns/op	  700000 cpu-ns/op	  150000 B/op	     800 allocs/op
BenchmarkCall/ListBrokers/sdk-2      	     500	   4000000 ns/op	 1400000 cpu-ns/op	  300000 B/op	    3600 allocs/op
BenchmarkCall/ListBrokers/floor-2    	    5000	    500000 ns/op	  100000 cpu-ns/op	    4000 B/op	      50 allocs/op
BenchmarkSign/mqrest-2               	  300000	      6000 ns/op	     304 B/op	       5 allocs/op
BenchmarkSign/v4signer-2             	   50000	     30000 ns/op	    6232 B/op	      51 allocs/op
BenchmarkSign/cryptofloor-2          	  400000	      2000 ns/op	       0 B/op	       0 allocs/op
PASS
`

func testRoles() roles { return newRoles("mqrest", "sdk,v4signer", "floor,cryptofloor") }

func TestParseLine(t *testing.T) {
	name, s, ok := parseLine("BenchmarkParallel/DescribeBroker/mqrest/G=64-2 \t 8000\t 125000 ns/op\t 8000 ops/s\t 17000 B/op\t 177 allocs/op")
	if !ok || name != "Parallel/DescribeBroker/mqrest/G=64" {
		t.Fatalf("name %q ok %v", name, ok)
	}
	want := sample{"ns/op": 125000, "ops/s": 8000, "B/op": 17000, "allocs/op": 177}
	for u, v := range want {
		if s[u] != v {
			t.Errorf("%s = %v, want %v", u, s[u], v)
		}
	}
	for _, bad := range []string{
		"goos: linux",
		"--- BENCH: BenchmarkX",
		"BenchmarkX-2 notanumber 10 ns/op",
		"BenchmarkX-2 10 10 B/op", // no ns/op
		"BenchmarkX-2 10 10",      // odd fields
		"PASS",
	} {
		if _, _, ok := parseLine(bad); ok {
			t.Errorf("parsed %q", bad)
		}
	}
	// A name whose last element merely contains a dash keeps it.
	if name, _, _ := parseLine("BenchmarkA/b-c 10 10 ns/op"); name != "A/b-c" {
		t.Errorf("name %q", name)
	}
}

func TestParse(t *testing.T) {
	rep, err := parse(strings.NewReader(sampleOutput), testRoles())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, rw := range rep.rows {
		names = append(names, rw.name)
	}
	if got, want := strings.Join(names, ","), "Call/ListBrokers,Sign,Parallel/DescribeBroker/G=64"; got != want {
		t.Fatalf("rows %s, want %s", got, want)
	}
	rw := rep.byName["Call/ListBrokers"]
	if n := len(rw.runs[roleOurs]); n != 2 {
		t.Errorf("%d mqrest runs, want 2", n)
	}
	if v, _ := rw.stat(roleOurs, "ns/op"); v != 1.5e6 {
		t.Errorf("median mqrest ns/op %v, want 1.5e6", v)
	}
	// Paired per run: 1/2 and 2/4, both 0.5, though the medians' ratio is too.
	if r, _ := rw.ratio(roleOurs, roleBaseline, "ns/op"); r != 0.5 {
		t.Errorf("mqrest/sdk %v, want 0.5", r)
	}
	if r, _ := rw.ratio(roleOurs, roleFloor, "ns/op"); r != 4 {
		t.Errorf("mqrest/floor %v, want 4", r)
	}
	sign := rep.byName["Sign"]
	if r, _ := sign.ratio(roleOurs, roleBaseline, "ns/op"); r != 0.2 {
		t.Errorf("sign mqrest/v4signer %v, want 0.2", r)
	}
	if got := strings.Join(rep.contenders[roleBaseline], ","); got != "sdk,v4signer" {
		t.Errorf("baseline contenders %s", got)
	}
}

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want float64
	}{
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{2, 2, 9, 1, 100}, 2},
	} {
		in := append([]float64(nil), tc.in...)
		if got := median(tc.in); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.in, got, tc.want)
		}
		for i := range in {
			if in[i] != tc.in[i] {
				t.Errorf("median reordered its input %v", tc.in)
			}
		}
	}
	if !math.IsNaN(median(nil)) {
		t.Error("median of nothing is not NaN")
	}
	if got := mad([]float64{10, 11, 9, 10, 30}); got != 0.1 {
		t.Errorf("mad = %v, want 0.1", got)
	}
	if r, ok := pairedRatio([]sample{{"x": 1}, {"x": 3}, {"x": 10}}, []sample{{"x": 2}, {"x": 3}}, "x"); !ok || r != 0.75 {
		t.Errorf("pairedRatio = %v %v, want 0.75", r, ok)
	}
}

func TestTables(t *testing.T) {
	rep, err := parse(strings.NewReader(sampleOutput), testRoles())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := writeTables(&b, rep); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"| benchmark | n | mqrest | sdk | floor | mqrest/sdk | mqrest/floor |",
		"| Call/ListBrokers | 2 | 1.50 ms ±33% | 3.00 ms ±33% | 375 µs ±33% | 0.50× | 4.00× |",
		"| Sign | 2 | 5.00 µs ±20% | 25.0 µs ±20% | 2.00 µs | 0.20× | 2.50× |",
		"| Call/ListBrokers | 2 | 146 KiB | 293 KiB | 3.91 KiB | 0.50× | 38× |",
		"| Parallel/DescribeBroker/G=64 | 1 | 8000 | 2000 | – | 4.00× |  |",
		"CPU time per operation",
		"| Call/ListBrokers | 1 | 60.0 µs | 60.0 µs | 60.0 µs | 1.00× | 1.00× |",
		"column sdk is sdk or v4signer",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestSVGWellFormed(t *testing.T) {
	// A name with XML metacharacters must come out escaped.
	in := sampleOutput + "BenchmarkCall/<A&B>/mqrest-2 10 100 ns/op 1 allocs/op\nBenchmarkCall/<A&B>/sdk-2 10 400 ns/op 4 allocs/op\n"
	rep, err := parse(strings.NewReader(in), testRoles())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := writeSVG(&b, rep); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(&b)
	var root string
	texts := map[string]bool{}
	rects := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed: %v", err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = tk.Name.Local
				if tk.Name.Space != "http://www.w3.org/2000/svg" {
					t.Errorf("root namespace %q", tk.Name.Space)
				}
			}
			if tk.Name.Local == "rect" {
				rects++
			}
		case xml.CharData:
			texts[strings.TrimSpace(string(tk))] = true
		}
	}
	if root != "svg" {
		t.Errorf("root element %q, want svg", root)
	}
	for _, want := range []string{"Call/ListBrokers", "Sign", "Parallel/DescribeBroker/G=64", "Call/<A&B>", "0.50×", "0.25×"} {
		if !texts[want] {
			t.Errorf("SVG has no text %q", want)
		}
	}
	// background + 3 legend + bars: 4 rows × 2 panels × up to 3 contenders.
	if rects < 1+3+4*2*2 {
		t.Errorf("only %d rects", rects)
	}
}

func TestRunWritesSVG(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "bench.txt")
	if err := os.WriteFile(in, []byte(sampleOutput), 0o644); err != nil {
		t.Fatal(err)
	}
	svg := filepath.Join(dir, "docs", "bench.svg")
	var out bytes.Buffer
	if err := run(&out, []string{in}, svg, testRoles()); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(svg)
	if err != nil || !bytes.Contains(data, []byte("<svg")) {
		t.Fatalf("svg not written: %v", err)
	}
	if !strings.Contains(out.String(), "Call/ListBrokers") {
		t.Errorf("no table on stdout")
	}
	empty := filepath.Join(dir, "empty.txt")
	_ = os.WriteFile(empty, []byte("PASS\n"), 0o644)
	if err := run(io.Discard, []string{empty}, "", testRoles()); err == nil {
		t.Error("no error for input without results")
	}
}
