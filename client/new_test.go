package client_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/mqtest"
)

// TestNewUsesTheStandardChain: without region and credential options, New
// takes them from the environment through aws-sdk-go-v2/config.
func TestNewUsesTheStandardChain(t *testing.T) {
	srv := newEmulator(t)
	dir := t.TempDir()
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_ACCESS_KEY_ID", mqtest.DefaultAccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", mqtest.DefaultSecretAccessKey)
	c, err := client.New(t.Context(), client.WithEndpoint(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	if c.Region() != "us-east-1" {
		t.Errorf("region %q", c.Region())
	}
	if _, err := c.ListBrokers(t.Context(), nil); err != nil {
		t.Fatalf("signed with the environment's keys: %v", err)
	}
}

func TestNewOptions(t *testing.T) {
	creds := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) { return aws.Credentials{}, nil })
	tests := map[string]struct {
		opts     []client.Option
		endpoint string
		errText  string
	}{
		"default endpoint":     {[]client.Option{client.WithRegion("eu-west-1")}, "https://mq.eu-west-1.amazonaws.com", ""},
		"fips":                 {[]client.Option{client.WithRegion("us-gov-west-1"), client.WithFIPS()}, "https://mq-fips.us-gov-west-1.amazonaws.com", ""},
		"dual-stack in China":  {[]client.Option{client.WithRegion("cn-north-1"), client.WithDualStack()}, "https://mq.cn-north-1.api.amazonwebservices.com.cn", ""},
		"endpoint with prefix": {[]client.Option{client.WithRegion("us-east-1"), client.WithEndpoint("http://127.0.0.1:9/mq/")}, "http://127.0.0.1:9/mq", ""},
		"fips with endpoint":   {[]client.Option{client.WithRegion("us-east-1"), client.WithFIPS(), client.WithEndpoint("http://x")}, "", "custom endpoint"},
		"bad endpoint":         {[]client.Option{client.WithRegion("us-east-1"), client.WithEndpoint("ftp://x")}, "", "not an http(s) URL"},
		"bad region":           {[]client.Option{client.WithRegion("us east")}, "", "region"},
		"bad region, endpoint": {[]client.Option{client.WithRegion("us east"), client.WithEndpoint("http://127.0.0.1:9")}, "", `invalid or missing region: "us east"`},
		"zero attempts":        {[]client.Option{client.WithRegion("us-east-1"), client.WithMaxAttempts(0)}, "", "WithMaxAttempts"},
		"nil http client":      {[]client.Option{client.WithRegion("us-east-1"), client.WithHTTPClient(nil)}, "", "nil client"},
		"tiny response cap":    {[]client.Option{client.WithRegion("us-east-1"), client.WithMaxResponseBytes(1)}, "", "too small"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, err := client.New(t.Context(), append(tc.opts, client.WithCredentials(creds))...)
			if tc.errText != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errText) {
					t.Fatalf("err = %v, want %q", err, tc.errText)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Endpoint() != tc.endpoint {
				t.Errorf("endpoint %s, want %s", c.Endpoint(), tc.endpoint)
			}
		})
	}
}
