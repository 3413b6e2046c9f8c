package mqtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mqrest/mqrest/api"
)

// Handler is the emulator as an [http.Handler], to mount in a server of your
// own; [Server] wraps one in a loopback HTTP server. It is safe for
// concurrent use.
//
// Each request goes through these steps, and the first that fails answers:
//
//  1. routing by an [http.ServeMux] on each operation's
//     [api.Operation.Pattern] (404 UnknownOperationException for any other
//     method or path);
//  2. reading the body (413 PayloadTooLargeException);
//  3. fault injection ([Handler.FailNext], [Handler.SetFaultRate]);
//  4. authentication: the SigV4 signature, the region and service of its
//     scope, and the session token's expiry (403);
//  5. decoding ([api.Operation.DecodeHTTPRequest]) and validation
//     ([api.Operation.ValidateStrict]) of the input (400
//     BadRequestException);
//  6. authorization of every IAM action the request needs (403
//     AccessDeniedException);
//  7. the operation itself, the method of the generated [Service], where a
//     missing resource is a 404 and a resource in the wrong state a 409.
type Handler struct {
	cfg       config
	clock     *Clock
	mux       *http.ServeMux
	log       *slog.Logger
	partition string

	mu     sync.Mutex // guards st, store and closed
	st     *state
	store  *store // the state file, or nil
	closed bool   // by Close: changes fail

	pmu        sync.RWMutex
	principals map[string]*compiled // by access key ID

	rmu  sync.Mutex
	reqs requestRing

	fmu       sync.Mutex
	failNext  []*failRule
	faultRate float64
	faults    []Fault
	faultRand *rand.Rand

	ridMu   sync.Mutex
	ridRand *rand.Rand

	done      chan struct{} // closed by close: aborts latency sleeps
	closeOnce sync.Once

	eng *engines // WithEngines (engines.go); nil without
}

// NewHandler returns a new emulator. It panics if an option is invalid (a
// bad principal policy, an unreadable state file); use [NewHandlerE] to get
// the error instead.
func NewHandler(opts ...Option) *Handler {
	h, err := NewHandlerE(opts...)
	if err != nil {
		panic(err)
	}
	return h
}

// NewHandlerE returns a new emulator, or an error when a principal's policy
// does not parse or the state file ([WithStateFile]) cannot be read, is
// corrupt or is in use by another Handler or process.
func NewHandlerE(opts ...Option) (*Handler, error) {
	cfg := newConfig(opts)
	seed := uint64(cfg.seed)
	if !cfg.seeded {
		seed = rand.Uint64()
	}
	h := &Handler{
		cfg:        cfg,
		clock:      cfg.clock,
		log:        cfg.logger,
		partition:  api.PartitionOf(cfg.region).Name,
		st:         newState(seed),
		principals: map[string]*compiled{},
		reqs:       newRequestRing(cfg.requestLog),
		faultRand:  rand.New(rand.NewPCG(seed, 0x6d71746573742d66)),
		ridRand:    rand.New(rand.NewPCG(seed, 0x6d71746573742d72)),
		done:       make(chan struct{}),
	}
	h.mux = h.newMux()
	ps := cfg.principals
	if !cfg.principalsSet {
		ps = []Principal{defaultPrincipalFor(h.partition, cfg.account)}
	}
	for i, p := range ps {
		c, err := compilePrincipal(p)
		if err != nil {
			return nil, fmt.Errorf("mqtest: principals[%d]: %w", i, err)
		}
		if _, dup := h.principals[p.AccessKeyID]; dup {
			return nil, fmt.Errorf("mqtest: principals[%d] (%s): access key %s is used twice", i, p.ARN, p.AccessKeyID)
		}
		h.principals[p.AccessKeyID] = c
	}
	if cfg.stateFile != "" {
		if err := h.load(cfg.stateFile); err != nil {
			return nil, err
		}
	}
	if err := h.openEngines(); err != nil {
		_ = h.closeStore() // release the state file's lock
		return nil, err
	}
	return h, nil
}

