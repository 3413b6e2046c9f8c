package mqtest

import (
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"slices"
	"time"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/mqtest/internal/engine"
)

// EngineOptions configures the real brokers of [WithEngines]. The zero
// value uses Debian's packages: RabbitMQ from rabbitmq-server in
// /usr/lib/rabbitmq, ActiveMQ from activemq in /usr/share/activemq, java
// and epmd on PATH, data in a temporary directory removed when the
// emulator closes.
type EngineOptions struct {
	// RabbitMQDir is the RabbitMQ installation, holding bin/rabbitmq-server.
	RabbitMQDir string
	// ActiveMQDir is the ActiveMQ installation, holding bin/activemq.jar.
	ActiveMQDir string
	// Java is the java command that runs ActiveMQ (default "java").
	Java string
	// MQTTJar is the FuseSource MQTT codec that ActiveMQ's MQTT transport
	// needs and Debian's activemq lacks (default
	// /usr/share/java/mqtt-client.jar, Debian's libmqtt-client-java).
	MQTTJar string
	// DataDir holds one directory per broker, kept when the emulator
	// closes (so that a [WithStateFile] emulator restarts its engines with
	// their data); empty means a temporary directory.
	DataDir string
	// JVMHeap is ActiveMQ's maximum heap, as java's -Xmx takes it
	// (default "256m").
	JVMHeap string
	// RabbitMQMemory is RabbitMQ's vm_memory_high_watermark.absolute
	// (default "256MiB").
	RabbitMQMemory string
}

// WithEngines backs every broker with a real engine: RabbitMQ for
// RABBITMQ brokers and ActiveMQ for ACTIVEMQ ones, each a local process in
// its own directory, on free loopback ports, with TLS certificates signed
// by a CA the emulator makes ([Handler.EngineCA]). A broker is RUNNING only
// once its engine accepts connections; DescribeBroker lists the engine's
// real endpoints. Users and configuration revisions are applied to the
// engine when the broker is created and at RebootBroker, as Amazon MQ
// applies them. [NewHandlerE] fails, naming the package to install, when
// an engine is not installed. See the package documentation for what is
// real and what is simplified.
func WithEngines(o EngineOptions) Option {
	return func(c *config) { c.engines = &o }
}

// engines is the Handler's side of WithEngines.
type engines struct {
	m *engine.Manager
}

