package mqtest_test

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mqrest/mqrest/api"
)

func TestLifecycle(t *testing.T) {
	srv := newServer(t)
	c := admin(t, srv)

	// Configuration.
	var cfg api.CreateConfigurationOutput
	c.must(200, "POST", "/v1/configurations", map[string]any{"name": "cfg1", "engineType": "ACTIVEMQ"}).decode(t, &cfg)
	if !strings.HasPrefix(cfg.ID, "c-") || cfg.LatestRevision == nil || cfg.LatestRevision.Revision != 1 ||
		cfg.ARN != "arn:aws:mq:us-east-1:123456789012:configuration:"+cfg.ID {
		t.Fatalf("CreateConfiguration = %+v", cfg)
	}
	var rev1 api.DescribeConfigurationRevisionOutput
	c.must(200, "GET", "/v1/configurations/"+cfg.ID+"/revisions/1", nil).decode(t, &rev1)
	if data, _ := base64.StdEncoding.DecodeString(rev1.Data); !strings.Contains(string(data), "<broker") {
		t.Fatalf("revision 1 data = %q", data)
	}
	xml := base64.StdEncoding.EncodeToString([]byte(`<broker xmlns="http://activemq.apache.org/schema/core"/>`))
	var upd api.UpdateConfigurationOutput
	r := c.must(200, "PUT", "/v1/configurations/"+cfg.ID, map[string]any{"data": xml, "description": "two"})
	r.decode(t, &upd)
	if upd.LatestRevision.Revision != 2 || upd.Warnings == nil || !strings.Contains(string(r.Body), `"warnings":[]`) {
		t.Fatalf("UpdateConfiguration = %s", r.Body)
	}
	wantError(t, c.send("PUT", "/v1/configurations/"+cfg.ID, map[string]any{"data": "%%%"}), 400, "BadRequestException", "data", "base64")
	var dc api.DescribeConfigurationOutput
	c.must(200, "GET", "/v1/configurations/"+cfg.ID, nil).decode(t, &dc)
	if dc.LatestRevision.Revision != 2 || dc.Description != "two" || dc.EngineVersion != "5.19" || dc.Name != "cfg1" {
		t.Fatalf("DescribeConfiguration = %+v", dc)
	}
	var lc api.ListConfigurationsOutput
	c.must(200, "GET", "/v1/configurations", nil).decode(t, &lc)
	if len(lc.Configurations) != 1 || lc.Configurations[0].ID != cfg.ID || lc.MaxResults != 20 || lc.NextToken != "" {
		t.Fatalf("ListConfigurations = %+v", lc)
	}
	var revs api.ListConfigurationRevisionsOutput
	c.must(200, "GET", "/v1/configurations/"+cfg.ID+"/revisions?maxResults=1", nil).decode(t, &revs)
	if len(revs.Revisions) != 1 || revs.NextToken == "" {
		t.Fatalf("revisions page 1 = %+v", revs)
	}
	tok := revs.NextToken
	revs = api.ListConfigurationRevisionsOutput{}
	c.must(200, "GET", "/v1/configurations/"+cfg.ID+"/revisions?maxResults=1&nextToken="+url.QueryEscape(tok), nil).decode(t, &revs)
	if len(revs.Revisions) != 1 || revs.Revisions[0].Revision != 2 || revs.NextToken != "" {
		t.Fatalf("revisions page 2 = %+v", revs)
	}

	// Broker.
	body := brokerBody("b1")
	body["configuration"] = map[string]any{"id": cfg.ID, "revision": 2}
	body["tags"] = map[string]string{"env": "test"}
	var cb api.CreateBrokerOutput
	c.must(200, "POST", "/v1/brokers", body).decode(t, &cb)
	if !strings.HasPrefix(cb.BrokerID, "b-") || cb.BrokerARN != "arn:aws:mq:us-east-1:123456789012:broker:b1:"+cb.BrokerID {
		t.Fatalf("CreateBroker = %+v", cb)
	}
	var d api.DescribeBrokerOutput
	c.must(200, "GET", "/v1/brokers/"+cb.BrokerID, nil).decode(t, &d)
	if d.BrokerState != api.BrokerStateCreationInProgress || len(d.BrokerInstances) != 0 || d.EngineVersion != "5.19" ||
		d.Configurations.Current.ID != cfg.ID || d.Configurations.Current.Revision != 2 || d.Tags["env"] != "test" ||
		!d.Created.Equal(t0) || !*d.AutoMinorVersionUpgrade {
		t.Fatalf("DescribeBroker while creating = %+v", d)
	}
	wantError(t, c.send("POST", "/v1/brokers/"+cb.BrokerID+"/reboot", nil), 409, "ConflictException", "broker-id", "CREATION_IN_PROGRESS")
	srv.Clock().Advance(3 * time.Second)
	c.must(200, "GET", "/v1/brokers/"+cb.BrokerID, nil).decode(t, &d)
	if d.BrokerState != api.BrokerStateRunning || len(d.BrokerInstances) != 1 ||
		d.BrokerInstances[0].ConsoleURL != "https://"+cb.BrokerID+"-1.mq.us-east-1.amazonaws.com:8162" ||
		d.BrokerInstances[0].Endpoints[0] != "ssl://"+cb.BrokerID+"-1.mq.us-east-1.amazonaws.com:61617" {
		t.Fatalf("DescribeBroker running = %+v", d)
	}

	// Users: pending until reboot.
	c.must(200, "POST", "/v1/brokers/"+cb.BrokerID+"/users/bob", map[string]any{"password": "bobpassword123", "groups": []string{"g1"}})
	wantError(t, c.send("POST", "/v1/brokers/"+cb.BrokerID+"/users/bob", map[string]any{"password": "bobpassword123"}), 409, "ConflictException", "username", "bob")
	c.must(200, "PUT", "/v1/brokers/"+cb.BrokerID+"/users/admin", map[string]any{"consoleAccess": true})
	c.must(200, "DELETE", "/v1/brokers/"+cb.BrokerID+"/users/admin", nil)
	var lu api.ListUsersOutput
	c.must(200, "GET", "/v1/brokers/"+cb.BrokerID+"/users", nil).decode(t, &lu)
	if len(lu.Users) != 2 || lu.Users[0] != (api.UserSummary{Username: "admin", PendingChange: "DELETE"}) ||
		lu.Users[1] != (api.UserSummary{Username: "bob", PendingChange: "CREATE"}) {
		t.Fatalf("ListUsers = %+v", lu)
	}
	var du api.DescribeUserOutput
	c.must(200, "GET", "/v1/brokers/"+cb.BrokerID+"/users/bob", nil).decode(t, &du)
	if du.Pending == nil || du.Pending.PendingChange != "CREATE" || du.Pending.Groups[0] != "g1" || du.Groups != nil {
		t.Fatalf("DescribeUser pending = %+v", du)
	}
	c.must(200, "POST", "/v1/brokers/"+cb.BrokerID+"/reboot", nil)
	c.must(200, "GET", "/v1/brokers/"+cb.BrokerID, nil).decode(t, &d)
	if d.BrokerState != api.BrokerStateRebootInProgress {
		t.Fatalf("state after reboot = %s", d.BrokerState)
	}
	srv.Clock().Advance(3 * time.Second)
	lu = api.ListUsersOutput{}
	c.must(200, "GET", "/v1/brokers/"+cb.BrokerID+"/users", nil).decode(t, &lu)
	if len(lu.Users) != 1 || lu.Users[0] != (api.UserSummary{Username: "bob"}) {
		t.Fatalf("ListUsers after reboot = %+v", lu)
	}
	du = api.DescribeUserOutput{}
	c.must(200, "GET", "/v1/brokers/"+cb.BrokerID+"/users/bob", nil).decode(t, &du)
	if du.Pending != nil || len(du.Groups) != 1 {
		t.Fatalf("DescribeUser after reboot = %+v", du)
	}

	// UpdateBroker: pending until reboot.
	var ub api.UpdateBrokerOutput
	c.must(200, "PUT", "/v1/brokers/"+cb.BrokerID, map[string]any{"hostInstanceType": "mq.m5.large", "engineVersion": "5.18"}).decode(t, &ub)
	if ub.BrokerID != cb.BrokerID || ub.HostInstanceType != "mq.m5.large" {
		t.Fatalf("UpdateBroker = %+v", ub)
	}
	c.must(200, "GET", "/v1/brokers/"+cb.BrokerID, nil).decode(t, &d)
	if d.PendingHostInstanceType != "mq.m5.large" || d.HostInstanceType != "mq.t3.micro" || d.PendingEngineVersion != "5.18" {
		t.Fatalf("DescribeBroker pending = %+v", d)
	}
	c.must(200, "POST", "/v1/brokers/"+cb.BrokerID+"/reboot", nil)
	srv.Clock().Advance(3 * time.Second)
	d = api.DescribeBrokerOutput{}
	c.must(200, "GET", "/v1/brokers/"+cb.BrokerID, nil).decode(t, &d)
	if d.PendingHostInstanceType != "" || d.HostInstanceType != "mq.m5.large" || d.EngineVersion != "5.18" {
		t.Fatalf("DescribeBroker applied = %+v", d)
	}

	// Tags.
	arnPath := "/v1/tags/" + url.PathEscape(cb.BrokerARN)
	c.must(204, "POST", arnPath, map[string]any{"tags": map[string]string{"team": "mq"}})
	var lt api.ListTagsOutput
	c.must(200, "GET", arnPath, nil).decode(t, &lt)
	if len(lt.Tags) != 2 || lt.Tags["team"] != "mq" {
		t.Fatalf("ListTags = %+v", lt)
	}
	c.must(204, "DELETE", arnPath+"?tagKeys=env&tagKeys=nope", nil)
	lt = api.ListTagsOutput{}
	c.must(200, "GET", arnPath, nil).decode(t, &lt)
	if len(lt.Tags) != 1 {
		t.Fatalf("ListTags after delete = %+v", lt)
	}
	wantError(t, c.send("GET", "/v1/tags/"+url.PathEscape("arn:aws:mq:us-east-1:123456789012:broker:x:b-nope"), nil),
		404, "NotFoundException", "resource-arn", "b-nope")

	// Configuration in use.
	wantError(t, c.send("DELETE", "/v1/configurations/"+cfg.ID, nil), 409, "ConflictException", "configuration-id", "in use")

	// Delete.
	var del api.DeleteBrokerOutput
	c.must(200, "DELETE", "/v1/brokers/"+cb.BrokerID, nil).decode(t, &del)
	c.must(200, "GET", "/v1/brokers/"+cb.BrokerID, nil).decode(t, &d)
	if d.BrokerState != api.BrokerStateDeletionInProgress || del.BrokerID != cb.BrokerID {
		t.Fatalf("state after delete = %s", d.BrokerState)
	}
	srv.Clock().Advance(3 * time.Second)
	wantError(t, c.send("GET", "/v1/brokers/"+cb.BrokerID, nil), 404, "NotFoundException", "broker-id", cb.BrokerID)
	if srv.BrokerCount() != 0 {
		t.Fatalf("BrokerCount = %d", srv.BrokerCount())
	}
	c.must(200, "DELETE", "/v1/configurations/"+cfg.ID, nil)
	wantError(t, c.send("GET", "/v1/configurations/"+cfg.ID, nil), 404, "NotFoundException", "configuration-id", cfg.ID)

	// Every response carries a request ID and the emulator's Date.
	for _, r := range srv.Requests() {
		if r.Status == 0 {
			t.Errorf("request %s %s has no status", r.Method, r.Path)
		}
	}
	r = c.must(200, "GET", "/v1/brokers", nil)
	if r.Header.Get("X-Amzn-RequestId") == "" || r.Header.Get("Date") != srv.Clock().Now().Format(http.TimeFormat) ||
		r.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("headers = %v", r.Header)
	}
}
