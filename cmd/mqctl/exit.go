package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"reflect"
	"strings"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
)

// Exit codes of the AWS CLI v2, mqctl's default.
const (
	exitOK          = 0
	exitInterrupted = 130 // 128 + SIGINT
	exitParam       = 252 // usage or parse error, invalid input
	exitConfig      = 253 // no credentials, no region, a bad setting
	exitService     = 254 // the service answered with an error
	exitOther       = 255 // any other failure
)

// mqctl's detailed exit codes (--detailed-exit-codes,
// MQCTL_DETAILED_EXIT_CODES=1).
const (
	exitError        = 1 // other error
	exitUsage        = 2 // usage or configuration error
	exitAccessDenied = 3
	exitNotFound     = 4
	exitConflict     = 5
	exitThrottled    = 6
)

// errStyle is how the AWS CLI lays out a usage error on stderr.
type errStyle int

const (
	styleArgparse errStyle = iota // usage banner, then "mqctl: error: MSG"
	styleUnknown                  // usage banner, then MSG ("Unknown options: ...")
	stylePlain                    // MSG alone ("Error parsing parameter ...")
)

// usageError is a mistake in the command line: exit code 252 (2 detailed).
type usageError struct {
	msg   string
	style errStyle
}

// Error returns the message.
func (e *usageError) Error() string { return e.msg }

// usageErrorf returns a *usageError reported after the usage banner, as
// the AWS CLI reports its argument parser's errors.
func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// paramErrorf returns a *usageError reported on its own, as the AWS CLI
// reports a value it cannot parse ("Error parsing parameter '--x': ...").
func paramErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...), style: stylePlain}
}

// configError is a configuration the call cannot be made with: no
// credentials, no region, a bad setting. code is the AWS CLI's exit code
// for it (253, or 255 where the AWS CLI exits 255: an unknown output type,
// a bad retry_mode).
type configError struct {
	msg  string
	code int
	err  error // the underlying error, shown with --debug
}

// Error returns the message.
func (e *configError) Error() string { return e.msg }

// Unwrap returns the underlying error.
func (e *configError) Unwrap() error { return e.err }

// codedError carries the detailed exit code of an error whose kind the
// error itself does not tell (a failed or timed-out wait, for example).
type codedError struct {
	code        int
	err         error
	interrupted bool // by Ctrl-C or SIGTERM: the AWS CLI's 130
}

// Error returns the wrapped error's message.
func (e *codedError) Error() string { return e.err.Error() }

// Unwrap returns the wrapped error.
func (e *codedError) Unwrap() error { return e.err }

// Is makes an interrupted wait errors.Is context.Canceled.
func (e *codedError) Is(target error) bool { return e.interrupted && target == context.Canceled }

// Messages of the AWS CLI for missing credentials and region.
const (
	noCredentialsText = `Unable to locate credentials. You can configure credentials by running "aws configure".`
	noRegionText      = `You must specify a region. You can also configure your region by running "aws configure".`
)

// exitCode maps an error to the AWS CLI v2's exit code, or with detailed
// to mqctl's detailed one.
func exitCode(err error, detailed bool) int {
	if detailed {
		return detailedExitCode(err)
	}
	var ue *usageError
	var ce *configError
	var ve *api.ValidationError
	var ae *client.APIError
	var ad *client.AccessDeniedError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.As(err, &ue), errors.As(err, &ve), isCobraUsage(err):
		return exitParam
	case errors.As(err, &ce):
		return ce.code
	case errors.As(err, &ad), errors.As(err, &ae):
		return exitService
	}
	return exitOther
}

// detailedExitCode maps an error to mqctl's detailed exit codes.
func detailedExitCode(err error) int {
	var ue *usageError
	var ce *codedError
	var cfg *configError
	var ve *api.ValidationError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ce):
		return ce.code
	case errors.As(err, &ue), errors.As(err, &ve), errors.As(err, &cfg), errors.Is(err, api.ErrInvalidRegion), isCobraUsage(err):
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

