package mqtest_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/mqrest/mqrest/api"
	mqclient "github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/mqtest"
)

// ExampleServer_AWSConfig calls the emulator through the client: the
// server's AWSConfig gives the endpoint, region and credentials; the
// emulator's clock signs the requests; and the waiter sleeps on that clock,
// so a broker that takes 20 minutes to create is RUNNING without any real
// waiting.
func ExampleServer_AWSConfig() {
	clock := mqtest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	srv := mqtest.NewUnstartedServer(nil, mqtest.WithClock(clock), mqtest.WithSeed(1),
		mqtest.WithBrokerCreateDelay(20*time.Minute))
	if err := srv.Start(); err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()

	c, err := mqclient.NewFromConfig(srv.AWSConfig(), mqclient.WithClock(clock.Now))
	if err != nil {
		log.Fatal(err)
	}
	out, err := c.CreateBroker(ctx, &api.CreateBrokerInput{
		BrokerName: "orders", EngineType: api.EngineTypeActivemq, DeploymentMode: api.DeploymentModeSingleInstance,
		HostInstanceType: "mq.t3.micro", PubliclyAccessible: aws.Bool(false),
		Users: []api.User{{Username: "app", Password: "correct-horse-battery"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	start := clock.Now()
	b, err := c.WaitBrokerRunning(ctx, out.BrokerID, &mqclient.WaitOptions{Sleep: clock.Sleep})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(b.BrokerState, "after", clock.Now().Sub(start), "of emulator time")
	// Output: RUNNING after 20m5s of emulator time
}

// ExampleClock_Sleep shows a wait bounded by its context on the emulator's
// time: the clock moves, the wall clock does not.
func ExampleClock_Sleep() {
	clock := mqtest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	ctx, cancel := context.WithCancel(context.Background())
	fmt.Println(clock.Sleep(ctx, time.Hour), clock.Now().Format(time.TimeOnly))
	cancel()
	fmt.Println(clock.Sleep(ctx, time.Hour), clock.Now().Format(time.TimeOnly))
	// Output:
	// <nil> 04:04:05
	// context canceled 04:04:05
}
