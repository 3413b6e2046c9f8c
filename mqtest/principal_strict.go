package mqtest

import (
	"encoding/json"
	"encoding/json/jsontext"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/internal/wire"
)

// A principal's policies are checked strictly before they are parsed, so
// that a policy that would load but never match (a Deny that protects
// nothing) is an error instead: every element must be one IAM knows for an
// identity-based policy (no Principal or NotPrincipal, which belong to
// resource-based policies), every action "*" or "service:Action" in plain
// ASCII (no padding, no zero-width or other invisible characters) and, for
// Amazon MQ, naming or matching an action Amazon MQ has, and every resource
// "*" or an ARN. The principal's own ARN must be an IAM or STS principal
// ARN. A problem is a *memberError naming the member by its JSON pointer,
// which LoadPrincipals turns into a file, line and column.

// memberError is a problem of one member of a principal.
type memberError struct {
	ptr string // JSON pointer below the principal, e.g. "/identityPolicies/0/Statement/1/Action/2"
	msg string
}

func (e *memberError) Error() string { return wire.MemberPath(jsontext.Pointer(e.ptr)) + ": " + e.msg }

// principalARN is the form of an IAM user, role or root, or an STS session.
var principalARN = regexp.MustCompile(`^arn:aws(-[a-z]+)*:(iam::[0-9]{12}:(root|user/.+|role/.+)|sts::[0-9]{12}:(assumed-role/[^/]+/.+|federated-user/.+))$`)

// arnForm is the form of an ARN pattern in a Resource element: six fields,
// with * and ? allowed; the resource part is anything printable.
var arnForm = regexp.MustCompile(`^arn:(\*|aws(-[a-z*?]+)*|[*?]+):[a-z0-9*?-]+:[a-z0-9*?-]*:([0-9*?]{0,12}|aws):\S+$`)

// actionForm is the form of an action pattern other than "*".
var actionForm = regexp.MustCompile(`^[a-z0-9-]+:[A-Za-z0-9*?]+$`)

// mqActions are the IAM actions of Amazon MQ, as the operation table lists
// them.
var mqActions = sync.OnceValue(func() []string {
	var out []string
	for _, op := range api.Operations {
		for _, a := range op.Actions {
			if strings.HasPrefix(a.Name, "mq:") && !slices.Contains(out, a.Name) {
				out = append(out, a.Name)
			}
		}
	}
	slices.Sort(out)
	return out
})

// strictPrincipal returns the first problem of p's ARN and policies, or nil.
func strictPrincipal(p Principal) error {
	if p.ARN != "" && !principalARN.MatchString(p.ARN) {
		return &memberError{"/arn", fmt.Sprintf("%s is not an IAM or STS principal ARN (arn:aws:iam::123456789012:user/name, ...:role/name, or arn:aws:sts::123456789012:assumed-role/role/session)", visible(p.ARN))}
	}
	check := func(ptr string, raw json.RawMessage) error {
		if len(raw) == 0 || isNull(raw) {
			return nil
		}
		return strictPolicy(ptr, raw)
	}
	for i, raw := range p.IdentityPolicies {
		if err := check("/identityPolicies/"+strconv.Itoa(i), raw); err != nil {
			return err
		}
	}
	if err := check("/permissionsBoundary", p.PermissionsBoundary); err != nil {
		return err
	}
	if err := check("/sessionPolicy", p.SessionPolicy); err != nil {
		return err
	}
	for i, raw := range p.ServiceControlPolicies {
		if err := check("/serviceControlPolicies/"+strconv.Itoa(i), raw); err != nil {
			return err
		}
	}
	return nil
}

// object decodes a JSON object's members, in order; ok is false when raw is
// not an object (parsePolicy reports that).
func object(raw json.RawMessage) (keys []string, vals map[string]json.RawMessage, ok bool) {
	d := jsontext.NewDecoder(strings.NewReader(string(raw)))
	if tok, err := d.ReadToken(); err != nil || tok.Kind() != '{' {
		return nil, nil, false
	}
	vals = map[string]json.RawMessage{}
	for d.PeekKind() != '}' {
		tok, err := d.ReadToken()
		if err != nil {
			return nil, nil, false
		}
		name := tok.String() // before the next read voids tok
		v, err := d.ReadValue()
		if err != nil {
			return nil, nil, false
		}
		keys = append(keys, name)
		vals[name] = json.RawMessage(v.Clone())
	}
	return keys, vals, true
}

// strictPolicy checks one policy, a document or {"arn", "document"}, at ptr.
func strictPolicy(ptr string, raw json.RawMessage) error {
	keys, vals, ok := object(raw)
	if !ok {
		return nil
	}
	if _, wrapped := vals["document"]; wrapped && vals["Statement"] == nil {
		if a, ok := vals["arn"]; ok {
			var arn string
			if json.Unmarshal(a, &arn) == nil && !arnForm.MatchString(arn) {
				return &memberError{ptr + "/arn", fmt.Sprintf("policy ARN %s is not an ARN", visible(arn))}
			}
		}
		ptr += "/document"
		if keys, vals, ok = object(vals["document"]); !ok {
			return nil
		}
	}
	for _, k := range keys {
		if k != "Version" && k != "Id" && k != "Statement" {
			return &memberError{string(jsontext.Pointer(ptr).AppendToken(k)), fmt.Sprintf("unknown policy element %s (want Version, Id, Statement)", visible(k))}
		}
	}
	st := vals["Statement"]
	var list []json.RawMessage
	if json.Unmarshal(st, &list) == nil {
		for i, s := range list {
			if err := strictStatement(ptr+"/Statement/"+strconv.Itoa(i), s); err != nil {
				return err
			}
		}
		return nil
	}
	return strictStatement(ptr+"/Statement", st)
}

