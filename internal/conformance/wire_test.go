package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/mq"
	"github.com/aws/smithy-go"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
)

// recorded is what a client put on the wire.
type recorded struct {
	Method, Path, Query string
	Body                []byte
	Header              http.Header
}

// recorder is a loopback server that records each request and answers
// with a canned response.
type recorder struct {
	mu     sync.Mutex
	last   recorded
	status int
	header http.Header
	body   []byte
}

func (rc *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	rc.last = recorded{Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.RawQuery, Body: body, Header: r.Header.Clone()}
	status, hdr, resp := rc.status, rc.header, rc.body
	rc.mu.Unlock()
	for k, v := range hdr {
		w.Header()[k] = v
	}
	w.WriteHeader(status)
	_, _ = w.Write(resp)
}

func (rc *recorder) answer(status int, hdr http.Header, body []byte) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.status, rc.header, rc.body = status, hdr, body
}

func (rc *recorder) take() recorded {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	r := rc.last
	rc.last = recorded{}
	return r
}

type clients struct {
	rec  *recorder
	ours *client.Client
	sdk  *mq.Client
}

func newClients(t *testing.T) *clients {
	t.Helper()
	rec := &recorder{status: 200}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	creds := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret", SessionToken: "tok"}, nil
	})
	ours, err := client.New(t.Context(), client.WithRegion("us-east-1"), client.WithCredentials(creds),
		client.WithEndpoint(srv.URL), client.WithMaxAttempts(1))
	if err != nil {
		t.Fatal(err)
	}
	sdk := mq.New(mq.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), Credentials: creds, RetryMaxAttempts: 1})
	return &clients{rec: rec, ours: ours, sdk: sdk}
}

// exchange is what one operation did in both clients.
type exchange struct {
	ourOut, sdkOut any
	ourErr, sdkErr error
	ourReq, sdkReq recorded
}

// call invokes the operation named op.Name on both clients with equivalent
// inputs and returns both outputs, errors and recorded requests.
func (c *clients) call(t *testing.T, op *api.Operation, in any) exchange {
	t.Helper()
	ctx := t.Context()
	var x exchange
	res := reflect.ValueOf(c.ours).MethodByName(op.Name).Call([]reflect.Value{reflect.ValueOf(ctx), reflect.ValueOf(in)})
	x.ourOut, x.ourErr = res[0].Interface(), asErr(res[1])
	x.ourReq = c.rec.take()

	m := reflect.ValueOf(c.sdk).MethodByName(op.Name)
	sdkIn := reflect.New(m.Type().In(1).Elem())
	convert(reflect.ValueOf(in), sdkIn.Elem())
	res = m.Call([]reflect.Value{reflect.ValueOf(ctx), sdkIn})
	x.sdkOut, x.sdkErr = res[0].Interface(), asErr(res[1])
	x.sdkReq = c.rec.take()
	return x
}

func asErr(v reflect.Value) error {
	if v.IsNil() {
		return nil
	}
	return v.Interface().(error)
}

func fullInput(op *api.Operation) any {
	in := op.NewInput()
	fill(reflect.ValueOf(in).Elem(), "", 0)
	return in
}

// TestRequestsMatchSDK: for each of the 24 operations service/mq v1.34.24
// has, the same fully populated input gives the same method, escaped path,
// query and JSON body from mqrest as from the official SDK; and the same
// signed headers, less the SDK's own amz-sdk-* headers. The members newer
// than the SDK are left unset (fixtures2026_test.go pins them).
func TestRequestsMatchSDK(t *testing.T) {
	c := newClients(t)
	for _, op := range sdkOperations() {
		t.Run(op.Name, func(t *testing.T) {
			c.rec.answer(op.Status, nil, nil)
			in := withoutNewer(fullInput(op))
			x := c.call(t, op, in)
			ourErr, ours, sdkErr, sdk := x.ourErr, x.ourReq, x.sdkErr, x.sdkReq
			if ourErr != nil || sdkErr != nil {
				t.Fatalf("mqrest err %v, sdk err %v", ourErr, sdkErr)
			}
			if ours.Method != sdk.Method || ours.Path != sdk.Path || ours.Query != sdk.Query {
				t.Errorf("request line differs:\nmqrest %s %s?%s\nsdk    %s %s?%s", ours.Method, ours.Path, ours.Query, sdk.Method, sdk.Path, sdk.Query)
			}
			if !jsonEqual(ours.Body, sdk.Body) {
				t.Errorf("body differs:\nmqrest %s\nsdk    %s", ours.Body, sdk.Body)
			}
			if got, want := signedHeaders(ours.Header), strings.ReplaceAll(strings.ReplaceAll(signedHeaders(sdk.Header), "amz-sdk-invocation-id;", ""), "amz-sdk-request;", ""); got != want {
				t.Errorf("signed headers: mqrest %s, sdk %s", got, want)
			}
			if ours.Header.Get("Content-Type") != sdk.Header.Get("Content-Type") {
				t.Errorf("content-type: mqrest %q, sdk %q", ours.Header.Get("Content-Type"), sdk.Header.Get("Content-Type"))
			}
		})
	}
}

