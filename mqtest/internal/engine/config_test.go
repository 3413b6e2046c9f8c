package engine

import (
	"encoding/xml"
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestRabbitConf checks the merge of a configuration revision into the
// emulator's rabbitmq.conf.
func TestRabbitConf(t *testing.T) {
	rev := []byte(`# comment
channel_max = 7
vm_memory_high_watermark.absolute = 512MiB
listeners.ssl.default = 5671
ssl_options.verify = verify_peer
default_user = intruder
management.tcp.port = 15672
not a setting
heartbeat=30
`)
	conf := RabbitConf("/data/b-1", 40001, 40002, "256MiB", rev)
	tests := []struct {
		line string
		want bool
	}{
		{"listeners.tcp = none", true},
		{"listeners.ssl.default = 127.0.0.1:40001", true},
		{"listeners.ssl.default = 5671", false},
		{"ssl_options.certfile = /data/b-1/tls/cert.pem", true},
		{"ssl_options.verify = verify_none", true},
		{"ssl_options.verify = verify_peer", false},
		{"default_user = intruder", false},
		{"default_user_tags.administrator = true", true},
		{"channel_max = 7", true},
		{"heartbeat = 30", true},
		{"vm_memory_high_watermark.absolute = 512MiB", true},
		{"vm_memory_high_watermark.absolute = 256MiB", false},
		{"management.tcp.port = 15672", false},
		{"management.ssl.port = 40002", true},
		{"not a setting", false},
	}
	lines := strings.Split(conf, "\n")
	for _, tt := range tests {
		got := false
		for _, l := range lines {
			got = got || l == tt.line
		}
		if got != tt.want {
			t.Errorf("line %q present %v, want %v in:\n%s", tt.line, got, tt.want, conf)
		}
	}
	if n := strings.Count(conf, "vm_memory_high_watermark.absolute"); n != 1 {
		t.Errorf("the watermark is set %d times", n)
	}
	if strings.Contains(RabbitConf("/d", 1, 2, "256MiB", nil), "channel_max") {
		t.Error("channel_max without a revision")
	}
}

// TestRabbitAdvanced checks the administrator's Erlang terms, whatever its
// password holds.
func TestRabbitAdvanced(t *testing.T) {
	tests := []struct{ user, password, want string }{
		{"admin", "correct-horse-battery", `[{rabbit, [{default_user, <<"admin"/utf8>>}, {default_pass, <<"correct-horse-battery"/utf8>>}]}].` + "\n"},
		{"admin", `a"b\c#d é`, `{default_pass, <<"a\"b\\c#d é"/utf8>>}`},
		{"admin", "tab\there", `<<"tab\x{9}here"/utf8>>`},
	}
	for _, tt := range tests {
		if got := RabbitAdvanced(tt.user, tt.password); !strings.Contains(got, tt.want) {
			t.Errorf("RabbitAdvanced(%q) = %s, want it to hold %s", tt.password, got, tt.want)
		}
	}
}

// TestActiveMQXML checks the merge of a configuration revision's <broker>
// into the emulator's activemq.xml.
func TestActiveMQXML(t *testing.T) {
	rev := []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<broker xmlns="http://activemq.apache.org/schema/core" brokerName="theirs" schedulePeriodForDestinationPurge="10000" dataDirectory="/etc">
  <!-- a comment -->
  <destinationPolicy><policyMap><policyEntries><policyEntry topic="&gt;" producerFlowControl="false"/></policyEntries></policyMap></destinationPolicy>
  <plugins>
    <authorizationPlugin><map><authorizationMap><authorizationEntries>
      <authorizationEntry topic="&gt;" read="apps" write="apps" admin="apps"/>
    </authorizationEntries></authorizationMap></map></authorizationPlugin>
    <simpleAuthenticationPlugin><users><authenticationUser username="intruder" password="x" groups="admin"/></users></simpleAuthenticationPlugin>
  </plugins>
  <transportConnectors><transportConnector name="openwire" uri="tcp://0.0.0.0:61616"/></transportConnectors>
  <persistenceAdapter><kahaDB directory="/var/other"/></persistenceAdapter>
</broker>`)
	out, err := ActiveMQXML(ActiveMQConfig{
		BrokerName: "b-1", Dir: "/data/b-1", Ports: map[string]int{"ssl": 1, "stomp+ssl": 2, "mqtt+ssl": 3}, KeyStorePW: "ks",
		Users:    []ActiveMQUser{{Name: "app", Password: `a"<&>'b`, Groups: []string{"apps", "ops"}}},
		Revision: rev,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := wellFormed(out); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, out)
	}
	tests := []struct {
		text string
		want bool
	}{
		{`brokerName="b-1"`, true},
		{`brokerName="theirs"`, false},
		{`dataDirectory="/data/b-1/data"`, true},
		{`dataDirectory="/etc"`, false},
		{`schedulePeriodForDestinationPurge="10000"`, true},
		{`<policyEntry topic="&gt;" producerFlowControl="false"/>`, true},
		{`<authorizationEntry topic="&gt;" read="apps"`, true},
		{`username="intruder"`, false},
		{`username="app" password="a&#34;&lt;&amp;&gt;&#39;b" groups="apps,ops"`, true},
		{`tcp://0.0.0.0:61616`, false},
		{`/var/other`, false},
		{`uri="ssl://127.0.0.1:1?`, true},
		{`uri="stomp+ssl://127.0.0.1:2?`, true},
		{`uri="mqtt+ssl://127.0.0.1:3?`, true},
		{`<kahaDB directory="/data/b-1/data/kahadb"/>`, true},
		{`keyStore="file:/data/b-1/tls/broker.p12"`, true},
		{`a comment`, false},
	}
	for _, tt := range tests {
		if got := strings.Contains(out, tt.text); got != tt.want {
			t.Errorf("%s present %v, want %v in:\n%s", tt.text, got, tt.want, out)
		}
	}
	for _, bad := range []string{"<beans/>", "<broker><plugins>"} {
		if _, err := ActiveMQXML(ActiveMQConfig{Revision: []byte(bad)}); err == nil {
			t.Errorf("revision %q: no error", bad)
		}
	}
}

