package engine

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// activemqOwned are the <broker> children the emulator writes itself; a
// configuration revision's are dropped. Its <plugins> are merged into the
// emulator's, except the authentication plugins.
var activemqOwned = []string{"transportConnectors", "persistenceAdapter", "sslContext", "tempDataDirectory", "managementContext"}

// activemqOwnedAttrs are the <broker> attributes the emulator sets.
var activemqOwnedAttrs = []string{"brokerName", "dataDirectory", "tmpDataDirectory", "schedulerDirectory", "useJmx", "persistent", "start"}

// activemqOwnedPlugins are the plugins the emulator sets (authentication).
var activemqOwnedPlugins = []string{"simpleAuthenticationPlugin", "jaasAuthenticationPlugin", "jaasCertificateAuthenticationPlugin", "jaasDualAuthenticationPlugin"}

// ActiveMQUser is a user as ActiveMQ's simpleAuthenticationPlugin takes it.
type ActiveMQUser struct {
	Name, Password string
	Groups         []string
}

// ActiveMQConfig is what the emulator puts in an ActiveMQ engine's
// activemq.xml.
type ActiveMQConfig struct {
	BrokerName string
	Dir        string         // the engine's directory: data, key store
	Ports      map[string]int // by scheme: ssl, stomp+ssl, mqtt+ssl
	KeyStorePW string
	Users      []ActiveMQUser
	Revision   []byte // a configuration revision's <broker> document, or nil
}

// revisionBroker is the <broker> of a configuration revision, split into
// the parts the emulator merges.
type revisionBroker struct {
	attrs    []xml.Attr // not owned by the emulator, namespace declarations included
	children [][]byte   // raw top-level children, owned ones dropped
	plugins  [][]byte   // raw children of <plugins>, owned ones dropped
}

// parseRevision splits a revision's <broker> element (the document root,
// or a child of a Spring <beans> root) into the parts the emulator merges.
func parseRevision(data []byte) (*revisionBroker, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	rb := &revisionBroker{}
	depth, brokerDepth, pluginsDepth := 0, -1, -1
	var start int64 = -1
	for {
		off := d.InputOffset()
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) && brokerDepth < 0 {
			return nil, errors.New("engine: configuration revision has no <broker> element")
		}
		if errors.Is(err, io.EOF) {
			return nil, errors.New("engine: configuration revision: <broker> is not closed")
		}
		if err != nil {
			return nil, fmt.Errorf("engine: configuration revision: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case brokerDepth < 0 && t.Name.Local == "broker":
				brokerDepth = depth
				for _, a := range t.Attr {
					if a.Name.Space == "" && a.Name.Local == "xmlns" || a.Name.Space == "" && slices.Contains(activemqOwnedAttrs, a.Name.Local) {
						continue
					}
					rb.attrs = append(rb.attrs, a)
				}
			case brokerDepth > 0 && depth == brokerDepth+1:
				if t.Name.Local == "plugins" {
					pluginsDepth = depth
				} else {
					start = off
				}
			case pluginsDepth > 0 && depth == pluginsDepth+1:
				start = off
			}
		case xml.EndElement:
			end := d.InputOffset()
			switch {
			case brokerDepth > 0 && depth == brokerDepth:
				return rb, nil
			case pluginsDepth > 0 && depth == pluginsDepth:
				pluginsDepth = -1
			case pluginsDepth > 0 && depth == pluginsDepth+1 && start >= 0:
				if !slices.Contains(activemqOwnedPlugins, t.Name.Local) {
					rb.plugins = append(rb.plugins, data[start:end])
				}
				start = -1
			case brokerDepth > 0 && depth == brokerDepth+1 && start >= 0:
				if !slices.Contains(activemqOwned, t.Name.Local) {
					rb.children = append(rb.children, data[start:end])
				}
				start = -1
			}
			depth--
		}
	}
}

func xmlAttr(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), `"`, "&#34;")
}

