package denial

import (
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
)

// wrapper puts a bare message into the shape a caller sees it in.
type wrapper struct {
	wrap func(msg string) string
	code string // want Code
	op   string // want Operation
}

func jsonQuote(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func xmlEscape(s string) string {
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(s)); err != nil {
		panic(err)
	}
	return b.String()
}

var wrappers = map[string]wrapper{
	"bare":   {wrap: func(m string) string { return m }},
	"padded": {wrap: func(m string) string { return "\n\t " + m + " \r\n" }},
	"code prefix": {
		wrap: func(m string) string { return "AccessDeniedException: " + m },
		code: "AccessDeniedException",
	},
	"AWS CLI": {
		wrap: func(m string) string {
			return "An error occurred (AccessDeniedException) when calling the CreateBroker operation: " + m
		},
		code: "AccessDeniedException", op: "CreateBroker",
	},
	"AWS CLI with retries": {
		wrap: func(m string) string {
			return "An error occurred (AccessDeniedException) when calling the UpdateBroker operation (reached max retries: 4): " + m
		},
		code: "AccessDeniedException", op: "UpdateBroker",
	},
	"boto3 exception": {
		wrap: func(m string) string {
			return "botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the GetObject operation: " + m
		},
		code: "AccessDenied", op: "GetObject",
	},
	"Go SDK v2 generic": {
		wrap: func(m string) string {
			return "operation error mq: CreateBroker, https response error StatusCode: 403, RequestID: 5f0c7a2e-1d2b-4c3d-8e9f-0a1b2c3d4e5f, api error AccessDeniedException: " + m
		},
		code: "AccessDeniedException", op: "CreateBroker",
	},
	"Go SDK v2 modeled": {
		wrap: func(m string) string {
			return "operation error mq: DescribeBroker, https response error StatusCode: 403, RequestID: req-123, ForbiddenException: " + m
		},
		code: "ForbiddenException", op: "DescribeBroker",
	},
	"Go SDK v2 modeled, empty request id": {
		wrap: func(m string) string {
			return "operation error mq: ListUsers, https response error StatusCode: 403, RequestID: , ForbiddenException: " + m
		},
		code: "ForbiddenException", op: "ListUsers",
	},
	"Go SDK v2 retries in Terraform": {
		wrap: func(m string) string {
			return "Error: creating MQ Broker (b1): operation error mq: CreateBroker, exceeded maximum number of attempts, 3, https response error StatusCode: 403, RequestID: abc, api error AccessDeniedException: " + m
		},
		code: "AccessDeniedException", op: "CreateBroker",
	},
	"Go SDK v2 S3 HostID": {
		wrap: func(m string) string {
			return "operation error S3: GetObject, https response error StatusCode: 403, RequestID: 4Q2Z, HostID: aGVsbG8+/w==, api error AccessDenied: " + m
		},
		code: "AccessDenied", op: "GetObject",
	},
	"Go SDK v1": {
		wrap: func(m string) string {
			return "AccessDeniedException: " + m + "\n\tstatus code: 403, request id: 9d3a"
		},
		code: "AccessDeniedException",
	},
	"Java SDK": {
		wrap: func(m string) string {
			return m + " (Service: AmazonMQ; Status Code: 403; Error Code: AccessDeniedException; Request ID: 9d3a; Proxy: null)"
		},
		code: "AccessDeniedException",
	},
	"JSON header-style code": {
		wrap: func(m string) string {
			return `{"code":"AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/","message":` + jsonQuote(m) + `}`
		},
		code: "AccessDeniedException",
	},
	"JSON __type and Message": {
		wrap: func(m string) string {
			return `{"__type":"com.amazonaws.mq#AccessDeniedException","Message":` + jsonQuote(m) + `}`
		},
		code: "AccessDeniedException",
	},
	"JSON message only": {
		wrap: func(m string) string { return `{"message":` + jsonQuote(m) + `}` },
	},
	"JSON CloudTrail record": {
		wrap: func(m string) string {
			return `{"eventSource":"mq.amazonaws.com","eventName":"CreateBroker","errorCode":"AccessDenied","errorMessage":` + jsonQuote(m) + `}`
		},
		code: "AccessDenied",
	},
	"JSON Error object": {
		wrap: func(m string) string {
			return `{"Error":{"Code":"AccessDenied","Message":` + jsonQuote(m) + `},"RequestId":"x"}`
		},
		code: "AccessDenied",
	},
	"JSON with an SDK line inside": {
		wrap: func(m string) string {
			return `{"message":` + jsonQuote("operation error mq: RebootBroker, https response error StatusCode: 403, RequestID: r, api error AccessDeniedException: "+m) + `}`
		},
		code: "AccessDeniedException", op: "RebootBroker",
	},
	"XML query ErrorResponse": {
		wrap: func(m string) string {
			return `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>` +
				xmlEscape(m) + `</Message></Error><RequestId>r</RequestId></ErrorResponse>`
		},
		code: "AccessDenied",
	},
	"XML EC2 Response": {
		wrap: func(m string) string {
			return `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>` +
				xmlEscape(m) + `</Message></Error></Errors><RequestID>r</RequestID></Response>`
		},
		code: "UnauthorizedOperation",
	},
}

