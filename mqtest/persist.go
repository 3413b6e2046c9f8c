package mqtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/mqrest/mqrest/api"
)

// snapshotFormat names the version of the snapshot layout.
const snapshotFormat = "mqtest-state/1"

// snapshot is the JSON form of the state.
type snapshot struct {
	Format            string            `json:"format"`
	Region            string            `json:"region"`
	Account           string            `json:"account"`
	ServiceLinkedRole bool              `json:"serviceLinkedRole"`
	Brokers           []*broker         `json:"brokers"`
	Configurations    []*configuration  `json:"configurations"`
	Tokens            map[string]string `json:"creatorRequestIds"`
	Rand              []byte            `json:"rand"`
	PageKey           []byte            `json:"pageKey"`
}

// Snapshot returns the emulator's whole state as JSON: brokers (with their
// users and pending changes), configurations and their revisions, tags,
// idempotency tokens, whether the service-linked role exists, and the state
// of the ID generator. It holds no credentials, passwords or request log.
// [Handler.Restore] reads it back, and [WithStateFile] converts a file of
// it (what earlier versions wrote) into its database.
func (h *Handler) Snapshot() ([]byte, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.settleLocked()
	return h.snapshotLocked()
}

func (h *Handler) snapshotLocked() ([]byte, error) {
	rnd, err := h.st.ids.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("mqtest: snapshot: %w", err)
	}
	s := snapshot{
		Format:            snapshotFormat,
		Region:            h.cfg.region,
		Account:           h.cfg.account,
		ServiceLinkedRole: h.st.slr,
		Brokers:           h.st.sortedBrokers(),
		Configurations:    h.st.sortedConfigs(),
		Tokens:            h.st.tokens,
		Rand:              rnd,
		PageKey:           h.st.pageKey,
	}
	return json.MarshalIndent(s, "", "  ")
}

// Restore replaces the emulator's state with a [Handler.Snapshot]. It
// rejects, and leaves the state alone for, data that is not a snapshot of
// this format, region and account. With [WithStateFile] the restored state
// replaces the file's in one transaction, and the state is left alone when
// that fails.
func (h *Handler) Restore(data []byte) error {
	st, err := h.parseSnapshot(data)
	if err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.store != nil {
		if h.closed {
			return fmt.Errorf("mqtest: restore: %w", errStoreClosed)
		}
		if err := h.store.replace(st, h.cfg.region, h.cfg.account); err != nil {
			return fmt.Errorf("mqtest: restore: saving state file %s: %w", h.store.path, err)
		}
	}
	st.hold = h.st.hold
	h.st = st
	return nil
}

// parseSnapshot checks a snapshot and builds the state it describes.
func (h *Handler) parseSnapshot(data []byte) (*state, error) {
	var s snapshot
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("mqtest: state is not valid JSON: %w", err)
	}
	switch {
	case s.Format != snapshotFormat:
		return nil, fmt.Errorf("mqtest: state has format %q, want %q", s.Format, snapshotFormat)
	case s.Region != h.cfg.region || s.Account != h.cfg.account:
		return nil, fmt.Errorf("mqtest: state belongs to region %s, account %s; this emulator serves region %s, account %s",
			s.Region, s.Account, h.cfg.region, h.cfg.account)
	case len(s.PageKey) == 0:
		return nil, errors.New("mqtest: state has no pageKey")
	}
	st := emptyState()
	st.slr, st.ids, st.pageKey = s.ServiceLinkedRole, &rand.PCG{}, s.PageKey
	if err := st.ids.UnmarshalBinary(s.Rand); err != nil {
		return nil, fmt.Errorf("mqtest: state has a bad rand: %w", err)
	}
	seen := map[string]bool{}
	for i, b := range s.Brokers {
		if err := checkBroker(b); err != nil {
			return nil, fmt.Errorf("mqtest: state brokers[%d]: %w", i, err)
		}
		if seen[b.ID] {
			return nil, fmt.Errorf("mqtest: state brokers[%d]: duplicate ID %s", i, b.ID)
		}
		seen[b.ID] = true
	}
	for i, c := range s.Configurations {
		if err := checkConfig(c); err != nil {
			return nil, fmt.Errorf("mqtest: state configurations[%d]: %w", i, err)
		}
		if seen[c.ID] {
			return nil, fmt.Errorf("mqtest: state configurations[%d]: duplicate ID %s", i, c.ID)
		}
		seen[c.ID] = true
	}
	st.add(s.Brokers, s.Configurations)
	for tok, id := range s.Tokens {
		if st.brokers[id] != nil {
			st.tokens[tok] = id
		}
	}
	return st, nil
}

