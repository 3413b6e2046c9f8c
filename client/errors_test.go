package client_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/smithy-go"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
)

func TestErrorDecoding(t *testing.T) {
	tests := map[string]struct {
		status   int
		header   map[string]string
		body     string
		code     string
		message  string
		attr     string
		sentinel error
	}{
		"header with namespace": {400, map[string]string{"X-Amzn-ErrorType": "BadRequestException:http://internal.amazon.com/coral/com.amazonaws.mq/"},
			`{"errorAttribute":"brokerName","message":"bad name"}`, "BadRequestException", "bad name", "brokerName", client.ErrBadRequest},
		"__type with hash": {404, nil, `{"__type":"com.amazonaws.mq#NotFoundException","Message":"nope"}`, "NotFoundException", "nope", "", client.ErrNotFound},
		"code in body":     {409, nil, `{"code":"ConflictException","message":"dup"}`, "ConflictException", "dup", "", client.ErrConflict},
		"header wins":      {400, map[string]string{"X-Amzn-ErrorType": "ForbiddenException"}, `{"code":"NotFoundException","message":"header wins"}`, "ForbiddenException", "header wins", "", client.ErrForbidden},
		"empty":            {500, nil, ``, "UnknownError", "", "", nil},
		"internal":         {500, map[string]string{"X-Amzn-ErrorType": "InternalServerErrorException"}, `{"message":"boom"}`, "InternalServerErrorException", "boom", "", client.ErrInternalServerError},
		"unauthorized":     {401, map[string]string{"X-Amzn-ErrorType": "UnauthorizedException"}, `{"message":"who are you"}`, "UnauthorizedException", "who are you", "", client.ErrUnauthorized},
		"not json":         {502, nil, `<html>bad gateway</html>`, "UnknownError", "<html>bad gateway</html>", "", nil},
		"throttled":        {429, map[string]string{"X-Amzn-ErrorType": "ThrottlingException"}, `{"message":"Rate exceeded"}`, "ThrottlingException", "Rate exceeded", "", client.ErrThrottled},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			h := map[string]string{"X-Amzn-RequestId": "req-1"}
			for k, v := range tc.header {
				h[k] = v
			}
			c, _ := newFake(t, []client.Option{client.WithMaxAttempts(1)}, reply(tc.status, h, tc.body))
			_, err := c.DescribeBroker(t.Context(), &api.DescribeBrokerInput{BrokerID: "b-1"})
			var ae *client.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("got %T %v", err, err)
			}
			if ae.Code != tc.code || ae.Message != tc.message || ae.ErrorAttribute != tc.attr || ae.RequestID != "req-1" ||
				ae.StatusCode != tc.status || ae.Operation != "DescribeBroker" {
				t.Errorf("got %+v", ae)
			}
			if tc.sentinel != nil && !errors.Is(err, tc.sentinel) {
				t.Errorf("errors.Is(%v) false", tc.sentinel)
			}
			if errors.Is(err, client.ErrNotFound) != (tc.sentinel == client.ErrNotFound) {
				t.Error("ErrNotFound matched the wrong error")
			}
			var sa smithy.APIError
			if !errors.As(err, &sa) || sa.ErrorCode() != tc.code {
				t.Errorf("smithy.APIError: %v", sa)
			}
			if !strings.Contains(err.Error(), "req-1") || !strings.Contains(err.Error(), "DescribeBroker") {
				t.Errorf("Error() = %q lacks operation or request id", err)
			}
		})
	}
}

func TestUndecodableSuccess(t *testing.T) {
	c, _ := newFake(t, []client.Option{client.WithMaxAttempts(1)},
		reply(200, map[string]string{"X-Amzn-RequestId": "req-2"}, `{"brokerId": 12`))
	_, err := c.DescribeBroker(t.Context(), &api.DescribeBrokerInput{BrokerID: "b-1"})
	var de *client.DecodeError
	if !errors.As(err, &de) || de.StatusCode != 200 || de.RequestID != "req-2" {
		t.Fatalf("got %T %v", err, err)
	}
}

func TestResponseTooLarge(t *testing.T) {
	big := `{"brokerName":"` + strings.Repeat("x", 4096) + `"}`
	c, _ := newFake(t, []client.Option{client.WithMaxAttempts(1), client.WithMaxResponseBytes(1024)}, reply(200, nil, big))
	_, err := c.DescribeBroker(t.Context(), &api.DescribeBrokerInput{BrokerID: "b-1"})
	if !errors.Is(err, client.ErrResponseTooLarge) {
		t.Fatalf("got %v", err)
	}
}

func TestValidationBeforeSending(t *testing.T) {
	c, f := newFake(t, nil)
	_, err := c.CreateBroker(t.Context(), &api.CreateBrokerInput{Users: []api.User{{Username: "x y", Password: "short"}}})
	var ve *client.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v", err)
	}
	want := "brokerName,deploymentMode,engineType,hostInstanceType,publiclyAccessible,users[0].password,users[0].username"
	if got := strings.Join(ve.Members(), ","); got != want {
		t.Errorf("members %s\nwant    %s", got, want)
	}
	if strings.Contains(err.Error(), "short") {
		t.Error("error quotes the password")
	}
	if _, err := c.DescribeBroker(t.Context(), nil); !errors.As(err, &ve) {
		t.Errorf("nil input: %v", err)
	}
	if n := len(f.got()); n != 0 {
		t.Fatalf("%d requests sent for invalid input", n)
	}
}

