package conformance

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/api"
)

var update = flag.Bool("update", false, "rewrite the golden request files in client/testdata/golden")

// goldenDir is the client's testdata: the golden files pin what mqrest
// puts on the wire for each operation.
const goldenDir = "../../client/testdata/golden"

// TestGoldenRequests records the request mqrest sends for a fully populated
// input of each operation (method, path, sorted query, signed header
// names, indented body) and compares it with client/testdata/golden/<Op>.txt.
// Run with -update to rewrite the files after an intended change.
func TestGoldenRequests(t *testing.T) {
	c := newClients(t)
	for _, op := range api.Operations {
		t.Run(op.Name, func(t *testing.T) {
			c.rec.answer(op.Status, nil, nil)
			in := fullInput(op)
			res := reflect.ValueOf(c.ours).MethodByName(op.Name).Call([]reflect.Value{reflect.ValueOf(t.Context()), reflect.ValueOf(in)})
			if err := asErr(res[1]); err != nil {
				t.Fatal(err)
			}
			got := render(c.rec.take())
			path := filepath.Join(goldenDir, op.Name+".txt")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("request changed (go test -update if intended):\n--- got\n%s\n--- want\n%s", got, want)
			}
		})
	}
}

func render(r recorded) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s\n", r.Method, r.Path)
	q, _ := url.ParseQuery(r.Query)
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range q[k] {
			fmt.Fprintf(&b, "query %s=%s\n", k, v)
		}
	}
	fmt.Fprintf(&b, "signed-headers %s\n", signedHeaders(r.Header))
	if ct := r.Header.Get("Content-Type"); ct != "" {
		fmt.Fprintf(&b, "content-type %s\n", ct)
	}
	if len(r.Body) > 0 {
		var v any
		if err := json.Unmarshal(r.Body, &v); err == nil {
			ind, _ := json.MarshalIndent(v, "", "  ")
			b.WriteString("\n")
			b.Write(ind)
			b.WriteString("\n")
		} else {
			b.WriteString("\n" + strings.TrimSpace(string(r.Body)) + "\n")
		}
	}
	return b.Bytes()
}
