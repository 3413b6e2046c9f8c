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
}

// waiters names, per operation, the wait that its --wait flag runs.
var waiters = map[string]waitKind{
	"CreateBroker": waitRunning,
	"RebootBroker": waitRebooted,
	"DeleteBroker": waitDeleted,
}

// operationCommand generates the command of op from the operation table:
// its name, help and one flag per input member.
func (a *app) operationCommand(op *api.Operation) *cobra.Command {
	oc := &opCommand{op: op, input: newInputFlags(op)}
	desc := descriptions[op.Name]
	short := desc[0]
	if short == "" {
		short = "Calls the " + op.Name + " operation."
	}
	cmd := &cobra.Command{
		Use:     commandName(op.Name) + " [flags]",
		Short:   short,
		GroupID: "ops",
		Args:    noPositional,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runOperation(cmd, oc)
		},
	}
	// The long help is written when help is asked for: every other run
	// would build it for nothing.
	cmd.SetHelpFunc(func(c *cobra.Command, args []string) {
		c.Long = operationLong(op, desc)
		c.SetHelpFunc(nil)
		c.HelpFunc()(c, args)
	})
	if ex := examples[op.Name]; ex != "" {
		cmd.Example = ex
	}
	fs := cmd.Flags()
	completions := map[string][]string{}
	oc.input.register(fs, completions)
	for flag, vals := range completions {
		_ = cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(vals, cobra.ShellCompDirectiveNoFileComp))
	}
	fs.BoolVar(&oc.dryRun, "dry-run", false, "print the HTTP request that would be sent (signature and passwords redacted) and the IAM actions it needs; send nothing")
	if op.Paging != nil {
		fs.IntVar(&oc.pages.maxItems, "max-items", 0, "stop after this many items in all and print a NextToken to pass to --starting-token")
		fs.IntVar(&oc.pages.pageSize, "page-size", 0, "items per page requested from the service (sets MaxResults); the output still has every item")
		fs.StringVar(&oc.pages.startingToken, "starting-token", "", "resume a listing from the NextToken printed by an earlier --max-items")
	}
	if kind, ok := waiters[op.Name]; ok {
		fs.BoolVar(&oc.wait.enabled, "wait", false, "after the call succeeds, wait until the broker "+kind.goal()+" (progress on stderr)")
		oc.wait.register(fs)
	}
	return cmd
}

// operationLong is the long help of an operation command.
func operationLong(op *api.Operation, desc [2]string) string {
	var b strings.Builder
	b.WriteString(wrap(strings.TrimSpace(desc[0]+" "+desc[1]), 78))
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
Values: lists take a,b or repeated flags; structures and maps take the AWS
CLI shorthand (Key=value,Key2=value2) or JSON; any value can be read from a
file with file://PATH. --cli-input-json takes the whole input as JSON with
the AWS CLI's member names; flags given as well override its members.`)
	if op.Paging != nil {
		b.WriteString(`

Pagination: every page is fetched and the item lists merged, unless
--no-paginate (first page only, with the service's NextToken) or --max-items
N (N items, then a NextToken for --starting-token).`)
	}
	return b.String()
}

// wrap breaks text into lines of at most width characters.
func wrap(text string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(text) {
		if n > 0 && n+1+len(w) > width {
			b.WriteByte('\n')
			n = 0
		} else if n > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}

// noPositional rejects positional arguments with a hint: the AWS CLI takes
// space-separated list values (--subnet-ids a b), mqctl takes a,b.
func noPositional(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("%s: unexpected argument %q: give list values comma-separated (--subnet-ids a,b) or repeat the flag", cmd.Name(), args[0])
	}
	return nil
}

// runOperation builds the input from the flags, validates it and then
// prints the request (--dry-run) or calls the operation, prints its output
// and waits when --wait asks.
func (a *app) runOperation(cmd *cobra.Command, oc *opCommand) error {
	ctx := cmd.Context()
	op := oc.op
	if oc.input.skeleton {
		return writeJSON(a.stdout, skeleton(op.Input))
	}
	in, err := oc.input.build(cmd.Flags(), a.stdin, a.stderr)
	if err != nil {
		return err
	}
	if op.Paging != nil {
		if oc.pages.pageSize < 0 || oc.pages.maxItems < 0 {
			return usageErrorf("--page-size and --max-items take a positive number")
		}
		if oc.pages.pageSize > 0 {
			api.Field(in, op.Paging.PageSize).SetInt(int64(oc.pages.pageSize))
		}
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
	var out any
	if op.Paging != nil && !a.g.noPaginate {
		out, err = paginate(ctx, c, op, in, oc.pages)
	} else {
		out, err = c.Invoke(ctx, op, in)
	}
	if err != nil {
		return err
	}
	if err := a.printDocument(op.Name, toDocument(out)); err != nil {
		return err
	}
	if !oc.wait.enabled {
		return nil
	}
	id := brokerIDOf(in, out)
	if id == "" {
		return fmt.Errorf("%s: the response names no broker to wait for", commandName(op.Name))
	}
	return a.waitBroker(ctx, c, waiters[op.Name], id, oc.wait)
}

// brokerIDOf returns the broker ID of the input, else of the output.
func brokerIDOf(in, out any) string {
	for _, v := range []any{in, out} {
		if f := api.Field(v, "BrokerID"); f.IsValid() && f.Kind() == reflect.String && f.String() != "" {
			return f.String()
		}
	}
	return ""
}
