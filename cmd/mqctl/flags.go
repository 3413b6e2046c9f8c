package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"

	"github.com/spf13/pflag"

	"github.com/mqrest/mqrest/api"
)

// memberKind is how an input member is given on the command line.
type memberKind int

const (
	kindScalar  memberKind = iota // string, enum or integer: one value
	kindBool                      // --x / --no-x, the last of them wins
	kindList                      // list of scalars: space-separated values, or a JSON list
	kindMap                       // k=v,k2=v2 or JSON
	kindStruct                    // shorthand or JSON
	kindStructs                   // space-separated structures, or a JSON list
	// Of every kind, the last occurrence of the flag wins, as in the AWS CLI.
)

// memberFlag is the flag (or flags) of one top-level input member.
type memberFlag struct {
	member
	flag    string // kebab-case name, e.g. "broker-id"
	doc     string // from the model's documentation of the member
	kind    memberKind
	values  rawValue
	yes, no bool   // kindBool
	file    string // secret members: --x-file
	stdin   bool   // secret members: --x-stdin
	min     int64  // integer members whose range starts above 0: that minimum
}

// rawValue collects every occurrence of a flag; parsing waits until the
// input is built, so that errors can be worded without echoing values.
type rawValue struct {
	typ  string
	vals []string
}

// String shows no default in help.
func (r *rawValue) String() string { return "" }

// Set records one occurrence.
func (r *rawValue) Set(s string) error { r.vals = append(r.vals, s); return nil }

// Type names the value in help.
func (r *rawValue) Type() string { return r.typ }

// inputFlags binds the flags of an operation command to its input type.
type inputFlags struct {
	op           *api.Operation
	members      []*memberFlag
	cliInputJSON string
	cliInputYAML string
	skeleton     string // --generate-cli-skeleton: input, output or yaml-input
}

// newInputFlags prepares one flag per member of op's input, documented
// by info.
func newInputFlags(op *api.Operation, info *commandInfo) *inputFlags {
	f := &inputFlags{op: op}
	for _, m := range membersOf(op.Input) {
		mf := &memberFlag{member: m, flag: commandName(m.name), doc: info.flags[m.name], min: info.minimums[m.name]}
		t := indirect(m.typ)
		switch t.Kind() {
		case reflect.Bool:
			mf.kind = kindBool
		case reflect.Slice:
			mf.kind, mf.values.typ = kindList, "strings"
			if indirect(t.Elem()).Kind() == reflect.Struct {
				mf.kind, mf.values.typ = kindStructs, "structure"
			}
		case reflect.Map:
			mf.kind, mf.values.typ = kindMap, "key=value"
		case reflect.Struct:
			mf.kind, mf.values.typ = kindStruct, "structure"
		case reflect.Int, reflect.Int32, reflect.Int64:
			mf.kind, mf.values.typ = kindScalar, "int"
		default:
			mf.kind, mf.values.typ = kindScalar, "string"
			if enumValues(t) != nil {
				mf.values.typ = "enum"
			}
		}
		f.members = append(f.members, mf)
	}
	return f
}

// register defines the flags on fs; the values of enum flags go into
// completions, keyed by flag name, for shell completion.
func (f *inputFlags) register(fs *pflag.FlagSet, completions map[string][]string) {
	for _, m := range f.members {
		if m.kind == kindBool {
			fs.BoolVar(&m.yes, m.flag, false, m.usage())
			fs.BoolVar(&m.no, "no-"+m.flag, false, "sets "+m.name+" to false (see --"+m.flag+")")
			continue
		}
		fs.Var(&m.values, m.flag, m.usage())
		if vals := enumValues(indirect(m.typ)); vals != nil && completions != nil {
			completions[m.flag] = vals
		}
		if m.secret {
			fs.StringVar(&m.file, m.flag+"-file", "", "read "+m.name+" from the file `PATH` (one trailing newline is dropped); never echoed")
			fs.BoolVar(&m.stdin, m.flag+"-stdin", false, "read "+m.name+" from standard input (one trailing newline is dropped); at a terminal, prompt on stderr and read one line with echo off")
		}
	}
	fs.StringVar(&f.cliInputJSON, "cli-input-json", "", "the whole input as `JSON` with the AWS CLI's member names: the JSON text, file://PATH, or - for stdin; flags given as well override its members")
	fs.StringVar(&f.cliInputYAML, "cli-input-yaml", "", "the whole input as `YAML` with the AWS CLI's member names: the YAML text, file://PATH, or - for stdin; flags given as well override its members")
	fs.StringVar(&f.skeleton, "generate-cli-skeleton", "", "print a skeleton and exit: `input` (JSON for --cli-input-json, the default), yaml-input (YAML for --cli-input-yaml, with each member's documentation) or output (the output's shape)")
	fs.Lookup("generate-cli-skeleton").NoOptDefVal = "input"
}

