package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/mqrest/mqrest/mqtest"
)

// TestPagerAtTerminal checks the pager as the AWS CLI uses it: only when
// stdout is a terminal; AWS_PAGER, else the profile's cli_pager; LESS=FRX
// given to it; AWS_PAGER="" and --no-cli-pager turn it off. The pager is a
// script that saves what it was given. It also checks that --color auto
// colours a table at a terminal, and not in a pipe.
func TestPagerAtTerminal(t *testing.T) {
	t.Parallel()
	_, c := newEmulator(t, mqtest.WithBrokerCreateDelay(0))
	id := c.createBroker("paged")
	dir := t.TempDir()
	saved := filepath.Join(dir, "paged")
	pager := filepath.Join(dir, "pager.sh")
	script := "#!/bin/sh\n{ echo \"LESS=$LESS\"; cat; } >> " + saved + "\n"
	if err := os.WriteFile(pager, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(dir, "config")
	if err := os.WriteFile(config, []byte("[default]\ncli_pager = "+pager+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name     string
		terminal bool
		env      []string
		args     []string
		paged    bool
	}{
		{"AWS_PAGER at a terminal", true, []string{"AWS_PAGER=" + pager}, nil, true},
		{"cli_pager at a terminal", true, []string{"AWS_CONFIG_FILE=" + config}, nil, true},
		{"AWS_PAGER empty wins over cli_pager", true, []string{"AWS_PAGER=", "AWS_CONFIG_FILE=" + config}, nil, false},
		{"--no-cli-pager", true, []string{"AWS_PAGER=" + pager}, []string{"--no-cli-pager"}, false},
		{"not a terminal", false, []string{"AWS_PAGER=" + pager}, nil, false},
	}
	for _, tc := range cases {
		os.Remove(saved)
		args := append([]string{"describe-broker", "--broker-id", id, "--query", "BrokerName"}, tc.args...)
		expect := `"paged"`
		if tc.paged || !tc.terminal {
			expect = ""
		}
		shown, stdout := runAtTerminal(t, c.with(tc.env...), tc.terminal, expect, args...)
		got, _ := os.ReadFile(saved)
		if tc.paged {
			if string(got) != "LESS=FRX\n\"paged\"\n" {
				t.Errorf("%s: the pager got %q, want LESS=FRX and the output", tc.name, got)
			}
			if strings.Contains(shown+stdout, `"paged"`) {
				t.Errorf("%s: the output went past the pager: %q", tc.name, shown+stdout)
			}
			continue
		}
		if len(got) != 0 {
			t.Errorf("%s: the pager ran and got %q", tc.name, got)
		}
		if !strings.Contains(shown+stdout, `"paged"`) {
			t.Errorf("%s: the output is missing: terminal %q, stdout %q", tc.name, shown, stdout)
		}
	}

	table := []string{"describe-broker", "--broker-id", id, "--query", "{N: BrokerName}", "--output", "table", "--no-cli-pager"}
	if shown, _ := runAtTerminal(t, c, true, ansiCell+"paged"+ansiReset, table...); !strings.Contains(shown, ansiCell+"paged"+ansiReset) {
		t.Errorf("--color auto at a terminal: no colour in %q", shown)
	}
	if _, out := runAtTerminal(t, c, false, "", table...); strings.Contains(out, "\x1b[") {
		t.Errorf("--color auto in a pipe: coloured %q", out)
	}
}

// runAtTerminal runs mqctl with stdout a terminal (or a pipe) and returns
// what the terminal showed (once it shows expect) and what went to the pipe.
func runAtTerminal(t *testing.T, c *cli, terminal bool, expect string, args ...string) (shown, stdout string) {
	t.Helper()
	p := openPTY(t)
	var out bytes.Buffer
	cmd := exec.Command(binary, args...)
	cmd.Env = c.env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = p.tty, &out, p.tty
	if terminal {
		cmd.Stdout = p.tty
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p.cmds = append(p.cmds, cmd)
	if err := wait(t, cmd); err != nil {
		t.Fatalf("mqctl %v: %v; terminal %q", args, err, p.shown())
	}
	if expect != "" {
		p.waitFor(t, expect, 1)
	}
	return p.shown(), out.String()
}
