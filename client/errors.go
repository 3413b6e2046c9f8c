package client

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/aws/smithy-go"

	"github.com/mqrest/mqrest/api"
)

// Sentinels for errors.Is. Every *APIError matches the sentinel of its
// code; ErrAccessDenied also matches every *AccessDeniedError.
var (
	ErrBadRequest          = errors.New("mqrest: BadRequestException")
	ErrUnauthorized        = errors.New("mqrest: UnauthorizedException")
	ErrForbidden           = errors.New("mqrest: ForbiddenException")
	ErrNotFound            = errors.New("mqrest: NotFoundException")
	ErrConflict            = errors.New("mqrest: ConflictException")
	ErrInternalServerError = errors.New("mqrest: InternalServerErrorException")
	ErrAccessDenied        = errors.New("mqrest: access denied")
	ErrThrottled           = errors.New("mqrest: throttled")
	// ErrResponseTooLarge is returned when a response body exceeds the cap
	// set with WithMaxResponseBytes.
	ErrResponseTooLarge = errors.New("mqrest: response body too large")
)

var codeSentinels = map[string]error{
	"BadRequestException":          ErrBadRequest,
	"UnauthorizedException":        ErrUnauthorized,
	"ForbiddenException":           ErrForbidden,
	"NotFoundException":            ErrNotFound,
	"ConflictException":            ErrConflict,
	"InternalServerErrorException": ErrInternalServerError,
	"AccessDeniedException":        ErrAccessDenied,
	"AccessDenied":                 ErrAccessDenied,
	"ThrottlingException":          ErrThrottled,
	"TooManyRequestsException":     ErrThrottled,
	"Throttling":                   ErrThrottled,
	"RequestLimitExceeded":         ErrThrottled,
}

// ValidationError is returned, before anything is sent, for an input that
// lacks required members or breaks the API's documented limits. It lists
// every problem at once.
type ValidationError = api.ValidationError

// APIError is an error response of the Amazon MQ API. It satisfies
// smithy.APIError, so code written for the official SDK keeps working, and
// for the codes the model defines it wraps the typed exception, as the
// SDK returns it:
//
//	var nfe *api.NotFoundException
//	if errors.As(err, &nfe) { ... nfe.ResourceShareErrors ... }
type APIError struct {
	// Operation is the operation that failed, e.g. "DescribeBroker".
	Operation string
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Code is the error code, e.g. "NotFoundException", taken from the
	// X-Amzn-ErrorType header or the body's code/__type and sanitized as
	// the SDKs do; "UnknownError" when the response names none.
	Code string
	// Message is the service's explanation.
	Message string
	// ErrorAttribute names the input member at fault, when the service says.
	ErrorAttribute string
	// RequestID is the X-Amzn-RequestId of the response.
	RequestID string
	// Attempts is how many attempts the call made, this response being the
	// last; 0 when the client did not count them.
	Attempts int

	apiErrorExtra
}

// Error returns "mqrest: <Operation>: <Code> (HTTP <status>): <Message>
// [attribute] (request id ...)", followed by "after <n> attempts" when the
// call made more than one.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("mqrest: ")
	b.WriteString(e.Operation)
	b.WriteString(": ")
	b.WriteString(e.Code)
	b.WriteString(" (HTTP ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	b.WriteString(")")
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.ErrorAttribute != "" {
		b.WriteString(" [")
		b.WriteString(e.ErrorAttribute)
		b.WriteString("]")
	}
	if e.RequestID != "" {
		b.WriteString(" (request id ")
		b.WriteString(e.RequestID)
		b.WriteString(")")
	}
	b.WriteString(attemptsText(e.Attempts))
	return b.String()
}

// setAttempts records how many attempts the call made.
func (e *APIError) setAttempts(n int) { e.Attempts = n }

// Is makes errors.Is(err, ErrNotFound) and the other sentinels work.
func (e *APIError) Is(target error) bool {
	if s, ok := codeSentinels[e.Code]; ok && s == target {
		return true
	}
	return target == ErrThrottled && e.StatusCode == 429
}

// Unwrap returns the typed exception of the error's code when the model
// defines it (*api.BadRequestException, *api.NotFoundException, ...),
// decoded from the response body with its ResourceShareErrors, so that
// errors.As finds it; nil for other codes.
func (e *APIError) Unwrap() error { return e.exception }

