package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/spf13/cobra"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
)

// dryRunSecret signs --dry-run requests: the signature is redacted anyway,
// and the real secret is never read.
const dryRunSecret = "mqctl-dry-run-not-a-secret"

// dryRun prints the request that op would send for in, and the IAM actions
// it needs, without sending anything or resolving credentials: the
// client's request path builds it and stops before sending
// (client.DryRun), signed with a dummy secret to show the headers' shape;
// the signature and the input's secrets are redacted. The format is plain
// lines unless --output (or AWS_DEFAULT_OUTPUT) asks for json, text or
// table explicitly.
func (a *app) dryRun(cmd *cobra.Command, op *api.Operation, in any) error {
	c, err := a.dryRunClient(cmd.Context())
	if err != nil {
		return err
	}
	req, body, err := c.DryRun(cmd.Context(), op, in)
	if err != nil {
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
		"URL":       req.URL.String(),
		"Headers":   toAny(headers),
		"Actions":   neededActions(op, in),
	}
	shown := ""
	if body != nil {
		shown = requestBody(op, body)
		var b any
		_ = json.Unmarshal([]byte(shown), &b)
		doc["Body"] = b
	}
	if op.IdempotencyToken != "" && memberValue(in, op.IdempotencyToken).String() == "" {
		doc["Note"] = op.IdempotencyToken + " is filled with a fresh UUID when the request is sent"
	}
	if cmd.Flags().Changed("output") || a.getenv("AWS_DEFAULT_OUTPUT") != "" || a.g.query != "" {
		return a.printDocument(op.Name, doc)
	}
	return writeDryRun(a.stdout, req, headers, shown, doc)
}

// dryRunClient returns the client --dry-run builds its request with: the
// region and endpoint a call would use, and credentials that are never
// resolved (the shared config files are read for the region only, and
// nothing goes over the network): the access key ID of the environment, a
// placeholder under --profile, with a dummy secret.
func (a *app) dryRunClient(ctx context.Context) (*client.Client, error) {
	region := a.region()
	if region == "" {
		var lo []func(*config.LoadOptions) error
		if a.g.profile != "" {
			lo = append(lo, config.WithSharedConfigProfile(a.g.profile))
		}
		if cfg, err := config.LoadDefaultConfig(ctx, lo...); err == nil {
			region = cfg.Region
		}
	}
	if region == "" {
		return nil, usageErrorf("no region: give --region, or set AWS_REGION or a profile's region")
	}
	var provider aws.CredentialsProvider = &aws.AnonymousCredentials{} // --no-sign-request: unsigned
	if !a.g.noSignRequest {
		keyID := a.getenv("AWS_ACCESS_KEY_ID")
		if keyID == "" || a.g.profile != "" {
			keyID = "<access-key-id>"
		}
		creds := aws.Credentials{AccessKeyID: keyID, SecretAccessKey: dryRunSecret}
		if a.g.profile == "" && a.getenv("AWS_SESSION_TOKEN") != "" {
			creds.SessionToken = "<session-token>"
		}
		provider = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) { return creds, nil })
	}
	opts := []client.Option{client.WithRegion(region), client.WithCredentials(provider), client.WithUserAgent("mqctl/" + version)}
	if ep := a.endpoint(); ep != "" {
		opts = append(opts, client.WithEndpoint(ep))
	}
	c, err := client.New(ctx, opts...)
	return clientOrUsage(region, c, err)
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
func writeDryRun(w io.Writer, req *http.Request, headers map[string]string, body string, doc map[string]any) error {
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
	if body != "" {
		fmt.Fprintf(&b, "\n%s\n", body)
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
