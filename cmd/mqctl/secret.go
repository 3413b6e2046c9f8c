package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"
)

// readSecret reads a secret member for --x-stdin. From a pipe or a file, as
// scripts give it, it reads everything up to the end. At a terminal it
// prompts on prompt and reads one line with the terminal's echo off, so the
// password never shows on the screen; Ctrl-C there restores the echo before
// the signal ends mqctl.
func readSecret(stdin io.Reader, prompt io.Writer, name string) ([]byte, error) {
	f, ok := stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return io.ReadAll(stdin)
	}
	fd := int(f.Fd())
	state, err := term.GetState(fd)
	if err != nil {
		return nil, err
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		select {
		case sig := <-sigs:
			_ = term.Restore(fd, state)
			fmt.Fprintln(prompt)
			signal.Reset(os.Interrupt, syscall.SIGTERM)
			if p, err := os.FindProcess(os.Getpid()); err == nil && p.Signal(sig) == nil {
				select {} // the signal ends the process, as it ends other commands
			}
			os.Exit(exitError)
		case <-done:
		}
	}()
	fmt.Fprintf(prompt, "%s: ", name)
	line, err := term.ReadPassword(fd)
	fmt.Fprintln(prompt)
	close(done)
	<-stopped
	signal.Stop(sigs)
	return line, err
}
