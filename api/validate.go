package api

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
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
	// Reason says what is wrong, e.g. "required". It never quotes a secret,
	// and quotes at most the first 32 characters of any other value.
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

// maxQuoted is how many characters of a value a problem quotes at most.
const maxQuoted = 32

// quotePrefix quotes s, cut to its first maxQuoted characters and "..."
// when longer, for a problem's reason. Never call it with a secret.
func quotePrefix(s string) string {
	n := 0
	for i := range s {
		if n == maxQuoted {
			return strconv.Quote(s[:i]) + "..."
		}
		n++
	}
	return strconv.Quote(s)
}

// outside reports whether s has fewer than lo or (for hi > 0) more than hi
// characters. The byte length decides without counting when it can: a
// character takes 1 to 4 bytes, so a huge value costs no scan.
func outside(s string, lo, hi int64) bool {
	n := int64(len(s))
	switch {
	case hi > 0 && n > 4*hi:
		return true
	case hi > 0 && n > hi || lo > 1:
		n = int64(utf8.RuneCountInString(s))
	}
	return n < lo || hi > 0 && n > hi
}

// lengthReason says what length is allowed.
func lengthReason(lo, hi int64) string {
	switch {
	case hi <= 0:
		return "must be at least " + strconv.FormatInt(lo, 10) + " characters"
	case lo <= 0:
		return "must be at most " + strconv.FormatInt(hi, 10) + " characters"
	}
	return "must be " + strconv.FormatInt(lo, 10) + "-" + strconv.FormatInt(hi, 10) + " characters"
}

// length checks that s has lo to hi characters (hi 0: no upper bound). The
// reason never quotes s, which may be a secret.
func (vd *validator) length(wire, s string, lo, hi int64) {
	if outside(s, lo, hi) {
		vd.add(wire, lengthReason(lo, hi))
	}
}

// items checks that a list or map has at most max elements.
func (vd *validator) items(wire string, n int, max int64) {
	if int64(n) > max {
		vd.add(wire, "must have at most "+strconv.FormatInt(max, 10)+" elements")
	}
}

// lengths checks the length of each element of a list of strings; a
// problem names the element, e.g. "securityGroups[2]".
func lengths[E ~string](vd *validator, wire string, list []E, lo, hi int64) {
	for i, e := range list {
		if outside(string(e), lo, hi) {
			vd.add(wire+"["+strconv.Itoa(i)+"]", lengthReason(lo, hi))
		}
	}
}

// mapLengths checks a map of strings (tags): at most items entries (0: no
// bound), keys of klo to khi characters and values of vlo to vhi (a bound
// of 0 on the upper side is none). The bad keys are reported in order,
// each quoted by its first characters only.
func mapLengths[V ~string](vd *validator, wire string, m map[string]V, items, klo, khi, vlo, vhi int64) {
	if items > 0 {
		vd.items(wire, len(m), items)
	}
	var badKey, badValue []string
	for k, v := range m {
		if outside(k, klo, khi) {
			badKey = append(badKey, k)
		} else if outside(string(v), vlo, vhi) {
			badValue = append(badValue, k)
		}
	}
	slices.Sort(badKey)
	slices.Sort(badValue)
	for _, k := range badKey {
		vd.add(wire, "key "+quotePrefix(k)+" "+lengthReason(klo, khi))
	}
	for _, k := range badValue {
		vd.add(wire, "value of "+quotePrefix(k)+" "+lengthReason(vlo, vhi))
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
