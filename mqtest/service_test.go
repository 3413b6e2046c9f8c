package mqtest_test

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/mqtest"
)

// TestUnknownOperations checks that what no operation serves is a 404
// UnknownOperationException, never the mux's 405 or redirect.
func TestUnknownOperations(t *testing.T) {
	srv := newServer(t)
	c := admin(t, srv)
	tests := map[string]struct{ method, path, msg string }{
		"unknown path":           {"GET", "/v1/nothing", "No operation matches GET /v1/nothing."},
		"unknown root":           {"GET", "/", "No operation matches GET /."},
		"wrong method":           {"PATCH", "/v1/brokers/b-1", "the path supports DELETE, GET, PUT."},
		"wrong method on a list": {"DELETE", "/v1/brokers", "the path supports GET, POST."},
		"HEAD on a GET path":     {"HEAD", "/v1/brokers", ""},
		"wrong method, new path": {"POST", "/v1/brokers/b-1/shared-resources", "the path supports GET."},
		"trailing slash":         {"GET", "/v1/brokers/", "No operation matches GET /v1/brokers/."},
		"label missing":          {"GET", "/v1/brokers/b-1/users/", "No operation matches GET /v1/brokers/b-1/users/."},
		"empty segment":          {"GET", "/v1//brokers", "No operation matches GET /v1//brokers."},
		"empty label":            {"GET", "/v1/brokers//users", "No operation matches GET /v1/brokers//users."},
		"dot segment":            {"GET", "/v1/brokers/b-1/./users", "No operation matches GET /v1/brokers/b-1/./users."},
		"dot-dot segment":        {"GET", "/v1/brokers/b-1/../b-2", "No operation matches GET /v1/brokers/b-1/../b-2."},
		"extra segment":          {"GET", "/v1/brokers/b-1/shared-resources/x", "No operation matches"},
		"no version":             {"GET", "/brokers", "No operation matches GET /brokers."},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			srv.ResetRequests()
			r := c.send(tc.method, tc.path, nil)
			if tc.method == "HEAD" { // no body to read the message from
				if r.Status != 404 || r.code() != "UnknownOperationException" {
					t.Fatalf("got %d %s", r.Status, r.code())
				}
			} else {
				wantError(t, r, 404, "UnknownOperationException", "", tc.msg)
			}
			reqs := srv.Requests()
			if len(reqs) != 1 || reqs[0].Operation != "" || reqs[0].Path != tc.path || reqs[0].Status != 404 {
				t.Fatalf("logged %+v", reqs)
			}
		})
	}
}

// TestEscapedSlashInLabel checks that a label holding %2F stays in its
// path segment and reaches the operation unescaped.
func TestEscapedSlashInLabel(t *testing.T) {
	srv := newServer(t, mqtest.WithBrokerCreateDelay(0))
	c := admin(t, srv)
	var cfg api.CreateConfigurationOutput
	c.must(200, "POST", "/v1/configurations", map[string]any{"name": "c", "engineType": "ACTIVEMQ"}).decode(t, &cfg)
	tests := map[string]struct {
		path, op   string
		status     int
		code, attr string
		msg        string
	}{
		"broker ID": {"/v1/brokers/a%2Fb", "DescribeBroker", 404, "NotFoundException", "broker-id", "[a/b]"},
		"broker ID, nested": {"/v1/brokers/a%2Fb/shared-resources", "DescribeSharedResources", 404, "NotFoundException", "broker-id",
			"[a/b]"},
		"configuration ID": {"/v1/configurations/" + cfg.ID + "%2Frevisions", "DescribeConfiguration", 404, "NotFoundException",
			"configuration-id", "[" + cfg.ID + "/revisions]"},
		"tag ARN": {"/v1/tags/" + url.PathEscape(cfg.ARN+"/x"), "ListTags", 404, "NotFoundException", "resource-arn",
			"[" + cfg.ARN + "/x]"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			srv.ResetRequests()
			wantError(t, c.send("GET", tc.path, nil), tc.status, tc.code, tc.attr, tc.msg)
			if reqs := srv.Requests(); len(reqs) != 1 || reqs[0].Operation != tc.op || reqs[0].Path != tc.path {
				t.Fatalf("logged %+v", reqs)
			}
		})
	}
	// The configuration itself is found with a plain path.
	c.must(200, "GET", "/v1/configurations/"+cfg.ID, nil)
}

