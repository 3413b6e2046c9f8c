package main

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// The files of package api: shapes, enums, exceptions, operations with
// their bindings, validation, redaction and member metadata.

func genAPI(m *Model) []file {
	return []file{
		{"api/shapes_gen.go", genShapes(m)},
		{"api/enums_gen.go", genEnums(m)},
		{"api/exceptions_gen.go", genExceptions(m)},
		{"api/operations_gen.go", genOperations(m)},
		{"api/bind_gen.go", genBindings(m)},
		{"api/validate_gen.go", genValidation(m)},
		{"api/redact_gen.go", genRedaction(m)},
		{"api/redact_gen_test.go", genRedactionTable(m)},
		{"api/members_gen.go", genMembers(m)},
		{"api/encode_gen.go", genEncoders(m)},
	}
}

// goType is the Go type of a member's target.
func goType(t *Shape) string {
	switch t.Type {
	case "string":
		return "string"
	case "integer":
		return "int32"
	case "long":
		return "int64"
	case "boolean":
		return "*bool"
	case "timestamp":
		return "time.Time"
	case "enum", "structure":
		if t.Type == "structure" {
			return "*" + t.GoName
		}
		return t.GoName
	case "list":
		e := goType(t.Elem)
		return "[]" + strings.TrimPrefix(e, "*")
	case "map":
		return "map[string]" + goType(t.Elem)
	}
	panic("unsupported shape type " + t.Type + " of " + t.Name)
}

// wireName is how a member is named in validation problems: the JSON key,
// the path label or the query key.
func wireName(mem *Member) string {
	switch {
	case mem.Label:
		return mem.Name
	case mem.Query != "":
		return mem.Query
	}
	return mem.JSONName
}

func memberDoc(mem *Member) string {
	doc := mem.Doc
	var notes []string
	switch {
	case mem.Label:
		notes = append(notes, "Sent in the path as {"+mem.Name+"}.")
	case mem.Query != "":
		notes = append(notes, "Sent in the query as "+mem.Query+".")
	}
	if mem.Sensitive {
		notes = append(notes, "Sensitive: printed and logged as "+`"<redacted>"`+".")
	}
	if mem.Idempotency {
		notes = append(notes, "An idempotency token: the client fills it with a fresh UUID when it is empty.")
	}
	if len(notes) > 0 {
		if doc != "" {
			doc += "\n\n"
		}
		doc += strings.Join(notes, " ")
	}
	return doc
}

func structDoc(s *Shape) string {
	switch {
	case s.Input != nil:
		d := s.GoName + " is the input of " + s.Input.Name + "."
		if s.Input.Doc != "" {
			d += " " + s.Input.Name + ": " + s.Input.Doc
		}
		return d
	case s.Output != nil:
		return s.GoName + " is the output of " + s.Output.Name + "."
	}
	if s.Doc == "" {
		return s.GoName + " is a shape of the Amazon MQ API."
	}
	return s.GoName + ": " + s.Doc
}

func genShapes(m *Model) string {
	g := newGen("api")
	g.imports("time")
	for _, s := range m.Structures {
		g.p("%stype %s struct {", comment("", structDoc(s)), s.GoName)
		if s.Output != nil {
			g.p("\t// Metadata carries the request ID of the call that returned this output.")
			g.p("\tMetadata `json:\"-\"`")
		}
		for _, mem := range s.Members {
			tag := "`json:\"-\"`"
			if mem.InBody() {
				tag = fmt.Sprintf("`json:\"%s,omitzero\"`", mem.JSONName)
			}
			g.p("%s\t%s %s %s", comment("\t", memberDoc(mem)), mem.GoName, goType(mem.Target), tag)
		}
		g.p("}\n")
	}
	return g.String()
}

func genEnums(m *Model) string {
	g := newGen("api")
	for _, e := range m.Enums {
		doc := e.GoName + " is an enum of the Amazon MQ API."
		if e.Doc != "" {
			doc += " " + e.Doc
		}
		doc += "\n\nEnums are open: a value this version of the API does not list is sent and received as it is."
		g.p("%stype %s string\n", comment("", doc), e.GoName)
		g.p("// Values of %s.\nconst (", e.GoName)
		for _, v := range e.Values {
			g.p("\t%s%s %s = %q", e.GoName, v.GoName, e.GoName, v.Value)
		}
		g.p(")\n")
		var names []string
		for _, v := range e.Values {
			names = append(names, e.GoName+v.GoName)
		}
		g.p("// Values returns every value of %s the API version knows, in model order.", e.GoName)
		g.p("func (%s) Values() []%s {\n\treturn []%s{%s}\n}\n", e.GoName, e.GoName, e.GoName, strings.Join(names, ", "))
		g.p("func (%s) valuesAsStrings() []string {", e.GoName)
		var strs []string
		for _, v := range e.Values {
			strs = append(strs, strconv.Quote(v.Value))
		}
		g.p("\treturn []string{%s}\n}\n", strings.Join(strs, ", "))
	}
	return g.String()
}

