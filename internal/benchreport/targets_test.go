package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestTargets(t *testing.T) {
	rep, err := parse(strings.NewReader(sampleOutput), testRoles())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := writeTargets(&buf, rep); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"| Call/ListBrokers mqrest/sdk, time ≤ 0.35× | 0.50× (0.50×) | 0/2 | **miss** |",
		"| Call/ListBrokers mqrest/floor, time ≤ 2× | 4.00× (7.00×) | 0/2 | **miss** |",
		"| Call/ListBrokers mqrest/sdk, allocs ≤ 0.25× | 0.22× | 2/2 | hold |",
		"| Sign mqrest/v4signer, time ≤ 0.5× | 0.20× | 2/2 | hold |",
		"| Sign mqrest/cryptofloor, time (no target) | 2.50× | – | – |",
		"| Parallel/DescribeBroker/G=64 mqrest/sdk, throughput ≥ 2× | 4.00× | 1/1 | hold |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	// Rows the input lacks have no verdict.
	if strings.Contains(out, "ListAll") || strings.Contains(out, "DescribeBroker mqrest/floor") {
		t.Errorf("verdicts on rows without results:\n%s", out)
	}
}
