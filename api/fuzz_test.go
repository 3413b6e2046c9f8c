package api_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/api"
)

// FuzzPathBuilder builds the request URI of an operation with arbitrary
// path label values, parses it as a server does, and routes it back: the
// path must have exactly the template's number of segments (no value can
// leave its segment, whatever '/', '?', '#' or '%' it holds), and an
// http.ServeMux with every operation's Pattern must route it to the same
// operation with the same label values.
func FuzzPathBuilder(f *testing.F) {
	f.Add(uint8(0), "b-1", "user1")
	f.Add(uint8(1), "a/b", "../x")
	f.Add(uint8(2), "x?y#z", "%2F%")
	f.Add(uint8(3), "..", ".")
	f.Add(uint8(4), "arn:aws:mq:us-east-1:123456789012:broker:b:b-1", "ü \x00\xff")

	var templated []*api.Operation
	for _, op := range api.Operations {
		if len(op.PathLabels()) > 0 {
			templated = append(templated, op)
		}
	}
	f.Fuzz(func(t *testing.T, pick uint8, a, b string) {
		op := templated[int(pick)%len(templated)]
		names := op.PathLabels()
		values := []string{a, b}[:len(names)]
		if slices.Contains(values, "") {
			return // a required label: AppendRequestURI reports it
		}
		in := op.NewInput()
		if err := op.DecodeRequest(in, values, nil, nil); err != nil {
			t.Fatalf("DecodeRequest(%q): %v", values, err)
		}
		uri, err := op.AppendRequestURI(nil, in)
		if err != nil {
			t.Fatalf("%s AppendRequestURI(%q): %v", op.Name, values, err)
		}
		u, err := url.ParseRequestURI(string(uri))
		if err != nil {
			t.Fatalf("%s: %q does not parse: %v", op.Name, uri, err)
		}
		if u.RawQuery != "" || u.Fragment != "" {
			t.Fatalf("%s: a label value leaked into the query or fragment of %q", op.Name, uri)
		}
		path := u.EscapedPath()
		if got, want := strings.Count(path, "/"), strings.Count(op.Path, "/"); got != want {
			t.Fatalf("%s: %q has %d segments, the template %d", op.Name, path, got, want)
		}
		if slices.Contains(values, ".") || slices.Contains(values, "..") {
			return // a dot segment: Validate rejects it, and a ServeMux redirects it away
		}
		got, labels := route(t, op.Method, string(uri))
		if got != op {
			t.Fatalf("route(%s %q) = %v; want %s", op.Method, path, got, op.Name)
		}
		if !slices.Equal(labels, values) {
			t.Fatalf("%s: labels %q, want %q", op.Name, labels, values)
		}
	})
}
