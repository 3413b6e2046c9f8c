package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Model is the Smithy model of Amazon MQ joined with the overlay: every
// fact the generator writes code from.
type Model struct {
	Operations []*Operation        // sorted by name
	Shapes     map[string]*Shape   // by Smithy name, e.g. "CreateBrokerRequest"
	Structures []*Shape            // every structure, sorted by Go name
	Enums      []*Shape            // every enum, sorted by Go name
	Errors     []*Shape            // the error structures, sorted by name
	Waiters    map[string]*Waiter  // by name, e.g. "BrokerRunning"
	Groups     map[string][]string // action groups of the overlay
	Version    string              // the service's API version
	Overlay    *overlay            // the overlay as read
}

// Shape is a structure, an enum, a list, a map or a simple type.
type Shape struct {
	Name    string // Smithy name
	GoName  string // Go type name (structures and enums)
	Type    string // structure, enum, list, map, string, integer, boolean, timestamp
	Doc     string // documentation as plain text
	Members []*Member
	Values  []EnumValue // enum values, in model order
	Elem    *Shape      // list member or map value
	Min     *int64      // @range or @length
	Max     *int64
	Status  int    // HTTP status of an error structure
	Fault   string // "client" or "server" for an error structure
	Input   *Operation
	Output  *Operation
	// Sensitive reports whether the shape holds a sensitive member,
	// directly or in a nested structure.
	Sensitive bool
}

// EnumValue is one value of an enum.
type EnumValue struct {
	Name, Value, GoName string
}

// Member is a member of a structure.
type Member struct {
	Name        string // model (AWS CLI) name, e.g. "BrokerId"
	GoName      string // Go field name, e.g. "BrokerID"
	JSONName    string // JSON key in bodies, e.g. "brokerId"
	Label       bool   // bound to the path label {Name}
	Query       string // bound to this query key
	Target      *Shape
	Required    bool
	Sensitive   bool
	Check       string // name of a check function of package api
	Doc         string
	Idempotency bool
	Parent      *Shape
	// Limit is the member's length limit from the overlay's "limits"
	// section: its own entry, or the section's default for a label or
	// string without a Check (set by applyOverlay); nil for other members.
	Limit *limitOverlay
}

// InBody reports whether the member travels in the JSON body.
func (m *Member) InBody() bool { return !m.Label && m.Query == "" }

// Operation is an operation of the model with the overlay's facts.
type Operation struct {
	Name    string
	Doc     string
	Method  string
	URI     string
	Code    int
	Input   *Shape
	Output  *Shape
	Errors  []*Shape
	Paging  *Paging
	Overlay *opOverlay
}

// Paging is the @paginated trait of an operation (or, for token-paged
// operations the model leaves unmarked, the overlay's iterator flag).
type Paging struct {
	Input, Output, Items, PageSize *Member
	// Paginated is true when the model marks the operation @paginated.
	Paginated bool
}

// Waiter is a waiter of the overlay.
type Waiter struct {
	Name         string
	Doc          string
	Operation    string
	Member       string
	Success      []string
	Failure      []string
	SuccessError string
}

type overlay struct {
	Sensitive  []string                   `json:"sensitive"`
	Checks     map[string]string          `json:"checks"`
	Waiters    map[string]*Waiter         `json:"waiters"`
	Operations map[string]*opOverlay      `json:"operations"`
	Groups     map[string]json.RawMessage `json:"groups"`
	Limits     limitsOverlay              `json:"limits"`
}

// limitsOverlay is the overlay's "limits" section: the length limits the
// service documents that the model does not state. Default bounds every
// path label and every string member (alone or in a list) that has neither
// an entry in Members nor a Check; Members holds the documented limits of
// particular members, by "Shape$Member".
type limitsOverlay struct {
	Default struct {
		Label  lengthLimit `json:"label"`
		String lengthLimit `json:"string"`
		Source string      `json:"_source"` // why these bounds
	} `json:"default"`
	Members map[string]*limitOverlay `json:"members"`
}

