package mqtest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestOrderSet checks the ordered set against a sorted slice through
// random inserts, removals and seeks.
func TestOrderSet(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var set orderSet
	var want []orderKey
	for i := range 3000 {
		k := orderKey{seq: uint64(rng.IntN(500)), id: fmt.Sprintf("b-%d", rng.IntN(3))}
		if rng.IntN(3) == 0 {
			set.remove(k)
			if j, ok := slices.BinarySearchFunc(want, k, orderKey.compare); ok {
				want = slices.Delete(want, j, j+1)
			}
		} else {
			set.insert(k)
			if j, ok := slices.BinarySearchFunc(want, k, orderKey.compare); !ok {
				want = slices.Insert(want, j, k)
			}
		}
		after := orderKey{seq: uint64(rng.IntN(500)), id: fmt.Sprintf("b-%d", rng.IntN(3))}
		if i%7 == 0 {
			after = orderKey{}
		}
		n := 1 + rng.IntN(20)
		var got []orderKey
		set.ascendAfter(after, func(k orderKey) bool {
			got = append(got, k)
			return len(got) < n
		})
		j, found := slices.BinarySearchFunc(want, after, orderKey.compare)
		if found {
			j++
		}
		exp := want[j:min(len(want), j+n)]
		if !slices.Equal(got, exp) {
			t.Fatalf("step %d: after %v, %d keys: got %v, want %v", i, after, n, got, exp)
		}
		if set.has(k) != slices.Contains(want, k) {
			t.Fatalf("step %d: has(%v) = %t", i, k, set.has(k))
		}
	}
}

// TestSettleHold holds a due transition: the broker stays as it is, and it
// completes at the first settle after the hold is lifted.
func TestSettleHold(t *testing.T) {
	s := newState(1)
	t0 := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	b := &broker{ID: "b-1", Seq: 1, Name: "b", Phase: phaseCreating, Until: t0.Add(time.Second), Users: map[string]*user{}}
	s.add([]*broker{b}, nil)
	holding := true
	s.hold = func(x *broker) bool { return x == b && holding }
	for i := range 3 {
		if s.settle(t0.Add(time.Duration(2+i) * time.Second)) {
			t.Fatalf("settle %d changed a held broker", i)
		}
		if b.Phase != phaseCreating || !b.Until.Equal(t0.Add(time.Second)) {
			t.Fatalf("held broker is %s until %v", b.Phase, b.Until)
		}
	}
	holding = false
	if !s.settle(t0.Add(5*time.Second)) || b.Phase != phaseRunning {
		t.Fatalf("after the hold: %s", b.Phase)
	}
	if len(s.due) != 0 {
		t.Fatalf("%d entries left on the due heap", len(s.due))
	}
}
