package main

import (
	"strings"
	"testing"
)

// TestServeEnginesFlags checks the failures of `serve --engines` that need
// no engine: a missing installation fails the start naming the package to
// install, and an engine flag without --engines is refused.
func TestServeEnginesFlags(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no RabbitMQ", []string{"--engines", "--rabbitmq-dir", empty}, "rabbitmq-server"},
		{"no ActiveMQ", []string{"--engines", "--activemq-dir", empty}, "activemq"},
		{"CA without engines", []string{"--engine-ca", empty + "/ca.pem"}, "--engine-ca needs --engines"},
		{"dir without engines", []string{"--engine-dir", empty}, "--engine-dir needs --engines"},
	}
	c := newCLI(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.run(append([]string{"serve", "--listen", "127.0.0.1:0", "--quiet"}, tt.args...)...)
			if r.code == 0 || !strings.Contains(r.stderr, tt.want) {
				t.Fatalf("exit %d, stderr %q; want a failure naming %q", r.code, r.stderr, tt.want)
			}
			if strings.Contains(r.stdout, "listening on") {
				t.Fatalf("serve listened: %s", r.stdout)
			}
		})
	}
}
