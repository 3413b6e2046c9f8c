package policy

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// pattern is a policy string ready for wildcard matching. Each rune records
// whether it is a wildcard: a '*' or '?' written in the policy is one, while a
// '*' that came from a policy variable's value or from ${*} is literal.
type pattern []patRune

type patRune struct {
	r    rune
	wild bool
}

// compile turns a policy string into a pattern in which every '*' and '?' is
// a wildcard.
func compile(s string) pattern {
	p := make(pattern, 0, len(s))
	for _, r := range s {
		p = append(p, patRune{r, r == '*' || r == '?'})
	}
	return p
}

func (p pattern) appendLiteral(s string) pattern {
	for _, r := range s {
		p = append(p, patRune{r: r})
	}
	return p
}

// String returns the pattern's text, wildcards included.
func (p pattern) String() string {
	var b strings.Builder
	for _, pr := range p {
		b.WriteRune(pr.r)
	}
	return b.String()
}

func (pr patRune) isStar() bool { return pr.wild && pr.r == '*' }

// match reports whether s matches the whole pattern: '*' matches any run of
// runes (colons and slashes included), '?' exactly one rune. With fold, runes
// compare case-insensitively.
func (p pattern) match(s string, fold bool) bool {
	str := []rune(s)
	pi, si := 0, 0
	star, mark := -1, 0 // last '*' seen and the input position it was tried at
	for si < len(str) {
		switch {
		case pi < len(p) && p[pi].isStar():
			star, mark = pi, si
			pi++
		case pi < len(p) && (p[pi].wild || sameRune(p[pi].r, str[si], fold)):
			pi++
			si++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi].isStar() {
		pi++
	}
	return pi == len(p)
}

func sameRune(a, b rune, fold bool) bool {
	if a == b {
		return true
	}
	return fold && unicode.ToLower(a) == unicode.ToLower(b)
}

// matchAction reports whether an Action or NotAction entry matches a
// request's action. Actions compare case-insensitively; "*" matches any.
func matchAction(policyAction, action string) bool {
	return compile(policyAction).match(action, true)
}

// matchARN is ArnEquals/ArnLike matching: each of the six colon-separated
// ARN components is matched separately, case-sensitively, and wildcards stay
// within their component (the last component, the resource, may itself hold
// colons). A policy value that is not an ARN is matched as a whole.
func matchARN(want pattern, have string) bool {
	parts := want.split(':', 6)
	if len(parts) < 6 {
		return want.match(have, false)
	}
	haveParts := strings.SplitN(have, ":", 6)
	if len(haveParts) < 6 {
		return false
	}
	for i := range parts {
		if !parts[i].match(haveParts[i], false) {
			return false
		}
	}
	return true
}

// split is strings.SplitN for patterns.
func (p pattern) split(sep rune, n int) []pattern {
	var parts []pattern
	start := 0
	for i, pr := range p {
		if len(parts) == n-1 {
			break
		}
		if pr.r == sep && !pr.wild {
			parts = append(parts, p[start:i])
			start = i + 1
		}
	}
	return append(parts, p[start:])
}

// expand resolves the policy variables in a Resource entry or a string
// condition value, returning the pattern to match. ${*}, ${?} and ${$} stand
// for a literal '*', '?' and '$'; ${key} is replaced by the request context's
// single value for key (key names are case-insensitive), or by the default in
// ${key, 'default'}. ok is false when a variable has no value and no default:
// IAM then treats the entry as matching nothing. Variables are resolved only
// in documents with Version "2012-10-17"; vars reports that.
func expand(s string, vars bool, ctx contextValues) (p pattern, ok bool) {
	if !vars || !strings.Contains(s, "${") {
		return compile(s), true
	}
	p = make(pattern, 0, len(s))
	for i := 0; i < len(s); {
		if strings.HasPrefix(s[i:], "${") {
			if end := strings.IndexByte(s[i+2:], '}'); end >= 0 {
				inner := s[i+2 : i+2+end]
				next := i + 2 + end + 1
				switch {
				case inner == "*" || inner == "?" || inner == "$":
					p = p.appendLiteral(inner)
					i = next
					continue
				case strings.Contains(inner, ":"):
					name, def, hasDef := splitDefault(inner)
					if vals := ctx.get(name); len(vals) == 1 {
						p = p.appendLiteral(vals[0])
					} else if hasDef {
						p = p.appendLiteral(def)
					} else {
						return nil, false
					}
					i = next
					continue
				}
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		p = append(p, patRune{r, r == '*' || r == '?'})
		i += size
	}
	return p, true
}

// splitDefault splits "aws:username, 'bob'" into its key and default value.
func splitDefault(inner string) (name, def string, ok bool) {
	name, rest, found := strings.Cut(inner, ",")
	name = strings.TrimSpace(name)
	if !found {
		return name, "", false
	}
	rest = strings.TrimSpace(rest)
	if len(rest) >= 2 && rest[0] == '\'' && rest[len(rest)-1] == '\'' {
		return name, rest[1 : len(rest)-1], true
	}
	return name, "", false
}
