package iam

import (
	"bytes"
	"encoding/json"
)

// Policy language versions accepted in a document's Version element.
const (
	// CurrentVersion is the current policy language version. Only documents
	// with this version have their policy variables (${aws:username}) resolved.
	CurrentVersion = "2012-10-17"
	// LegacyVersion is the original policy language version, the one IAM
	// assumes when Version is absent.
	LegacyVersion = "2008-10-17"
)

// Effect is the value of a statement's Effect element.
type Effect string

// The two effects a statement can have.
const (
	// Allow grants the statement's actions on its resources.
	Allow Effect = "Allow"
	// Deny refuses the statement's actions on its resources; it overrides
	// every Allow in every policy.
	Deny Effect = "Deny"
)

// Document is an IAM policy document: the parsed form of the JSON that IAM
// stores, and what the client's Fix and ActionRecorder write.
//
// Build one with [Parse] (or json.Unmarshal); a Document built by hand should
// be checked with [Document.Validate]. MarshalJSON writes canonical IAM JSON
// that parses back to an equal Document.
type Document struct {
	// Version is the policy language version: [CurrentVersion],
	// [LegacyVersion] or "" (absent).
	Version string
	// ID is the optional Id element.
	ID string
	// Statement lists the statements, in document order.
	Statement []Statement

	single bool // the Statement element was one object, not an array
}

// Statement is one element of a policy's Statement array.
//
// Exactly one of Action and NotAction, and exactly one of Resource and
// NotResource, is non-empty. Principal and NotPrincipal are kept only so that
// a document round-trips; evaluation ignores them.
type Statement struct {
	// Sid names the statement; optional, unique within a document.
	Sid string
	// Effect is [Allow] or [Deny].
	Effect Effect
	// Action lists the "service:Action" patterns the statement covers, with
	// the wildcards * and ?; they match case-insensitively.
	Action []string
	// NotAction lists the action patterns the statement covers all but.
	NotAction []string
	// Resource lists the resource ARN patterns the statement covers, with
	// * and ?, or "*" (also for actions without resource types); they
	// match case-sensitively.
	Resource []string
	// NotResource lists the resource patterns the statement covers all but.
	NotResource []string
	// Condition holds the condition tests that must all hold for the
	// statement to apply.
	Condition Conditions

	principal      json.RawMessage // compact Principal element, if any
	notPrincipal   json.RawMessage // compact NotPrincipal element, if any
	scalarAction   bool            // Action or NotAction was a single string
	scalarResource bool            // Resource or NotResource was a single string
}

// Conditions is a statement's Condition element flattened into a list. A
// statement applies only when every Condition in the list holds.
type Conditions []Condition

// Condition is one condition-key test: Operator applied to the request
// context values of Key and the policy's Values. Values of one Condition are
// ORed (for negated operators: the context must match none of them).
type Condition struct {
	// Operator is the condition operator, e.g. [StringEquals],
	// "ForAnyValue:StringLike" or "BoolIfExists"; see [ParseOperator].
	Operator string
	// Key is the condition key, e.g. "aws:RequestTag/env"; it is matched
	// case-insensitively.
	Key string
	// Values are the policy's values; bools and numbers are kept as their
	// JSON text.
	Values []string

	scalar bool // the value was written as a single value, not an array
}

// NewCondition returns the test {operator: {key: value}} with one value,
// which MarshalJSON writes as a JSON string, the way IAM's examples write a
// single value, where a Condition built as a literal has its Values written
// as an array.
func NewCondition(operator, key, value string) Condition {
	return Condition{Operator: operator, Key: key, Values: []string{value}, scalar: true}
}

// String renders the document as indented JSON, ready to paste into the IAM
// console or `aws iam create-policy`.
func (d *Document) String() string {
	b, _ := json.MarshalIndent(d, "", "  ")
	return string(b)
}

// MarshalJSON writes d as an IAM policy document: Version, Id and Statement,
// in that order. Lists keep the single-value or array form they were parsed
// with; lists built by hand are written as arrays.
func (d Document) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	sep := ""
	if d.Version != "" {
		b.WriteString(`"Version":`)
		writeString(&b, d.Version)
		sep = ","
	}
	if d.ID != "" {
		b.WriteString(sep + `"Id":`)
		writeString(&b, d.ID)
		sep = ","
	}
	b.WriteString(sep + `"Statement":`)
	if d.single && len(d.Statement) == 1 {
		d.Statement[0].write(&b)
	} else {
		b.WriteByte('[')
		for i, s := range d.Statement {
			if i > 0 {
				b.WriteByte(',')
			}
			s.write(&b)
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// MarshalJSON writes s as one element of a policy's Statement array.
func (s Statement) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	s.write(&b)
	return b.Bytes(), nil
}

func (s *Statement) write(b *bytes.Buffer) {
	b.WriteByte('{')
	if s.Sid != "" {
		b.WriteString(`"Sid":`)
		writeString(b, s.Sid)
		b.WriteByte(',')
	}
	b.WriteString(`"Effect":`)
	writeString(b, string(s.Effect))
	if s.principal != nil {
		b.WriteString(`,"Principal":`)
		b.Write(s.principal)
	}
	if s.notPrincipal != nil {
		b.WriteString(`,"NotPrincipal":`)
		b.Write(s.notPrincipal)
	}
	writeMember(b, "Action", s.Action, s.scalarAction)
	writeMember(b, "NotAction", s.NotAction, s.scalarAction)
	writeMember(b, "Resource", s.Resource, s.scalarResource)
	writeMember(b, "NotResource", s.NotResource, s.scalarResource)
	if len(s.Condition) > 0 {
		b.WriteString(`,"Condition":`)
		s.Condition.write(b)
	}
	b.WriteByte('}')
}

// write groups the flat list back into {"Operator": {"Key": values}}, with
// operators and keys in order of first appearance.
func (cs Conditions) write(b *bytes.Buffer) {
	var ops []string
	byOp := map[string][]Condition{}
	for _, c := range cs {
		if _, ok := byOp[c.Operator]; !ok {
			ops = append(ops, c.Operator)
		}
		byOp[c.Operator] = append(byOp[c.Operator], c)
	}
	b.WriteByte('{')
	for i, op := range ops {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(b, op)
		b.WriteString(`:{`)
		for j, c := range byOp[op] {
			if j > 0 {
				b.WriteByte(',')
			}
			writeString(b, c.Key)
			b.WriteByte(':')
			writeList(b, c.Values, c.scalar)
		}
		b.WriteByte('}')
	}
	b.WriteByte('}')
}

func writeMember(b *bytes.Buffer, name string, vals []string, scalar bool) {
	if len(vals) == 0 {
		return
	}
	b.WriteString(`,"` + name + `":`)
	writeList(b, vals, scalar)
}

func writeList(b *bytes.Buffer, vals []string, scalar bool) {
	if scalar && len(vals) == 1 {
		writeString(b, vals[0])
		return
	}
	b.WriteByte('[')
	for i, v := range vals {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(b, v)
	}
	b.WriteByte(']')
}

func writeString(b *bytes.Buffer, s string) {
	enc, _ := json.Marshal(s) // a string always marshals
	b.Write(enc)
}
