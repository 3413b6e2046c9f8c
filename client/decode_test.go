package client

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/signer"
)

// decodeThroughClient answers one attempt of op with body and returns what
// the request path (Client.attempt, after validation) makes of it.
func decodeThroughClient(t *testing.T, op *api.Operation, in any, body string) (any, error) {
	t.Helper()
	c := fuzzClient(t, roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"X-Amzn-Requestid": {"req-1"}},
			Body: io.NopCloser(bytes.NewReader([]byte(body))), ContentLength: int64(len(body)), Request: r}, nil
	}))
	if in == nil {
		in = op.NewInput()
	}
	out := op.NewOutput()
	cl := &call{op: op, in: in, url: c.base + "/decode", hash: signer.PayloadHash(nil)}
	if err := c.attempt(context.Background(), cl, out, 1); err != nil {
		return nil, err
	}
	return out, nil
}

// TestDecodeOutput pins how a successful response body is read (through
// op.DecodeOutput, encoding/json/v2), as the official SDK reads it: members
// the API version does not know are ignored, member names match exactly,
// enum values it does not list are kept, a repeated member takes its last
// value, invalid UTF-8 becomes U+FFFD, and a list sent empty stays empty
// while one left out stays nil.
func TestDecodeOutput(t *testing.T) {
	created := time.Date(2024, 1, 2, 3, 4, 5, 678e6, time.UTC)
	tests := map[string]struct {
		op, body string
		in       any  // nil: the empty input
		want     any  // the output, Metadata aside
		wantErr  bool // a *DecodeError
	}{
		"members, maps, lists, null, time": {"DescribeBroker",
			`{"brokerId":"b-1","brokerState":"RUNNING","tags":{"a":"b","c\u00e9":"\ud83d\ude00"},"users":[{"username":"x","pendingChange":"CREATE"}],"autoMinorVersionUpgrade":true,"publiclyAccessible":null,"created":"2024-01-02T03:04:05.678Z"}`,
			nil, &api.DescribeBrokerOutput{BrokerID: "b-1", BrokerState: api.BrokerStateRunning, Tags: map[string]string{"a": "b", "cé": "😀"},
				Users: []api.UserSummary{{Username: "x", PendingChange: api.ChangeTypeCreate}}, AutoMinorVersionUpgrade: aws.Bool(true), Created: created}, false},
		"unknown members ignored, names exact, escapes": {"DescribeBroker",
			`{"BROKERID":"b-1","BrokerName":"other case","brokerName":"n\"q\\\/\b\f\n\r\t","extra":{"x":[1,2.5e3,{"y":null}],"z":"w"},"securityGroups":["a","b"]}`,
			nil, &api.DescribeBrokerOutput{BrokerName: "n\"q\\/\b\f\n\r\t", SecurityGroups: []string{"a", "b"}}, false},
		"unknown enum value kept, empty list stays empty, null list nil": {"DescribeBroker",
			`{"brokerState":"NEW_STATE","deploymentMode":"SINGLE_INSTANCE","securityGroups":[],"subnetIds":null}`,
			nil, &api.DescribeBrokerOutput{BrokerState: "NEW_STATE", DeploymentMode: api.DeploymentModeSingleInstance, SecurityGroups: []string{}}, false},
		"repeated member: last wins": {"DescribeBroker", `{"brokerId":"first","brokerName":"n","brokerId":"last"}`,
			nil, &api.DescribeBrokerOutput{BrokerID: "last", BrokerName: "n"}, false},
		"invalid UTF-8 and lone surrogates": {"DescribeBroker",
			"{\"brokerId\":\"bad \xff utf8\",\"brokerName\":\"lone \\ud800 surrogate \\ud83d\\u0041\"}",
			nil, &api.DescribeBrokerOutput{BrokerID: "bad \uFFFD utf8", BrokerName: "lone \uFFFD surrogate \uFFFDA"}, false},
		"wrong type":     {"DescribeBroker", `{"brokerId":123}`, nil, nil, true},
		"trailing comma": {"DescribeBroker", `{"brokerId":"b-1",}`, nil, nil, true},
		"bad escape":     {"DescribeBroker", `{"brokerId":"bad \x escape"}`, nil, nil, true},
		"page": {"ListBrokers", `{"brokerSummaries":[{"brokerId":"a","created":"2024-01-02T03:04:05.678Z"},{"brokerId":"b"}],"nextToken":"t"}`,
			nil, &api.ListBrokersOutput{BrokerSummaries: []api.BrokerSummary{{BrokerID: "a", Created: created}, {BrokerID: "b"}}, NextToken: "t"}, false},
		"whitespace, empty page": {"ListBrokers", "  {\"brokerSummaries\":[]}  ", nil,
			&api.ListBrokersOutput{BrokerSummaries: []api.BrokerSummary{}}, false},
		"presized empty page": {"ListBrokers", `{"brokerSummaries":[],"nextToken":"t"}`, &api.ListBrokersInput{MaxResults: 5},
			&api.ListBrokersOutput{BrokerSummaries: []api.BrokerSummary{}, NextToken: "t"}, false},
		"presized page without a list": {"ListBrokers", `{"nextToken":"t"}`, &api.ListBrokersInput{MaxResults: 5},
			&api.ListBrokersOutput{NextToken: "t"}, false},
		"not a time": {"ListBrokers", `{"brokerSummaries":[{"created":"not a time"}]}`, nil, nil, true},
		"largest int32": {"ListConfigurations", `{"configurations":[{"latestRevision":{"revision":2147483647,"created":"2024-01-02T03:04:05.678Z"}}],"maxResults":5}`,
			nil, &api.ListConfigurationsOutput{Configurations: []api.Configuration{{LatestRevision: &api.ConfigurationRevision{Revision: 2147483647, Created: created}}}, MaxResults: 5}, false},
		"int32 overflow":  {"ListConfigurations", `{"configurations":[{"latestRevision":{"revision":2147483648}}]}`, nil, nil, true},
		"minus zero":      {"ListConfigurations", `{"maxResults":-0}`, nil, &api.ListConfigurationsOutput{}, false},
		"leading zero":    {"ListConfigurations", `{"maxResults":01}`, nil, nil, true},
		"no JSON at all":  {"ListConfigurations", `{"maxResults":`, nil, nil, true},
		"empty output ok": {"DeleteUser", `not JSON, not read`, &api.DeleteUserInput{BrokerID: "b-1", Username: "u1"}, &api.DeleteUserOutput{}, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			op := api.Lookup(tc.op)
			out, err := decodeThroughClient(t, op, tc.in, tc.body)
			if tc.wantErr {
				var de *DecodeError
				if !errors.As(err, &de) || de.RequestID != "req-1" || de.StatusCode != 200 {
					t.Fatalf("got %v, %v; want a *DecodeError", out, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			api.SetRequestID(tc.want, "req-1")
			if !reflect.DeepEqual(out, tc.want) {
				t.Errorf("got  %#v\nwant %#v", out, tc.want)
			}
		})
	}
}

// TestDecodeOutputRoundTrip encodes an output of every operation with
// every member set (strings that need escaping, negative numbers, two
// elements per list, nested structures) as a server does, and decodes it
// back through the request path unchanged.
func TestDecodeOutputRoundTrip(t *testing.T) {
	for _, op := range api.Operations {
		if !op.HasOutputBody() {
			continue
		}
		t.Run(op.Name, func(t *testing.T) {
			want := op.NewOutput()
			fillOutput(reflect.ValueOf(want).Elem(), 0)
			body, err := op.EncodeOutput(want)
			if err != nil {
				t.Fatal(err)
			}
			got, err := decodeThroughClient(t, op, pagedInput(op), string(body))
			if err != nil {
				t.Fatal(err)
			}
			api.SetRequestID(want, "req-1")
			if !reflect.DeepEqual(got, want) {
				t.Errorf("body %s\ngot  %+v\nwant %+v", body, got, want)
			}
		})
	}
}

// pagedInput returns an input of op with a page size where it has one, so
// that its pages are presized.
func pagedInput(op *api.Operation) any {
	in := op.NewInput()
	if op.Paging != nil && op.Paging.PageSizeOf(in) != nil {
		*op.Paging.PageSizeOf(in) = 10
	}
	return in
}

// FuzzDecodeOutput decodes arbitrary bodies into every output, as
// op.DecodeOutput and as the request path does with a presized page: both
// must agree (a list left out nil, one sent empty empty), and whatever
// decodes must encode and decode again to the same output.
func FuzzDecodeOutput(f *testing.F) {
	for _, body := range []string{`{}`, `{"brokerSummaries":[]}`, `{"brokerSummaries":[{"brokerId":"a"}],"nextToken":"t"}`,
		`{"configurations":null,"maxResults":-0}`, "{\"brokerId\":\"\xff\",\"brokerId\":\"x\"}",
		`{"sharedResources":[{"status":"NEW_STATUS","error":{"code":"NEW_CODE"},"dnsNames":[]}],"nextToken":""}`} {
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, op := range api.Operations {
			plain := op.NewOutput()
			plainErr := op.DecodeOutput([]byte(body), plain)
			cl := &call{op: op, in: pagedInput(op)}
			paged := op.NewOutput()
			pagedErr := decodeOutput(cl, []byte(body), paged)
			if (plainErr == nil) != (pagedErr == nil) {
				t.Fatalf("%s %q: DecodeOutput %v, request path %v", op.Name, body, plainErr, pagedErr)
			}
			if plainErr != nil {
				continue
			}
			a, _ := op.EncodeOutput(plain)
			b, _ := op.EncodeOutput(paged)
			if !bytes.Equal(a, b) || op.Paging != nil && itemsNil(op, plain) != itemsNil(op, paged) {
				t.Fatalf("%s %q: DecodeOutput gives %s, the request path %s", op.Name, body, a, b)
			}
			again := op.NewOutput()
			if err := op.DecodeOutput(a, again); err != nil {
				t.Fatalf("%s: %s does not decode again: %v", op.Name, a, err)
			}
			if c, _ := op.EncodeOutput(again); !bytes.Equal(a, c) {
				t.Fatalf("%s: %s decodes again to %s", op.Name, a, c)
			}
		}
	})
}

func itemsNil(op *api.Operation, out any) bool {
	return reflect.ValueOf(out).Elem().FieldByName(goField(op.Output, op.Paging.Items)).IsNil()
}

func goField(t reflect.Type, member string) string {
	for _, m := range api.Members(t) {
		if m.Name == member {
			return m.GoName
		}
	}
	return ""
}

var timeType = reflect.TypeFor[time.Time]()

func fillOutput(v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.Pointer:
		if depth > 4 {
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		fillOutput(v.Elem(), depth+1)
	case reflect.Struct:
		if v.Type() == timeType {
			v.Set(reflect.ValueOf(time.Date(2026, 11, 26, 4, 32, 16, 123e6, time.UTC)))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() && !v.Type().Field(i).Anonymous {
				fillOutput(v.Field(i), depth)
			}
		}
	case reflect.String:
		v.SetString("s-é\"\\/<>&\u2028" + v.Type().Name())
	case reflect.Int32:
		v.SetInt(-7)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fillOutput(s.Index(i), depth+1)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		m.SetMapIndex(reflect.ValueOf("k"), reflect.ValueOf("v\u2028"))
		v.Set(m)
	}
}
