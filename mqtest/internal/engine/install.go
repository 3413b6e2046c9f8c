package engine

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
)

// Missing is one part of the engines' installations that is not there.
type Missing struct {
	What    string // "RabbitMQ", "ActiveMQ", "Java", ...
	Path    string // what was looked for
	Package string // the Debian package that provides it
}

// MissingError is the error of engine installations that are not there:
// it names every missing part and the packages to install.
type MissingError struct {
	Parts []Missing
}

// Packages returns the Debian packages to install, without repeats.
func (e *MissingError) Packages() []string {
	var out []string
	for _, p := range e.Parts {
		if !slices.Contains(out, p.Package) {
			out = append(out, p.Package)
		}
	}
	return out
}

func (e *MissingError) Error() string {
	var parts []string
	for _, p := range e.Parts {
		parts = append(parts, p.What+" ("+p.Path+")")
	}
	pkgs := strings.Join(e.Packages(), " ")
	hint := "install with: apt-get install " + pkgs
	if runtime.GOOS != "linux" {
		hint = "install them (Debian packages: " + pkgs + ") and point the emulator at them"
	}
	return fmt.Sprintf("mqtest engines: not installed: %s; %s", strings.Join(parts, ", "), hint)
}

// Check reports, as a *MissingError, the parts of the engines'
// installations that are missing: RabbitMQ's bin/rabbitmq-server and epmd,
// ActiveMQ's bin/activemq.jar and the MQTT codec, java, and openssl (which
// makes ActiveMQ's PKCS #12 key store). It fills in o.Java.
func Check(o *Options) error {
	var e MissingError
	miss := func(what, path, pkg string) { e.Parts = append(e.Parts, Missing{What: what, Path: path, Package: pkg}) }
	if rs := filepath.Join(o.RabbitMQDir, "bin", "rabbitmq-server"); !isFile(rs) {
		miss("RabbitMQ", rs, "rabbitmq-server")
	}
	if _, err := exec.LookPath("epmd"); err != nil {
		miss("epmd (Erlang)", "epmd on PATH", "rabbitmq-server")
	}
	if jar := filepath.Join(o.ActiveMQDir, "bin", "activemq.jar"); !isFile(jar) {
		miss("ActiveMQ", jar, "activemq")
	}
	if !isFile(o.MQTTJar) {
		miss("ActiveMQ's MQTT codec", o.MQTTJar, "libmqtt-client-java")
	}
	if o.Java == "" {
		o.Java = "java"
	}
	if _, err := exec.LookPath(o.Java); err != nil {
		miss("Java", o.Java, "activemq")
	}
	if _, err := exec.LookPath("openssl"); err != nil {
		miss("openssl", "openssl on PATH", "openssl")
	}
	if len(e.Parts) > 0 {
		return &e
	}
	return nil
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

var versionRE = regexp.MustCompile(`[0-9]+\.[0-9]+\.[0-9]+`)

// rabbitVersion is the version of the RabbitMQ installation, from the name
// of its lib/rabbitmq_server-X.Y.Z directory ("unknown" when absent).
func rabbitVersion(dir string) string {
	ms, _ := filepath.Glob(filepath.Join(dir, "lib", "rabbitmq_server-*"))
	for _, m := range ms {
		if v := versionRE.FindString(filepath.Base(m)); v != "" {
			return v
		}
	}
	return "unknown"
}

// activemqVersion is the version of the ActiveMQ installation, from the
// Implementation-Version of bin/activemq.jar's manifest.
func activemqVersion(dir string) string {
	v, err := jarVersion(filepath.Join(dir, "bin", "activemq.jar"))
	if err != nil || v == "" {
		return "unknown"
	}
	return v
}

var errNoManifest = errors.New("no manifest")
