package conformance

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/mqrest/mqrest/api"
)

// Fixtures of the benchmarks: the canned, realistic responses the loopback
// server answers with and the inputs the contenders send. Everything is
// deterministic, so that runs compare.

const (
	benchRegion    = "us-east-1"
	benchAccount   = "123456789012"
	benchPageSize  = 100   // brokers per ListBrokers page
	benchBrokers   = 10000 // brokers the ListAll benchmarks list
	benchBrokerID  = "b-3e4f2a1c-8d9b-4c7e-a6f5-0b1c2d3e4f5a"
	benchRequestID = "a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
	benchSignBody  = 600 // bytes of the BenchmarkSign request body
)

// benchCreds are role credentials, as most production callers (EC2, ECS,
// Lambda, SSO) have: the session token is as long as a real STS token,
// because it is a signed header and part of every request.
var benchCreds = aws.Credentials{
	AccessKeyID:     "ASIAQWERTYUIOPASDFGH",
	SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
	SessionToken:    benchSessionToken(),
	Source:          "bench",
}

// benchCredsProvider returns a fresh cached provider of benchCreds, as each
// client would wrap its provider in an aws.CredentialsCache.
func benchCredsProvider() aws.CredentialsProvider {
	return aws.NewCredentialsCache(aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return benchCreds, nil
	}))
}

// benchSessionToken returns a deterministic 736-character token, the size
// of an STS AssumeRole session token.
func benchSessionToken() string {
	r := splitmix(42)
	raw := make([]byte, 552)
	for i := range raw {
		raw[i] = byte(r.next())
	}
	return "IQoJb3JpZ2luX2Vj" + base64.StdEncoding.EncodeToString(raw)[:720]
}

// splitmix is a tiny deterministic generator for fixture data.
type splitmix uint64

