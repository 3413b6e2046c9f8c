package mqtest

import (
	"net"
	"net/http"
	"strconv"
	"time"
)

// FaultKind is a kind of failure that [Handler.FailNext] and
// [Handler.SetFaultRate] inject.
type FaultKind int

// The kinds of fault. Those answered instead of processing the request
// (Fault500, Fault503, FaultThrottle, FaultReset) never change the state;
// FaultTruncate and FaultResetAfter process the request first, so the change
// happens and only the response is lost, as on a real network.
const (
	// Fault500 answers 500 InternalServerErrorException without processing.
	Fault500 FaultKind = iota + 1
	// Fault503 answers 503 ServiceUnavailableException without processing.
	Fault503
	// FaultThrottle answers 429 ThrottlingException "Rate exceeded" without
	// processing.
	FaultThrottle
	// FaultReset closes the connection without answering and without
	// processing; the client sees a connection reset or EOF.
	FaultReset
	// FaultTruncate processes the request, then sends the status and headers
	// with the full Content-Length but only half of the body, and closes the
	// connection; the client sees an unexpected EOF.
	FaultTruncate
	// FaultLatency waits [Fault.Latency], then serves normally.
	FaultLatency
	// FaultResetAfter processes the request, then closes the connection
	// without answering.
	FaultResetAfter
)

// String returns the kind's name, e.g. "Fault503".
func (k FaultKind) String() string {
	switch k {
	case Fault500:
		return "Fault500"
	case Fault503:
		return "Fault503"
	case FaultThrottle:
		return "FaultThrottle"
	case FaultReset:
		return "FaultReset"
	case FaultTruncate:
		return "FaultTruncate"
	case FaultLatency:
		return "FaultLatency"
	case FaultResetAfter:
		return "FaultResetAfter"
	}
	return "FaultKind(" + strconv.Itoa(int(k)) + ")"
}

// Fault is one injected failure: its kind, and a delay before it (or, for
// FaultLatency, before the normal answer). The delay is real time, not the
// emulator clock, and no lock is held while waiting.
type Fault struct {
	Kind    FaultKind
	Latency time.Duration
}

type failRule struct {
	op    string
	left  int
	fault Fault
}

// FailNext makes the next n requests of operation (an operation name such
// as "CreateBroker", or "" for any request that routes to an operation) fail
// with f. Rules are used in the order they were added, before any fault rate.
// Requests answered by a fault are recorded by [Handler.Requests] with the
// status they got (0 when the connection was closed without an answer).
func (h *Handler) FailNext(operation string, n int, f Fault) {
	if n <= 0 {
		return
	}
	h.fmu.Lock()
	defer h.fmu.Unlock()
	h.failNext = append(h.failNext, &failRule{op: operation, left: n, fault: f})
}

// SetFaultRate makes each request fail, with probability rate (0 to 1), with
// one of faults chosen at random; with no faults it uses Fault503. The
// choices come from the seed of [WithSeed], so a sequential test sees the
// same faults on every run. A rate of 0 turns random faults off.
func (h *Handler) SetFaultRate(rate float64, faults ...Fault) {
	h.fmu.Lock()
	defer h.fmu.Unlock()
	h.faultRate = min(max(rate, 0), 1)
	h.faults = append([]Fault(nil), faults...)
	if len(h.faults) == 0 {
		h.faults = []Fault{{Kind: Fault503}}
	}
}

// ClearFaults removes every fault rule: the rules of [Handler.FailNext] not
// used up yet and the rate of [Handler.SetFaultRate]. Requests already
// waiting out a fault's latency are not affected. A test that injects faults
// for one phase calls it before the next.
func (h *Handler) ClearFaults() {
	h.fmu.Lock()
	defer h.fmu.Unlock()
	h.failNext = nil
	h.faultRate = 0
	h.faults = nil
}

// nextFault returns the fault for a request of operation, or nil.
func (h *Handler) nextFault(operation string) *Fault {
	h.fmu.Lock()
	defer h.fmu.Unlock()
	for i, r := range h.failNext {
		if r.op != "" && r.op != operation || operation == "" {
			continue
		}
		r.left--
		if r.left == 0 {
			h.failNext = append(h.failNext[:i], h.failNext[i+1:]...)
		}
		f := r.fault
		return &f
	}
	if h.faultRate > 0 && operation != "" && h.faultRand.Float64() < h.faultRate {
		f := h.faults[h.faultRand.IntN(len(h.faults))]
		return &f
	}
	return nil
}

// sleep waits d unless the request or the Handler ends first; it reports
// whether the whole delay passed.
func (h *Handler) sleep(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
	case <-h.done:
	}
	return false
}

// faultResponse is the answer of a fault that replaces processing.
func faultResponse(k FaultKind) *response {
	switch k {
	case Fault503:
		return errorResponse(&apiError{Status: http.StatusServiceUnavailable, Code: codeUnavailable,
			Message: "Service Unavailable. Please try again later."})
	case FaultThrottle:
		return errorResponse(&apiError{Status: http.StatusTooManyRequests, Code: codeThrottling, Message: "Rate exceeded"})
	}
	return errorResponse(&apiError{Status: http.StatusInternalServerError, Code: codeInternal,
		Message: "We encountered an internal error. Please try again."})
}

// abort closes the connection without an answer: a hijacked TCP connection
// is reset (SO_LINGER 0); otherwise the handler panics with
// http.ErrAbortHandler, which makes net/http drop the connection.
func (h *Handler) abort(w http.ResponseWriter, rec *record) {
	rec.Status = 0
	h.finish(rec)
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			if tc, ok := conn.(*net.TCPConn); ok {
				_ = tc.SetLinger(0)
			}
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// truncate announces the whole body but sends half of it, then drops the
// connection.
func (h *Handler) truncate(w http.ResponseWriter, resp *response) {
	w.Header().Set("Content-Length", strconv.Itoa(len(resp.body)))
	w.WriteHeader(resp.status)
	_, _ = w.Write(resp.body[:len(resp.body)/2])
	if fl, ok := w.(http.Flusher); ok {
		fl.Flush()
	}
	panic(http.ErrAbortHandler)
}
