package engine

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
)

// MissingError is the error of an engine installation that is not there:
// it names what to install.
type MissingError struct {
	What    string // "RabbitMQ", "ActiveMQ", "Java", "epmd", "openssl"
	Path    string // what was looked for
	Package string // the Debian package that provides it
}

func (e *MissingError) Error() string {
	hint := "install it with: apt-get install " + e.Package
	if runtime.GOOS != "linux" {
		hint = "install " + e.What + " (Debian package " + e.Package + ") and point the emulator at it"
	}
	return fmt.Sprintf("mqtest engines: %s not found (%s); %s", e.What, e.Path, hint)
}

// Check reports, as a *MissingError, the first part of the engines'
// installations that is missing: RabbitMQ's bin/rabbitmq-server and epmd,
// ActiveMQ's bin/activemq.jar and the MQTT codec, java, and openssl (which makes ActiveMQ's
// PKCS #12 key store). It fills in o.Java.
func Check(o *Options) error {
	rs := filepath.Join(o.RabbitMQDir, "bin", "rabbitmq-server")
	if !isFile(rs) {
		return &MissingError{What: "RabbitMQ", Path: rs, Package: "rabbitmq-server"}
	}
	if _, err := exec.LookPath("epmd"); err != nil {
		return &MissingError{What: "epmd (Erlang)", Path: "epmd on PATH", Package: "rabbitmq-server"}
	}
	jar := filepath.Join(o.ActiveMQDir, "bin", "activemq.jar")
	if !isFile(jar) {
		return &MissingError{What: "ActiveMQ", Path: jar, Package: "activemq"}
	}
	if !isFile(o.MQTTJar) {
		return &MissingError{What: "ActiveMQ's MQTT codec (mqtt-client.jar)", Path: o.MQTTJar, Package: "libmqtt-client-java"}
	}
	if o.Java == "" {
		o.Java = "java"
	}
	if _, err := exec.LookPath(o.Java); err != nil {
		return &MissingError{What: "Java", Path: o.Java, Package: "activemq"}
	}
	if _, err := exec.LookPath("openssl"); err != nil {
		return &MissingError{What: "openssl", Path: "openssl on PATH", Package: "openssl"}
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

func trimVersion(s string) string { return strings.TrimSpace(s) }
