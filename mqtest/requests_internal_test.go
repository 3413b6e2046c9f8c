package mqtest

import (
	"bytes"
	"fmt"
	"testing"
)

// TestRequestRingByteBudget: the ring drops the oldest requests once the
// bytes held pass the budget, whatever its length, and never holds more.
func TestRequestRingByteBudget(t *testing.T) {
	tests := []struct {
		name               string
		max, budget, size  int
		sent, wantHeldMost int
	}{
		{"count bound", 4, 1 << 20, 100, 20, 4 * 100},
		{"byte bound", 1000, 10_000, 1000, 50, 10_000},
		{"one over budget", 10, 500, 1000, 3, 500},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := requestRing{max: tc.max, maxBytes: tc.budget}
			for i := range tc.sent {
				g.add(Request{Path: fmt.Sprintf("%04d", i), Body: bytes.Repeat([]byte("b"), tc.size)})
				if g.held > tc.wantHeldMost+4*tc.max || g.held > tc.budget {
					t.Fatalf("after %d: %d bytes held, budget %d", i+1, g.held, tc.budget)
				}
				if n := len(g.list()); n > tc.max {
					t.Fatalf("%d requests held, max %d", n, tc.max)
				}
				if cap(g.buf) > 2*tc.max+2 {
					t.Fatalf("backing array of %d for a ring of %d", cap(g.buf), tc.max)
				}
			}
			got := g.list()
			if len(got) == 0 || got[len(got)-1].Path != fmt.Sprintf("%04d", tc.sent-1) {
				t.Fatalf("the newest request is not last: %v", len(got))
			}
		})
	}
}
