package conformance

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/mq"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/signer"
)

// The contenders of each benchmark, shared by the benchmarks and by
// TestBenchSetup, which checks that they do equivalent, correct work.

// benchOp is one operation as each contender performs it.
type benchOp struct {
	name  string
	ours  func(context.Context) error
	sdk   func(context.Context) error
	floor *floorRequest
}

// benchOps returns ListBrokers, DescribeBroker and CreateBroker for the
// contenders of bc. Inputs are built once; the SDK writes its idempotency
// token into the caller's input, so that one is cleared before each call.
func benchOps(tb testing.TB, bc *benchClients) []benchOp {
	tb.Helper()
	listIn := &api.ListBrokersInput{MaxResults: benchPageSize}
	sdkListIn := &mq.ListBrokersInput{MaxResults: aws.Int32(benchPageSize)}
	descIn := &api.DescribeBrokerInput{BrokerID: benchBrokerID}
	sdkDescIn := &mq.DescribeBrokerInput{BrokerId: aws.String(benchBrokerID)}
	createIn := createBrokerInput()
	sdkCreateIn := new(mq.CreateBrokerInput)
	convert(reflect.ValueOf(createIn), reflect.ValueOf(sdkCreateIn).Elem())

	return []benchOp{{
		name: "ListBrokers",
		ours: func(ctx context.Context) error {
			out, err := bc.ours.ListBrokers(ctx, listIn)
			if err == nil && (len(out.BrokerSummaries) != benchPageSize || out.NextToken == "") {
				err = errors.New("mqrest: short ListBrokers page")
			}
			return err
		},
		sdk: func(ctx context.Context) error {
			out, err := bc.sdk.ListBrokers(ctx, sdkListIn)
			if err == nil && (len(out.BrokerSummaries) != benchPageSize || out.NextToken == nil) {
				err = errors.New("sdk: short ListBrokers page")
			}
			return err
		},
		floor: captureFloor(tb, bc.url, func(c *client.Client) error { _, err := c.ListBrokers(context.Background(), listIn); return err }),
	}, {
		name: "DescribeBroker",
		ours: func(ctx context.Context) error {
			out, err := bc.ours.DescribeBroker(ctx, descIn)
			if err == nil && len(out.BrokerInstances) != 2 {
				err = errors.New("mqrest: DescribeBroker: no instances")
			}
			return err
		},
		sdk: func(ctx context.Context) error {
			out, err := bc.sdk.DescribeBroker(ctx, sdkDescIn)
			if err == nil && len(out.BrokerInstances) != 2 {
				err = errors.New("sdk: DescribeBroker: no instances")
			}
			return err
		},
		floor: captureFloor(tb, bc.url, func(c *client.Client) error { _, err := c.DescribeBroker(context.Background(), descIn); return err }),
	}, {
		name: "CreateBroker",
		ours: func(ctx context.Context) error {
			out, err := bc.ours.CreateBroker(ctx, createIn)
			if err == nil && out.BrokerID == "" {
				err = errors.New("mqrest: CreateBroker: no broker ID")
			}
			return err
		},
		sdk: func(ctx context.Context) error {
			sdkCreateIn.CreatorRequestId = nil
			out, err := bc.sdk.CreateBroker(ctx, sdkCreateIn)
			if err == nil && out.BrokerId == nil {
				err = errors.New("sdk: CreateBroker: no broker ID")
			}
			return err
		},
		floor: captureFloor(tb, bc.url, func(c *client.Client) error { _, err := c.CreateBroker(context.Background(), createIn); return err }),
	}}
}

// listAllOurs lists every broker with mqrest's iterator and returns how
// many it saw; each is passed to see when it is not nil.
func listAllOurs(ctx context.Context, c *client.Client, see func(api.BrokerSummary)) (int, error) {
	n := 0
	for s, err := range c.ListBrokersAll(ctx, &api.ListBrokersInput{MaxResults: benchPageSize}) {
		if err != nil {
			return n, err
		}
		if see != nil {
			see(s)
		}
		n++
	}
	return n, nil
}

// listAllSDK lists every broker with the SDK's paginator.
func listAllSDK(ctx context.Context, c *mq.Client, see func(string)) (int, error) {
	n := 0
	p := mq.NewListBrokersPaginator(c, &mq.ListBrokersInput{MaxResults: aws.Int32(benchPageSize)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return n, err
		}
		if see != nil {
			for _, s := range out.BrokerSummaries {
				see(aws.ToString(s.BrokerId))
			}
		}
		n += len(out.BrokerSummaries)
	}
	return n, nil
}

