package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/mqrest/mqrest/client"
)

var testCreds = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", Source: "test"}, nil
})

// seen is a request as a fake server received it.
type seen struct {
	Method, URI string
	Header      http.Header
	Body        []byte
}

// fake is a scripted loopback server: each request gets the next answer
// (the last one repeats).
type fake struct {
	mu       sync.Mutex
	requests []seen
	answers  []func(w http.ResponseWriter, r *http.Request)
}

func (f *fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.requests = append(f.requests, seen{Method: r.Method, URI: r.URL.RequestURI(), Header: r.Header.Clone(), Body: body})
	n := len(f.requests)
	var a func(http.ResponseWriter, *http.Request)
	if len(f.answers) > 0 {
		a = f.answers[min(n, len(f.answers))-1]
	}
	f.mu.Unlock()
	if a == nil {
		w.WriteHeader(200)
		_, _ = io.WriteString(w, "{}")
		return
	}
	a(w, r)
}

func (f *fake) got() []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seen(nil), f.requests...)
}

func reply(status int, header map[string]string, body string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		for k, v := range header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

// newFake starts a scripted server and a client pointed at it, with fast
// retries.
func newFake(t *testing.T, opts []client.Option, answers ...func(http.ResponseWriter, *http.Request)) (*client.Client, *fake) {
	t.Helper()
	f := &fake{answers: answers}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	base := []client.Option{client.WithRegion("us-east-1"), client.WithCredentials(testCreds),
		client.WithEndpoint(srv.URL + "/prefix"), client.WithRetryer(fastRetryer(3))}
	c, err := client.New(t.Context(), append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c, f
}

// fastRetryer is the standard retryer without backoff delays.
func fastRetryer(n int) aws.Retryer {
	return noDelay{client.DefaultRetryer(n)}
}

type noDelay struct{ aws.Retryer }

func (noDelay) RetryDelay(int, error) (time.Duration, error) { return 0, nil }
