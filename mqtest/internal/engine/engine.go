// Package engine runs real message brokers — RabbitMQ and ActiveMQ from
// their Debian packages — as local processes behind the mqtest emulator:
// one engine per broker, each in its own directory, on free loopback ports,
// with TLS certificates from a CA made in memory.
package engine

import (
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"time"
)

// Kinds of engine.
const (
	RabbitMQ = "RABBITMQ"
	ActiveMQ = "ACTIVEMQ"
)

// Defaults of the Options.
const (
	DefaultRabbitMQDir    = "/usr/lib/rabbitmq"
	DefaultActiveMQDir    = "/usr/share/activemq"
	DefaultJVMHeap        = "256m"
	DefaultMQTTJar        = "/usr/share/java/mqtt-client.jar"
	DefaultRabbitMQMemory = "256MiB"
	// ReadyTimeout is how long an engine may take to accept connections
	// before it is reported as failed.
	ReadyTimeout = 3 * time.Minute
)

// Options says where the engines are installed and how they run.
type Options struct {
	// RabbitMQDir is the RabbitMQ installation, holding bin/rabbitmq-server
	// (default /usr/lib/rabbitmq, Debian's rabbitmq-server package).
	RabbitMQDir string
	// ActiveMQDir is the ActiveMQ installation, holding bin/activemq.jar
	// (default /usr/share/activemq, Debian's activemq package).
	ActiveMQDir string
	// Java is the java command for ActiveMQ (default: java on PATH).
	Java string
	// MQTTJar is the FuseSource MQTT codec ActiveMQ's MQTT transport needs,
	// which Debian's activemq package lacks (default
	// /usr/share/java/mqtt-client.jar, package libmqtt-client-java).
	MQTTJar string
	// DataDir holds one directory per broker; empty means a temporary
	// directory removed by Close.
	DataDir string
	// JVMHeap is ActiveMQ's -Xmx (default 256m).
	JVMHeap string
	// RabbitMQMemory is RabbitMQ's vm_memory_high_watermark.absolute
	// (default 256MiB).
	RabbitMQMemory string
	// Log receives progress and failures (engine started, ready, exited).
	Log func(msg string, args ...any)
}

// User is a broker user as the engine should know it. Its password comes
// from the Manager's password store, not from the caller.
type User struct {
	Name    string
	Groups  []string
	Console bool
}

// Spec is what an engine runs with: its users and the configuration
// revision's data (rabbitmq.conf text or ActiveMQ <broker> XML).
type Spec struct {
	Kind   string
	Users  []User
	Config []byte
	// Reboot applies the passwords of pending user changes (CreateUser,
	// UpdateUser), as a reboot applies every pending change.
	Reboot bool
}

// Manager runs the engines of one emulator.
type Manager struct {
	opts    Options
	ca      *CA
	tempDir bool
	epmd    *epmd

	mu       sync.Mutex
	engines  map[string]*instance
	removing map[string]chan struct{} // closed when the removal is done
	closed   bool
	wg       sync.WaitGroup
}

// instance is one broker's engine.
type instance struct {
	id    string
	kind  string
	dir   string
	ports map[string]int

	// guarded by Manager.mu
	gen      int       // bumped by every start and stop
	proc     *proc     // nil when stopped
	ready    bool      // accepting connections
	stopping bool      // stop requested
	stopped  bool      // stop done
	err      error     // the last start's failure
	started  time.Time // when the current process was started
}

