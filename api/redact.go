package api

import (
	"fmt"
	"io"
	"strings"
)

// Redacted is what sensitive members are printed as.
const Redacted = "<redacted>"

// The one redaction rule: the members the model marks sensitive (and those
// the overlay adds: broker user and LDAP service account passwords). Every
// shape that holds one, directly or nested, formats with every fmt verb
// (Format), prints (String, GoString), logs (LogValue) and renders as
// encoding/json (MarshalJSON) a copy with those members, where set,
// replaced by Redacted; the value is still sent on the wire, by the
// operation's own encoder (EncodeBody). Redact gives that copy to code that
// prints shapes by other means (the CLI's --debug, the emulator's request
// log).
//
// The methods cover the shapes wherever they sit: in slices ([]User),
// maps, structs and interfaces, with slog's text handler (fmt calls Format
// on each element) and JSON handler (encoding/json calls MarshalJSON on each
// element; slog consults LogValue only for the value logged). One case no
// method can cover: a bad verb at the top level, %w outside fmt.Errorf or
// of a non-error, and %p of a struct value, which fmt prints with every
// method of the operand disabled. go vet's printf check reports both; only
// changing the secret members' Go type (a string today) would hide them.

// redactor is implemented by pointers to the shapes that hold secrets.
type redactor interface{ redactedCopy() any }

// Redact returns v with its sensitive members redacted: for a pointer to a
// shape holding secrets, a pointer to a redacted copy; otherwise v itself.
func Redact(v any) any {
	if r, ok := v.(redactor); ok {
		return r.redactedCopy()
	}
	return v
}

// RedactBody returns the JSON request body of the operation with its
// sensitive members redacted, and whether it could be read: a body that is
// not the operation's JSON input is not returned (ok is false).
func (op *Operation) RedactBody(body []byte) (redacted []byte, ok bool) {
	if len(body) == 0 {
		return body, true
	}
	in := op.newInput()
	if err := (&serverRequest{op: op, body: body}).decodeBody(in); err != nil {
		return nil, false
	}
	if _, secret := any(in).(redactor); !secret {
		return body, true
	}
	b, err := op.EncodeBody(Redact(in))
	if err != nil {
		return nil, false
	}
	return b, true
}

// formatRedacted prints plain, the redacted copy of a shape converted to a
// type without methods, as the verb asks (%v and %s as %+v, with member
// names); %#v shows the shape's own type name.
func formatRedacted(f fmt.State, verb rune, name string, plain any) {
	format := fmt.FormatString(f, verb)
	if format == "%v" || format == "%s" {
		format = "%+v" // as String always printed: with member names
	}
	s := fmt.Sprintf(format, plain)
	if verb == 'v' && f.Flag('#') {
		if i := strings.IndexByte(s, '{'); i >= 0 {
			s = name + s[i:]
		}
	}
	_, _ = io.WriteString(f, s)
}