// detailedExitCodes reports whether mqctl's detailed exit codes are asked
// for, by the flag or the environment. The flag is looked for in args as
// well, so that it applies to errors in parsing the flags themselves.
func (a *app) detailedExitCodes(args []string) bool {
	if a.g.detailedExitCodes {
		return true
	}
	switch a.getenv("MQCTL_DETAILED_EXIT_CODES") {
	case "1", "true", "TRUE", "True", "yes":
		return true
	}
	for _, arg := range args {
		if arg == "--" {
			break
		}
		if arg == "--detailed-exit-codes" {
			return true
		}
	}
	return false
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

// usageBanner is what the AWS CLI prints before an argument error, with
// mqctl's command line.
const usageBanner = `usage: mqctl [options] [mq] <operation> [parameters]
To see help text, you can run:

  mqctl help
  mqctl <operation> help
`

// report prints err on stderr as the AWS CLI prints it (an empty line, the
// message, an empty line) and returns the exit code. An access denial is
// followed by mqctl's explanation and fix.
func (a *app) report(err error, detailed bool) int {
	code := exitCode(err, detailed)
	if err == nil {
		return code
	}
	w := a.stderr
	var ue *usageError
	var ce *configError
	var coded *codedError
	var ad *client.AccessDeniedError
	var ae *client.APIError
	var ve *api.ValidationError
	switch {
	case errors.As(err, &ad):
		fmt.Fprintf(w, "\n%s\n", serviceErrorText(ad.Err, ad.Operation))
		fmt.Fprintf(w, "mqctl: %s\n", trimPrefix(ad.Error()))
		if fix := ad.Fix(); fix.Text != "" {
			fmt.Fprintf(w, "mqctl: fix: %s\n", fix.Text)
			if fix.Policy != nil {
				fmt.Fprintln(w, fix.Policy.String())
			}
		}
	case errors.As(err, &ae):
		fmt.Fprintf(w, "\n%s\n", serviceErrorText(ae, ae.Operation))
	case errors.As(err, &ve):
		fmt.Fprintf(w, "\nParameter validation failed:\n%s\n", describeProblems(ve))
	case errors.As(err, &ue):
		writeUsageError(w, ue.msg, ue.style)
	case isCobraUsage(err):
		writeUsageError(w, err.Error(), styleArgparse)
	case errors.As(err, &ce):
		fmt.Fprintf(w, "\n%s\n", ce.msg)
		if ce.err != nil {
			a.debugf("%v", ce.err)
		}
	case errors.As(err, &coded) && coded.interrupted: // its text says "interrupted" itself
		fmt.Fprintf(w, "\nmqctl: %s\n", err.Error())
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(w, "\nmqctl: interrupted: %s\n", trimPrefix(err.Error()))
	default:
		fmt.Fprintf(w, "\n%s\n", otherErrorText(err))
	}
	return code
}

// writeUsageError prints a usage error in the AWS CLI's layout for style.
func writeUsageError(w io.Writer, msg string, style errStyle) {
	switch style {
	case styleArgparse:
		fmt.Fprintf(w, "\n%s\nmqctl: error: %s\n\n", usageBanner, msg)
	case styleUnknown:
		fmt.Fprintf(w, "\n%s%s\n\n", usageBanner, msg)
	default:
		fmt.Fprintf(w, "\n%s\n", msg)
	}
}

// serviceErrorText is the AWS CLI's line for an error the service
// answered: "An error occurred (Code) when calling the Op operation: msg",
// with "(reached max retries: N)" when the retries ran out.
func serviceErrorText(e *client.APIError, op string) string {
	var b strings.Builder
	code := "Unknown"
	msg := "Unknown"
	if e != nil {
		code, msg = orDefault(e.Code, code), orDefault(e.Message, msg)
		op = orDefault(e.Operation, op)
	}
	fmt.Fprintf(&b, "An error occurred (%s) when calling the %s operation", code, op)
	if e != nil && e.Attempts > 1 {
		fmt.Fprintf(&b, " (reached max retries: %d)", e.Attempts-1)
	}
	b.WriteString(": " + msg)
	return b.String()
}

// otherErrorText words a failure that is neither the caller's nor the
// service's: the AWS CLI's text for an endpoint that cannot be reached,
// mqctl's own otherwise.
func otherErrorText(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		u := ue.URL
		var ne net.Error
		switch {
		case errors.As(err, &ne) && ne.Timeout() && isDial(err):
			return fmt.Sprintf("Connect timeout on endpoint URL: %q", u)
		case errors.As(err, &ne) && ne.Timeout():
			return fmt.Sprintf("Read timeout on endpoint URL: %q", u)
		case isDial(err):
			return fmt.Sprintf("Could not connect to the endpoint URL: %q", u)
		}
	}
	var ct cliText
	if errors.As(err, &ct) {
		return string(ct) // worded as the AWS CLI words it (a --query evaluation error)
	}
	return "mqctl: " + trimPrefix(err.Error())
}

