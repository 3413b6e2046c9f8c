package denial

import (
	"strings"

	"github.com/mqrest/mqrest/iam"
)

// maxInput is how much of its input Parse and Operation look at.
const maxInput = 64 << 10

// signal is how strongly a message says "access denied".
type signal int

const (
	noSignal     signal = iota
	weakSignal          // "Access Denied", "Forbidden": a denial unless the code says otherwise
	strongSignal        // "is not authorized to perform", an encoded authorization message, a deny reason
)

// Parse extracts a Denial from text: a raw message; a JSON error body with
// "message" or "Message" (and "__type"/"code"); an AWS CLI line "An error
// occurred (AccessDeniedException) when calling the CreateBroker operation:
// User: ..."; a Go SDK v2 error line "operation error mq: CreateBroker,
// https response error StatusCode: 403, RequestID: ..., api error
// AccessDeniedException: User: ..."; any partition (aws, aws-cn,
// aws-us-gov, aws-iso*, ...). ok=false when the text is not recognizably an
// access denial.
//
// Text is a denial when its message has the shape of one (see the package
// documentation), or when its error code is a denial code such as
// AccessDeniedException, AccessDenied, UnauthorizedOperation or
// ForbiddenException. A weak phrase such as "Access Denied" or "Forbidden"
// counts only when the text carries no error code or a denial code, so an
// authentication failure or a BadRequestException is not a denial. When ok
// is false, d holds only Code and Message, as far as they were found.
//
// Parse looks at no more than the first 64 KiB of text.
func Parse(text string) (d Denial, ok bool) {
	e := unwrap(clip(text))
	d = Denial{Code: e.code, Message: e.message}
	var sig signal
	if e.decoded != nil {
		sig = e.decoded.fill(&d)
	} else {
		sig = scan(&d, e.message)
	}
	switch kind := codeKind(d.Code); {
	case sig == strongSignal, kind == denialCode, sig == weakSignal && kind == noCode:
	default:
		return Denial{Code: d.Code, Message: d.Message}, false
	}
	if d.Deny == "" {
		d.Deny = iam.DenyUnknown
	}
	return d, true
}

// Phrases, all lower case: scan matches them against the message in ASCII
// lower case and slices values out of the message itself.
const (
	phrasePerform    = "not authorized to perform:"
	phrasePerformAny = "not authorized to perform"
	phraseAccess     = "not authorized to access"
	phraseOnResource = " on resource:"
	phraseEncoded    = "encoded authorization failure message:"
	phraseExplicit   = "explicit deny"
	phraseImplicit   = "implicit deny"
	phraseBecauseNo  = "because no "
	phraseAllowsThe  = " allows the "
	phraseThrough    = " transitively through "
	phraseAccessTo   = "access to the resource "
	phraseIsDenied   = " is denied"
)

// weakPhrases say "denied" without saying by what.
var weakPhrases = [...]string{
	"access denied",
	"accessdenied",
	"access is denied",
	"permission denied",
	"forbidden",
	"don't have permission",
	"do not have permission",
	"not authorized",
	"unauthorized operation",
	phraseIsDenied,
}

// scan parses a bare message into d and reports how strongly it reads as a
// denial. Every step is a constant number of linear searches, so scan is
// linear in len(msg).
func scan(d *Denial, msg string) signal {
	l := asciiLower(msg)
	sig := noSignal
	reasonFrom := 0 // where to look for the deny reason
	actionTo := -1  // where the action may end, for messages without "perform:"

	if k := strings.Index(l, phrasePerform); k >= 0 {
		sig = strongSignal
		d.Principal = principalBefore(msg, l, k)
		i := skipSpaces(msg, k+len(phrasePerform))
		tok, j := token(msg, i)
		d.Action = trimPunct(strings.Trim(tok, `"'`))
		i = j
		if strings.HasPrefix(l[i:], phraseOnResource) {
			d.Resource, i = resourceAt(msg, l, i+len(phraseOnResource))
		}
		reasonFrom = i
	} else {
		// No "perform: <action>": EC2's "You are not authorized to
		// perform this operation", API Gateway's "... is not authorized
		// to access this resource", or a message quoted in part
		// ("… codedeploy:ListDeployments on resource: ... because ...").
		if k := strings.Index(l, phrasePerformAny); k >= 0 {
			sig = strongSignal
			d.Principal = principalBefore(msg, l, k)
			reasonFrom = k + len(phrasePerformAny)
		} else if k := strings.Index(l, phraseAccess); k >= 0 {
			sig = strongSignal
			d.Principal = principalBefore(msg, l, k)
			reasonFrom = k + len(phraseAccess)
		}
		actionTo = len(msg)
		if k := strings.Index(l[reasonFrom:], phraseOnResource); k >= 0 {
			actionTo = reasonFrom + k
			d.Resource, reasonFrom = resourceAt(msg, l, actionTo+len(phraseOnResource))
		}
	}

	if k := strings.Index(l, phraseEncoded); k >= 0 {
		sig = strongSignal
		i := skipSpaces(msg, k+len(phraseEncoded))
		j := i
		for j < len(msg) && isBlobByte(msg[j]) {
			j++
		}
		d.EncodedMessage = msg[i:j]
	}

	at, action2 := reason(d, msg, l, reasonFrom)
	if at >= 0 {
		sig = strongSignal
		actionTo = min(actionTo, at)
	}
	if d.Action == "" && actionTo >= 0 {
		d.Action = firstAction(msg[:actionTo])
	}
	if d.Action == "" {
		d.Action = action2
	}

	if d.Principal == "" && strings.HasPrefix(l, "user:") {
		// A truncated message ("User: arn:... is not au…") still names
		// the caller.
		tok, _ := token(msg, skipSpaces(msg, len("user:")))
		if p := principalToken(tok); isARN(p) || p == "anonymous" {
			d.Principal = p
		}
	}

	if sig == noSignal {
		for _, p := range weakPhrases {
			if strings.Contains(l, p) {
				sig = weakSignal
				break
			}
		}
	}
	if d.Resource == "" && sig != noSignal {
		// "Access to the resource <name> is denied."
		if k := strings.Index(l, phraseAccessTo); k >= 0 {
			i := k + len(phraseAccessTo)
			if n := strings.Index(l[i:], phraseIsDenied); n > 0 {
				if r := strings.Trim(msg[i:i+n], `"' `); !hasSpace(r) {
					d.Resource = r
				}
			}
		}
	}
	return sig
}