const (
	share1 = "arn:aws:ram:us-east-1:123456789012:resource-share/11111111-aaaa-bbbb-cccc-000000000001"
	share2 = "arn:aws:ram:us-east-1:123456789012:resource-share/11111111-aaaa-bbbb-cccc-000000000002"
	share3 = "arn:aws:ram:us-east-1:210987654321:resource-share/11111111-aaaa-bbbb-cccc-000000000003"
)

// rabbitBody is a valid CreateBroker body for a RabbitMQ cluster on mq.m7g.
func rabbitBody(name string) map[string]any {
	b := brokerBody(name)
	b["engineType"], b["deploymentMode"], b["hostInstanceType"] = "RABBITMQ", "CLUSTER_MULTI_AZ", "mq.m7g.large"
	return b
}

// shares returns the broker's shared resources as "ARN STATUS" lines,
// reading every page.
func shares(t *testing.T, c *tclient, id string) []string {
	t.Helper()
	var out []string
	token := ""
	for range 100 {
		path := "/v1/brokers/" + id + "/shared-resources?maxResults=2"
		if token != "" {
			path += "&nextToken=" + url.QueryEscape(token)
		}
		var page api.DescribeSharedResourcesOutput
		r := c.must(200, "GET", path, nil)
		r.decode(t, &page)
		if page.SharedResources == nil {
			t.Fatalf("no sharedResources list in %s", r.Body)
		}
		for _, s := range page.SharedResources {
			if s.Type != api.SharedResourceTypeResourceShare || !slices.Equal(s.ResourceShareARNs, []string{s.ResourceARN}) ||
				s.DNSNames != nil || s.Error != nil {
				t.Fatalf("shared resource = %+v", s)
			}
			out = append(out, s.ResourceARN+" "+string(s.Status))
		}
		if token = page.NextToken; token == "" {
			return out
		}
	}
	t.Fatal("too many pages")
	return nil
}

func TestDescribeSharedResources(t *testing.T) {
	srv := newServer(t, mqtest.WithBrokerCreateDelay(0))
	c := admin(t, srv)
	var rb api.CreateBrokerOutput
	c.must(200, "POST", "/v1/brokers", rabbitBody("r1")).decode(t, &rb)
	update := func(arns ...string) {
		t.Helper()
		var out api.UpdateBrokerOutput
		c.must(200, "PUT", "/v1/brokers/"+rb.BrokerID, map[string]any{"resourceShareArns": append([]string{}, arns...)}).decode(t, &out)
		if !slices.Equal(out.ResourceShareARNs, arns) {
			t.Fatalf("UpdateBroker resourceShareArns = %v, want %v", out.ResourceShareARNs, arns)
		}
	}
	reboot := func() {
		t.Helper()
		c.must(200, "POST", "/v1/brokers/"+rb.BrokerID+"/reboot", nil)
	}
	steps := []struct {
		name   string
		do     func()
		shares []string
	}{
		{"none yet", func() {}, nil},
		{"pending until the reboot", func() { update(share1, share2) },
			[]string{share1 + " PENDING_CREATE", share2 + " PENDING_CREATE"}},
		{"applied by the reboot", reboot, []string{share1 + " AVAILABLE", share2 + " AVAILABLE"}},
		{"a new target list", func() { update(share2, share3) },
			[]string{share1 + " PENDING_DELETE", share2 + " AVAILABLE", share3 + " PENDING_CREATE"}},
		{"the list replaced", reboot, []string{share2 + " AVAILABLE", share3 + " AVAILABLE"}},
		{"an empty list detaches every share", func() { update() },
			[]string{share2 + " PENDING_DELETE", share3 + " PENDING_DELETE"}},
		{"all detached", reboot, nil},
	}
	for _, s := range steps {
		s.do()
		if got := shares(t, c, rb.BrokerID); !slices.Equal(got, s.shares) {
			t.Fatalf("%s: shares = %q, want %q", s.name, got, s.shares)
		}
	}
	// An UpdateBroker without the member leaves the shares alone.
	update(share1)
	reboot()
	c.must(200, "PUT", "/v1/brokers/"+rb.BrokerID, map[string]any{"autoMinorVersionUpgrade": true})
	reboot()
	if got := shares(t, c, rb.BrokerID); !slices.Equal(got, []string{share1 + " AVAILABLE"}) {
		t.Fatalf("shares after an unrelated update = %q", got)
	}

	// The shares survive a snapshot.
	snap, err := srv.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	srv2 := newServer(t)
	if err := srv2.Restore(snap); err != nil {
		t.Fatal(err)
	}
	if got := shares(t, admin(t, srv2), rb.BrokerID); !slices.Equal(got, []string{share1 + " AVAILABLE"}) {
		t.Fatalf("shares after Restore = %q", got)
	}
}