// lengthLimit bounds the length of a string in characters; Max 0 is no
// bound.
type lengthLimit struct {
	Min int64 `json:"min"`
	Max int64 `json:"max"`
}

// bounded reports whether the limit bounds anything.
func (l *limitOverlay) bounded() bool {
	return l != nil && (l.Min > 0 || l.Max > 0 || l.Items > 0 || l.Key != nil || l.Value != nil)
}

// limitOverlay is the limit of one member: the length of the string (of
// each element, for a list of strings), the number of elements or entries
// of a list or map, and the lengths of a map's keys and values.
type limitOverlay struct {
	lengthLimit
	Items  int64        `json:"items"` // at most this many elements or entries; 0: no bound
	Key    *lengthLimit `json:"key"`   // maps only
	Value  *lengthLimit `json:"value"` // maps only
	Source string       `json:"source"`
}

type opOverlay struct {
	Resource resourceRef     `json:"resource"`
	Retry    string          `json:"retry"`
	Iterator bool            `json:"iterator"`
	Waiter   string          `json:"waiter"`
	Actions  []actionOverlay `json:"actions"`
	CLI      struct {
		Detail  string `json:"detail"`
		Example string `json:"example"`
	} `json:"cli"`
}

type resourceRef struct {
	Kind   string `json:"kind"`
	Member string `json:"member"`
}

type actionOverlay struct {
	Action   string            `json:"action"`
	Group    string            `json:"group"`
	Resource *resourceRef      `json:"resource"`
	When     *condition        `json:"when"`
	Why      string            `json:"why"`
	Context  map[string]string `json:"context"`
}

// condition is when a conditional action is needed: exactly one field set.
type condition struct {
	Set    string       `json:"set"`    // the member is set (non-zero, non-empty)
	Equals []string     `json:"equals"` // [member, value]
	All    []*condition `json:"all"`
	Any    []*condition `json:"any"`
	Env    string       `json:"env"` // a field of api.Env
}

// stateful reports whether the condition reads service-side state.
func (c *condition) stateful() bool {
	if c == nil {
		return false
	}
	if c.Env != "" {
		return true
	}
	for _, s := range append(slices.Clone(c.All), c.Any...) {
		if s.stateful() {
			return true
		}
	}
	return false
}

type smithyModel struct {
	Shapes map[string]smithyShape `json:"shapes"`
}

type smithyShape struct {
	Type       string                     `json:"type"`
	Members    memberMap                  `json:"members"`
	Member     *smithyMember              `json:"member"`
	Key        *smithyMember              `json:"key"`
	Value      *smithyMember              `json:"value"`
	Input      *smithyMember              `json:"input"`
	Output     *smithyMember              `json:"output"`
	Errors     []smithyMember             `json:"errors"`
	Operations []smithyMember             `json:"operations"`
	Version    string                     `json:"version"`
	Traits     map[string]json.RawMessage `json:"traits"`
}

type smithyMember struct {
	Target string                     `json:"target"`
	Traits map[string]json.RawMessage `json:"traits"`
}

const ns = "com.amazonaws.mq#"

