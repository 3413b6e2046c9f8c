package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/spf13/cobra"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/signer"
)

// dryRunSecret signs --dry-run requests: the signature is redacted anyway,
// and the real secret is never read.
const dryRunSecret = "mqctl-dry-run-not-a-secret"

// dryRun prints the request that op would send for in, and the IAM actions
// it needs, without sending anything or resolving credentials: the request
// is signed with a dummy secret to show the headers' shape, and the
// signature is redacted. The format is plain lines unless --output (or
// AWS_DEFAULT_OUTPUT) asks for json, text or table explicitly.
func (a *app) dryRun(cmd *cobra.Command, op *api.Operation, in any) error {
	region := a.region()
	if region == "" {
		// The shared config files are read for the region only; no
		// credentials are resolved and nothing goes over the network.
		var lo []func(*config.LoadOptions) error
		if a.g.profile != "" {
			lo = append(lo, config.WithSharedConfigProfile(a.g.profile))
		}
		if cfg, err := config.LoadDefaultConfig(cmd.Context(), lo...); err == nil {
			region = cfg.Region
		}
	}
	if region == "" {
		return usageErrorf("no region: give --region, or set AWS_REGION or a profile's region")
	}
	base := a.endpoint()
	if base == "" {
		ep, err := api.Endpoint(region, false, false)
		if err != nil {
			return usageErrorf("--region: %v", err)
		}
		base = ep
	}
	uri, err := op.AppendRequestURI([]byte(strings.TrimSuffix(base, "/")), in)
	if err != nil {
		return err
	}
	body, err := op.EncodeBody(in)
	if err != nil {
		return err
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(cmd.Context(), op.Method, string(uri), rd)
	if err != nil {
		return usageErrorf("--endpoint-url: %v", err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("User-Agent", "mqrest/"+client.Version+" mqctl/"+version)
	keyID := a.getenv("AWS_ACCESS_KEY_ID")
	if keyID == "" || a.g.profile != "" {
		keyID = "<access-key-id>"
	}
	creds := aws.Credentials{AccessKeyID: keyID, SecretAccessKey: dryRunSecret}
	if a.g.profile == "" && a.getenv("AWS_SESSION_TOKEN") != "" {
		creds.SessionToken = "<session-token>"
	}
	var provider aws.CredentialsProvider = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) { return creds, nil })
	if a.g.noSignRequest {
		provider = nil // the signer leaves the request unsigned
	}
	s := signer.New(provider, region)
	if err := s.SignAt(cmd.Context(), req, signer.PayloadHash(body), time.Now()); err != nil {
		return err
	}
	headers := map[string]string{"Host": req.URL.Host}
	if req.ContentLength > 0 || op.Method == http.MethodPost || op.Method == http.MethodPut {
		headers["Content-Length"] = fmt.Sprint(req.ContentLength)
	}
	for k := range req.Header {
		headers[k] = redactHeader(k, req.Header.Get(k))
	}
	doc := map[string]any{
		"Operation": op.Name,
		"Method":    op.Method,
		"URL":       string(uri),
		"Headers":   toAny(headers),
		"Actions":   neededActions(op, in),
	}
	if body != nil {
		var b any
		_ = json.Unmarshal([]byte(redactBody(body)), &b)
		doc["Body"] = b
	}
	if op.IdempotencyToken != "" && api.Field(in, op.IdempotencyToken).String() == "" {
		doc["Note"] = api.MemberName(op.Input, op.IdempotencyToken) + " is filled with a fresh UUID when the request is sent"
	}
	if cmd.Flags().Changed("output") || a.getenv("AWS_DEFAULT_OUTPUT") != "" || a.g.query != "" {
		return a.printDocument(op.Name, doc)
	}
	return writeDryRun(a.stdout, req, headers, body, doc)
}

// neededActions lists the IAM actions the request needs: those the input
// decides, then those that depend on state only the service knows.
func neededActions(op *api.Operation, in any) []any {
	var out []any
	needed := op.Needed(in, api.Env{})
	seen := map[string]bool{}
	for _, act := range needed {
		seen[act.Name] = true
		out = append(out, actionDoc(act, "yes"))
	}
	for _, act := range op.Actions {
		if act.Stateful && !seen[act.Name] {
			out = append(out, actionDoc(act, "maybe"))
		}
	}
	return out
}

func actionDoc(act api.Action, needed string) any {
	m := map[string]any{"Action": act.Name, "Resource": act.Resource.String(), "Needed": needed}
	if act.Why != "" {
		m["When"] = act.Why
	}
	return m
}

func toAny(m map[string]string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// writeDryRun prints the request as HTTP-like plain lines, then the actions.
func writeDryRun(w io.Writer, req *http.Request, headers map[string]string, body []byte, doc map[string]any) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", req.Method, doc["URL"])
	keys := make([]string, 0, len(headers))
	for k := range headers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "%s: %s\n", k, headers[k])
	}
	if body != nil {
		fmt.Fprintf(&b, "\n%s\n", redactBody(body))
	}
	if note, ok := doc["Note"].(string); ok {
		fmt.Fprintf(&b, "\n# %s\n", note)
	}
	b.WriteString("\n# IAM actions needed:\n")
	for _, a := range doc["Actions"].([]any) {
		m := a.(map[string]any)
		line := fmt.Sprint(m["Action"])
		if m["Needed"] == "maybe" {
			line += "  # maybe"
		}
		if why, ok := m["When"].(string); ok {
			line += "  # when " + why
		}
		b.WriteString(line + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