// runParallel performs b.N calls of call from g goroutines and reports the
// throughput as ops/s; ns/op is then wall time per call, the inverse.
func runParallel(b *testing.B, g int, call func(context.Context) error) {
	b.ReportAllocs()
	ctx := context.Background()
	var next atomic.Int64
	var failed atomic.Pointer[error]
	var wg sync.WaitGroup
	cpu := startCPU(true)
	b.ResetTimer()
	for range g {
		wg.Go(func() {
			for next.Add(1) <= int64(b.N) {
				if err := call(ctx); err != nil {
					failed.CompareAndSwap(nil, &err)
					next.Store(int64(b.N))
					return
				}
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	if err := failed.Load(); err != nil {
		b.Fatal(*err)
	}
	cpu.report(b)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
}

// cpuClock measures the CPU time the benchmark process, and the server
// process, spend in a benchmark loop.
type cpuClock struct{ self, server int64 }

// startCPU starts measuring; server says whether to measure the server too.
func startCPU(server bool) cpuClock {
	c := cpuClock{self: cpuTime()}
	if server {
		c.server = serverCPU()
	}
	return c
}

// report adds the metrics cpu-ns/op, the benchmark process's CPU time (all
// threads, user and system) per operation, and srv-cpu-ns/op, the server
// process's. With the server in its own process, cpu-ns/op is the client's
// work alone, and unlike ns/op it does not grow when other processes
// compete for the machine.
func (c cpuClock) report(b *testing.B) {
	if b.N == 0 {
		return
	}
	if c.self > 0 {
		b.ReportMetric(float64(cpuTime()-c.self)/float64(b.N), "cpu-ns/op")
	}
	if c.server > 0 {
		b.ReportMetric(float64(serverCPU()-c.server)/float64(b.N), "srv-cpu-ns/op")
	}
}

// The signing fixture: POST /v1/brokers with a 600-byte body, as mqrest
// sends it to the real endpoint, signed at a fixed time.

var benchSignTime = time.Date(2026, 11, 26, 4, 32, 16, 0, time.UTC)

const benchSignHost = "mq." + benchRegion + ".amazonaws.com"

// newSignRequest returns the request to sign, without its body: signers
// get the body (or its hash) separately.
func newSignRequest() *http.Request {
	req, err := http.NewRequest(http.MethodPost, "https://"+benchSignHost+"/v1/brokers", nil)
	if err != nil {
		panic(err)
	}
	req.ContentLength = benchSignBody
	req.Header["Content-Type"] = []string{"application/json"}
	req.Header["User-Agent"] = []string{"mqrest/" + client.Version}
	return req
}

// unsign removes what signing added, so that every iteration signs the
// request as it comes fresh from the client.
func unsign(req *http.Request) {
	delete(req.Header, "Authorization")
	delete(req.Header, "X-Amz-Date")
	delete(req.Header, "X-Amz-Security-Token")
}

// signV4 signs req as the SDK does: the payload hash, then SignHTTP.
func signV4(ctx context.Context, s *v4.Signer, req *http.Request, body []byte) error {
	sum := sha256.Sum256(body)
	return s.SignHTTP(ctx, benchCreds, req, hex.EncodeToString(sum[:]), "mq", benchRegion, benchSignTime)
}

// cryptoFloor is exactly the cryptography a SigV4 signature of the request
// needs, with the derived signing key cached: SHA-256 of the payload, of
// the canonical request and one HMAC-SHA256 of the string to sign, each
// hex-encoded. Building the canonical request is left out: it is prebuilt,
// and only the payload hash is written into it.
type cryptoFloor struct {
	canonical []byte // canonical request; payload hash at the end
	sts       []byte // string to sign; canonical request hash at the end
	mac       hash.Hash
	sum       [sha256.Size]byte
	sig       [2 * sha256.Size]byte
}

func newCryptoFloor() *cryptoFloor {
	date := benchSignTime.Format("20060102T150405Z")
	scope := date[:8] + "/" + benchRegion + "/mq/aws4_request"
	canonical := "POST\n/v1/brokers\n\n" +
		"content-length:" + fmt.Sprint(benchSignBody) + "\n" +
		"content-type:application/json\n" +
		"host:" + benchSignHost + "\n" +
		"x-amz-date:" + date + "\n" +
		"x-amz-security-token:" + benchCreds.SessionToken + "\n\n" +
		"content-length;content-type;host;x-amz-date;x-amz-security-token\n" +
		strings.Repeat("0", 2*sha256.Size)
	sts := "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n" + strings.Repeat("0", 2*sha256.Size)
	key := []byte("AWS4" + benchCreds.SecretAccessKey)
	for _, part := range []string{date[:8], benchRegion, "mq", "aws4_request"} {
		m := hmac.New(sha256.New, key)
		m.Write([]byte(part))
		key = m.Sum(nil)
	}
	return &cryptoFloor{canonical: []byte(canonical), sts: []byte(sts), mac: hmac.New(sha256.New, key)}
}

// sign returns the hex signature of the request with body.
func (f *cryptoFloor) sign(body []byte) []byte {
	f.sum = sha256.Sum256(body)
	hex.Encode(f.canonical[len(f.canonical)-2*sha256.Size:], f.sum[:])
	f.sum = sha256.Sum256(f.canonical)
	hex.Encode(f.sts[len(f.sts)-2*sha256.Size:], f.sum[:])
	f.mac.Reset()
	f.mac.Write(f.sts)
	hex.Encode(f.sig[:], f.mac.Sum(f.sum[:0]))
	return f.sig[:]
}

// newOurSigner returns mqrest's signer with the fixed signing time.
func newOurSigner() *signer.Signer {
	return signer.New(benchCredsProvider(), benchRegion, signer.WithClock(func() time.Time { return benchSignTime }))
}

// signature returns the Signature= part of an Authorization header.
func signature(auth string) string {
	_, sig, _ := strings.Cut(auth, "Signature=")
	return sig
}
