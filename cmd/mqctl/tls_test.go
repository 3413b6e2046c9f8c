package main

import (
	"encoding/pem"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/mqtest"
)

// TestTLSOptions runs mqctl against the emulator behind HTTPS with a
// certificate no system trusts: refused by default, accepted with
// --ca-bundle or AWS_CA_BUNDLE naming it, or with --no-verify-ssl (with a
// warning); a missing or empty bundle is a usage error.
func TestTLSOptions(t *testing.T) {
	t.Parallel()
	h := mqtest.NewHandler()
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	bundle := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(bundle, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.pem")
	if err := os.WriteFile(empty, []byte("not a certificate\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c := newCLI(t, "AWS_ACCESS_KEY_ID="+testKeyID, "AWS_SECRET_ACCESS_KEY="+testSecret,
		"AWS_REGION=us-east-1", "AWS_ENDPOINT_URL_MQ="+srv.URL)

	r := c.expect(1, "list-brokers", "--max-attempts", "1")
	if !strings.Contains(r.stderr, "certificate") {
		t.Errorf("untrusted certificate: stderr %q", r.stderr)
	}
	if n := len(h.Requests()); n != 0 {
		t.Fatalf("%d requests reached the server through an unverified connection", n)
	}
	c.ok("list-brokers", "--ca-bundle", bundle)
	c.with("AWS_CA_BUNDLE=" + bundle).ok("list-brokers")
	r = c.expect(0, "list-brokers", "--no-verify-ssl")
	if !strings.Contains(r.stderr, "warning: --no-verify-ssl") {
		t.Errorf("--no-verify-ssl printed no warning: %q", r.stderr)
	}
	if n := len(h.Requests()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
	// A profile's ca_bundle, when neither --ca-bundle nor AWS_CA_BUNDLE is
	// set; the AWS config files live in a HOME of their own.
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, ".aws"), 0o700); err != nil {
		t.Fatal(err)
	}
	cfgFile := "[profile tls]\nregion = us-east-1\nca_bundle = " + bundle + "\n[profile plain]\nregion = us-east-1\n"
	credFile := "[tls]\naws_access_key_id = " + testKeyID + "\naws_secret_access_key = " + testSecret +
		"\n[plain]\naws_access_key_id = " + testKeyID + "\naws_secret_access_key = " + testSecret + "\n"
	for name, content := range map[string]string{"config": cfgFile, "credentials": credFile} {
		if err := os.WriteFile(filepath.Join(home, ".aws", name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	p := &cli{t: t, env: []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "AWS_EC2_METADATA_DISABLED=true", "AWS_ENDPOINT_URL_MQ=" + srv.URL}}
	p.ok("list-brokers", "--profile", "tls")
	if r := p.expect(1, "list-brokers", "--profile", "plain", "--max-attempts", "1"); !strings.Contains(r.stderr, "certificate") {
		t.Errorf("profile without ca_bundle: stderr %q", r.stderr)
	}
	if n := len(h.Requests()); n != 4 {
		t.Errorf("%d requests, want 4", n)
	}

	for _, tc := range []struct{ args, want string }{
		{"--ca-bundle " + filepath.Join(dir, "missing.pem"), "--ca-bundle: cannot read the CA bundle"},
		{"--ca-bundle " + empty, "holds no PEM certificate"},
	} {
		r := c.expect(2, append([]string{"list-brokers"}, strings.Fields(tc.args)...)...)
		if !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%s: stderr %q, want %q", tc.args, r.stderr, tc.want)
		}
	}
}

// TestNoSignRequest checks --no-sign-request: the request goes out with no
// Authorization header, even with credentials in the environment, and
// --dry-run shows it so.
func TestNoSignRequest(t *testing.T) {
	t.Parallel()
	srv, c := newEmulator(t)
	c.run("list-brokers", "--no-sign-request")
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	if got := reqs[0].Header.Get("Authorization"); got != "" {
		t.Errorf("--no-sign-request sent Authorization %q", got)
	}
	out := c.ok("list-brokers", "--no-sign-request", "--dry-run", "--output", "json")
	if strings.Contains(out, "Authorization") || !strings.Contains(out, `"Method": "GET"`) {
		t.Errorf("--dry-run --no-sign-request:\n%s", out)
	}
	c.ok("list-brokers", "--color", "off", "--cli-binary-format", "raw-in-base64-out")
	r := c.expect(2, "list-brokers", "--color", "blue")
	if !strings.Contains(r.stderr, "--color") {
		t.Errorf("--color blue: %q", r.stderr)
	}
}

// TestCABundleUnusedWithoutTLS checks that an http:// endpoint does not
// make mqctl parse the CA bundle (AWS_CA_BUNDLE is often set for every
// tool, and parsing a system-sized one takes milliseconds): a file that is
// no bundle at all goes unnoticed, while a missing one is still an error.
func TestCABundleUnusedWithoutTLS(t *testing.T) {
	t.Parallel()
	_, c := newEmulator(t)
	notPEM := filepath.Join(t.TempDir(), "not.pem")
	if err := os.WriteFile(notPEM, []byte("not a certificate\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c.with("AWS_CA_BUNDLE=" + notPEM).ok("list-brokers")
	r := c.expect(2, "list-brokers", "--ca-bundle", notPEM+".missing")
	if !strings.Contains(r.stderr, "cannot read the CA bundle") {
		t.Errorf("missing bundle: %q", r.stderr)
	}
	r = c.with("HTTPS_PROXY=http://127.0.0.1:1").expect(2, "list-brokers", "--ca-bundle", notPEM)
	if !strings.Contains(r.stderr, "holds no PEM certificate") {
		t.Errorf("with a proxy the bundle is used: %q", r.stderr)
	}
}