func genExceptions(m *Model) string {
	g := newGen("api")
	g.imports("encoding/json/v2", "github.com/aws/smithy-go")
	for _, e := range m.Errors {
		doc := e.GoName + " is the error the service answers with HTTP " + strconv.Itoa(e.Status) + "."
		if e.Doc != "" {
			doc += " " + e.Doc
		}
		doc += " It satisfies smithy.APIError; find it with errors.As."
		g.p("%stype %s struct {", comment("", doc), e.GoName)
		for _, mem := range e.Members {
			g.p("%s\t%s %s `json:\"%s,omitzero\"`", comment("\t", mem.Doc), mem.GoName, goType(mem.Target), mem.JSONName)
		}
		g.p("}\n")
		fault := "smithy.FaultClient"
		if e.Fault == "server" {
			fault = "smithy.FaultServer"
		}
		g.p(`// Error returns the code and the message.
func (e *%[1]s) Error() string { return exceptionText(%[1]q, e.Message) }

// ErrorCode returns %[1]q (smithy.APIError).
func (e *%[1]s) ErrorCode() string { return %[1]q }

// ErrorMessage returns the service's explanation (smithy.APIError).
func (e *%[1]s) ErrorMessage() string { return e.Message }

// ErrorFault says who is at fault (smithy.APIError).
func (e *%[1]s) ErrorFault() smithy.ErrorFault { return %[2]s }

// HTTPStatusCode returns %[3]d, the status the service answers it with.
func (e *%[1]s) HTTPStatusCode() int { return %[3]d }
`, e.GoName, fault, e.Status)
	}
	g.p("// NewException returns the typed exception of the error code, decoded from")
	g.p("// the error response body (member names matched without regard to case), or")
	g.p("// nil when the code is none of the model's errors.")
	g.p("func NewException(code string, body []byte) error {")
	g.p("\tswitch code {")
	for _, e := range m.Errors {
		g.p("\tcase %q:\n\t\te := new(%s)\n\t\tdecodeException(body, e)\n\t\treturn e", e.Name, e.GoName)
	}
	g.p("\t}\n\treturn nil\n}\n")
	g.p("// ExceptionCodes lists the error codes of the model, with their HTTP status.")
	g.p("var ExceptionCodes = map[string]int{")
	for _, e := range m.Errors {
		g.p("\t%q: %d,", e.Name, e.Status)
	}
	g.p("}\n")
	g.p("var _ = json.Unmarshal")
	return g.String()
}

func resourceKind(kind string) string {
	switch kind {
	case "none":
		return "ResourceNone"
	case "broker":
		return "ResourceBroker"
	case "configuration":
		return "ResourceConfiguration"
	case "tagged":
		return "ResourceTagged"
	case "primaryBroker":
		return "ResourcePrimaryBroker"
	case "role":
		return "ResourceRole"
	case "serviceLinkedRole":
		return "ResourceServiceLinkedRole"
	}
	panic("unknown resource kind " + kind)
}

// condExpr renders a condition as a Go expression over in (the typed input)
// and env.
func condExpr(op *Operation, c *condition) string {
	switch {
	case c.Set != "":
		mem := op.Input.member(c.Set)
		return isSetExpr("in."+mem.GoName, mem.Target)
	case c.Equals != nil:
		mem := op.Input.member(c.Equals[0])
		if mem.Target.Type == "enum" {
			for _, v := range mem.Target.Values {
				if v.Value == c.Equals[1] {
					return fmt.Sprintf("in.%s == %s%s", mem.GoName, mem.Target.GoName, v.GoName)
				}
			}
		}
		return fmt.Sprintf("in.%s == %q", mem.GoName, c.Equals[1])
	case c.Env == "FirstBroker":
		return "env.FirstBroker"
	case c.Env == "PassRole":
		return `env.PassRole != ""`
	}
	var parts []string
	sep := " && "
	list := c.All
	if c.Any != nil {
		sep, list = " || ", c.Any
	}
	for _, s := range list {
		parts = append(parts, condExpr(op, s))
	}
	return "(" + strings.Join(parts, sep) + ")"
}

// isSetExpr is the Go test that a member holds a value.
func isSetExpr(x string, t *Shape) string {
	switch t.Type {
	case "string", "enum":
		return x + ` != ""`
	case "integer", "long":
		return x + " != 0"
	case "list", "map":
		return "len(" + x + ") > 0"
	case "timestamp":
		return "!" + x + ".IsZero()"
	}
	return x + " != nil"
}

// isUnsetExpr is the Go test that a member holds no value.
func isUnsetExpr(x string, t *Shape) string {
	switch t.Type {
	case "string", "enum":
		return x + ` == ""`
	case "integer", "long":
		return x + " == 0"
	case "list", "map":
		return "len(" + x + ") == 0"
	case "timestamp":
		return x + ".IsZero()"
	}
	return x + " == nil"
}

