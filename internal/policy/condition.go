package policy

import (
	"encoding/base64"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/mqrest/mqrest/iam"
)

// operator is a parsed condition operator such as "ForAnyValue:StringLikeIfExists".
type operator struct {
	set      iam.SetQualifier
	ifExists bool
	base     baseOperator
}

// baseOperator is an operator without its set prefix and IfExists suffix.
// match is the positive comparison of one context value with one policy
// value; negated operators (StringNotEquals …) hold when no pair matches.
type baseOperator struct {
	match   func(have string, want pattern) bool
	negated bool
	vars    bool // policy variables are resolved in its values
	null    bool // the Null operator, which tests presence only
}

var baseOperators = map[string]baseOperator{
	iam.StringEquals:              {match: stringEquals, vars: true},
	iam.StringNotEquals:           {match: stringEquals, vars: true, negated: true},
	iam.StringEqualsIgnoreCase:    {match: stringEqualsFold, vars: true},
	iam.StringNotEqualsIgnoreCase: {match: stringEqualsFold, vars: true, negated: true},
	iam.StringLike:                {match: stringLike, vars: true},
	iam.StringNotLike:             {match: stringLike, vars: true, negated: true},
	iam.ArnEquals:                 {match: arnLike, vars: true},
	iam.ArnLike:                   {match: arnLike, vars: true},
	iam.ArnNotEquals:              {match: arnLike, vars: true, negated: true},
	iam.ArnNotLike:                {match: arnLike, vars: true, negated: true},
	iam.Bool:                      {match: boolEquals},
	iam.Null:                      {null: true},
	iam.NumericEquals:             {match: numeric(func(c int) bool { return c == 0 })},
	iam.NumericNotEquals:          {match: numeric(func(c int) bool { return c == 0 }), negated: true},
	iam.NumericLessThan:           {match: numeric(func(c int) bool { return c < 0 })},
	iam.NumericLessThanEquals:     {match: numeric(func(c int) bool { return c <= 0 })},
	iam.NumericGreaterThan:        {match: numeric(func(c int) bool { return c > 0 })},
	iam.NumericGreaterThanEquals:  {match: numeric(func(c int) bool { return c >= 0 })},
	iam.DateEquals:                {match: date(func(c int) bool { return c == 0 })},
	iam.DateNotEquals:             {match: date(func(c int) bool { return c == 0 }), negated: true},
	iam.DateLessThan:              {match: date(func(c int) bool { return c < 0 })},
	iam.DateLessThanEquals:        {match: date(func(c int) bool { return c <= 0 })},
	iam.DateGreaterThan:           {match: date(func(c int) bool { return c > 0 })},
	iam.DateGreaterThanEquals:     {match: date(func(c int) bool { return c >= 0 })},
	iam.IpAddress:                 {match: ipAddress},
	iam.NotIpAddress:              {match: ipAddress, negated: true},
	iam.BinaryEquals:              {match: binaryEquals},
}

// parseOperator parses a condition operator name (see [iam.ParseOperator])
// and looks up how to evaluate it.
func parseOperator(name string) (operator, error) {
	o, err := iam.ParseOperator(name)
	if err != nil {
		return operator{}, err
	}
	return operator{set: o.Set, ifExists: o.IfExists, base: baseOperators[o.Base]}, nil
}

