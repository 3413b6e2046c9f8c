package client_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"testing"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
)

// pager answers ListBrokers with brokers b-0..b-(n-1), size per page.
func pager(n, size int, failAt int, repeatToken bool) func(http.ResponseWriter, *http.Request) {
	calls := 0
	return func(w http.ResponseWriter, r *http.Request) {
		calls++
		if failAt > 0 && calls == failAt {
			reply(400, map[string]string{"X-Amzn-ErrorType": "BadRequestException"}, `{"message":"bad token","errorAttribute":"nextToken"}`)(w, r)
			return
		}
		start := 0
		if tok := r.URL.Query().Get("nextToken"); tok != "" {
			start, _ = strconv.Atoi(tok)
		}
		body := `{"brokerSummaries":[`
		for i := start; i < min(start+size, n); i++ {
			if i > start {
				body += ","
			}
			body += fmt.Sprintf(`{"brokerId":"b-%d"}`, i)
		}
		body += `]`
		if start+size < n {
			next := strconv.Itoa(start + size)
			if repeatToken {
				next = "2"
			}
			body += `,"nextToken":"` + next + `"`
		}
		reply(200, nil, body+"}")(w, r)
	}
}

func ids(t *testing.T, seq func(func(api.BrokerSummary, error) bool)) ([]string, error) {
	t.Helper()
	var out []string
	for b, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, b.BrokerID)
	}
	return out, nil
}

func TestListBrokersAll(t *testing.T) {
	c, f := newFake(t, nil, pager(5, 2, 0, false))
	in := &api.ListBrokersInput{MaxResults: 2}
	seq := c.ListBrokersAll(t.Context(), in)
	if len(f.got()) != 0 {
		t.Fatal("iterator sent a request before being ranged over")
	}
	want := []string{"b-0", "b-1", "b-2", "b-3", "b-4"}
	for pass := 1; pass <= 2; pass++ {
		got, err := ids(t, seq)
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("pass %d: %v %v", pass, got, err)
		}
	}
	if in.NextToken != "" || in.MaxResults != 2 {
		t.Errorf("input modified: %+v", in)
	}
	if q, _ := url.ParseQuery(f.got()[1].URI[len("/prefix/v1/brokers?"):]); q.Get("maxResults") != "2" || q.Get("nextToken") != "2" {
		t.Errorf("second page request %s", f.got()[1].URI)
	}
}

func TestListBrokersAllEarlyBreak(t *testing.T) {
	c, f := newFake(t, nil, pager(10, 2, 0, false))
	for b, err := range c.ListBrokersAll(t.Context(), nil) {
		if err != nil || b.BrokerID == "b-2" {
			break
		}
	}
	if n := len(f.got()); n != 2 {
		t.Errorf("%d pages fetched for 3 items", n)
	}
}

func TestListBrokersAllErrorOnce(t *testing.T) {
	c, _ := newFake(t, nil, pager(10, 2, 2, false))
	errs := 0
	var items []string
	for b, err := range c.ListBrokersAll(t.Context(), nil) {
		if err != nil {
			errs++
			if !errors.Is(err, client.ErrBadRequest) {
				t.Errorf("error %v", err)
			}
			continue
		}
		items = append(items, b.BrokerID)
	}
	if errs != 1 || len(items) != 2 {
		t.Errorf("errors %d, items %v", errs, items)
	}
}

func TestListBrokersAllRepeatedTokenStops(t *testing.T) {
	c, f := newFake(t, nil, pager(100, 2, 0, true))
	got, err := ids(t, c.ListBrokersAll(t.Context(), nil))
	if err != nil || len(f.got()) != 2 || len(got) != 4 {
		t.Errorf("items %v, %d pages, %v", got, len(f.got()), err)
	}
}