func TestPathParametersStayInTheirSegment(t *testing.T) {
	c, f := newFake(t, nil)
	for _, id := range []string{"../../v1/brokers", "a/b", "x?maxResults=1", "y#frag", "%2F", "..", "b-1/users/admin"} {
		_, _ = c.DescribeBroker(t.Context(), &api.DescribeBrokerInput{BrokerID: id})
	}
	for _, r := range f.got() {
		rest := strings.TrimPrefix(r.URI, "/prefix/v1/brokers/")
		if rest == r.URI || strings.ContainsAny(rest, "/?#") {
			t.Errorf("request went to %s", r.URI)
		}
	}
}

func TestAccessDeniedMapping(t *testing.T) {
	msg := "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: mq:DescribeBroker on resource: arn:aws:mq:us-east-1:123456789012:broker:b:b-1 because no identity-based policy allows the mq:DescribeBroker action"
	tests := map[string]struct {
		status   int
		header   map[string]string
		body     string
		action   string
		inferred bool
		deny     client.DenyKind
	}{
		"AccessDeniedException":      {403, map[string]string{"X-Amzn-ErrorType": "AccessDeniedException"}, `{"message":"` + msg + `"}`, "mq:DescribeBroker", false, client.DenyImplicit},
		"Forbidden with denial text": {403, map[string]string{"X-Amzn-ErrorType": "ForbiddenException"}, `{"Message":"` + msg + `"}`, "mq:DescribeBroker", false, client.DenyImplicit},
		"bare Forbidden":             {403, map[string]string{"X-Amzn-ErrorType": "ForbiddenException"}, `{"message":"Forbidden"}`, "mq:DescribeBroker", true, client.DenyUnknown},
		"legacy form":                {403, map[string]string{"X-Amzn-ErrorType": "AccessDeniedException"}, `{"message":"User: arn:aws:iam::123456789012:user/alice is not authorized to perform: mq:DescribeBroker"}`, "mq:DescribeBroker", false, client.DenyUnknown},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := newFake(t, []client.Option{client.WithMaxAttempts(1)}, reply(tc.status, tc.header, tc.body))
			_, err := c.DescribeBroker(t.Context(), &api.DescribeBrokerInput{BrokerID: "b-1"})
			var ad *client.AccessDeniedError
			if !errors.As(err, &ad) {
				t.Fatalf("got %T %v", err, err)
			}
			if ad.Action != tc.action || ad.Inferred != tc.inferred || ad.Deny != tc.deny || ad.Operation != "DescribeBroker" {
				t.Errorf("got %+v", ad)
			}
			if !strings.HasPrefix(ad.Resource, "arn:aws:mq:us-east-1:") || !strings.HasSuffix(ad.Resource, ":b-1") {
				t.Errorf("resource %q", ad.Resource)
			}
			var ae *client.APIError
			if !errors.Is(err, client.ErrAccessDenied) || !errors.As(err, &ae) {
				t.Error("ErrAccessDenied / APIError not reachable")
			}
			fix := ad.Fix()
			if fix.Kind != client.FixAllow || fix.Policy == nil || fix.Policy.Statement[0].Action[0] != "mq:DescribeBroker" {
				t.Errorf("fix %+v", fix)
			}
		})
	}
}

// sdkErrorBody is the aws-sdk-go-v2 snapshot fixture of an error response
// of the given code.
func sdkErrorBody(code string) string {
	return `{"__type":"` + code + `","errorAttribute":"__ErrorAttribute__","message":"__Message__","resourceShareErrors":[{"errorCode":"__ErrorCode__","resourceShareArn":"__ResourceShareArn__","status":"__Status__"},{"errorCode":"__ErrorCode__","resourceShareArn":"__ResourceShareArn__","status":"__Status__"}]}`
}

// exception has the members of every typed exception of the model.
type exception struct {
	ErrorAttribute, Message string
	ResourceShareErrors     []api.ResourceShareError
}

// asException reports whether errors.As finds, in err's chain, an error of
// the type target points to (a new pointer of it, e.g. new(*api.NotFoundException)),
// and returns its members.
func asException(err error, target any) (exception, bool) {
	p := reflect.New(reflect.TypeOf(target).Elem())
	if !errors.As(err, p.Interface()) {
		return exception{}, false
	}
	return p.Elem().Elem().Convert(reflect.TypeFor[exception]()).Interface().(exception), true
}