// New checks the installations and makes the CA. It fails, naming what to
// install, when RabbitMQ, ActiveMQ or Java is missing.
func New(o Options) (*Manager, error) {
	if o.RabbitMQDir == "" {
		o.RabbitMQDir = DefaultRabbitMQDir
	}
	if o.ActiveMQDir == "" {
		o.ActiveMQDir = DefaultActiveMQDir
	}
	if o.MQTTJar == "" {
		o.MQTTJar = DefaultMQTTJar
	}
	if o.JVMHeap == "" {
		o.JVMHeap = DefaultJVMHeap
	}
	if o.RabbitMQMemory == "" {
		o.RabbitMQMemory = DefaultRabbitMQMemory
	}
	if o.Log == nil {
		o.Log = func(string, ...any) {}
	}
	if err := Check(&o); err != nil {
		return nil, err
	}
	ca, err := NewCA()
	if err != nil {
		return nil, err
	}
	m := &Manager{opts: o, ca: ca, engines: map[string]*instance{}, removing: map[string]chan struct{}{}}
	if m.opts.DataDir == "" {
		d, err := os.MkdirTemp("", "mqtest-engines-")
		if err != nil {
			return nil, err
		}
		m.opts.DataDir, m.tempDir = d, true
	} else if err := os.MkdirAll(m.opts.DataDir, 0o700); err != nil {
		return nil, err
	}
	if m.opts.DataDir, err = filepath.Abs(m.opts.DataDir); err != nil {
		return nil, err
	}
	return m, nil
}

// CA returns the CA that signs the engines' certificates.
func (m *Manager) CA() *CA { return m.ca }

// Versions returns the installed engines' versions, by kind.
func (m *Manager) Versions() map[string]string {
	return map[string]string{RabbitMQ: rabbitVersion(m.opts.RabbitMQDir), ActiveMQ: activemqVersion(m.opts.ActiveMQDir)}
}

// Dir returns the data directory of broker id's engine.
func (m *Manager) Dir(id string) string { return filepath.Join(m.opts.DataDir, id) }

// Start (re)starts the engine of broker id with s, in the background:
// a running engine is stopped first, keeping its data. Ready reports when
// it accepts connections.
func (m *Manager) Start(id string, s Spec) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return
	}
	in := m.engines[id]
	if in == nil {
		in = &instance{id: id, kind: s.Kind, dir: m.Dir(id)}
		m.engines[id] = in
	}
	in.gen++
	gen, old := in.gen, in.proc
	in.ready, in.stopping, in.stopped, in.err = false, false, false, nil
	pw := m.resolvePasswords(in, s.Users, s.Reboot)
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		if old != nil {
			old.stop(30 * time.Second)
		}
		m.run(in, gen, s, pw)
	}()
}

