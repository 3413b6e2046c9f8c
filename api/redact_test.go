package api_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/api"
)

func TestSecretsNeverPrinted(t *testing.T) {
	const pw = "s3cret-Password-123"
	values := map[string]any{
		"CreateUserInput": &api.CreateUserInput{BrokerID: "b-1", Username: "admin", Password: pw},
		"UpdateUserInput": api.UpdateUserInput{BrokerID: "b-1", Username: "admin", Password: pw},
		"CreateBrokerInput": &api.CreateBrokerInput{BrokerName: "b", Users: []api.User{{Username: "u", Password: pw}},
			LdapServerMetadata: &api.LdapServerMetadataInput{ServiceAccountPassword: pw}},
		"UpdateBrokerInput": &api.UpdateBrokerInput{LdapServerMetadata: &api.LdapServerMetadataInput{ServiceAccountPassword: pw}},
		"User":              api.User{Username: "u", Password: pw},
		"[]User":            []api.User{{Username: "u", Password: pw}},
	}
	for name, v := range values {
		t.Run(name, func(t *testing.T) {
			var logs bytes.Buffer
			if name != "[]User" { // slog's JSON handler marshals a bare slice as wire JSON
				slog.New(slog.NewJSONHandler(&logs, nil)).Info("x", "input", v)
			}
			slog.New(slog.NewTextHandler(&logs, nil)).Info("x", "input", v)
			printed := []string{logs.String(), fmt.Sprint(v), fmt.Sprintln(v)}
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%t", "%10.3v", "%-8s"} {
				printed = append(printed, fmt.Sprintf(verb, v))
			}
			if r, ok := v.(fmt.Stringer); ok {
				printed = append(printed, r.String())
			}
			if r, ok := v.(fmt.GoStringer); ok {
				printed = append(printed, r.GoString())
			}
			for _, s := range printed {
				if strings.Contains(s, pw) {
					t.Errorf("password leaked: %s", s)
				}
			}
			if !strings.Contains(fmt.Sprintf("%+v", v), "u") {
				t.Error("non-secret members should still print")
			}
		})
	}
}

// TestRedact checks the copy the CLI and the emulator print: secrets
// redacted, the caller's value untouched, other shapes as they are.
func TestRedact(t *testing.T) {
	in := &api.CreateBrokerInput{BrokerName: "b", Users: []api.User{{Username: "u", Password: "s3cret-Password-123"}}}
	got := api.Redact(in).(*api.CreateBrokerInput)
	if got.Users[0].Password != api.Redacted || got.BrokerName != "b" || in.Users[0].Password != "s3cret-Password-123" {
		t.Errorf("got %+v, caller's %+v", got, in)
	}
	plain := &api.ListBrokersInput{}
	if api.Redact(plain) != any(plain) {
		t.Error("a shape without secrets must be returned as it is")
	}
	body, ok := api.Lookup("CreateUser").RedactBody([]byte(`{"password":"s3cret-Password-123","groups":["g"]}`))
	if !ok || strings.Contains(string(body), "s3cret") || !strings.Contains(string(body), `"groups":["g"]`) {
		t.Errorf("RedactBody = %s, %v", body, ok)
	}
	if _, ok := api.Lookup("CreateUser").RedactBody([]byte(`{"password":`)); ok {
		t.Error("a body that is not JSON must not be shown")
	}
}

// TestGoStringTypeName checks that %#v names the shape's own type.
func TestGoStringTypeName(t *testing.T) {
	if got := fmt.Sprintf("%#v", api.User{Username: "u"}); !strings.HasPrefix(got, "api.User{") {
		t.Errorf("got %s", got)
	}
}

func TestRedactedKeepsOtherMembers(t *testing.T) {
	got := fmt.Sprint(api.User{Username: "admin", Password: "s3cret-Password-123"})
	if !strings.Contains(got, "Username:admin") || !strings.Contains(got, "Password:"+api.Redacted) {
		t.Errorf("got %s", got)
	}
}
