package main

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/mqrest/mqrest/api"
)

func TestCommandName(t *testing.T) {
	for in, want := range map[string]string{
		"ListBrokers":                     "list-brokers",
		"DescribeBrokerEngineTypes":       "describe-broker-engine-types",
		"DescribeConfigurationRevision":   "describe-configuration-revision",
		"Promote":                         "promote",
		"BrokerId":                        "broker-id",
		"DataReplicationPrimaryBrokerArn": "data-replication-primary-broker-arn",
		"KMSKeyId":                        "kms-key-id",
		"SubnetIds":                       "subnet-ids",
	} {
		if got := commandName(in); got != want {
			t.Errorf("commandName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseShorthand(t *testing.T) {
	cases := map[string]string{
		"Id=c-1,Revision=2":                   `{"Id":"c-1","Revision":"2"}`,
		"Username=admin,Password=p@ss word":   `{"Password":"p@ss word","Username":"admin"}`,
		"Hosts=a,b,RoleBase=x":                `{"Hosts":["a","b"],"RoleBase":"x"}`,
		"Groups=[g1,g2],ConsoleAccess=true":   `{"ConsoleAccess":"true","Groups":["g1","g2"]}`,
		`TimeOfDay="02:00",Note='a,b'`:        `{"Note":"a,b","TimeOfDay":"02:00"}`,
		"Outer={Inner=1,List=[x]},After=2":    `{"After":"2","Outer":{"Inner":"1","List":["x"]}}`,
		"k=v=w,k2=":                           `{"k":"v=w","k2":""}`,
		"Groups=[]":                           `{"Groups":[]}`,
		` DayOfWeek = MONDAY , TimeOfDay=02 `: `{"DayOfWeek":"MONDAY","TimeOfDay":"02"}`,
	}
	for in, want := range cases {
		got, err := parseShorthand(in)
		if err != nil {
			t.Errorf("parseShorthand(%q): %v", in, err)
			continue
		}
		b, _ := json.Marshal(got)
		if string(b) != want {
			t.Errorf("parseShorthand(%q) = %s, want %s", in, b, want)
		}
	}
	for _, bad := range []string{"", "novalue", "a=[1,2", "a={b=1", `a="open`, "=x", "a=1,a=2"} {
		if _, err := parseShorthand(bad); err == nil {
			t.Errorf("parseShorthand(%q) succeeded", bad)
		} else if strings.Contains(err.Error(), "open") && bad == `a="open` {
			t.Errorf("error quotes the input: %v", err)
		}
	}
}

func TestAssign(t *testing.T) {
	var in api.CreateBrokerInput
	doc, err := decodeJSON([]byte(`{"BrokerName":"b","PubliclyAccessible":false,"Configuration":{"Id":"c-1","Revision":3},
		"Users":[{"Username":"u","Password":"pw","Groups":"single"}],"Tags":{"k":"v"},"SubnetIds":["s1"]}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := assign(reflect.ValueOf(&in).Elem(), doc, "--cli-input-json"); err != nil {
		t.Fatal(err)
	}
	if in.BrokerName != "b" || in.PubliclyAccessible == nil || *in.PubliclyAccessible || in.Configuration.Revision != 3 ||
		in.Users[0].Groups[0] != "single" || in.Tags["k"] != "v" || in.SubnetIDs[0] != "s1" {
		t.Errorf("assign: %+v", in)
	}
	bad, _ := decodeJSON([]byte(`{"Users":[{"Password":true}]}`))
	err = assign(reflect.ValueOf(&in).Elem(), bad, "--cli-input-json")
	if err == nil || err.Error() != "--cli-input-json.Users[0].Password: expected a string" {
		t.Errorf("assign error: %v", err)
	}
}

func TestTextFormat(t *testing.T) {
	doc := map[string]any{
		"BrokerSummaries": []any{
			map[string]any{"BrokerId": "b-1", "BrokerName": "one", "Created": "t"},
			map[string]any{"BrokerId": "b-2", "Extra": true},
		},
		"NextToken": "tok",
	}
	var b bytes.Buffer
	if err := writeText(&b, doc); err != nil {
		t.Fatal(err)
	}
	// An absent member is an empty field, as in the AWS CLI.
	want := "tok\nBROKERSUMMARIES\tb-1\tone\tt\t\nBROKERSUMMARIES\tb-2\t\t\tTrue\n"
	if b.String() != want {
		t.Errorf("text:\n%q\nwant\n%q", b.String(), want)
	}
}

// TestResumeToken checks botocore's token encoding, byte for byte (the
// tokens below are what the AWS CLI 2.9 printed for --max-items against
// mqctl serve), and the forms botocore reads.
func TestResumeToken(t *testing.T) {
	next := "AAAAAAAAAAJfsGdb0LcwSVy8C3k0VIsm"
	cases := []struct {
		tok  resumeToken
		want string
	}{
		{resumeToken{skip: 1, cut: true}, "eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ=="},
		{resumeToken{skip: 0, cut: true}, "eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAwfQ=="},
		{resumeToken{next: &next}, "eyJOZXh0VG9rZW4iOiAiQUFBQUFBQUFBQUpmc0dkYjBMY3dTVnk4QzNrMFZJc20ifQ=="},
		{resumeToken{next: &next, skip: 1, cut: true}, "eyJOZXh0VG9rZW4iOiAiQUFBQUFBQUFBQUpmc0dkYjBMY3dTVnk4QzNrMFZJc20iLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ=="},
	}
	for _, c := range cases {
		if got := c.tok.encode("NextToken"); got != c.want {
			t.Errorf("encode(%+v) = %s, want %s", c.tok, got, c.want)
		}
		got := decodeResumeToken(c.want, "NextToken")
		if (got.next == nil) != (c.tok.next == nil) || (got.next != nil && *got.next != *c.tok.next) || got.skip != c.tok.skip {
			t.Errorf("decode(%s) = %+v, want %+v", c.want, got, c.tok)
		}
	}
	for in, want := range map[string]resumeToken{
		next:          {next: &next},              // the service's own token
		next + "___3": {next: &next, skip: 3},     // botocore's old form
		"None___2":    {skip: 2},                  // old form from the start
		next + "___x": {next: ptr(next + "___x")}, // not the old form: opaque
	} {
		got := decodeResumeToken(in, "NextToken")
		if got.next == nil || want.next == nil {
			if got.next != want.next || got.skip != want.skip {
				t.Errorf("decode(%s) = %+v, want %+v", in, got, want)
			}
			continue
		}
		if *got.next != *want.next || got.skip != want.skip {
			t.Errorf("decode(%s) = %+v (next %q), want next %q skip %d", in, got, *got.next, *want.next, want.skip)
		}
	}
}

func ptr(s string) *string { return &s }

func TestRedact(t *testing.T) {
	for op, body := range map[string]string{
		"CreateBroker": `{"users":[{"password":"p2","username":"u"}],"ldapServerMetadata":{"serviceAccountPassword":"p3"}}`,
		"CreateUser":   `{"password":"p1","groups":["g"]}`,
	} {
		got := requestBody(api.Lookup(op), []byte(body))
		if strings.Contains(got, "p1") || strings.Contains(got, "p2") || strings.Contains(got, "p3") || !strings.Contains(got, `"<redacted>"`) {
			t.Errorf("requestBody(%s): %s", op, got)
		}
	}
	if got := requestBody(api.Lookup("CreateBroker"), []byte(`{"users":[{"password":"p2","username":"u"}]}`)); !strings.Contains(got, `"username":"u"`) {
		t.Errorf("requestBody drops what is not secret: %s", got)
	}
	if got := requestBody(api.Lookup("CreateUser"), []byte("password=p1")); strings.Contains(got, "p1") {
		t.Errorf("non-JSON body shown: %s", got)
	}
	if got := requestBody(nil, []byte(`{"password":"p1"}`)); strings.Contains(got, "p1") {
		t.Errorf("body of an unknown operation shown: %s", got)
	}
	h := redactHeader("Authorization", "AWS4-HMAC-SHA256 Credential=AK/x, SignedHeaders=host, Signature=0123abcd")
	if !strings.HasSuffix(h, "Signature=<redacted>") || !strings.Contains(h, "Credential=AK/x") {
		t.Errorf("redactHeader: %s", h)
	}
	if redactHeader("X-Amz-Security-Token", "tok") != "<redacted>" {
		t.Error("session token not redacted")
	}
}

func TestProblemName(t *testing.T) {
	op := api.Lookup("CreateBroker")
	for in, want := range map[string]string{
		"brokerName":                           "--broker-name",
		"users[0].password":                    "--users[0].Password",
		"maintenanceWindowStartTime.dayOfWeek": "--maintenance-window-start-time.DayOfWeek",
	} {
		if got := problemName(op, in); got != want {
			t.Errorf("problemName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := problemName(api.Lookup("DescribeBroker"), "BrokerId"); got != "--broker-id" {
		t.Errorf("path label: %q", got)
	}
}

// TestNoFlagShadowsGlobal checks that no input member's flag hides a
// global option.
func TestNoFlagShadowsGlobal(t *testing.T) {
	a := &app{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }}
	root := a.newRootCmd(nil)
	n := 0
	for _, c := range root.Commands() {
		if c.GroupID != "ops" {
			continue
		}
		n++
		c.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
			if root.PersistentFlags().Lookup(f.Name) != nil {
				t.Errorf("%s --%s hides the global option", c.Name(), f.Name)
			}
		})
	}
	if n != len(api.Operations) {
		t.Errorf("%d operation commands, want %d", n, len(api.Operations))
	}
}

// TestLiveLine checks that the live progress line keeps the state and the
// time waited when the terminal is narrow.
func TestLiveLine(t *testing.T) {
	const id = "b-1234567890abcdef-1234567890abcdef-1234" // 40 characters
	tests := []struct {
		columns int
		want    string
	}{
		{0, "| waiting for broker " + id + ": REBOOT_IN_PROGRESS (7s)"},
		{200, "| waiting for broker " + id + ": REBOOT_IN_PROGRESS (7s)"},
		{70, "| " + id + ": REBOOT_IN_PROGRESS (7s)"},
		{40, "| REBOOT_IN_PROGRESS (7s)"},
		{10, "| REBOOT_IN_PROGRESS (7s)"}, // redraw cuts it to the width
	}
	for _, tt := range tests {
		p := &progress{id: id, columns: tt.columns}
		if got := p.liveLine("|", "REBOOT_IN_PROGRESS", 7*time.Second); got != tt.want {
			t.Errorf("%d columns: %q, want %q", tt.columns, got, tt.want)
		}
	}
}

// TestOperationOf checks that --debug finds the operation of a request as
// the service routes it, with or without a path prefix on the endpoint.
func TestOperationOf(t *testing.T) {
	for target, want := range map[string]string{
		"GET https://mq.us-east-1.amazonaws.com/v1/brokers/b-1":                                  "DescribeBroker",
		"POST http://127.0.0.1:8089/v1/brokers/b-1/users/app":                                    "CreateUser",
		"PUT http://127.0.0.1:8089/prefix/mq/v1/brokers/b-1/users/app":                           "UpdateUser",
		"DELETE http://127.0.0.1:8089/v1/tags/arn%3Aaws%3Amq%3Aus-east-1%3A1%3Abroker%3Ax%3Ab-1": "DeleteTags",
		"GET http://127.0.0.1:8089/v1/brokers/b-1/shared-resources":                              "DescribeSharedResources",
		"GET http://127.0.0.1:8089/v2/nothing":                                                   "",
		"PATCH http://127.0.0.1:8089/v1/brokers":                                                 "",
	} {
		method, u, _ := strings.Cut(target, " ")
		req := httptest.NewRequest(method, u, nil)
		got := ""
		if op := operationOf(req); op != nil {
			got = op.Name
		}
		if got != want {
			t.Errorf("operationOf(%s) = %q, want %q", target, got, want)
		}
	}
}
