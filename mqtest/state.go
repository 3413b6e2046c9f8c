package mqtest

import (
	"container/heap"
	"math/rand/v2"
	"time"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/internal/wire"
)

// state is everything the emulator remembers between requests; it is what
// Snapshot writes. Guarded by Handler.mu.
type state struct {
	brokers  map[string]*broker        // by ID
	configs  map[string]*configuration // by ID
	tokens   map[string]string         // creatorRequestId -> broker ID
	slr      bool                      // the service-linked role exists (a broker was created)
	seq      uint64                    // creation counter: list order
	ids      *rand.PCG                 // resource IDs and addresses
	pageKey  []byte                    // HMAC key of page tokens
	idSource *rand.Rand

	// Indexes (index.go).
	brokerOrder orderSet          // brokers by (Seq, ID)
	configOrder orderSet          // configurations by (Seq, ID)
	byName      map[string]string // account/broker name -> ID
	due         dueHeap           // pending transitions by time
	cfgUse      map[string]int    // configuration ID -> brokers using it (current or pending)

	// Changes since the last commit (store.go): the records a request
	// reached, with the object it reached, and the IDs it issued.
	dirtyBrokers map[string]*broker
	dirtyConfigs map[string]*configuration
	dirtyTokens  map[string]struct{}
	issued       []string
	refreshed    int // issued[:refreshed] are indexed

	// hold, when set, keeps a due transition of a broker waiting (for
	// something outside the state, such as a real engine starting): settle
	// asks it for each transition that falls due and checks a held one again
	// at its next call, without changing the broker. A Handler keeps it
	// when it replaces the state (load, Restore).
	hold func(b *broker) bool
}

// emptyState returns a state without records, ID generator or page key.
func emptyState() *state {
	return &state{
		brokers:      map[string]*broker{},
		configs:      map[string]*configuration{},
		tokens:       map[string]string{},
		byName:       map[string]string{},
		cfgUse:       map[string]int{},
		dirtyBrokers: map[string]*broker{},
		dirtyConfigs: map[string]*configuration{},
		dirtyTokens:  map[string]struct{}{},
	}
}

func newState(seed uint64) *state {
	pcg := rand.NewPCG(seed, 0x6d71746573742d69) // "mqtest-i"
	key := rand.New(rand.NewPCG(seed, 0x6d71746573742d6b))
	pk := make([]byte, 32)
	for i := range pk {
		pk[i] = byte(key.Uint32())
	}
	s := emptyState()
	s.ids, s.pageKey = pcg, pk
	return s
}

// add puts loaded records into the state and its indexes.
func (s *state) add(bs []*broker, cs []*configuration) {
	for _, b := range bs {
		s.brokers[b.ID] = b
		s.seq = max(s.seq, b.Seq)
		s.indexBroker(b)
	}
	for _, c := range cs {
		s.configs[c.ID] = c
		s.seq = max(s.seq, c.Seq)
		s.indexConfig(c)
	}
}

// clearChanges forgets the records marked since the last commit.
func (s *state) clearChanges() {
	clear(s.dirtyBrokers)
	clear(s.dirtyConfigs)
	clear(s.dirtyTokens)
	s.issued, s.refreshed = s.issued[:0], 0
}

func (s *state) rand() *rand.Rand {
	if s.idSource == nil {
		s.idSource = rand.New(s.ids)
	}
	return s.idSource
}

