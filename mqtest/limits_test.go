package mqtest_test

import (
	"net/url"
	"strings"
	"testing"
)

// TestServiceLimits: the emulator validates with api.Operation.ValidateStrict,
// so the documented length limits of the model's overlay are the service's
// too, and its messages repeat only a short prefix of what was sent.
func TestServiceLimits(t *testing.T) {
	srv := newServer(t)
	c := admin(t, srv)
	r := c.must(200, "POST", "/v1/brokers", brokerBody("b1"))
	var out struct{ BrokerArn, BrokerId string }
	r.decode(t, &out)

	long := strings.Repeat("k", 5000)
	r = c.send("POST", "/v1/tags/"+url.PathEscape(out.BrokerArn), map[string]any{"tags": map[string]string{long: "v"}})
	wantError(t, r, 400, "BadRequestException", "tags", `key "`+strings.Repeat("k", 32)+`"... must be 1-128 characters`)
	if _, msg := r.errBody(); strings.Contains(msg, strings.Repeat("k", 33)) {
		t.Fatalf("the message repeats the key: %.300s", msg)
	}

	r = c.send("GET", "/v1/brokers/"+strings.Repeat("b", 3000), nil)
	wantError(t, r, 400, "BadRequestException", "BrokerId", "must be at most 2048 characters")

	tags := map[string]string{}
	for i := range 51 {
		tags[strings.Repeat("t", i+1)] = "v"
	}
	r = c.send("POST", "/v1/tags/"+url.PathEscape(out.BrokerArn), map[string]any{"tags": tags})
	wantError(t, r, 400, "BadRequestException", "tags", "must have at most 50 elements")
	if n := len(srv.Brokers()); n != 1 {
		t.Fatalf("brokers: %d", n)
	}
}

// TestDecodeErrorsAreShort: a body the decoder refuses is answered with a
// message that repeats at most a prefix of the decoder's text.
func TestDecodeErrorsAreShort(t *testing.T) {
	srv := newServer(t)
	c := admin(t, srv)
	key := strings.Repeat("x", 10000)
	r := c.send("POST", "/v1/brokers", `{"brokerName": "b1", "tags": {"`+key+`": 7}}`)
	if r.Status != 400 {
		t.Fatalf("status %d, want 400", r.Status)
	}
	if _, msg := r.errBody(); len(msg) > 400 || strings.Contains(msg, strings.Repeat("x", 300)) {
		t.Fatalf("message of %d bytes: %.300s", len(msg), msg)
	}
}