func wellFormed(s string) error {
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		if _, err := d.Token(); err != nil {
			if err.Error() == "EOF" {
				return nil
			}
			return err
		}
	}
}

// TestCheckMissing checks that each missing part of the installations is
// reported with the package to install.
func TestCheckMissing(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		o    Options
		pkg  string
	}{
		{"no RabbitMQ", Options{RabbitMQDir: dir, ActiveMQDir: DefaultActiveMQDir, MQTTJar: DefaultMQTTJar}, "rabbitmq-server"},
		{"no ActiveMQ", Options{RabbitMQDir: fakeInstall(t, "bin/rabbitmq-server"), ActiveMQDir: dir, MQTTJar: DefaultMQTTJar}, "activemq"},
		{"no MQTT codec", Options{RabbitMQDir: fakeInstall(t, "bin/rabbitmq-server"), ActiveMQDir: fakeInstall(t, "bin/activemq.jar"), MQTTJar: dir + "/none.jar"}, "libmqtt-client-java"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check(&tt.o)
			var me *MissingError
			if !errors.As(err, &me) {
				t.Fatalf("error %v, want a *MissingError", err)
			}
			if !slices.Contains(me.Packages(), tt.pkg) || !strings.Contains(err.Error(), "apt-get install ") || !strings.Contains(err.Error(), tt.pkg) {
				t.Fatalf("error %q, want one naming apt-get install %s", err, tt.pkg)
			}
			if _, err := New(tt.o); err == nil {
				t.Fatal("New succeeded")
			}
		})
	}
}

// fakeInstall returns a directory holding an empty file at rel.
func fakeInstall(t *testing.T, rel string) string {
	d := t.TempDir()
	if err := writeFile(d+"/"+rel, nil); err != nil {
		t.Fatal(err)
	}
	return d
}
