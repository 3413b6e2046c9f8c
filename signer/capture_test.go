package signer_test

import (
	"bufio"
	"io"
	"net/http"
	"strings"
	"testing"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/mqrest/mqrest/signer"
)

// capturedRequest is one request of capture.md §2: what the official
// aws-sdk-go-v2 MQ client put on the wire, signed with access key
// AKIDEXAMPLE, secret "secret" and session token "tok" at 20261126T043216Z.
type capturedRequest struct {
	method, target string
	invocationID   string
	contentType    string // "" when not sent
	contentLength  string // "" when not sent
	body           string
	signedHeaders  string
	signature      string
}

const (
	captureHost      = "127.0.0.1:45337"
	captureUserAgent = "aws-sdk-go-v2/1.41.9 ua/2.1 os/linux lang/go#1.26.8 md/GOOS#linux md/GOARCH#amd64 api/mq#1.34.24"
	captureSecret    = "secret"
	captureToken     = "tok"
)

// capturedRequests holds capture.md §2.1-§2.8. The other six DescribeBroker
// signatures of §4.4 cannot be rebuilt: capture.md does not print their
// Amz-Sdk-Invocation-Id values.
var capturedRequests = map[string]capturedRequest{
	"CreateBroker": {
		method:        "POST",
		target:        "/v1/brokers",
		invocationID:  "ea67fe2d-a0a0-4111-a9a6-03bc97f869e8",
		contentType:   "application/json",
		contentLength: "387",
		body:          `{"brokerName":"b","configuration":{"id":"c-1","revision":2},"creatorRequestId":"5838f0f3-5a1b-4a44-abc1-92671336e878","deploymentMode":"SINGLE_INSTANCE","engineType":"ACTIVEMQ","hostInstanceType":"mq.t3.micro","maintenanceWindowStartTime":{"dayOfWeek":"MONDAY","timeOfDay":"02:00"},"publiclyAccessible":false,"tags":{"k":"v"},"users":[{"password":"passwordpassword","username":"admin"}]}`,
		signedHeaders: "amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-date;x-amz-security-token",
		signature:     "3c787070480f49c723a0d1b32b456a179c747de5aceb8f57c022d346256b156c",
	},
	"DeleteTags": {
		method:        "DELETE",
		target:        "/v1/tags/arn%3Aaws%3Amq%3Aus-east-1%3A123456789012%3Abroker%3Amy%20b%2Fx%3Ab-1?tagKeys=a&tagKeys=b%20c",
		invocationID:  "5855921a-af9b-4350-a9b9-248c644f928f",
		contentType:   "",
		contentLength: "",
		body:          ``,
		signedHeaders: "amz-sdk-invocation-id;amz-sdk-request;host;x-amz-date;x-amz-security-token",
		signature:     "cf073a9ddeaed92faec59cba9930c42d2368260d9546bef8b9f46d45508c1b44",
	},
	"CreateTags": {
		method:        "POST",
		target:        "/v1/tags/arn%3Aaws%3Amq%3Aus-east-1%3A123456789012%3Aconfiguration%3Ac-1",
		invocationID:  "2a6deda3-d6f5-4e33-bb2c-b579bae22ce8",
		contentType:   "application/json",
		contentLength: "2",
		body:          `{}`,
		signedHeaders: "amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-date;x-amz-security-token",
		signature:     "1c92e0f087cc2cda6e86875932c4c3d697af7dbc5a0b1cd77805d18b839d23ec",
	},
	"ListBrokers": {
		method:        "GET",
		target:        "/v1/brokers?maxResults=5&nextToken=a%20b%2Bc%2F%3D",
		invocationID:  "7092c2d9-4e7a-41d1-9e76-b1bb113cc23e",
		contentType:   "",
		contentLength: "",
		body:          ``,
		signedHeaders: "amz-sdk-invocation-id;amz-sdk-request;host;x-amz-date;x-amz-security-token",
		signature:     "d33108d6a4eb8edfd3105ba4747d8b40c8ead656feac0244a4ccd18c671cca3f",
	},
	"RebootBroker": {
		method:        "POST",
		target:        "/v1/brokers/b-1/reboot",
		invocationID:  "afe198d5-0011-4f2f-b07b-5bc4185e137f",
		contentType:   "",
		contentLength: "0",
		body:          ``,
		signedHeaders: "amz-sdk-invocation-id;amz-sdk-request;host;x-amz-date;x-amz-security-token",
		signature:     "45eba46a10b6108efe5d5f63a122a9e10e2e611fa847b73a9614039ba0aee266",
	},
	"DescribeConfigurationRevision": {
		method:        "GET",
		target:        "/v1/configurations/c-1/revisions/3",
		invocationID:  "aec2dd7b-bcdb-4589-af97-ec77ac825034",
		contentType:   "",
		contentLength: "",
		body:          ``,
		signedHeaders: "amz-sdk-invocation-id;amz-sdk-request;host;x-amz-date;x-amz-security-token",
		signature:     "3535c91c2a19d80943b51a3f0735f69b77285acf77633b31096ef1c7df488eec",
	},
	"UpdateUser": {
		method:        "PUT",
		target:        "/v1/brokers/b-1/users/us%20er",
		invocationID:  "8079e782-28c0-4f07-9753-21ffa58f8b93",
		contentType:   "application/json",
		contentLength: "13",
		body:          `{"groups":[]}`,
		signedHeaders: "amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-date;x-amz-security-token",
		signature:     "57441eda08382c1a3f0132fceba60b72d3119a4e915b303fb4eb10bbf4757350",
	},
	"DescribeBroker": {
		method:        "GET",
		target:        "/v1/brokers/b-1",
		invocationID:  "c2670dd9-51a8-40a9-85ce-49d6c1abfd56",
		contentType:   "",
		contentLength: "",
		body:          ``,
		signedHeaders: "amz-sdk-invocation-id;amz-sdk-request;host;x-amz-date;x-amz-security-token",
		signature:     "96c5d3ffa673203a298e0e072ea08d3c05330a08b73a84aec5b85aa872ff40bb",
	},
}