// TestEmptyInputsMatchSDK checks the minimal requests (only required
// members), where omission rules matter most.
func TestEmptyInputsMatchSDK(t *testing.T) {
	c := newClients(t)
	minimal := map[string]any{
		"CreateBroker": &api.CreateBrokerInput{BrokerName: "b", DeploymentMode: api.DeploymentModeSingleInstance,
			EngineType: api.EngineTypeActivemq, HostInstanceType: "mq.t3.micro", PubliclyAccessible: aws.Bool(false), CreatorRequestID: "tok-1"},
		"CreateTags":   &api.CreateTagsInput{ResourceARN: "arn:aws:mq:us-east-1:123456789012:configuration:c-1"},
		"UpdateUser":   &api.UpdateUserInput{BrokerID: "b-1", Username: "user", Groups: []string{}},
		"RebootBroker": &api.RebootBrokerInput{BrokerID: "b-1"},
		"ListBrokers":  &api.ListBrokersInput{MaxResults: 5, NextToken: "a b+c/="},
		"DeleteTags":   &api.DeleteTagsInput{ResourceARN: "arn:aws:mq:us-east-1:123456789012:broker:my-b:b-1", TagKeys: []string{"a", "b c"}},
	}
	for name, in := range minimal {
		t.Run(name, func(t *testing.T) {
			op := api.Lookup(name)
			c.rec.answer(op.Status, nil, nil)
			x := c.call(t, op, in)
			ourErr, ours, sdkErr, sdk := x.ourErr, x.ourReq, x.sdkErr, x.sdkReq
			if ourErr != nil || sdkErr != nil {
				t.Fatalf("mqrest err %v, sdk err %v", ourErr, sdkErr)
			}
			if ours.Method != sdk.Method || ours.Path != sdk.Path || ours.Query != sdk.Query || !bytes.Equal(ours.Body, sdk.Body) {
				t.Errorf("differs:\nmqrest %s %s?%s %s\nsdk    %s %s?%s %s", ours.Method, ours.Path, ours.Query, ours.Body, sdk.Method, sdk.Path, sdk.Query, sdk.Body)
			}
			if ours.Header.Get("Content-Length") != sdk.Header.Get("Content-Length") {
				t.Errorf("content-length: mqrest %q, sdk %q", ours.Header.Get("Content-Length"), sdk.Header.Get("Content-Length"))
			}
		})
	}
}

// TestResponsesDecodeLikeSDK: a fully populated canned response of each
// operation the SDK has decodes to the same values in both clients (the
// members newer than the SDK left out).
func TestResponsesDecodeLikeSDK(t *testing.T) {
	c := newClients(t)
	for _, op := range sdkOperations() {
		t.Run(op.Name, func(t *testing.T) {
			out := op.NewOutput()
			fill(reflect.ValueOf(out).Elem(), "", 0)
			body, err := json.Marshal(withoutNewer(out))
			if err != nil {
				t.Fatal(err)
			}
			c.rec.answer(op.Status, http.Header{"Content-Type": {"application/json"}, "X-Amzn-Requestid": {"req-1"}}, body)
			x := c.call(t, op, withoutNewer(fullInput(op)))
			ourOut, ourErr, sdkOut, sdkErr := x.ourOut, x.ourErr, x.sdkOut, x.sdkErr
			if ourErr != nil || sdkErr != nil {
				t.Fatalf("mqrest err %v, sdk err %v", ourErr, sdkErr)
			}
			if !op.HasOutputBody() {
				return
			}
			got, want := normalize(reflect.ValueOf(ourOut)), normalize(reflect.ValueOf(sdkOut))
			if !reflect.DeepEqual(got, want) {
				g, _ := json.Marshal(got)
				w, _ := json.Marshal(want)
				t.Errorf("decoded values differ:\nmqrest %s\nsdk    %s", g, w)
			}
			if id := ourOut.(interface{ Meta() *api.Metadata }).Meta().RequestID; id != "req-1" {
				t.Errorf("request id %q", id)
			}
		})
	}
}

