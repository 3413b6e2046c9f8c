package denial

import (
	"encoding/json"
	"encoding/xml"
	"strings"

	"github.com/mqrest/mqrest/iam"
)

// envelope is what unwrapping found around the bare message.
type envelope struct {
	code      string
	message   string
	operation string
	decoded   *decodedMessage // set for an sts:DecodeAuthorizationMessage result
}

// unwrap strips the wrappers around a denial message: a JSON or XML error
// body, then an AWS CLI or Go SDK error line, then an error-code prefix and
// SDK suffixes.
func unwrap(text string) envelope {
	s := strings.TrimSpace(text)
	switch {
	case strings.HasPrefix(s, "{"):
		if e, ok := unwrapJSON(s, 0); ok {
			return e
		}
	case strings.HasPrefix(s, "<"):
		if e, ok := unwrapXML(s); ok {
			return e
		}
	}
	return unwrapText(s)
}

// maxJSONDepth bounds the nesting unwrapJSON follows ("Error" objects,
// "DecodedMessage" strings).
const maxJSONDepth = 2

// unwrapJSON reads a JSON error body: {"code"|"__type": ..., "message"|
// "Message": ...}, a CloudTrail record's "errorCode"/"errorMessage", an
// {"Error": {...}} body, an sts:DecodeAuthorizationMessage output
// ({"DecodedMessage": "..."}) or the decoded message itself. Keys are
// matched case-insensitively, as the AWS SDKs do. It reports false when s
// is not a JSON object with any of these.
func unwrapJSON(s string, depth int) (envelope, bool) {
	var m map[string]json.RawMessage
	if json.Unmarshal([]byte(s), &m) != nil {
		return envelope{}, false
	}
	if _, ok := lookup(m, "allowed"); ok {
		if _, ok := lookup(m, "context"); ok {
			var dm decodedMessage
			if json.Unmarshal([]byte(s), &dm) == nil && dm.Allowed != nil {
				return envelope{message: s, decoded: &dm}, true
			}
		}
	}
	if inner := jsonString(m, "DecodedMessage"); inner != "" && depth < maxJSONDepth {
		if e, ok := unwrapJSON(strings.TrimSpace(inner), depth+1); ok {
			return e, true
		}
	}
	code := jsonString(m, "code", "__type", "errorCode")
	msg := jsonString(m, "message", "errorMessage")
	if code == "" && msg == "" && depth < maxJSONDepth {
		if raw, ok := lookup(m, "Error"); ok {
			if e, ok := unwrapJSON(string(raw), depth+1); ok {
				return e, true
			}
		}
	}
	if code == "" && msg == "" {
		return envelope{}, false
	}
	e := unwrapText(msg)
	if c := sanitizeCode(code); c != "" {
		e.code = c
	}
	return e, true
}

// lookup finds key in m, exactly or else case-insensitively.
func lookup(m map[string]json.RawMessage, key string) (json.RawMessage, bool) {
	if v, ok := m[key]; ok {
		return v, true
	}
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return nil, false
}

// jsonString returns the first of keys whose value in m is a non-empty
// JSON string.
func jsonString(m map[string]json.RawMessage, keys ...string) string {
	for _, k := range keys {
		raw, ok := lookup(m, k)
		if !ok {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) == nil && s != "" {
			return s
		}
	}
	return ""
}

// unwrapXML reads the first <Code> and <Message> elements of an XML error
// body (S3, EC2, and the query protocol's <ErrorResponse>). It reports
// false when it finds neither.
func unwrapXML(s string) (envelope, bool) {
	dec := xml.NewDecoder(strings.NewReader(s))
	var code, msg strings.Builder
	var in *strings.Builder
	var haveCode, haveMsg bool
	for !(haveCode && haveMsg) {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			in = nil
			switch {
			case t.Name.Local == "Code" && !haveCode:
				in = &code
			case t.Name.Local == "Message" && !haveMsg:
				in = &msg
			}
		case xml.CharData:
			if in != nil {
				in.Write(t)
			}
		case xml.EndElement:
			switch in {
			case &code:
				haveCode = true
			case &msg:
				haveMsg = true
			}
			in = nil
		}
	}
	if code.Len() == 0 && msg.Len() == 0 {
		return envelope{}, false
	}
	e := unwrapText(msg.String())
	if c := sanitizeCode(code.String()); c != "" {
		e.code = c
	}
	return e, true
}