// uuid returns a version-4-shaped UUID drawn from r.
func uuid(r *rand.Rand) string {
	var b [16]byte
	for i := 0; i < 16; i += 8 {
		v := r.Uint64()
		for j := range 8 {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	return wire.FormatUUID(b)
}

// newID returns an unused "<prefix>-<uuid>" ID. The generator's state is
// saved with every change, so IDs continue across restarts instead of
// repeating; the ID is recorded so that the commit finds the new record.
func (s *state) newID(prefix string) string {
	for {
		id := prefix + "-" + uuid(s.rand())
		if _, ok := s.brokers[id]; ok {
			continue
		}
		if _, ok := s.configs[id]; ok {
			continue
		}
		s.issued = append(s.issued, id)
		return id
	}
}

// phase is where a broker is in its lifecycle; the reported BrokerState is
// derived from it and the clock.
type phase string

const (
	phaseCreating  phase = "creating"
	phaseRunning   phase = "running"
	phaseRebooting phase = "rebooting"
	phaseDeleting  phase = "deleting"
)

// broker is one broker. Passwords are never stored.
type broker struct {
	ID                      string                             `json:"id"`
	Seq                     uint64                             `json:"seq"`
	ARN                     string                             `json:"arn"`
	Name                    string                             `json:"name"`
	CreatorRequestID        string                             `json:"creatorRequestId,omitempty"`
	Created                 time.Time                          `json:"created"`
	Phase                   phase                              `json:"phase"`
	Until                   time.Time                          `json:"until,omitzero"` // end of the current transition
	EngineType              api.EngineType                     `json:"engineType"`
	EngineVersion           string                             `json:"engineVersion"`
	DeploymentMode          api.DeploymentMode                 `json:"deploymentMode"`
	HostInstanceType        string                             `json:"hostInstanceType"`
	StorageType             api.BrokerStorageType              `json:"storageType"`
	StorageSize             int32                              `json:"storageSize,omitempty"`
	AuthenticationStrategy  api.AuthenticationStrategy         `json:"authenticationStrategy"`
	AutoMinorVersionUpgrade bool                               `json:"autoMinorVersionUpgrade"`
	PubliclyAccessible      bool                               `json:"publiclyAccessible"`
	SecurityGroups          []string                           `json:"securityGroups,omitempty"`
	SubnetIDs               []string                           `json:"subnetIds,omitempty"`
	EncryptionOptions       *api.EncryptionOptions             `json:"encryptionOptions,omitempty"`
	Ldap                    *api.LdapServerMetadataOutput      `json:"ldap,omitempty"`
	LogsGeneral             bool                               `json:"logsGeneral"`
	LogsAudit               *bool                              `json:"logsAudit,omitempty"`
	Maintenance             *api.WeeklyStartTime               `json:"maintenance,omitempty"`
	Tags                    map[string]string                  `json:"tags"`
	Current                 *api.ConfigurationID               `json:"current,omitempty"`
	History                 []api.ConfigurationID              `json:"history,omitempty"`
	IPs                     []string                           `json:"ips"`
	ResourceShareARNs       []string                           `json:"resourceShareArns,omitempty"` // applied
	DataReplicationMode     api.DataReplicationMode            `json:"dataReplicationMode,omitempty"`
	Replication             *api.DataReplicationMetadataOutput `json:"replication,omitempty"`
	Users                   map[string]*user                   `json:"users"`
	Pending                 pendingChanges                     `json:"pending"`

	idx brokerIndex // not saved
}

// pendingChanges are UpdateBroker changes applied at the next reboot.
type pendingChanges struct {
	EngineVersion    string   `json:"engineVersion,omitempty"`
	HostInstanceType string   `json:"hostInstanceType,omitempty"`
	SecurityGroups   []string `json:"securityGroups,omitempty"`
	StorageSize      int32    `json:"storageSize,omitempty"`
	// ResourceShareARNs is the target list of resource shares: nil when
	// unchanged, empty to detach every share.
	ResourceShareARNs      []string                           `json:"resourceShareArns,omitzero"`
	AuthenticationStrategy api.AuthenticationStrategy         `json:"authenticationStrategy,omitempty"`
	Ldap                   *api.LdapServerMetadataOutput      `json:"ldap,omitempty"`
	Logs                   *api.PendingLogs                   `json:"logs,omitempty"`
	Configuration          *api.ConfigurationID               `json:"configuration,omitempty"`
	DataReplicationMode    api.DataReplicationMode            `json:"dataReplicationMode,omitempty"`
	Replication            *api.DataReplicationMetadataOutput `json:"replication,omitempty"`
}

// user is one broker user: its applied attributes (nil while its creation is
// pending) and the change waiting for the next reboot.
type user struct {
	Username string         `json:"username"`
	Current  *userAttrs     `json:"current,omitempty"`
	Change   api.ChangeType `json:"change,omitempty"`
	Next     *userAttrs     `json:"next,omitempty"` // CREATE and UPDATE
}

type userAttrs struct {
	ConsoleAccess   bool     `json:"consoleAccess"`
	Groups          []string `json:"groups"`
	ReplicationUser bool     `json:"replicationUser"`
}

// configuration is one configuration with all its revisions.
type configuration struct {
	ID                     string                     `json:"id"`
	Seq                    uint64                     `json:"seq"`
	ARN                    string                     `json:"arn"`
	Name                   string                     `json:"name"`
	EngineType             api.EngineType             `json:"engineType"`
	EngineVersion          string                     `json:"engineVersion"`
	AuthenticationStrategy api.AuthenticationStrategy `json:"authenticationStrategy"`
	Created                time.Time                  `json:"created"`
	Tags                   map[string]string          `json:"tags"`
	Revisions              []revision                 `json:"revisions"`

	indexed bool // in configOrder; not saved
}

type revision struct {
	Revision    int32     `json:"revision"`
	Created     time.Time `json:"created"`
	Description string    `json:"description,omitempty"`
	Data        string    `json:"data"` // base64, as sent
}

func (c *configuration) latest() *revision { return &c.Revisions[len(c.Revisions)-1] }

// revision returns revision n, or nil.
func (c *configuration) revision(n int32) *revision {
	if n < 1 || int(n) > len(c.Revisions) {
		return nil
	}
	return &c.Revisions[n-1]
}

// settle completes every transition whose time has come: creations and
// reboots finish (a reboot applies the pending changes) and deletions remove
// the broker. It reports whether anything changed. It pops the due heap, so
// it costs O(log n) per transition, not a walk over the brokers.
func (s *state) settle(now time.Time) bool {
	s.refresh()
	changed := false
	var held []dueEntry
	for len(s.due) > 0 && !now.Before(s.due[0].at) {
		e := heap.Pop(&s.due).(dueEntry)
		b := s.brokers[e.id]
		if b == nil || b.Phase == phaseRunning || !b.Until.Equal(e.at) {
			continue // stale: the broker moved on since
		}
		if s.hold != nil && s.hold(b) {
			held = append(held, e)
			continue
		}
		changed = true
		s.markBroker(b)
		b.idx.dueAt = time.Time{}
		switch b.Phase {
		case phaseCreating:
			b.Phase = phaseRunning
		case phaseRebooting:
			b.Phase = phaseRunning
			b.applyPending()
		case phaseDeleting:
			s.unindexBroker(b)
			delete(s.brokers, b.ID)
			if s.tokens[b.CreatorRequestID] == b.ID {
				delete(s.tokens, b.CreatorRequestID)
				s.dirtyTokens[b.CreatorRequestID] = struct{}{}
			}
		}
		b.Until = time.Time{}
	}
	for _, e := range held {
		heap.Push(&s.due, e)
	}
	if changed {
		s.refresh()
	}
	return changed
}

// state returns the BrokerState to report.
func (b *broker) state() api.BrokerState {
	switch b.Phase {
	case phaseCreating:
		return api.BrokerStateCreationInProgress
	case phaseRebooting:
		return api.BrokerStateRebootInProgress
	case phaseDeleting:
		return api.BrokerStateDeletionInProgress
	}
	if b.Replication != nil && b.Replication.DataReplicationRole == roleReplica {
		return api.BrokerStateReplica
	}
	return api.BrokerStateRunning
}

// applyPending applies what UpdateBroker and the user operations left for
// the reboot.
func (b *broker) applyPending() {
	p := b.Pending
	if p.EngineVersion != "" {
		b.EngineVersion = p.EngineVersion
	}
	if p.HostInstanceType != "" {
		b.HostInstanceType = p.HostInstanceType
	}
	if p.SecurityGroups != nil {
		b.SecurityGroups = p.SecurityGroups
	}
	if p.StorageSize != 0 {
		b.StorageSize = p.StorageSize
	}
	if p.ResourceShareARNs != nil {
		b.ResourceShareARNs = p.ResourceShareARNs
	}
	if p.AuthenticationStrategy != "" {
		b.AuthenticationStrategy = p.AuthenticationStrategy
	}
	if p.Ldap != nil {
		b.Ldap = p.Ldap
	}
	if p.Logs != nil {
		if p.Logs.General != nil {
			b.LogsGeneral = *p.Logs.General
		}
		if p.Logs.Audit != nil {
			b.LogsAudit = p.Logs.Audit
		}
	}
	if p.Configuration != nil {
		if b.Current != nil {
			b.History = append(b.History, *b.Current)
		}
		c := *p.Configuration
		b.Current = &c
	}
	if p.DataReplicationMode != "" {
		b.DataReplicationMode = p.DataReplicationMode
		b.Replication = p.Replication
	}
	b.Pending = pendingChanges{}
	for name, u := range b.Users {
		switch u.Change {
		case api.ChangeTypeCreate, api.ChangeTypeUpdate:
			u.Current, u.Next, u.Change = u.Next, nil, ""
		case api.ChangeTypeDelete:
			delete(b.Users, name)
		}
	}
}

// nextSeq returns the next creation number.
func (s *state) nextSeq() uint64 {
	s.seq++
	return s.seq
}
