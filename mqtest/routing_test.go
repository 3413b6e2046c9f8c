package mqtest

import (
	"bytes"
	"context"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/api"
)

// TestEveryOperationRoutes sends each operation's path, with its labels
// filled in (one holding an escaped slash, which must stay in its
// segment), through the mux that registerService builds, and checks that
// the operation's handler gets it with the unescaped label values. That
// every operation has a method is checked by the compiler (var _ Service).
func TestEveryOperationRoutes(t *testing.T) {
	if len(api.Operations) != 25 {
		t.Fatalf("%d operations in the table, want 25", len(api.Operations))
	}
	type hit struct {
		op     *api.Operation
		labels []string
	}
	var got hit
	mux := http.NewServeMux()
	registerService(mux, service{}, func(op *api.Operation, _ invoker) http.Handler {
		return http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
			got = hit{op: op}
			for _, l := range op.PathLabels() {
				got.labels = append(got.labels, r.PathValue(l))
			}
		})
	})
	for _, op := range api.Operations {
		for _, label := range []struct{ escaped, value string }{{"x%3Ay", "x:y"}, {"a%2Fb", "a/b"}} {
			path := op.Path
			for _, l := range op.PathLabels() {
				path = strings.Replace(path, "{"+l+"}", label.escaped, 1)
			}
			got = hit{}
			mux.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(op.Method, path, nil))
			if got.op != op {
				t.Errorf("%s %s routes to %v", op.Method, path, got.op)
				continue
			}
			for i, v := range got.labels {
				if v != label.value {
					t.Errorf("%s %s: label %s = %q, want %q", op.Method, path, op.PathLabels()[i], v, label.value)
				}
			}
		}
	}
}

// TestServiceMethodsNeedACall checks that the Service methods run only on
// the pipeline's call.
func TestServiceMethodsNeedACall(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("a Service method ran without a call in its context")
		}
	}()
	_, _ = service{}.ListBrokers(context.Background(), &api.ListBrokersInput{})
}

func TestIsCleanPath(t *testing.T) {
	tests := map[string]bool{
		"/v1/brokers": true, "/v1/brokers/": true, "/": true, "/v1/tags/a%2Fb": true,
		"": false, "v1": false, "//v1": false, "/v1//brokers": false, "/v1/./brokers": false, "/v1/brokers/..": false,
	}
	for p, want := range tests {
		if got := isCleanPath(p); got != want {
			t.Errorf("isCleanPath(%q) = %v, want %v", p, got, want)
		}
	}
}

// TestRedactBody checks the request log's body: the model's redaction rule
// (api.Operation.RedactBody), and "<redacted>" for what it cannot read.
func TestRedactBody(t *testing.T) {
	tests := map[string]struct {
		op       string
		in, want string
	}{
		"nested":       {"CreateBroker", `{"users":[{"password":"p1","username":"u"}]}`, `{"users":[{"password":"<redacted>","username":"u"}]}`},
		"ldap":         {"UpdateBroker", `{"ldapServerMetadata":{"serviceAccountPassword":"p2"}}`, `{"ldapServerMetadata":{"serviceAccountPassword":"<redacted>"}}`},
		"case":         {"CreateBroker", `{"users":[{"PASSWORD":"p3"}]}`, `{"users":[{}]}`},
		"untouched":    {"CreateConfiguration", `{"b" : 1,"a":2}`, `{"b" : 1,"a":2}`},
		"invalid JSON": {"CreateBroker", `{"users":[{"password":"p4", "x":`, `<redacted>`},
		"no operation": {"", `{"password":"p5"}`, `<redacted>`},
		"empty":        {"CreateBroker", ``, ``},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := string(redactBody(api.Lookup(tc.op), []byte(tc.in))); got != tc.want {
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
	key := seqKey(40, "b-1234")
	tok := h.makeToken("ListBrokers", "", key)
	if got, ok := h.parseToken("ListBrokers", "", tok); !ok || !bytes.Equal(got, key) {
		t.Fatalf("parseToken = %q, %v", got, ok)
	}
	other := h.makeToken("ListBrokers", "", seqKey(41, "b-1234"))
	raw, _ := base64.RawURLEncoding.DecodeString(tok)
	raw[7] ^= 1 // the cursor moved, the MAC kept
	for _, bad := range []struct{ op, scope, tok string }{
		{"ListUsers", "", tok}, {"ListBrokers", "b-1", tok}, {"ListBrokers", "", tok[:len(tok)-1] + "A"}, {"ListBrokers", "", "!!"},
		{"ListBrokers", "", base64.RawURLEncoding.EncodeToString(raw)}, {"ListBrokers", "", other[:22] + tok[22:]},
		{"ListBrokers", "", ""}, {"ListBrokers", "", strings.Repeat("A", 8000)},
	} {
		if _, ok := h.parseToken(bad.op, bad.scope, bad.tok); ok {
			t.Errorf("token accepted for %+v", bad)
		}
	}
}