// unwrapText strips an AWS CLI or Go SDK v2 error line, then an error-code
// prefix ("AccessDeniedException: ..."), a Go SDK v1 suffix ("\n\tstatus
// code: 403, request id: ...") and a Java SDK suffix (" (Service: ...;
// Status Code: 403; Error Code: ...; Request ID: ...)").
func unwrapText(s string) envelope {
	s = strings.TrimSpace(s)
	l := asciiLower(s)
	e, ok := unwrapCLI(s, l)
	if !ok {
		e, ok = unwrapSDK(s, l)
	}
	if !ok {
		e = envelope{message: s}
	}
	m := strings.TrimSpace(e.message)
	if c, rest, ok := codePrefix(m); ok {
		if e.code == "" {
			e.code = c
		}
		m = rest
	}
	lm := asciiLower(m)
	if i := strings.Index(lm, "\n\tstatus code:"); i >= 0 {
		m, lm = m[:i], lm[:i]
	}
	if i := strings.LastIndex(lm, " (service: "); i >= 0 && strings.HasSuffix(strings.TrimRight(lm, asciiSpace), ")") {
		if e.code == "" {
			e.code = javaErrorCode(m[i:], lm[i:])
		}
		m = m[:i]
	}
	e.message = strings.TrimSpace(m)
	return e
}

// unwrapCLI reads "An error occurred (<code>) when calling the <op>
// operation[ (reached max retries: N)]: <message>", as printed by the AWS
// CLI and boto3, anywhere in s.
func unwrapCLI(s, l string) (envelope, bool) {
	const open = "an error occurred ("
	k := strings.Index(l, open)
	if k < 0 {
		return envelope{}, false
	}
	p := k + len(open)
	c := strings.IndexByte(s[p:], ')')
	if c < 0 || c > maxCodeLen {
		return envelope{}, false
	}
	e := envelope{code: sanitizeCode(s[p : p+c])}
	p += c + 1
	if op, n := cliOperation(s[p:], l[p:]); n > 0 {
		e.operation = op
		p += n
	}
	p = skipSpaces(s, p)
	if p < len(s) && s[p] == '(' { // " (reached max retries: 4)"
		if n := strings.IndexByte(s[p:], ')'); n >= 0 && n <= 64 {
			p = skipSpaces(s, p+n+1)
		}
	}
	if p < len(s) && s[p] == ':' {
		p++
	}
	e.message = s[p:]
	return e, true
}

// cliOperation reads " when calling the <op> operation" at the start of s
// and returns the operation and the bytes consumed, or ("", 0).
func cliOperation(s, l string) (string, int) {
	const prefix, suffix = " when calling the ", " operation"
	if !strings.HasPrefix(l, prefix) {
		return "", 0
	}
	op, n := token(s, len(prefix))
	if !isOperationName(op) || !strings.HasPrefix(l[n:], suffix) {
		return "", 0
	}
	return op, n + len(suffix)
}