// isDial reports whether err happened while connecting.
func isDial(err error) bool {
	var oe *net.OpError
	var de *net.DNSError
	return (errors.As(err, &oe) && oe.Op == "dial") || errors.As(err, &de)
}

// trimPrefix drops the library's "mqrest: " prefixes from a message.
func trimPrefix(msg string) string {
	return strings.ReplaceAll(msg, "mqrest: ", "")
}

// describeProblems lists a validation error's problems, one a line, under
// the names the user typed: --broker-name for a top-level member,
// Users[0].Password inside a structure; a missing required member as the
// AWS CLI words it.
func describeProblems(ve *api.ValidationError) string {
	op := api.Lookup(ve.Operation)
	parts := make([]string, 0, len(ve.Problems))
	for _, p := range ve.Problems {
		if p.Reason == "required" {
			path := memberPath(op, p.Member)
			parent, child := "input", path
			if i := strings.LastIndexByte(path, '.'); i >= 0 {
				parent, child = path[:i], path[i+1:]
			}
			parts = append(parts, fmt.Sprintf("Missing required parameter in %s: %q", parent, child))
			continue
		}
		parts = append(parts, fmt.Sprintf("Invalid value for parameter %s: %s", problemName(op, p.Member), p.Reason))
	}
	return strings.Join(parts, "\n")
}

// memberPath is the model's name of the member at wirePath, e.g.
// "BrokerId", "Users[0].Password".
func memberPath(op *api.Operation, wirePath string) string {
	if m, tail, ok := inputMemberAt(op, wirePath); ok {
		return m.name + tail
	}
	return wirePath
}

// problemName turns a wire member path ("users[0].password", "brokerName",
// "BrokerId") into the flag and member names of the command line
// ("--users[0].Password", "--broker-name", "--broker-id").
func problemName(op *api.Operation, wirePath string) string {
	if m, tail, ok := inputMemberAt(op, wirePath); ok {
		return "--" + commandName(m.name) + tail
	}
	return wirePath
}

// inputMemberAt finds the top-level input member of op that wirePath
// starts at (by its wire or its model name), and the rest of the path in
// model names: for "users[0].password" the Users member and
// "[0].Password".
func inputMemberAt(op *api.Operation, wirePath string) (m member, tail string, ok bool) {
	if op == nil || wirePath == "" {
		return member{}, "", false
	}
	head, idx, rest := splitPath(wirePath)
	for _, m := range membersOf(op.Input) {
		if m.wire == head || m.name == head {
			tail = idx
			if rest != "" {
				tail += "." + nestedName(m.typ, rest)
			}
			return m, tail, true
		}
	}
	return member{}, "", false
}

// splitPath splits a member path ("users[0].password") into its first
// member ("users"), that member's index ("[0]") and the rest ("password").
func splitPath(path string) (head, idx, rest string) {
	head, rest, _ = strings.Cut(path, ".")
	if i := strings.IndexByte(head, '['); i >= 0 {
		head, idx = head[:i], head[i:]
	}
	return head, idx, rest
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
	head, idx, rest := splitPath(wirePath)
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