// condUsesInput reports whether a condition reads the input.
func condUsesInput(c *condition) bool {
	if c.Set != "" || c.Equals != nil {
		return true
	}
	for _, s := range append(slices.Clone(c.All), c.Any...) {
		if condUsesInput(s) {
			return true
		}
	}
	return false
}

func genOperations(m *Model) string {
	g := newGen("api")
	g.imports("reflect")
	genGroupConds(g, m)
	g.p("// Operations is the operation table: every operation of the Amazon MQ API")
	g.p("// (version %s), sorted by name.", m.Version)
	g.p("var Operations = []*Operation{")
	for _, op := range m.Operations {
		g.p("\top%s,", op.Name)
	}
	g.p("}\n")
	for _, op := range m.Operations {
		ov := op.Overlay
		in, out := op.Input.GoName, op.Output.GoName
		g.p("%svar op%s = &Operation{", comment("", "op"+op.Name+" is "+op.Name+": "+firstSentence(op.Doc)), op.Name)
		g.p("\tName: %q,", op.Name)
		g.p("\tDoc: %q,", firstSentence(op.Doc))
		g.p("\tMethod: %q, Path: %q, Status: %d,", op.Method, op.URI, op.Code)
		if hasBody(op.Input) {
			g.p("\tBody: true,")
		}
		for _, mem := range op.Input.Members {
			if mem.Idempotency {
				g.p("\tIdempotencyToken: %q,", mem.Name)
			}
		}
		g.p("\tResource: %s,", resourceKind(ov.Resource.Kind))
		if ov.Retry == "unprocessed" {
			g.p("\tRetry: RetryUnprocessed,")
		}
		var errs []string
		for _, e := range op.Errors {
			errs = append(errs, strconv.Quote(e.Name))
		}
		g.p("\tErrors: []string{%s},", strings.Join(errs, ", "))
		if ov.Waiter != "" {
			g.p("\tWaiter: %q,", ov.Waiter)
		}
		g.p("\tActions: []Action{")
		for _, a := range ov.Actions {
			names := []string{a.Action}
			if a.Group != "" {
				names = m.Groups[a.Group]
			}
			kind, member := ov.Resource.Kind, ov.Resource.Member
			if a.Resource != nil {
				kind, member = a.Resource.Kind, a.Resource.Member
			}
			for _, name := range names {
				g.w("\t\t{Name: %q, Resource: %s", name, resourceKind(kind))
				if member != "" {
					mem := op.Input.member(member)
					g.w(",\n\t\t\tresource: func(in any) string { return in.(*%s).%s }", in, mem.GoName)
				}
				if a.When != nil && a.Group != "" {
					g.w(",\n\t\t\tWhen: %s, Why: %q", groupCondName(op, a), a.Why)
				} else if a.When != nil {
					inVar, envVar := "_", "_"
					if condUsesInput(a.When) {
						inVar = "v"
					}
					if a.When.stateful() {
						envVar = "env"
					}
					expr := strings.TrimSuffix(strings.TrimPrefix(condExpr(op, a.When), "("), ")")
					g.w(",\n\t\t\tWhen: func(%s any, %s Env) bool {", inVar, envVar)
					if inVar == "v" {
						g.w(" in := v.(*%s);", in)
					}
					g.w(" return %s },", expr)
					if a.When.stateful() {
						g.w("\n\t\t\tStateful: true,")
					}
					g.w("\n\t\t\tWhy: %q", a.Why)
				}
				if len(a.Context) > 0 {
					keys := slices.Sorted(maps.Keys(a.Context))
					var kv []string
					for _, k := range keys {
						kv = append(kv, fmt.Sprintf("%q: %q", k, a.Context[k]))
					}
					g.w(",\n\t\t\tContext: map[string]string{%s}", strings.Join(kv, ", "))
				}
				g.p("},")
			}
		}
		g.p("\t},")
		if p := op.Paging; p != nil {
			g.p("\tPaging: &Paging{")
			g.p("\t\tInputToken: %q, OutputToken: %q, Items: %q,", p.Input.Name, p.Output.Name, p.Items.Name)
			if p.PageSize != nil {
				g.p("\t\tPageSize: %q,", p.PageSize.Name)
			}
			if p.Paginated {
				g.p("\t\tPaginated: true,")
			}
			if ov.Iterator {
				g.p("\t\tIterator: true,")
			}
			item := strings.TrimPrefix(goType(p.Items.Target), "[]")
			g.p("\t\tItemType: reflect.TypeFor[%s](),", item)
			g.p("\t\ttoken: func(in any) *string { return &in.(*%s).%s },", in, p.Input.GoName)
			g.p("\t\tnextToken: func(out any) *string { return &out.(*%s).%s },", out, p.Output.GoName)
			if p.PageSize != nil {
				g.p("\t\tpageSize: func(in any) *int32 { return &in.(*%s).%s },", in, p.PageSize.GoName)
			}
			items := fmt.Sprintf("out.(*%s).%s", out, p.Items.GoName)
			g.p("\t\titemCount: func(out any) int { return len(%s) },", items)
			g.p("\t\tappendItems: func(dst, src any) {\n\t\t\td := dst.(*%s)\n\t\t\td.%s = append(d.%s, src.(*%s).%s...)\n\t\t},", out, p.Items.GoName, p.Items.GoName, out, p.Items.GoName)
			g.p("\t\tpresize: func(out any, n int) {\n\t\t\tif o := out.(*%s); o.%s == nil {\n\t\t\t\to.%s = make([]%s, 0, n)\n\t\t\t}\n\t\t},", out, p.Items.GoName, p.Items.GoName, item)
			g.p("\t\ttrim: func(out any) {\n\t\t\tif o := out.(*%s); len(o.%s) == 0 && cap(o.%s) > 0 {\n\t\t\t\to.%s = nil\n\t\t\t}\n\t\t},", out, p.Items.GoName, p.Items.GoName, p.Items.GoName)
			g.p("\t},")
		}
		for _, mem := range op.Input.Members {
			switch {
			case mem.Idempotency:
				g.p("\tidempotency: func(in any) *string { return &in.(*%s).%s },", in, mem.GoName)
			case mem.Name == "Tags" && mem.Target.Type == "map":
				g.p("\trequestTags: func(in any) map[string]string { return in.(*%s).%s },", in, mem.GoName)
			case mem.Name == "TagKeys" && mem.Target.Type == "list":
				g.p("\ttagKeys: func(in any) []string { return in.(*%s).%s },", in, mem.GoName)
			}
		}
		g.p("\tInput: reflect.TypeFor[%s](), Output: reflect.TypeFor[%s](),", in, out)
		g.p("\tnewInput: func() input { return new(%s) },", in)
		g.p("\tnewOutput: func() output { return new(%s) },", out)
		if len(op.Output.Members) > 0 {
			g.p("\toutputBody: true,")
		}
		g.p("}\n")
	}
	return g.String()
}

