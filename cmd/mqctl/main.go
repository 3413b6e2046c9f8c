// Command mqctl is a drop-in for `aws mq`: one subcommand per Amazon MQ
// operation, generated at start-up from the operation table of package api,
// with the AWS CLI's flags, output formats, --query, pagination and exit
// codes that scripts can rely on. It also waits for brokers, explains access
// denials, writes least-privilege policies and runs the mqtest emulator.
//
// # Commands and flags
//
// Each operation is a command named in the AWS CLI's kebab-case
// (ListBrokers → list-brokers, DescribeConfigurationRevision →
// describe-configuration-revision), with one flag per input member, named
// after the AWS CLI member name (BrokerId → --broker-id, SubnetIds →
// --subnet-ids), parsed as the AWS CLI v2 parses its command lines (the
// compatibility suite, internal/compat, checks it against the real one):
//
//   - Booleans are --x and --no-x (--publicly-accessible,
//     --no-publicly-accessible); of both, the last wins.
//   - Lists take space-separated values (--subnet-ids a b, --users
//     Username=a,... Username=b,...) or a JSON list; a comma stays inside
//     its value.
//   - Of a flag given twice, the last occurrence wins.
//   - Structures and maps take the AWS CLI shorthand (--configuration
//     Id=c-1,Revision=2, --tags k=v,k2=v2, nested Key={...} and Key=[a,b])
//     or JSON with the AWS CLI's PascalCase member names.
//   - Any value may be file://PATH, read from the file; fileb:// is
//     refused, as no Amazon MQ member is a blob.
//   - --cli-input-json and --cli-input-yaml (the text, file://PATH or - for
//     stdin) give the whole input in PascalCase member names; flags override
//     its members. --generate-cli-skeleton [input|output|yaml-input] prints
//     a template.
//   - `mqctl OP help`, `mqctl help OP`, and an optional `mq` word in front
//     of the operation (`mqctl mq list-brokers`).
//   - Secret members (CreateUser's and UpdateUser's Password) also take
//     --password-file PATH and --password-stdin, and are never printed.
//     At a terminal, --password-stdin prompts on stderr and reads one line
//     with the terminal's echo off.
//
// Required members and the documented limits are checked by
// api.Operation.Validate before anything is sent. Enums are open, as in the
// AWS SDK: a value the API version does not list is sent, and the service
// judges it.
//
// The commands' help (the operation's documentation, each flag's, the
// examples) and the waiter of --wait come from the Smithy model and its
// overlay (api/model), through the metadata internal/gen writes to
// commands_gen.go.
//
// # Global options
//
// --region, --profile, --endpoint-url, --output json|text|table|yaml|yaml-stream,
// --query,
// --no-paginate, --debug, --cli-connect-timeout, --cli-read-timeout,
// --max-attempts, --ca-bundle, --no-verify-ssl and --no-sign-request behave
// as in the AWS CLI, with the same environment variables (AWS_REGION,
// AWS_DEFAULT_REGION, AWS_PROFILE, AWS_ENDPOINT_URL_MQ, AWS_ENDPOINT_URL,
// AWS_DEFAULT_OUTPUT, AWS_MAX_ATTEMPTS, AWS_CA_BUNDLE) and profile
// settings (region, credentials, output, max_attempts, retry_mode,
// endpoint_url, services, ca_bundle, cli_pager, cli_timestamp_format);
// --no-cli-pager and --color (tables) as in the AWS CLI, and
// --cli-binary-format is accepted and changes nothing. With
// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and a region in the environment
// nothing else is loaded.
//
// Output is the operation's output with the AWS CLI's member names, laid
// out as the AWS CLI lays it out in each format (members in the model's
// order, a --query multiselect hash in the expression's, timestamps as
// Python's isoformat() or as sent), request metadata left out. The
// operations the model marks paginated fetch every page and merge the
// items, unless --no-paginate or their own --max-results/--next-token;
// --max-items N stops after N items and prints a NextToken (botocore's
// token) for --starting-token; --page-size sets the page size. Text output
// of such a listing is written page by page, --query applied to each.
//
// # Other commands
//
// wait broker-running|broker-rebooted|broker-deleted (and --wait on
// create-broker, reboot-broker and delete-broker), iam explain, iam policy,
// serve (default --listen 127.0.0.1:8089; port 0 picks a free one), version
// and completion bash|zsh|fish. --dry-run on every operation prints the
// request that the client's request path builds and signs (signature and
// passwords redacted) and its IAM actions, and sends nothing.
//
// # Exit codes
//
// As the AWS CLI v2's: 0 success, 130 interrupted, 252 usage or parse
// error, 253 configuration error (no credentials, no region), 254 an error
// the service answered, 255 any other failure; the error text is the AWS
// CLI's. With --detailed-exit-codes or MQCTL_DETAILED_EXIT_CODES=1: 1
// other error, 2 usage or configuration error, 3 access denied, 4 not
// found, 5 conflict, 6 throttled after every retry.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// interruptible returns ctx cancelled on Ctrl-C (SIGINT) and SIGTERM, for
// the commands that wait (wait, --wait, serve) and end cleanly when told
// to. The others keep the default: the signal ends the process at once,
// as it ends curl, and start-up does not pay for a signal-handling thread.
func interruptible(ctx context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
}
