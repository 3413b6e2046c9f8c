package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/mqtest"
)

// readmeSection is the README section whose sh blocks TestREADMEExamples runs.
const readmeSection = "## mqctl: scripted broker management"

// shellBlocks returns the ```sh blocks of the README section that starts
// with the heading line section.
func shellBlocks(t *testing.T, readme []byte, section string) []string {
	t.Helper()
	_, rest, ok := strings.Cut(string(readme), "\n"+section+"\n")
	if !ok {
		t.Fatalf("README has no %q section", section)
	}
	if i := strings.Index(rest, "\n## "); i >= 0 {
		rest = rest[:i]
	}
	var blocks []string
	for {
		_, after, ok := strings.Cut(rest, "```sh\n")
		if !ok {
			return blocks
		}
		block, tail, ok := strings.Cut(after, "```")
		if !ok {
			t.Fatalf("unterminated sh block in %q", section)
		}
		blocks = append(blocks, block)
		rest = tail
	}
}

// TestREADMEExamples runs the README's mqctl examples as they are written
// (create and wait, rotate a password from a file, find brokers by tag),
// one after the other in bash with the built mqctl first on PATH, against
// an emulator, and checks what they did.
func TestREADMEExamples(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatalf("the README examples are bash: %v", err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := shellBlocks(t, readme, readmeSection)
	if len(blocks) != 3 {
		t.Fatalf("%d sh blocks in %q, want the 3 examples", len(blocks), readmeSection)
	}
	for i, b := range blocks {
		if strings.Contains(b, "Password=") {
			t.Errorf("example %d puts a password on the command line:\n%s", i+1, b)
		}
	}

	srv, c := newEmulator(t, mqtest.WithBrokerCreateDelay(0))
	otherID := c.createBroker("payments")
	c.ok("create-tags", "--resource-arn", c.field("BrokerArn", "describe-broker", "--broker-id", otherID), "--tags", "team=payments")

	dir := t.TempDir()
	files := map[string]string{
		"users.json": `[{"Username": "admin", "Password": "adminPassword123", "ConsoleAccess": true},
			{"Username": "app", "Password": "appPassword12345"}]`,
		"new-password.txt": "rotatedPassword123\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bash, "-c", "set -u -o pipefail\n"+strings.Join(blocks, "\n"))
	cmd.Dir = dir
	cmd.Env = append(c.env, "PATH="+filepath.Dir(binary)+string(os.PathListSeparator)+os.Getenv("PATH"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("the examples failed: %v\nstdout:\n%s\nstderr:\n%s", err, out, stderr.Bytes())
	}

	m := regexp.MustCompile(`(?m)^created (b-[0-9a-f-]+)$`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no %q line; stdout:\n%s", "created <id>", out)
	}
	id := string(m[1])
	if got := c.field("BrokerState", "describe-broker", "--broker-id", id); got != "RUNNING" {
		t.Errorf("broker %s is %s after the examples", id, got)
	}
	if got := c.field("Users[].Username", "list-users", "--broker-id", id); got != "admin\tapp" {
		t.Errorf("users from users.json: %q", got)
	}
	arn := c.field("BrokerArn", "describe-broker", "--broker-id", id)
	if lines := strings.Fields(strings.TrimPrefix(string(out), string(m[0]))); len(lines) != 1 || lines[0] != arn {
		t.Errorf("the tag search printed %q, want only %s", lines, arn)
	}

	var updated, rebooted bool
	for _, r := range srv.Requests() {
		switch {
		case r.Operation == "UpdateUser" && r.Status == 200 && strings.HasSuffix(r.Path, "/"+id+"/users/app"):
			updated = true
		case r.Operation == "RebootBroker" && r.Status == 200 && updated:
			rebooted = true
		}
	}
	if !updated || !rebooted {
		t.Errorf("requests: password update %v, reboot after it %v", updated, rebooted)
	}
	if got := c.field("Pending", "describe-user", "--broker-id", id, "--username", "app"); got != "None" {
		t.Errorf("app's password change still pending after the reboot: %s", got)
	}
}
