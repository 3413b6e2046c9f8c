package mqtest

import (
	"cmp"
	"container/heap"
	"math/rand/v2"
	"time"
)

// The state's indexes keep every request's cost O(log n) or O(1) in the
// number of brokers and configurations (a broker's users, a map by name,
// are sorted for each ListUsers page and DescribeBroker): list order (creation
// sequence, then ID) in an ordered set, broker names in a map, the next
// lifecycle transitions in a min-heap and configuration use in a count per
// configuration. Service methods change records in place; the records they
// reach (through findBroker, findConfig, brokerByARN, configByARN, newID and
// settle) are marked, and state.refresh brings the indexes up to date for
// the marked ones only.

// orderKey is the list position of a broker or configuration.
type orderKey struct {
	seq uint64
	id  string
}

func (k orderKey) compare(o orderKey) int {
	return cmp.Or(cmp.Compare(k.seq, o.seq), cmp.Compare(k.id, o.id))
}

// orderSet is an ordered set of orderKeys: a treap, so insert, remove and
// seek take O(log n) expected time.
type orderSet struct {
	root *treapNode
}

type treapNode struct {
	key         orderKey
	prio        uint64
	left, right *treapNode
}

// insert adds k; adding a key already present is a no-op.
func (t *orderSet) insert(k orderKey) {
	if t.has(k) {
		return
	}
	t.root = treapInsert(t.root, &treapNode{key: k, prio: rand.Uint64()})
}

// remove deletes k if present.
func (t *orderSet) remove(k orderKey) {
	t.root = treapRemove(t.root, k)
}

func (t *orderSet) has(k orderKey) bool {
	for n := t.root; n != nil; {
		switch c := k.compare(n.key); {
		case c < 0:
			n = n.left
		case c > 0:
			n = n.right
		default:
			return true
		}
	}
	return false
}

// ascendAfter calls fn with every key greater than after, in order, until fn
// returns false.
func (t *orderSet) ascendAfter(after orderKey, fn func(orderKey) bool) {
	var stack []*treapNode
	for n := t.root; n != nil; {
		if n.key.compare(after) > 0 {
			stack = append(stack, n)
			n = n.left
		} else {
			n = n.right
		}
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !fn(n.key) {
			return
		}
		for m := n.right; m != nil; m = m.left {
			stack = append(stack, m)
		}
	}
}

func treapInsert(n, x *treapNode) *treapNode {
	if n == nil {
		return x
	}
	if x.prio > n.prio {
		x.left, x.right = treapSplit(n, x.key)
		return x
	}
	if x.key.compare(n.key) < 0 {
		n.left = treapInsert(n.left, x)
	} else {
		n.right = treapInsert(n.right, x)
	}
	return n
}

// treapSplit splits n into the keys less than k and the others.
func treapSplit(n *treapNode, k orderKey) (*treapNode, *treapNode) {
	if n == nil {
		return nil, nil
	}
	if n.key.compare(k) < 0 {
		l, r := treapSplit(n.right, k)
		n.right = l
		return n, r
	}
	l, r := treapSplit(n.left, k)
	n.left = r
	return l, n
}

// treapMerge joins a and b, every key of a being less than every key of b.
func treapMerge(a, b *treapNode) *treapNode {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case a.prio > b.prio:
		a.right = treapMerge(a.right, b)
		return a
	}
	b.left = treapMerge(a, b.left)
	return b
}

func treapRemove(n *treapNode, k orderKey) *treapNode {
	if n == nil {
		return nil
	}
	switch c := k.compare(n.key); {
	case c < 0:
		n.left = treapRemove(n.left, k)
	case c > 0:
		n.right = treapRemove(n.right, k)
	default:
		return treapMerge(n.left, n.right)
	}
	return n
}

// dueEntry is a broker's pending transition: the broker's Until when it was
// pushed. Entries are checked when popped, so one that a later change made
// stale is skipped.
type dueEntry struct {
	at time.Time
	id string
}

// dueHeap is a min-heap of transitions by time (container/heap).
type dueHeap []dueEntry

func (h dueHeap) Len() int           { return len(h) }
func (h dueHeap) Less(i, j int) bool { return h[i].at.Before(h[j].at) }
func (h dueHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *dueHeap) Push(x any)        { *h = append(*h, x.(dueEntry)) }
func (h *dueHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}

// brokerIndex is what the indexes hold about a broker, kept with it.
type brokerIndex struct {
	indexed bool      // in order and byName
	dueAt   time.Time // Until as last pushed on the due heap
	cfgs    [2]string // configurations counted in cfgUse: current, pending
}

// markBroker records that b may change in this request.
func (s *state) markBroker(b *broker) {
	if _, ok := s.dirtyBrokers[b.ID]; !ok {
		s.dirtyBrokers[b.ID] = b
	}
}

// markConfig records that cfg may change in this request.
func (s *state) markConfig(cfg *configuration) {
	if _, ok := s.dirtyConfigs[cfg.ID]; !ok {
		s.dirtyConfigs[cfg.ID] = cfg
	}
}