// unwrapSDK reads a Go SDK v2 error line anywhere in s: "operation error
// <service>: <op>, [exceeded maximum number of attempts, N, ]https response
// error StatusCode: N, RequestID: ID, [HostID: ID, ](api error <code>:
// <message> | <code>: <message>)".
func unwrapSDK(s, l string) (envelope, bool) {
	const open = "operation error "
	k := strings.Index(l, open)
	if k < 0 {
		return envelope{}, false
	}
	p := k + len(open)
	var e envelope
	if c := strings.Index(l[p:], ": "); c >= 0 && c <= 64 {
		q := p + c + len(": ")
		if n := strings.IndexByte(s[q:], ','); n >= 0 {
			if op := strings.TrimSpace(s[q : q+n]); isOperationName(op) {
				e.operation = op
				p = q + n + 1
			}
		}
	}
	if a := strings.Index(l[p:], "api error "); a >= 0 {
		p += a + len("api error ")
		if c, rest, ok := codePrefixAny(s[p:]); ok {
			e.code = c
			e.message = rest
			return e, true
		}
		e.message = s[p:]
		return e, true
	}
	if h := strings.Index(l[p:], "https response error "); h >= 0 {
		p += h + len("https response error ")
		for {
			p = skipSpaces(s, p)
			if !hasAnyPrefix(l[p:], "statuscode:", "requestid:", "hostid:") {
				break
			}
			n := strings.IndexByte(s[p:], ',')
			if n < 0 {
				p = len(s)
				break
			}
			p += n + 1
		}
	}
	e.message = s[p:]
	return e, true
}

// maxCodeLen bounds the length of an error code.
const maxCodeLen = 128

// codePrefix splits "<Code>: <rest>" when <Code> looks like an AWS error
// code: a known denial or authentication code, or a name ending in
// "Exception", "Error" or "Fault".
func codePrefix(s string) (code, rest string, ok bool) {
	c, rest, ok := codePrefixAny(s)
	if !ok {
		return "", "", false
	}
	if codeKind(c) == otherCode && !hasAnySuffix(c, "Exception", "Error", "Fault") {
		return "", "", false
	}
	return c, rest, true
}

// codePrefixAny splits "<Code>: <rest>" for any code-shaped <Code>.
func codePrefixAny(s string) (code, rest string, ok bool) {
	n := strings.Index(s, ": ")
	if n <= 0 || n > maxCodeLen {
		return "", "", false
	}
	c := s[:n]
	if !isCodeName(c) {
		return "", "", false
	}
	return sanitizeCode(c), strings.TrimSpace(s[n+len(": "):]), true
}

// javaErrorCode reads "Error Code: X" from a Java SDK suffix.
func javaErrorCode(s, l string) string {
	const key = "error code: "
	i := strings.Index(l, key)
	if i < 0 {
		return ""
	}
	i += len(key)
	j := i
	for j < len(s) && s[j] != ';' && s[j] != ',' && s[j] != ')' {
		j++
	}
	if c := strings.TrimSpace(s[i:j]); isCodeName(c) {
		return sanitizeCode(c)
	}
	return ""
}

// sanitizeCode cleans an error code as the AWS SDKs do: drop everything
// from the first ':' and keep what follows a '#'. It also drops the
// "Client." and "Server." prefixes of EC2 codes in CloudTrail.
func sanitizeCode(c string) string {
	c = strings.TrimSpace(c)
	if i := strings.IndexByte(c, ':'); i >= 0 {
		c = c[:i]
	}
	if i := strings.IndexByte(c, '#'); i >= 0 {
		c = c[i+1:]
	}
	c = strings.TrimPrefix(c, "Client.")
	c = strings.TrimPrefix(c, "Server.")
	return strings.TrimSpace(c)
}

// isCodeName reports whether s looks like an error code: a letter, then
// letters, digits, '.', '_' or '#'.
func isCodeName(s string) bool {
	if s == "" || len(s) > maxCodeLen || !isLetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isLetter(c) && !isDigit(c) && c != '.' && c != '_' && c != '#' {
			return false
		}
	}
	return true
}