func checkBroker(b *broker) error {
	if b == nil {
		return errors.New("null broker")
	}
	if b.ID == "" || b.ARN == "" || b.Name == "" {
		return errors.New("id, arn and name are required")
	}
	if _, err := api.ParseARN(b.ARN); err != nil {
		return fmt.Errorf("arn: %w", err)
	}
	if !slices.Contains([]phase{phaseCreating, phaseRunning, phaseRebooting, phaseDeleting}, b.Phase) {
		return fmt.Errorf("unknown phase %q", b.Phase)
	}
	if b.EngineType != api.EngineTypeActivemq && b.EngineType != api.EngineTypeRabbitmq {
		return fmt.Errorf("unknown engineType %q", b.EngineType)
	}
	if len(b.IPs) == 0 {
		return errors.New("no instance addresses")
	}
	if b.Tags == nil {
		b.Tags = map[string]string{}
	}
	if b.Users == nil {
		b.Users = map[string]*user{}
	}
	for name, u := range b.Users {
		if u == nil || u.Username != name || u.Current == nil && u.Next == nil && u.Change != api.ChangeTypeDelete {
			return fmt.Errorf("user %q is inconsistent", name)
		}
	}
	return nil
}

func checkConfig(c *configuration) error {
	if c == nil {
		return errors.New("null configuration")
	}
	if c.ID == "" || c.ARN == "" {
		return errors.New("id and arn are required")
	}
	if len(c.Revisions) == 0 {
		return errors.New("no revisions")
	}
	for i, r := range c.Revisions {
		if r.Revision != int32(i+1) {
			return fmt.Errorf("revision %d is numbered %d", i+1, r.Revision)
		}
	}
	if c.Tags == nil {
		c.Tags = map[string]string{}
	}
	return nil
}

// load opens the state file (see store.go), migrating a JSON state file
// of an earlier version first; a missing or empty one starts the state
// database with the current state.
func (h *Handler) load(path string) error {
	if err := h.migrateJSON(path); err != nil {
		return err
	}
	s, err := openStore(path)
	if err != nil {
		return err
	}
	st, err := s.load(h.cfg.region, h.cfg.account)
	if err == nil && st == nil {
		err = s.replace(h.st, h.cfg.region, h.cfg.account)
		if err != nil {
			err = fmt.Errorf("mqtest: state file %s: %w", path, err)
		}
		st = h.st
	}
	if err != nil {
		_ = s.close()
		return err
	}
	st.hold = h.st.hold
	h.st, h.store = st, s
	return nil
}

// Close releases the state file ([WithStateFile]) and its lock, after any
// change in progress; a change requested afterwards fails with a 500.
// [Server.Close] calls it. It is safe to call more than once.
func (h *Handler) Close() error {
	h.closeOnce.Do(func() { close(h.done) })
	return h.closeStore()
}

func (h *Handler) closeStore() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil
	}
	h.closed = true
	if h.store == nil {
		return nil
	}
	return h.store.close()
}

// settleLocked completes the transitions that are due and saves them, for
// the inspection methods; a failure to save is logged and undone.
func (h *Handler) settleLocked() {
	if err := h.commitLocked(h.st.settle(h.clock.Now())); err != nil {
		h.log.Error("mqtest: saving state", "file", h.cfg.stateFile, "err", err)
	}
}

// BrokerCount returns how many brokers exist, including those being deleted.
func (h *Handler) BrokerCount() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.settleLocked()
	return len(h.st.brokers)
}

// Brokers returns every broker as DescribeBroker would, in order of creation.
func (h *Handler) Brokers() []api.DescribeBrokerOutput {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.settleLocked()
	var out []api.DescribeBrokerOutput
	for _, b := range h.st.sortedBrokers() {
		out = append(out, *h.describe(b))
	}
	return out
}
