package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/mqtest"
)

// TestEndpointAndRetryFromConfig runs mqctl with the endpoint and retry
// settings in the places users put them (environment, a shared config
// file's profile and services section, flags): they are resolved by the
// client, as aws-sdk-go-v2 resolves them. Every request goes to the
// emulator or, where the settings resolve to AWS, is only printed
// (--dry-run).
func TestEndpointAndRetryFromConfig(t *testing.T) {
	t.Parallel()
	srv := mqtest.NewServer(t, mqtest.WithBrokerCreateDelay(0))
	const nowhere = "http://127.0.0.1:1" // refuses connections
	dir := t.TempDir()
	file := filepath.Join(dir, "config")
	text := strings.NewReplacer("{emulator}", srv.URL, "{nowhere}", nowhere).Replace(`[default]
region = us-east-1
services = emulator
[profile dev]
region = us-east-1
aws_access_key_id = ` + testKeyID + `
aws_secret_access_key = ` + testSecret + `
services = emulator
[profile nowhere]
services = nowhere
[profile once]
endpoint_url = {emulator}
max_attempts = 1
[profile twice]
endpoint_url = {emulator}
max_attempts = 2
retry_mode = adaptive
[services emulator]
mq =
  endpoint_url = {emulator}
[services nowhere]
mq =
  endpoint_url = {nowhere}
`)
	if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	base := newCLI(t, "AWS_CONFIG_FILE="+file, "AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED=true")
	keys := base.with("AWS_ACCESS_KEY_ID="+testKeyID, "AWS_SECRET_ACCESS_KEY="+testSecret, "AWS_REGION=us-east-1")

	tests := []struct {
		name string
		c    *cli
		args []string
	}{
		{"services section, keys in the environment", keys, nil},
		{"services section of --profile", base, []string{"--profile", "dev"}},
		{"services section of AWS_PROFILE", base.with("AWS_PROFILE=dev"), nil},
		{"AWS_ENDPOINT_URL_MQ over the services section", keys.with("AWS_PROFILE=nowhere", "AWS_ENDPOINT_URL_MQ="+srv.URL), nil},
		{"AWS_ENDPOINT_URL over the services section", keys.with("AWS_PROFILE=nowhere", "AWS_ENDPOINT_URL="+srv.URL), nil},
		{"--endpoint-url over everything", keys.with("AWS_PROFILE=nowhere", "AWS_ENDPOINT_URL_MQ="+nowhere, "AWS_ENDPOINT_URL="+nowhere),
			[]string{"--endpoint-url", srv.URL}},
	}
	for _, tc := range tests {
		if got := tc.c.ok(append([]string{"list-brokers", "--query", "length(BrokerSummaries)"}, tc.args...)...); got != "0\n" {
			t.Errorf("%s: %q", tc.name, got)
		}
	}

	// Settings that resolve to AWS: only printed, never sent.
	for name, c := range map[string]*cli{
		"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": keys.with("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true", "AWS_ENDPOINT_URL_MQ="+srv.URL),
		"no endpoint configured":              keys.with("AWS_PROFILE=dev2"),
	} {
		var d struct{ URL string }
		out := c.ok("list-brokers", "--dry-run", "--output", "json")
		if err := json.Unmarshal([]byte(out), &d); err != nil {
			t.Fatalf("%s: %v: %s", name, err, out)
		}
		if !strings.HasPrefix(d.URL, "https://mq.us-east-1.amazonaws.com/") {
			t.Errorf("%s: dry-run URL %s, want the AWS endpoint", name, d.URL)
		}
	}

	// max_attempts (and retry_mode) of the profile.
	once := base.with("AWS_ACCESS_KEY_ID="+testKeyID, "AWS_SECRET_ACCESS_KEY="+testSecret, "AWS_REGION=us-east-1", "AWS_PROFILE=once")
	srv.FailNext("ListBrokers", 1, mqtest.Fault{Kind: mqtest.Fault503})
	once.expect(1, "list-brokers")
	srv.FailNext("ListBrokers", 1, mqtest.Fault{Kind: mqtest.Fault503})
	once.ok("list-brokers", "--max-attempts", "2") // the flag wins
	twice := base.with("AWS_PROFILE=twice", "AWS_ACCESS_KEY_ID="+testKeyID, "AWS_SECRET_ACCESS_KEY="+testSecret)
	srv.FailNext("ListBrokers", 1, mqtest.Fault{Kind: mqtest.Fault503})
	twice.ok("list-brokers", "--region", "us-east-1")
	srv.FailNext("ListBrokers", 1, mqtest.Fault{Kind: mqtest.Fault503})
	twice.with("AWS_MAX_ATTEMPTS=1").expect(1, "list-brokers", "--region", "us-east-1") // the environment wins over the profile
	r := twice.with("AWS_MAX_ATTEMPTS=x").expect(2, "list-brokers", "--region", "us-east-1")
	if !strings.Contains(r.stderr, "AWS_MAX_ATTEMPTS") {
		t.Errorf("bad AWS_MAX_ATTEMPTS: %s", r.stderr)
	}
}