// Clock returns the emulator's clock.
func (h *Handler) Clock() *Clock { return h.clock }

// close aborts latency faults in progress, stops the engines and releases
// the state file. It is idempotent, and stops the engines even after
// [Handler.Close], which shares closeOnce.
func (h *Handler) close() {
	h.closeOnce.Do(func() { close(h.done) })
	h.closeEngines()
	_ = h.closeStore()
}

// call is one request on its way through the pipeline.
type call struct {
	h         *Handler
	op        *api.Operation
	in        any
	now       time.Time
	principal *compiled
	query     map[string][]string
	changed   bool // the operation changed the state
}

// callKey is the context key of the *call a Service method serves.
type callKey struct{}

// callOf returns the call that ctx, the context the pipeline passes to a
// Service method, carries.
func callOf(ctx context.Context) *call { return ctx.Value(callKey{}).(*call) }

// service implements the generated Service: its methods (in brokers.go,
// configurations.go, users.go, tags.go, catalog.go and shared.go) run under
// Handler.mu on the call in their context. Each returns the output to
// encode (ignored for 204 operations) or an error, usually an *apiError.
type service struct{}

var _ Service = service{}

// newMux routes every operation of the Service to the pipeline, and every
// other request to it as an unknown operation: the catch-all "/" matches
// any method, so the mux never answers 405 on its own.
func (h *Handler) newMux() *http.ServeMux {
	mux := http.NewServeMux()
	registerService(mux, service{}, h.operationHandler)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { h.serve(w, r, nil, nil) })
	return mux
}

// operationHandler is the handler of one operation, which invoke runs.
func (h *Handler) operationHandler(op *api.Operation, invoke invoker) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != op.Method { // a GET pattern matches HEAD too
			h.serve(w, r, nil, nil)
			return
		}
		h.serve(w, r, op, invoke)
	})
}

// response is what the pipeline answers before it is written.
type response struct {
	status int
	body   []byte // nil: no body
	code   string // X-Amzn-ErrorType, errors only
}

// ServeHTTP serves one Amazon MQ API request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodConnect && !isCleanPath(r.URL.EscapedPath()) {
		// The mux would redirect to the cleaned path; no operation has
		// one of these paths ("//", "." or ".." segments), so none matches.
		h.serve(w, r, nil, nil)
		return
	}
	h.mux.ServeHTTP(w, r)
}

// serve runs the pipeline for a request that the mux routed to op (nil:
// to no operation), which invoke runs.
func (h *Handler) serve(w http.ResponseWriter, r *http.Request, op *api.Operation, invoke invoker) {
	now := h.clock.Now()
	rec := &record{Request: Request{
		Time:   now,
		Method: r.Method,
		Path:   r.URL.EscapedPath(),
		Query:  r.URL.Query(),
	}}
	if h.cfg.requestLog > 0 { // else the log keeps nothing: no copy to redact
		rec.Header = redactHeader(r.Header, r.Host)
	}
	defer h.finish(rec)
	reqID := h.requestID()

	if op != nil {
		rec.Operation = op.Name
	}
	body, resp := h.readBody(w, r)
	if resp == nil && op == nil {
		resp = h.unknownOperation(r, rec.Path)
	}
	var f *Fault
	if resp == nil {
		f = h.nextFault(rec.Operation)
	}
	if f != nil {
		if !h.sleep(r, f.Latency) {
			h.abort(w, rec)
			return
		}
		switch f.Kind {
		case FaultReset:
			h.abort(w, rec)
			return
		case Fault500, Fault503, FaultThrottle:
			resp = faultResponse(f.Kind)
		}
	}
	if resp == nil {
		resp = h.process(r, op, invoke, body, now, rec)
	}
	h.write(w, rec, reqID, resp, f)
}