// openEngines starts the engine manager of WithEngines and, for a state
// loaded from a file, the engines of its brokers, waiting until those of
// RUNNING brokers accept connections.
func (h *Handler) openEngines() error {
	o := h.cfg.engines
	if o == nil {
		return nil
	}
	m, err := engine.New(engine.Options{
		RabbitMQDir: o.RabbitMQDir, ActiveMQDir: o.ActiveMQDir, Java: o.Java, MQTTJar: o.MQTTJar, DataDir: o.DataDir,
		JVMHeap: o.JVMHeap, RabbitMQMemory: o.RabbitMQMemory,
		Log: func(msg string, args ...any) { h.log.Info(msg, args...) },
	})
	if err != nil {
		return err
	}
	h.eng = &engines{m: m}
	h.st.hold = h.engineHold
	v := m.Versions()
	h.log.Info("mqtest engines", "rabbitmq", v[engine.RabbitMQ], "activemq", v[engine.ActiveMQ], "dir", m.Dir(""))
	var running []string
	for _, b := range h.st.sortedBrokers() {
		if b.Phase == phaseDeleting { // its engine was stopped; its data goes
			m.Remove(b.ID)
			continue
		}
		m.Start(b.ID, h.engineSpec(b, b.Phase == phaseRebooting, b.Phase == phaseRebooting))
		if b.Phase == phaseRunning {
			running = append(running, b.ID)
		}
	}
	deadline := time.Now().Add(engine.ReadyTimeout)
	for _, id := range running {
		for !m.Ready(id) {
			if err := m.Err(id); err != nil {
				m.Close()
				return fmt.Errorf("mqtest: restarting the engine of broker %s: %w", id, err)
			}
			if time.Now().After(deadline) {
				m.Close()
				return fmt.Errorf("mqtest: the engine of broker %s did not start within %v", id, engine.ReadyTimeout)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	return nil
}

// closeEngines stops every engine.
func (h *Handler) closeEngines() {
	if h.eng != nil {
		h.eng.m.Close()
	}
}

// CloseEngines stops every engine of a Handler made with [WithEngines] and
// waits for them; [Server.Close] calls it. A program that mounts the
// Handler in a server of its own calls it when it stops serving. It is
// safe to call more than once.
func (h *Handler) CloseEngines() { h.closeEngines() }

// EngineCA returns the pool holding the CA certificate that signs the
// engines' TLS certificates, or nil without [WithEngines].
func (h *Handler) EngineCA() *x509.CertPool {
	if h.eng == nil {
		return nil
	}
	return h.eng.m.CA().Pool()
}

// EngineCAPEM returns the engines' CA certificate, PEM-encoded, or nil
// without [WithEngines].
func (h *Handler) EngineCAPEM() []byte {
	if h.eng == nil {
		return nil
	}
	return h.eng.m.CA().PEM()
}

// EngineVersions returns the versions of the installed engines by engine
// type ("RABBITMQ", "ACTIVEMQ"), which may differ from the EngineVersion a
// broker reports (the API's catalog), or nil without [WithEngines].
func (h *Handler) EngineVersions() map[string]string {
	if h.eng == nil {
		return nil
	}
	return h.eng.m.Versions()
}

// EngineDir returns the data directory of the broker's engine, or "".
func (h *Handler) EngineDir(brokerID string) string {
	if h.eng == nil {
		return ""
	}
	return h.eng.m.Dir(brokerID)
}

// engineHold is the state's hold (state.hold): a broker's due transition
// waits while its engine is not there yet: a created or rebooted broker
// stays in progress until its engine accepts connections, a deleted one
// until its engine has stopped.
func (h *Handler) engineHold(b *broker) bool {
	switch b.Phase {
	case phaseCreating, phaseRebooting:
		return !h.eng.m.Ready(b.ID)
	case phaseDeleting:
		return !h.eng.m.Stopped(b.ID)
	}
	return false
}

// syncEngines applies a request that succeeded to the engines: it records
// the passwords of new users, starts the engine of a new broker, restarts
// that of a rebooted one, stops that of a broker being deleted and removes
// those of deleted brokers. Called with h.mu held.
func (h *Handler) syncEngines(c *call, out any) {
	if h.eng == nil {
		return
	}
	m := h.eng.m
	switch in := c.in.(type) {
	case *api.CreateBrokerInput:
		o, _ := out.(*api.CreateBrokerOutput)
		if b := h.st.brokers[o.BrokerID]; b != nil && !m.Known(b.ID) {
			for _, u := range in.Users {
				h.logEngineErr(b.ID, m.SetPassword(b.ID, u.Username, u.Password, false))
			}
			m.Start(b.ID, h.engineSpec(b, false, false))
			if b.Phase == phaseRunning { // no creation delay: wait for the engine
				b.Phase, b.Until = phaseCreating, c.now
				h.st.markBroker(b)
			}
		}
	case *api.CreateUserInput:
		h.logEngineErr(in.BrokerID, m.SetPassword(in.BrokerID, in.Username, in.Password, true))
	case *api.UpdateUserInput:
		h.logEngineErr(in.BrokerID, m.SetPassword(in.BrokerID, in.Username, in.Password, true))
	case *api.RebootBrokerInput:
		if b := h.st.brokers[in.BrokerID]; b != nil {
			// Without a reboot delay the pending changes are applied already.
			m.Start(b.ID, h.engineSpec(b, b.Phase == phaseRebooting, true))
			if b.Phase == phaseRunning { // no reboot delay: wait for the engine
				b.Phase, b.Until = phaseRebooting, c.now
				h.st.markBroker(b)
			}
		}
	case *api.DeleteBrokerInput:
		if h.st.brokers[in.BrokerID] == nil { // no deletion delay: gone already
			m.Remove(in.BrokerID)
			m.WaitRemoved(in.BrokerID)
		}
	}
	for _, b := range h.st.brokers {
		if b.Phase == phaseDeleting {
			m.Stop(b.ID)
		}
	}
	for _, id := range m.IDs() {
		if h.st.brokers[id] == nil {
			m.Remove(id)
		}
	}
}

func (h *Handler) logEngineErr(id string, err error) {
	if err != nil {
		h.log.Error("mqtest engine", "broker", id, "err", err)
	}
}

// engineSpec is what broker b's engine runs with: its users and its
// configuration revision, as they are now or, when afterReboot, as the
// next reboot leaves them (the pending changes applied); reboot says the
// start is a reboot, which applies pending passwords.
func (h *Handler) engineSpec(b *broker, afterReboot, reboot bool) engine.Spec {
	s := engine.Spec{Kind: string(b.EngineType), Reboot: reboot}
	for _, u := range b.Users {
		attrs := u.Current
		if afterReboot {
			switch u.Change {
			case api.ChangeTypeCreate, api.ChangeTypeUpdate:
				attrs = u.Next
			case api.ChangeTypeDelete:
				attrs = nil
			}
		}
		if attrs == nil {
			continue
		}
		s.Users = append(s.Users, engine.User{Name: u.Username, Groups: slices.Clone(attrs.Groups), Console: attrs.ConsoleAccess})
	}
	ref := b.Current
	if afterReboot && b.Pending.Configuration != nil {
		ref = b.Pending.Configuration
	}
	if ref != nil {
		if cfg := h.st.configs[ref.ID]; cfg != nil {
			if rev := cfg.revision(ref.Revision); rev != nil {
				if data, err := base64.StdEncoding.DecodeString(rev.Data); err == nil {
					s.Config = data
				}
			}
		}
	}
	return s
}

// engineInstances returns the instance of broker b with its engine's real
// endpoints, or nil without engines. Called with h.mu held.
func (h *Handler) engineInstances(b *broker) []api.BrokerInstance {
	if h.eng == nil {
		return nil
	}
	eps, console, ok := h.eng.m.Endpoints(b.ID)
	if !ok {
		return []api.BrokerInstance{}
	}
	return []api.BrokerInstance{{ConsoleURL: console, Endpoints: eps, IPAddress: "127.0.0.1"}}
}

// EngineRSS returns the resident memory, in bytes, of the broker's engine
// process and its children (0 when not running or unknown).
func (h *Handler) EngineRSS(brokerID string) int64 {
	if h.eng == nil {
		return 0
	}
	return h.eng.m.RSS(brokerID)
}
