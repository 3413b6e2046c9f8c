package client_test

import (
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/api"
)

// sdkSharedResourcesPage is the aws-sdk-go-v2 snapshot fixture of a
// DescribeSharedResources response.
const sdkSharedResourcesPage = `{"nextToken":"__NextToken__","sharedResources":[{"dnsNames":["__Member__","__Member__"],"error":{"code":"QUOTA_EXCEEDED","message":"__Message__"},"resourceArn":"__ResourceArn__","resourceShareArns":["__Member__","__Member__"],"status":"AVAILABLE","type":"RESOURCE_SHARE"},{"dnsNames":["__Member__","__Member__"],"error":{"code":"QUOTA_EXCEEDED","message":"__Message__"},"resourceArn":"__ResourceArn__","resourceShareArns":["__Member__","__Member__"],"status":"AVAILABLE","type":"RESOURCE_SHARE"}]}`

// sdkSharedResource is one item of sdkSharedResourcesPage, decoded.
func sdkSharedResource() api.SharedResource {
	return api.SharedResource{DNSNames: []string{"__Member__", "__Member__"},
		Error:       &api.SharedResourceError{Code: api.SharedResourceErrorCodeQuotaExceeded, Message: "__Message__"},
		ResourceARN: "__ResourceArn__", ResourceShareARNs: []string{"__Member__", "__Member__"},
		Status: api.SharedResourceStatusAvailable, Type: api.SharedResourceTypeResourceShare}
}

// sharedPages answers DescribeSharedResources with the SDK fixture, then,
// for its token, with the fixture as a last page (no token).
func sharedPages(w http.ResponseWriter, r *http.Request) {
	body := sdkSharedResourcesPage
	if r.URL.Query().Get("nextToken") == "__NextToken__" {
		body = strings.Replace(body, `"nextToken":"__NextToken__",`, "", 1)
	}
	reply(200, map[string]string{"X-Amzn-RequestId": "req-shared"}, body)(w, r)
}

func TestDescribeSharedResources(t *testing.T) {
	c, f := newFake(t, nil, sharedPages)
	out, err := c.DescribeSharedResources(t.Context(), &api.DescribeSharedResourcesInput{BrokerID: "b-1", MaxResults: 5})
	if err != nil {
		t.Fatal(err)
	}
	want := &api.DescribeSharedResourcesOutput{NextToken: "__NextToken__",
		SharedResources: []api.SharedResource{sdkSharedResource(), sdkSharedResource()}}
	want.RequestID = "req-shared"
	if !reflect.DeepEqual(out, want) {
		t.Errorf("got  %+v\nwant %+v", out, want)
	}
	if r := f.got()[0]; r.Method != "GET" || r.URI != "/prefix/v1/brokers/b-1/shared-resources?maxResults=5" || len(r.Body) != 0 {
		t.Errorf("request %s %s %q", r.Method, r.URI, r.Body)
	}
}

func TestDescribeSharedResourcesAll(t *testing.T) {
	c, f := newFake(t, nil, sharedPages)
	in := &api.DescribeSharedResourcesInput{BrokerID: "b-1", MaxResults: 2}
	seq := c.DescribeSharedResourcesAll(t.Context(), in)
	if len(f.got()) != 0 {
		t.Fatal("iterator sent a request before being ranged over")
	}
	for pass := 1; pass <= 2; pass++ {
		var got []api.SharedResource
		for r, err := range seq {
			if err != nil {
				t.Fatalf("pass %d: %v", pass, err)
			}
			got = append(got, r)
		}
		want := []api.SharedResource{sdkSharedResource(), sdkSharedResource(), sdkSharedResource(), sdkSharedResource()}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("pass %d: got %+v", pass, got)
		}
	}
	reqs := f.got()
	if len(reqs) != 4 {
		t.Fatalf("%d requests for two passes over two pages", len(reqs))
	}
	for i, want := range []string{"/prefix/v1/brokers/b-1/shared-resources?maxResults=2",
		"/prefix/v1/brokers/b-1/shared-resources?maxResults=2&nextToken=__NextToken__"} {
		if reqs[i].URI != want {
			t.Errorf("request %d: %s, want %s", i, reqs[i].URI, want)
		}
	}
	if in.NextToken != "" {
		t.Errorf("input modified: %+v", in)
	}
}