// usage is the help text of a member flag: type, whether required, the
// allowed values of an enum and the syntax of structures, then, on a line
// of its own, what the model's documentation says of the member.
func (m *memberFlag) usage() string {
	var b strings.Builder
	if m.required {
		b.WriteString("required; ")
	}
	t := indirect(m.typ)
	switch m.kind {
	case kindBool:
		fmt.Fprintf(&b, "boolean: --%s sets %s to true, --no-%s to false", m.flag, m.name, m.flag)
	case kindScalar:
		if vals := enumValues(t); vals != nil {
			fmt.Fprintf(&b, "enum %s, one of: %s", m.name, strings.Join(vals, ", "))
		} else {
			fmt.Fprintf(&b, "%s %s", typeHint(t), m.name)
		}
	case kindList:
		e := indirect(t.Elem())
		fmt.Fprintf(&b, "list %s: space-separated values (--%s a b) or a JSON list; a comma stays in its value", m.name, m.flag)
		if vals := enumValues(e); vals != nil {
			fmt.Fprintf(&b, "; each one of: %s", strings.Join(vals, ", "))
		}
	case kindMap:
		fmt.Fprintf(&b, "map %s: key=value,key2=value2 or a JSON object", m.name)
	case kindStruct:
		fmt.Fprintf(&b, "structure %s: shorthand %s, or a JSON object", m.name, shorthandSyntax(t))
	case kindStructs:
		fmt.Fprintf(&b, "list of structures %s: space-separated, each in shorthand %s, or a JSON list", m.name, shorthandSyntax(t.Elem()))
	}
	if req := requiredNested(t); req != "" {
		fmt.Fprintf(&b, " (required: %s)", req)
	}
	if m.secret {
		fmt.Fprintf(&b, "; secret: prefer --%s-file or --%s-stdin, as a value shows in the process list", m.flag, m.flag)
	}
	if s := secretNested(t); s != "" {
		fmt.Fprintf(&b, "; holds secrets (%s): prefer file://PATH, as a value shows in the process list", s)
	}
	if m.doc != "" {
		b.WriteString("\n" + m.doc)
	}
	return b.String()
}

// requiredNested names the required members of a structure-valued flag.
func requiredNested(t reflect.Type) string {
	if s := nestedStruct(t); s != nil {
		return strings.Join(requiredMembers(s), ", ")
	}
	return ""
}

// secretNested names the secret members of a structure-valued flag.
func secretNested(t reflect.Type) string {
	if s := nestedStruct(t); s != nil {
		return strings.Join(secretMembers(s), ", ")
	}
	return ""
}

// nestedStruct returns the structure a structure-valued flag (or a list of
// structures) takes, or nil.
func nestedStruct(t reflect.Type) reflect.Type {
	t = indirect(t)
	if t.Kind() == reflect.Slice {
		t = indirect(t.Elem())
	}
	if t.Kind() != reflect.Struct || t == timeType {
		return nil
	}
	return t
}

