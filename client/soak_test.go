package client_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"go.uber.org/goleak"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/mqtest"
)

// Soak parameters. The number of operations comes from MQREST_SOAK_OPS
// (`make soak` runs 20000); the default keeps `make test` fast.
const (
	soakDefaultOps  = 400
	soakGoroutines  = 16
	soakFaultRate   = 0.2
	soakSeed        = 20261126
	soakMaxAttempts = 4
	soakOpTimeout   = 30 * time.Second
)

// soakFaults are the faults the soak injects, equally likely: answers
// instead of processing (500, 503, 429, a reset), losses after processing
// (a reset, a truncated body) and latency.
var soakFaults = []mqtest.Fault{
	{Kind: mqtest.Fault500}, {Kind: mqtest.Fault503}, {Kind: mqtest.FaultThrottle},
	{Kind: mqtest.FaultReset}, {Kind: mqtest.FaultResetAfter}, {Kind: mqtest.FaultTruncate},
	{Kind: mqtest.FaultLatency, Latency: 3 * time.Millisecond},
}

// TestSoak runs a mixed workload from 16 goroutines against the emulator
// injecting 20% faults, then checks that every operation ended in success or
// a classified error, that no broker, configuration, user or revision was
// created twice, that every acknowledged write is on the server, that
// nothing panicked and that no goroutine outlives the run. It prints one
// summary line.
func TestSoak(t *testing.T) {
	total := soakOpsFromEnv(t)
	baseline := goleak.IgnoreCurrent()

	srv := mqtest.NewServer(t, mqtest.WithBrokerCreateDelay(0), mqtest.WithSeed(soakSeed))
	c := clientFor(t, srv, mqtest.DefaultPrincipal(), client.WithRetryer(fastRetryer(soakMaxAttempts)))
	srv.SetFaultRate(soakFaultRate, soakFaults...)

	st := newSoakState()
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for g := range soakGoroutines {
		w := &soakWorker{c: c, st: st, rng: rand.New(rand.NewPCG(soakSeed, uint64(g)))}
		wg.Go(func() {
			for {
				i := next.Add(1)
				if i > int64(total) {
					return
				}
				w.step(t.Context(), int(i))
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)

	srv.SetFaultRate(0)
	duplicates, lost := st.audit(t, c, srv)
	srv.Close()
	leaked := 0
	if err := goleak.Find(baseline); err != nil {
		leaked = max(1, strings.Count(err.Error(), "on top of the stack"))
		t.Errorf("leaked goroutines: %v", err)
	}

	st.report(t, elapsed)
	fmt.Printf("soak: ops=%d ok=%d errors=%d duplicates=%d lost=%d panics=%d leaked=%d\n",
		total, st.ok.Load(), st.errors.Load(), duplicates, lost, st.panics.Load(), leaked)
	if n := st.unclassified.Load(); n > 0 {
		t.Errorf("%d errors of no client error type", n)
	}
	if duplicates != 0 || lost != 0 || st.panics.Load() != 0 || leaked != 0 {
		t.Errorf("duplicates=%d lost=%d panics=%d leaked=%d, want 0", duplicates, lost, st.panics.Load(), leaked)
	}
	if got := st.ok.Load() + st.errors.Load() + st.panics.Load(); got != int64(total) {
		t.Errorf("%d operations accounted for, want %d", got, total)
	}
}

// soakOpsFromEnv returns MQREST_SOAK_OPS, or the default.
func soakOpsFromEnv(t *testing.T) int {
	v := os.Getenv("MQREST_SOAK_OPS")
	if v == "" {
		return soakDefaultOps
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("MQREST_SOAK_OPS=%q: want a positive number", v)
	}
	return n
}

// soakWorker is one goroutine of the soak.
type soakWorker struct {
	c   *client.Client
	st  *soakState
	rng *rand.Rand
}

// soakOp is one kind of operation of the workload, with its share.
type soakOp struct {
	name   string
	weight int
	run    func(w *soakWorker, ctx context.Context, i int) error
}

// soakOps is the workload mix. Operations that need a resource fall back to
// creating one while there is none.
var soakOps = []soakOp{
	{"CreateConfiguration", 7, (*soakWorker).createConfiguration},
	{"DescribeConfiguration", 5, (*soakWorker).describeConfiguration},
	{"UpdateConfiguration", 6, (*soakWorker).updateConfiguration},
	{"DeleteConfiguration", 3, (*soakWorker).deleteConfiguration},
	{"ListConfigurationsAll", 3, (*soakWorker).listConfigurations},
	{"ListConfigurationRevisionsAll", 2, (*soakWorker).listRevisions},
	{"CreateBroker", 8, (*soakWorker).createBroker},
	{"DescribeBroker", 7, (*soakWorker).describeBroker},
	{"ListBrokersAll", 3, (*soakWorker).listBrokers},
	{"RebootBroker", 4, (*soakWorker).rebootBroker},
	{"UpdateBroker", 3, (*soakWorker).updateBroker},
	{"DeleteBroker", 3, (*soakWorker).deleteBroker},
	{"CreateUser", 6, (*soakWorker).createUser},
	{"ListUsersAll", 3, (*soakWorker).listUsers},
	{"DescribeUser", 3, (*soakWorker).describeUser},
	{"CreateTags", 5, (*soakWorker).createTags},
	{"ListTags", 4, (*soakWorker).listTags},
	{"DeleteTags", 2, (*soakWorker).deleteTags},
	{"DescribeBrokerEngineTypesAll", 1, (*soakWorker).engineTypes},
	{"DescribeBrokerInstanceOptionsAll", 1, (*soakWorker).instanceOptions},
}

var soakWeights = func() int {
	n := 0
	for _, op := range soakOps {
		n += op.weight
	}
	return n
}()

// step runs operation number i, recovering and counting a panic.
func (w *soakWorker) step(parent context.Context, i int) {
	r := w.rng.IntN(soakWeights)
	op := soakOps[0]
	for _, o := range soakOps {
		if r < o.weight {
			op = o
			break
		}
		r -= o.weight
	}
	defer func() {
		if p := recover(); p != nil {
			w.st.panics.Add(1)
			w.st.note("panic in %s: %v\n%s", op.name, p, debug.Stack())
		}
	}()
	ctx, cancel := context.WithTimeout(parent, soakOpTimeout)
	defer cancel()
	w.st.tally(op.name, op.run(w, ctx, i))
}

func (w *soakWorker) createConfiguration(ctx context.Context, i int) error {
	in := &api.CreateConfigurationInput{Name: fmt.Sprintf("soak-c-%d", i), EngineType: api.EngineTypeActivemq}
	if w.rng.IntN(2) == 0 {
		in.Tags = map[string]string{"soak": strconv.Itoa(i)}
	}
	out, err := w.c.CreateConfiguration(ctx, in)
	if err == nil {
		w.st.addConfig(out.ID, in.Name)
	}
	return err
}

func (w *soakWorker) describeConfiguration(ctx context.Context, i int) error {
	id, _ := w.st.pickConfig(w.rng)
	if id == "" {
		return w.createConfiguration(ctx, i)
	}
	_, err := w.c.DescribeConfiguration(ctx, &api.DescribeConfigurationInput{ConfigurationID: id})
	return err
}

// soakXML is a well-formed ActiveMQ configuration.
var soakXML = base64.StdEncoding.EncodeToString([]byte(`<broker xmlns="http://activemq.apache.org/schema/core"/>`))

func (w *soakWorker) updateConfiguration(ctx context.Context, i int) error {
	id, cfg := w.st.pickConfig(w.rng)
	if id == "" {
		return w.createConfiguration(ctx, i)
	}
	w.st.update(func() { cfg.updates++ })
	_, err := w.c.UpdateConfiguration(ctx, &api.UpdateConfigurationInput{ConfigurationID: id, Data: soakXML,
		Description: "soak " + strconv.Itoa(i)})
	if err == nil {
		w.st.update(func() { cfg.acked++ })
	}
	return err
}

func (w *soakWorker) deleteConfiguration(ctx context.Context, i int) error {
	id, cfg := w.st.takeConfig(w.rng)
	if id == "" {
		return w.createConfiguration(ctx, i)
	}
	_, err := w.c.DeleteConfiguration(ctx, &api.DeleteConfigurationInput{ConfigurationID: id})
	if err == nil {
		w.st.update(func() { cfg.deleted = true })
	}
	return err
}

func (w *soakWorker) listConfigurations(ctx context.Context, _ int) error {
	return drain(w.c.ListConfigurationsAll(ctx, &api.ListConfigurationsInput{MaxResults: 25}))
}

func (w *soakWorker) listRevisions(ctx context.Context, i int) error {
	id, _ := w.st.pickConfig(w.rng)
	if id == "" {
		return w.createConfiguration(ctx, i)
	}
	return drain(w.c.ListConfigurationRevisionsAll(ctx, &api.ListConfigurationRevisionsInput{ConfigurationID: id, MaxResults: 5}))
}

func (w *soakWorker) createBroker(ctx context.Context, i int) error {
	in := &api.CreateBrokerInput{
		BrokerName: fmt.Sprintf("soak-b-%d", i), EngineType: api.EngineTypeActivemq,
		DeploymentMode: api.DeploymentModeSingleInstance, HostInstanceType: "mq.t3.micro",
		PubliclyAccessible: aws.Bool(false),
		Users:              []api.User{{Username: fmt.Sprintf("admin-%d", i), Password: "soak-Passw0rd-" + strconv.Itoa(i)}},
	}
	if w.rng.IntN(2) == 0 {
		in.Tags = map[string]string{"created-by": "soak", "op": strconv.Itoa(i)}
	}
	out, err := w.c.CreateBroker(ctx, in)
	switch {
	case err == nil:
		w.st.addBroker(out.BrokerID, out.BrokerARN, in)
	case errors.Is(err, client.ErrConflict):
		// Each logical create has its own name: a conflict means a repeat
		// of a request the service had already processed.
		w.st.duplicate("CreateBroker %s: %v", in.BrokerName, err)
	}
	return err
}

func (w *soakWorker) describeBroker(ctx context.Context, i int) error {
	id, _ := w.st.pickBroker(w.rng)
	if id == "" {
		return w.createBroker(ctx, i)
	}
	_, err := w.c.DescribeBroker(ctx, &api.DescribeBrokerInput{BrokerID: id})
	return err
}

func (w *soakWorker) listBrokers(ctx context.Context, _ int) error {
	return drain(w.c.ListBrokersAll(ctx, &api.ListBrokersInput{MaxResults: 25}))
}

func (w *soakWorker) rebootBroker(ctx context.Context, i int) error {
	id, _ := w.st.pickBroker(w.rng)
	if id == "" {
		return w.createBroker(ctx, i)
	}
	_, err := w.c.RebootBroker(ctx, &api.RebootBrokerInput{BrokerID: id})
	return err
}

func (w *soakWorker) updateBroker(ctx context.Context, i int) error {
	id, _ := w.st.pickBroker(w.rng)
	if id == "" {
		return w.createBroker(ctx, i)
	}
	_, err := w.c.UpdateBroker(ctx, &api.UpdateBrokerInput{BrokerID: id, AutoMinorVersionUpgrade: aws.Bool(true), // must stay true on 5.18+
		MaintenanceWindowStartTime: &api.WeeklyStartTime{DayOfWeek: api.DayOfWeekMonday, TimeOfDay: fmt.Sprintf("%02d:00", i%24), TimeZone: "UTC"}})
	return err
}

func (w *soakWorker) deleteBroker(ctx context.Context, i int) error {
	id, b := w.st.takeBroker(w.rng)
	if id == "" {
		return w.createBroker(ctx, i)
	}
	_, err := w.c.DeleteBroker(ctx, &api.DeleteBrokerInput{BrokerID: id})
	if err == nil {
		w.st.update(func() { b.deleted = true })
	}
	return err
}

func (w *soakWorker) createUser(ctx context.Context, i int) error {
	id, b := w.st.pickBroker(w.rng)
	if id == "" {
		return w.createBroker(ctx, i)
	}
	name := fmt.Sprintf("user-%d", i)
	_, err := w.c.CreateUser(ctx, &api.CreateUserInput{BrokerID: id, Username: name,
		Password: "soak-user-Passw0rd-" + strconv.Itoa(i), Groups: []string{"soak"}})
	switch {
	case err == nil:
		w.st.update(func() { b.users = append(b.users, name) })
	case errors.Is(err, client.ErrConflict) && !strings.Contains(err.Error(), "RUNNING"):
		w.st.duplicate("CreateUser %s on %s: %v", name, id, err)
	}
	return err
}

func (w *soakWorker) listUsers(ctx context.Context, i int) error {
	id, _ := w.st.pickBroker(w.rng)
	if id == "" {
		return w.createBroker(ctx, i)
	}
	return drain(w.c.ListUsersAll(ctx, &api.ListUsersInput{BrokerID: id, MaxResults: 5}))
}

func (w *soakWorker) describeUser(ctx context.Context, i int) error {
	id, b := w.st.pickBroker(w.rng)
	if id == "" {
		return w.createBroker(ctx, i)
	}
	var user string
	w.st.update(func() { user = b.users[w.rng.IntN(len(b.users))] })
	_, err := w.c.DescribeUser(ctx, &api.DescribeUserInput{BrokerID: id, Username: user})
	return err
}

func (w *soakWorker) createTags(ctx context.Context, i int) error {
	id, b := w.st.pickBroker(w.rng)
	if id == "" {
		return w.createBroker(ctx, i)
	}
	key, val := "k"+strconv.Itoa(i), "v"+strconv.Itoa(i)
	_, err := w.c.CreateTags(ctx, &api.CreateTagsInput{ResourceARN: b.arn, Tags: map[string]string{key: val}})
	if err == nil {
		w.st.update(func() { b.tags[key] = val })
	}
	return err
}

func (w *soakWorker) listTags(ctx context.Context, i int) error {
	id, b := w.st.pickBroker(w.rng)
	if id == "" {
		return w.createBroker(ctx, i)
	}
	_, err := w.c.ListTags(ctx, &api.ListTagsInput{ResourceARN: b.arn})
	return err
}

func (w *soakWorker) deleteTags(ctx context.Context, i int) error {
	id, b := w.st.pickBroker(w.rng)
	if id == "" {
		return w.createBroker(ctx, i)
	}
	var key string
	w.st.update(func() {
		for k := range b.tags {
			key = k
			delete(b.tags, k) // never checked again: the delete may or may not happen
			break
		}
	})
	if key == "" {
		return w.listTags(ctx, i)
	}
	_, err := w.c.DeleteTags(ctx, &api.DeleteTagsInput{ResourceARN: b.arn, TagKeys: []string{key}})
	if err == nil {
		w.st.update(func() { b.untagged[key] = true })
	}
	return err
}

func (w *soakWorker) engineTypes(ctx context.Context, _ int) error {
	return drain(w.c.DescribeBrokerEngineTypesAll(ctx, nil))
}

func (w *soakWorker) instanceOptions(ctx context.Context, _ int) error {
	return drain(w.c.DescribeBrokerInstanceOptionsAll(ctx, &api.DescribeBrokerInstanceOptionsInput{MaxResults: 100}))
}

// drain ranges over a paginated sequence, stopping at its first error or
// after 60 items so that lists stay cheap as the account grows.
func drain[T any](seq iter.Seq2[T, error]) error {
	n := 0
	for _, err := range seq {
		if err != nil {
			return err
		}
		if n++; n >= 60 {
			return nil
		}
	}
	return nil
}

// classifyError names the client error type of err, or "" when it has none
// (which the soak counts as a failure). An *AccessDeniedError is the
// classified form of an *APIError, which it wraps.
func classifyError(err error) string {
	switch err.(type) {
	case *client.APIError:
		return "APIError"
	case *client.AccessDeniedError:
		return "AccessDeniedError"
	case *client.DecodeError:
		return "DecodeError"
	case *client.RequestError:
		return "RequestError"
	}
	return ""
}

// soakSummary lists what ended how, for -v.
func soakSummary(outcomes map[string]int) string {
	keys := make([]string, 0, len(outcomes))
	for k := range outcomes {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "  %-60s %6d\n", k, outcomes[k])
	}
	return b.String()
}