func TestDescribeSharedResourcesPaging(t *testing.T) {
	srv := newServer(t, mqtest.WithBrokerCreateDelay(0))
	c := admin(t, srv)
	var rb, other api.CreateBrokerOutput
	c.must(200, "POST", "/v1/brokers", rabbitBody("r1")).decode(t, &rb)
	c.must(200, "POST", "/v1/brokers", rabbitBody("r2")).decode(t, &other)
	var arns []string
	for i := range 5 {
		arns = append(arns, fmt.Sprintf("arn:aws:ram:us-east-1:123456789012:resource-share/s-%d", i))
	}
	c.must(200, "PUT", "/v1/brokers/"+rb.BrokerID, map[string]any{"resourceShareArns": arns})
	c.must(200, "PUT", "/v1/brokers/"+other.BrokerID, map[string]any{"resourceShareArns": arns})
	path := "/v1/brokers/" + rb.BrokerID + "/shared-resources"

	var pages []int
	var got []string
	token := ""
	for {
		q := url.Values{"maxResults": {"2"}}
		if token != "" {
			q.Set("nextToken", token)
		}
		var out api.DescribeSharedResourcesOutput
		c.must(200, "GET", path+"?"+q.Encode(), nil).decode(t, &out)
		pages = append(pages, len(out.SharedResources))
		for _, s := range out.SharedResources {
			got = append(got, s.ResourceARN)
		}
		if token = out.NextToken; token == "" {
			break
		}
	}
	if fmt.Sprint(pages) != "[2 2 1]" || !slices.Equal(got, arns) {
		t.Fatalf("pages %v, shares %v", pages, got)
	}
	var all api.DescribeSharedResourcesOutput
	c.must(200, "GET", path, nil).decode(t, &all)
	if len(all.SharedResources) != 5 || all.NextToken != "" {
		t.Fatalf("default page = %+v", all)
	}

	var first api.DescribeSharedResourcesOutput
	c.must(200, "GET", path+"?maxResults=1", nil).decode(t, &first)
	tests := map[string]struct{ path, attr string }{
		"maxResults 0":               {path + "?maxResults=0", "maxResults"},
		"maxResults 101":             {path + "?maxResults=101", "maxResults"},
		"maxResults not a number":    {path + "?maxResults=abc", "maxResults"},
		"garbage token":              {path + "?nextToken=garbage", "nextToken"},
		"token of another broker":    {"/v1/brokers/" + other.BrokerID + "/shared-resources?nextToken=" + url.QueryEscape(first.NextToken), "nextToken"},
		"token of another operation": {"/v1/brokers?nextToken=" + url.QueryEscape(first.NextToken), "nextToken"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			wantError(t, c.send("GET", tc.path, nil), 400, "BadRequestException", tc.attr, tc.attr)
		})
	}
}