func (s *splitmix) next() uint64 {
	*s += 0x9e3779b97f4a7c15
	z := uint64(*s)
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// brokerID returns the i-th broker ID, shaped like Amazon MQ's.
func brokerID(i int) string {
	r := splitmix(uint64(i) + 1000)
	a, b := r.next(), r.next()
	return fmt.Sprintf("b-%08x-%04x-4%03x-%04x-%012x", a>>32, a>>16&0xffff, a&0xfff, 0x8000|b>>48&0x3fff, b&0xffffffffffff)
}

var benchTeams = []string{"orders", "payments", "inventory", "shipping", "billing", "search", "notifications", "ledger"}

// brokerSummary returns the i-th broker of the account.
func brokerSummary(i int) api.BrokerSummary {
	id := brokerID(i)
	name := fmt.Sprintf("%s-%s-%04d", benchTeams[i%len(benchTeams)], []string{"prod", "staging", "dev"}[i%3], i)
	s := api.BrokerSummary{
		BrokerARN:        "arn:aws:mq:" + benchRegion + ":" + benchAccount + ":broker:" + name + ":" + id,
		BrokerID:         id,
		BrokerName:       name,
		BrokerState:      api.BrokerStateRunning,
		Created:          time.Date(2021, 3, 4, 5, 6, 7, 0, time.UTC).Add(time.Duration(i)*97*time.Minute + time.Duration(i%1000)*time.Millisecond),
		DeploymentMode:   api.DeploymentModeActiveStandbyMultiAz,
		EngineType:       api.EngineTypeActivemq,
		HostInstanceType: []string{"mq.m5.large", "mq.t3.micro", "mq.m5.xlarge", "mq.m5.2xlarge"}[i%4],
	}
	switch i % 7 {
	case 3:
		s.DeploymentMode, s.EngineType = api.DeploymentModeClusterMultiAz, api.EngineTypeRabbitmq
	case 5:
		s.DeploymentMode = api.DeploymentModeSingleInstance
	}
	if i%53 == 0 {
		s.BrokerState = api.BrokerStateRebootInProgress
	}
	return s
}

// pageToken returns the opaque nextToken that leads to page p (p ≥ 1). Like
// the service's, it is base64 and so needs escaping in a query.
func pageToken(p int) string {
	r := splitmix(uint64(p) * 7919)
	raw := make([]byte, 72)
	for i := range raw {
		raw[i] = byte(r.next())
	}
	return base64.StdEncoding.EncodeToString(raw)
}

// listPage returns the JSON of ListBrokers page p: benchPageSize summaries
// and, but on the last page, the token of the next one.
func listPage(p int) []byte {
	out := api.ListBrokersOutput{}
	for i := p * benchPageSize; i < (p+1)*benchPageSize; i++ {
		out.BrokerSummaries = append(out.BrokerSummaries, brokerSummary(i))
	}
	if (p+1)*benchPageSize < benchBrokers {
		out.NextToken = pageToken(p + 1)
	}
	return mustJSON(out)
}

// describeBrokerBody is a DescribeBroker response of a production ActiveMQ
// active/standby broker: two instances with their five endpoints each,
// configuration history, CloudWatch logs, a customer KMS key, users, tags.
func describeBrokerBody() []byte {
	name := "orders-prod-0001"
	host := func(n int) string {
		return benchBrokerID + "-" + strconv.Itoa(n) + ".mq." + benchRegion + ".amazonaws.com"
	}
	instance := func(n int, ip string) api.BrokerInstance {
		h := host(n)
		return api.BrokerInstance{
			ConsoleURL: "https://" + h + ":8162",
			Endpoints: []string{"ssl://" + h + ":61617", "amqp+ssl://" + h + ":5671", "stomp+ssl://" + h + ":61614",
				"mqtt+ssl://" + h + ":8883", "wss://" + h + ":61619"},
			IPAddress: ip,
		}
	}
	cfgID := "c-7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d"
	out := api.DescribeBrokerOutput{
		AuthenticationStrategy:  api.AuthenticationStrategySimple,
		AutoMinorVersionUpgrade: aws.Bool(true),
		BrokerARN:               "arn:aws:mq:" + benchRegion + ":" + benchAccount + ":broker:" + name + ":" + benchBrokerID,
		BrokerID:                benchBrokerID,
		BrokerInstances:         []api.BrokerInstance{instance(1, "10.42.1.37"), instance(2, "10.42.2.118")},
		BrokerName:              name,
		BrokerState:             api.BrokerStateRunning,
		Configurations: &api.Configurations{
			Current: &api.ConfigurationID{ID: cfgID, Revision: 4},
			History: []api.ConfigurationID{{ID: cfgID, Revision: 1}, {ID: cfgID, Revision: 2}, {ID: cfgID, Revision: 3}},
			Pending: &api.ConfigurationID{ID: cfgID, Revision: 4},
		},
		Created:             time.Date(2023, 6, 14, 9, 26, 53, 487_000_000, time.UTC),
		DataReplicationMode: api.DataReplicationModeNone,
		DeploymentMode:      api.DeploymentModeActiveStandbyMultiAz,
		EncryptionOptions: &api.EncryptionOptions{
			KMSKeyID:       "arn:aws:kms:" + benchRegion + ":" + benchAccount + ":key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
			UseAwsOwnedKey: aws.Bool(false),
		},
		EngineType:       api.EngineTypeActivemq,
		EngineVersion:    "5.18",
		HostInstanceType: "mq.m5.large",
		Logs: &api.LogsSummary{
			Audit:           aws.Bool(true),
			AuditLogGroup:   "/aws/amazonmq/broker/" + benchBrokerID + "/audit",
			General:         aws.Bool(true),
			GeneralLogGroup: "/aws/amazonmq/broker/" + benchBrokerID + "/general",
			Pending:         &api.PendingLogs{Audit: aws.Bool(true), General: aws.Bool(true)},
		},
		MaintenanceWindowStartTime: &api.WeeklyStartTime{DayOfWeek: api.DayOfWeekSunday, TimeOfDay: "03:00", TimeZone: "UTC"},
		PendingDataReplicationMode: api.DataReplicationModeNone,
		PubliclyAccessible:         aws.Bool(false),
		SecurityGroups:             []string{"sg-0a1b2c3d4e5f60718"},
		StorageType:                api.BrokerStorageTypeEfs,
		SubnetIDs:                  []string{"subnet-0123456789abcdef0", "subnet-0fedcba9876543210"},
		Tags:                       map[string]string{"team": "orders", "env": "prod", "cost-center": "cc-4711", "managed-by": "terraform"},
		Users: []api.UserSummary{
			{Username: "admin"}, {Username: "orders-service"}, {Username: "billing-consumer"}, {Username: "monitoring", PendingChange: api.ChangeTypeUpdate},
		},
	}
	return mustJSON(out)
}

// createBrokerBody is the CreateBroker response.
func createBrokerBody() []byte {
	return mustJSON(api.CreateBrokerOutput{
		BrokerARN: "arn:aws:mq:" + benchRegion + ":" + benchAccount + ":broker:orders-prod-0002:" + brokerID(-2),
		BrokerID:  brokerID(-2),
	})
}

// createBrokerInput is what a program creating a production ActiveMQ broker
// sends. CreatorRequestID is left empty, as most callers do: both clients
// then generate the idempotency token.
func createBrokerInput() *api.CreateBrokerInput {
	return &api.CreateBrokerInput{
		AuthenticationStrategy:  api.AuthenticationStrategySimple,
		AutoMinorVersionUpgrade: aws.Bool(true),
		BrokerName:              "orders-prod-0002",
		Configuration:           &api.ConfigurationID{ID: "c-7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d", Revision: 4},
		DeploymentMode:          api.DeploymentModeActiveStandbyMultiAz,
		EncryptionOptions: &api.EncryptionOptions{
			KMSKeyID:       "arn:aws:kms:" + benchRegion + ":" + benchAccount + ":key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
			UseAwsOwnedKey: aws.Bool(false),
		},
		EngineType:                 api.EngineTypeActivemq,
		EngineVersion:              "5.18",
		HostInstanceType:           "mq.m5.large",
		Logs:                       &api.Logs{Audit: aws.Bool(true), General: aws.Bool(true)},
		MaintenanceWindowStartTime: &api.WeeklyStartTime{DayOfWeek: api.DayOfWeekSunday, TimeOfDay: "03:00", TimeZone: "UTC"},
		PubliclyAccessible:         aws.Bool(false),
		SecurityGroups:             []string{"sg-0a1b2c3d4e5f60718"},
		StorageType:                api.BrokerStorageTypeEfs,
		SubnetIDs:                  []string{"subnet-0123456789abcdef0", "subnet-0fedcba9876543210"},
		Tags:                       map[string]string{"team": "orders", "env": "prod"},
		Users: []api.User{{
			ConsoleAccess: aws.Bool(true),
			Groups:        []string{"admins"},
			Password:      "correct-horse-battery-staple",
			Username:      "admin",
		}},
	}
}

// signBody returns a CreateBroker body of exactly benchSignBody bytes: a
// broker without encryption, configuration, maintenance window or tags,
// its password padded to the size.
func signBody() []byte {
	in := createBrokerInput()
	in.CreatorRequestID = "5838f0f3-5a1b-4a44-abc1-92671336e878"
	in.EncryptionOptions, in.Configuration, in.MaintenanceWindowStartTime, in.Tags = nil, nil, nil, nil
	// The wire body, as the client sends it: encoding/json would show the
	// password redacted (api's MarshalJSON).
	body := func() []byte {
		b, err := api.Lookup("CreateBroker").EncodeBody(in)
		if err != nil {
			panic(err)
		}
		return b
	}
	b := body()
	if len(b) > benchSignBody {
		panic(fmt.Sprintf("sign body is %d bytes, over %d", len(b), benchSignBody))
	}
	in.Users[0].Password += strings.Repeat("x", benchSignBody-len(b))
	b = body()
	if len(b) != benchSignBody {
		panic(fmt.Sprintf("sign body is %d bytes, want %d", len(b), benchSignBody))
	}
	return b
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
