package client

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
)

// The service's identifier in the SDK's "service-specific endpoints"
// feature: the [services] key "mq" and the variable AWS_ENDPOINT_URL_MQ.
const (
	mqServiceID    = "mq"
	envEndpoint    = "AWS_ENDPOINT_URL"
	envEndpointMQ  = "AWS_ENDPOINT_URL_MQ"
	defaultProfile = "default"
)

// ConfiguredEndpoint returns the endpoint URL that cfg and the
// configuration sources it was loaded from (cfg.ConfigSources, which
// config.LoadDefaultConfig fills) set for Amazon MQ, exactly as
// aws-sdk-go-v2's service/mq resolves its base endpoint; "" when none is
// set and the client uses the AWS endpoint of its Region. In order:
//
//  1. AWS_ENDPOINT_URL_MQ;
//  2. the mq endpoint_url of the [services NAME] section the profile names
//     with services = NAME;
//  3. cfg.BaseEndpoint, which config.LoadDefaultConfig sets from
//     AWS_ENDPOINT_URL or else the profile's endpoint_url.
//
// When AWS_ENDPOINT_URL is set and AWS_ENDPOINT_URL_MQ is not, the
// services section is not read (AWS_ENDPOINT_URL wins over it, as in the
// SDK). AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true, or the profile's
// ignore_configured_endpoint_urls = true, turns 1 to 3 off except a
// BaseEndpoint set in code. An aws.Config built by hand has no
// ConfigSources: only its BaseEndpoint counts, as with the SDK.
func ConfiguredEndpoint(cfg aws.Config) string {
	ep := ""
	if cfg.BaseEndpoint != nil {
		ep = *cfg.BaseEndpoint
	}
	_, global := os.LookupEnv(envEndpoint)
	_, service := os.LookupEnv(envEndpointMQ)
	if global && !service {
		return ep
	}
	if v, ok := serviceBaseEndpoint(cfg.ConfigSources); ok {
		return v
	}
	return ep
}

// serviceBaseEndpoint is the SDK's internal
// configsources.ResolveServiceBaseEndpoint: the first source that names an
// endpoint for the service, unless a source turns configured endpoints off.
func serviceBaseEndpoint(sources []any) (string, bool) {
	if ignoreConfiguredEndpoints(sources) {
		return "", false
	}
	for _, src := range sources {
		p, ok := src.(interface {
			GetServiceBaseEndpoint(context.Context, string) (string, bool, error)
		})
		if !ok {
			continue
		}
		v, found, err := p.GetServiceBaseEndpoint(context.Background(), mqServiceID)
		if err != nil {
			return "", false
		}
		if found {
			return v, true
		}
	}
	return "", false
}

// ignoreConfiguredEndpoints reports AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or
// the profile's ignore_configured_endpoint_urls, the first one set.
func ignoreConfiguredEndpoints(sources []any) bool {
	v, found, err := config.GetIgnoreConfiguredEndpoints(context.Background(), sources)
	return found && v && err == nil
}

// loadEndpointAndRetryConfig returns what config.LoadDefaultConfig would
// resolve of the endpoint and retry settings, from the environment and the
// shared config profile (AWS_PROFILE, AWS_CONFIG_FILE,
// AWS_SHARED_CREDENTIALS_FILE) only: no credential provider or Region
// lookup is set up, and nothing is sent. New uses it when its options
// already give the Region and the credentials.
func loadEndpointAndRetryConfig(ctx context.Context) (aws.Config, error) {
	env, err := config.NewEnvConfig()
	if err != nil {
		return aws.Config{}, fmt.Errorf("mqrest: load AWS config: %w", err)
	}
	profile := env.SharedConfigProfile
	if profile == "" {
		profile = defaultProfile
	}
	shared, err := config.LoadSharedConfigProfile(ctx, profile, func(o *config.LoadSharedConfigOptions) {
		if env.SharedConfigFile != "" {
			o.ConfigFiles = []string{env.SharedConfigFile}
		}
		if env.SharedCredentialsFile != "" {
			o.CredentialsFiles = []string{env.SharedCredentialsFile}
		}
	})
	var notExist config.SharedConfigProfileNotExistError
	if errors.As(err, &notExist) {
		shared, err = config.SharedConfig{}, nil // as LoadDefaultConfig: a missing profile sets nothing
	}
	if err != nil {
		return aws.Config{}, fmt.Errorf("mqrest: load AWS config: %w", err)
	}
	cfg := aws.Config{ConfigSources: []any{env, shared}}
	if !ignoreConfiguredEndpoints(cfg.ConfigSources) {
		switch {
		case env.BaseEndpoint != "":
			cfg.BaseEndpoint = aws.String(env.BaseEndpoint)
		case shared.BaseEndpoint != "":
			cfg.BaseEndpoint = aws.String(shared.BaseEndpoint)
		}
	}
	cfg.RetryMaxAttempts = env.RetryMaxAttempts
	if cfg.RetryMaxAttempts == 0 {
		cfg.RetryMaxAttempts = shared.RetryMaxAttempts
	}
	cfg.RetryMode = env.RetryMode
	if cfg.RetryMode == "" {
		cfg.RetryMode = shared.RetryMode
	}
	return cfg, nil
}
