package client

import (
	"encoding/json/jsontext"
	"encoding/json/v2"
	"net/http"
	"strings"
	"time"

	"github.com/mqrest/mqrest/api"
)

// errorBody is every shape an AWS REST-JSON error body takes.
type errorBody struct {
	Code           string `json:"code"`
	Type           string `json:"__type"`
	Message        string `json:"message"`
	ErrorAttribute string `json:"errorAttribute"`
}

// errorBodyOptions read an error body as the SDKs do: member names without
// regard to case (message or Message), a repeated member's last value,
// invalid UTF-8 kept as U+FFFD.
var errorBodyOptions = json.JoinOptions(json.MatchCaseInsensitiveNames(true),
	jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))

// decodeAPIError builds an *APIError the way the official SDK decides the
// code: the X-Amzn-ErrorType header wins over the body's code/__type; both
// are sanitized; the message comes from message or Message; the status
// never picks the code. A modeled code also gets its typed exception,
// decoded from the body, for errors.As.
func decodeAPIError(op string, resp *http.Response, data []byte, reqID string) *APIError {
	e := &APIError{Operation: op, StatusCode: resp.StatusCode, Code: "UnknownError", RequestID: reqID}
	if d, err := http.ParseTime(resp.Header.Get("Date")); err == nil {
		e.serverTime = d
	}
	var b errorBody
	if len(data) > 0 && json.Unmarshal(data, &b, errorBodyOptions) != nil {
		b = errorBody{}
		e.bodyText = strings.TrimSpace(string(data))
	}
	if h := sanitizeCode(resp.Header.Get("X-Amzn-Errortype")); h != "" {
		e.Code = h
	} else if bc := sanitizeCode(firstNonEmpty(b.Code, b.Type)); bc != "" {
		e.Code = bc
	}
	e.Message = b.Message
	e.ErrorAttribute = b.ErrorAttribute
	if e.Message == "" && e.bodyText != "" && len(e.bodyText) < 512 {
		e.Message = e.bodyText
	}
	e.emptyBody = len(data) == 0
	e.exception = api.NewException(e.Code, data)
	return e
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// apiErrorExtra holds what the client learned from the response beyond the
// public fields, for retry and skew decisions and for Unwrap.
type apiErrorExtra struct {
	serverTime time.Time
	bodyText   string
	emptyBody  bool
	truncated  bool
	exception  error // the typed exception of a modeled code, or nil
}
