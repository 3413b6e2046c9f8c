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
// shape that holds one, directly or nested, formats with every fmt verb,
// prints (String, GoString) and logs (LogValue) a copy with those members,
// where set, replaced by Redacted; the value is still sent on the wire.
// Redact gives that copy to code that prints shapes by other means (the
// CLI's --debug, the emulator's request log).

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
