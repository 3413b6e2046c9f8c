package main

import (
	"io"
	"os"
	"os/exec"
	"strings"
)

// pagerCommand is the pager the AWS CLI would page output through: none
// with --no-cli-pager, else AWS_PAGER, the profile's cli_pager, PAGER, then
// less; "" means no pager.
func (a *app) pagerCommand() string {
	if off, _ := a.root.PersistentFlags().GetBool("no-cli-pager"); off {
		return ""
	}
	if v, ok := a.lookupEnv("AWS_PAGER"); ok {
		return v
	}
	if v, ok := a.configValue("cli_pager"); ok {
		return v
	}
	if v, ok := a.lookupEnv("PAGER"); ok {
		return v
	}
	return "less"
}

// lookupEnv is os.LookupEnv through the app's environment: a variable set
// to "" is set (AWS_PAGER="" turns the pager off).
func (a *app) lookupEnv(key string) (string, bool) {
	if v := a.getenv(key); v != "" {
		return v, true
	}
	_, ok := os.LookupEnv(key)
	return "", ok
}

// withOutput runs write with the stream results go to: stdout, or, when
// stdout is a terminal and a pager is configured, the pager's standard
// input (LESS=FRX unless LESS is set, as the AWS CLI does). The pager is
// started only once something is written, and waited for.
func (a *app) withOutput(write func(io.Writer) error) error {
	if !isTerminal(a.stdout) {
		return write(a.stdout)
	}
	pager := strings.Fields(a.pagerCommand())
	if len(pager) == 0 {
		return write(a.stdout)
	}
	lp := &lazyPager{args: pager, stdout: a.stdout, stderr: a.stderr}
	err := write(lp)
	if werr := lp.wait(); err == nil {
		err = werr
	}
	return err
}

// lazyPager starts the pager at the first write.
type lazyPager struct {
	args           []string
	stdout, stderr io.Writer
	cmd            *exec.Cmd
	in             io.WriteCloser
	failed         error
}

// Write starts the pager if need be and writes p to it; a pager that quit
// (the user pressed q) makes later writes vanish, as in the AWS CLI.
func (l *lazyPager) Write(p []byte) (int, error) {
	if l.failed != nil {
		return 0, l.failed
	}
	if l.cmd == nil {
		cmd := exec.Command(l.args[0], l.args[1:]...)
		cmd.Stdout, cmd.Stderr = l.stdout, l.stderr
		cmd.Env = os.Environ()
		if _, ok := os.LookupEnv("LESS"); !ok {
			cmd.Env = append(cmd.Env, "LESS=FRX")
		}
		in, err := cmd.StdinPipe()
		if err == nil {
			err = cmd.Start()
		}
		if err != nil {
			l.failed = cliText("Unable to redirect output to pager. Received the following error when opening pager:\n" + err.Error())
			return 0, l.failed
		}
		l.cmd, l.in = cmd, in
	}
	_, _ = l.in.Write(p) // an error: the pager quit, nothing more to show
	return len(p), nil
}

// wait closes the pager's input and waits for it to quit.
func (l *lazyPager) wait() error {
	if l.cmd == nil {
		return nil
	}
	l.in.Close()
	_ = l.cmd.Wait() // how the pager exits is the user's business
	return nil
}