// groupCondName names the condition function shared by the actions of
// an action group, e.g. createBrokerNamesSubnetIDs.
func groupCondName(op *Operation, a actionOverlay) string {
	if a.When.Set != "" {
		return lowerFirst(op.Name) + "Sets" + op.Input.member(a.When.Set).GoName
	}
	return lowerFirst(op.Name) + "Needs" + strings.ToUpper(a.Group[:1]) + a.Group[1:]
}

// genGroupConds writes the condition functions of action groups.
func genGroupConds(g *gen, m *Model) {
	seen := map[string]bool{}
	for _, op := range m.Operations {
		for _, a := range op.Overlay.Actions {
			if a.Group == "" || a.When == nil || seen[groupCondName(op, a)] {
				continue
			}
			name := groupCondName(op, a)
			seen[name] = true
			inVar, envVar := "_", "_"
			if condUsesInput(a.When) {
				inVar = "v"
			}
			if a.When.stateful() {
				envVar = "env"
			}
			g.w("%s", comment("", fmt.Sprintf("%s reports whether %s: the condition of the %s actions of %s.", name, a.Why, a.Group, op.Name)))
			g.p("func %s(%s any, %s Env) bool {", name, inVar, envVar)
			if inVar == "v" {
				g.p("\tin := v.(*%s)", op.Input.GoName)
			}
			g.p("\treturn %s\n}\n", strings.TrimSuffix(strings.TrimPrefix(condExpr(op, a.When), "("), ")"))
		}
	}
}

func hasBody(s *Shape) bool {
	for _, mem := range s.Members {
		if mem.InBody() {
			return true
		}
	}
	return false
}

