package main

import (
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/mqrest/mqrest/api"
)

var timeType = reflect.TypeFor[time.Time]()

// member is one exported field of an api struct, under its AWS CLI name.
type member struct {
	index    int
	goName   string
	name     string // the model's PascalCase member name, e.g. "BrokerId"
	typ      reflect.Type
	required bool
	secret   bool
}

// membersOf lists the members of the api struct type t in field order,
// leaving out embedded metadata.
func membersOf(t reflect.Type) []member {
	var ms []member
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.Anonymous || !sf.IsExported() {
			continue
		}
		name := api.MemberName(t, sf.Name)
		if name == "" {
			name = sf.Name
		}
		ms = append(ms, member{
			index: i, goName: sf.Name, name: name, typ: sf.Type,
			required: hasTagOption(sf.Tag.Get("mq"), "required"),
			secret:   api.IsSecret(t, sf.Name),
		})
	}
	return ms
}

func hasTagOption(tag, opt string) bool {
	for _, o := range strings.Split(tag, ",") {
		if o == opt {
			return true
		}
	}
	return false
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