// loadModel reads api/model/mq.json and api/model/overlay.json under root.
func loadModel(root string) (*Model, error) {
	var sm smithyModel
	if err := readJSON(filepath.Join(root, "api/model/mq.json"), &sm); err != nil {
		return nil, err
	}
	ov := new(overlay)
	if err := readJSON(filepath.Join(root, "api/model/overlay.json"), ov); err != nil {
		return nil, err
	}
	m := &Model{Shapes: map[string]*Shape{}, Waiters: ov.Waiters, Groups: map[string][]string{}, Overlay: ov}
	for name, raw := range ov.Groups {
		if strings.HasPrefix(name, "_") {
			continue
		}
		var acts []string
		if err := json.Unmarshal(raw, &acts); err != nil {
			return nil, fmt.Errorf("overlay: group %s: %w", name, err)
		}
		m.Groups[name] = acts
	}
	for name, w := range m.Waiters {
		w.Name = name
	}
	// First pass: a Shape per Smithy shape; second: resolve targets.
	for id, s := range sm.Shapes {
		name, ok := strings.CutPrefix(id, ns)
		if !ok {
			return nil, fmt.Errorf("model: shape %s outside namespace %s", id, ns)
		}
		m.Shapes[name] = &Shape{Name: name, Type: s.Type, Doc: docText(trait[string](s.Traits, "smithy.api#documentation"))}
	}
	for id, s := range sm.Shapes {
		sh := m.Shapes[strings.TrimPrefix(id, ns)]
		if err := m.resolve(sh, s); err != nil {
			return nil, fmt.Errorf("model: %s: %w", sh.Name, err)
		}
	}
	for id, s := range sm.Shapes {
		if s.Type != "operation" {
			if s.Type == "service" {
				m.Version = s.Version
			}
			continue
		}
		op, err := m.operation(strings.TrimPrefix(id, ns), s)
		if err != nil {
			return nil, fmt.Errorf("model: operation %s: %w", strings.TrimPrefix(id, ns), err)
		}
		m.Operations = append(m.Operations, op)
	}
	slices.SortFunc(m.Operations, func(a, b *Operation) int { return strings.Compare(a.Name, b.Name) })
	if err := m.applyOverlay(ov); err != nil {
		return nil, fmt.Errorf("overlay: %w", err)
	}
	for _, s := range m.Shapes {
		switch s.Type {
		case "structure":
			s.GoName = goTypeName(s)
			if s.Status != 0 {
				m.Errors = append(m.Errors, s)
			} else {
				m.Structures = append(m.Structures, s)
			}
		case "enum":
			s.GoName = goTypeName(s)
			m.Enums = append(m.Enums, s)
		}
	}
	byGo := func(a, b *Shape) int { return strings.Compare(a.GoName, b.GoName) }
	slices.SortFunc(m.Structures, byGo)
	slices.SortFunc(m.Enums, byGo)
	slices.SortFunc(m.Errors, byGo)
	for _, s := range m.Structures {
		markSensitive(s, map[*Shape]bool{})
	}
	return m, nil
}

func (m *Model) resolve(sh *Shape, s smithyShape) error {
	target := func(sm *smithyMember) (*Shape, error) {
		name := strings.TrimPrefix(sm.Target, ns)
		t, ok := m.Shapes[name]
		if !ok {
			return nil, fmt.Errorf("unknown target %s", sm.Target)
		}
		return t, nil
	}
	if r, ok := s.Traits["smithy.api#range"]; ok {
		var rg struct{ Min, Max *int64 }
		if err := json.Unmarshal(r, &rg); err != nil {
			return err
		}
		sh.Min, sh.Max = rg.Min, rg.Max
	}
	if r, ok := s.Traits["smithy.api#length"]; ok {
		var rg struct{ Min, Max *int64 }
		if err := json.Unmarshal(r, &rg); err != nil {
			return err
		}
		sh.Min, sh.Max = rg.Min, rg.Max
	}
	switch s.Type {
	case "list", "map":
		elem := s.Member
		if s.Type == "map" {
			elem = s.Value
		}
		t, err := target(elem)
		if err != nil {
			return err
		}
		sh.Elem = t
	case "enum":
		for name, mem := range orderedMembers(s) {
			v := trait[string](mem.Traits, "smithy.api#enumValue")
			sh.Values = append(sh.Values, EnumValue{Name: name, Value: v, GoName: enumConstName(v)})
		}
	case "structure":
		sh.Status = trait[int](s.Traits, "smithy.api#httpError")
		sh.Fault = trait[string](s.Traits, "smithy.api#error")
		for name, mem := range orderedMembers(s) {
			t, err := target(&mem)
			if err != nil {
				return err
			}
			_, label := mem.Traits["smithy.api#httpLabel"]
			_, req := mem.Traits["smithy.api#required"]
			_, idem := mem.Traits["smithy.api#idempotencyToken"]
			_, sens := mem.Traits["smithy.api#sensitive"]
			js := trait[string](mem.Traits, "smithy.api#jsonName")
			if js == "" {
				js = name
			}
			if _, ok := mem.Traits["smithy.api#httpHeader"]; ok {
				return fmt.Errorf("member %s: header bindings are not supported", name)
			}
			sh.Members = append(sh.Members, &Member{
				Name: name, GoName: goName(name), JSONName: js, Label: label,
				Query: trait[string](mem.Traits, "smithy.api#httpQuery"), Target: t,
				Required: req, Idempotency: idem, Sensitive: sens || t.Sensitive && t.Type == "string",
				Doc: docText(trait[string](mem.Traits, "smithy.api#documentation")), Parent: sh,
			})
		}
	}
	return nil
}