// genBindings writes, per operation, the request binding of its input
// (the request target, the body, the server side's decoding) and the
// descriptor methods that tie input and output to the operation.
func genBindings(m *Model) string {
	g := newGen("api")
	g.imports("strconv", "github.com/mqrest/mqrest/internal/wire")
	for _, op := range m.Operations {
		in, out := op.Input.GoName, op.Output.GoName
		g.p("func (*%s) operation() *Operation { return op%s }", in, op.Name)
		g.p("func (in *%s) isNil() bool { return in == nil }", in)
		g.p("func (in *%s) clone() input { cp := *in; return &cp }", in)
		g.p("func (out *%s) meta() *Metadata { return &out.Metadata }", out)
		g.p("func (*%s) operation() *Operation { return op%s }\n", out, op.Name)
		// The request target.
		g.p("func (in *%s) appendURI(dst []byte) ([]byte, error) {", in)
		segs := strings.Split(strings.TrimPrefix(op.URI, "/"), "/")
		lit := ""
		for _, seg := range segs {
			if strings.HasPrefix(seg, "{") {
				name := strings.Trim(seg, "{}")
				mem := op.Input.member(name)
				if lit != "" {
					g.p("\tdst = append(dst, %q...)", lit+"/")
					lit = ""
				} else {
					g.p("\tdst = append(dst, '/')")
				}
				g.p("\tif in.%s == \"\" {\n\t\treturn dst, missingLabel(%q, %q)\n\t}", mem.GoName, op.Name, name)
				g.p("\tdst = wire.AppendEscaped(dst, in.%s)", mem.GoName)
				continue
			}
			lit += "/" + seg
		}
		if lit != "" {
			g.p("\tdst = append(dst, %q...)", lit)
		}
		var query []*Member
		for _, mem := range op.Input.Members {
			if mem.Query != "" {
				query = append(query, mem)
			}
		}
		slices.SortFunc(query, func(a, b *Member) int { return strings.Compare(a.Query, b.Query) })
		if len(query) > 0 {
			g.p("\tsep := byte('?')")
			for _, mem := range query {
				x := "in." + mem.GoName
				switch mem.Target.Type {
				case "list":
					g.p("\tfor _, v := range %s {\n\t\tdst = appendQuery(dst, &sep, %q, string(v))\n\t}", x, mem.Query)
				case "integer":
					g.p("\tif %s != 0 {\n\t\tdst = appendQuery(dst, &sep, %q, strconv.FormatInt(int64(%s), 10))\n\t}", x, mem.Query, x)
				case "boolean":
					g.p("\tif %s != nil {\n\t\tdst = appendQuery(dst, &sep, %q, strconv.FormatBool(*%s))\n\t}", x, mem.Query, x)
				default:
					g.p("\tif %s != \"\" {\n\t\tdst = appendQuery(dst, &sep, %q, string(%s))\n\t}", x, mem.Query, x)
				}
			}
		}
		g.p("\treturn dst, nil\n}\n")
		// The server side: path values, query and body into the input.
		g.p("func (in *%s) bindRequest(r *serverRequest) error {", in)
		for _, mem := range op.Input.Members {
			if mem.Label {
				g.p("\tin.%s = r.label(%q)", mem.GoName, mem.Name)
			}
		}
		for _, mem := range query {
			x := "in." + mem.GoName
			switch mem.Target.Type {
			case "list":
				g.p("\tfor _, v := range r.query[%q] {\n\t\t%s = append(%s, %s(v))\n\t}", mem.Query, x, x, strings.TrimPrefix(goType(mem.Target), "[]"))
			case "integer":
				g.p("\tif v, ok := r.first(%q); ok {\n\t\tn, err := strconv.ParseInt(v, 10, 32)\n\t\tif err != nil {\n\t\t\treturn r.invalid(%q, \"must be an integer\")\n\t\t}\n\t\t%s = int32(n)\n\t}", mem.Query, mem.Query, x)
			case "boolean":
				g.p("\tif v, ok := r.first(%q); ok {\n\t\tb, err := strconv.ParseBool(v)\n\t\tif err != nil {\n\t\t\treturn r.invalid(%q, \"must be true or false\")\n\t\t}\n\t\t%s = &b\n\t}", mem.Query, mem.Query, x)
			default:
				g.p("\tif v, ok := r.first(%q); ok {\n\t\t%s = %s(v)\n\t}", mem.Query, x, goType(mem.Target))
			}
		}
		if hasBody(op.Input) {
			g.p("\treturn r.decodeBody(in)")
		} else {
			g.p("\treturn nil")
		}
		g.p("}\n")
	}
	return g.String()
}

// needsValidation reports whether a structure has anything to check.
func needsValidation(s *Shape, seen map[*Shape]bool) bool {
	if seen[s] {
		return false
	}
	seen[s] = true
	for _, mem := range s.Members {
		t := mem.Target
		if mem.Required || mem.Check != "" || mem.Label || t.Min != nil || t.Max != nil || t.Type == "enum" || mem.Limit.bounded() {
			return true
		}
		if t.Type == "list" && t.Elem.Type == "enum" {
			return true
		}
		if t.Type == "list" {
			t = t.Elem
		}
		if t.Type == "structure" && needsValidation(t, seen) {
			return true
		}
	}
	return false
}

// reachable lists roots and the structures their members hold (through
// lists and maps too), each once, roots first; follow says which members
// to go through.
func reachable(roots []*Shape, follow func(*Member) bool) []*Shape {
	var out []*Shape
	seen := map[*Shape]bool{}
	var walk func(s *Shape)
	walk = func(s *Shape) {
		if seen[s] {
			return
		}
		seen[s] = true
		out = append(out, s)
		for _, mem := range s.Members {
			t := mem.Target
			if t.Type == "list" || t.Type == "map" {
				t = t.Elem
			}
			if t.Type == "structure" && follow(mem) {
				walk(t)
			}
		}
	}
	for _, r := range roots {
		walk(r)
	}
	return out
}

