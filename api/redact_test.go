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
			for _, s := range []string{fmt.Sprintf("%v", v), fmt.Sprintf("%+v", v), fmt.Sprintf("%#v", v), fmt.Sprintf("%s", v), logs.String()} {
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

func TestRedactedKeepsOtherMembers(t *testing.T) {
	got := fmt.Sprint(api.User{Username: "admin", Password: "s3cret-Password-123"})
	if !strings.Contains(got, "Username:admin") || !strings.Contains(got, "Password:"+api.Redacted) {
		t.Errorf("got %s", got)
	}
}
