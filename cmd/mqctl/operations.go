package main

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mqrest/mqrest/api"
)

// opCommand is the state of one generated operation command.
type opCommand struct {
	op     *api.Operation
	input  *inputFlags
	pages  pageFlags
	dryRun bool
	wait   waitFlags
	kind   waitKind // what --wait waits for
}

// operationCommand generates the command of op from the operation table
// and the generated metadata: its name, help, one flag per input member,
// and --wait when the model names a waiter.
func (a *app) operationCommand(op *api.Operation) *cobra.Command {
	info := commands[op.Name]
	oc := &opCommand{op: op, input: newInputFlags(op, info)}
	cmd := &cobra.Command{
		Use:     info.name + " [flags]",
		Short:   info.short,
		Example: info.example,
		GroupID: "ops",
		Args:    noPositional,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runOperation(cmd, oc)
		},
	}
	if !a.completing {
		// The AWS CLI's syntax (space-separated list values, the last of
		// --x and --no-x, a trailing help word) is not pflag's: the
		// command line is rewritten into it first (see rewrite).
		cmd.DisableFlagParsing = true
		cmd.Args = cobra.ArbitraryArgs
		cmd.PersistentPreRunE = func(*cobra.Command, []string) error { return nil }
		cmd.RunE = func(cmd *cobra.Command, args []string) error {
			help, err := a.parseOperationArgs(cmd, oc, args)
			if err != nil || help {
				if help && err == nil {
					return cmd.Help()
				}
				return err
			}
			return a.runOperation(cmd, oc)
		}
	}
	// The long help is written when help is asked for: every other run
	// would build it for nothing.
	cmd.SetHelpFunc(func(c *cobra.Command, args []string) {
		c.Long = operationLong(op, info)
		c.SetHelpFunc(nil)
		c.HelpFunc()(c, args)
	})
	fs := cmd.Flags()
	completions := map[string][]string{}
	oc.input.register(fs, completions)
	for flag, vals := range completions {
		_ = cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(vals, cobra.ShellCompDirectiveNoFileComp))
	}
	fs.BoolVar(&oc.dryRun, "dry-run", false, "print the HTTP request that would be sent (signature and passwords redacted) and the IAM actions it needs; send nothing")
	if op.Paging != nil && op.Paging.Paginated {
		registerPageFlags(fs, &oc.pages, op)
	}
	if kind, ok := waitKindOf(info.waiter); ok {
		oc.kind = kind
		fs.BoolVar(&oc.wait.enabled, "wait", false, "after the call succeeds, wait until the broker "+kind.goal()+" (progress on stderr)")
		oc.wait.register(fs)
	}
	return cmd
}

// parseOperationArgs parses an operation's command line as the AWS CLI
// does and reports whether help was asked for. Errors come in the AWS
// CLI's order: the parser's (a flag without its value), missing required
// members, then unknown options.
func (a *app) parseOperationArgs(cmd *cobra.Command, oc *opCommand, args []string) (bool, error) {
	_ = cmd.InheritedFlags() // merges the global flags into cmd.Flags()
	p, err := oc.rewrite(cmd.Flags(), args)
	if err != nil {
		return false, err
	}
	if err := cmd.Flags().Parse(p.args); err != nil {
		return false, usageErrorf("%v", err)
	}
	if p.help {
		return true, nil
	}
	if err := oc.checkRequired(p); err != nil {
		return false, err
	}
	if len(p.unknown) > 0 {
		return false, unknownOptions(p.unknown)
	}
	return false, a.checkGlobals(cmd, nil)
}

// operationLong is the long help of an operation command.
func operationLong(op *api.Operation, info *commandInfo) string {
	var b strings.Builder
	b.WriteString(info.long)
	fmt.Fprintf(&b, "\n\nAmazon MQ API: %s %s (operation %s)\n", op.Method, op.Path, op.Name)
	b.WriteString("IAM actions:\n")
	for _, act := range op.Actions {
		if act.Why != "" {
			fmt.Fprintf(&b, "  %-40s when %s\n", act.Name, act.Why)
		} else {
			fmt.Fprintf(&b, "  %s\n", act.Name)
		}
	}
	if req := requiredMembers(op.Input); len(req) > 0 {
		flags := make([]string, len(req))
		for i, r := range req {
			flags[i] = "--" + commandName(r)
		}
		fmt.Fprintf(&b, "Required: %s\n", strings.Join(flags, ", "))
	}
	b.WriteString(`
Values, as in the AWS CLI: lists take space-separated values (--groups a b)
or a JSON list, and a repeated flag replaces the earlier one; structures and
maps take the AWS CLI shorthand (Key=value,Key2=value2) or JSON; any value
can be read from a file with file://PATH. --cli-input-json and
--cli-input-yaml take the whole input with the AWS CLI's member names;
flags given as well override its members.`)
	if op.Paging != nil && op.Paging.Paginated {
		b.WriteString(pagingHelp)
	}
	return b.String()
}

// noPositional rejects positional arguments as the AWS CLI does.
func noPositional(_ *cobra.Command, args []string) error {
	if len(args) > 0 {
		return unknownOptions(args)
	}
	return nil
}

// runOperation builds the input from the flags, validates it and then
// prints the request (--dry-run) or calls the operation, prints its output
// and waits when --wait asks.
func (a *app) runOperation(cmd *cobra.Command, oc *opCommand) error {
	ctx := cmd.Context()
	op := oc.op
	if oc.input.skeleton != "" {
		return a.writeSkeleton(op, oc.input.skeleton)
	}
	in, err := oc.input.build(cmd.Flags(), a.stdin, a.stderr)
	if err != nil {
		return err
	}
	paged, err := a.pagingOn(cmd, op, in, &oc.pages)
	if err != nil {
		return err
	}
	if err := op.Validate(in); err != nil {
		return err
	}
	if oc.wait.enabled {
		if err := oc.wait.check(); err != nil {
			return err
		}
	}
	if oc.dryRun {
		return a.dryRun(cmd, op, in)
	}
	c, err := a.newClient(ctx)
	if err != nil {
		return err
	}
	wire, err := a.timestampWire()
	if err != nil {
		return err
	}
	var out any
	if paged {
		r, err := paginate(ctx, c, op, in, oc.pages)
		if err != nil {
			return err
		}
		if err := a.printPages(r, wire); err != nil {
			return err
		}
		out = r.pages[0]
	} else {
		if out, err = c.Invoke(ctx, op, in); err != nil {
			return err
		}
		if err := a.printDocument(op.Name, toDocument(out, wire)); err != nil {
			return err
		}
	}
	if !oc.wait.enabled {
		return nil
	}
	id := brokerIDOf(op, in, out)
	if id == "" {
		return fmt.Errorf("%s: the response names no broker to wait for", commandName(op.Name))
	}
	return a.waitBroker(ctx, c, oc.kind, id, oc.wait)
}

// brokerIDOf returns the broker the operation acts on: the one its input
// names, else the one its output names (CreateBroker's new broker).
func brokerIDOf(op *api.Operation, in, out any) string {
	if op.Resource == api.ResourceBroker {
		if id := op.ResourceName(in); id != "" {
			return id
		}
	}
	if v := memberValue(out, "BrokerId"); v.Kind() == reflect.String {
		return v.String()
	}
	return ""
}
