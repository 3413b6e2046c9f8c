package main

import (
	"context"
	"io"
	"net/url"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mqrest/mqrest/api"
)

// app holds what one invocation of mqctl shares between its commands: the
// standard streams, the environment and the global flags.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	g      globals
	root   *cobra.Command
	config profileConfig // the profile's config-file settings, read on first use
	// completing is set for cobra's __complete: the operation commands
	// then keep pflag's parsing, which flag completion needs.
	completing bool
}

// globals are the AWS CLI's global options.
type globals struct {
	region, profile, endpointURL string
	output, query                string
	debug, noPaginate            bool
	connectTimeout, readTimeout  int
	maxAttempts                  int
	caBundle                     string
	noVerifySSL, noSignRequest   bool
	color, binaryFormat          string // accepted for compatibility
	detailedExitCodes            bool   // mqctl's exit codes 1-6 instead of the AWS CLI's
}

// run executes mqctl with args and returns the process exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	args = normalizeArgs(args)
	a.completing = len(args) > 0 && strings.HasPrefix(args[0], "__complete")
	if err := checkCommand(args); err != nil {
		return a.report(err, a.detailedExitCodes(args))
	}
	a.root = a.newRootCmd(args)
	a.root.SetArgs(args)
	a.root.SetIn(stdin)
	a.root.SetOut(stdout)
	a.root.SetErr(stderr)
	_, err := a.root.ExecuteContextC(ctx)
	return a.report(err, a.detailedExitCodes(args))
}

// checkCommand reports an unknown command as the AWS CLI reports an
// unknown operation, with the closest ones.
func checkCommand(args []string) error {
	i := firstPositional(args)
	if i < 0 {
		return nil
	}
	name := args[i]
	if operationByCommand(name) != nil || strings.HasPrefix(name, "__complete") || slices.Contains(operationChoices(), name) {
		return nil
	}
	return invalidChoice("operation", name, operationChoices())
}

// newRootCmd builds the command tree. When args name an operation command,
// only that one is generated: start-up stays lean for scripts, while help,
// completion and unknown commands see the whole tree.
func (a *app) newRootCmd(args []string) *cobra.Command {
	root := &cobra.Command{
		Use:   "mqctl",
		Short: "Amazon MQ from the command line: a drop-in for `aws mq`",
		Long: `mqctl calls the Amazon MQ REST API (2017-11-27). Every operation is a
subcommand named as in the AWS CLI (list-brokers, describe-broker,
create-broker, ...; "mqctl mq list-brokers" works too), with one flag per
input member (--broker-id, --engine-type, ...), the AWS CLI's global options
and output formats, and the AWS CLI v2's exit codes:

  0    success
  130  interrupted
  252  usage or parse error, invalid input
  253  configuration error (no credentials, no region, a bad setting)
  254  the service answered with an error (an access denial also prints the
       missing IAM action and the fix)
  255  any other failure (network, wait failed or timed out)

With --detailed-exit-codes (or MQCTL_DETAILED_EXIT_CODES=1): 1 other error,
2 usage or configuration error, 3 access denied, 4 not found, 5 conflict,
6 throttled after every retry.

Results go to stdout, errors and progress to stderr.

Credentials and region come from the flags, then the environment
(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION,
AWS_DEFAULT_REGION, AWS_PROFILE), then the shared AWS config files. With
AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and a region set, nothing else is
read and no network lookup happens before the call.`,
		SilenceErrors:     true,
		SilenceUsage:      true,
		PersistentPreRunE: a.checkGlobals,
		Args:              cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if v, _ := cmd.Flags().GetBool("version"); v {
				_, err := io.WriteString(a.stdout, "mqctl "+version+"\n")
				return err
			}
			return cmd.Help()
		},
	}
	// --version is ours rather than cobra's: cobra prints it through
	// text/template, whose reflection keeps every exported method of the
	// program in the binary (a larger binary starts slower).
	root.Flags().Bool("version", false, "print the version of mqctl")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageErrorf("%v", err) })
	a.globalFlags(root.PersistentFlags())
	_ = root.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(outputFormats, cobra.ShellCompDirectiveNoFileComp))

	root.AddGroup(&cobra.Group{ID: "ops", Title: "Amazon MQ operations:"},
		&cobra.Group{ID: "tools", Title: "Other commands:"})
	if op := operationIn(args); op != nil {
		// Only that command: help and completion, which need the whole
		// tree, are not what these arguments ask for.
		root.CompletionOptions.DisableDefaultCmd = true
		root.AddCommand(a.operationCommand(op))
		return root
	}
	for _, op := range api.Operations {
		root.AddCommand(a.operationCommand(op))
	}
	for _, c := range []*cobra.Command{a.waitCmd(), a.iamCmd(), a.serveCmd(), a.versionCmd()} {
		c.GroupID = "tools"
		root.AddCommand(c)
	}
	root.SetHelpCommandGroupID("tools")
	root.SetCompletionCommandGroupID("tools")
	return root
}