// build returns the operation's input: --cli-input-json first, then every
// flag given on the command line over it.
func (f *inputFlags) build(fs *pflag.FlagSet, stdin io.Reader, prompt io.Writer) (any, error) {
	in := f.op.NewInput()
	v := reflect.ValueOf(in).Elem()
	usedStdin := ""
	if f.cliInputJSON != "" && f.cliInputYAML != "" {
		return nil, usageErrorf("argument --cli-input-yaml: not allowed with argument --cli-input-json")
	}
	for _, src := range []struct {
		flag, value string
		decode      func([]byte) (any, error)
	}{{"cli-input-json", f.cliInputJSON, decodeJSON}, {"cli-input-yaml", f.cliInputYAML, decodeYAML}} {
		if src.value == "" {
			continue
		}
		data, err := readSource(src.value, stdin, true)
		if err != nil {
			return nil, paramErrorf("Error parsing parameter '%s': %v", src.flag, err)
		}
		if src.value == "-" {
			usedStdin = "--" + src.flag + " -"
		}
		doc, err := src.decode(data)
		if err != nil {
			kind := "JSON"
			if src.flag == "cli-input-yaml" {
				kind = "YAML"
			}
			return nil, paramErrorf("Error parsing parameter '%s': Invalid %s received.", src.flag, kind)
		}
		if err := assign(v, doc, "input"); err != nil {
			return nil, paramErrorf("Parameter validation failed:\n%v", err)
		}
	}
	for _, m := range f.members {
		if err := m.apply(v.Field(m.index), fs, stdin, prompt, &usedStdin); err != nil {
			return nil, err
		}
	}
	return in, nil
}

// apply sets the member from its flags, when any was given.
// A secret read from a terminal is prompted for on prompt.
func (m *memberFlag) apply(dst reflect.Value, fs *pflag.FlagSet, stdin io.Reader, prompt io.Writer, usedStdin *string) error {
	flag := "--" + m.flag
	if m.kind == kindBool {
		if m.yes && m.no {
			return usageErrorf("%s and --no-%s cannot be given together", flag, m.flag)
		}
		if m.yes || m.no {
			return assign(dst, m.yes, flag)
		}
		return nil
	}
	if m.secret {
		given := 0
		for _, set := range []bool{len(m.values.vals) > 0, m.file != "", m.stdin} {
			if set {
				given++
			}
		}
		if given > 1 {
			return usageErrorf("give only one of %s, %s-file and %s-stdin", flag, flag, flag)
		}
		var secret []byte
		var err error
		switch {
		case m.file != "":
			secret, err = os.ReadFile(m.file)
			if err != nil {
				return usageErrorf("%s-file: cannot read the file: %v", flag, pathError(err))
			}
		case m.stdin:
			if *usedStdin != "" {
				return usageErrorf("%s-stdin and %s both read standard input", flag, *usedStdin)
			}
			*usedStdin = flag + "-stdin"
			secret, err = readSecret(stdin, prompt, m.name)
			if err != nil {
				return usageErrorf("%s-stdin: %v", flag, err)
			}
		}
		if m.file != "" || m.stdin {
			s := strings.TrimSuffix(strings.TrimSuffix(string(secret), "\n"), "\r")
			return assign(dst, s, m.name)
		}
	}
	if len(m.values.vals) == 0 {
		return nil
	}
	// The last occurrence wins, as in the AWS CLI; a list flag's
	// occurrence holds every value given space-separated after it.
	var vals []string
	for _, raw := range strings.Split(m.values.vals[len(m.values.vals)-1], nargsSep) {
		s, err := paramValue(raw)
		if errors.Is(err, errBytesValue) {
			return paramErrorf("Parameter validation failed:\nInvalid type for parameter %s, value: (bytes from %s), type: <class 'bytes'>, valid types: <class 'str'>", m.name, raw)
		}
		if err != nil {
			return paramErrorf("Error parsing parameter '%s': %v", flag, err)
		}
		vals = append(vals, s)
	}
	var src any
	switch m.kind {
	case kindScalar:
		src = vals[len(vals)-1]
	case kindList, kindStructs:
		var list []any
		for _, s := range vals {
			if strings.HasPrefix(strings.TrimSpace(s), "[") {
				l, err := jsonList(flag, s)
				if err != nil {
					return err
				}
				list = append(list, l...)
				continue
			}
			if m.kind == kindStructs {
				obj, err := structValue(s)
				if err != nil {
					return paramErrorf("Error parsing parameter '%s': %v", flag, err)
				}
				list = append(list, obj)
				continue
			}
			list = append(list, s) // a comma stays in the value, as in the AWS CLI
		}
		if list == nil && m.kind == kindList {
			list = []any{}
		}
		src = list
	case kindMap, kindStruct:
		obj, err := structValue(vals[len(vals)-1])
		if err != nil {
			return paramErrorf("Error parsing parameter '%s': %v", flag, err)
		}
		src = obj
	}
	if err := assign(dst, src, flag); err != nil {
		return paramErrorf("Parameter validation failed:\n%v", err)
	}
	if m.min > 0 && dst.CanInt() && dst.Int() == 0 {
		// 0 is the typed input's "unset": refuse it here, in the AWS CLI's words.
		return paramErrorf("Parameter validation failed:\nInvalid value for parameter %s, value: 0, valid min value: %d", m.name, m.min)
	}
	return nil
}