// reason parses the deny reason found at or after position from of msg.
// It returns where the reason starts (-1 if there is none) and, for
// "because no <layer> allows the <action> action", that action.
func reason(d *Denial, msg, l string, from int) (at int, action2 string) {
	rest := l[from:]
	if x := strings.Index(rest, phraseExplicit); x >= 0 {
		d.Deny = iam.DenyExplicit
		layerClause(d, msg, l, from+x+len(phraseExplicit))
		return from + x, ""
	}
	if x := strings.Index(rest, phraseBecauseNo); x >= 0 {
		i := from + x + len(phraseBecauseNo)
		layer, n := layerAt(msg[i:], l[i:])
		if n == 0 && !strings.Contains(l[i:], phraseAllowsThe[1:]) {
			return -1, "" // "because no" without "allows": not a deny reason
		}
		d.Deny = iam.DenyImplicit
		d.PolicyType = layer
		i += n
		if strings.HasPrefix(l[i:], phraseAllowsThe) {
			tok, j := token(msg, i+len(phraseAllowsThe))
			action2 = trimPunct(tok)
			i = j
			if strings.HasPrefix(l[i:], " action") && wordEnd(l, i+len(" action")) {
				i += len(" action")
			}
		}
		tail(d, msg, l, i)
		return from + x, action2
	}
	if x := strings.Index(rest, phraseImplicit); x >= 0 {
		d.Deny = iam.DenyImplicit
		layerClause(d, msg, l, from+x+len(phraseImplicit))
		return from + x, ""
	}
	return -1, ""
}

// firstAction returns the first token of s shaped like an IAM action
// ("service:Action", as in the iam.md §4.3 regex), or "".
func firstAction(s string) string {
	for i := 0; i < len(s); {
		i = skipSpaces(s, i)
		tok, j := token(s, i)
		if strings.IndexByte(tok, ':') >= 0 {
			if a := trimPunct(strings.Trim(tok, `"'`)); isActionShape(a) {
				return a
			}
		}
		i = j
	}
	return ""
}

// isActionShape reports whether s is "<service>:<Action>": a service of
// letters, digits and hyphens starting with a letter, and an action of
// letters, digits and '*' starting with a letter or '*'.
func isActionShape(s string) bool {
	svc, act, ok := strings.Cut(s, ":")
	if !ok || svc == "" || act == "" || !isLetter(svc[0]) || !(isLetter(act[0]) || act[0] == '*') {
		return false
	}
	for i := 0; i < len(svc); i++ {
		if c := svc[i]; !isLetter(c) && !isDigit(c) && c != '-' {
			return false
		}
	}
	for i := 0; i < len(act); i++ {
		if c := act[i]; !isLetter(c) && !isDigit(c) && c != '*' {
			return false
		}
	}
	return true
}

// layerClause parses the optional " in (a|an|the) <layer>" after "explicit
// deny" or "implicit deny", then the tail.
func layerClause(d *Denial, msg, l string, i int) {
	if !strings.HasPrefix(l[i:], " in ") {
		return
	}
	i = skipArticle(l, i+len(" in "))
	layer, n := layerAt(msg[i:], l[i:])
	if n == 0 {
		return
	}
	d.PolicyType = layer
	tail(d, msg, l, i+n)
}