// authorization returns the Authorization header the SDK sent.
func (c capturedRequest) authorization() string {
	return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/mq/aws4_request, SignedHeaders=" +
		c.signedHeaders + ", Signature=" + c.signature
}

// clientRequest rebuilds the request as the SDK held it when signing: the
// transport had not yet added Accept-Encoding. Content-Length is set as a
// header where it was sent, but only req.ContentLength (positive for a body)
// decides whether it is signed, as in aws/signer/v4.
func (c capturedRequest) clientRequest(t *testing.T) *http.Request {
	t.Helper()
	var body io.Reader
	if c.body != "" {
		body = strings.NewReader(c.body)
	}
	req, err := http.NewRequest(c.method, "http://"+captureHost+c.target, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Amz-Sdk-Invocation-Id", c.invocationID)
	req.Header.Set("Amz-Sdk-Request", "attempt=1; max=1")
	req.Header.Set("User-Agent", captureUserAgent)
	if c.contentType != "" {
		req.Header.Set("Content-Type", c.contentType)
	}
	if c.contentLength != "" {
		req.Header.Set("Content-Length", c.contentLength)
	}
	return req
}

// wire returns the request as the test server received it.
func (c capturedRequest) wire() string {
	var b strings.Builder
	b.WriteString(c.method + " " + c.target + " HTTP/1.1\r\n")
	b.WriteString("Host: " + captureHost + "\r\n")
	b.WriteString("Accept-Encoding: gzip\r\n")
	b.WriteString("Amz-Sdk-Invocation-Id: " + c.invocationID + "\r\n")
	b.WriteString("Amz-Sdk-Request: attempt=1; max=1\r\n")
	b.WriteString("Authorization: " + c.authorization() + "\r\n")
	if c.contentLength != "" {
		b.WriteString("Content-Length: " + c.contentLength + "\r\n")
	}
	if c.contentType != "" {
		b.WriteString("Content-Type: " + c.contentType + "\r\n")
	}
	b.WriteString("User-Agent: " + captureUserAgent + "\r\n")
	b.WriteString("X-Amz-Date: 20261126T043216Z\r\n")
	b.WriteString("X-Amz-Security-Token: " + captureToken + "\r\n\r\n")
	b.WriteString(c.body)
	return b.String()
}

// TestSignCaptured signs every captured request again and expects the
// SDK's Authorization header byte for byte; v4.Signer is checked alongside.
func TestSignCaptured(t *testing.T) {
	s := signer.New(staticCreds(exampleKeyID, captureSecret, captureToken), "us-east-1", signer.WithClock(fixedClock(captureTime)))
	for name, c := range capturedRequests {
		t.Run(name, func(t *testing.T) {
			req := c.clientRequest(t)
			if err := s.Sign(t.Context(), req, []byte(c.body)); err != nil {
				t.Fatal(err)
			}
			if got, want := req.Header.Get("Authorization"), c.authorization(); got != want {
				t.Errorf("Authorization:\n got %s\nwant %s", got, want)
			}
			if got := req.Header.Get("X-Amz-Security-Token"); got != captureToken {
				t.Errorf("X-Amz-Security-Token = %q", got)
			}
			if got := req.URL.RequestURI(); got != c.target {
				t.Errorf("request target changed to %q, want %q", got, c.target)
			}

			sdkReq := c.clientRequest(t)
			creds, _ := staticCreds(exampleKeyID, captureSecret, captureToken).Retrieve(t.Context())
			if err := v4.NewSigner().SignHTTP(t.Context(), creds, sdkReq, signer.PayloadHash([]byte(c.body)), "mq", "us-east-1", captureTime); err != nil {
				t.Fatal(err)
			}
			if got, want := sdkReq.Header.Get("Authorization"), c.authorization(); got != want {
				t.Errorf("v4.Signer Authorization:\n got %s\nwant %s", got, want)
			}
		})
	}
}

// TestVerifyCaptured verifies the captured requests as a server reads them.
func TestVerifyCaptured(t *testing.T) {
	lookup := func(id string) (signer.Secret, bool) {
		return signer.Secret{SecretAccessKey: captureSecret, SessionToken: captureToken}, id == exampleKeyID
	}
	for name, c := range capturedRequests {
		t.Run(name, func(t *testing.T) {
			req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(c.wire())))
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(req.Body)
			if err != nil {
				t.Fatal(err)
			}
			if string(body) != c.body {
				t.Fatalf("body = %q, want %q", body, c.body)
			}
			id, err := signer.Verify(req, body, lookup, signer.WithVerifyClock(fixedClock(captureTime)))
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if id.AccessKeyID != exampleKeyID || id.Region != "us-east-1" || id.Service != "mq" ||
				!id.Time.Equal(captureTime) || strings.Join(id.SignedHeaders, ";") != c.signedHeaders {
				t.Errorf("Identity = %+v", id)
			}
		})
	}
}
