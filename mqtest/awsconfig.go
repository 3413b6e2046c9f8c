package mqtest

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// AWSConfig returns an aws.Config for calling the server as the default
// principal (DefaultAccessKeyID): its region, static credentials, and
// BaseEndpoint set to its URL, which client.NewFromConfig and the official
// SDK both honour:
//
//	c, err := client.NewFromConfig(srv.AWSConfig(), client.WithClock(srv.Clock().Now))
//
// (mqtest does not import package client, so it cannot return a client
// itself.) Pair it with client.WithClock(srv.Clock().Now) when the test
// moves the emulator's clock, and with WaitOptions{Sleep: srv.Clock().Sleep}
// for waiters that follow it.
func (s *Server) AWSConfig() aws.Config {
	return s.AWSConfigFor(DefaultAccessKeyID, DefaultSecretAccessKey)
}

// AWSConfigFor is AWSConfig for the principal with the given keys (see
// WithPrincipals).
func (s *Server) AWSConfigFor(accessKeyID, secretAccessKey string) aws.Config {
	url := s.URL
	return aws.Config{
		Region:       s.cfg.region,
		Credentials:  credentials.NewStaticCredentialsProvider(accessKeyID, secretAccessKey, ""),
		BaseEndpoint: &url,
	}
}