// tail parses what may follow a layer name: " transitively through
// (a|an|the) <layer>", then ": <policy ARN>".
func tail(d *Denial, msg, l string, i int) {
	if strings.HasPrefix(l[i:], phraseThrough) {
		j := skipArticle(l, i+len(phraseThrough))
		if layer, n := layerAt(msg[j:], l[j:]); n > 0 {
			d.Through = layer
			i = j + n
		}
	}
	if strings.HasPrefix(l[i:], ":") {
		tok, _ := token(msg, skipSpaces(msg, i+1))
		if tok = trimPunct(tok); isARN(tok) {
			d.PolicyARN = tok
		}
	}
}

// iamResourceWords are the words IAM puts before a bare name in the
// legacy "on resource: role MyRole" form.
var iamResourceWords = [...]string{"role", "user", "group", "policy", "instance-profile"}

// resourceAt reads the resource after "on resource:" at position i and
// returns it with the position after it.
func resourceAt(msg, l string, i int) (string, int) {
	i = skipSpaces(msg, i)
	if i < len(msg) && msg[i] == '"' {
		if n := strings.IndexByte(msg[i+1:], '"'); n >= 0 {
			return msg[i+1 : i+1+n], i + 1 + n + 1
		}
	}
	tok, j := token(msg, i)
	tok = strings.Trim(tok, `"`)
	for _, w := range iamResourceWords {
		if l[i:j] != w || j >= len(msg) {
			continue
		}
		name, k := token(msg, j+1)
		if msg[j] == ' ' && name != "" && !isReasonStart(l[j+1:]) {
			return tok + " " + trimPunct(name), k
		}
	}
	return trimPunct(tok), j
}

// isReasonStart reports whether l starts a deny reason clause.
func isReasonStart(l string) bool {
	return strings.HasPrefix(l, "because ") || strings.HasPrefix(l, "with ")
}

// principalBefore returns the principal named before the phrase at k:
// "User: <arn> is not authorized ...", "<arn> is not authorized ...", or
// "User: anonymous is not authorized ...". It returns "" for "You are not
// authorized ..." and for elided principals ("… is not authorized").
func principalBefore(msg, l string, k int) string {
	b := strings.TrimRight(l[:k], asciiSpace)
	switch {
	case strings.HasSuffix(b, " is"), b == "is":
		b = b[:len(b)-len("is")]
	case strings.HasSuffix(b, " are"), b == "are":
		b = b[:len(b)-len("are")]
	}
	b = strings.TrimRight(b, asciiSpace)
	start := strings.LastIndexAny(b, asciiSpace) + 1
	p := principalToken(msg[start:len(b)])
	if p == "" || p == "anonymous" || isARN(p) {
		return p
	}
	before := strings.TrimRight(b[:start], asciiSpace)
	if strings.HasSuffix(before, "user:") {
		return p // a legacy name after "User: "
	}
	return ""
}

// principalToken cleans a principal token: quotes and trailing commas go,
// and "anonymous" is spelled in lower case.
func principalToken(tok string) string {
	tok = strings.TrimRight(strings.Trim(tok, `"'`), ",;")
	if strings.EqualFold(tok, "anonymous") {
		return "anonymous"
	}
	return tok
}

// skipArticle skips "a ", "an " or "the " at position i of l.
func skipArticle(l string, i int) int {
	for _, a := range [...]string{"a ", "an ", "the "} {
		if strings.HasPrefix(l[i:], a) {
			return i + len(a)
		}
	}
	return i
}

// asciiSpace holds the bytes that separate tokens.
const asciiSpace = " \t\n\r\v\f"

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func hasSpace(s string) bool { return strings.ContainsAny(s, asciiSpace) }

// skipSpaces returns the position of the first non-space byte at or after i.
func skipSpaces(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

// token returns the run of non-space bytes at position i and the position
// after it.
func token(s string, i int) (string, int) {
	j := i
	for j < len(s) && !isSpace(s[j]) {
		j++
	}
	return s[i:j], j
}

// trimPunct drops the sentence punctuation that may follow a token.
func trimPunct(s string) string { return strings.TrimRight(s, ".,;") }

// isARN reports whether s starts like an ARN in any partition.
func isARN(s string) bool { return len(s) > 4 && strings.EqualFold(s[:4], "arn:") }

// isBlobByte reports whether c may appear in an encoded authorization
// message (base64 or base64url).
func isBlobByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || isDigit(c) ||
		c == '+' || c == '/' || c == '=' || c == '-' || c == '_'
}

// asciiLower returns s with ASCII letters in lower case and every other
// byte unchanged, so that positions in the result are positions in s.
func asciiLower(s string) string {
	i := 0
	for i < len(s) && !('A' <= s[i] && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if 'A' <= b[i] && b[i] <= 'Z' {
			b[i] += 'a' - 'A'
		}
	}
	return string(b)
}

// clip cuts s to maxInput bytes.
func clip(s string) string {
	if len(s) > maxInput {
		return s[:maxInput]
	}
	return s
}
