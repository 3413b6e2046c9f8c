// Command docgen writes docs/operations.md from the operation table in
// package api, so the reference can never drift from what the client, the
// emulator and the CLI do. Run it from the repository root:
//
//	go run ./internal/docgen > docs/operations.md
//
// A test fails when the committed file is out of date.
package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/mqrest/mqrest/api"
)

func main() {
	os.Stdout.Write(render())
}

func render() []byte {
	var b bytes.Buffer
	b.WriteString("# Amazon MQ operations\n\n")
	b.WriteString("Generated from the operation table in `api/` by `go run ./internal/docgen > docs/operations.md`; do not edit.\n\n")
	b.WriteString("| Operation | Request | Success | IAM actions (conditional ones in italics) | Resource | Pages | Retried |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, op := range api.Operations {
		var acts []string
		for _, a := range op.Actions {
			if a.When == nil {
				acts = append(acts, "`"+a.Name+"`")
				continue
			}
			acts = append(acts, fmt.Sprintf("*`%s` when %s*", a.Name, a.Why))
		}
		acts = dedupeEC2(acts)
		pages := ""
		if op.Paging != nil {
			pages = "yes"
		}
		retry := "after any retryable failure"
		if op.Retry == api.RetryUnprocessed {
			retry = "only if not processed"
		}
		if op.IdempotencyToken != "" {
			retry += " (idempotency token)"
		}
		fmt.Fprintf(&b, "| %s | `%s %s` | %d | %s | %s | %s | %s |\n", op.Name, op.Method, op.Path, op.Status,
			strings.Join(acts, "<br>"), op.Resource, pages, retry)
	}
	b.WriteString("\nRetryable failures: throttling (429, ThrottlingException, TooManyRequestsException), 500, 502, 503, 504, ")
	b.WriteString("connection resets and timeouts, and responses cut short. \"Only if not processed\": the failure must show that ")
	b.WriteString("the service did not act on the request — connection refused, throttling, or a 503 without a body.\n")
	return b.Bytes()
}

// dedupeEC2 folds the EC2 network-interface actions into one line.
func dedupeEC2(acts []string) []string {
	var out, ec2 []string
	why := ""
	for _, a := range acts {
		if strings.HasPrefix(a, "*`ec2:") {
			name, rest, _ := strings.Cut(strings.TrimPrefix(a, "*`"), "` when ")
			ec2 = append(ec2, strings.TrimPrefix(name, "ec2:"))
			why = strings.TrimSuffix(rest, "*")
			continue
		}
		out = append(out, a)
	}
	if len(ec2) > 0 {
		out = append(out, fmt.Sprintf("*`ec2:{%s}` when %s*", strings.Join(ec2, ","), why))
	}
	return out
}