// inputShapes lists the structures that inputs hold, inputs first.
func inputShapes(m *Model) []*Shape {
	var roots []*Shape
	for _, op := range m.Operations {
		roots = append(roots, op.Input)
	}
	return reachable(roots, func(*Member) bool { return true })
}

func genValidation(m *Model) string {
	g := newGen("api")
	g.imports("strconv")
	usesRange := false
	for _, s := range inputShapes(m) {
		if !needsValidation(s, map[*Shape]bool{}) {
			if s.Input != nil {
				g.p("func (*%s) validate(*validator) {}\n", s.GoName)
			}
			continue
		}
		g.p("func (in *%s) validate(v *validator) {", s.GoName)
		for _, mem := range s.Members {
			x := "in." + mem.GoName
			t := mem.Target
			wn := wireName(mem)
			set := isSetExpr(x, t)
			var body []string
			if mem.Label {
				body = append(body, fmt.Sprintf("v.label(%q, %s)", wn, x))
			}
			if mem.Check != "" {
				if t.Type == "list" {
					body = append(body, fmt.Sprintf("v.check(%q, %s(%s))", wn, mem.Check, x))
				} else {
					body = append(body, fmt.Sprintf("v.check(%q, %s(%s))", wn, mem.Check, x))
				}
			}
			if t.Min != nil || t.Max != nil {
				lo, hi := "math.MinInt64", "math.MaxInt64"
				if t.Min != nil {
					lo = strconv.FormatInt(*t.Min, 10)
				}
				if t.Max != nil {
					hi = strconv.FormatInt(*t.Max, 10)
				}
				if (t.Min == nil || t.Max == nil) && (t.Type == "integer" || t.Type == "long") {
					g.imports("math")
				}
				switch t.Type {
				case "integer", "long":
					usesRange = true
					body = append(body, fmt.Sprintf("v.between(%q, int64(%s), %s, %s)", wn, x, lo, hi))
				case "string":
					// The model's @length: 0 leaves a side unbounded.
					lo, hi := int64(0), int64(0)
					if t.Min != nil {
						lo = *t.Min
					}
					if t.Max != nil {
						hi = *t.Max
					}
					body = append(body, fmt.Sprintf("v.length(%q, %s, %d, %d)", wn, x, lo, hi))
				}
			}
			body = append(body, limitChecks(mem, wn, x)...)
			if t.Type == "enum" {
				body = append(body, fmt.Sprintf("v.enum(%q, string(%s), %s(\"\").valuesAsStrings())", wn, x, t.GoName))
			}
			if t.Type == "list" && t.Elem.Type == "enum" {
				body = append(body, fmt.Sprintf("for _, e := range %s {\n\t\t\tv.enum(%q, string(e), %s(\"\").valuesAsStrings())\n\t\t}", x, wn, t.Elem.GoName))
			}
			if t.Type == "structure" && needsValidation(t, map[*Shape]bool{}) {
				body = append(body, fmt.Sprintf("v.enter(%q, -1)\n\t\t%s.validate(v)\n\t\tv.leave()", wn, x))
			}
			if t.Type == "list" && t.Elem.Type == "structure" && needsValidation(t.Elem, map[*Shape]bool{}) {
				body = append(body, fmt.Sprintf("for i := range %s {\n\t\t\tv.enter(%q, i)\n\t\t\t%s[i].validate(v)\n\t\t\tv.leave()\n\t\t}", x, wn, x))
			}
			switch {
			case mem.Required && len(body) > 0:
				g.p("\tif %s {\n\t\tv.missing(%q)\n\t} else {\n\t\t%s\n\t}", isUnsetExpr(x, t), wn, strings.Join(body, "\n\t\t"))
			case mem.Required:
				g.p("\tif %s {\n\t\tv.missing(%q)\n\t}", isUnsetExpr(x, t), wn)
			case len(body) > 0:
				g.p("\tif %s {\n\t\t%s\n\t}", set, strings.Join(body, "\n\t\t"))
			}
		}
		g.p("}\n")
	}
	// The range checks the model's traits need, and only those.
	if usesRange {
		g.p(`func (vd *validator) between(wire string, n, lo, hi int64) {
	if n < lo || n > hi {
		vd.add(wire, "must be between "+strconv.FormatInt(lo, 10)+" and "+strconv.FormatInt(hi, 10))
	}
}
`)
	}
	if !usesRange {
		g.p("var _ = strconv.Itoa")
	}
	return g.String()
}

