package main

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
)

// Exit codes.
const (
	exitOK           = 0
	exitError        = 1
	exitUsage        = 2
	exitAccessDenied = 3
	exitNotFound     = 4
	exitConflict     = 5
	exitThrottled    = 6
)

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ msg string }

// Error returns the message.
func (e *usageError) Error() string { return e.msg }

// usageErrorf returns a *usageError.
func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// codedError carries the exit code of an error whose kind the error
// itself does not tell (a failed or timed-out wait, for example).
type codedError struct {
	code int
	err  error
}

// Error returns the wrapped error's message.
func (e *codedError) Error() string { return e.err.Error() }

// Unwrap returns the wrapped error.
func (e *codedError) Unwrap() error { return e.err }

// exitCode maps an error to the exit code scripts rely on.
func exitCode(err error) int {
	var ue *usageError
	var ce *codedError
	var ve *api.ValidationError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ce):
		return ce.code
	case errors.As(err, &ue), errors.As(err, &ve), errors.Is(err, api.ErrInvalidRegion), isCobraUsage(err):
		return exitUsage
	case errors.Is(err, client.ErrAccessDenied):
		return exitAccessDenied
	case errors.Is(err, client.ErrThrottled):
		return exitThrottled
	case errors.Is(err, client.ErrNotFound):
		return exitNotFound
	case errors.Is(err, client.ErrConflict):
		return exitConflict
	}
	return exitError
}

// isCobraUsage recognises the usage errors cobra returns as plain errors.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "invalid argument",
		"flag needs an argument", "required flag", "accepts ", "bad flag syntax", "if any flags in the group"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// report prints err on stderr, in one line where it can, and returns the
// exit code.
func (a *app) report(cmd *cobra.Command, err error) int {
	code := exitCode(err)
	if err == nil {
		return code
	}
	var ad *client.AccessDeniedError
	var ve *api.ValidationError
	switch {
	case errors.As(err, &ad):
		fmt.Fprintf(a.stderr, "mqctl: %s\n", trimPrefix(ad.Error()))
		if fix := ad.Fix(); fix.Text != "" {
			fmt.Fprintf(a.stderr, "mqctl: fix: %s\n", fix.Text)
			if fix.Policy != nil {
				fmt.Fprintln(a.stderr, fix.Policy.String())
			}
		}
	case errors.As(err, &ve):
		fmt.Fprintf(a.stderr, "mqctl: %s: invalid input: %s\n", commandName(ve.Operation), describeProblems(ve))
		fmt.Fprintf(a.stderr, "Run 'mqctl %s --help' for usage.\n", commandName(ve.Operation))
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(a.stderr, "mqctl: interrupted: %s\n", trimPrefix(err.Error()))
	default:
		fmt.Fprintf(a.stderr, "mqctl: %s\n", trimPrefix(err.Error()))
		if code == exitUsage {
			fmt.Fprintf(a.stderr, "Run '%s --help' for usage.\n", commandPath(cmd))
		}
	}
	return code
}

// commandPath is the command line that reaches cmd, "mqctl" at least.
func commandPath(cmd *cobra.Command) string {
	if cmd == nil {
		return "mqctl"
	}
	return cmd.CommandPath()
}

// trimPrefix drops the library's "mqrest: " prefixes from a message.
func trimPrefix(msg string) string {
	return strings.ReplaceAll(msg, "mqrest: ", "")
}

// describeProblems lists a validation error's problems under the names the
// user typed: --broker-name for a top-level member, Users[0].Password
// inside a structure.
func describeProblems(ve *api.ValidationError) string {
	op := api.Lookup(ve.Operation)
	parts := make([]string, 0, len(ve.Problems))
	for _, p := range ve.Problems {
		parts = append(parts, problemName(op, p.Member)+": "+p.Reason)
	}
	return strings.Join(parts, "; ")
}

// problemName turns a wire member path ("users[0].password", "brokerName",
// "BrokerId") into the flag and member names of the command line
// ("--users[0].Password", "--broker-name", "--broker-id").
func problemName(op *api.Operation, wirePath string) string {
	if op == nil || wirePath == "" {
		return wirePath
	}
	head, rest, _ := strings.Cut(wirePath, ".")
	idx := ""
	if i := strings.IndexByte(head, '['); i >= 0 {
		head, idx = head[:i], head[i:]
	}
	t := op.Input
	for _, m := range membersOf(t) {
		if m.wire != head {
			continue
		}
		name := "--" + commandName(m.name) + idx
		if rest != "" {
			name += "." + nestedName(m.typ, rest)
		}
		return name
	}
	return wirePath
}

// nestedName maps a wire path inside the struct type t to member names.
func nestedName(t reflect.Type, wirePath string) string {
	t = indirect(t)
	if t.Kind() == reflect.Slice {
		t = indirect(t.Elem())
	}
	if t.Kind() != reflect.Struct {
		return wirePath
	}
	head, rest, _ := strings.Cut(wirePath, ".")
	idx := ""
	if i := strings.IndexByte(head, '['); i >= 0 {
		head, idx = head[:i], head[i:]
	}
	for _, m := range membersOf(t) {
		if m.wire == head {
			if rest != "" {
				return m.name + idx + "." + nestedName(m.typ, rest)
			}
			return m.name + idx
		}
	}
	return wirePath
}
