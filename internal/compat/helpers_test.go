//go:build compat

package compat

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
)

// brokerSeq numbers the brokers the cases' setups create.
var brokerSeq atomic.Int64

// freshBroker is a setup that creates a new broker (tagged with tags, in
// the shorthand k=v,...; none when "") and returns {{id}} and {{arn}}.
func freshBroker(tags string) func(t *testing.T, s *suite) map[string]string {
	return func(t *testing.T, s *suite) map[string]string {
		t.Helper()
		id, err := s.createBroker(fmt.Sprintf("compat-%d", brokerSeq.Add(1)))
		if err != nil {
			t.Fatal(err)
		}
		arn := s.mustJSON(t, "describe-broker", "--broker-id", id)["BrokerArn"].(string)
		if tags != "" {
			s.mustJSON(t, "create-tags", "--resource-arn", arn, "--tags", tags)
		}
		return map[string]string{"{{id}}": id, "{{arn}}": arn}
	}
}

// mustJSON runs mqctl as the administrator and decodes its JSON output.
func (s *suite) mustJSON(t *testing.T, args ...string) map[string]any {
	t.Helper()
	out, err := s.runAdmin(s.mqctl, args...)
	if err != nil {
		t.Fatalf("mqctl %s: %v", strings.Join(args, " "), err)
	}
	v := map[string]any{}
	if strings.TrimSpace(string(out)) != "" {
		if err := json.Unmarshal(out, &v); err != nil {
			t.Fatalf("mqctl %s printed %q", strings.Join(args, " "), out)
		}
	}
	return v
}

// runAdmin runs prog (mqctl or the AWS CLI) with args as the administrator
// against the emulator, with JSON output and no shared config files, and
// returns its stdout; an error holds its stderr.
func (s *suite) runAdmin(prog string, args ...string) ([]byte, error) {
	cmd := exec.Command(prog, append(args, "--endpoint-url", s.endpoint, "--output", "json")...)
	cmd.Env = []string{"AWS_ACCESS_KEY_ID=" + s.keyID, "AWS_SECRET_ACCESS_KEY=" + s.secret, "AWS_REGION=us-east-1",
		"AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "HOME=/nonexistent", "AWS_PAGER="}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%v: %s", err, errb.String())
	}
	return out.Bytes(), nil
}

// wantCode is a check that mqctl exits with code (for a case with a diff).
func wantCode(code int) func(t *testing.T, aws, mqctl result) {
	return func(t *testing.T, _, mq result) {
		t.Helper()
		if mq.code != code {
			t.Errorf("mqctl exit code %d, want %d; stderr:\n%s", mq.code, code, mq.stderr)
		}
	}
}

// wantStderr is a check that mqctl exits with code and that its stderr
// holds every one of parts.
func wantStderr(code int, parts ...string) func(t *testing.T, aws, mqctl result) {
	return func(t *testing.T, aws, mq result) {
		t.Helper()
		wantCode(code)(t, aws, mq)
		for _, p := range parts {
			if !strings.Contains(mq.stderr, p) {
				t.Errorf("mqctl stderr lacks %q:\n%s", p, mq.stderr)
			}
		}
	}
}

// bothStderr is a check that both programs' stderr hold every one of parts
// (lines after the compared first one).
func bothStderr(parts ...string) func(t *testing.T, aws, mqctl result) {
	return func(t *testing.T, aws, mq result) {
		t.Helper()
		for _, p := range parts {
			if !strings.Contains(aws.stderr, p) {
				t.Errorf("aws stderr lacks %q:\n%s", p, aws.stderr)
			}
			if !strings.Contains(mq.stderr, p) {
				t.Errorf("mqctl stderr lacks %q:\n%s", p, mq.stderr)
			}
		}
	}
}

// yamlDataSubset is a check that every data line of the AWS CLI's YAML
// (the part before a "#" comment) is one of mqctl's, in the same order.
func yamlDataSubset(t *testing.T, aws, mq result) {
	t.Helper()
	data := func(s string) []string {
		var out []string
		for _, l := range strings.Split(s, "\n") {
			if i := strings.Index(l, " #"); i >= 0 {
				l = l[:i]
			}
			if l = strings.TrimRight(l, " "); l != "" {
				out = append(out, l)
			}
		}
		return out
	}
	mine := data(mq.stdout)
	j := 0
	for _, l := range data(aws.stdout) {
		for j < len(mine) && mine[j] != l {
			j++
		}
		if j == len(mine) {
			t.Errorf("mqctl's YAML lacks %q (in order):\n%s", l, mq.stdout)
			return
		}
	}
	if aws.code != 0 || mq.code != 0 {
		t.Errorf("exit codes: aws %d, mqctl %d", aws.code, mq.code)
	}
}