// refresh brings the indexes up to date for the records marked since the
// last commit and for the IDs issued since: O(marked records).
func (s *state) refresh() {
	for _, id := range s.issued[s.refreshed:] {
		if b := s.brokers[id]; b != nil {
			s.markBroker(b)
			if b.CreatorRequestID != "" {
				s.dirtyTokens[b.CreatorRequestID] = struct{}{}
			}
		}
		if c := s.configs[id]; c != nil {
			s.markConfig(c)
		}
	}
	s.refreshed = len(s.issued)
	for id, old := range s.dirtyBrokers {
		cur := s.brokers[id]
		if old != nil && old != cur {
			s.unindexBroker(old)
		}
		if cur != nil {
			s.indexBroker(cur)
			if r := cur.Replication; r != nil && r.DataReplicationCounterpart != nil {
				// Promote and CreateBroker change the counterpart too.
				if other := s.brokers[r.DataReplicationCounterpart.BrokerID]; other != nil {
					s.markBroker(other)
					s.indexBroker(other)
				}
			}
		}
	}
	for id, old := range s.dirtyConfigs {
		cur := s.configs[id]
		if old != nil && old != cur {
			s.unindexConfig(old)
		}
		if cur != nil {
			s.indexConfig(cur)
		}
	}
}

// indexConfig adds c to the list order, if it is not there yet.
func (s *state) indexConfig(c *configuration) {
	if !c.indexed {
		s.configOrder.insert(orderKey{c.Seq, c.ID})
		c.indexed = true
	}
}

// unindexConfig removes c from the list order.
func (s *state) unindexConfig(c *configuration) {
	if c.indexed {
		s.configOrder.remove(orderKey{c.Seq, c.ID})
		c.indexed = false
	}
}

// indexBroker adds b to the indexes or updates its entries.
func (s *state) indexBroker(b *broker) {
	if !b.idx.indexed {
		s.brokerOrder.insert(orderKey{b.Seq, b.ID})
		s.byName[nameKey(accountOf(b.ARN), b.Name)] = b.ID
		b.idx.indexed = true
	}
	var cfgs [2]string
	if b.Current != nil {
		cfgs[0] = b.Current.ID
	}
	if b.Pending.Configuration != nil {
		cfgs[1] = b.Pending.Configuration.ID
	}
	if cfgs != b.idx.cfgs {
		s.countConfigs(b.idx.cfgs, -1)
		s.countConfigs(cfgs, 1)
		b.idx.cfgs = cfgs
	}
	if b.Phase != phaseRunning && !b.Until.Equal(b.idx.dueAt) {
		heap.Push(&s.due, dueEntry{at: b.Until, id: b.ID})
		b.idx.dueAt = b.Until
	}
}

// unindexBroker removes b from the indexes.
func (s *state) unindexBroker(b *broker) {
	if !b.idx.indexed {
		return
	}
	s.brokerOrder.remove(orderKey{b.Seq, b.ID})
	if k := nameKey(accountOf(b.ARN), b.Name); s.byName[k] == b.ID {
		delete(s.byName, k)
	}
	s.countConfigs(b.idx.cfgs, -1)
	b.idx = brokerIndex{}
}

func (s *state) countConfigs(ids [2]string, d int) {
	for i, id := range ids {
		if id == "" || i == 1 && id == ids[0] {
			continue
		}
		s.cfgUse[id] += d
		if s.cfgUse[id] <= 0 {
			delete(s.cfgUse, id)
		}
	}
}

// brokersAfter returns up to n brokers that follow (afterSeq, afterID) in
// list order (creation sequence, then ID); (0, "") starts at the first. A
// page token that holds the last key returned seeks here in O(log n).
func (s *state) brokersAfter(afterSeq uint64, afterID string, n int) []*broker {
	var out []*broker
	if n <= 0 {
		return out
	}
	s.brokerOrder.ascendAfter(orderKey{afterSeq, afterID}, func(k orderKey) bool {
		if b := s.brokers[k.id]; b != nil {
			out = append(out, b)
		}
		return len(out) < n
	})
	return out
}

// configsAfter is brokersAfter for configurations.
func (s *state) configsAfter(afterSeq uint64, afterID string, n int) []*configuration {
	var out []*configuration
	if n <= 0 {
		return out
	}
	s.configOrder.ascendAfter(orderKey{afterSeq, afterID}, func(k orderKey) bool {
		if c := s.configs[k.id]; c != nil {
			out = append(out, c)
		}
		return len(out) < n
	})
	return out
}

// sortedBrokers returns the brokers in list order: O(n), for callers that
// need them all.
func (s *state) sortedBrokers() []*broker {
	return s.brokersAfter(0, "", len(s.brokers))
}

// sortedConfigs returns the configurations in list order.
func (s *state) sortedConfigs() []*configuration {
	return s.configsAfter(0, "", len(s.configs))
}

// brokerByName returns the broker of the account with the name, or nil:
// names are unique per account.
func (s *state) brokerByName(account, name string) *broker {
	if id, ok := s.byName[nameKey(account, name)]; ok {
		return s.brokers[id]
	}
	return nil
}

// nameKey is the byName key of a broker name in an account.
func nameKey(account, name string) string { return account + "/" + name }

// configInUse reports whether a broker uses or is about to use the
// configuration.
func (s *state) configInUse(id string) bool { return s.cfgUse[id] > 0 }
