package client_test

import (
	"testing"

	"github.com/mqrest/mqrest/api"
)

// The iterator decodes every page into one reused buffer: no member of a
// broker on one page may show through on the next.
func TestListBrokersAllReusedPageLeaksNothing(t *testing.T) {
	c, _ := newFake(t, nil,
		reply(200, nil, `{"brokerSummaries":[{"brokerId":"b-0","brokerName":"zero"},{"brokerId":"b-1","brokerName":"one"}],"nextToken":"t"}`),
		reply(200, nil, `{"brokerSummaries":[{"brokerId":"b-2"}]}`))
	var got []api.BrokerSummary
	for b, err := range c.ListBrokersAll(t.Context(), &api.ListBrokersInput{MaxResults: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, b)
	}
	if len(got) != 3 || got[0].BrokerName != "zero" || got[1].BrokerName != "one" || got[2].BrokerID != "b-2" || got[2].BrokerName != "" {
		t.Errorf("got %+v", got)
	}
}

// A page size presizes the list, but a response without one still
// decodes to a nil list, as it would without presizing.
func TestListBrokersPresizedListStaysNil(t *testing.T) {
	c, _ := newFake(t, nil, reply(200, nil, `{}`), reply(200, nil, `{"brokerSummaries":[]}`))
	out, err := c.ListBrokers(t.Context(), &api.ListBrokersInput{MaxResults: 50})
	if err != nil || out.BrokerSummaries != nil {
		t.Errorf("absent list: %#v, %v", out.BrokerSummaries, err)
	}
	out, err = c.ListBrokers(t.Context(), &api.ListBrokersInput{MaxResults: 50})
	if err != nil || out.BrokerSummaries == nil || len(out.BrokerSummaries) != 0 {
		t.Errorf("empty list: %#v, %v", out.BrokerSummaries, err)
	}
}