// limitChecks returns the checks of the overlay's length limit of mem (its
// own, or the default made explicit by the model), whose value is x and
// whose name in problems is wn: the length of a string or enum, of each
// element of a list, the number of elements or entries, and the lengths
// of a map's keys and values. The helpers are in api/validate.go.
func limitChecks(mem *Member, wn, x string) []string {
	l := mem.Limit
	if !l.bounded() {
		return nil
	}
	t := mem.Target
	var out []string
	switch t.Type {
	case "string", "enum":
		if l.Min > 0 || l.Max > 0 {
			if t.Type == "enum" {
				x = "string(" + x + ")"
			}
			out = append(out, fmt.Sprintf("v.length(%q, %s, %d, %d)", wn, x, l.Min, l.Max))
		}
	case "list":
		if l.Items > 0 {
			out = append(out, fmt.Sprintf("v.items(%q, len(%s), %d)", wn, x, l.Items))
		}
		if (t.Elem.Type == "string" || t.Elem.Type == "enum") && (l.Min > 0 || l.Max > 0) {
			out = append(out, fmt.Sprintf("lengths(v, %q, %s, %d, %d)", wn, x, l.Min, l.Max))
		}
	case "map":
		key, val := lengthLimit{}, lengthLimit{}
		if l.Key != nil {
			key = *l.Key
		}
		if l.Value != nil {
			val = *l.Value
		}
		out = append(out, fmt.Sprintf("mapLengths(v, %q, %s, %d, %d, %d, %d, %d)", wn, x, l.Items, key.Min, key.Max, val.Min, val.Max))
	}
	return out
}

// genRedaction writes the one redaction rule: every structure holding a
// sensitive member, directly or nested, prints, formats, logs and renders
// as encoding/json a copy with those members replaced by Redacted.
func genRedaction(m *Model) string {
	g := newGen("api")
	g.imports("encoding/json/v2", "fmt", "log/slog")
	for _, s := range m.Structures {
		if !s.Sensitive {
			continue
		}
		plain := lowerFirst(s.GoName) + "Plain"
		g.p("// %s is %s without methods, for printing its redacted copy.", plain, s.GoName)
		g.p("type %s %s\n", plain, s.GoName)
		g.p("// redacted returns a copy of v whose sensitive members, where set, read %q.", "<redacted>")
		g.p("func (v %s) redacted() %s {", s.GoName, s.GoName)
		for _, mem := range s.Members {
			t := mem.Target
			x := "v." + mem.GoName
			switch {
			case mem.Sensitive:
				g.p("\tif %s != \"\" {\n\t\t%s = Redacted\n\t}", x, x)
			case t.Type == "structure" && t.Sensitive:
				g.p("\tif %s != nil {\n\t\tr := %s.redacted()\n\t\t%s = &r\n\t}", x, x, x)
			case t.Type == "list" && t.Elem.Type == "structure" && t.Elem.Sensitive:
				g.p("\tif %s != nil {\n\t\tcp := make([]%s, len(%s))\n\t\tfor i := range %s {\n\t\t\tcp[i] = %s[i].redacted()\n\t\t}\n\t\t%s = cp\n\t}",
					x, t.Elem.GoName, x, x, x, x)
			}
		}
		g.p("\treturn v\n}\n")
		g.p(`// Format prints v with every verb (%%v, %%+v, %%#v, %%s, %%d, ...) as fmt would,
// with its sensitive members redacted.
func (v %[1]s) Format(f fmt.State, verb rune) { formatRedacted(f, verb, "api.%[1]s", %[2]s(v.redacted())) }

// String returns v as %%+v prints it, sensitive members redacted.
func (v %[1]s) String() string { return fmt.Sprintf("%%+v", v) }

// GoString returns v as %%#v prints it, sensitive members redacted.
func (v %[1]s) GoString() string { return fmt.Sprintf("%%#v", v) }

// LogValue logs v with its sensitive members redacted.
func (v %[1]s) LogValue() slog.Value { return slog.AnyValue(%[2]s(v.redacted())) }

// MarshalJSON renders v as encoding/json does, with its sensitive members
// redacted, so that JSON loggers (slog.JSONHandler) show no secret even for
// v inside a slice, map or struct, where LogValue is not consulted. The
// wire encoding (EncodeBody) is the operation's own and sends every member.
func (v %[1]s) MarshalJSON() ([]byte, error) {
	return json.Marshal(%[2]s(v.redacted()), json.Deterministic(true))
}

func (v *%[1]s) redactedCopy() any {
	if v == nil {
		return v
	}
	r := v.redacted()
	return &r
}
`, s.GoName, plain)
	}
	return g.String()
}

