package mqtest

import (
	"errors"
	"fmt"
	"net/http"
	"unicode/utf8"
)

// Error codes the emulator answers with, beyond the six modeled ones.
const (
	codeBadRequest       = "BadRequestException"
	codeNotFound         = "NotFoundException"
	codeConflict         = "ConflictException"
	codeInternal         = "InternalServerErrorException"
	codeAccessDenied     = "AccessDeniedException"
	codeUnknownOp        = "UnknownOperationException"
	codeTooLarge         = "PayloadTooLargeException"
	codeThrottling       = "ThrottlingException"
	codeUnavailable      = "ServiceUnavailableException"
	codeExpiredToken     = "ExpiredTokenException"
	codeInvalidSignature = "InvalidSignatureException"
)

// apiError is an error response: the status, the X-Amzn-ErrorType code and
// the body's errorAttribute and message.
type apiError struct {
	Status    int
	Code      string
	Attribute string // "" leaves errorAttribute out
	Message   string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

// errorBody is the JSON body of every error. AccessDeniedException and the
// authentication errors have no errorAttribute.
type errorBody struct {
	ErrorAttribute string `json:"errorAttribute,omitempty"`
	Message        string `json:"message"`
}

// maxEchoed bounds what of a request an error message repeats: a decoder's
// text can quote a member name or value of any length.
const maxEchoed = 200

// shortText is s cut to its first maxEchoed bytes (at a character
// boundary), with "..." when cut.
func shortText(s string) string {
	if len(s) <= maxEchoed {
		return s
	}
	i := maxEchoed
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}

func badRequest(attr, format string, args ...any) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: codeBadRequest, Attribute: attr, Message: fmt.Sprintf(format, args...)}
}

func notFound(attr, format string, args ...any) *apiError {
	return &apiError{Status: http.StatusNotFound, Code: codeNotFound, Attribute: attr, Message: fmt.Sprintf(format, args...)}
}

func conflict(attr, format string, args ...any) *apiError {
	return &apiError{Status: http.StatusConflict, Code: codeConflict, Attribute: attr, Message: fmt.Sprintf(format, args...)}
}

func brokerNotFound(id string) *apiError {
	return notFound("broker-id", "Can't find requested broker [%s]. Make sure your broker exists.", id)
}

func configNotFound(id string) *apiError {
	return notFound("configuration-id", "Can't find requested configuration [%s]. Make sure your configuration exists.", id)
}

func userNotFound(name string) *apiError {
	return notFound("username", "Can't find requested user [%s]. Make sure your user exists.", name)
}

// required is the message of a missing member, in MQ's words.
func required(member string) *apiError {
	return badRequest(member, "The request failed because [%s] is required.", member)
}

// asError is errors.As returning the target (errors.AsType needs go1.26).
func asError[E error](err error) (E, bool) {
	var target E
	ok := errors.As(err, &target)
	return target, ok
}
