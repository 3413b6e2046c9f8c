package mqtest

import (
	"strings"
	"testing"

	"github.com/mqrest/mqrest/api"
)

// TestEveryOperationHasAHandler checks the handler registry against the
// operation table, both ways.
func TestEveryOperationHasAHandler(t *testing.T) {
	if len(api.Operations) != 24 {
		t.Fatalf("%d operations in the table, want 24", len(api.Operations))
	}
	for _, op := range api.Operations {
		if handlers[op.Name] == nil {
			t.Errorf("no handler for %s", op.Name)
		}
	}
	for name := range handlers {
		if api.Lookup(name) == nil {
			t.Errorf("handler %s serves no operation of the table", name)
		}
	}
}

// TestEveryOperationRoutes sends each operation's path, with its labels
// filled in, through the router.
func TestEveryOperationRoutes(t *testing.T) {
	for _, op := range api.Operations {
		path := op.Path
		for _, l := range op.PathLabels() {
			path = strings.Replace(path, "{"+l+"}", "x%3Ay", 1)
		}
		got, labels, err := api.Route(op.Method, path)
		if err != nil || got != op || len(labels) != len(op.PathLabels()) {
			t.Errorf("%s %s routes to %v, %v", op.Method, path, got, err)
		}
	}
}

func TestRedactBody(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"nested":       {`{"users":[{"password":"p1","username":"u"}]}`, `{"users":[{"password":"<redacted>","username":"u"}]}`},
		"ldap":         {`{"ldapServerMetadata":{"serviceAccountPassword":"p2"}}`, `{"ldapServerMetadata":{"serviceAccountPassword":"<redacted>"}}`},
		"case":         {`{"PASSWORD":"p3"}`, `{"PASSWORD":"<redacted>"}`},
		"untouched":    {`{"b" : 1,"a":2}`, `{"b" : 1,"a":2}`},
		"invalid JSON": {`{"password":"p4", "x":`, `{"password":"<redacted>", "x":`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := string(redactBody([]byte(tc.in))); got != tc.want {
				t.Fatalf("redactBody(%s) = %s, want %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestRedactAuthorization(t *testing.T) {
	in := "AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/mq/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcdef"
	want := "AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/mq/aws4_request, SignedHeaders=host;x-amz-date, Signature=<redacted>"
	if got := redactAuthorization(in); got != want {
		t.Fatalf("got %q", got)
	}
	if got := redactAuthorization("Bearer secret"); got != redacted {
		t.Fatalf("got %q", got)
	}
}

func TestPageTokens(t *testing.T) {
	h := NewHandler(WithSeed(1))
	tok := h.makeToken("ListBrokers", "", 40)
	if off, ok := h.parseToken("ListBrokers", "", tok); !ok || off != 40 {
		t.Fatalf("parseToken = %d, %v", off, ok)
	}
	for _, bad := range []struct{ op, scope, tok string }{
		{"ListUsers", "", tok}, {"ListBrokers", "b-1", tok}, {"ListBrokers", "", tok[:len(tok)-1] + "A"}, {"ListBrokers", "", "!!"},
	} {
		if _, ok := h.parseToken(bad.op, bad.scope, bad.tok); ok {
			t.Errorf("token accepted for %+v", bad)
		}
	}
}
