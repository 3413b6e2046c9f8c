package api

import "reflect"

// MemberInfo describes one member of a shape, as the model names it, for
// code that handles shapes generically: the CLI's flags and output, the
// docs. Request binding never uses it.
type MemberInfo struct {
	// Name is the model's (and the AWS CLI's) member name, e.g. "BrokerId".
	Name string
	// GoName is the Go field name, e.g. "BrokerID".
	GoName string
	// Wire is the JSON key, path label or query key, e.g. "brokerId".
	Wire string
	// In says where the member travels.
	In Location
	// Index is the member's struct field index.
	Index int
	// Required and Sensitive are the model's traits (and the overlay's).
	Required, Sensitive bool
}

// Location is where a member travels on the wire.
type Location int

const (
	// InBody members travel in the JSON body.
	InBody Location = iota
	// InPath members fill a label of the URI template.
	InPath
	// InQuery members travel in the query string.
	InQuery
)

// shape is implemented by every structure of the model.
type shape interface{ members() []MemberInfo }

var shapeType = reflect.TypeFor[shape]()

// Members returns the members of the shape type t (a structure of this
// package, or a pointer to one) in field order; nil for other types.
func Members(t reflect.Type) []MemberInfo {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct || !t.Implements(shapeType) {
		return nil
	}
	return reflect.Zero(t).Interface().(shape).members()
}

func memberOf(t reflect.Type, goName string) *MemberInfo {
	ms := Members(t)
	for i := range ms {
		if ms[i].GoName == goName {
			return &ms[i]
		}
	}
	return nil
}

// MemberName returns the model (AWS CLI) member name of the Go field goName
// of the struct type t, e.g. "BrokerId" for BrokerID; "" when unknown.
func MemberName(t reflect.Type, goName string) string {
	if m := memberOf(t, goName); m != nil {
		return m.Name
	}
	return ""
}

// WireName returns the wire name (JSON key, path label or query key) of the
// Go field goName of struct type t; "" when unknown.
func WireName(t reflect.Type, goName string) string {
	if m := memberOf(t, goName); m != nil {
		return m.Wire
	}
	return ""
}

// IsSecret reports whether the Go field goName of struct type t holds a
// secret (a password) that must never be printed or logged.
func IsSecret(t reflect.Type, goName string) bool {
	m := memberOf(t, goName)
	return m != nil && m.Sensitive
}