// orderedMembers yields the members of s: structure members sorted by
// name, which keeps the generated code stable, enum values in model order.
func orderedMembers(s smithyShape) func(func(string, smithyMember) bool) {
	return func(yield func(string, smithyMember) bool) {
		names := slices.Clone(s.Members.keys)
		if s.Type != "enum" { // enum values keep the model's order
			slices.Sort(names)
		}
		for _, n := range names {
			if !yield(n, s.Members.m[n]) {
				return
			}
		}
	}
}

func (m *Model) operation(name string, s smithyShape) (*Operation, error) {
	var http struct {
		Method, URI string
		Code        int
	}
	if err := json.Unmarshal(s.Traits["smithy.api#http"], &http); err != nil {
		return nil, fmt.Errorf("http trait: %w", err)
	}
	op := &Operation{Name: name, Doc: docText(trait[string](s.Traits, "smithy.api#documentation")),
		Method: http.Method, URI: http.URI, Code: http.Code}
	if http.Code == 0 {
		op.Code = 200
	}
	if s.Input != nil {
		op.Input = m.Shapes[strings.TrimPrefix(s.Input.Target, ns)]
		op.Input.Input = op
	}
	if s.Output != nil && m.Shapes[strings.TrimPrefix(s.Output.Target, ns)] != nil {
		op.Output = m.Shapes[strings.TrimPrefix(s.Output.Target, ns)]
	} else {
		// An operation without output (204) still returns an empty
		// XxxOutput, which carries the request ID.
		op.Output = &Shape{Name: name + "Response", Type: "structure"}
		m.Shapes[op.Output.Name] = op.Output
	}
	op.Output.Output = op
	for _, e := range s.Errors {
		op.Errors = append(op.Errors, m.Shapes[strings.TrimPrefix(e.Target, ns)])
	}
	if raw, ok := s.Traits["smithy.api#paginated"]; ok {
		var p struct{ InputToken, OutputToken, Items, PageSize string }
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, err
		}
		op.Paging = &Paging{Paginated: true,
			Input: op.Input.member(p.InputToken), Output: op.Output.member(p.OutputToken),
			Items: op.Output.member(p.Items), PageSize: op.Input.member(p.PageSize)}
		if op.Paging.Input == nil || op.Paging.Output == nil || op.Paging.Items == nil {
			return nil, fmt.Errorf("paginated trait names unknown members")
		}
	}
	return op, nil
}

