package mqtest_test

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/mqtest"
)

// churnList pages through a listing (path, with maxResults=size) and calls
// between before each page after the first with what was listed so far. It
// returns how often each key was listed.
func churnList(t *testing.T, c *tclient, path string, size int, keys func(body *resp) ([]string, string), between func(listed []string)) map[string]int {
	t.Helper()
	seen := map[string]int{}
	var listed []string
	token := ""
	for pages := 0; ; pages++ {
		if pages > 10_000 {
			t.Fatal("the listing does not end")
		}
		if pages > 0 {
			between(listed)
		}
		q := url.Values{"maxResults": {fmt.Sprint(size)}}
		if token != "" {
			q.Set("nextToken", token)
		}
		ks, next := keys(c.must(200, "GET", path+"?"+q.Encode(), nil))
		for _, k := range ks {
			seen[k]++
			listed = append(listed, k)
		}
		if token = next; token == "" {
			return seen
		}
	}
}

// TestListBrokersExactUnderChurn lists 1,000 brokers 37 at a time while, between
// pages, brokers already listed and brokers not yet listed are deleted and
// new ones created: every broker that exists throughout the listing appears
// exactly once, and none appears twice.
func TestListBrokersExactUnderChurn(t *testing.T) {
	srv := newServer(t, mqtest.WithBrokerCreateDelay(0), mqtest.WithRequestLog(0))
	c := admin(t, srv)
	var ids []string
	create := func(name string) string {
		var out api.CreateBrokerOutput
		c.must(200, "POST", "/v1/brokers", brokerBody(name)).decode(t, &out)
		return out.BrokerID
	}
	for i := range 1000 {
		ids = append(ids, create(fmt.Sprintf("b%04d", i)))
	}
	deleted := map[string]bool{}
	del := func(id string) {
		if !deleted[id] {
			c.must(200, "DELETE", "/v1/brokers/"+id, nil)
			deleted[id] = true
		}
	}
	created := 0
	next := len(ids) - 1 // not yet listed: deleted from the end
	seen := churnList(t, c, "/v1/brokers", 37, func(r *resp) ([]string, string) {
		var out api.ListBrokersOutput
		r.decode(t, &out)
		var ks []string
		for _, b := range out.BrokerSummaries {
			ks = append(ks, b.BrokerID)
		}
		return ks, out.NextToken
	}, func(listed []string) {
		// Already listed: the cursor's own broker, its neighbour and two
		// further back.
		for _, i := range []int{len(listed) - 1, len(listed) - 2, len(listed) / 2, len(listed) / 5} {
			for i > 0 && deleted[listed[i]] {
				i--
			}
			del(listed[i])
		}
		del(ids[next]) // not listed yet
		next--
		for range 3 {
			create(fmt.Sprintf("new%04d", created))
			created++
		}
	})
	survivors := 0
	for _, id := range ids {
		if deleted[id] {
			continue
		}
		survivors++
		if seen[id] != 1 {
			t.Errorf("survivor %s listed %d times", id, seen[id])
		}
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s listed %d times", id, n)
		}
	}
	if survivors < 700 || len(deleted) < 100 || created < 50 {
		t.Fatalf("too little churn: %d survivors, %d deleted, %d created", survivors, len(deleted), created)
	}
}

// TestListUsersExactUnderChurn does the same for a broker's users, where
// deleting a user whose creation is pending removes it at once.
func TestListUsersExactUnderChurn(t *testing.T) {
	srv := newServer(t, mqtest.WithBrokerCreateDelay(0), mqtest.WithRequestLog(0))
	c := admin(t, srv)
	var b api.CreateBrokerOutput
	c.must(200, "POST", "/v1/brokers", brokerBody("users")).decode(t, &b)
	base := "/v1/brokers/" + b.BrokerID + "/users"
	var names []string
	for i := range 150 {
		n := fmt.Sprintf("u%03d", i*2+1) // odd names; new ones are even, so they land among the old
		c.must(200, "POST", base+"/"+n, map[string]any{"password": "userpassword123"})
		names = append(names, n)
	}
	deleted := map[string]bool{}
	created := 0
	seen := churnList(t, c, base, 10, func(r *resp) ([]string, string) {
		var out api.ListUsersOutput
		r.decode(t, &out)
		var ks []string
		for _, u := range out.Users {
			ks = append(ks, u.Username)
		}
		return ks, out.NextToken
	}, func(listed []string) {
		for _, n := range []string{listed[len(listed)/3], listed[len(listed)-1]} {
			if !deleted[n] && n != "admin" {
				c.must(200, "DELETE", base+"/"+n, nil)
				deleted[n] = true
			}
		}
		c.must(200, "POST", fmt.Sprintf("%s/u%03d", base, created*6), map[string]any{"password": "userpassword123"})
		created++
	})
	for _, n := range append(names, "admin") {
		if !deleted[n] && seen[n] != 1 {
			t.Errorf("survivor %s listed %d times", n, seen[n])
		}
	}
	for n, k := range seen {
		if k != 1 {
			t.Errorf("%s listed %d times", n, k)
		}
	}
	if len(deleted) < 20 {
		t.Fatalf("too little churn: %d deleted", len(deleted))
	}
}

// TestListConfigurationsExactUnderChurn does the same for configurations.
func TestListConfigurationsExactUnderChurn(t *testing.T) {
	srv := newServer(t, mqtest.WithRequestLog(0))
	c := admin(t, srv)
	create := func(name string) string {
		var out api.CreateConfigurationOutput
		c.must(200, "POST", "/v1/configurations", map[string]any{"name": name, "engineType": "ACTIVEMQ"}).decode(t, &out)
		return out.ID
	}
	var ids []string
	for i := range 300 {
		ids = append(ids, create(fmt.Sprintf("c%03d", i)))
	}
	deleted := map[string]bool{}
	seen := churnList(t, c, "/v1/configurations", 17, func(r *resp) ([]string, string) {
		var out api.ListConfigurationsOutput
		r.decode(t, &out)
		var ks []string
		for _, cfg := range out.Configurations {
			ks = append(ks, cfg.ID)
		}
		return ks, out.NextToken
	}, func(listed []string) {
		for _, id := range []string{listed[len(listed)-1], listed[len(listed)/2]} {
			if !deleted[id] {
				c.must(200, "DELETE", "/v1/configurations/"+id, nil)
				deleted[id] = true
			}
		}
		create("new")
	})
	for _, id := range ids {
		if !deleted[id] && seen[id] != 1 {
			t.Errorf("survivor %s listed %d times", id, seen[id])
		}
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s listed %d times", id, n)
		}
	}
	if len(deleted) < 20 {
		t.Fatalf("too little churn: %d deleted", len(deleted))
	}
}
