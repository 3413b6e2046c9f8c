package enginetest

import (
	"os"
	"strings"
	"testing"
)

// readmeSection is the README section that shows the engines.
const readmeSection = "## Real brokers behind the emulator"

// TestREADMECode checks that the Go code the README's engines section
// shows is TestREADMEOrdersOverAMQP's body, as this module runs it.
func TestREADMECode(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n"+readmeSection)
	if !ok {
		t.Fatalf("README has no %q section", readmeSection)
	}
	if i := strings.Index(section, "\n## "); i >= 0 {
		section = section[:i]
	}
	_, block, ok := strings.Cut(section, "```go\n")
	if !ok {
		t.Fatal("the section has no go block")
	}
	block, _, _ = strings.Cut(block, "```")
	src, err := os.ReadFile("readme_example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	_, body, _ := strings.Cut(string(src), "func TestREADMEOrdersOverAMQP(t *testing.T) {\n")
	if !strings.Contains(block, "func TestOrders(t *testing.T) {\n"+body) {
		t.Fatalf("the README's go block is not TestREADMEOrdersOverAMQP; README:\n%s\ntest body:\n%s", block, body)
	}
}