// ErrorCode returns Code (smithy.APIError).
func (e *APIError) ErrorCode() string { return e.Code }

// ErrorMessage returns Message (smithy.APIError).
func (e *APIError) ErrorMessage() string { return e.Message }

// ErrorFault says whether the client or the server is at fault (smithy.APIError).
func (e *APIError) ErrorFault() smithy.ErrorFault {
	switch {
	case e.StatusCode >= 500:
		return smithy.FaultServer
	case e.StatusCode >= 400:
		return smithy.FaultClient
	}
	return smithy.FaultUnknown
}

// HTTPStatusCode returns StatusCode; aws/retry reads it to classify errors.
func (e *APIError) HTTPStatusCode() int { return e.StatusCode }

// ServiceRequestID returns RequestID, as the SDK's response errors do.
func (e *APIError) ServiceRequestID() string { return e.RequestID }

var _ smithy.APIError = (*APIError)(nil)

// DecodeError is returned when a response cannot be decoded: a body that
// is not the JSON the operation returns, or one cut short.
type DecodeError struct {
	// Operation is the operation whose response failed to decode.
	Operation string
	// StatusCode and RequestID identify the response.
	StatusCode int
	RequestID  string
	// Err is the underlying decoding error.
	Err error
	// Attempts is how many attempts the call made, this response being the
	// last; 0 when the client did not count them.
	Attempts int

	// cutShort is set when reading a successful response failed part way
	// (the connection or stream broke): the call may be repeated.
	cutShort bool
}

// Error describes the failure with status and request ID, and how many
// attempts were made when there were more than one.
func (e *DecodeError) Error() string {
	s := "mqrest: " + e.Operation + ": cannot decode response (HTTP " + strconv.Itoa(e.StatusCode) + ")"
	if e.RequestID != "" {
		s += " (request id " + e.RequestID + ")"
	}
	s += attemptsText(e.Attempts)
	if e.Err == nil {
		return s
	}
	return s + ": " + e.Err.Error()
}

// setAttempts records how many attempts the call made.
func (e *DecodeError) setAttempts(n int) { e.Attempts = n }

// Unwrap returns Err.
func (e *DecodeError) Unwrap() error { return e.Err }

// RequestError is returned when a request could not be sent or its response
// not received (connection refused or reset, timeout, context done).
type RequestError struct {
	// Operation is the operation that failed.
	Operation string
	// Attempts is how many attempts were made.
	Attempts int
	// Err is the transport's error.
	Err error
}

// Error describes the failure.
func (e *RequestError) Error() string {
	return "mqrest: " + e.Operation + ": request failed after " + strconv.Itoa(e.Attempts) + " attempt(s): " + e.Err.Error()
}

// Unwrap returns Err, so errors.Is(err, context.DeadlineExceeded) works.
func (e *RequestError) Unwrap() error { return e.Err }

// attemptsText is the " after <n> attempts" of an error's text, or "" for
// a single attempt (or an uncounted one).
func attemptsText(n int) string {
	if n <= 1 {
		return ""
	}
	return " after " + strconv.Itoa(n) + " attempts"
}

// attemptCounter is an error that records how many attempts its call made:
// *APIError and *DecodeError.
type attemptCounter interface{ setAttempts(n int) }

// setAttempts records on err (an *APIError or *DecodeError, also wrapped,
// as in an *AccessDeniedError) that its call made n attempts; other errors,
// and nil, are left as they are. *RequestError carries its Attempts from
// the start.
func setAttempts(err error, n int) {
	var ac attemptCounter
	if errors.As(err, &ac) {
		ac.setAttempts(n)
	}
}

// errNilContext is returned by every method given a nil context, instead of
// the panic net/http would raise.
var errNilContext = errors.New("mqrest: nil Context")

// checkContext returns an error for a nil ctx, so that a careless call fails
// like any other invalid input instead of panicking.
func checkContext(ctx context.Context) error {
	if ctx == nil {
		return errNilContext
	}
	return nil
}

// sanitizeCode cuts an error code as the SDKs do: drop everything from the
// first ':' then keep what follows the first '#'.
func sanitizeCode(s string) string {
	if i := strings.IndexByte(s, ':'); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSpace(s)
}
