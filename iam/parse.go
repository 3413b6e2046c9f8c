package iam

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Parse parses and validates an IAM policy document.
//
// It accepts what IAM accepts: Statement as one object or an array; Action,
// NotAction, Resource, NotResource and condition values as one string or an
// array; booleans and numbers as condition values; Principal and NotPrincipal
// (kept, but ignored by evaluation). Element names are case-sensitive and
// unknown elements are errors, as in IAM. Errors name the statement, e.g.
//
//	policy: Statement[1] (Sid "DenyTags"): Effect must be "Allow" or "Deny", not "allow"
func Parse(data []byte) (*Document, error) {
	var d Document
	if err := d.UnmarshalJSON(data); err != nil {
		return nil, err
	}
	return &d, nil
}

// UnmarshalJSON parses and validates a policy document, as [Parse] does, so a
// Document can sit inside other JSON structures.
func (d *Document) UnmarshalJSON(data []byte) error {
	doc, err := parseDocument(data)
	if err != nil {
		return err
	}
	if err := doc.Validate(); err != nil {
		return err
	}
	*d = doc
	return nil
}

func parseDocument(data []byte) (Document, error) {
	var d Document
	members, err := objectMembers(data)
	if err != nil {
		return d, fmt.Errorf("policy: document: %w", err)
	}
	haveStatement := false
	for _, m := range members {
		switch m.key {
		case "Version":
			if d.Version, err = stringValue(m.value); err != nil {
				return d, fmt.Errorf("policy: Version: %w", err)
			}
		case "Id":
			if d.ID, err = stringValue(m.value); err != nil {
				return d, fmt.Errorf("policy: Id: %w", err)
			}
		case "Statement":
			haveStatement = true
			var raws []json.RawMessage
			switch firstByte(m.value) {
			case '{':
				d.single = true
				raws = []json.RawMessage{m.value}
			case '[':
				if err := json.Unmarshal(m.value, &raws); err != nil {
					return d, fmt.Errorf("policy: Statement: %w", err)
				}
			default:
				return d, errors.New("policy: Statement must be an object or an array of objects")
			}
			for i, raw := range raws {
				s, err := parseStatement(raw)
				if err != nil {
					return d, fmt.Errorf("policy: %s: %w", statementName(i, s.Sid), err)
				}
				d.Statement = append(d.Statement, s)
			}
		default:
			return d, fmt.Errorf("policy: unknown element %q (want Version, Id, Statement)", m.key)
		}
	}
	if !haveStatement {
		return d, errors.New("policy: missing Statement element")
	}
	return d, nil
}

func parseStatement(data json.RawMessage) (Statement, error) {
	var s Statement
	members, err := objectMembers(data)
	if err != nil {
		return s, err
	}
	// Read Sid first so that any later error can name the statement.
	for _, m := range members {
		if m.key == "Sid" {
			if s.Sid, err = stringValue(m.value); err != nil {
				return s, fmt.Errorf("element Sid: %w", err)
			}
		}
	}
	for _, m := range members {
		var err error
		switch m.key {
		case "Sid":
		case "Effect":
			var e string
			e, err = stringValue(m.value)
			s.Effect = Effect(e)
		case "Principal":
			s.principal, err = compact(m.value)
		case "NotPrincipal":
			s.notPrincipal, err = compact(m.value)
		case "Action":
			s.Action, s.scalarAction, err = stringList(m.value)
		case "NotAction":
			s.NotAction, s.scalarAction, err = stringList(m.value)
		case "Resource":
			s.Resource, s.scalarResource, err = stringList(m.value)
		case "NotResource":
			s.NotResource, s.scalarResource, err = stringList(m.value)
		case "Condition":
			s.Condition, err = parseConditions(m.value)
		default:
			err = errors.New("unknown element (want Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition)")
		}
		if err != nil {
			return s, fmt.Errorf("%s: %w", m.key, err)
		}
	}
	return s, nil
}

// parseConditions flattens {"Operator": {"Key": value-or-values}} in
// document order.
func parseConditions(data json.RawMessage) (Conditions, error) {
	ops, err := objectMembers(data)
	if err != nil {
		return nil, err
	}
	var cs Conditions
	for _, op := range ops {
		keys, err := objectMembers(op.value)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", op.key, err)
		}
		if len(keys) == 0 {
			return nil, fmt.Errorf("%s: no condition keys", op.key)
		}
		for _, k := range keys {
			vals, scalar, err := conditionValues(k.value)
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %w", op.key, k.key, err)
			}
			cs = append(cs, Condition{Operator: op.key, Key: k.key, Values: vals, scalar: scalar})
		}
	}
	return cs, nil
}

// Validate reports the first problem that IAM would reject in d: an unknown
// Version, no statements, a bad Effect, Action/NotAction or
// Resource/NotResource missing or both present, actions without a service
// prefix, resources that are neither "*" nor an ARN, duplicate Sids, and
// unknown or misused condition operators.
func (d *Document) Validate() error {
	switch d.Version {
	case "", CurrentVersion, LegacyVersion:
	default:
		return fmt.Errorf("policy: Version %q is not %q or %q", d.Version, CurrentVersion, LegacyVersion)
	}
	if len(d.Statement) == 0 {
		return errors.New("policy: Statement must hold at least one statement")
	}
	sids := map[string]bool{}
	for i := range d.Statement {
		s := &d.Statement[i]
		if err := s.validate(); err != nil {
			return fmt.Errorf("policy: %s: %w", statementName(i, s.Sid), err)
		}
		if s.Sid != "" {
			if sids[s.Sid] {
				return fmt.Errorf("policy: %s: duplicate Sid; Sids must be unique within a policy", statementName(i, s.Sid))
			}
			sids[s.Sid] = true
		}
	}
	return nil
}