func (m *Model) applyOverlay(ov *overlay) error {
	for _, ref := range ov.Sensitive {
		mem, err := m.memberRef(ref)
		if err != nil {
			return fmt.Errorf("sensitive: %w", err)
		}
		mem.Sensitive = true
	}
	for ref, check := range ov.Checks {
		if strings.HasPrefix(ref, "_") {
			continue
		}
		mem, err := m.memberRef(ref)
		if err != nil {
			return fmt.Errorf("checks: %w", err)
		}
		mem.Check = check
	}
	for ref, lim := range ov.Limits.Members {
		if strings.HasPrefix(ref, "_") {
			continue
		}
		mem, err := m.memberRef(ref)
		if err != nil {
			return fmt.Errorf("limits: %w", err)
		}
		if err := lim.check(mem); err != nil {
			return fmt.Errorf("limits: %s: %w", ref, err)
		}
		mem.Limit = lim
	}
	if d := ov.Limits.Default; d.Label.Max <= 0 || d.String.Max <= 0 || d.Source == "" {
		return fmt.Errorf("limits: default needs a label max, a string max and its _source")
	}
	// The default, made explicit on every label and string member (enums
	// and lists of either included) that has no limit of its own and no
	// check, which bounds its length itself.
	for _, s := range m.Shapes {
		for _, mem := range s.Members {
			if mem.Limit != nil || mem.Check != "" {
				continue
			}
			t := mem.Target
			if t.Type == "list" {
				t = t.Elem
			}
			switch {
			case mem.Label:
				mem.Limit = &limitOverlay{lengthLimit: ov.Limits.Default.Label, Source: "default"}
			case t.Type == "string" || t.Type == "enum":
				mem.Limit = &limitOverlay{lengthLimit: ov.Limits.Default.String, Source: "default"}
			}
		}
	}
	for _, op := range m.Operations {
		o, ok := ov.Operations[op.Name]
		if !ok {
			return fmt.Errorf("operation %s has no entry", op.Name)
		}
		op.Overlay = o
		if len(o.Actions) == 0 {
			return fmt.Errorf("operation %s lists no IAM action", op.Name)
		}
		if o.Retry != "safe" && o.Retry != "unprocessed" {
			return fmt.Errorf("operation %s: retry must be safe or unprocessed, not %q", op.Name, o.Retry)
		}
		if err := m.checkRef(op, o.Resource); err != nil {
			return err
		}
		for _, a := range o.Actions {
			if a.Resource != nil {
				if err := m.checkRef(op, *a.Resource); err != nil {
					return err
				}
			}
			if a.Group != "" && m.Groups[a.Group] == nil {
				return fmt.Errorf("operation %s: unknown action group %s", op.Name, a.Group)
			}
			if err := m.checkCondition(op, a.When); err != nil {
				return err
			}
		}
		if o.Waiter != "" && m.Waiters[o.Waiter] == nil {
			return fmt.Errorf("operation %s: unknown waiter %s", op.Name, o.Waiter)
		}
		if o.Iterator && op.Paging == nil {
			// A token-paged operation the model does not mark @paginated.
			in, out := op.Input.member("NextToken"), op.Output.member("NextToken")
			size := op.Input.member("MaxResults")
			var items *Member
			for _, mem := range op.Output.Members {
				if mem.Target.Type == "list" {
					items = mem
				}
			}
			if in == nil || out == nil || items == nil {
				return fmt.Errorf("operation %s: iterator without NextToken members and an item list", op.Name)
			}
			op.Paging = &Paging{Input: in, Output: out, Items: items, PageSize: size}
		}
	}
	for name := range ov.Operations {
		if m.operationNamed(name) == nil {
			return fmt.Errorf("entry %s names no operation of the model", name)
		}
	}
	return nil
}

// check reports a limit that does not fit its member's type or names no
// documented source.
func (l *limitOverlay) check(mem *Member) error {
	t := mem.Target
	switch {
	case l.Source == "":
		return fmt.Errorf("no source: every limit is a documented fact")
	case l.Max < 0 || l.Min < 0 || l.Max > 0 && l.Min > l.Max:
		return fmt.Errorf("bad bounds %d-%d", l.Min, l.Max)
	case (l.Key != nil || l.Value != nil) && t.Type != "map":
		return fmt.Errorf("key and value bounds are for maps")
	case l.Items > 0 && t.Type != "list" && t.Type != "map":
		return fmt.Errorf("items is for lists and maps")
	case l.Max > 0 && t.Type != "string" && !(t.Type == "list" && t.Elem.Type == "string"):
		return fmt.Errorf("a length is for strings and lists of strings")
	}
	return nil
}

