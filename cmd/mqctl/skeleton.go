package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/mqrest/mqrest/api"
)

// writeSkeleton prints the --generate-cli-skeleton kind for op: input
// (JSON for --cli-input-json), yaml-input (YAML for --cli-input-yaml, each
// member commented with its documentation, as the AWS CLI writes it) or
// output (the output's shape, placeholders naming each member).
func (a *app) writeSkeleton(op *api.Operation, kind string) error {
	switch kind {
	case "input":
		return writeJSON(a.stdout, skeleton(op.Input), keyOrder{})
	case "output":
		return writeJSON(a.stdout, outputSkeleton(op.Output, ""), keyOrder{})
	case "yaml-input":
		var b strings.Builder
		writeYAMLSkeleton(&b, op.Input, commands[op.Name].flags, "", "")
		_, err := fmt.Fprint(a.stdout, b.String())
		return err
	}
	return invalidChoice("--generate-cli-skeleton", kind, []string{"input", "output", "yaml-input"})
}

// outputSkeleton is the AWS CLI's output skeleton of t: a structure's
// string members hold their own name, a list's strings "__string".
func outputSkeleton(t reflect.Type, name string) any {
	t = indirect(t)
	switch t.Kind() {
	case reflect.Struct:
		if t == timeType {
			return "1970-01-01T00:00:00"
		}
		obj := map[string]any{}
		for _, m := range membersOf(t) {
			obj[m.name] = outputSkeleton(m.typ, m.name)
		}
		return obj
	case reflect.Slice:
		return []any{outputSkeleton(t.Elem(), "")}
	case reflect.Map:
		return map[string]any{"KeyName": "__string"}
	case reflect.String:
		if name == "" {
			return "__string"
		}
		return name
	case reflect.Bool:
		return true
	case reflect.Int, reflect.Int32, reflect.Int64:
		return 0
	}
	return nil
}

// writeYAMLSkeleton writes the members of the struct t as the AWS CLI's
// yaml-input skeleton: "Key: value # [REQUIRED] doc. Valid values are:
// ...", nested structures indented, lists as "- item"; the first member of
// each mapping has two spaces before its comment, as the AWS CLI's YAML
// writer puts them. first is the prefix of the first line ("- " in a
// list), indent that of the others.
func writeYAMLSkeleton(b *strings.Builder, t reflect.Type, docs map[string]string, first, indent string) {
	for i, m := range membersOf(indirect(t)) {
		prefix := indent
		if i == 0 {
			prefix = first
		}
		gap := " "
		if i == 0 {
			gap = "  "
		}
		comment := yamlComment(m, docs)
		mt := indirect(m.typ)
		switch {
		case mt.Kind() == reflect.Struct && mt != timeType:
			fmt.Fprintf(b, "%s%s:%s\n", prefix, m.name, commentAfter(" ", comment))
			writeYAMLSkeleton(b, mt, nil, indent+"  ", indent+"  ")
		case mt.Kind() == reflect.Slice:
			fmt.Fprintf(b, "%s%s:%s\n", prefix, m.name, commentAfter(gap, comment))
			et := indirect(mt.Elem())
			if et.Kind() == reflect.Struct && et != timeType {
				writeYAMLSkeleton(b, et, nil, indent+"- ", indent+"  ")
			} else {
				fmt.Fprintf(b, "%s- %s\n", indent, yamlScalar(et))
			}
		case mt.Kind() == reflect.Map:
			fmt.Fprintf(b, "%s%s:%s\n", prefix, m.name, commentAfter(" ", comment))
			fmt.Fprintf(b, "%s  KeyName: ''\n", indent)
		default:
			fmt.Fprintf(b, "%s%s: %s%s\n", prefix, m.name, yamlScalar(mt), commentAfter(gap, comment))
		}
	}
}

// commentAfter is " # comment" after gap, or "" without a comment.
func commentAfter(gap, comment string) string {
	if comment == "" {
		return ""
	}
	return gap + "# " + comment
}

// yamlComment is a member's skeleton comment: [REQUIRED], the first line
// of its documentation, its enum values.
func yamlComment(m member, docs map[string]string) string {
	var parts []string
	if m.required {
		parts = append(parts, "[REQUIRED]")
	}
	if d, _, _ := strings.Cut(docs[m.name], "\n"); d != "" {
		parts = append(parts, d)
	}
	if vals := enumValues(indirect(m.typ)); vals != nil {
		parts = append(parts, "Valid values are: "+strings.Join(vals, ", ")+".")
	}
	return strings.Join(parts, " ")
}

// yamlScalar is the skeleton value of a scalar type in YAML.
func yamlScalar(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true"
	case reflect.Int, reflect.Int32, reflect.Int64:
		return "0"
	case reflect.String:
		if vals := enumValues(t); len(vals) > 0 {
			return vals[0]
		}
	}
	return "''"
}

// decodeYAML decodes one YAML document into the values decodeJSON gives:
// maps with string keys, lists, strings, json.Number, booleans.
func decodeYAML(data []byte) (any, error) {
	var v any
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("invalid YAML")
	}
	return fromYAML(v)
}

// fromYAML converts a decoded YAML value to decodeJSON's types.
func fromYAML(v any) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			c, err := fromYAML(e)
			if err != nil {
				return nil, err
			}
			out[k] = c
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			c, err := fromYAML(e)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	case int, int64, uint64, float64:
		return json.Number(fmt.Sprint(x)), nil
	case string, bool, nil:
		return x, nil
	}
	return nil, fmt.Errorf("unsupported YAML value %T", v)
}