// structValue parses a structure or map given as a JSON object or in
// shorthand.
func structValue(s string) (map[string]any, error) {
	if strings.HasPrefix(strings.TrimSpace(s), "{") {
		doc, err := decodeJSON([]byte(s))
		if err != nil {
			return nil, err
		}
		obj, ok := doc.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("expected a JSON object")
		}
		return obj, nil
	}
	return parseShorthand(s)
}

// paramValue resolves the AWS CLI's file:// prefix: the value is the
// file's content.
func paramValue(raw string) (string, error) {
	for _, prefix := range []string{"file://", "fileb://"} {
		path, ok := strings.CutPrefix(raw, prefix)
		if !ok {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return "", paramFileError(raw, path, err)
		}
		if prefix == "fileb://" {
			// fileb:// gives bytes, which only a blob member takes; Amazon
			// MQ has none, and the AWS CLI refuses bytes for a string.
			return "", errBytesValue
		}
		return string(data), nil
	}
	return raw, nil
}

// cliText is an error worded as the AWS CLI words it, capital first.
type cliText string

// Error returns the text.
func (e cliText) Error() string { return string(e) }

// errBytesValue is the AWS CLI's refusal of fileb:// bytes for a member
// that is not a blob (the value is not echoed: it may be a secret).
var errBytesValue = errors.New("bytes")

// paramFileError is the AWS CLI's error for a file:// or fileb:// file it
// cannot read.
func paramFileError(raw, path string, err error) error {
	reason := pathError(err).Error()
	if errors.Is(err, os.ErrNotExist) {
		reason = fmt.Sprintf("[Errno 2] No such file or directory: '%s'", path)
	} else if errors.Is(err, os.ErrPermission) {
		reason = fmt.Sprintf("[Errno 13] Permission denied: '%s'", path)
	}
	return cliText(fmt.Sprintf("Unable to load paramfile %s: %s", raw, reason))
}

// readSource reads a JSON source given as text, file://PATH or "-" (stdin).
func readSource(s string, stdin io.Reader, allowStdin bool) ([]byte, error) {
	switch {
	case s == "-" && allowStdin:
		return io.ReadAll(stdin)
	case strings.HasPrefix(s, "file://"):
		data, err := os.ReadFile(strings.TrimPrefix(s, "file://"))
		if err != nil {
			return nil, paramFileError(s, strings.TrimPrefix(s, "file://"), err)
		}
		return data, nil
	}
	return []byte(s), nil
}

// decodeJSON decodes one JSON value, keeping numbers exact.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) { // its message may quote a character of a secret
			return nil, cliText(fmt.Sprintf("Invalid JSON: syntax error at byte %d", se.Offset))
		}
		return nil, cliText("Invalid JSON: " + err.Error())
	}
	if dec.More() {
		return nil, cliText("Invalid JSON: more than one value")
	}
	return v, nil
}

// pathError drops the operation from an *os.PathError, keeping path and
// reason.
func pathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return fmt.Errorf("%s: %v", pe.Path, pe.Err)
	}
	return err
}

// jsonList decodes a list value given as JSON, e.g. --subnet-ids '["a","b"]'.
func jsonList(flag, s string) ([]any, error) {
	doc, err := decodeJSON([]byte(s))
	if err != nil {
		return nil, usageErrorf("%s: %v", flag, err)
	}
	l, ok := doc.([]any)
	if !ok {
		return nil, usageErrorf("%s: expected a JSON list", flag)
	}
	return l, nil
}
