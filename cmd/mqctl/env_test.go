package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/mqrest/mqrest/mqtest"
)

// TestNoNetworkLookupAtStartup points the EC2 metadata service (IMDS) at a
// recording server and checks that a run with region and credentials in
// the environment never calls it.
func TestNoNetworkLookupAtStartup(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	imds := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Error(w, "no", http.StatusNotFound)
	}))
	defer imds.Close()
	_, c := newEmulator(t)
	c = c.with("AWS_EC2_METADATA_SERVICE_ENDPOINT="+imds.URL, "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv4")
	c.ok("list-brokers")
	c.ok("list-configurations", "--output", "text")
	if n := hits.Load(); n != 0 {
		t.Errorf("the metadata service was called %d times", n)
	}
}

// TestProfileAndEnvironment checks --profile (shared config and
// credentials files), AWS_DEFAULT_REGION, AWS_ENDPOINT_URL as a fallback,
// AWS_MAX_ATTEMPTS and AWS_DEFAULT_OUTPUT.
func TestProfileAndEnvironment(t *testing.T) {
	t.Parallel()
	srv, _ := newEmulator(t, mqtest.WithBrokerCreateDelay(0))
	home := t.TempDir()
	aws := filepath.Join(home, ".aws")
	if err := os.MkdirAll(aws, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(aws, "config"), []byte("[profile dev]\nregion = us-east-1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(aws, "credentials"), []byte("[dev]\naws_access_key_id = "+testKeyID+
		"\naws_secret_access_key = "+testSecret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	base := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "AWS_EC2_METADATA_DISABLED=true"}
	c := &cli{t: t, env: append(base, "AWS_ENDPOINT_URL="+srv.URL)}
	if got := c.ok("list-brokers", "--profile", "dev"); !strings.Contains(got, "BrokerSummaries") {
		t.Errorf("--profile dev: %q", got)
	}
	c = c.with("AWS_PROFILE=dev", "AWS_DEFAULT_OUTPUT=text")
	if got := c.ok("list-configurations", "--query", "length(Configurations)"); got != "0\n" {
		t.Errorf("AWS_PROFILE + AWS_DEFAULT_OUTPUT=text: %q", got)
	}

	env := &cli{t: t, env: append(base, "AWS_ACCESS_KEY_ID="+testKeyID, "AWS_SECRET_ACCESS_KEY="+testSecret,
		"AWS_DEFAULT_REGION=us-east-1", "AWS_ENDPOINT_URL=http://127.0.0.1:1", "AWS_ENDPOINT_URL_MQ="+srv.URL)}
	env.ok("list-brokers")
	srv.FailNext("ListBrokers", 1, mqtest.Fault{Kind: mqtest.Fault503})
	env.with("AWS_MAX_ATTEMPTS=1").expect(1, "list-brokers")
	srv.FailNext("ListBrokers", 1, mqtest.Fault{Kind: mqtest.Fault503})
	env.with("AWS_MAX_ATTEMPTS=2").ok("list-brokers")
	r := (&cli{t: t, env: append(base, "AWS_ACCESS_KEY_ID="+testKeyID, "AWS_SECRET_ACCESS_KEY="+testSecret)}).expectAWS(253, "list-brokers", "--endpoint-url", srv.URL)
	if r.stderr != "\n"+noRegionText+"\n" {
		t.Errorf("no region: %q", r.stderr)
	}
	r = env.expect(2, "list-brokers", "--region", "bad region!")
	if !strings.HasPrefix(r.stderr, "\nProvided region_name 'bad region!' doesn't match a supported format.\n") {
		t.Errorf("invalid region: %q", r.stderr)
	}
}

// TestVersionAndCompletion checks `mqctl version`, --version and cobra's
// completion scripts.
func TestVersionAndCompletion(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	if got := c.ok("version"); !strings.HasPrefix(got, "mqctl "+version+" ") {
		t.Errorf("version: %q", got)
	}
	if got := c.ok("--version"); got != "mqctl "+version+"\n" {
		t.Errorf("--version: %q", got)
	}
	for _, sh := range []string{"bash", "zsh", "fish"} {
		if got := c.ok("completion", sh); !strings.Contains(got, "mqctl") {
			t.Errorf("completion %s: %.80q", sh, got)
		}
	}
	if got := c.ok("__complete", "describe-b"); !strings.Contains(got, "describe-broker") {
		t.Errorf("__complete: %q", got)
	}
}
