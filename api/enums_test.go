package api_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/mqrest/mqrest/api"
)

// TestEnumValues checks that EnumValues lists an enum's values, looks
// through a list of enums, and returns nil for everything that is no enum.
func TestEnumValues(t *testing.T) {
	var states []string
	for _, v := range api.BrokerStateRunning.Values() {
		states = append(states, string(v))
	}
	tests := []struct {
		name string
		typ  reflect.Type
		want []string
	}{
		{"enum", reflect.TypeFor[api.EngineType](), []string{"ACTIVEMQ", "RABBITMQ"}},
		{"list of enums", reflect.TypeFor[[]api.EngineType](), []string{"ACTIVEMQ", "RABBITMQ"}},
		{"enum with more values", reflect.TypeFor[api.BrokerState](), states},
		{"string", reflect.TypeFor[string](), nil},
		{"list of strings", reflect.TypeFor[[]string](), nil},
		{"struct", reflect.TypeFor[api.User](), nil},
		{"time", reflect.TypeFor[time.Time](), nil},
		{"pointer to enum", reflect.TypeFor[*api.EngineType](), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := api.EnumValues(tt.typ)
			if !slices.Equal(got, tt.want) {
				t.Errorf("EnumValues(%v) = %q, want %q", tt.typ, got, tt.want)
			}
		})
	}
}
