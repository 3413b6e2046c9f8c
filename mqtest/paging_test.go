package mqtest_test

import (
	"fmt"
	"net/url"
	"sync"
	"testing"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/mqtest"
)

func TestListBrokersPagination(t *testing.T) {
	srv := newServer(t)
	c := admin(t, srv)
	for i := range 5 {
		c.must(200, "POST", "/v1/brokers", brokerBody(fmt.Sprintf("b%d", i)))
		srv.Clock().Advance(1)
	}
	var names []string
	token := ""
	for pages := 0; ; pages++ {
		q := url.Values{"maxResults": {"2"}}
		if token != "" {
			q.Set("nextToken", token)
		}
		var out api.ListBrokersOutput
		c.must(200, "GET", "/v1/brokers?"+q.Encode(), nil).decode(t, &out)
		for _, b := range out.BrokerSummaries {
			names = append(names, b.BrokerName)
		}
		if token = out.NextToken; token == "" {
			if pages != 2 {
				t.Fatalf("%d pages, want 3", pages+1)
			}
			break
		}
	}
	if fmt.Sprint(names) != "[b0 b1 b2 b3 b4]" {
		t.Fatalf("names = %v", names)
	}
	var all api.ListBrokersOutput
	c.must(200, "GET", "/v1/brokers", nil).decode(t, &all)
	if len(all.BrokerSummaries) != 5 || all.NextToken != "" {
		t.Fatalf("default page = %+v", all)
	}

	tests := map[string]struct{ query, attr string }{
		"maxResults 0":          {"maxResults=0", "maxResults"},
		"maxResults 101":        {"maxResults=101", "maxResults"},
		"maxResults not number": {"maxResults=abc", "maxResults"},
		"garbage token":         {"nextToken=garbage", "nextToken"},
		"forged token":          {"nextToken=AAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAA", "nextToken"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			wantError(t, c.send("GET", "/v1/brokers?"+tc.query, nil), 400, "BadRequestException", tc.attr, tc.attr)
		})
	}
	t.Run("token of another operation", func(t *testing.T) {
		var out api.ListBrokersOutput
		c.must(200, "GET", "/v1/brokers?maxResults=1", nil).decode(t, &out)
		wantError(t, c.send("GET", "/v1/configurations?nextToken="+url.QueryEscape(out.NextToken), nil), 400, "BadRequestException", "nextToken", "nextToken")
	})
}

func TestCatalogs(t *testing.T) {
	srv := newServer(t)
	c := admin(t, srv)
	var et api.DescribeBrokerEngineTypesOutput
	c.must(200, "GET", "/v1/broker-engine-types", nil).decode(t, &et)
	if len(et.BrokerEngineTypes) != 2 || et.BrokerEngineTypes[0].EngineVersions[0].Name != "5.19" || et.MaxResults != 20 {
		t.Fatalf("engine types = %+v", et)
	}
	et = api.DescribeBrokerEngineTypesOutput{}
	c.must(200, "GET", "/v1/broker-engine-types?engineType=RABBITMQ", nil).decode(t, &et)
	if len(et.BrokerEngineTypes) != 1 || et.BrokerEngineTypes[0].EngineType != api.EngineTypeRabbitmq {
		t.Fatalf("filtered engine types = %+v", et)
	}

	var opts []api.BrokerInstanceOption
	token := ""
	for {
		var out api.DescribeBrokerInstanceOptionsOutput
		c.must(200, "GET", "/v1/broker-instance-options?nextToken="+url.QueryEscape(token), nil).decode(t, &out)
		opts = append(opts, out.BrokerInstanceOptions...)
		if token = out.NextToken; token == "" {
			break
		}
	}
	if len(opts) <= 20 {
		t.Fatalf("%d instance options; want more than one page", len(opts))
	}
	var ebs api.DescribeBrokerInstanceOptionsOutput
	c.must(200, "GET", "/v1/broker-instance-options?engineType=ACTIVEMQ&storageType=EBS&hostInstanceType=mq.m5.large", nil).decode(t, &ebs)
	if len(ebs.BrokerInstanceOptions) != 1 || len(ebs.BrokerInstanceOptions[0].AvailabilityZones) != 3 ||
		ebs.BrokerInstanceOptions[0].AvailabilityZones[0].Name != "us-east-1a" {
		t.Fatalf("filtered options = %+v", ebs)
	}
}

func TestIdempotency(t *testing.T) {
	srv := newServer(t)
	c := admin(t, srv)
	body := brokerBody("b1")
	body["creatorRequestId"] = "req-1"
	var a, b api.CreateBrokerOutput
	c.must(200, "POST", "/v1/brokers", body).decode(t, &a)
	c.must(200, "POST", "/v1/brokers", body).decode(t, &b)
	if a != b || srv.BrokerCount() != 1 {
		t.Fatalf("same token gave %+v and %+v, %d brokers", a, b, srv.BrokerCount())
	}
	// Another token with the same name is a conflict.
	body["creatorRequestId"] = "req-2"
	wantError(t, c.send("POST", "/v1/brokers", body), 409, "ConflictException", "brokerName", "b1")

	// 16 concurrent identical requests create one broker.
	body = brokerBody("b2")
	body["creatorRequestId"] = "req-3"
	var wg sync.WaitGroup
	ids := make([]string, 16)
	for i := range ids {
		wg.Go(func() {
			var out api.CreateBrokerOutput
			admin(t, srv).must(200, "POST", "/v1/brokers", body).decode(t, &out)
			ids[i] = out.BrokerID
		})
	}
	wg.Wait()
	for _, id := range ids {
		if id != ids[0] {
			t.Fatalf("concurrent creates returned different brokers: %v", ids)
		}
	}
	if n := srv.BrokerCount(); n != 2 {
		t.Fatalf("BrokerCount = %d, want 2", n)
	}
}

func TestDeterministicIDs(t *testing.T) {
	ids := func() string {
		srv := newServer(t, mqtest.WithSeed(7))
		var out api.CreateBrokerOutput
		r := admin(t, srv).must(200, "POST", "/v1/brokers", brokerBody("b1"))
		r.decode(t, &out)
		return out.BrokerID + " " + r.Header.Get("X-Amzn-RequestId")
	}
	if a, b := ids(), ids(); a != b {
		t.Fatalf("seeded runs differ: %s vs %s", a, b)
	}
}
