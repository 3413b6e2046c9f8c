package api_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/api"
)

func ptr[T any](v T) *T { return &v }

func TestAppendRequestURI(t *testing.T) {
	tests := map[string]struct {
		in   any
		want string
	}{
		"captured DeleteTags": {&api.DeleteTagsInput{ResourceARN: "arn:aws:mq:us-east-1:123456789012:broker:my b/x:b-1", TagKeys: []string{"a", "b c"}},
			"/v1/tags/arn%3Aaws%3Amq%3Aus-east-1%3A123456789012%3Abroker%3Amy%20b%2Fx%3Ab-1?tagKeys=a&tagKeys=b%20c"},
		"captured ListBrokers": {&api.ListBrokersInput{MaxResults: 5, NextToken: "a b+c/="}, "/v1/brokers?maxResults=5&nextToken=a%20b%2Bc%2F%3D"},
		"captured reboot":      {&api.RebootBrokerInput{BrokerID: "b-1"}, "/v1/brokers/b-1/reboot"},
		"captured revision": {&api.DescribeConfigurationRevisionInput{ConfigurationID: "c-1", ConfigurationRevision: "3"},
			"/v1/configurations/c-1/revisions/3"},
		"captured UpdateUser":   {&api.UpdateUserInput{BrokerID: "b-1", Username: "us er"}, "/v1/brokers/b-1/users/us%20er"},
		"no query when unset":   {&api.ListBrokersInput{}, "/v1/brokers"},
		"slash stays in label":  {&api.DescribeBrokerInput{BrokerID: "../x/y"}, "/v1/brokers/..%2Fx%2Fy"},
		"query chars in label":  {&api.DescribeBrokerInput{BrokerID: "a?b#c%d"}, "/v1/brokers/a%3Fb%23c%25d"},
		"dot-dot is inert":      {&api.DescribeBrokerInput{BrokerID: ".."}, "/v1/brokers/.."},
		"unicode username":      {&api.DescribeUserInput{BrokerID: "b", Username: "ü"}, "/v1/brokers/b/users/%C3%BC"},
		"engine filters sorted": {&api.DescribeBrokerInstanceOptionsInput{StorageType: "EBS", EngineType: "ACTIVEMQ", MaxResults: 7}, "/v1/broker-instance-options?engineType=ACTIVEMQ&maxResults=7&storageType=EBS"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			op := api.ForInput(tc.in)
			got, err := op.AppendRequestURI(nil, tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// mux routes every operation by its Pattern, as a server does.
var mux = func() *http.ServeMux {
	m := http.NewServeMux()
	for _, op := range api.Operations {
		m.Handle(op.Pattern(), http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	}
	return m
}()

// route returns the operation the mux routes method and uri (a request
// target) to, with its path values in template order; nil for no route.
func route(t testing.TB, method, uri string) (*api.Operation, []string) {
	t.Helper()
	r := httptest.NewRequest(method, "http://mq.test"+uri, nil)
	_, pattern := mux.Handler(r)
	for _, op := range api.Operations {
		if op.Pattern() == pattern {
			// Handler does not set the path values; match again to read them.
			m := http.NewServeMux()
			var labels []string
			m.HandleFunc(pattern, func(_ http.ResponseWriter, r *http.Request) {
				for _, name := range op.PathLabels() {
					labels = append(labels, r.PathValue(name))
				}
			})
			m.ServeHTTP(httptest.NewRecorder(), r)
			return op, labels
		}
	}
	return nil, nil
}

func TestRouteRoundTrip(t *testing.T) {
	for _, id := range []string{"b-1", "a/b", "...", "x?y#z", "% 20", "ü", "%2F"} {
		in := &api.DescribeUserInput{BrokerID: id, Username: "user" + id}
		op := api.ForInput(in)
		uri, err := op.AppendRequestURI(nil, in)
		if err != nil {
			t.Fatal(err)
		}
		got, labels := route(t, "GET", string(uri))
		if got != op {
			t.Fatalf("route(%s) = %v", uri, got)
		}
		out := &api.DescribeUserInput{}
		if err := op.DecodeRequest(out, labels, nil, nil); err != nil {
			t.Fatal(err)
		}
		if *out != *in {
			t.Errorf("round trip of %q: got %+v", id, out)
		}
	}
	if op, _ := route(t, "PATCH", "/v1/brokers/b-1"); op != nil {
		t.Errorf("PATCH routed to %s", op.Name)
	}
	if op, _ := route(t, "GET", "/v1/nothing"); op != nil {
		t.Errorf("unknown path routed to %s", op.Name)
	}
}

// TestDecodeHTTPRequest reads an input from a request the mux routed.
func TestDecodeHTTPRequest(t *testing.T) {
	op := api.Lookup("UpdateUser")
	m := http.NewServeMux()
	var got any
	var err error
	m.HandleFunc(op.Pattern(), func(_ http.ResponseWriter, r *http.Request) {
		got, err = op.DecodeHTTPRequest(r, []byte(`{"consoleAccess":true,"groups":["g1"],"password":"correcthorse12"}`))
	})
	m.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("PUT", "/v1/brokers/b%2F1/users/us%20er", nil))
	if err != nil {
		t.Fatal(err)
	}
	in := got.(*api.UpdateUserInput)
	if in.BrokerID != "b/1" || in.Username != "us er" || in.Password != "correcthorse12" || !*in.ConsoleAccess || in.Groups[0] != "g1" {
		t.Errorf("got %+v", in)
	}
	_, err = op.DecodeHTTPRequest(httptest.NewRequest("PUT", "/", nil), []byte(`{"groups":"g1"}`))
	var ve *api.ValidationError
	if !errors.As(err, &ve) || ve.Problems[0].Member != "groups" {
		t.Errorf("a string for a list: %v", err)
	}
}

func TestTableComplete(t *testing.T) {
	if len(api.Operations) != 25 {
		t.Fatalf("%d operations, want 25", len(api.Operations))
	}
	for _, op := range api.Operations {
		if op.Actions[0].Name != "mq:"+op.Name {
			t.Errorf("%s: primary action %s", op.Name, op.Actions[0].Name)
		}
		if api.ForInput(op.NewInput()) != op {
			t.Errorf("%s: ForInput broken", op.Name)
		}
		if op.Paging != nil && op.Paging.ItemCount(op.NewOutput()) != 0 {
			t.Errorf("%s: a new output has items", op.Name)
		}
		if op.Paging != nil && op.Paging.Paginated != (op.Name == "ListBrokers" || op.Name == "DescribeSharedResources") {
			t.Errorf("%s: Paginated = %v; the model marks ListBrokers and DescribeSharedResources", op.Name, op.Paging.Paginated)
		}
	}
	if api.Lookup("CreateTags").Actions[0].Name != "mq:CreateTags" {
		t.Error("CreateTags must need mq:CreateTags (not the old mg: typo)")
	}
}

func TestValidate(t *testing.T) {
	tests := map[string]struct {
		in      any
		members []string
	}{
		"all required at once": {&api.CreateBrokerInput{}, []string{"brokerName", "deploymentMode", "engineType", "hostInstanceType", "publiclyAccessible"}},
		"nested required": {&api.CreateBrokerInput{BrokerName: "b", DeploymentMode: api.DeploymentModeSingleInstance, EngineType: api.EngineTypeActivemq,
			HostInstanceType: "mq.t3.micro", PubliclyAccessible: ptr(false), Users: []api.User{{Username: "admin"}}}, []string{"users[0].password"}},
		"open enum":          {&api.PromoteInput{BrokerID: "b", Mode: "SIDEWAYS"}, nil},
		"bad username":       {&api.CreateUserInput{BrokerID: "b", Username: "a b", Password: "correcthorse12"}, []string{"Username"}},
		"weak password":      {&api.CreateUserInput{BrokerID: "b", Username: "ab", Password: "aaaaaaaaaaaaaa"}, []string{"password"}},
		"password separator": {&api.CreateUserInput{BrokerID: "b", Username: "ab", Password: "abcdefgh:ijkl"}, []string{"password"}},
		"max results":        {&api.ListBrokersInput{MaxResults: 101}, []string{"maxResults"}},
		"tag arn":            {&api.ListTagsInput{ResourceARN: "arn:aws:s3:::bucket"}, []string{"ResourceArn"}},
		"broker name":        {&api.DescribeBrokerInput{}, []string{"BrokerId"}},
		"dot-dot label":      {&api.DeleteUserInput{BrokerID: "b-1", Username: ".."}, []string{"Username"}},
		"dot label":          {&api.DescribeBrokerInput{BrokerID: "."}, []string{"BrokerId"}},
		"ok":                 {&api.CreateUserInput{BrokerID: "b", Username: "ab", Password: "correcthorse12"}, nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := api.ForInput(tc.in).Validate(tc.in)
			if tc.members == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var ve *api.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("got %v, want *ValidationError", err)
			}
			if got := strings.Join(ve.Members(), ","); got != strings.Join(tc.members, ",") {
				t.Errorf("members %s, want %s (%v)", got, strings.Join(tc.members, ","), err)
			}
			if strings.Contains(err.Error(), "correcthorse") || strings.Contains(err.Error(), "aaaaaaaa") {
				t.Errorf("error leaks the password: %v", err)
			}
		})
	}
}

// TestValidateStrict checks the service's validation: enum values the API
// does not list are rejected there, and only there.
func TestValidateStrict(t *testing.T) {
	in := &api.PromoteInput{BrokerID: "b", Mode: "SIDEWAYS"}
	err := api.ForInput(in).ValidateStrict(in)
	var ve *api.ValidationError
	if !errors.As(err, &ve) || strings.Join(ve.Members(), ",") != "mode" {
		t.Fatalf("got %v", err)
	}
	in.Mode = api.PromoteModeSwitchover
	if err := api.ForInput(in).ValidateStrict(in); err != nil {
		t.Fatal(err)
	}
}

// TestIdempotencyToken fills the token on a copy, once.
func TestIdempotencyToken(t *testing.T) {
	op := api.Lookup("CreateBroker")
	in := &api.CreateBrokerInput{BrokerName: "b"}
	got, err := op.WithIdempotencyToken(in, func() string { return "tok" })
	if err != nil || got.(*api.CreateBrokerInput).CreatorRequestID != "tok" || in.CreatorRequestID != "" {
		t.Fatalf("got %+v, %v; caller's input %+v", got, err, in)
	}
	in.CreatorRequestID = "mine"
	if got, _ := op.WithIdempotencyToken(in, func() string { return "tok" }); got != any(in) {
		t.Error("a set token must be kept, without a copy")
	}
	if _, err := op.WithIdempotencyToken(&api.ListBrokersInput{}, nil); !errors.Is(err, api.ErrWrongInput) {
		t.Errorf("wrong input: %v", err)
	}
}

// TestResourceName reads the member the overlay names for each kind.
func TestResourceName(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{&api.DescribeBrokerInput{BrokerID: "b-1"}, "b-1"},
		{&api.DescribeSharedResourcesInput{BrokerID: "b-2"}, "b-2"},
		{&api.ListConfigurationRevisionsInput{ConfigurationID: "c-1"}, "c-1"},
		{&api.ListTagsInput{ResourceARN: "arn:x"}, "arn:x"},
		{&api.ListBrokersInput{}, ""},
		{(*api.DescribeBrokerInput)(nil), ""},
	}
	for _, tc := range tests {
		if got := api.ForInput(tc.in).ResourceName(tc.in); got != tc.want {
			t.Errorf("%T: %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDecodeRequestQuery(t *testing.T) {
	op := api.Lookup("ListBrokers")
	in := &api.ListBrokersInput{}
	if err := op.DecodeRequest(in, nil, url.Values{"maxResults": {"x"}}, nil); err == nil {
		t.Fatal("want error for non-integer maxResults")
	}
	if err := op.DecodeRequest(in, nil, url.Values{"maxResults": {"7"}, "nextToken": {"t"}}, nil); err != nil || in.MaxResults != 7 || in.NextToken != "t" {
		t.Fatalf("%v %+v", err, in)
	}
}

func TestEndpoint(t *testing.T) {
	tests := []struct {
		region          string
		fips, dualStack bool
		want            string
	}{
		{"us-east-1", false, false, "https://mq.us-east-1.amazonaws.com"},
		{"us-east-1", true, false, "https://mq-fips.us-east-1.amazonaws.com"},
		{"us-east-1", false, true, "https://mq.us-east-1.api.aws"},
		{"us-east-1", true, true, "https://mq-fips.us-east-1.api.aws"},
		{"cn-north-1", false, false, "https://mq.cn-north-1.amazonaws.com.cn"},
		{"cn-north-1", false, true, "https://mq.cn-north-1.api.amazonwebservices.com.cn"},
		{"us-gov-west-1", true, false, "https://mq-fips.us-gov-west-1.amazonaws.com"},
		{"us-iso-east-1", false, false, "https://mq.us-iso-east-1.c2s.ic.gov"},
		{"us-isob-east-1", false, false, "https://mq.us-isob-east-1.sc2s.sgov.gov"},
	}
	for _, tc := range tests {
		got, err := api.Endpoint(tc.region, tc.fips, tc.dualStack)
		if err != nil || got != tc.want {
			t.Errorf("Endpoint(%s,%v,%v) = %s, %v; want %s", tc.region, tc.fips, tc.dualStack, got, err, tc.want)
		}
	}
	if _, err := api.Endpoint("bad/region", false, false); err == nil {
		t.Error("want error for invalid region")
	}
}

// TestEncodeOutputSortsMapKeys checks that a response body lists a map's
// keys in order, whatever order Go's map iteration takes: the same output
// is always the same body (the AWS CLI prints tags in the body's order).
func TestEncodeOutputSortsMapKeys(t *testing.T) {
	op := api.Lookup("ListTags")
	tags := map[string]string{}
	for _, k := range []string{"q", "b", "z", "a", "m", "c", "y", "d"} {
		tags[k] = "v"
	}
	const want = `{"tags":{"a":"v","b":"v","c":"v","d":"v","m":"v","q":"v","y":"v","z":"v"}}`
	for range 20 {
		b, err := op.EncodeOutput(&api.ListTagsOutput{Tags: tags})
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != want {
			t.Fatalf("EncodeOutput = %s, want %s", b, want)
		}
	}
}

// TestOutputOfAnotherOperation checks that an output is decoded and encoded
// only by its own operation.
func TestOutputOfAnotherOperation(t *testing.T) {
	op := api.Lookup("DescribeBroker")
	if err := op.DecodeOutput([]byte(`{}`), &api.ListBrokersOutput{}); !errors.Is(err, api.ErrWrongInput) {
		t.Errorf("DecodeOutput: %v", err)
	}
	if _, err := op.EncodeOutput(&api.ListBrokersOutput{}); !errors.Is(err, api.ErrWrongInput) {
		t.Errorf("EncodeOutput: %v", err)
	}
	if err := op.DecodeOutput([]byte(`{"brokerId":"b-1"}`), &api.DescribeBrokerOutput{}); err != nil {
		t.Errorf("its own output: %v", err)
	}
}
