package api

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// ValidationError reports every problem found in an input before anything
// is sent (or, in the emulator, before anything is done).
type ValidationError struct {
	// Operation is the operation whose input was invalid.
	Operation string
	// Problems lists each invalid member; never empty.
	Problems []Problem
}

// Problem is one invalid member of an input.
type Problem struct {
	// Member is the member's wire name, with a path for nested members,
	// e.g. "brokerName", "users[0].password", "BrokerId", "maxResults".
	Member string
	// Reason says what is wrong, e.g. "required". It never quotes a secret.
	Reason string
}

// Error lists the problems on one line.
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("mqrest: invalid ")
	b.WriteString(e.Operation)
	b.WriteString(" input: ")
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		if p.Member != "" {
			b.WriteString(p.Member)
			b.WriteString(": ")
		}
		b.WriteString(p.Reason)
	}
	return b.String()
}

// Members returns the names of the invalid members.
func (e *ValidationError) Members() []string {
	out := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = p.Member
	}
	return out
}

// Validate checks in (a pointer to the operation's input; nil counts as the
// zero input) and returns a *ValidationError listing every problem at once:
// missing required members (nested ones too), the model's ranges and
// lengths, and the documented limits on user names, passwords, broker and
// configuration names and tag resource ARNs. Enums are open: a value the
// API version does not list is sent, as the official SDK sends it.
func (op *Operation) Validate(in any) error { return op.validate(in, false) }

// ValidateStrict is Validate as the service applies it: an enum value the
// API version does not list is a problem too. It is for servers.
func (op *Operation) ValidateStrict(in any) error { return op.validate(in, true) }

func (op *Operation) validate(in any, strict bool) error {
	i, err := op.inputOf(in)
	if err != nil {
		return err
	}
	vd := validator{strict: strict}
	i.validate(&vd)
	if len(vd.probs) == 0 {
		return nil
	}
	return &ValidationError{Operation: op.Name, Problems: vd.probs}
}

// enumValuer is implemented by every enum type.
type enumValuer interface{ valuesAsStrings() []string }

var enumValuerType = reflect.TypeFor[enumValuer]()

// EnumValues returns the values of the enum type t (e.g.
// reflect.TypeFor[EngineType]() gives ACTIVEMQ, RABBITMQ), or of the
// element type of a list of enums; nil when t is no enum of this package.
// It is for code that handles the shapes generically, such as command-line
// flags; it allocates a new slice on every call.
func EnumValues(t reflect.Type) []string {
	if t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.String || !t.Implements(enumValuerType) {
		return nil
	}
	return reflect.Zero(t).Interface().(enumValuer).valuesAsStrings()
}

// validator collects the problems of an input as the generated validate
// methods walk it. It keeps the path to the member being checked as a
// stack, rendered only when a problem is reported, so that validating a
// valid input allocates nothing.
type validator struct {
	probs  []Problem
	path   [8]pathElem // inputs nest 3 deep at most
	depth  int
	strict bool // enum values must be known (the service's check)
}

type pathElem struct {
	wire  string
	index int // element index of a list member, or -1
}

// enter and leave bracket the members of a nested structure; index is the
// element index of a list member, or -1.
func (vd *validator) enter(wire string, index int) {
	if vd.depth < len(vd.path) {
		vd.path[vd.depth] = pathElem{wire, index}
	}
	vd.depth++
}

func (vd *validator) leave() { vd.depth-- }

// name returns the member name of wire at the current path: wire itself
// for a top-level member, else e.g. "users[0].password".
func (vd *validator) name(wire string) string {
	if vd.depth == 0 {
		return wire
	}
	var b strings.Builder
	for _, e := range vd.path[:min(vd.depth, len(vd.path))] {
		b.WriteString(e.wire)
		if e.index >= 0 {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(e.index))
			b.WriteByte(']')
		}
		b.WriteByte('.')
	}
	b.WriteString(wire)
	return b.String()
}

func (vd *validator) add(wire, reason string) {
	vd.probs = append(vd.probs, Problem{Member: vd.name(wire), Reason: reason})
}

func (vd *validator) missing(wire string) { vd.add(wire, "required") }

// check records reason, the result of a Check function, unless it is "".
func (vd *validator) check(wire, reason string) {
	if reason != "" {
		vd.add(wire, reason)
	}
}

// label rejects the dot segments: escaping keeps every other value inside
// its segment, but a proxy that normalizes paths would remove "." or "..",
// turning DeleteUser of ".." into DeleteBroker.
func (vd *validator) label(wire, s string) {
	if s == "." || s == ".." {
		vd.add(wire, `must not be "." or ".."`)
	}
}

// enum checks an enum value in strict (service) mode only.
func (vd *validator) enum(wire, s string, values []string) {
	if vd.strict && !slices.Contains(values, s) {
		vd.add(wire, "must be one of "+strings.Join(values, ", "))
	}
}

func nameChars(s string, extra string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(extra, c) >= 0 {
			continue
		}
		return false
	}
	return true
}

// CheckUsername returns why s is not a valid broker user name (2–100
// letters, digits, '-', '.', '_' and '~'), or "".
func CheckUsername(s string) string {
	if len(s) < 2 || len(s) > 100 || !nameChars(s, "-._~") {
		return "must be 2-100 letters, digits, '-', '.', '_' or '~'"
	}
	return ""
}

// CheckPassword returns why s is not a valid broker user password (12–250
// characters, at least 4 distinct, no ',', ':' or '='), or "". The reason
// never contains the password.
func CheckPassword(s string) string {
	if len(s) < 12 || len(s) > 250 {
		return "must be 12-250 characters"
	}
	if strings.ContainsAny(s, ",:=") {
		return "must not contain ',', ':' or '='"
	}
	var seen [4]rune // the first four distinct characters
	n := 0
	for _, r := range s {
		if n < len(seen) && !slices.Contains(seen[:n], r) {
			seen[n] = r
			n++
		}
	}
	if n < 4 {
		return "must contain at least 4 distinct characters"
	}
	return ""
}

// CheckGroups returns why groups is not a valid list of broker user groups
// (at most 20, each named as a user name is), or "".
func CheckGroups(groups []string) string {
	if len(groups) > 20 {
		return "at most 20 groups"
	}
	for j, g := range groups {
		if r := CheckUsername(g); r != "" {
			return "group " + strconv.Itoa(j) + ": " + r
		}
	}
	return ""
}

// CheckBrokerName returns why s is not a valid broker name (1–50 letters,
// digits, '-' and '_'), or "".
func CheckBrokerName(s string) string {
	if len(s) < 1 || len(s) > 50 || !nameChars(s, "-_") {
		return "must be 1-50 letters, digits, '-' or '_'"
	}
	return ""
}

// CheckConfigurationName returns why s is not a valid configuration name
// (1–150 letters, digits, '-', '.', '_' and '~'), or "".
func CheckConfigurationName(s string) string {
	if len(s) < 1 || len(s) > 150 || !nameChars(s, "-._~") {
		return "must be 1-150 letters, digits, '-', '.', '_' or '~'"
	}
	return ""
}

// CheckTaggableARN returns why s is not the ARN of an Amazon MQ broker or
// configuration, or "".
func CheckTaggableARN(s string) string {
	if _, err := ParseARN(s); err != nil {
		return err.Error()
	}
	return ""
}