// ActiveMQXML renders an engine's activemq.xml: the emulator's broker (its
// name, data directory, TLS connectors and users), merged with a
// configuration revision: the revision's broker attributes and children
// are kept except those the emulator owns (transport connectors,
// persistence adapter, SSL context, paths, authentication plugins).
func ActiveMQXML(c ActiveMQConfig) (string, error) {
	rb := &revisionBroker{}
	if len(bytes.TrimSpace(c.Revision)) > 0 {
		var err error
		if rb, err = parseRevision(c.Revision); err != nil {
			return "", err
		}
	}
	data := filepath.Join(c.Dir, "data")
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by mqtest: the emulator's broker merged with the configuration revision's. -->
<beans xmlns="http://www.springframework.org/schema/beans"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.springframework.org/schema/beans http://www.springframework.org/schema/beans/spring-beans.xsd
  http://activemq.apache.org/schema/core http://activemq.apache.org/schema/core/activemq-core.xsd">
`)
	fmt.Fprintf(&b, `  <broker xmlns="http://activemq.apache.org/schema/core" brokerName="%s" useJmx="false" persistent="true" dataDirectory="%s" tmpDataDirectory="%s" schedulerDirectory="%s"`,
		xmlAttr(c.BrokerName), xmlAttr(data), xmlAttr(filepath.Join(data, "tmp")), xmlAttr(filepath.Join(data, "scheduler")))
	for _, a := range rb.attrs {
		name := a.Name.Local
		if a.Name.Space != "" {
			name = a.Name.Space + ":" + a.Name.Local
		}
		fmt.Fprintf(&b, " %s=\"%s\"", name, xmlAttr(a.Value))
	}
	b.WriteString(">\n")
	fmt.Fprintf(&b, "    <persistenceAdapter>\n      <kahaDB directory=\"%s\"/>\n    </persistenceAdapter>\n", xmlAttr(filepath.Join(data, "kahadb")))
	fmt.Fprintf(&b, "    <sslContext>\n      <sslContext keyStore=\"file:%s\" keyStorePassword=\"%s\" keyStoreType=\"PKCS12\"/>\n    </sslContext>\n",
		xmlAttr(filepath.Join(c.Dir, "tls", "broker.p12")), xmlAttr(c.KeyStorePW))
	b.WriteString("    <plugins>\n      <simpleAuthenticationPlugin anonymousAccessAllowed=\"false\">\n        <users>\n")
	for _, u := range c.Users {
		fmt.Fprintf(&b, "          <authenticationUser username=\"%s\" password=\"%s\" groups=\"%s\"/>\n",
			xmlAttr(u.Name), xmlAttr(u.Password), xmlAttr(strings.Join(u.Groups, ",")))
	}
	b.WriteString("        </users>\n      </simpleAuthenticationPlugin>\n")
	for _, p := range rb.plugins {
		b.WriteString("      ")
		b.Write(p)
		b.WriteString("\n")
	}
	b.WriteString("    </plugins>\n")
	for _, ch := range rb.children {
		b.WriteString("    ")
		b.Write(ch)
		b.WriteString("\n")
	}
	b.WriteString("    <transportConnectors>\n")
	for _, e := range endpointsOf(ActiveMQ, c.Ports) {
		fmt.Fprintf(&b, "      <transportConnector name=\"%s\" uri=\"%s://127.0.0.1:%d?maximumConnections=1000&amp;wireFormat.maxFrameSize=104857600\"/>\n",
			xmlAttr(e.Scheme), e.Scheme, e.Port)
	}
	b.WriteString("    </transportConnectors>\n  </broker>\n</beans>\n")
	return b.String(), nil
}

// startActiveMQ writes the engine's files and starts ActiveMQ in a JVM.
func (m *Manager) startActiveMQ(in *instance, s Spec, pw map[string]string) (*proc, error) {
	if err := m.writeTLS(in.dir); err != nil {
		return nil, err
	}
	ksPW, err := m.keyStore(in.dir)
	if err != nil {
		return nil, err
	}
	var users []ActiveMQUser
	for _, u := range sortedUsers(s.Users) {
		users = append(users, ActiveMQUser{Name: u.Name, Password: pw[u.Name], Groups: slices.Clone(u.Groups)})
	}
	m.mu.Lock()
	ports := in.ports
	m.mu.Unlock()
	conf, err := ActiveMQXML(ActiveMQConfig{BrokerName: brokerName(in.id), Dir: in.dir, Ports: ports, KeyStorePW: ksPW, Users: users, Revision: s.Config})
	if err != nil {
		return nil, err
	}
	confDir := filepath.Join(in.dir, "conf")
	if err := writeFile(filepath.Join(confDir, "activemq.xml"), []byte(conf)); err != nil {
		return nil, err
	}
	if err := writeFile(filepath.Join(confDir, "log4j2.properties"), []byte(log4j2(in.dir))); err != nil {
		return nil, err
	}
	if err := writeFile(filepath.Join(confDir, "log4j.properties"), []byte(log4j1(in.dir))); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(in.dir, "tmp"), 0o700); err != nil {
		return nil, err
	}
	// ActiveMQ loads the jars of ${activemq.base}/lib: the MQTT codec.
	lib := filepath.Join(in.dir, "lib")
	if err := os.MkdirAll(lib, 0o700); err != nil {
		return nil, err
	}
	link := filepath.Join(lib, filepath.Base(m.opts.MQTTJar))
	_ = os.Remove(link)
	if err := os.Symlink(m.opts.MQTTJar, link); err != nil {
		return nil, err
	}
	home := m.opts.ActiveMQDir
	args := []string{
		"-Xms64m", "-Xmx" + m.opts.JVMHeap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
		"-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=64m",
		"-Dorg.apache.activemq.UseDedicatedTaskRunner=false",
		"--add-reads=java.xml=java.logging",
		"--add-opens", "java.base/java.security=ALL-UNNAMED",
		"--add-opens", "java.base/java.net=ALL-UNNAMED",
		"--add-opens", "java.base/java.lang=ALL-UNNAMED",
		"--add-opens", "java.base/java.util=ALL-UNNAMED",
		"--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
		"--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
		"--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
		"--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED",
		"-Dlog4j2.configurationFile=" + filepath.Join(confDir, "log4j2.properties"),
		"-Dactivemq.classpath=" + confDir,
		"-Dactivemq.home=" + home,
		"-Dactivemq.base=" + in.dir,
		"-Dactivemq.conf=" + confDir,
		"-Dactivemq.data=" + filepath.Join(in.dir, "data"),
		"-Djava.io.tmpdir=" + filepath.Join(in.dir, "tmp"),
		"-jar", filepath.Join(home, "bin", "activemq.jar"),
		"start", "xbean:file:" + filepath.Join(confDir, "activemq.xml"),
	}
	cmd := exec.Command(m.opts.Java, args...)
	cmd.Dir = in.dir
	cmd.Env = append(m.baseEnv(), "HOME="+in.dir)
	return startProc(cmd, filepath.Join(in.dir, "engine.log"))
}

// brokerName is the ActiveMQ brokerName of broker id (letters, digits,
// dashes).
func brokerName(id string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '-'
	}, id)
}

// keyStore converts the engine's PEM certificate and key into the PKCS #12
// key store ActiveMQ reads (with openssl: the standard library writes no
// PKCS #12), under a random password it returns.
func (m *Manager) keyStore(dir string) (string, error) {
	var b [16]byte
	_, _ = rand.Read(b[:])
	pw := hex.EncodeToString(b[:])
	tls := filepath.Join(dir, "tls")
	cmd := exec.Command("openssl", "pkcs12", "-export", "-name", "broker",
		"-in", filepath.Join(tls, "cert.pem"), "-inkey", filepath.Join(tls, "key.pem"),
		"-out", filepath.Join(tls, "broker.p12"), "-passout", "env:MQTEST_KS_PW")
	cmd.Env = append(m.baseEnv(), "MQTEST_KS_PW="+pw)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("engine: openssl pkcs12: %v: %s", err, strings.TrimSpace(string(out)))
	}
	return pw, nil
}

// log4j2 is ActiveMQ's logging: to data/activemq.log in the engine's
// directory.
func log4j2(dir string) string {
	return `rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
appender.file.type = RollingFile
appender.file.name = file
appender.file.fileName = ` + filepath.Join(dir, "data", "activemq.log") + `
appender.file.filePattern = ` + filepath.Join(dir, "data", "activemq.log.%i") + `
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d | %-5p | %m | %c | %t%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 10MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 2
`
}

// log4j1 is the same for the log4j 1.2 of Debian's package.
func log4j1(dir string) string {
	return `log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=` + filepath.Join(dir, "data", "activemq.log") + `
log4j.appender.file.MaxFileSize=10MB
log4j.appender.file.MaxBackupIndex=2
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=%d | %-5p | %m | %c | %t%n
`
}