// isOperationName reports whether s looks like an API operation name.
func isOperationName(s string) bool {
	if s == "" || len(s) > maxCodeLen || !isLetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isLetter(c) && !isDigit(c) && c != '_' {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// Kinds of error code.
type kindOfCode int

const (
	noCode     kindOfCode = iota
	denialCode            // the code alone says "access denied"
	authCode              // an authentication failure, not a denial
	otherCode
)

// denialCodes are error codes that mean an authorization denial whatever
// the message says. NotAuthorizedException is not one: Cognito uses it for
// bad passwords (Route 53's denials are recognized by their message).
var denialCodes = [...]string{
	"AccessDeniedException",
	"AccessDenied",
	"UnauthorizedOperation",
	"ForbiddenException",
	"Forbidden",
	"AuthorizationError",
	"AuthorizationErrorException",
	"NotAuthorized",
	"403", // the AWS CLI's code for an S3 HEAD request, which has no body
}

// authCodes are authentication-failure codes (iam.md §3.3, §6).
var authCodes = [...]string{
	"UnrecognizedClientException",
	"InvalidClientTokenId",
	"MissingAuthenticationToken",
	"MissingAuthenticationTokenException",
	"IncompleteSignature",
	"IncompleteSignatureException",
	"InvalidSignatureException",
	"SignatureDoesNotMatch",
	"ExpiredToken",
	"ExpiredTokenException",
	"RequestExpired",
	"RequestInTheFuture",
	"RequestTimeTooSkewed",
	"AuthFailure",
	"UnauthorizedException",
}

// codeKind classifies an error code, case-insensitively.
func codeKind(code string) kindOfCode {
	if code == "" {
		return noCode
	}
	for _, c := range denialCodes {
		if strings.EqualFold(code, c) {
			return denialCode
		}
	}
	for _, c := range authCodes {
		if strings.EqualFold(code, c) {
			return authCode
		}
	}
	return otherCode
}

// Operation returns the operation name from an AWS CLI or Go SDK error line, if present ("" otherwise).
//
// It reads "An error occurred (<code>) when calling the <op> operation"
// and "operation error <service>: <op>, ...", also inside a JSON or XML
// error body's message. Like Parse, it looks at no more than the first
// 64 KiB of text.
func Operation(text string) string {
	return unwrap(clip(text)).operation
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func hasAnySuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if len(s) > len(x) && strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// decodedMessage is the JSON that sts:DecodeAuthorizationMessage returns
// for an encoded authorization failure message (iam.md §4.4).
type decodedMessage struct {
	Allowed           *bool `json:"allowed"`
	ExplicitDeny      bool  `json:"explicitDeny"`
	MatchedStatements struct {
		Items []struct {
			Actions struct {
				Items []struct {
					Value string `json:"value"`
				} `json:"items"`
			} `json:"actions"`
		} `json:"items"`
	} `json:"matchedStatements"`
	Context struct {
		Principal struct {
			ID  string `json:"id"`
			ARN string `json:"arn"`
		} `json:"principal"`
		Action   string `json:"action"`
		Resource string `json:"resource"`
	} `json:"context"`
}

// fill copies a decoded message into d. The decoded context may name the
// action without its service prefix ("RunInstances"); the prefix is then
// taken from a matched Deny statement whose action is the same action or a
// trailing-wildcard pattern covering it ("ec2:RunInstances", "ec2:Run*").
// It reports strongSignal when the request was not allowed.
func (m *decodedMessage) fill(d *Denial) signal {
	if m.Allowed == nil || *m.Allowed {
		return noSignal
	}
	d.Principal = m.Context.Principal.ARN
	d.Resource = m.Context.Resource
	d.Action = m.Context.Action
	if d.Action != "" && !strings.Contains(d.Action, ":") {
		d.Action = prefixedAction(d.Action, m)
	}
	d.Deny = iam.DenyImplicit
	if m.ExplicitDeny {
		d.Deny = iam.DenyExplicit
	}
	return strongSignal
}

// prefixedAction finds the service prefix of action in m's matched
// statements, or returns action unchanged.
func prefixedAction(action string, m *decodedMessage) string {
	for _, st := range m.MatchedStatements.Items {
		for _, a := range st.Actions.Items {
			svc, pat, ok := strings.Cut(a.Value, ":")
			if !ok || svc == "" || strings.ContainsAny(svc, "*?") {
				continue
			}
			if strings.EqualFold(pat, action) {
				return svc + ":" + action
			}
			if pre, ok := strings.CutSuffix(pat, "*"); ok && !strings.ContainsAny(pre, "*?") &&
				len(action) >= len(pre) && strings.EqualFold(action[:len(pre)], pre) {
				return svc + ":" + action
			}
		}
	}
	return action
}
