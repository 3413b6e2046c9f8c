package client_test

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/mqtest"
)

// soakState is what the soak's goroutines share: the resources whose
// creation the client acknowledged, what was done to them, and the counts.
type soakState struct {
	ok, errors, unclassified, panics atomic.Int64

	mu         sync.Mutex
	configs    map[string]*soakConfig // acknowledged, by ID
	live       []string               // acknowledged configuration IDs not being deleted
	brokers    map[string]*soakBroker // acknowledged, by ID
	liveB      []string               // acknowledged broker IDs not being deleted
	duplicates int                    // creates rejected because an earlier attempt was processed
	outcomes   map[string]int         // "op outcome" -> count
	notes      []string               // the first problems seen, for the log
}

// soakConfig is a configuration the client created.
type soakConfig struct {
	name     string
	updates  int  // UpdateConfiguration calls made
	acked    int  // of which succeeded
	deleting bool // DeleteConfiguration was called
	deleted  bool // and succeeded
}

// soakBroker is a broker the client created.
type soakBroker struct {
	name, arn string
	deleting  bool              // DeleteBroker was called
	deleted   bool              // and succeeded
	tags      map[string]string // acknowledged at creation or by CreateTags, not since passed to DeleteTags
	untagged  map[string]bool   // keys DeleteTags acknowledged removing
	users     []string          // acknowledged at creation or by CreateUser
}

func newSoakState() *soakState {
	return &soakState{configs: map[string]*soakConfig{}, brokers: map[string]*soakBroker{}, outcomes: map[string]int{}}
}

// update runs f under the lock.
func (s *soakState) update(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f()
}

// note keeps a problem for the log (the first 20).
func (s *soakState) note(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.notes) < 20 {
		s.notes = append(s.notes, fmt.Sprintf(format, args...))
	}
}

// duplicate counts a create the service had already processed.
func (s *soakState) duplicate(format string, args ...any) {
	s.update(func() { s.duplicates++ })
	s.note("duplicate: "+format, args...)
}

// tally counts the outcome of one operation.
func (s *soakState) tally(op string, err error) {
	outcome := "ok"
	if err == nil {
		s.ok.Add(1)
	} else {
		s.errors.Add(1)
		kind := classifyError(err)
		if kind == "" {
			s.unclassified.Add(1)
			s.note("unclassified error of %s: %T %v", op, err, err)
			kind = fmt.Sprintf("unclassified %T", err)
		}
		outcome = kind + " " + errorDetail(err)
	}
	s.update(func() { s.outcomes[op+" "+outcome]++ })
}

// errorDetail is the code, status or cause of a client error, for the log.
func errorDetail(err error) string {
	switch e := err.(type) {
	case *client.APIError:
		return e.Code
	case *client.DecodeError:
		return fmt.Sprintf("HTTP %d %v", e.StatusCode, e.Err)
	case *client.RequestError:
		msg := e.Err.Error()
		if i := len(msg) - 40; i > 0 {
			msg = "…" + msg[i:]
		}
		return fmt.Sprintf("after %d: %s", e.Attempts, msg)
	}
	return ""
}

func (s *soakState) addConfig(id, name string) {
	s.update(func() {
		s.configs[id] = &soakConfig{name: name}
		s.live = append(s.live, id)
	})
}

// pickConfig returns a random live configuration, or "".
func (s *soakState) pickConfig(r *rand.Rand) (string, *soakConfig) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.live) == 0 {
		return "", nil
	}
	id := s.live[r.IntN(len(s.live))]
	return id, s.configs[id]
}

// takeConfig picks a live configuration and marks it as being deleted.
func (s *soakState) takeConfig(r *rand.Rand) (string, *soakConfig) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.live) == 0 {
		return "", nil
	}
	i := r.IntN(len(s.live))
	id := s.live[i]
	s.live = slices.Delete(s.live, i, i+1)
	s.configs[id].deleting = true
	return id, s.configs[id]
}

func (s *soakState) addBroker(id, arn string, in *api.CreateBrokerInput) {
	b := &soakBroker{name: in.BrokerName, arn: arn, tags: maps.Clone(in.Tags), untagged: map[string]bool{}}
	if b.tags == nil {
		b.tags = map[string]string{}
	}
	for _, u := range in.Users {
		b.users = append(b.users, u.Username)
	}
	s.update(func() {
		s.brokers[id] = b
		s.liveB = append(s.liveB, id)
	})
}