func TestSharedResourcesErrors(t *testing.T) {
	srv := newServer(t, mqtest.WithBrokerCreateDelay(0))
	c := admin(t, srv)
	var rb, ab api.CreateBrokerOutput
	c.must(200, "POST", "/v1/brokers", rabbitBody("r1")).decode(t, &rb)
	c.must(200, "POST", "/v1/brokers", brokerBody("a1")).decode(t, &ab)
	shares := func(arns ...string) map[string]any {
		return map[string]any{"resourceShareArns": append([]string{}, arns...)}
	}
	tests := map[string]errorCase{
		"unknown broker": {"GET", "/v1/brokers/b-nope/shared-resources", nil, 404, "NotFoundException", "broker-id", "b-nope"},
		"ActiveMQ broker": {"GET", "/v1/brokers/" + ab.BrokerID + "/shared-resources", nil, 400, "BadRequestException", "broker-id",
			"RabbitMQ brokers only"},
		"ActiveMQ update": {"PUT", "/v1/brokers/" + ab.BrokerID, shares(share1), 400, "BadRequestException", "resourceShareArns",
			"RabbitMQ brokers only"},
		"ActiveMQ update, empty list": {"PUT", "/v1/brokers/" + ab.BrokerID, shares(), 400, "BadRequestException", "resourceShareArns",
			"RabbitMQ brokers only"},
		"unknown broker update": {"PUT", "/v1/brokers/b-nope", shares(share1), 404, "NotFoundException", "broker-id", "b-nope"},
		"not an ARN": {"PUT", "/v1/brokers/" + rb.BrokerID, shares("share-1"), 400, "BadRequestException", "resourceShareArns",
			"[share-1] is not a resource share ARN"},
		"another service": {"PUT", "/v1/brokers/" + rb.BrokerID, shares("arn:aws:mq:us-east-1:123456789012:configuration:c-1"), 400,
			"BadRequestException", "resourceShareArns", "not a resource share ARN"},
		"another RAM resource": {"PUT", "/v1/brokers/" + rb.BrokerID, shares("arn:aws:ram:us-east-1:123456789012:permission/p"), 400,
			"BadRequestException", "resourceShareArns", "not a resource share ARN"},
		"no account": {"PUT", "/v1/brokers/" + rb.BrokerID, shares("arn:aws:ram:us-east-1::resource-share/s-1"), 400,
			"BadRequestException", "resourceShareArns", "not a resource share ARN"},
		"no region": {"PUT", "/v1/brokers/" + rb.BrokerID, shares("arn:aws:ram::123456789012:resource-share/s-1"), 400,
			"BadRequestException", "resourceShareArns", "not a resource share ARN"},
		"no ID": {"PUT", "/v1/brokers/" + rb.BrokerID, shares("arn:aws:ram:us-east-1:123456789012:resource-share/"), 400,
			"BadRequestException", "resourceShareArns", "not a resource share ARN"},
		"second one bad": {"PUT", "/v1/brokers/" + rb.BrokerID, shares(share1, "x"), 400, "BadRequestException", "resourceShareArns",
			"[resourceShareArns][1]"},
		"listed twice": {"PUT", "/v1/brokers/" + rb.BrokerID, shares(share1, share1), 400, "BadRequestException", "resourceShareArns",
			"listed twice"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tc.check(t, c)
		})
	}
	// A refused update changes nothing.
	var out api.DescribeSharedResourcesOutput
	c.must(200, "GET", "/v1/brokers/"+rb.BrokerID+"/shared-resources", nil).decode(t, &out)
	if len(out.SharedResources) != 0 {
		t.Fatalf("shares after refused updates = %+v", out.SharedResources)
	}
}

func TestSharedResourcesAccessDenied(t *testing.T) {
	p := alice(allow("*", "mq:DescribeBroker", "mq:UpdateBroker"))
	srv := newServer(t, mqtest.WithPrincipals(p, mqtest.DefaultPrincipal()), mqtest.WithBrokerCreateDelay(0))
	var rb api.CreateBrokerOutput
	admin(t, srv).must(200, "POST", "/v1/brokers", rabbitBody("r1")).decode(t, &rb)
	c := client(t, srv, p)
	c.must(200, "PUT", "/v1/brokers/"+rb.BrokerID, map[string]any{"resourceShareArns": []string{share1}})
	path := "/v1/brokers/" + rb.BrokerID + "/shared-resources"
	tests := map[string]struct{ path, resource string }{
		"existing broker": {path, rb.BrokerARN},
		// Authorized before the lookup: the 404 is for callers allowed to ask.
		"unknown broker": {"/v1/brokers/b-nope/shared-resources", "arn:aws:mq:us-east-1:123456789012:broker:*:b-nope"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			wantDenied(t, c.send("GET", tc.path, nil), "User: "+aliceARN+" is not authorized to perform: mq:DescribeSharedResources on resource: "+
				tc.resource+" because no identity-based policy allows the mq:DescribeSharedResources action")
		})
	}
	// mq:Describe* (as in AmazonMQReadOnlyAccess) grants it.
	p.IdentityPolicies = append(p.IdentityPolicies, allow("*", "mq:Describe*"))
	if err := srv.SetPrincipal(p); err != nil {
		t.Fatal(err)
	}
	var out api.DescribeSharedResourcesOutput
	c.must(200, "GET", path, nil).decode(t, &out)
	if len(out.SharedResources) != 1 || out.SharedResources[0].Status != api.SharedResourceStatusPendingCreate {
		t.Fatalf("shares = %+v", out.SharedResources)
	}
}

