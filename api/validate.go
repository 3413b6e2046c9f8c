package api

import (
	"reflect"
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
	var probs []Problem
	ip, _ := op.plans()
	walkValidate(ip, v, "", &probs)
	if len(probs) == 0 {
		return nil
	}
	return &ValidationError{Operation: op.Name, Problems: probs}
}

// enum is implemented by every enum type.
type enumValuer interface{ valuesAsStrings() []string }

func walkValidate(p *plan, v reflect.Value, prefix string, probs *[]Problem) {
	for i := range p.fields {
		f := &p.fields[i]
		fv := v.Field(f.index)
		name := prefix + f.wire
		if f.loc != inBody && prefix == "" {
			name = f.wire
		}
		if f.required && isZero(fv) {
			*probs = append(*probs, Problem{Member: name, Reason: "required"})
			continue
		}
		if f.loc == inPath && (fv.String() == "." || fv.String() == "..") {
			// Escaping keeps every other value inside its segment; a dot
			// segment would be removed by any proxy that normalizes paths,
			// turning DeleteUser of ".." into DeleteBroker.
			*probs = append(*probs, Problem{Member: name, Reason: "must not be \".\" or \"..\""})
			continue
		}
		if reason := checkMember(f, fv); reason != "" {
			*probs = append(*probs, Problem{Member: name, Reason: reason})
		}
		if f.elem == nil {
			continue
		}
		switch fv.Kind() {
		case reflect.Pointer:
			if !fv.IsNil() {
				walkValidate(f.elem, fv.Elem(), name+".", probs)
			}
		case reflect.Struct:
			walkValidate(f.elem, fv, name+".", probs)
		case reflect.Slice:
			for j := 0; j < fv.Len(); j++ {
				walkValidate(f.elem, fv.Index(j), name+"["+strconv.Itoa(j)+"].", probs)
			}
		}
	}
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
	if ev, ok := v.Interface().(enumValuer); ok && v.Kind() == reflect.String {
		s := v.String()
		vals := ev.valuesAsStrings()
		for _, x := range vals {
			if x == s {
				return ""
			}
		}
		return "must be one of " + strings.Join(vals, ", ")
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
	seen := map[rune]bool{}
	for _, r := range s {
		seen[r] = true
	}
	if len(seen) < 4 {
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