// TestTypedExceptions: every modeled error code reaches its typed
// exception through errors.As (through an *AccessDeniedError too, for 401
// and 403), decoded with its resource share errors, while the sentinels and
// the APIError fields stay as they are.
func TestTypedExceptions(t *testing.T) {
	tests := map[string]struct {
		status   int
		sentinel error
		target   any
	}{
		"BadRequestException":          {400, client.ErrBadRequest, new(*api.BadRequestException)},
		"UnauthorizedException":        {401, client.ErrUnauthorized, new(*api.UnauthorizedException)},
		"ForbiddenException":           {403, client.ErrForbidden, new(*api.ForbiddenException)},
		"NotFoundException":            {404, client.ErrNotFound, new(*api.NotFoundException)},
		"ConflictException":            {409, client.ErrConflict, new(*api.ConflictException)},
		"InternalServerErrorException": {500, client.ErrInternalServerError, new(*api.InternalServerErrorException)},
	}
	if len(tests) != len(api.ExceptionCodes) {
		t.Errorf("%d codes tested, the model has %d", len(tests), len(api.ExceptionCodes))
	}
	shareErr := api.ResourceShareError{ErrorCode: "__ErrorCode__", ResourceShareARN: "__ResourceShareArn__", Status: "__Status__"}
	want := exception{"__ErrorAttribute__", "__Message__", []api.ResourceShareError{shareErr, shareErr}}
	for code, tc := range tests {
		t.Run(code, func(t *testing.T) {
			if api.ExceptionCodes[code] != tc.status {
				t.Errorf("model status %d, want %d", api.ExceptionCodes[code], tc.status)
			}
			c, _ := newFake(t, []client.Option{client.WithMaxAttempts(1)}, reply(tc.status, nil, sdkErrorBody(code)))
			_, err := c.DescribeSharedResources(t.Context(), &api.DescribeSharedResourcesInput{BrokerID: "b-1"})
			got, ok := asException(err, tc.target)
			if !ok || !reflect.DeepEqual(got, want) {
				t.Errorf("typed exception of %T %v: %v %+v", err, err, ok, got)
			}
			var ae *client.APIError
			if !errors.As(err, &ae) || ae.Code != code || ae.Message != "__Message__" || ae.ErrorAttribute != "__ErrorAttribute__" {
				t.Errorf("APIError %+v", ae)
			}
			if !errors.Is(err, tc.sentinel) {
				t.Errorf("errors.Is(%v) false", tc.sentinel)
			}
			var sa smithy.APIError
			if !errors.As(err, &sa) || sa.ErrorCode() != code {
				t.Errorf("smithy.APIError %v", sa)
			}
			for other, o := range tests {
				if _, ok := asException(err, o.target); ok && other != code {
					t.Errorf("%s also found as %s", code, other)
				}
			}
		})
	}
	// The spelled-out form, for one code.
	c, _ := newFake(t, []client.Option{client.WithMaxAttempts(1)}, reply(404, nil, sdkErrorBody("NotFoundException")))
	_, err := c.DescribeBroker(t.Context(), &api.DescribeBrokerInput{BrokerID: "b-1"})
	var nfe *api.NotFoundException
	if !errors.As(err, &nfe) || len(nfe.ResourceShareErrors) != 2 || nfe.ResourceShareErrors[1].Status != "__Status__" {
		t.Errorf("errors.As(%v, *api.NotFoundException): %+v", err, nfe)
	}
	// Codes the model does not define have no typed exception.
	c, _ = newFake(t, []client.Option{client.WithMaxAttempts(1)},
		reply(429, map[string]string{"X-Amzn-ErrorType": "ThrottlingException"}, sdkErrorBody("ThrottlingException")))
	_, err = c.DescribeBroker(t.Context(), &api.DescribeBrokerInput{BrokerID: "b-1"})
	var ae *client.APIError
	if !errors.As(err, &ae) || ae.Unwrap() != nil {
		t.Errorf("ThrottlingException: %v unwraps to %v", err, ae.Unwrap())
	}
	for code, tc := range tests {
		if _, ok := asException(err, tc.target); ok {
			t.Errorf("ThrottlingException found as %s", code)
		}
	}
}

// TestErrorsSayAttempts: the final error of a call says how many attempts
// were made when there were more than one.
func TestErrorsSayAttempts(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&client.APIError{Operation: "ListBrokers", StatusCode: 503, Code: "ServiceUnavailableException", Attempts: 1},
			"mqrest: ListBrokers: ServiceUnavailableException (HTTP 503)"},
		{&client.APIError{Operation: "ListBrokers", StatusCode: 429, Code: "ThrottlingException", Message: "Rate exceeded", RequestID: "r-1", Attempts: 3},
			"mqrest: ListBrokers: ThrottlingException (HTTP 429): Rate exceeded (request id r-1) after 3 attempts"},
		{&client.DecodeError{Operation: "DescribeBroker", StatusCode: 200, Err: errors.New("unexpected EOF"), Attempts: 2},
			"mqrest: DescribeBroker: cannot decode response (HTTP 200) after 2 attempts: unexpected EOF"},
		{&client.DecodeError{Operation: "DescribeBroker", StatusCode: 200},
			"mqrest: DescribeBroker: cannot decode response (HTTP 200)"},
		{&client.RequestError{Operation: "DescribeBroker", Attempts: 3, Err: errors.New("connection reset")},
			"mqrest: DescribeBroker: request failed after 3 attempt(s): connection reset"},
	}
	for _, tc := range tests {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}
