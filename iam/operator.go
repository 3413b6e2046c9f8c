package iam

import (
	"fmt"
	"strings"
)

// The base condition operators: a [Condition.Operator] is one of these,
// optionally with a [ForAnyValue] or [ForAllValues] set qualifier and, for
// all but Null, an IfExists suffix ("ForAnyValue:StringLikeIfExists").
const (
	// StringEquals matches strings exactly, case-sensitively.
	StringEquals = "StringEquals"
	// StringNotEquals is the negation of StringEquals.
	StringNotEquals = "StringNotEquals"
	// StringEqualsIgnoreCase matches strings ignoring case.
	StringEqualsIgnoreCase = "StringEqualsIgnoreCase"
	// StringNotEqualsIgnoreCase is the negation of StringEqualsIgnoreCase.
	StringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
	// StringLike matches strings against patterns with * and ?.
	StringLike = "StringLike"
	// StringNotLike is the negation of StringLike.
	StringNotLike = "StringNotLike"
	// ArnEquals matches ARNs field by field, with * and ? in each field.
	ArnEquals = "ArnEquals"
	// ArnLike is the same test as ArnEquals.
	ArnLike = "ArnLike"
	// ArnNotEquals is the negation of ArnEquals.
	ArnNotEquals = "ArnNotEquals"
	// ArnNotLike is the negation of ArnLike.
	ArnNotLike = "ArnNotLike"
	// Bool matches "true" or "false".
	Bool = "Bool"
	// Null tests whether a key is absent ("true") or present ("false").
	Null = "Null"
	// NumericEquals compares numbers for equality.
	NumericEquals = "NumericEquals"
	// NumericNotEquals is the negation of NumericEquals.
	NumericNotEquals = "NumericNotEquals"
	// NumericLessThan holds when the context number is below the policy's.
	NumericLessThan = "NumericLessThan"
	// NumericLessThanEquals holds when the context number is at most the policy's.
	NumericLessThanEquals = "NumericLessThanEquals"
	// NumericGreaterThan holds when the context number is above the policy's.
	NumericGreaterThan = "NumericGreaterThan"
	// NumericGreaterThanEquals holds when the context number is at least the policy's.
	NumericGreaterThanEquals = "NumericGreaterThanEquals"
	// DateEquals compares dates (ISO 8601 or epoch seconds) for equality.
	DateEquals = "DateEquals"
	// DateNotEquals is the negation of DateEquals.
	DateNotEquals = "DateNotEquals"
	// DateLessThan holds when the context date is before the policy's.
	DateLessThan = "DateLessThan"
	// DateLessThanEquals holds when the context date is at or before the policy's.
	DateLessThanEquals = "DateLessThanEquals"
	// DateGreaterThan holds when the context date is after the policy's.
	DateGreaterThan = "DateGreaterThan"
	// DateGreaterThanEquals holds when the context date is at or after the policy's.
	DateGreaterThanEquals = "DateGreaterThanEquals"
	// IpAddress matches IP addresses against addresses and CIDR ranges.
	IpAddress = "IpAddress"
	// NotIpAddress is the negation of IpAddress.
	NotIpAddress = "NotIpAddress"
	// BinaryEquals matches base64-encoded binary values.
	BinaryEquals = "BinaryEquals"
)

// baseOperators is the set of the base condition operators.
var baseOperators = map[string]bool{
	StringEquals: true, StringNotEquals: true, StringEqualsIgnoreCase: true, StringNotEqualsIgnoreCase: true,
	StringLike: true, StringNotLike: true,
	ArnEquals: true, ArnLike: true, ArnNotEquals: true, ArnNotLike: true,
	Bool: true, Null: true,
	NumericEquals: true, NumericNotEquals: true, NumericLessThan: true, NumericLessThanEquals: true,
	NumericGreaterThan: true, NumericGreaterThanEquals: true,
	DateEquals: true, DateNotEquals: true, DateLessThan: true, DateLessThanEquals: true,
	DateGreaterThan: true, DateGreaterThanEquals: true,
	IpAddress: true, NotIpAddress: true, BinaryEquals: true,
}

// SetQualifier is the set prefix of a condition operator, which says how a
// multivalued context key is tested; "" is none.
type SetQualifier string

// The set qualifiers.
const (
	// ForAnyValue holds when at least one context value passes the test.
	ForAnyValue SetQualifier = "ForAnyValue"
	// ForAllValues holds when every context value passes the test, and
	// when the key is absent.
	ForAllValues SetQualifier = "ForAllValues"
)

// Operator is a condition operator name taken apart, e.g.
// "ForAnyValue:StringLikeIfExists" is {ForAnyValue, true, StringLike}.
type Operator struct {
	// Set is the set qualifier, or "" for none.
	Set SetQualifier
	// IfExists reports the IfExists suffix: the test also holds when the
	// key is absent.
	IfExists bool
	// Base is the base operator, one of the constants such as StringLike.
	Base string
}

// ParseOperator takes apart a condition operator name. Names are
// case-sensitive; it fails for an unknown name and for Null with a set
// qualifier or IfExists, as IAM does.
func ParseOperator(name string) (Operator, error) {
	var op Operator
	rest := name
	if r, ok := strings.CutPrefix(rest, string(ForAnyValue)+":"); ok {
		op.Set, rest = ForAnyValue, r
	} else if r, ok := strings.CutPrefix(rest, string(ForAllValues)+":"); ok {
		op.Set, rest = ForAllValues, r
	}
	ok := baseOperators[rest]
	if !ok {
		if r, cut := strings.CutSuffix(rest, "IfExists"); cut {
			rest, ok = r, baseOperators[r]
			op.IfExists = true
		}
	}
	switch {
	case !ok:
		return op, fmt.Errorf("unknown condition operator %q", name)
	case rest == Null && (op.IfExists || op.Set != ""):
		return op, fmt.Errorf("condition operator %q: Null takes neither a set prefix nor IfExists", name)
	}
	op.Base = rest
	return op, nil
}
