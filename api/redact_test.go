package api_test

import (
	"bytes"
	json1 "encoding/json"
	"encoding/json/v2"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/api"
)

// verbs are the fmt verbs and flags a secret is tried with: every verb fmt
// knows, with flags and widths.
var verbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%#q", "%x", "%X", "% x", "%#x", "%d", "%t", "%b", "%o", "%O",
	"%c", "%U", "%#U", "%e", "%E", "%f", "%F", "%g", "%G", "%T", "%10.3v", "%-8s", "%08d", "%+q", "%z", "%p", "%w"}

// forms returns v as a program may hold it: the value, a pointer, slices
// and a map of either, and structs holding it or a slice of it.
func forms[T any](v T) map[string]any {
	return map[string]any{
		"value": v, "pointer": &v, "slice": []T{v}, "slice of pointers": []*T{&v}, "map": map[string]T{"k": v},
		"struct": struct{ X T }{v}, "struct of a slice": struct{ Xs []T }{[]T{v}}, "nested slice": [][]T{{v}},
		"any slice": []any{v},
	}
}

// TestSecretsNeverPrinted tries every shape that holds a secret (the
// model's sensitive list, api/redact_gen_test.go), in every form, with
// every fmt verb, fmt.Print*, slog's JSON and text handlers (attributes and
// groups) and encoding/json: the password never shows.
func TestSecretsNeverPrinted(t *testing.T) {
	const pw = "s3cret-Password-123"
	leaks := []string{pw, fmt.Sprintf("%x", pw), fmt.Sprintf("%X", pw), fmt.Sprintf("% x", pw), fmt.Sprintf("%U", []rune(pw)[:4])}
	shapes := secretShapes(pw)
	if len(shapes) < 6 {
		t.Fatalf("%d shapes hold secrets; the model has at least 6", len(shapes))
	}
	for name, shape := range shapes {
		var fs map[string]any
		switch v := shape.(type) {
		case api.CreateBrokerInput:
			fs = forms(v)
		case api.CreateUserInput:
			fs = forms(v)
		case api.UpdateBrokerInput:
			fs = forms(v)
		case api.UpdateUserInput:
			fs = forms(v)
		case api.User:
			fs = forms(v)
		case api.LdapServerMetadataInput:
			fs = forms(v)
		default:
			t.Fatalf("shape %s (%T) holds a secret but has no case here", name, shape)
		}
		for form, v := range fs {
			t.Run(name+"/"+form, func(t *testing.T) {
				var logs bytes.Buffer
				for _, h := range []slog.Handler{slog.NewJSONHandler(&logs, nil), slog.NewTextHandler(&logs, nil)} {
					l := slog.New(h)
					l.Info("x", "input", v)
					l.Info("x", slog.Group("g", "input", v))
					l.With("input", v).Info("x")
				}
				printed := map[string]string{"slog": logs.String(), "Sprint": fmt.Sprint(v), "Sprintln": fmt.Sprintln(v)}
				for _, verb := range verbs {
					if badVerb(verb, v) {
						// fmt prints the operand of a bad verb with every
						// method disabled, so no Format can redact it (see
						// the package docs); go vet reports these calls.
						continue
					}
					printed[verb] = fmt.Sprintf(verb, v)
				}
				j1, _ := json1.Marshal(v)
				j2, _ := json.Marshal(v)
				printed["encoding/json"], printed["encoding/json/v2"] = string(j1), string(j2)
				for how, s := range printed {
					for _, leak := range leaks {
						if strings.Contains(s, leak) {
							t.Errorf("%s shows the password: %s", how, s)
						}
					}
				}
				if !strings.Contains(printed["%+v"], api.Redacted) {
					t.Errorf("%%+v does not show %s where the password was: %s", api.Redacted, printed["%+v"])
				}
			})
		}
	}
}

// badVerb reports whether fmt takes verb as a bad verb for v at the top
// level, before any method of v is consulted: %w outside fmt.Errorf or of
// a non-error, %p of anything but a pointer, slice, map, channel or func.
func badVerb(verb string, v any) bool {
	switch verb {
	case "%w":
		return true
	case "%p":
		switch reflect.TypeOf(v).Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Chan, reflect.Func, reflect.UnsafePointer:
			return false
		}
		return true
	}
	return false
}

// TestWireKeepsSecrets: redaction is for printing only; the operation's
// encoding sends every password.
func TestWireKeepsSecrets(t *testing.T) {
	const pw = "s3cret-Password-123"
	in := &api.CreateBrokerInput{BrokerName: "b", Users: []api.User{{Username: "u", Password: pw}}}
	body, err := api.Lookup("CreateBroker").EncodeBody(in)
	if err != nil || !strings.Contains(string(body), `"password":"`+pw+`"`) {
		t.Fatalf("EncodeBody = %s, %v", body, err)
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
