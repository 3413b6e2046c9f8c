package mqtest

import (
	"errors"
	"net"
	"net/http"
	"sync"
	"time"
)

// Server is an emulator listening on a loopback port, like
// [net/http/httptest.Server]. Point a client at URL with the credentials of
// a principal ([DefaultPrincipal] unless [WithPrincipals] is given) and the
// Handler's region.
type Server struct {
	// URL is the base URL of the server, "http://127.0.0.1:<port>", set by
	// Start or StartAt.
	URL string
	// Handler is the emulator; its methods (FailNext, Requests, Clock, ...)
	// are the Server's.
	*Handler
	// Listener is the server's listener, set by Start or StartAt.
	Listener net.Listener
	// Config is the http.Server, with timeouts so that a stalled client
	// cannot hold the server; it may be changed before Start.
	Config *http.Server

	tb      TB
	initErr error
	wg      sync.WaitGroup // Serve, in-flight requests and open connections
	mu      sync.Mutex
	started bool
	closed  bool
}

// TB is what the emulator needs of a test: *testing.T, *testing.B and
// *testing.F (any testing.TB) satisfy it. It is an interface of its own so
// that programs embedding the emulator, such as mqctl, do not link package
// testing.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
	Cleanup(func())
}

// NewServer starts an emulator on 127.0.0.1 and closes it when the test
// ends. It fails the test if an option is invalid.
func NewServer(tb TB, opts ...Option) *Server {
	tb.Helper()
	s := NewUnstartedServer(tb, opts...)
	if err := s.Start(); err != nil {
		tb.Fatalf("mqtest: start: %v", err)
	}
	return s
}

// NewUnstartedServer returns an emulator that is not listening yet, so
// Config can be changed before [Server.Start] or [Server.StartAt]. With a
// non-nil tb the server is closed when the test ends and an invalid option
// fails the test; with a nil tb (a program) the caller must call Close, and
// an invalid option is reported by Start.
func NewUnstartedServer(tb TB, opts ...Option) *Server {
	h, err := NewHandlerE(opts...)
	if err != nil && tb != nil {
		tb.Helper()
		tb.Fatalf("%v", err)
	}
	s := &Server{Handler: h, tb: tb, initErr: err}
	s.Config = &http.Server{
		Handler:           http.HandlerFunc(s.serve),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       time.Minute,
	}
	if tb != nil {
		tb.Cleanup(s.Close)
	}
	return s
}

// serve counts in-flight requests so that Close can wait for them.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.wg.Add(1)
	defer s.wg.Done()
	s.Handler.ServeHTTP(w, r)
}

// Start listens on a free loopback port (127.0.0.1:0) and serves.
func (s *Server) Start() error { return s.StartAt("127.0.0.1:0") }

// StartAt listens on addr (host:port, e.g. "127.0.0.1:8080" or ":0") and
// serves. It returns the error of an invalid option, of a server started
// twice, or of the listener.
func (s *Server) StartAt(addr string) error {
	if s.initErr != nil {
		return s.initErr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started {
		return errors.New("mqtest: server already started")
	}
	if s.closed {
		return errors.New("mqtest: server closed")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.started, s.Listener = true, ln
	s.URL = "http://" + ln.Addr().String()
	s.trackConnections()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		_ = s.Config.Serve(ln)
	}()
	return nil
}

// trackConnections counts each connection in wg from its acceptance until
// its goroutine is done with it (closed or hijacked), so that Close also
// waits for connections that finish after their last request, such as one
// lingering before its close after an unread body. A ConnState hook set in
// Config still runs.
func (s *Server) trackConnections() {
	hook := s.Config.ConnState
	s.Config.ConnState = func(c net.Conn, st http.ConnState) {
		switch st {
		case http.StateNew:
			s.wg.Add(1)
		case http.StateClosed, http.StateHijacked:
			s.wg.Done()
		}
		if hook != nil {
			hook(c, st)
		}
	}
}

// Close stops the server: it aborts latency faults in progress, closes the
// listener and every connection (a request still being read or answered is
// cut off), and waits until every handler has returned and every
// connection's goroutine has ended, so no goroutine of the server outlives
// it. It is safe to call more than once.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	started := s.started
	s.mu.Unlock()
	if s.Handler != nil {
		s.Handler.close()
	}
	if started {
		_ = s.Config.Close()
	}
	s.wg.Wait()
}
