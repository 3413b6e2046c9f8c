package main

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/mqrest/mqrest/client"
)

// version is mqctl's version: the mqrest library's.
const version = client.Version

// versionCmd is `mqctl version`.
func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Prints the version of mqctl.",
		Args:  noPositional,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(a.stdout, "mqctl %s (Amazon MQ API 2017-11-27; %s %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return err
		},
	}
}