// TestParseWrappers runs every full-message example of iam.md §4 (the ones
// whose principal is not elided) through every wrapper, in every
// partition.
func TestParseWrappers(t *testing.T) {
	t.Parallel()
	for name, tc := range iamExamples {
		if !tc.ok || tc.want.Code != "" || !strings.HasPrefix(tc.in, "User: ") {
			continue
		}
		for wname, w := range wrappers {
			for _, p := range partitions {
				t.Run(name+"/"+wname+"/"+p, func(t *testing.T) {
					t.Parallel()
					want := tc.want
					want.Message = tc.in
					want.Code = w.code
					want = want.inPartition(p)
					in := w.wrap(inPartition(tc.in, p))
					got, ok := Parse(in)
					if !ok {
						t.Errorf("Parse(%q) ok = false", in)
					}
					if diff := diffDenial(got, want); diff != "" {
						t.Errorf("Parse(%q) mismatch (-want +got):\n%s", in, diff)
					}
					if op := Operation(in); op != w.op {
						t.Errorf("Operation(%q) = %q, want %q", in, op, w.op)
					}
				})
			}
		}
	}
}

// TestParseWrappedNonDenials checks that wrapping does not turn an
// authentication failure or another error into a denial.
func TestParseWrappedNonDenials(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		in   string
		code string
		msg  string
	}{
		"CLI UnrecognizedClientException": {
			in:   "An error occurred (UnrecognizedClientException) when calling the ListBrokers operation: The security token included in the request is invalid.",
			code: "UnrecognizedClientException", msg: "The security token included in the request is invalid.",
		},
		"SDK ExpiredToken": {
			in:   "operation error mq: ListBrokers, https response error StatusCode: 403, RequestID: r, api error ExpiredTokenException: The security token included in the request has expired",
			code: "ExpiredTokenException", msg: "The security token included in the request has expired",
		},
		"SDK modeled NotFound": {
			in:   "operation error mq: DescribeBroker, https response error StatusCode: 404, RequestID: req-123, NotFoundException: Can't find requested broker [b-x].",
			code: "NotFoundException", msg: "Can't find requested broker [b-x].",
		},
		"SDK not an HTTP error": {
			in:  "operation error mq: ListBrokers, failed to sign request: failed to retrieve credentials: no EC2 IMDS role found",
			msg: "failed to sign request: failed to retrieve credentials: no EC2 IMDS role found",
		},
		"JSON header-style BadRequest": {
			in:   `{"code":"BadRequestException:http://internal.amazon.com/coral/com.amazonaws.mq/","errorAttribute":"brokerName","message":"bad name"}`,
			code: "BadRequestException", msg: "bad name",
		},
		"JSON Cognito NotAuthorizedException": {
			in:   `{"__type":"NotAuthorizedException","message":"Incorrect username or password."}`,
			code: "NotAuthorizedException", msg: "Incorrect username or password.",
		},
		"XML SignatureDoesNotMatch": {
			in:   `<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>Signature expired: 20141106T010406Z is now earlier than 20141106T011252Z (20141106T011752Z - 5 min.)</Message></Error></ErrorResponse>`,
			code: "SignatureDoesNotMatch", msg: "Signature expired: 20141106T010406Z is now earlier than 20141106T011252Z (20141106T011752Z - 5 min.)",
		},
		"JSON that is not an error": {
			in:  `{"brokerId":"b-1"}`,
			msg: `{"brokerId":"b-1"}`,
		},
		"broken JSON": {
			in:  `{"message": "Access`,
			msg: `{"message": "Access`,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, ok := Parse(tc.in)
			if ok {
				t.Errorf("Parse(%q) ok = true, want false (got %+v)", tc.in, got)
			}
			want := Denial{Code: tc.code, Message: tc.msg}
			if diff := diffDenial(got, want); diff != "" {
				t.Errorf("Parse(%q) mismatch (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestOperation(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ in, want string }{
		"CLI":              {"An error occurred (AccessDeniedException) when calling the ListBrokers operation: x", "ListBrokers"},
		"CLI retries":      {"An error occurred (ThrottlingException) when calling the DescribeBroker operation (reached max retries: 4): Rate exceeded", "DescribeBroker"},
		"CLI in a log":     {"2026-01-02 aws: [ERROR]: An error occurred (AccessDeniedException) when calling the CreateUser operation: x", "CreateUser"},
		"CLI no operation": {"An error occurred (AccessDenied): x", ""},
		"SDK":              {"operation error mq: CreateBroker, https response error StatusCode: 403, RequestID: r, api error AccessDeniedException: x", "CreateBroker"},
		"SDK spaces in service": {
			"operation error Resource Groups Tagging API: GetResources, https response error StatusCode: 400, RequestID: r, api error X: y", "GetResources",
		},
		"SDK in JSON":   {`{"message":"operation error mq: Promote, https response error StatusCode: 403, RequestID: r, api error AccessDeniedException: x"}`, "Promote"},
		"bare message":  {"User: arn:aws:iam::123456789012:user/x is not authorized to perform: mq:ListBrokers", ""},
		"bad CLI":       {"An error occurred (", ""},
		"bad SDK":       {"operation error ", ""},
		"SDK no comma":  {"operation error mq: CreateBroker", ""},
		"CLI two words": {"An error occurred (X) when calling the Create Broker operation: y", ""},
		"empty":         {"", ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := Operation(tc.in); got != tc.want {
				t.Errorf("Operation(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSanitizeCode(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"AccessDeniedException": "AccessDeniedException",
		"AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/": "AccessDeniedException",
		"com.amazonaws.mq#AccessDeniedException":                                           "AccessDeniedException",
		"aws.protocoltests#Foo:http://x":                                                   "Foo",
		"Client.UnauthorizedOperation":                                                     "UnauthorizedOperation",
		" AccessDenied ":                                                                   "AccessDenied",
		"":                                                                                 "",
	}
	for in, want := range tests {
		if got := sanitizeCode(in); got != want {
			t.Errorf("sanitizeCode(%q) = %q, want %q", in, got, want)
		}
	}
}