func (m *Model) checkRef(op *Operation, r resourceRef) error {
	switch r.Kind {
	case "none", "role", "serviceLinkedRole":
		if r.Member != "" {
			return fmt.Errorf("operation %s: resource kind %s takes no member", op.Name, r.Kind)
		}
	case "broker", "configuration", "tagged", "primaryBroker":
		if op.Input.member(r.Member) == nil {
			return fmt.Errorf("operation %s: resource member %q is not a member of its input", op.Name, r.Member)
		}
	default:
		return fmt.Errorf("operation %s: unknown resource kind %q", op.Name, r.Kind)
	}
	return nil
}

func (m *Model) checkCondition(op *Operation, c *condition) error {
	if c == nil {
		return nil
	}
	n := 0
	for _, set := range []bool{c.Set != "", c.Equals != nil, c.All != nil, c.Any != nil, c.Env != ""} {
		if set {
			n++
		}
	}
	if n != 1 {
		return fmt.Errorf("operation %s: a condition sets exactly one of set, equals, all, any, env", op.Name)
	}
	switch {
	case c.Set != "":
		if op.Input.member(c.Set) == nil {
			return fmt.Errorf("operation %s: condition names unknown member %s", op.Name, c.Set)
		}
	case c.Equals != nil:
		if len(c.Equals) != 2 || op.Input.member(c.Equals[0]) == nil {
			return fmt.Errorf("operation %s: equals takes [member, value]", op.Name)
		}
	case c.Env != "":
		if c.Env != "FirstBroker" && c.Env != "PassRole" {
			return fmt.Errorf("operation %s: unknown env %s", op.Name, c.Env)
		}
	}
	for _, s := range append(slices.Clone(c.All), c.Any...) {
		if err := m.checkCondition(op, s); err != nil {
			return err
		}
	}
	return nil
}

func (m *Model) operationNamed(name string) *Operation {
	for _, op := range m.Operations {
		if op.Name == name {
			return op
		}
	}
	return nil
}

// memberRef resolves "Shape$Member".
func (m *Model) memberRef(ref string) (*Member, error) {
	shape, member, ok := strings.Cut(ref, "$")
	s := m.Shapes[shape]
	if !ok || s == nil || s.member(member) == nil {
		return nil, fmt.Errorf("%s names no member of the model", ref)
	}
	return s.member(member), nil
}

func (s *Shape) member(name string) *Member {
	for _, m := range s.Members {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// markSensitive sets Sensitive on structures that hold a sensitive member.
func markSensitive(s *Shape, seen map[*Shape]bool) bool {
	if seen[s] {
		return s.Sensitive
	}
	seen[s] = true
	for _, m := range s.Members {
		t := m.Target
		if t.Type == "list" {
			t = t.Elem
		}
		if m.Sensitive || t.Type == "structure" && markSensitive(t, seen) {
			s.Sensitive = true
		}
	}
	return s.Sensitive
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func trait[T any](traits map[string]json.RawMessage, name string) T {
	var v T
	if raw, ok := traits[name]; ok {
		_ = json.Unmarshal(raw, &v)
	}
	return v
}

// memberMap is a JSON object of members that remembers its key order.
type memberMap struct {
	keys []string
	m    map[string]smithyMember
}

func (mm *memberMap) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil { // {
		return err
	}
	mm.m = map[string]smithyMember{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		var v smithyMember
		if err := dec.Decode(&v); err != nil {
			return err
		}
		mm.keys = append(mm.keys, key)
		mm.m[key] = v
	}
	return nil
}