// process authenticates, decodes, validates, authorizes and runs a routed
// request.
func (h *Handler) process(r *http.Request, op *api.Operation, invoke invoker, body []byte, now time.Time, rec *record) *response {
	p, aerr := h.authenticate(r, body, now)
	if p != nil {
		rec.Principal, rec.AccessKeyID = p.p.ARN, p.p.AccessKeyID
	}
	if aerr != nil {
		return errorResponse(aerr)
	}
	in, err := op.DecodeHTTPRequest(r, body)
	if err != nil {
		return errorResponse(decodeError(err))
	}
	if err := op.ValidateStrict(in); err != nil {
		return errorResponse(validationError(err))
	}
	// Stored times (Created, revision dates) have AWS's millisecond precision.
	c := &call{h: h, op: op, in: in, now: now.UTC().Truncate(time.Millisecond), principal: p, query: rec.Query}

	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed && h.store != nil {
		// Its state file is released: nothing could be saved.
		return errorResponse(&apiError{Status: http.StatusInternalServerError, Code: codeInternal, Message: "mqtest: " + errStoreClosed.Error()})
	}
	if h.st.settle(c.now) {
		c.changed = true
	}
	var out any
	err = h.authorize(c, r)
	if err == nil {
		// Authenticated and authorized: the only requests whose body is
		// logged (when the log keeps requests at all).
		if h.cfg.requestLog > 0 {
			rec.Body = redactBody(op, body)
		}
		out, err = invoke(context.WithValue(r.Context(), callKey{}, c), in)
	}
	if err == nil {
		h.syncEngines(c, out) // engines.go: before the commit, which saves what it changes
	}
	// Acknowledged only once durable; a change that cannot be saved is
	// undone (commitLocked).
	if serr := h.commitLocked(c.changed); serr != nil {
		h.log.Error("mqtest: saving state", "file", h.cfg.stateFile, "err", serr)
		return errorResponse(&apiError{Status: http.StatusInternalServerError, Code: codeInternal,
			Message: "mqtest could not save its state file, so the change was not made: " + serr.Error()})
	}
	if err != nil {
		return errorResponse(err)
	}
	if op.Status == http.StatusNoContent {
		return &response{status: op.Status}
	}
	b, merr := op.EncodeOutput(out)
	if merr != nil {
		return errorResponse(merr)
	}
	return &response{status: op.Status, body: b}
}

// redactBody is the request body as the log keeps it: with the model's
// sensitive members redacted ([api.Operation.RedactBody]). A body that is
// not the operation's JSON input, or that routed to no operation, may hold
// a secret that cannot be found, so it is logged as "<redacted>".
func redactBody(op *api.Operation, body []byte) []byte {
	if len(body) == 0 {
		return body
	}
	if op != nil {
		if b, ok := op.RedactBody(body); ok {
			return b
		}
	}
	return []byte(api.Redacted)
}

// isCleanPath reports whether the mux takes an escaped path as it is, as
// net/http's cleanPath decides: rooted, without empty, "." or ".."
// segments (a trailing slash is kept).
func isCleanPath(p string) bool {
	if p == "" || p[0] != '/' {
		return false
	}
	np := path.Clean(p)
	if p[len(p)-1] == '/' && np != "/" {
		np += "/"
	}
	return np == p
}

// readBody reads the request body, up to the limit.
func (h *Handler) readBody(w http.ResponseWriter, r *http.Request) ([]byte, *response) {
	if r.Body == nil {
		return nil, nil
	}
	tooLarge := func() *response {
		return errorResponse(&apiError{Status: http.StatusRequestEntityTooLarge, Code: codeTooLarge,
			Message: fmt.Sprintf("Request body is too large: the limit is %d bytes.", h.cfg.maxBody)})
	}
	if r.ContentLength > h.cfg.maxBody {
		return nil, tooLarge()
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.cfg.maxBody))
	if err != nil {
		if _, ok := asError[*http.MaxBytesError](err); ok {
			return nil, tooLarge()
		}
		return nil, errorResponse(badRequest("body", "The request body could not be read: %v", err))
	}
	return body, nil
}