// globalFlags defines the AWS CLI's global options.
func (a *app) globalFlags(fs *pflag.FlagSet) {
	fs.StringVar(&a.g.region, "region", "", "AWS Region to call (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile)")
	fs.StringVar(&a.g.profile, "profile", "", "named profile of the shared AWS config files (default: AWS_PROFILE)")
	fs.StringVar(&a.g.endpointURL, "endpoint-url", "", "base URL to send requests to, e.g. an emulator (default: AWS_ENDPOINT_URL_MQ, then AWS_ENDPOINT_URL)")
	fs.StringVar(&a.g.output, "output", "", "output format: json, text, table, yaml or yaml-stream (default: AWS_DEFAULT_OUTPUT, then the profile's output, else json)")
	fs.StringVar(&a.g.query, "query", "", "JMESPath query applied to the output document (AWS CLI member names)")
	fs.BoolVar(&a.g.debug, "debug", false, "trace every request and response on stderr (signature, session token and passwords redacted)")
	fs.BoolVar(&a.g.noPaginate, "no-paginate", false, "fetch only the first page of a paged operation (the output keeps the service's NextToken)")
	fs.IntVar(&a.g.connectTimeout, "cli-connect-timeout", 60, "seconds to wait for a connection; 0 waits forever")
	fs.IntVar(&a.g.readTimeout, "cli-read-timeout", 60, "seconds to wait for a response; 0 waits forever")
	fs.IntVar(&a.g.maxAttempts, "max-attempts", 0, "attempts per call, retries included (default: AWS_MAX_ATTEMPTS, else 3)")
	fs.StringVar(&a.g.caBundle, "ca-bundle", "", "PEM file of the CA certificates that verify the endpoint's TLS certificate, instead of the system's (default: AWS_CA_BUNDLE, then the profile's ca_bundle)")
	fs.BoolVar(&a.g.noVerifySSL, "no-verify-ssl", false, "do not verify the endpoint's TLS certificate (a warning is printed)")
	fs.BoolVar(&a.g.noSignRequest, "no-sign-request", false, "send requests unsigned; no credentials are loaded")
	fs.BoolVar(&a.g.detailedExitCodes, "detailed-exit-codes", false, "exit with mqctl's detailed codes (1 other, 2 usage or configuration, 3 access denied, 4 not found, 5 conflict, 6 throttled) instead of the AWS CLI's (default: MQCTL_DETAILED_EXIT_CODES=1)")
	fs.Bool("no-cli-pager", false, "do not page the output (at a terminal it goes through AWS_PAGER, the profile's cli_pager, PAGER, else less)")
	fs.StringVar(&a.g.color, "color", "auto", "colour table output: on, off or auto (when stdout is a terminal), as the AWS CLI")
	fs.StringVar(&a.g.binaryFormat, "cli-binary-format", "base64", "accepted for AWS CLI compatibility (base64 or raw-in-base64-out); no Amazon MQ member is binary")
	for _, f := range []string{"no-cli-pager", "color", "cli-binary-format"} {
		_ = fs.MarkHidden(f)
	}
}

// checkGlobals validates the global options and applies the environment
// defaults the AWS CLI applies.
func (a *app) checkGlobals(cmd *cobra.Command, _ []string) error {
	if a.g.output != "" {
		if !slices.Contains(outputFormats, a.g.output) {
			return invalidChoice("--output", a.g.output, outputFormats)
		}
	} else {
		a.g.output = a.getenv("AWS_DEFAULT_OUTPUT")
		if a.g.output == "" {
			a.g.output, _ = a.configValue("output")
		}
		if a.g.output == "" {
			a.g.output = "json"
		}
		if !slices.Contains(outputFormats, a.g.output) {
			return &configError{msg: "Unknown output type: " + a.g.output, code: exitOther}
		}
	}
	if a.g.connectTimeout < 0 || a.g.readTimeout < 0 {
		return usageErrorf("--cli-connect-timeout and --cli-read-timeout take seconds >= 0")
	}
	if a.g.color != "on" && a.g.color != "off" && a.g.color != "auto" {
		return usageErrorf("--color: %q is not one of on, off, auto", a.g.color)
	}
	if a.g.binaryFormat != "base64" && a.g.binaryFormat != "raw-in-base64-out" {
		return usageErrorf("--cli-binary-format: %q is not one of base64, raw-in-base64-out", a.g.binaryFormat)
	}
	if a.g.maxAttempts < 0 {
		return usageErrorf("--max-attempts: %d is not a positive number", a.g.maxAttempts)
	}
	if ep := a.endpoint(); ep != "" {
		u, err := url.Parse(ep)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return usageErrorf("--endpoint-url: %q is not an http:// or https:// URL", ep)
		}
	}
	if a.g.query != "" {
		if _, err := compileQuery(a.g.query); err != nil {
			return err
		}
	}
	return nil
}

// outputFormats are the values of --output, in the AWS CLI's order.
var outputFormats = []string{"json", "text", "table", "yaml", "yaml-stream"}

// operationIn returns the operation that args invoke, or nil when they name
// no operation command (or ask for completions).
func operationIn(args []string) *api.Operation {
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			return nil
		}
		if strings.HasPrefix(arg, "-") {
			if !strings.Contains(arg, "=") && globalTakesValue(arg) {
				i++
			}
			continue
		}
		return operationByCommand(arg)
	}
	return nil
}

// globalTakesValue reports whether the global flag arg is followed by its value.
func globalTakesValue(arg string) bool {
	switch strings.TrimLeft(arg, "-") {
	case "region", "profile", "endpoint-url", "output", "query",
		"cli-connect-timeout", "cli-read-timeout", "max-attempts",
		"ca-bundle", "color", "cli-binary-format":
		return true
	}
	return false
}

// operationByCommand returns the operation whose command name is name.
func operationByCommand(name string) *api.Operation {
	for _, op := range api.Operations {
		if commands[op.Name].name == name {
			return op
		}
	}
	return nil
}
