package secretscan

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
)

func TestSignaturesAndFind(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	s := &Signatures{}
	req, _ := http.NewRequest("GET", srv.URL, nil)
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=x, SignedHeaders=host, Signature=abc123")
	resp, err := (&http.Client{Transport: s}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := s.All(); !slices.Equal(got, []string{"abc123"}) {
		t.Errorf("All() = %v", got)
	}
	var b Buffer
	b.Write([]byte("log line with abc123"))
	if got := Find(b.String(), "abc123", "other", ""); !slices.Equal(got, []string{"abc123"}) {
		t.Errorf("Find = %v", got)
	}
}
