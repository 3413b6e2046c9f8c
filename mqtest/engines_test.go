package mqtest

import (
	"strings"
	"testing"
)

// TestWithEnginesMissing checks that an emulator with engines fails to
// start, naming the package to install, when an engine is not installed,
// and that without WithEngines there is no engine CA.
func TestWithEnginesMissing(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		name string
		o    EngineOptions
		want string
	}{
		{"RabbitMQ", EngineOptions{RabbitMQDir: empty}, "rabbitmq-server"},
		{"ActiveMQ", EngineOptions{ActiveMQDir: empty}, "activemq"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewHandlerE(WithEngines(tt.o))
			if err == nil || !strings.Contains(err.Error(), "apt-get install ") || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one naming %q", err, tt.want)
			}
		})
	}
	h := NewHandler()
	if h.EngineCA() != nil || h.EngineCAPEM() != nil || h.EngineVersions() != nil {
		t.Fatal("engine CA without WithEngines")
	}
}