func TestStorageSize(t *testing.T) {
	srv := newServer(t, mqtest.WithBrokerCreateDelay(0))
	c := admin(t, srv)
	with := func(b map[string]any, kv ...any) map[string]any {
		for i := 0; i < len(kv); i += 2 {
			b[kv[i].(string)] = kv[i+1]
		}
		return b
	}
	create := map[string]struct {
		body map[string]any
		size int32 // DescribeBroker's storageSize; 0 with msg: a 400
		msg  string
	}{
		"RabbitMQ 4.2 cluster":      {body: with(rabbitBody("ok1"), "storageSize", 200), size: 200},
		"RabbitMQ 4.2 explicit":     {body: with(rabbitBody("ok2"), "storageSize", 100, "engineVersion", "4.2"), size: 100},
		"RabbitMQ 4.2 without size": {body: rabbitBody("ok3")},
		"RabbitMQ 3.13 cluster":     {body: with(rabbitBody("b1"), "storageSize", 200, "engineVersion", "3.13"), msg: "RabbitMQ 4.2"},
		"RabbitMQ 4.2 single":       {body: with(rabbitBody("b2"), "storageSize", 200, "deploymentMode", "SINGLE_INSTANCE"), msg: "CLUSTER_MULTI_AZ"},
		"ActiveMQ":                  {body: with(brokerBody("b3"), "storageSize", 200), msg: "RabbitMQ 4.2"},
		"ActiveMQ multi-AZ":         {body: with(brokerBody("b4"), "storageSize", 200, "deploymentMode", "ACTIVE_STANDBY_MULTI_AZ", "hostInstanceType", "mq.m5.large"), msg: "RabbitMQ 4.2"},
		"negative":                  {body: with(rabbitBody("b5"), "storageSize", -1), msg: "positive"},
	}
	for name, tc := range create {
		t.Run("CreateBroker "+name, func(t *testing.T) {
			if tc.msg != "" {
				wantError(t, c.send("POST", "/v1/brokers", tc.body), 400, "BadRequestException", "storageSize", tc.msg)
				return
			}
			var cb api.CreateBrokerOutput
			r := c.must(200, "POST", "/v1/brokers", tc.body)
			r.decode(t, &cb)
			if strings.Contains(string(r.Body), "storageSize") {
				t.Fatalf("CreateBroker answered %s; its output has no storageSize", r.Body)
			}
			var d api.DescribeBrokerOutput
			c.must(200, "GET", "/v1/brokers/"+cb.BrokerID, nil).decode(t, &d)
			if d.StorageSize != tc.size || d.PendingStorageSize != 0 || d.EngineVersion != "4.2" {
				t.Fatalf("DescribeBroker = storageSize %d, pending %d, version %s", d.StorageSize, d.PendingStorageSize, d.EngineVersion)
			}
		})
	}

	// UpdateBroker: pending until the reboot.
	var rb, ab, old api.CreateBrokerOutput
	c.must(200, "POST", "/v1/brokers", with(rabbitBody("r1"), "storageSize", 200)).decode(t, &rb)
	c.must(200, "POST", "/v1/brokers", brokerBody("a1")).decode(t, &ab)
	c.must(200, "POST", "/v1/brokers", with(rabbitBody("r313"), "engineVersion", "3.13")).decode(t, &old)
	var ub api.UpdateBrokerOutput
	c.must(200, "PUT", "/v1/brokers/"+rb.BrokerID, map[string]any{"storageSize": 400}).decode(t, &ub)
	if ub.StorageSize != 400 {
		t.Fatalf("UpdateBroker storageSize = %d", ub.StorageSize)
	}
	sizes := func(id string) string {
		var d api.DescribeBrokerOutput
		c.must(200, "GET", "/v1/brokers/"+id, nil).decode(t, &d)
		return fmt.Sprint(d.StorageSize, " ", d.PendingStorageSize)
	}
	if got := sizes(rb.BrokerID); got != "200 400" {
		t.Fatalf("storageSize, pendingStorageSize before the reboot = %s", got)
	}
	c.must(200, "POST", "/v1/brokers/"+rb.BrokerID+"/reboot", nil)
	if got := sizes(rb.BrokerID); got != "400 0" {
		t.Fatalf("storageSize, pendingStorageSize after the reboot = %s", got)
	}
	update := map[string]struct {
		id   string
		body map[string]any
		msg  string
	}{
		"ActiveMQ":      {ab.BrokerID, map[string]any{"storageSize": 100}, "RabbitMQ 4.2"},
		"RabbitMQ 3.13": {old.BrokerID, map[string]any{"storageSize": 100}, "RabbitMQ 4.2"},
		"negative":      {rb.BrokerID, map[string]any{"storageSize": -5}, "positive"},
	}
	for name, tc := range update {
		t.Run("UpdateBroker "+name, func(t *testing.T) {
			wantError(t, c.send("PUT", "/v1/brokers/"+tc.id, tc.body), 400, "BadRequestException", "storageSize", tc.msg)
		})
	}
	// 3.13 does not upgrade in place to 4.2, storage size or not.
	wantError(t, c.send("PUT", "/v1/brokers/"+old.BrokerID, map[string]any{"engineVersion": "4.2", "storageSize": 100}),
		400, "BadRequestException", "engineVersion", "Broker engine version [4.2] is invalid for broker engine type [RABBITMQ]. Valid values: [3.13].")
}