// TestErrorsDecodeLikeSDK: every error shape of mq-api.md §4.3 gives the
// same code and message in both clients (where the SDK invents the message
// "UnknownError", mqrest leaves it empty), with request ID and attribute.
func TestErrorsDecodeLikeSDK(t *testing.T) {
	cases := map[string]struct {
		status int
		header http.Header
		body   string
	}{
		"header code with namespace": {400, http.Header{"X-Amzn-Errortype": {"BadRequestException:http://internal.amazon.com/coral/com.amazonaws.mq/"}}, `{"errorAttribute":"brokerName","message":"bad name"}`},
		"__type and capital Message": {404, nil, `{"__type":"com.amazonaws.mq#NotFoundException","Message":"nope"}`},
		"code in body":               {409, nil, `{"code":"ConflictException","message":"dup"}`},
		"header wins over body":      {400, http.Header{"X-Amzn-Errortype": {"ForbiddenException"}}, `{"code":"NotFoundException","message":"header wins"}`},
		"nothing":                    {500, nil, ``},
		"message only":               {400, nil, `{"message":"no code"}`},
		"throttling":                 {429, http.Header{"X-Amzn-Errortype": {"TooManyRequestsException"}}, `{"message":"slow down"}`},
		"access denied":              {403, http.Header{"X-Amzn-Errortype": {"AccessDeniedException"}}, `{"Message":"User: arn:aws:iam::123456789012:user/alice is not authorized to perform: mq:DescribeBroker on resource: arn:aws:mq:us-east-1:123456789012:broker:b:b-1 because no identity-based policy allows the mq:DescribeBroker action"}`},
		"internal server error":      {500, http.Header{"X-Amzn-Errortype": {"InternalServerErrorException"}}, `{"message":"boom"}`},
		"unauthorized":               {401, http.Header{"X-Amzn-Errortype": {"UnauthorizedException"}}, `{"message":"who"}`},
	}
	c := newClients(t)
	op := api.Lookup("DescribeBroker")
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			h := http.Header{"X-Amzn-Requestid": {"req-9"}}
			for k, v := range tc.header {
				h[k] = v
			}
			c.rec.answer(tc.status, h, []byte(tc.body))
			x := c.call(t, op, &api.DescribeBrokerInput{BrokerID: "b-1"})
			ourErr, sdkErr := x.ourErr, x.sdkErr
			var ours *client.APIError
			var sdk smithy.APIError
			if !errors.As(ourErr, &ours) || !errors.As(sdkErr, &sdk) {
				t.Fatalf("mqrest %v / sdk %v", ourErr, sdkErr)
			}
			if ours.Code != sdk.ErrorCode() {
				t.Errorf("code: mqrest %q, sdk %q", ours.Code, sdk.ErrorCode())
			}
			wantMsg := sdk.ErrorMessage()
			if wantMsg == "UnknownError" {
				wantMsg = ""
			}
			if ours.Message != wantMsg {
				t.Errorf("message: mqrest %q, sdk %q", ours.Message, wantMsg)
			}
			if ours.RequestID != "req-9" || ours.StatusCode != tc.status {
				t.Errorf("request id %q status %d", ours.RequestID, ours.StatusCode)
			}
			if tc.status == 400 && strings.Contains(tc.body, "errorAttribute") && ours.ErrorAttribute != "brokerName" {
				t.Errorf("errorAttribute %q", ours.ErrorAttribute)
			}
		})
	}
}

func signedHeaders(h http.Header) string {
	auth := h.Get("Authorization")
	i := strings.Index(auth, "SignedHeaders=")
	if i < 0 {
		return ""
	}
	s := auth[i+len("SignedHeaders="):]
	if j := strings.IndexByte(s, ','); j >= 0 {
		s = s[:j]
	}
	return s
}

func jsonEqual(a, b []byte) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b)
	}
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}
