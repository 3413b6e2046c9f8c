package main

import (
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/mqrest/mqrest/api"
)

var timeType = reflect.TypeFor[time.Time]()

// member is one member of an api struct, under its AWS CLI name.
type member struct {
	index    int    // the struct field's index
	name     string // the model's PascalCase member name, e.g. "BrokerId"
	wire     string // the JSON key, path label or query key, e.g. "brokerId"
	typ      reflect.Type
	required bool
	secret   bool
}

// membersOf lists the members of the api struct type t in field order, as
// package api's member table describes them; nil for other types.
func membersOf(t reflect.Type) []member {
	t = indirect(t)
	infos := api.Members(t)
	ms := make([]member, len(infos))
	for i, m := range infos {
		ms[i] = member{index: m.Index, name: m.Name, wire: m.Wire, typ: t.Field(m.Index).Type,
			required: m.Required, secret: m.Sensitive}
	}
	return ms
}

// memberValue returns the member named name (the model's name) of the api
// struct v points to, or the zero Value when it has none.
func memberValue(v any, name string) reflect.Value {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return reflect.Value{}
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return reflect.Value{}
	}
	for _, m := range membersOf(rv.Type()) {
		if m.name == name {
			return rv.Field(m.index)
		}
	}
	return reflect.Value{}
}

// enumValues returns the values an enum type accepts, or nil when t is not
// an enum (a list of enums is not one).
func enumValues(t reflect.Type) []string {
	if t.Kind() != reflect.String {
		return nil
	}
	return api.EnumValues(t)
}

// indirect strips pointers off t.
func indirect(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// typeHint describes the type t in help text, AWS CLI style: "string",
// "integer", "boolean", "list of strings", "structure", "map".
func typeHint(t reflect.Type) string {
	t = indirect(t)
	switch t.Kind() {
	case reflect.String:
		if vals := enumValues(t); vals != nil {
			return strings.Join(vals, "|")
		}
		return "string"
	case reflect.Int, reflect.Int32, reflect.Int64:
		return "integer"
	case reflect.Bool:
		return "boolean"
	case reflect.Map:
		return "map"
	case reflect.Slice:
		e := indirect(t.Elem())
		if e.Kind() == reflect.Struct {
			return "list of structures"
		}
		return "list of " + typeHint(e) + "s"
	case reflect.Struct:
		if t == timeType {
			return "timestamp"
		}
		return "structure"
	}
	return t.String()
}

// shorthandSyntax returns the AWS CLI shorthand of the struct type t, e.g.
// "Id=string,Revision=integer".
func shorthandSyntax(t reflect.Type) string {
	t = indirect(t)
	var parts []string
	for _, m := range membersOf(t) {
		mt := indirect(m.typ)
		var v string
		switch {
		case mt.Kind() == reflect.Struct && mt != timeType:
			v = "{" + shorthandSyntax(mt) + "}"
		case mt.Kind() == reflect.Slice:
			v = typeHint(indirect(mt.Elem())) + ",..."
		default:
			v = typeHint(mt)
		}
		parts = append(parts, m.name+"="+v)
	}
	return strings.Join(parts, ",")
}

// requiredMembers returns the PascalCase names of the required members of
// the struct type t.
func requiredMembers(t reflect.Type) []string {
	return namesOf(t, func(m member) bool { return m.required })
}

// secretMembers returns the names of t's secret members (passwords), sorted.
func secretMembers(t reflect.Type) []string {
	return namesOf(t, func(m member) bool { return m.secret })
}

// namesOf returns the names of t's members that keep accepts, sorted.
func namesOf(t reflect.Type, keep func(member) bool) []string {
	var out []string
	for _, m := range membersOf(indirect(t)) {
		if keep(m) {
			out = append(out, m.name)
		}
	}
	slices.Sort(out)
	return out
}