// genRedactionTable writes, for the redaction test, a value of every
// structure holding a sensitive member with each of its secrets (direct or
// nested) set to the given password: the model's whole sensitive list.
func genRedactionTable(m *Model) string {
	g := newGen("api_test")
	g.imports("github.com/mqrest/mqrest/api")
	g.p("// secretShapes returns a value of every shape that holds a secret, each")
	g.p("// secret set to pw, by the shape's name.")
	g.p("func secretShapes(pw string) map[string]any {")
	g.p("\treturn map[string]any{")
	for _, s := range m.Structures {
		if s.Sensitive {
			g.p("\t\t%q: secret%s(pw),", s.GoName, s.GoName)
		}
	}
	g.p("\t}\n}\n")
	for _, s := range m.Structures {
		if !s.Sensitive {
			continue
		}
		g.p("func secret%s(pw string) api.%s {", s.GoName, s.GoName)
		g.p("\tvar v api.%s", s.GoName)
		for _, mem := range s.Members {
			t := mem.Target
			x := "v." + mem.GoName
			switch {
			case mem.Sensitive:
				g.p("\t%s = pw", x)
			case t.Type == "structure" && t.Sensitive:
				g.p("\tv%s := secret%s(pw)\n\t%s = &v%[1]s", mem.GoName, t.GoName, x)
			case t.Type == "list" && t.Elem.Type == "structure" && t.Elem.Sensitive:
				g.p("\t%s = []api.%s{secret%[2]s(pw)}", x, t.Elem.GoName)
			}
		}
		g.p("\treturn v\n}\n")
	}
	return g.String()
}

// genMembers writes the member metadata of every structure, for code that
// handles shapes generically by member (the CLI, the docs).
func genMembers(m *Model) string {
	g := newGen("api")
	all := append(slices.Clone(m.Structures), m.Errors...)
	for _, s := range all {
		g.p("func (%s) members() []MemberInfo { return members%s }", s.GoName, s.GoName)
	}
	g.p("")
	for _, s := range all {
		g.p("var members%s = []MemberInfo{", s.GoName)
		off := 0
		if s.Output != nil {
			off = 1
		}
		for i, mem := range s.Members {
			loc := "Body"
			switch {
			case mem.Label:
				loc = "Path"
			case mem.Query != "":
				loc = "Query"
			}
			g.w("\t{Name: %q, GoName: %q, Wire: %q, In: In%s, Index: %d", mem.Name, mem.GoName, wireName(mem), loc, i+off)
			if mem.Required {
				g.w(", Required: true")
			}
			if mem.Sensitive {
				g.w(", Sensitive: true")
			}
			g.p("},")
		}
		g.p("}\n")
	}
	return g.String()
}

// bodyShapes lists the inputs with a body and the structures their bodies
// hold.
func bodyShapes(m *Model) []*Shape {
	var roots []*Shape
	for _, op := range m.Operations {
		if hasBody(op.Input) {
			roots = append(roots, op.Input)
		}
	}
	return reachable(roots, (*Member).InBody)
}

// genEncoders writes the request body encoders: per structure its members
// in field order, each only when set.
func genEncoders(m *Model) string {
	g := newGen("api")
	for _, s := range bodyShapes(m) {
		g.p("func (v *%s) appendJSON(b []byte, e *encodeError) []byte {", s.GoName)
		g.p("\tfirst := true\n\tb = append(b, '{')")
		for _, mem := range s.Members {
			if !mem.InBody() {
				continue
			}
			x := "v." + mem.GoName
			t := mem.Target
			set := isSetExpr(x, t)
			if t.Type == "list" || t.Type == "map" {
				set = x + " != nil" // an empty list or map is sent
			}
			g.p("\tif %s {\n\t\tb = appendName(b, &first, %q)\n\t\t%s\n\t}", set, mem.JSONName, encodeStmt(x, t))
		}
		g.p("\treturn append(b, '}')\n}\n")
	}
	// Helpers only some models need.
	for _, s := range bodyShapes(m) {
		for _, mem := range s.Members {
			if mem.InBody() && mem.Target.Type == "timestamp" && !g.has("appendTime") {
				g.imports("time")
				g.w("%s\n", `func appendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}`)
			}
		}
	}
	return g.String()
}

// encodeStmt is the statement that appends x, a value of shape t.
func encodeStmt(x string, t *Shape) string {
	switch t.Type {
	case "string":
		return "b = appendString(b, " + x + ", e)"
	case "enum":
		return "b = appendString(b, string(" + x + "), e)"
	case "integer", "long":
		return "b = appendInt(b, int64(" + x + "))"
	case "boolean":
		return "b = appendBool(b, *" + x + ")"
	case "timestamp":
		return "b = appendTime(b, " + x + ")"
	case "structure":
		return "b = " + x + ".appendJSON(b, e)"
	case "map":
		if t.Elem.Type == "string" {
			return "b = appendStringMap(b, " + x + ", e)"
		}
	case "list":
		switch t.Elem.Type {
		case "string", "enum":
			return "b = appendStrings(b, " + x + ", e)"
		case "structure":
			return fmt.Sprintf("b = append(b, '[')\n\t\tfor i := range %s {\n\t\t\tif i > 0 {\n\t\t\t\tb = append(b, ',')\n\t\t\t}\n\t\t\tb = %s[i].appendJSON(b, e)\n\t\t}\n\t\tb = append(b, ']')", x, x)
		}
	}
	panic("no encoder for " + t.Type + " " + t.Name)
}
