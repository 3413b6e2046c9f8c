package conformance

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/mq"

	"github.com/mqrest/mqrest/client"
)

// The loopback server of the benchmarks. It answers from bodies encoded
// once, with their headers prebuilt, so that it costs little and the same
// for every contender.
//
// The benchmarks run it in a child process (the test binary itself, see
// TestMain) so that B/op and allocs/op, which Go measures
// for the whole process, count the client's allocations only, and the
// server's garbage never burdens the client's GC. Tests run it in process.

// benchServer serves the canned responses.
type benchServer struct {
	describe, create, notFound canned
	pages                      []canned       // ListBrokers pages
	tokens                     map[string]int // nextToken, raw and unescaped → page
}

// canned is one prebuilt response.
type canned struct {
	status int
	body   []byte
	length []string // Content-Length
}

var (
	hdrJSON      = []string{"application/json"}
	hdrRequestID = []string{benchRequestID}
)

func newCanned(status int, body []byte) canned {
	return canned{status: status, body: body, length: []string{strconv.Itoa(len(body))}}
}

func newBenchServer() *benchServer {
	s := &benchServer{
		describe: newCanned(http.StatusOK, describeBrokerBody()),
		create:   newCanned(http.StatusOK, createBrokerBody()),
		notFound: newCanned(http.StatusNotFound, []byte(`{"errorAttribute":"path","message":"Not found"}`)),
		tokens:   map[string]int{},
	}
	for p := 0; p*benchPageSize < benchBrokers; p++ {
		s.pages = append(s.pages, newCanned(http.StatusOK, listPage(p)))
		if p > 0 {
			tok := pageToken(p)
			s.tokens[tok] = p
			s.tokens[url.QueryEscape(tok)] = p
			s.tokens[strings.ReplaceAll(url.QueryEscape(tok), "+", "%20")] = p
		}
	}
	return s
}

func (s *benchServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	resp := &s.notFound
	switch path := r.URL.Path; {
	case r.Method == http.MethodGet && path == "/v1/brokers":
		resp = &s.pages[0]
		if tok := queryValue(r.URL.RawQuery, "nextToken"); tok != "" {
			p, ok := s.tokens[tok]
			if !ok {
				if u, err := url.QueryUnescape(tok); err == nil {
					p, ok = s.tokens[u]
				}
			}
			resp = &s.notFound
			if ok {
				resp = &s.pages[p]
			}
		}
	case r.Method == http.MethodGet && strings.HasPrefix(path, "/v1/brokers/"):
		resp = &s.describe
	case r.Method == http.MethodPost && path == "/v1/brokers":
		_, _ = io.Copy(io.Discard, r.Body)
		resp = &s.create
	}
	h := w.Header()
	h["Content-Type"] = hdrJSON
	h["Content-Length"] = resp.length
	h["X-Amzn-Requestid"] = hdrRequestID
	w.WriteHeader(resp.status)
	_, _ = w.Write(resp.body)
}

// queryValue returns the raw (still escaped) value of key in the query.
func queryValue(query, key string) string {
	for query != "" {
		var kv string
		kv, query, _ = strings.Cut(query, "&")
		if k, v, _ := strings.Cut(kv, "="); k == key {
			return v
		}
	}
	return ""
}

// benchServerEnv makes the test binary a benchmark server (see
// TestMain).
const benchServerEnv = "MQREST_BENCH_SERVER"

// TestMain runs the tests, or, when the benchmarks start this binary as a
// child process with MQREST_BENCH_SERVER=1, the benchmark server instead.
func TestMain(m *testing.M) {
	if os.Getenv(benchServerEnv) == "1" {
		serveBenchProcess()
	}
	os.Exit(m.Run())
}

// serveBenchProcess serves the canned responses on loopback, prints the
// URL, answers each line on its standard input with the CPU time it has
// used ("CPU <ns>"), and exits when its standard input closes, which
// happens when the benchmark process exits.
func serveBenchProcess() {
	srv := httptest.NewServer(newBenchServer())
	fmt.Printf("BENCHSERVER %s\n", srv.URL)
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		fmt.Printf("CPU %d\n", cpuTime())
	}
	srv.Close()
	os.Exit(0)
}

var (
	benchURLOnce sync.Once
	benchURL     string
	benchURLErr  error
	// benchChild and its pipes stay referenced for the life of the
	// process: were the stdin pipe collected, its finalizer would close it
	// and the server would exit.
	benchChild       *exec.Cmd
	benchChildStdin  io.WriteCloser
	benchChildStdout *bufio.Scanner
	benchChildMu     sync.Mutex
)

// serverCPU returns the CPU time the server process has used, in
// nanoseconds, or 0 when the server runs in process or cannot tell.
func serverCPU() int64 {
	benchChildMu.Lock()
	defer benchChildMu.Unlock()
	if benchChildStdout == nil {
		return 0
	}
	if _, err := io.WriteString(benchChildStdin, "\n"); err != nil || !benchChildStdout.Scan() {
		return 0
	}
	n, _ := strconv.ParseInt(strings.TrimPrefix(benchChildStdout.Text(), "CPU "), 10, 64)
	return n
}