// pickBroker returns a random live broker, or "".
func (s *soakState) pickBroker(r *rand.Rand) (string, *soakBroker) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.liveB) == 0 {
		return "", nil
	}
	id := s.liveB[r.IntN(len(s.liveB))]
	return id, s.brokers[id]
}

// takeBroker picks a live broker and marks it as being deleted.
func (s *soakState) takeBroker(r *rand.Rand) (string, *soakBroker) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.liveB) == 0 {
		return "", nil
	}
	i := r.IntN(len(s.liveB))
	id := s.liveB[i]
	s.liveB = slices.Delete(s.liveB, i, i+1)
	s.brokers[id].deleting = true
	return id, s.brokers[id]
}

// audit compares the server's state, read without faults, with what the
// client acknowledged. A duplicate is a broker or configuration name held
// by two resources, a create rejected as a repeat, or a configuration with
// more revisions than updates were sent. A lost write is an acknowledged
// broker, configuration, user, tag or revision missing on the server
// (unless the soak tried to delete it), or an acknowledged delete of a
// broker, configuration or tag that is still there.
func (s *soakState) audit(t *testing.T, c *client.Client, srv *mqtest.Server) (duplicates, lost int) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	duplicates = s.duplicates
	lose := func(format string, args ...any) {
		lost++
		if lost <= 20 {
			t.Logf("lost: "+format, args...)
		}
	}

	onServer := map[string]api.DescribeBrokerOutput{}
	names := map[string]int{}
	for _, b := range srv.Brokers() {
		onServer[b.BrokerID] = b
		if names[b.BrokerName]++; names[b.BrokerName] == 2 {
			duplicates++
			t.Logf("duplicate: two brokers named %s", b.BrokerName)
		}
	}
	for id, want := range s.brokers {
		got, ok := onServer[id]
		if want.deleted && ok {
			lose("broker %s (%s) still exists after its deletion was acknowledged", id, want.name)
		}
		if want.deleting {
			continue
		}
		if !ok || got.BrokerName != want.name {
			lose("broker %s (%s)", id, want.name)
			continue
		}
		for k, v := range want.tags {
			if got.Tags[k] != v {
				lose("tag %s=%s of broker %s", k, v, id)
			}
		}
		for k := range want.untagged {
			if _, ok := got.Tags[k]; ok {
				lose("tag %s of broker %s still exists after its deletion was acknowledged", k, id)
			}
		}
		for _, u := range want.users {
			if !slices.ContainsFunc(got.Users, func(s api.UserSummary) bool { return s.Username == u }) {
				lose("user %s of broker %s", u, id)
			}
		}
	}

	configs := map[string]api.Configuration{}
	cfgNames := map[string]int{}
	for cfg, err := range c.ListConfigurationsAll(t.Context(), &api.ListConfigurationsInput{MaxResults: 100}) {
		if err != nil {
			t.Fatalf("listing configurations without faults: %v", err)
		}
		configs[cfg.ID] = cfg
		if cfgNames[cfg.Name]++; cfgNames[cfg.Name] == 2 {
			duplicates++
			t.Logf("duplicate: two configurations named %s", cfg.Name)
		}
	}
	for id, want := range s.configs {
		got, ok := configs[id]
		if want.deleted && ok {
			lose("configuration %s (%s) still exists after its deletion was acknowledged", id, want.name)
		}
		if want.deleting {
			continue
		}
		if !ok || got.Name != want.name {
			lose("configuration %s (%s)", id, want.name)
			continue
		}
		rev := int(got.LatestRevision.Revision)
		if rev < 1+want.acked {
			lose("configuration %s has revision %d after %d acknowledged updates", id, rev, want.acked)
		}
		if rev > 1+want.updates {
			duplicates++
			t.Logf("duplicate: configuration %s has revision %d after %d updates sent", id, rev, want.updates)
		}
	}
	return duplicates, lost
}

// report logs the outcomes and the first problems.
func (s *soakState) report(t *testing.T, elapsed time.Duration) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	t.Logf("soak took %v; outcomes:\n%s", elapsed.Round(time.Millisecond), soakSummary(s.outcomes))
	for _, n := range s.notes {
		t.Log(n)
	}
}