func TestCatalog2026(t *testing.T) {
	srv := newServer(t, mqtest.WithBrokerCreateDelay(0))
	c := admin(t, srv)
	var et api.DescribeBrokerEngineTypesOutput
	c.must(200, "GET", "/v1/broker-engine-types", nil).decode(t, &et)
	var got []string
	for _, e := range et.BrokerEngineTypes {
		var vs []string
		for _, v := range e.EngineVersions {
			vs = append(vs, v.Name)
		}
		got = append(got, string(e.EngineType)+" "+strings.Join(vs, ","))
	}
	if want := []string{"ACTIVEMQ 5.19,5.18", "RABBITMQ 4.2,3.13"}; !slices.Equal(got, want) {
		t.Fatalf("engine types = %q, want %q", got, want)
	}

	options := map[string]string{ // engine and instance type: versions
		"ACTIVEMQ mq.m5.large":     "[5.19 5.18]",
		"ACTIVEMQ mq.t3.micro":     "[5.19 5.18]",
		"RABBITMQ mq.m7g.large":    "[4.2 3.13]",
		"RABBITMQ mq.m7g.medium":   "[4.2 3.13]",
		"RABBITMQ mq.m5.large":     "[3.13]",
		"RABBITMQ mq.t3.micro":     "[3.13]",
		"ACTIVEMQ mq.m7g.large":    "[]", // not an ActiveMQ instance type
		"RABBITMQ mq.m7g.16xlarge": "[4.2 3.13]",
	}
	for k, want := range options {
		t.Run("options "+k, func(t *testing.T) {
			engine, typ, _ := strings.Cut(k, " ")
			var out api.DescribeBrokerInstanceOptionsOutput
			c.must(200, "GET", "/v1/broker-instance-options?engineType="+engine+"&hostInstanceType="+typ, nil).decode(t, &out)
			got := "[]"
			if len(out.BrokerInstanceOptions) > 0 {
				got = fmt.Sprint(out.BrokerInstanceOptions[0].SupportedEngineVersions)
			}
			if got != want {
				t.Fatalf("versions = %s, want %s", got, want)
			}
		})
	}

	brokers := map[string]struct {
		engine, typ, mode, version string
		want                       string // the version DescribeBroker reports, or the 400's message
		attr                       string
	}{
		"ActiveMQ default":         {"ACTIVEMQ", "mq.t3.micro", "SINGLE_INSTANCE", "", "5.19", ""},
		"ActiveMQ 5.18":            {"ACTIVEMQ", "mq.t3.micro", "SINGLE_INSTANCE", "5.18", "5.18", ""},
		"ActiveMQ patch release":   {"ACTIVEMQ", "mq.t3.micro", "SINGLE_INSTANCE", "5.18.4", "Broker engine version [5.18.4] is invalid for broker engine type [ACTIVEMQ]. Valid values: [5.19, 5.18].", "engineVersion"},
		"ActiveMQ 5.17 is gone":    {"ACTIVEMQ", "mq.t3.micro", "SINGLE_INSTANCE", "5.17", "Broker engine version [5.17] is invalid for broker engine type [ACTIVEMQ]. Valid values: [5.19, 5.18].", "engineVersion"},
		"RabbitMQ default on m7g":  {"RABBITMQ", "mq.m7g.large", "CLUSTER_MULTI_AZ", "", "4.2", ""},
		"RabbitMQ default on m5":   {"RABBITMQ", "mq.m5.large", "SINGLE_INSTANCE", "", "3.13", ""},
		"RabbitMQ default on t3":   {"RABBITMQ", "mq.t3.micro", "SINGLE_INSTANCE", "", "3.13", ""},
		"RabbitMQ 3.13 on m7g":     {"RABBITMQ", "mq.m7g.medium", "SINGLE_INSTANCE", "3.13", "3.13", ""},
		"RabbitMQ 4.2 needs m7g":   {"RABBITMQ", "mq.m5.large", "SINGLE_INSTANCE", "4.2", "mq.m7g instance types only", "engineVersion"},
		"RabbitMQ patch release":   {"RABBITMQ", "mq.m5.large", "SINGLE_INSTANCE", "3.13.7", "Broker engine version [3.13.7] is invalid for broker engine type [RABBITMQ]. Valid values: [4.2, 3.13].", "engineVersion"},
		"RabbitMQ 3.12 is unknown": {"RABBITMQ", "mq.m5.large", "SINGLE_INSTANCE", "3.12", "Broker engine version [3.12] is invalid for broker engine type [RABBITMQ]. Valid values: [4.2, 3.13].", "engineVersion"},
	}
	n := 0
	for name, tc := range brokers {
		t.Run("CreateBroker "+name, func(t *testing.T) {
			n++
			b := brokerBody(fmt.Sprintf("b%d", n))
			b["engineType"], b["hostInstanceType"], b["deploymentMode"] = tc.engine, tc.typ, tc.mode
			if tc.version != "" {
				b["engineVersion"] = tc.version
			}
			if tc.attr != "" {
				wantError(t, c.send("POST", "/v1/brokers", b), 400, "BadRequestException", tc.attr, tc.want)
				return
			}
			var cb api.CreateBrokerOutput
			c.must(200, "POST", "/v1/brokers", b).decode(t, &cb)
			var d api.DescribeBrokerOutput
			c.must(200, "GET", "/v1/brokers/"+cb.BrokerID, nil).decode(t, &d)
			if d.EngineVersion != tc.want {
				t.Fatalf("engineVersion = %s, want %s", d.EngineVersion, tc.want)
			}
		})
	}

	// UpdateBroker checks the version and instance type the broker will run.
	create := func(name, typ, version string) string {
		b := brokerBody(name)
		b["engineType"], b["hostInstanceType"], b["engineVersion"] = "RABBITMQ", typ, version
		var cb api.CreateBrokerOutput
		c.must(200, "POST", "/v1/brokers", b).decode(t, &cb)
		return cb.BrokerID
	}
	on313, on42 := create("u313", "mq.m5.large", "3.13"), create("u42", "mq.m7g.large", "4.2")
	updates := map[string]struct {
		id   string
		body map[string]any
		attr string // "" for a 200
	}{
		"4.2 on m5":                {on313, map[string]any{"engineVersion": "4.2"}, "engineVersion"},
		"3.13 to 4.2 in place":     {on313, map[string]any{"engineVersion": "4.2", "hostInstanceType": "mq.m7g.large"}, "engineVersion"},
		"m7g under 3.13":           {on313, map[string]any{"hostInstanceType": "mq.m7g.large"}, ""},
		"m5 under 4.2":             {on42, map[string]any{"hostInstanceType": "mq.m5.large"}, "hostInstanceType"},
		"m5 with 3.13":             {on42, map[string]any{"hostInstanceType": "mq.m5.large", "engineVersion": "3.13"}, ""},
		"ActiveMQ 5.17 is refused": {on42, map[string]any{"engineVersion": "5.17"}, "engineVersion"},
	}
	for _, name := range []string{"4.2 on m5", "3.13 to 4.2 in place", "m7g under 3.13", "m5 under 4.2", "m5 with 3.13", "ActiveMQ 5.17 is refused"} {
		tc := updates[name]
		t.Run("UpdateBroker "+name, func(t *testing.T) {
			r := c.send("PUT", "/v1/brokers/"+tc.id, tc.body)
			if tc.attr != "" {
				wantError(t, r, 400, "BadRequestException", tc.attr, "")
				return
			}
			if r.Status != 200 {
				t.Fatalf("status %d: %s", r.Status, r.Body)
			}
		})
	}
}