func (s *Statement) validate() error {
	if s.Effect != Allow && s.Effect != Deny {
		return fmt.Errorf("Effect must be %q or %q, not %q", Allow, Deny, s.Effect)
	}
	switch {
	case len(s.Action) == 0 && len(s.NotAction) == 0:
		return errors.New("missing Action or NotAction")
	case len(s.Action) > 0 && len(s.NotAction) > 0:
		return errors.New("has both Action and NotAction; use one")
	case len(s.Resource) == 0 && len(s.NotResource) == 0:
		return errors.New("missing Resource or NotResource")
	case len(s.Resource) > 0 && len(s.NotResource) > 0:
		return errors.New("has both Resource and NotResource; use one")
	}
	for _, list := range [][]string{s.Action, s.NotAction} {
		for _, a := range list {
			if i := strings.IndexByte(a, ':'); a != "*" && (i <= 0 || i == len(a)-1) {
				return fmt.Errorf("action %q must be \"*\" or be prefaced by a service, e.g. \"mq:CreateBroker\"", a)
			}
		}
	}
	for _, list := range [][]string{s.Resource, s.NotResource} {
		for _, r := range list {
			if r != "*" && !strings.HasPrefix(r, "arn:") {
				return fmt.Errorf("resource %q must be in ARN format or \"*\"", r)
			}
		}
	}
	for _, c := range s.Condition {
		if _, err := ParseOperator(c.Operator); err != nil {
			return fmt.Errorf("Condition: %w", err)
		}
		if i := strings.IndexByte(c.Key, ':'); i <= 0 || i == len(c.Key)-1 {
			return fmt.Errorf("Condition: %s: key %q must be prefaced by a service, e.g. \"aws:RequestTag/env\"", c.Operator, c.Key)
		}
		if len(c.Values) == 0 {
			return fmt.Errorf("Condition: %s: %s: no values", c.Operator, c.Key)
		}
	}
	return nil
}

func statementName(i int, sid string) string {
	if sid == "" {
		return fmt.Sprintf("Statement[%d]", i)
	}
	return fmt.Sprintf("Statement[%d] (Sid %q)", i, sid)
}

type member struct {
	key   string
	value json.RawMessage
}

// objectMembers decodes one JSON object into its members in document order,
// rejecting duplicate names and trailing data.
func objectMembers(data []byte) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonError(err)
	}
	if tok != json.Delim('{') {
		return nil, errors.New("must be a JSON object")
	}
	var ms []member
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonError(err)
		}
		key, ok := tok.(string)
		if !ok {
			return nil, errors.New("malformed JSON object")
		}
		if seen[key] {
			return nil, fmt.Errorf("duplicate element %q", key)
		}
		seen[key] = true
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, jsonError(err)
		}
		ms = append(ms, member{key, v})
	}
	if _, err := dec.Token(); err != nil { // the closing '}'
		return nil, jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("unexpected data after the JSON object")
	}
	return ms, nil
}

// jsonError reports a truncated document as such rather than as io.EOF
// (or, from Go 1.27's decoder, io.ErrUnexpectedEOF).
func jsonError(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return errors.New("unexpected end of JSON input")
	}
	return err
}

func firstByte(data []byte) byte {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 {
		return 0
	}
	return data[0]
}

func stringValue(data json.RawMessage) (string, error) {
	var s string
	if firstByte(data) != '"' {
		return "", errors.New("must be a string")
	}
	if err := json.Unmarshal(data, &s); err != nil {
		return "", err
	}
	return s, nil
}

// stringList decodes a string or a non-empty array of strings.
func stringList(data json.RawMessage) (vals []string, scalar bool, err error) {
	if firstByte(data) == '"' {
		s, err := stringValue(data)
		return []string{s}, true, err
	}
	var raws []json.RawMessage
	if firstByte(data) != '[' || json.Unmarshal(data, &raws) != nil {
		return nil, false, errors.New("must be a string or an array of strings")
	}
	if len(raws) == 0 {
		return nil, false, errors.New("must not be an empty array")
	}
	for _, r := range raws {
		s, err := stringValue(r)
		if err != nil {
			return nil, false, errors.New("must be a string or an array of strings")
		}
		vals = append(vals, s)
	}
	return vals, false, nil
}

// conditionValues decodes a condition value: a string, boolean or number, or
// an array of them. Booleans and numbers keep their JSON text.
func conditionValues(data json.RawMessage) (vals []string, scalar bool, err error) {
	if firstByte(data) != '[' {
		v, err := conditionValue(data)
		return []string{v}, true, err
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(data, &raws); err != nil {
		return nil, false, err
	}
	for _, r := range raws {
		v, err := conditionValue(r)
		if err != nil {
			return nil, false, err
		}
		vals = append(vals, v)
	}
	return vals, false, nil
}

func conditionValue(data json.RawMessage) (string, error) {
	data = bytes.TrimSpace(data)
	switch c := firstByte(data); {
	case c == '"':
		return stringValue(data)
	case c == 't' || c == 'f' || c == '-' || (c >= '0' && c <= '9'):
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			return "", err
		}
		return string(data), nil
	}
	return "", errors.New("values must be strings, booleans or numbers")
}

// compact returns data compacted and HTML-escaped, the form json.Marshal
// gives a json.Marshaler's output, so that a kept element round-trips.
func compact(data json.RawMessage) (json.RawMessage, error) {
	var b bytes.Buffer
	if err := json.Compact(&b, data); err != nil {
		return nil, err
	}
	var esc bytes.Buffer
	json.HTMLEscape(&esc, b.Bytes())
	return esc.Bytes(), nil
}
