package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeadCodeElimination checks that the linker can still drop the
// exported methods mqctl never calls. One reachable call of
// reflect.Value.Method, or of MethodByName with a computed name (as
// text/template makes, which cobra uses only for custom templates), keeps
// every exported method of every type in the binary: 4 MB more to load at
// every start.
func TestDeadCodeElimination(t *testing.T) {
	out, err := exec.Command("go", "tool", "nm", binary).Output()
	if err != nil {
		t.Fatalf("go tool nm: %v", err)
	}
	symbols := map[string]bool{}
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) == 3 {
			symbols[f[2]] = true
		}
	}
	if !symbols["main.main"] {
		t.Fatalf("go tool nm listed no main.main; output starts %.200q", out)
	}
	for _, sym := range []string{"reflect.Value.Method", "reflect.Value.MethodByName", "text/template.(*Template).Execute"} {
		if symbols[sym] {
			t.Errorf("mqctl links %s: the linker keeps every exported method", sym)
		}
	}
}