// statementElements are the elements of an identity-based policy's
// statement.
var statementElements = []string{"Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"}

func strictStatement(ptr string, raw json.RawMessage) error {
	keys, vals, ok := object(raw)
	if !ok {
		return nil
	}
	for _, k := range keys {
		switch {
		case k == "Principal" || k == "NotPrincipal":
			return &memberError{ptr + "/" + k, "an identity-based policy has no " + k + " element: the principal is the one the policy is attached to (" + k + " belongs in resource-based policies, which Amazon MQ does not have)"}
		case !slices.Contains(statementElements, k):
			return &memberError{string(jsontext.Pointer(ptr).AppendToken(k)), fmt.Sprintf("unknown statement element %s (want %s)", visible(k), strings.Join(statementElements, ", "))}
		}
	}
	for _, k := range []string{"Action", "NotAction", "Resource", "NotResource"} {
		v, ok := vals[k]
		if !ok {
			continue
		}
		items := map[string]string{} // pointer -> value
		var one string
		var many []string
		switch {
		case json.Unmarshal(v, &one) == nil:
			items[ptr+"/"+k] = one
		case json.Unmarshal(v, &many) == nil:
			for i, s := range many {
				items[ptr+"/"+k+"/"+strconv.Itoa(i)] = s
			}
		default:
			continue // parsePolicy reports the type
		}
		ptrs := make([]string, 0, len(items))
		for p := range items {
			ptrs = append(ptrs, p)
		}
		slices.SortFunc(ptrs, func(a, b string) int { return cmpPtr(a, b) })
		for _, p := range ptrs {
			var msg string
			if strings.HasSuffix(k, "Action") {
				msg = checkAction(items[p])
			} else {
				msg = checkResource(items[p])
			}
			if msg != "" {
				return &memberError{p, msg}
			}
		}
	}
	return nil
}

// cmpPtr orders pointers that differ in a final array index by the index.
func cmpPtr(a, b string) int {
	i, j := strings.LastIndexByte(a, '/'), strings.LastIndexByte(b, '/')
	x, errA := strconv.Atoi(a[i+1:])
	y, errB := strconv.Atoi(b[j+1:])
	if errA == nil && errB == nil {
		return x - y
	}
	return strings.Compare(a, b)
}

// checkAction returns what is wrong with an action pattern, or "".
func checkAction(a string) string {
	if a == "*" {
		return ""
	}
	if m := oddCharacter(a); m != "" {
		return fmt.Sprintf("action %s %s", visible(a), m)
	}
	if !actionForm.MatchString(a) {
		return fmt.Sprintf("action %s is not \"*\" or \"service:Action\" (a lower-case service prefix, then letters, digits, * and ?)", visible(a))
	}
	svc, name, _ := strings.Cut(a, ":")
	if svc != "mq" {
		return ""
	}
	re := regexp.MustCompile("(?i)^" + strings.NewReplacer(`\*`, ".*", `\?`, ".").Replace(regexp.QuoteMeta(a)) + "$")
	for _, known := range mqActions() {
		if re.MatchString(known) {
			return ""
		}
	}
	if strings.ContainsAny(name, "*?") {
		return fmt.Sprintf("action %s matches no Amazon MQ action", visible(a))
	}
	return fmt.Sprintf("action %s is not an Amazon MQ action (they are %s)", visible(a), strings.Join(mqActions(), ", "))
}

// checkResource returns what is wrong with a resource pattern, or "".
func checkResource(r string) string {
	if r == "*" {
		return ""
	}
	if m := oddCharacter(r); m != "" {
		return fmt.Sprintf("resource %s %s", visible(r), m)
	}
	if !arnForm.MatchString(r) {
		return fmt.Sprintf("resource %s is not \"*\" or an ARN (arn:partition:service:region:account:resource)", visible(r))
	}
	return ""
}

// oddCharacter says what is wrong when s has white space at an end or a
// character that is not printable ASCII; otherwise "".
func oddCharacter(s string) string {
	if strings.TrimSpace(s) != s {
		return "has white space around it"
	}
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			return fmt.Sprintf("has invalid UTF-8 at byte %d", i)
		case unicode.IsSpace(r):
			return fmt.Sprintf("has the white-space character %U at byte %d", r, i)
		case unicode.Is(unicode.Cf, r) || unicode.IsControl(r):
			return fmt.Sprintf("has the invisible character %U at byte %d", r, i)
		case r > unicode.MaxASCII:
			return fmt.Sprintf("has the non-ASCII character %U (%q) at byte %d", r, r, i)
		}
	}
	return ""
}

// visible quotes s with Go escapes, so invisible characters show.
func visible(s string) string { return strconv.QuoteToASCII(s) }