// benchServerURL starts the child server process once per benchmark run
// and returns its URL. MQREST_BENCH_INPROCESS=1 serves in process instead.
func benchServerURL(tb testing.TB) string {
	tb.Helper()
	benchURLOnce.Do(func() {
		if os.Getenv("MQREST_BENCH_INPROCESS") == "1" {
			benchURL = httptest.NewServer(newBenchServer()).URL
			return
		}
		benchURL, benchURLErr = startServerProcess()
	})
	if benchURLErr != nil {
		tb.Fatal(benchURLErr)
	}
	return benchURL
}

func startServerProcess() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	cmd := exec.Command(exe, "-test.run=^$", "-test.count=1", "-test.timeout=0")
	cmd.Env = append(os.Environ(), benchServerEnv+"=1")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe() // never closed: the child exits with us
	if err != nil {
		return "", err
	}
	benchChild, benchChildStdin = cmd, stdin
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	if err := cmd.Start(); err != nil {
		return "", err
	}
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if u, ok := strings.CutPrefix(sc.Text(), "BENCHSERVER "); ok {
			benchChildStdout = sc
			return u, nil
		}
	}
	_ = cmd.Process.Kill()
	return "", fmt.Errorf("benchmark server process: no URL (%v)", sc.Err())
}

// benchTransport is the one transport every contender sends with, tuned
// like mqrest's default: keep-alive, 64 idle connections per host.
var benchTransport = &http.Transport{
	DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
	MaxIdleConns:          256,
	MaxIdleConnsPerHost:   64,
	IdleConnTimeout:       90 * time.Second,
	ExpectContinueTimeout: time.Second,
	ResponseHeaderTimeout: 60 * time.Second,
}

// benchHTTP is the HTTP client of every contender.
var benchHTTP = &http.Client{Transport: benchTransport}

// benchClients are the contenders, all talking to the same server through
// the same transport.
type benchClients struct {
	url  string
	ours *client.Client
	sdk  *mq.Client
}

func newBenchClients(tb testing.TB, serverURL string) *benchClients {
	tb.Helper()
	ours, err := client.New(context.Background(), client.WithRegion(benchRegion), client.WithCredentials(benchCredsProvider()),
		client.WithEndpoint(serverURL), client.WithMaxAttempts(1), client.WithHTTPClient(benchHTTP))
	if err != nil {
		tb.Fatal(err)
	}
	sdk := mq.New(mq.Options{Region: benchRegion, BaseEndpoint: aws.String(serverURL), Credentials: benchCredsProvider(),
		RetryMaxAttempts: 1, HTTPClient: benchHTTP})
	return &benchClients{url: serverURL, ours: ours, sdk: sdk}
}

// floorRequest is a request captured from mqrest, ready to be sent again
// and again by bare net/http: same method, URL, headers and body, with no
// signing and no JSON.
type floorRequest struct {
	req  *http.Request
	body []byte
	rb   *replayBody
}

// replayBody is a request body that can be rewound without allocating.
type replayBody struct{ bytes.Reader }

// Close implements io.Closer.
func (*replayBody) Close() error { return nil }

// send sends the request and reads the response fully.
func (f *floorRequest) send() error {
	if f.body != nil {
		f.rb.Reset(f.body)
		f.req.Body = f.rb
	}
	resp, err := benchHTTP.Do(f.req)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("floor: status %d", resp.StatusCode)
	}
	return err
}

// captureTransport records the last request that a client sends.
type captureTransport struct {
	mu   sync.Mutex
	req  *http.Request
	body []byte
}

func (c *captureTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	c.mu.Lock()
	c.req, c.body = req.Clone(context.Background()), body
	c.mu.Unlock()
	return benchTransport.RoundTrip(req)
}

// captureFloor runs call with an mqrest client whose requests are recorded
// and returns the last one as a floorRequest.
func captureFloor(tb testing.TB, serverURL string, call func(*client.Client) error) *floorRequest {
	tb.Helper()
	ct := &captureTransport{}
	c, err := client.New(context.Background(), client.WithRegion(benchRegion), client.WithCredentials(benchCredsProvider()),
		client.WithEndpoint(serverURL), client.WithMaxAttempts(1), client.WithHTTPClient(&http.Client{Transport: ct}))
	if err != nil {
		tb.Fatal(err)
	}
	if err := call(c); err != nil {
		tb.Fatal(err)
	}
	req := ct.req
	req.Body, req.GetBody = nil, nil
	f := &floorRequest{req: req, rb: &replayBody{}}
	if len(ct.body) > 0 {
		f.body = ct.body
		req.ContentLength = int64(len(ct.body))
	}
	return f
}
