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
// missing required members (nested ones too), enum values the API does not
// know, and the documented limits on user names, passwords, broker and
// configuration names, page sizes and tag resource ARNs.
func (op *Operation) Validate(in any) error {
	v, err := op.inputValue(in)
	if err != nil {
		return err
	}
	ip := op.inPlan()
	var vd validator
	vd.walk(ip, v)
	if len(vd.probs) == 0 {
		return nil
	}
	return &ValidationError{Operation: op.Name, Problems: vd.probs}
}

// enum is implemented by every enum type.
type enumValuer interface{ valuesAsStrings() []string }

var enumValuerType = reflect.TypeFor[enumValuer]()

// EnumValues returns the values of the enum type t (e.g.
// reflect.TypeFor[EngineType]() gives ACTIVEMQ, RABBITMQ), or of the
// element type of a list of enums; nil when t is no enum of this package.
// It is for code that handles the shapes generically, such as decoders and
// command-line flags; it allocates a new slice on every call.
func EnumValues(t reflect.Type) []string {
	if t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.String || !t.Implements(enumValuerType) {
		return nil
	}
	return reflect.Zero(t).Interface().(enumValuer).valuesAsStrings()
}

// validator walks an input. It keeps the path to the member being checked
// as a stack of names, rendered only when a problem is reported, so that
// validating a valid input allocates nothing.
type validator struct {
	probs []Problem
	path  [8]pathElem // inputs nest 3 deep at most
	depth int
}

type pathElem struct {
	wire  string
	index int // element index of a list member, or -1
}

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

func (vd *validator) walk(p *plan, v reflect.Value) {
	for i := range p.fields {
		f := &p.fields[i]
		fv := v.Field(f.index)
		if f.required && isZero(fv) {
			vd.probs = append(vd.probs, Problem{Member: vd.name(f.wire), Reason: "required"})
			continue
		}
		if f.loc == inPath && (fv.String() == "." || fv.String() == "..") {
			// Escaping keeps every other value inside its segment; a dot
			// segment would be removed by any proxy that normalizes paths,
			// turning DeleteUser of ".." into DeleteBroker.
			vd.probs = append(vd.probs, Problem{Member: vd.name(f.wire), Reason: "must not be \".\" or \"..\""})
			continue
		}
		if reason := checkMember(f, fv); reason != "" {
			vd.probs = append(vd.probs, Problem{Member: vd.name(f.wire), Reason: reason})
		}
		if f.elem == nil {
			continue
		}
		switch fv.Kind() {
		case reflect.Pointer:
			if !fv.IsNil() {
				vd.nested(f, -1, fv.Elem())
			}
		case reflect.Struct:
			vd.nested(f, -1, fv)
		case reflect.Slice:
			for j := 0; j < fv.Len(); j++ {
				vd.nested(f, j, fv.Index(j))
			}
		}
	}
}

func (vd *validator) nested(f *field, index int, v reflect.Value) {
	if vd.depth < len(vd.path) {
		vd.path[vd.depth] = pathElem{f.wire, index}
	}
	vd.depth++
	vd.walk(f.elem, v)
	vd.depth--
}

func isZero(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map, reflect.Pointer:
		return v.IsNil()
	case reflect.String:
		return v.Len() == 0
	}
	return v.IsZero()
}

// checkMember applies the documented limits, chosen by wire name.
func checkMember(f *field, v reflect.Value) string {
	if v.Kind() == reflect.String && v.Len() == 0 {
		return ""
	}
	if f.enum != nil && v.Kind() == reflect.String {
		s := v.String()
		for _, x := range f.enum {
			if x == s {
				return ""
			}
		}
		return "must be one of " + strings.Join(f.enum, ", ")
	}
	if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.String && v.Type().Elem() != reflect.TypeFor[string]() {
		for j := 0; j < v.Len(); j++ {
			if r := checkMember(f, v.Index(j)); r != "" {
				return r
			}
		}
		return ""
	}
	switch f.wire {
	case "username", "Username":
		return CheckUsername(v.String())
	case "password":
		return CheckPassword(v.String())
	case "brokerName":
		return CheckBrokerName(v.String())
	case "maxResults":
		if n := v.Int(); n != 0 && (n < 1 || n > 100) {
			return "must be between 1 and 100"
		}
	case "ResourceArn":
		return CheckTaggableARN(v.String())
	case "groups":
		if v.Len() > 20 {
			return "at most 20 groups"
		}
		for j := 0; j < v.Len(); j++ {
			if r := CheckUsername(v.Index(j).String()); r != "" {
				return "group " + strconv.Itoa(j) + ": " + r
			}
		}
	}
	if f.loc == inBody && f.wire == "name" && v.Kind() == reflect.String {
		return CheckConfigurationName(v.String())
	}
	return ""
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
