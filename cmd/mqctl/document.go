package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// toDocument renders an api value (an output, usually) as the document the
// AWS CLI prints: objects keyed by the model's PascalCase member names
// (BrokerId, not brokerId or BrokerID), numbers as float64 as JMESPath wants
// them, timestamps as strings, unset members left out and the request
// metadata dropped.
//
// Timestamps are written as cli_timestamp_format asks: iso8601 (wire
// false) as the AWS CLI's Python isoformat() (2026-11-26T06:11:40.163000+00:00,
// no fraction when it is zero), wire as the service sends them (RFC 3339).
func toDocument(v any, wire bool) any {
	d, _ := docValue(reflect.ValueOf(v), wire)
	if d == nil {
		return map[string]any{}
	}
	return d
}

// isoFormat renders t as Python's datetime.isoformat() does, which is how
// the AWS CLI prints timestamps by default (cli_timestamp_format =
// iso8601): microseconds only when there are any, and a numeric offset.
func isoFormat(t time.Time) string {
	if t.Nanosecond()/1000 == 0 {
		return t.Format("2006-01-02T15:04:05-07:00")
	}
	return t.Format("2006-01-02T15:04:05.000000-07:00")
}

// docValue converts v; ok is false when v is unset and must be left out.
func docValue(v reflect.Value, wire bool) (d any, ok bool) {
	switch v.Kind() {
	case reflect.Invalid:
		return nil, false
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil, false
		}
		return docValue(v.Elem(), wire)
	case reflect.Struct:
		if v.Type() == timeType {
			t := v.Interface().(time.Time)
			if t.IsZero() {
				return nil, false
			}
			if wire {
				return t.Format(time.RFC3339Nano), true
			}
			return isoFormat(t.UTC()), true
		}
		obj := map[string]any{}
		for _, m := range membersOf(v.Type()) {
			if fd, ok := docValue(v.Field(m.index), wire); ok {
				obj[m.name] = fd
			}
		}
		return obj, true
	case reflect.Slice:
		if v.IsNil() {
			return nil, false
		}
		list := make([]any, 0, v.Len())
		for i := 0; i < v.Len(); i++ {
			ed, _ := docValue(v.Index(i), wire)
			list = append(list, ed)
		}
		return list, true
	case reflect.Map:
		if v.IsNil() {
			return nil, false
		}
		obj := make(map[string]any, v.Len())
		iter := v.MapRange()
		for iter.Next() {
			ed, _ := docValue(iter.Value(), wire)
			obj[iter.Key().String()] = ed
		}
		return obj, true
	case reflect.String:
		return v.String(), v.Len() > 0
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int()), v.Int() != 0
	case reflect.Float32, reflect.Float64:
		return v.Float(), v.Float() != 0
	}
	return fmt.Sprint(v.Interface()), true
}

// assign stores the generic value src (decoded JSON with json.Number, or
// parsed shorthand whose leaves are strings) into dst, converting as dst's
// type asks. Struct keys are the AWS CLI's PascalCase member names. Errors
// name the member by path and never quote a value, which may be a secret.
func assign(dst reflect.Value, src any, path string) error {
	if src == nil {
		return nil // JSON null leaves the member unset
	}
	t := dst.Type()
	switch t.Kind() {
	case reflect.Pointer:
		nv := reflect.New(t.Elem())
		if err := assign(nv.Elem(), src, path); err != nil {
			return err
		}
		dst.Set(nv)
		return nil
	case reflect.Struct:
		obj, ok := src.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: expected a structure (%s)", path, shorthandSyntax(t))
		}
		ms := membersOf(t)
		for _, k := range sortedKeys(obj) {
			m, ok := findMember(ms, k)
			if !ok {
				return fmt.Errorf("%s: unknown member %q; valid members: %s", path, k, memberNames(ms))
			}
			if err := assign(dst.Field(m.index), obj[k], path+"."+m.name); err != nil {
				return err
			}
		}
		return nil
	case reflect.Slice:
		list, ok := src.([]any)
		if !ok {
			list = []any{src} // a scalar where a list is expected: a list of one
		}
		s := reflect.MakeSlice(t, len(list), len(list))
		for i, e := range list {
			if err := assign(s.Index(i), e, path+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
		dst.Set(s)
		return nil
	case reflect.Map:
		obj, ok := src.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: expected a map of key=value pairs", path)
		}
		m := reflect.MakeMapWithSize(t, len(obj))
		for k, e := range obj {
			ev := reflect.New(t.Elem()).Elem()
			if err := assign(ev, e, path+"."+k); err != nil {
				return err
			}
			m.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
		}
		dst.Set(m)
		return nil
	case reflect.String:
		switch s := src.(type) {
		case string:
			dst.SetString(s)
		case json.Number:
			dst.SetString(s.String())
		default:
			return fmt.Errorf("%s: expected a string", path)
		}
		return nil
	case reflect.Int, reflect.Int32, reflect.Int64:
		var n int64
		var err error
		switch s := src.(type) {
		case json.Number:
			n, err = s.Int64()
		case string:
			n, err = strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		default:
			err = fmt.Errorf("not a number")
		}
		if err != nil || dst.OverflowInt(n) {
			return fmt.Errorf("%s: expected an integer", path)
		}
		dst.SetInt(n)
		return nil
	case reflect.Bool:
		switch s := src.(type) {
		case bool:
			dst.SetBool(s)
		case string:
			b, err := strconv.ParseBool(strings.ToLower(strings.TrimSpace(s)))
			if err != nil {
				return fmt.Errorf("%s: expected true or false", path)
			}
			dst.SetBool(b)
		default:
			return fmt.Errorf("%s: expected true or false", path)
		}
		return nil
	}
	return fmt.Errorf("%s: cannot set a member of type %s", path, t)
}

// findMember finds the member named k: the exact PascalCase name first, then
// any spelling that differs only in case (brokerId, BROKERID).
func findMember(ms []member, k string) (member, bool) {
	for _, m := range ms {
		if m.name == k {
			return m, true
		}
	}
	for _, m := range ms {
		if strings.EqualFold(m.name, k) {
			return m, true
		}
	}
	return member{}, false
}

func memberNames(ms []member) string {
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = m.name
	}
	return strings.Join(names, ", ")
}

// skeleton returns a sample document of the api type t, with every member
// set to a placeholder of its type, as --generate-cli-skeleton prints it.
func skeleton(t reflect.Type) any {
	t = indirect(t)
	switch t.Kind() {
	case reflect.Struct:
		obj := map[string]any{}
		for _, m := range membersOf(t) {
			obj[m.name] = skeleton(m.typ)
		}
		return obj
	case reflect.Slice:
		return []any{skeleton(t.Elem())}
	case reflect.Map:
		return map[string]any{"KeyName": ""}
	case reflect.String:
		if vals := enumValues(t); len(vals) > 0 {
			return vals[0]
		}
		return ""
	case reflect.Bool:
		return true
	case reflect.Int, reflect.Int32, reflect.Int64:
		return float64(0)
	}
	return nil
}
