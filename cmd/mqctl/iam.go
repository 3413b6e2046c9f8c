package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mqrest/mqrest/client"
)

// iamCmd is `mqctl iam explain|policy`.
func (a *app) iamCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "iam",
		Short: "Explains access denials and writes least-privilege IAM policies.",
		Args:  noPositional,
	}
	cmd.AddCommand(a.iamExplainCmd(), a.iamPolicyCmd())
	return cmd
}

func (a *app) iamExplainCmd() *cobra.Command {
	var operation string
	cmd := &cobra.Command{
		Use:   "explain [--operation OP] < denial.txt",
		Short: "Explains an access denial read from stdin: the missing action and the fix.",
		Long: `Reads an access denial on stdin — the raw message, the JSON error body, an
AWS CLI error line ("An error occurred (AccessDeniedException) when calling
the CreateBroker operation: ...") or a Go SDK error line — and prints one
JSON object: operation, action, candidates, resource, principal, deny,
policyType, policyArn, through, inferred, encodedMessage and fix (a minimal
policy to attach, or the policy layer that must change).

--operation names the operation (CreateBroker or create-broker) when the
text does not; it lets the action be inferred from a message that names
none. Exits 1 when the text is not an access denial.`,
		Args: noPositional,
		RunE: func(cmd *cobra.Command, _ []string) error {
			op := ""
			if operation != "" {
				if op = operationName(operation); op == "" {
					return usageErrorf("--operation: %q is not an Amazon MQ operation", operation)
				}
			}
			data, err := io.ReadAll(a.stdin)
			if err != nil {
				return err
			}
			ad, ok := client.ParseAccessDenied(string(data), op)
			if !ok {
				return fmt.Errorf("iam explain: the input is not an access denial (give the error message, the JSON error body, or the AWS CLI or SDK error line)")
			}
			out, err := json.Marshal(ad)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(a.stdout, "%s\n", out)
			return err
		},
	}
	cmd.Flags().StringVar(&operation, "operation", "", "the operation that was denied, e.g. CreateBroker, when the text does not say")
	return cmd
}

func (a *app) iamPolicyCmd() *cobra.Command {
	var ops []string
	var region, account string
	cmd := &cobra.Command{
		Use:   "policy --operations OP[,OP...]",
		Short: "Prints the least-privilege IAM policy for calling the given operations.",
		Long: `Prints, as indented JSON, the identity policy that allows calling the given
operations (API names such as CreateBroker, or command names such as
create-broker) on any broker or configuration of --region and --account
(both default to any). Actions that only some inputs need (mq:CreateTags
with tags, the EC2 actions with subnets) are not included; run the real
commands with a recorder, or read the --dry-run of each, to see those.`,
		Args: noPositional,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(ops) == 0 {
				return usageErrorf("iam policy: --operations is required")
			}
			names := make([]string, 0, len(ops))
			for _, o := range ops {
				n := operationName(strings.TrimSpace(o))
				if n == "" {
					return usageErrorf("--operations: %q is not an Amazon MQ operation", o)
				}
				names = append(names, n)
			}
			doc, err := client.PolicyFor(names, region, account)
			if err != nil {
				return usageErrorf("%v", err)
			}
			_, err = fmt.Fprintln(a.stdout, doc.String())
			return err
		},
	}
	cmd.Flags().StringSliceVar(&ops, "operations", nil, "required; list of operations, comma-separated or repeated")
	cmd.Flags().StringVar(&region, "region", "", "region of the resources (default: any)")
	cmd.Flags().StringVar(&account, "account", "", "account ID of the resources (default: any)")
	return cmd
}
