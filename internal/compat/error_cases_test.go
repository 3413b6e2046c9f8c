//go:build compat

package compat

import (
	"strings"
	"testing"
)

// reader is the environment of the principal allowed only mq:List* and
// mq:Describe*.
var reader = map[string]string{"AWS_ACCESS_KEY_ID": readerKey, "AWS_SECRET_ACCESS_KEY": readerSecret}

// errorCases: item 5, exit codes and error text.
var errorCases = []compatCase{
	{name: "service/not-found", args: []string{"mq", "describe-broker", "--broker-id", "b-nope"}},
	{name: "service/not-found-user", args: []string{"mq", "describe-user", "--broker-id", "{{broker}}", "--username", "nobody"}},
	{name: "service/conflict", args: []string{"mq", "create-user", "--broker-id", "{{broker}}", "--username", "admin", "--password", "compat-password-2"}},
	{name: "service/bad-request", args: []string{"mq", "create-broker", "--broker-name", "bad-enum", "--engine-type", "ACTIVEMQ", "--engine-version", "5.18",
		"--deployment-mode", "SINGLE_INSTANCE", "--host-instance-type", "mq.t3.micro", "--no-publicly-accessible", "--auto-minor-version-upgrade",
		"--users", "Username=admin,Password=compat-password-1", "--storage-type", "bogus"}},
	{name: "service/access-denied", env: reader, setup: freshBroker(""),
		args:  []string{"mq", "create-tags", "--resource-arn", "{{arn}}", "--tags", "a=1"},
		check: wantStderr(254, "lacks mq:CreateTags", "fix: ", `"mq:CreateTags"`)},
	{name: "service/invalid-signature", env: map[string]string{"AWS_SECRET_ACCESS_KEY": "wrong"}, args: []string{"mq", "list-brokers"}},
	{name: "service/unknown-access-key", env: map[string]string{"AWS_ACCESS_KEY_ID": "AKIDNOBODY"}, args: []string{"mq", "list-brokers"}},
	{name: "network/connection-refused", args: []string{"mq", "list-brokers", "--endpoint-url", "http://127.0.0.1:1"}},
	{name: "config/no-credentials", env: map[string]string{"AWS_ACCESS_KEY_ID": unset, "AWS_SECRET_ACCESS_KEY": unset}, args: []string{"mq", "list-brokers"}},
	{name: "config/no-region", bare: true, env: map[string]string{"AWS_REGION": unset}, args: []string{"mq", "list-brokers"}},
	{name: "config/no-region-with-endpoint", env: map[string]string{"AWS_REGION": unset}, args: []string{"mq", "list-brokers"},
		diff:  "with --endpoint-url and no region the AWS CLI signs for region \"\" and the service rejects the signature (254); mqctl does not send and says a region is needed (253)",
		check: wantStderr(253, "You must specify a region.")},
	{name: "config/unknown-profile", args: []string{"mq", "list-brokers", "--profile", "nope"}},
	{name: "config/unknown-profile-env", env: map[string]string{"AWS_PROFILE": "nope"}, args: []string{"mq", "list-brokers"}},
	{name: "usage/bad-output", args: []string{"mq", "list-brokers", "--output", "bogus"}},
	{name: "usage/bad-shorthand", args: []string{"mq", "describe-configuration-revision", "--configuration-id", "c-1", "--configuration-revision", "1", "--bogus=x"}},
	{name: "usage/bad-json", setup: freshBroker(""),
		args:  []string{"mq", "update-broker", "--broker-id", "{{id}}", "--configuration", `{"Id":`},
		diff:  "the detail after \"Invalid JSON:\" is Go's decoder's, not Python's",
		check: wantStderr(252, "Error parsing parameter '--configuration': Invalid JSON:")},
	{name: "detailed/env-not-found", env: map[string]string{"MQCTL_DETAILED_EXIT_CODES": "1"}, args: []string{"mq", "describe-broker", "--broker-id", "b-nope"},
		diff:  "MQCTL_DETAILED_EXIT_CODES=1 selects mqctl's detailed exit codes: 4 for not found",
		check: wantStderr(4, "An error occurred (NotFoundException) when calling the DescribeBroker operation")},
	{name: "detailed/flag-usage", args: []string{"mq", "describe-broker", "--detailed-exit-codes"},
		diff:  "--detailed-exit-codes is mqctl's: usage errors exit 2 (the AWS CLI knows no such option)",
		check: wantCode(2)},
	{name: "detailed/flag-access-denied", env: reader, setup: freshBroker(""),
		args:  []string{"mq", "create-tags", "--resource-arn", "{{arn}}", "--tags", "a=1", "--detailed-exit-codes"},
		diff:  "--detailed-exit-codes: 3 for an access denial",
		check: wantCode(3)},
	{name: "service/region-mismatch", args: []string{"mq", "list-brokers", "--region", "eu-west-1"}},
	{name: "service/unsigned", args: []string{"mq", "list-brokers", "--no-sign-request"}},
	{name: "network/env-max-attempts", env: map[string]string{"AWS_MAX_ATTEMPTS": "1"}, args: []string{"mq", "list-brokers", "--endpoint-url", "http://127.0.0.1:1"}},
	{name: "password-stdin", setup: freshBroker(""), stdin: "compat-password-9\n",
		args:  []string{"mq", "create-user", "--broker-id", "{{id}}", "--username", "app1", "--password-stdin"},
		diff:  "--password-stdin (and --password-file) are mqctl's: the password stays off the command line; the AWS CLI knows no such option",
		check: wantCode(0)},
	{name: "debug/redacted", args: []string{"mq", "list-brokers", "--debug"},
		diff: "--debug is mqctl's own trace of each request and response, with the signature, session token and passwords redacted (the AWS CLI's log shows the signature)",
		check: func(t *testing.T, aws, mq result) {
			wantStderr(0, "<redacted>")(t, aws, mq)
			if strings.Contains(mq.stderr, adminSecret) || aws.stdout != mq.stdout {
				t.Errorf("mqctl --debug: the secret shows, or stdout differs from the AWS CLI's:\n%s", mq.stdout)
			}
		}},
	{name: "wait", args: []string{"mq", "wait", "broker-running", "--broker-id", "{{broker}}"},
		diff:  "`mqctl wait broker-running|broker-rebooted|broker-deleted` (and --wait) are mqctl's; the AWS CLI has no waiter for Amazon MQ",
		check: wantCode(0)},
	{name: "dry-run", args: []string{"mq", "list-brokers", "--dry-run"},
		diff:  "--dry-run is mqctl's: it prints the signed request (secrets redacted) and the IAM actions, and sends nothing",
		check: wantStderr(0)},
}
