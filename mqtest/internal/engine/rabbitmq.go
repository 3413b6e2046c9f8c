package engine

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// epmd is the Erlang port mapper the Manager runs for its RabbitMQ nodes,
// on a port of its own, as a child process (epmd started by erl would
// daemonize and outlive the emulator).
type epmd struct {
	port int
	p    *proc
}

// ensureEpmd starts the Manager's epmd if it is not running.
func (m *Manager) ensureEpmd() (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.epmd != nil && !m.epmd.p.exited() {
		return m.epmd.port, nil
	}
	port, err := FreePort()
	if err != nil {
		return 0, err
	}
	bin, err := exec.LookPath("epmd")
	if err != nil {
		return 0, &MissingError{Parts: []Missing{{What: "epmd (Erlang)", Path: "epmd on PATH", Package: "rabbitmq-server"}}}
	}
	cmd := exec.Command(bin, "-port", strconv.Itoa(port), "-address", "127.0.0.1")
	cmd.Env = m.baseEnv()
	p, err := startProc(cmd, filepath.Join(m.opts.DataDir, "epmd.log"))
	if err != nil {
		return 0, err
	}
	m.epmd = &epmd{port: port, p: p}
	// epmd listens at once; give it a moment before erl registers.
	for range 50 {
		if c, err := dialTCP(port); err == nil {
			c.Close()
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	return port, nil
}

// rabbitOwned are the rabbitmq.conf keys (and key prefixes, ending in ".")
// the emulator sets itself: a configuration revision cannot change them.
var rabbitOwned = []string{
	"listeners.", "ssl_options.", "default_user", "default_pass", "default_vhost",
	"default_permissions.", "default_user_tags.", "loopback_users", "log.file", "log.dir",
	"management.", "cluster_formation.", "cluster_name",
}

func rabbitOwnedKey(k string) bool {
	for _, o := range rabbitOwned {
		if k == o || strings.HasSuffix(o, ".") && strings.HasPrefix(k, o) {
			return true
		}
	}
	return false
}

// RabbitConf returns the rabbitmq.conf of an engine: the emulator's lines
// (the TLS listener on port and the management console's on console, with
// the engine's certificate in dir, the administrator's tags and
// permissions, the memory watermark), with a configuration revision's
// lines merged in: a revision line replaces the emulator's default of the
// same key, except for the keys the emulator owns, which it drops.
func RabbitConf(dir string, port, console int, memory string, revision []byte) string {
	type kv struct{ k, v string }
	lines := []kv{
		{"listeners.tcp", "none"},
		{"listeners.ssl.default", "127.0.0.1:" + strconv.Itoa(port)},
		{"ssl_options.cacertfile", filepath.Join(dir, "tls", "ca.pem")},
		{"ssl_options.certfile", filepath.Join(dir, "tls", "cert.pem")},
		{"ssl_options.keyfile", filepath.Join(dir, "tls", "key.pem")},
		{"ssl_options.verify", "verify_none"},
		{"ssl_options.fail_if_no_peer_cert", "false"},
		{"loopback_users", "none"},
		{"default_vhost", "/"},
		{"default_user_tags.administrator", "true"},
		{"default_permissions.configure", ".*"},
		{"default_permissions.read", ".*"},
		{"default_permissions.write", ".*"},
		{"management.ssl.ip", "127.0.0.1"},
		{"management.ssl.port", strconv.Itoa(console)},
		{"management.ssl.cacertfile", filepath.Join(dir, "tls", "ca.pem")},
		{"management.ssl.certfile", filepath.Join(dir, "tls", "cert.pem")},
		{"management.ssl.keyfile", filepath.Join(dir, "tls", "key.pem")},
		{"management_agent.disable_metrics_collector", "true"},
		{"log.file.level", "info"},
		{"vm_memory_high_watermark.absolute", memory},
	}
	sc := bufio.NewScanner(bytes.NewReader(revision))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if rabbitOwnedKey(k) {
			continue
		}
		replaced := false
		for i := range lines {
			if lines[i].k == k {
				lines[i].v, replaced = v, true
			}
		}
		if !replaced {
			lines = append(lines, kv{k, v})
		}
	}
	var b strings.Builder
	b.WriteString("# Written by mqtest: the emulator's settings, then the configuration revision's.\n")
	for _, l := range lines {
		if strings.ContainsAny(l.v, "\n\r") {
			continue
		}
		fmt.Fprintf(&b, "%s = %s\n", l.k, l.v)
	}
	return b.String()
}

// RabbitAdvanced returns the engine's advanced.config: the administrator
// and its password as Erlang binaries, which take any character a
// password may hold (rabbitmq.conf values cannot).
func RabbitAdvanced(admin, password string) string {
	return "[{rabbit, [{default_user, " + erlBinary(admin) + "}, {default_pass, " + erlBinary(password) + "}]}].\n"
}

// erlBinary quotes s as an Erlang UTF-8 binary literal.
func erlBinary(s string) string {
	var b strings.Builder
	b.WriteString(`<<"`)
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\x{%x}", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString(`"/utf8>>`)
	return b.String()
}

// nodeName is the Erlang node name of broker id's RabbitMQ, the same at
// every start so that its database (mnesia) is found again.
func nodeName(id string) string {
	s := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, strings.ToLower(id))
	return "mqtest" + s + "@localhost"
}

// startRabbit writes the engine's files and starts rabbitmq-server.
func (m *Manager) startRabbit(in *instance, s Spec, pw map[string]string) (*proc, error) {
	epmdPort, err := m.ensureEpmd()
	if err != nil {
		return nil, err
	}
	if err := m.writeTLS(in.dir); err != nil {
		return nil, err
	}
	var admin string
	for _, u := range sortedUsers(s.Users) {
		admin = u.Name
		break
	}
	m.mu.Lock()
	port, dist, console := in.ports["amqps"], in.ports["dist"], in.ports["https"]
	m.mu.Unlock()
	conf := RabbitConf(in.dir, port, console, m.opts.RabbitMQMemory, s.Config)
	if err := writeFile(filepath.Join(in.dir, "rabbitmq.conf"), []byte(conf)); err != nil {
		return nil, err
	}
	if err := writeFile(filepath.Join(in.dir, "advanced.config"), []byte(RabbitAdvanced(admin, pw[admin]))); err != nil {
		return nil, err
	}
	if err := writeFile(filepath.Join(in.dir, "enabled_plugins"), []byte("[rabbitmq_management].\n")); err != nil {
		return nil, err
	}
	if err := writeFile(filepath.Join(in.dir, "rabbitmq-env.conf"), nil); err != nil {
		return nil, err
	}
	cookie := filepath.Join(in.dir, ".erlang.cookie")
	if !isFile(cookie) {
		var b [20]byte
		_, _ = rand.Read(b[:])
		if err := os.WriteFile(cookie, []byte(strings.ToUpper(hex.EncodeToString(b[:]))), 0o400); err != nil {
			return nil, err
		}
	}
	cmd := exec.Command(filepath.Join(m.opts.RabbitMQDir, "bin", "rabbitmq-server"))
	cmd.Dir = in.dir
	cmd.Env = append(m.baseEnv(),
		"HOME="+in.dir,
		"RUNNING_UNDER_SYSTEMD=true", // the script execs erl instead of waiting on it
		"RABBITMQ_NODENAME="+nodeName(in.id),
		"RABBITMQ_USE_LONGNAME=false",
		"RABBITMQ_DIST_PORT="+strconv.Itoa(dist),
		"ERL_EPMD_PORT="+strconv.Itoa(epmdPort),
		"ERL_EPMD_ADDRESS=127.0.0.1",
		// No epmd of its own; no busy-waiting schedulers on shared cores.
		"RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-start_epmd false +sbwt none +sbwtdcpu none +sbwtdio none",
		"RABBITMQ_CONF_ENV_FILE="+filepath.Join(in.dir, "rabbitmq-env.conf"),
		"RABBITMQ_CONFIG_FILE="+filepath.Join(in.dir, "rabbitmq.conf"),
		"RABBITMQ_ADVANCED_CONFIG_FILE="+filepath.Join(in.dir, "advanced.config"),
		"RABBITMQ_ENABLED_PLUGINS_FILE="+filepath.Join(in.dir, "enabled_plugins"),
		"RABBITMQ_MNESIA_BASE="+filepath.Join(in.dir, "mnesia"),
		"RABBITMQ_LOG_BASE="+filepath.Join(in.dir, "log"),
		"RABBITMQ_LOGS="+filepath.Join(in.dir, "log", "rabbit.log"),
		"RABBITMQ_PID_FILE="+filepath.Join(in.dir, "rabbit.pid"),
	)
	return startProc(cmd, filepath.Join(in.dir, "engine.log"))
}

// baseEnv is the environment an engine starts with: the emulator's PATH
// and locale, nothing else of its environment (no credentials), and
// MQTEST_ENGINES, the Manager's data directory, which marks the processes
// of its engines.
func (m *Manager) baseEnv() []string {
	env := []string{"MQTEST_ENGINES=" + m.opts.DataDir}
	for _, k := range []string{"PATH", "LANG", "LC_ALL", "TMPDIR", "JAVA_HOME"} {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	return env
}

// writeTLS writes the CA certificate and a fresh server certificate and
// key into dir/tls.
func (m *Manager) writeTLS(dir string) error {
	leaf, err := m.ca.Issue("mqtest engine")
	if err != nil {
		return err
	}
	for name, data := range map[string][]byte{"ca.pem": m.ca.PEM(), "cert.pem": leaf.CertPEM, "key.pem": leaf.KeyPEM} {
		if err := writeFile(filepath.Join(dir, "tls", name), data); err != nil {
			return err
		}
	}
	return nil
}