// run starts the engine process and waits until it accepts connections.
func (m *Manager) run(in *instance, gen int, s Spec, pw map[string]string) {
	fail := func(err error) {
		m.mu.Lock()
		if in.gen == gen {
			in.err = err
		}
		m.mu.Unlock()
		m.opts.Log("mqtest engine failed", "broker", in.id, "engine", in.kind, "err", err)
	}
	if err := os.MkdirAll(in.dir, 0o700); err != nil {
		fail(err)
		return
	}
	if err := m.loadPorts(in); err != nil {
		fail(err)
		return
	}
	var p *proc
	var err error
	switch in.kind {
	case RabbitMQ:
		p, err = m.startRabbit(in, s, pw)
	case ActiveMQ:
		p, err = m.startActiveMQ(in, s, pw)
	default:
		err = fmt.Errorf("engine: unknown engine type %q", in.kind)
	}
	if err != nil {
		fail(err)
		return
	}
	start := time.Now()
	m.mu.Lock()
	if in.gen != gen || m.closed { // stopped or restarted meanwhile
		m.mu.Unlock()
		p.stop(30 * time.Second)
		return
	}
	in.proc, in.started = p, start
	m.mu.Unlock()
	m.opts.Log("mqtest engine starting", "broker", in.id, "engine", in.kind, "pid", p.cmd.Process.Pid, "dir", in.dir)

	probes := m.probeAddrs(in)
	deadline := time.Now().Add(ReadyTimeout)
	for {
		if p.exited() {
			fail(p.errExited(in.kind, filepath.Join(in.dir, "engine.log")))
			return
		}
		m.mu.Lock()
		cur := in.gen == gen
		m.mu.Unlock()
		if !cur {
			return
		}
		for len(probes) > 0 && m.handshake(probes[0]) {
			probes = probes[1:]
		}
		if len(probes) == 0 {
			break
		}
		if time.Now().After(deadline) {
			fail(fmt.Errorf("engine: %s did not accept connections on %s within %v", in.kind, probes[0], ReadyTimeout))
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	took := time.Since(start)
	m.mu.Lock()
	if in.gen == gen {
		in.ready = true
	}
	m.mu.Unlock()
	m.opts.Log("mqtest engine ready", "broker", in.id, "engine", in.kind, "startup", took.Round(time.Millisecond).String(),
		"rssMiB", RSS(p.cmd.Process.Pid)>>20)
}

// handshake reports whether a TLS handshake with addr, verifying the
// engine's certificate against the CA, succeeds.
func (m *Manager) handshake(addr string) bool {
	d := &net.Dialer{Timeout: time.Second}
	c, err := tls.DialWithDialer(d, "tcp", addr, &tls.Config{RootCAs: m.ca.Pool(), ServerName: "127.0.0.1"})
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// Ready reports whether broker id's engine accepts connections.
func (m *Manager) Ready(id string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	in := m.engines[id]
	return in != nil && in.ready
}

// Err returns why broker id's engine failed to start, or nil.
func (m *Manager) Err(id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if in := m.engines[id]; in != nil {
		return in.err
	}
	return nil
}

// Known reports whether the Manager has an engine (running or not) for id.
func (m *Manager) Known(id string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.engines[id] != nil
}

// Stop stops broker id's engine in the background, keeping its data;
// Stopped reports when it is done.
func (m *Manager) Stop(id string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	in := m.engines[id]
	if in == nil || in.stopping {
		return
	}
	in.gen++
	gen, p := in.gen, in.proc
	in.proc, in.ready, in.stopping = nil, false, true
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		if p != nil {
			p.stop(30 * time.Second)
		}
		m.mu.Lock()
		if in.gen == gen {
			in.stopped = true
		}
		m.mu.Unlock()
	}()
}

// Stopped reports whether broker id's engine is stopped (or unknown).
func (m *Manager) Stopped(id string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	in := m.engines[id]
	return in == nil || in.stopped
}

// Remove stops broker id's engine and deletes its data directory (at once
// when the Manager runs no engine for id).
func (m *Manager) Remove(id string) {
	m.mu.Lock()
	in := m.engines[id]
	if in == nil {
		m.mu.Unlock()
		if m.removing[id] == nil {
			_ = os.RemoveAll(m.Dir(id))
		}
		return
	}
	delete(m.engines, id)
	in.gen++
	p := in.proc
	done := make(chan struct{})
	m.removing[id] = done
	m.wg.Add(1)
	m.mu.Unlock()
	go func() {
		defer m.wg.Done()
		if p != nil {
			p.stop(30 * time.Second)
		}
		_ = os.RemoveAll(m.Dir(id))
		m.mu.Lock()
		if m.removing[id] == done {
			delete(m.removing, id)
		}
		m.mu.Unlock()
		close(done)
	}()
}

// WaitRemoved waits until a Remove of broker id is done.
func (m *Manager) WaitRemoved(id string) {
	m.mu.Lock()
	done := m.removing[id]
	m.mu.Unlock()
	if done != nil {
		<-done
	}
}

// IDs returns the brokers the Manager has engines for.
func (m *Manager) IDs() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	ids := make([]string, 0, len(m.engines))
	for id := range m.engines {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Endpoint is one listener of an engine.
type Endpoint struct {
	Scheme string // amqps, ssl, stomp+ssl, mqtt+ssl, https (console)
	Port   int
}

// URL returns the endpoint's URL on 127.0.0.1.
func (e Endpoint) URL() string { return e.Scheme + "://127.0.0.1:" + strconv.Itoa(e.Port) }

// Endpoints returns broker id's endpoints in Amazon MQ's order and its
// console URL ("" when the engine has none), or ok false when the engine
// is unknown or its ports are not chosen yet.
func (m *Manager) Endpoints(id string) (eps []string, console string, ok bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	in := m.engines[id]
	if in == nil || in.ports == nil {
		return nil, "", false
	}
	for _, e := range endpointsOf(in.kind, in.ports) {
		if e.Scheme == "https" {
			console = e.URL()
			continue
		}
		eps = append(eps, e.URL())
	}
	return eps, console, true
}

// Close stops every engine (keeping their data unless the data directory
// is temporary) and waits for them.
func (m *Manager) Close() {
	m.mu.Lock()
	m.closed = true
	var ps []*proc
	for _, in := range m.engines {
		in.gen++
		if in.proc != nil {
			ps = append(ps, in.proc)
			in.proc, in.ready = nil, false
		}
	}
	m.mu.Unlock()
	var wg sync.WaitGroup
	for _, p := range ps {
		wg.Go(func() { p.stop(30 * time.Second) })
	}
	wg.Wait()
	m.wg.Wait()
	if m.epmd != nil {
		m.epmd.p.stop(5 * time.Second)
	}
	if m.tempDir {
		_ = os.RemoveAll(m.opts.DataDir)
	}
}

// loadPorts reads the engine's ports from its directory, or picks free ones
// and writes them there, so a restarted engine keeps its endpoints.
func (m *Manager) loadPorts(in *instance) error {
	m.mu.Lock()
	have := in.ports != nil
	m.mu.Unlock()
	if have {
		return nil
	}
	path := filepath.Join(in.dir, "ports.json")
	ports := map[string]int{}
	if b, err := os.ReadFile(path); err == nil {
		if err := json.Unmarshal(b, &ports); err != nil {
			return fmt.Errorf("engine: %s: %w", path, err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for _, name := range portNames(in.kind) {
		if ports[name] != 0 {
			continue
		}
		p, err := FreePort()
		if err != nil {
			return err
		}
		ports[name] = p
	}
	b, _ := json.Marshal(ports)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return err
	}
	m.mu.Lock()
	in.ports = ports
	m.mu.Unlock()
	return nil
}

// FreePort returns a TCP port free on 127.0.0.1 at the time of the call.
func FreePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// portNames lists the ports an engine of kind listens on.
func portNames(kind string) []string {
	if kind == RabbitMQ {
		return []string{"amqps", "https", "dist"}
	}
	return []string{"ssl", "stomp+ssl", "mqtt+ssl"}
}

// endpointsOf returns the client endpoints of an engine of kind.
func endpointsOf(kind string, ports map[string]int) []Endpoint {
	var out []Endpoint
	for _, n := range portNames(kind) {
		if n == "dist" {
			continue
		}
		out = append(out, Endpoint{Scheme: n, Port: ports[n]})
	}
	return out
}

// probeAddrs are the addresses whose TLS handshakes show the engine is
// ready: every endpoint's, the console's included.
func (m *Manager) probeAddrs(in *instance) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for _, e := range endpointsOf(in.kind, in.ports) {
		out = append(out, "127.0.0.1:"+strconv.Itoa(e.Port))
	}
	return out
}

// writeFile writes a file of the engine's directory, readable by the
// emulator's user only.
func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o600)
}

// sortedUsers returns the users by name.
func sortedUsers(us []User) []User {
	out := slices.Clone(us)
	slices.SortFunc(out, func(a, b User) int {
		switch {
		case a.Name < b.Name:
			return -1
		case a.Name > b.Name:
			return 1
		}
		return 0
	})
	return out
}

// RSS returns the resident memory of broker id's engine, in bytes.
func (m *Manager) RSS(id string) int64 {
	m.mu.Lock()
	in := m.engines[id]
	var pid int
	if in != nil && in.proc != nil {
		pid = in.proc.cmd.Process.Pid
	}
	m.mu.Unlock()
	if pid == 0 {
		return 0
	}
	return RSS(pid)
}