// unknownOperation is the 404 of a request no operation serves; when the
// path is an operation's with another method, the message lists the
// methods the path supports, as the mux routes them.
func (h *Handler) unknownOperation(r *http.Request, path string) *response {
	msg := "No operation matches " + r.Method + " " + path + "."
	var allowed []string
	if isCleanPath(r.URL.EscapedPath()) {
		for _, m := range operationMethods() {
			probe := r.WithContext(r.Context())
			probe.Method = m
			if _, pattern := h.mux.Handler(probe); pattern != "/" && pattern != "" {
				allowed = append(allowed, m)
			}
		}
	}
	if len(allowed) > 0 {
		msg = "No operation matches " + r.Method + " " + path + "; the path supports " + strings.Join(allowed, ", ") + "."
	}
	return errorResponse(&apiError{Status: http.StatusNotFound, Code: codeUnknownOp, Message: msg})
}

// operationMethods returns the HTTP methods of the operations, sorted.
var operationMethods = sync.OnceValue(func() []string {
	var ms []string
	for _, op := range api.Operations {
		ms = append(ms, op.Method)
	}
	slices.Sort(ms)
	return slices.Compact(ms)
})

// decodeError turns a DecodeRequest failure into a 400.
func decodeError(err error) *apiError {
	if ve, ok := asError[*api.ValidationError](err); ok && len(ve.Problems) > 0 {
		p := ve.Problems[0]
		attr := p.Member
		if attr == "" {
			attr = "body"
		}
		if strings.HasPrefix(p.Reason, "invalid JSON") {
			return badRequest(attr, "The request failed because the body is not valid JSON: %s", shortText(strings.TrimPrefix(p.Reason, "invalid JSON: ")))
		}
		return badRequest(attr, "The request failed because [%s] %s.", attr, p.Reason)
	}
	return badRequest("body", "The request could not be decoded: %s", shortText(err.Error()))
}

// validationError turns the first problem of an api.ValidationError into a 400.
func validationError(err error) *apiError {
	ve, ok := asError[*api.ValidationError](err)
	if !ok || len(ve.Problems) == 0 {
		return badRequest("", "The request failed validation: %v", err)
	}
	p := ve.Problems[0]
	if p.Reason == "required" {
		return required(p.Member)
	}
	return badRequest(p.Member, "The request failed because [%s] %s.", p.Member, p.Reason)
}

func errorResponse(err error) *response {
	ae, ok := asError[*apiError](err)
	if !ok {
		ae = &apiError{Status: http.StatusInternalServerError, Code: codeInternal, Message: "mqtest: " + err.Error()}
	}
	b, _ := json.Marshal(errorBody{ErrorAttribute: ae.Attribute, Message: ae.Message})
	return &response{status: ae.Status, body: b, code: ae.Code}
}

// write sends resp with the headers every response has; a truncate fault
// cuts the body short after the full Content-Length was announced.
func (h *Handler) write(w http.ResponseWriter, rec *record, reqID string, resp *response, f *Fault) {
	hdr := w.Header()
	hdr.Set("X-Amzn-RequestId", reqID)
	hdr.Set("Date", h.clock.Now().UTC().Format(http.TimeFormat))
	hdr.Set("Content-Type", "application/json")
	if resp.code != "" {
		hdr.Set("X-Amzn-ErrorType", resp.code)
	}
	rec.Status = resp.status
	h.log.Info("mqtest request", "operation", rec.Operation, "method", rec.Method, "path", rec.Path,
		"status", resp.status, "principal", rec.Principal, "requestId", reqID)
	if f != nil && f.Kind == FaultTruncate {
		if resp.status == http.StatusNoContent {
			// A 204 has no body to cut: announce one on a 200 instead.
			resp = &response{status: http.StatusOK, body: []byte("{}")}
			rec.Status = resp.status
		}
		h.finish(rec)
		h.truncate(w, resp)
		return
	}
	if f != nil && f.Kind == FaultResetAfter {
		h.abort(w, rec)
		return
	}
	if resp.status != http.StatusNoContent {
		hdr.Set("Content-Length", fmt.Sprint(len(resp.body)))
	}
	h.finish(rec) // before the client can see the answer
	w.WriteHeader(resp.status)
	if resp.status != http.StatusNoContent {
		_, _ = w.Write(resp.body)
	}
}
