//go:build compat

package compat

// noEnvCreds removes the credentials and region of the environment, so that
// the shared config files give them.
var noEnvCreds = map[string]string{"AWS_ACCESS_KEY_ID": unset, "AWS_SECRET_ACCESS_KEY": unset, "AWS_REGION": unset}

// profileFiles are config files with a default and a named profile.
var profileFiles = map[string]string{
	"config":      "[default]\nregion = us-east-1\n\n[profile dev]\nregion = us-east-1\noutput = text\n",
	"credentials": "[default]\naws_access_key_id = " + adminKey + "\naws_secret_access_key = " + adminSecret + "\n\n[dev]\naws_access_key_id = " + readerKey + "\naws_secret_access_key = " + readerSecret + "\n",
}

// configCases: item 6, configuration.
var configCases = []compatCase{
	{name: "profile/default-from-files", env: noEnvCreds, files: profileFiles, args: []string{"mq", "list-brokers", "--query", "length(BrokerSummaries) > `0`"}},
	{name: "profile/flag", env: noEnvCreds, files: profileFiles, args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "[BrokerName, EngineType, AutoMinorVersionUpgrade]", "--profile", "dev"}},
	{name: "profile/env", env: map[string]string{"AWS_ACCESS_KEY_ID": unset, "AWS_SECRET_ACCESS_KEY": unset, "AWS_REGION": unset, "AWS_PROFILE": "dev"},
		files: profileFiles, args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "[BrokerName, EngineType, AutoMinorVersionUpgrade]"}},
	{name: "profile/denied-through-profile", env: noEnvCreds, files: profileFiles, setup: freshBroker(""),
		args: []string{"mq", "delete-tags", "--resource-arn", "{{arn}}", "--tag-keys", "a", "--profile", "dev"}},
	{name: "profile/no-credentials", env: noEnvCreds, files: map[string]string{"config": "[default]\nregion = us-east-1\n"}, args: []string{"mq", "list-brokers"}},
	{name: "profile/region-missing", bare: true, env: noEnvCreds, files: map[string]string{"credentials": profileFiles["credentials"]}, args: []string{"mq", "list-brokers"}},
	{name: "output/profile-text", env: noEnvCreds, files: profileFiles, args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "[BrokerName, EngineType, AutoMinorVersionUpgrade]", "--profile", "dev"}},
	{name: "output/profile-json-flag-wins", env: noEnvCreds, files: profileFiles, args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "[BrokerName, EngineType, AutoMinorVersionUpgrade]", "--profile", "dev", "--output", "json"}},
	{name: "output/env-text", env: map[string]string{"AWS_DEFAULT_OUTPUT": "text"}, args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "[BrokerName, EngineType, AutoMinorVersionUpgrade]"}},
	{name: "output/env-yaml", env: map[string]string{"AWS_DEFAULT_OUTPUT": "yaml"}, args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "{Name: BrokerName, Engine: EngineType, Users: Users[].Username}"}},
	{name: "output/profile-yaml-stream", files: map[string]string{"config": "[default]\noutput = yaml-stream\n"}, args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "[BrokerName, EngineType]"}},
	{name: "output/env-bogus", env: map[string]string{"AWS_DEFAULT_OUTPUT": "bogus"}, args: []string{"mq", "list-brokers"}},
	{name: "output/profile-bogus", files: map[string]string{"config": "[default]\noutput = bogus\n"}, args: []string{"mq", "list-brokers"}},
	{name: "retry/bad-mode", files: map[string]string{"config": "[default]\nretry_mode = bogus\n"}, args: []string{"mq", "list-brokers"}},
	{name: "retry/max-attempts-not-a-number", files: map[string]string{"config": "[default]\nmax_attempts = abc\n"}, args: []string{"mq", "list-brokers"},
		diff:  "a max_attempts that is not a number is a configuration error (253) naming the setting; the AWS CLI fails with Python's ValueError text and 255",
		check: wantStderr(253, "max_attempts")},
	{name: "retry/max-attempts-one", files: map[string]string{"config": "[default]\nmax_attempts = 1\nretry_mode = standard\n"},
		args: []string{"mq", "list-brokers", "--endpoint-url", "http://127.0.0.1:1"}},
	{name: "endpoint/profile-endpoint-url", bare: true, files: map[string]string{"config": "[default]\nendpoint_url = {{endpoint}}\n"},
		args:  []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "BrokerName"},
		diff:  "the AWS CLI 2.9 predates endpoint_url in profiles (2.13 added it) and calls the real endpoint; mqctl uses the profile's endpoint_url, as current AWS CLIs do",
		check: wantCode(0)},
	{name: "endpoint/services-section", bare: true,
		files: map[string]string{"config": "[default]\nservices = local\n\n[services local]\nmq =\n  endpoint_url = {{endpoint}}\n"},
		args:  []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "BrokerName"},
		diff:  "the AWS CLI 2.9 predates the services section (2.13 added it) and calls the real endpoint; mqctl uses it, as current AWS CLIs do",
		check: wantCode(0)},
}
