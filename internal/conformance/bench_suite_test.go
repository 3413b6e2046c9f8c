package conformance

import (
	"context"
	"fmt"
	"net/http/httptest"
	"reflect"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/mq"

	"github.com/mqrest/mqrest/api"
)

// The benchmarks of mqrest against the official SDK (aws-sdk-go-v2/service/mq)
// and against floors: bare net/http for a call, the bare cryptography for
// signing. Every contender talks to the same loopback server through the
// same transport. Run them with
//
//	go test -run '^$' -bench . -benchmem -count 10 .
//
// and summarise with go run ./internal/benchreport (see BENCHMARKS.md).

// BenchmarkCall measures one call of each operation, sequentially:
// mqrest, the SDK, and the floor (the same request prebuilt and sent by
// bare net/http, response read fully and not decoded).
func BenchmarkCall(b *testing.B) {
	bc := newBenchClients(b, benchServerURL(b))
	for _, op := range benchOps(b, bc) {
		b.Run(op.name, func(b *testing.B) {
			b.Run("mqrest", func(b *testing.B) { loopCall(b, true, op.ours) })
			b.Run("sdk", func(b *testing.B) { loopCall(b, true, op.sdk) })
			b.Run("floor", func(b *testing.B) {
				loopCall(b, true, func(context.Context) error { return op.floor.send() })
			})
		})
	}
}

// loopCall runs call b.N times, reporting allocations and CPU time, the
// server's too when server is set.
func loopCall(b *testing.B, server bool, call func(context.Context) error) {
	b.ReportAllocs()
	ctx := context.Background()
	cpu := startCPU(server)
	for b.Loop() {
		if err := call(ctx); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}

// BenchmarkSign measures signing POST /v1/brokers with a 600-byte body:
// mqrest's signer (payload hash included), aws/signer/v4 (with the payload
// hash the SDK computes before it), and the crypto floor.
func BenchmarkSign(b *testing.B) {
	body := signBody()
	b.Run("mqrest", func(b *testing.B) {
		s, req := newOurSigner(), newSignRequest()
		loopCall(b, false, func(ctx context.Context) error {
			unsign(req)
			return s.Sign(ctx, req, body)
		})
	})
	b.Run("v4signer", func(b *testing.B) {
		s, req := v4.NewSigner(), newSignRequest()
		loopCall(b, false, func(ctx context.Context) error {
			unsign(req)
			return signV4(ctx, s, req, body)
		})
	})
	b.Run("cryptofloor", func(b *testing.B) {
		f := newCryptoFloor()
		loopCall(b, false, func(context.Context) error {
			f.sign(body)
			return nil
		})
	})
}

// BenchmarkParallel measures DescribeBroker throughput with G goroutines
// calling concurrently (ops/s; ns/op is wall time per call).
func BenchmarkParallel(b *testing.B) {
	bc := newBenchClients(b, benchServerURL(b))
	var describe benchOp
	for _, op := range benchOps(b, bc) {
		if op.name == "DescribeBroker" {
			describe = op
		}
	}
	for _, c := range []struct {
		name string
		call func(context.Context) error
	}{{"mqrest", describe.ours}, {"sdk", describe.sdk}} {
		for _, g := range []int{1, 8, 64} {
			b.Run(fmt.Sprintf("DescribeBroker/%s/G=%d", c.name, g), func(b *testing.B) { runParallel(b, g, c.call) })
		}
	}
}

// BenchmarkListAll measures listing 10,000 brokers in pages of 100: mqrest
// through ListBrokersAll, the SDK through its paginator.
func BenchmarkListAll(b *testing.B) {
	bc := newBenchClients(b, benchServerURL(b))
	b.Run("mqrest", func(b *testing.B) {
		loopCall(b, true, func(ctx context.Context) error {
			if n, err := listAllOurs(ctx, bc.ours, nil); err != nil || n != benchBrokers {
				return fmt.Errorf("mqrest listed %d brokers: %v", n, err)
			}
			return nil
		})
	})
	b.Run("sdk", func(b *testing.B) {
		loopCall(b, true, func(ctx context.Context) error {
			if n, err := listAllSDK(ctx, bc.sdk, nil); err != nil || n != benchBrokers {
				return fmt.Errorf("sdk listed %d brokers: %v", n, err)
			}
			return nil
		})
	})
}

// TestBenchSetup checks that the benchmarks compare like with like: the
// canned responses decode to the same values in both clients, the floors
// get the same answers, all three signers compute the same signature, and
// both clients list the same 10,000 brokers.
func TestBenchSetup(t *testing.T) {
	srv := httptest.NewServer(newBenchServer())
	t.Cleanup(srv.Close)
	bc := newBenchClients(t, srv.URL)
	ctx := t.Context()

	for _, op := range benchOps(t, bc) {
		if err := op.ours(ctx); err != nil {
			t.Errorf("%s mqrest: %v", op.name, err)
		}
		if err := op.sdk(ctx); err != nil {
			t.Errorf("%s sdk: %v", op.name, err)
		}
		if err := op.floor.send(); err != nil {
			t.Errorf("%s floor: %v", op.name, err)
		}
		if err := op.floor.send(); err != nil {
			t.Errorf("%s floor, sent again: %v", op.name, err)
		}
	}

	descOurs, err := bc.ours.DescribeBroker(ctx, &api.DescribeBrokerInput{BrokerID: benchBrokerID})
	if err != nil {
		t.Fatal(err)
	}
	descSDK, err := bc.sdk.DescribeBroker(ctx, &mq.DescribeBrokerInput{BrokerId: aws.String(benchBrokerID)})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := normalize(reflect.ValueOf(descOurs)), normalize(reflect.ValueOf(descSDK)); !reflect.DeepEqual(got, want) {
		t.Errorf("DescribeBroker decodes differently:\nmqrest %v\nsdk    %v", got, want)
	}

	var ours, theirs []string
	if n, err := listAllOurs(ctx, bc.ours, func(s api.BrokerSummary) { ours = append(ours, s.BrokerID) }); err != nil || n != benchBrokers {
		t.Fatalf("mqrest listed %d brokers, %v", n, err)
	}
	if n, err := listAllSDK(ctx, bc.sdk, func(id string) { theirs = append(theirs, id) }); err != nil || n != benchBrokers {
		t.Fatalf("sdk listed %d brokers, %v", n, err)
	}
	if !slices.Equal(ours, theirs) {
		t.Error("the clients listed different brokers")
	}
	if uniq := slices.Compact(slices.Sorted(slices.Values(ours))); len(uniq) != benchBrokers {
		t.Errorf("%d distinct broker IDs, want %d", len(uniq), benchBrokers)
	}

	body := signBody()
	r1, r2 := newSignRequest(), newSignRequest()
	if err := newOurSigner().Sign(ctx, r1, body); err != nil {
		t.Fatal(err)
	}
	if err := signV4(ctx, v4.NewSigner(), r2, body); err != nil {
		t.Fatal(err)
	}
	floor := string(newCryptoFloor().sign(body))
	if a, b := signature(r1.Header.Get("Authorization")), signature(r2.Header.Get("Authorization")); a != b || a != floor {
		t.Errorf("signatures differ: mqrest %s, v4 %s, crypto floor %s", a, b, floor)
	}
	unsign(r1)
	if err := newOurSigner().Sign(ctx, r1, body); err != nil || signature(r1.Header.Get("Authorization")) != floor {
		t.Errorf("re-signing after unsign: %v", err)
	}
}