// holds evaluates one condition against the request context, with IAM's
// rules for missing keys: IfExists and ForAllValues hold, ForAnyValue and
// positive operators fail, negated operators hold.
func holds(c *iam.Condition, ctx contextValues, vars bool) bool {
	op, err := parseOperator(c.Operator)
	if err != nil {
		return false // Validate rejects this; a hand-built document gets no match
	}
	have := ctx.get(c.Key)
	if op.base.null {
		return nullHolds(c.Values, len(have) > 0)
	}
	if len(have) == 0 {
		switch {
		case op.ifExists, op.set == iam.ForAllValues:
			return true
		case op.set == iam.ForAnyValue:
			return false
		}
		return op.base.negated
	}
	wants := make([]pattern, 0, len(c.Values))
	for _, v := range c.Values {
		if p, ok := expand(v, vars && op.base.vars, ctx); ok {
			wants = append(wants, p)
		}
	}
	matchesAny := func(h string) bool {
		for _, w := range wants {
			if op.base.match(h, w) {
				return true
			}
		}
		return false
	}
	switch op.set {
	case iam.ForAllValues: // every context value matches (negated: matches none)
		for _, h := range have {
			if matchesAny(h) == op.base.negated {
				return false
			}
		}
		return true
	case iam.ForAnyValue: // some context value matches (negated: fails to match)
		for _, h := range have {
			if matchesAny(h) != op.base.negated {
				return true
			}
		}
		return false
	}
	for _, h := range have { // no set prefix: any context value
		if matchesAny(h) {
			return !op.base.negated
		}
	}
	return op.base.negated
}

// allHold reports whether every condition holds.
func allHold(cs iam.Conditions, ctx contextValues, vars bool) bool {
	for i := range cs {
		if !holds(&cs[i], ctx, vars) {
			return false
		}
	}
	return true
}

// nullHolds: "true" holds when the key is absent, "false" when present.
func nullHolds(values []string, present bool) bool {
	for _, v := range values {
		if b, ok := parseBool(v); ok && b != present {
			return true
		}
	}
	return false
}

func stringEquals(have string, want pattern) bool     { return have == want.String() }
func stringEqualsFold(have string, want pattern) bool { return strings.EqualFold(have, want.String()) }
func stringLike(have string, want pattern) bool       { return want.match(have, false) }
func arnLike(have string, want pattern) bool          { return matchARN(want, have) }

func boolEquals(have string, want pattern) bool {
	h, ok1 := parseBool(have)
	w, ok2 := parseBool(want.String())
	return ok1 && ok2 && h == w
}

func parseBool(s string) (value, ok bool) {
	switch strings.ToLower(s) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}

// numeric returns a matcher that compares have with want as numbers; test
// receives -1, 0 or +1 for have <, ==, > want.
func numeric(test func(cmp int) bool) func(string, pattern) bool {
	return func(have string, want pattern) bool {
		h, err1 := strconv.ParseFloat(have, 64)
		w, err2 := strconv.ParseFloat(want.String(), 64)
		if err1 != nil || err2 != nil {
			return false
		}
		switch {
		case h < w:
			return test(-1)
		case h > w:
			return test(1)
		}
		return test(0)
	}
}

// date returns a matcher that compares have with want as instants.
func date(test func(cmp int) bool) func(string, pattern) bool {
	return func(have string, want pattern) bool {
		h, ok1 := parseTime(have)
		w, ok2 := parseTime(want.String())
		return ok1 && ok2 && test(h.Compare(w))
	}
}

// parseTime accepts the ISO 8601 forms IAM documents and epoch seconds.
func parseTime(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0), true
	}
	return time.Time{}, false
}

// ipAddress matches an IP address against an address or CIDR block.
func ipAddress(have string, want pattern) bool {
	addr, err := netip.ParseAddr(have)
	if err != nil {
		return false
	}
	w := want.String()
	if prefix, err := netip.ParsePrefix(w); err == nil {
		prefix = prefix.Masked()
		return prefix.Contains(addr) || prefix.Contains(addr.Unmap())
	}
	if a, err := netip.ParseAddr(w); err == nil {
		return a.Unmap() == addr.Unmap()
	}
	return false
}

// binaryEquals compares base64-encoded values byte for byte.
func binaryEquals(have string, want pattern) bool {
	h, err1 := base64.StdEncoding.DecodeString(have)
	w, err2 := base64.StdEncoding.DecodeString(want.String())
	if err1 != nil || err2 != nil {
		return have == want.String()
	}
	return string(h) == string(w)
}
