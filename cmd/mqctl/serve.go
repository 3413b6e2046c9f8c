package main

import (
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/mqrest/mqrest/mqtest"
)

// defaultListen is where `mqctl serve` listens without --listen.
const defaultListen = "127.0.0.1:8089"

// serveCmd is `mqctl serve`: the mqtest emulator as a local server.
func (a *app) serveCmd() *cobra.Command {
	var listen, region, account, principals, state string
	var delay time.Duration
	var quiet bool
	var requestLog int
	var eng *engineFlags
	cmd := &cobra.Command{
		Use:   "serve [--listen ADDR]",
		Short: "Runs the Amazon MQ emulator (package mqtest) on a local port.",
		Long: `Runs the mqtest emulator of the Amazon MQ API as an HTTP server, for trying
mqctl, the AWS CLI or an SDK without an AWS account:

  mqctl serve --listen 127.0.0.1:8089 &
  export AWS_ENDPOINT_URL_MQ=http://127.0.0.1:8089 AWS_REGION=us-east-1
  export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=...   # as printed
  mqctl list-brokers

The first line on stdout is exactly "listening on http://HOST:PORT" (with
--listen 127.0.0.1:0 the port is a free one). Without --principals the
emulator knows one administrator, whose access key and secret key (AWS's
public documentation example keys) follow as AWS_ACCESS_KEY_ID=... and
AWS_SECRET_ACCESS_KEY=... lines. Requests are logged on stderr unless --quiet.
SIGINT or SIGTERM stops the server cleanly (exit 0).`,
		Args: noPositional,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// Before "listening on" is printed: a script that stops the
			// server as soon as it has read that line stops it cleanly.
			ctx, stop := interruptible(cmd.Context())
			defer stop()
			if !cmd.Flags().Changed("region") {
				region = orDefault(a.region(), mqtest.DefaultRegion)
			}
			opts := []mqtest.Option{mqtest.WithRegion(region), mqtest.WithAccount(account), mqtest.WithBrokerCreateDelay(delay),
				mqtest.WithRequestLog(requestLog)}
			if principals != "" {
				f, err := os.Open(principals)
				if err != nil {
					return fmt.Errorf("serve: --principals: %v", pathError(err))
				}
				ps, err := mqtest.LoadPrincipals(f)
				f.Close()
				if err != nil {
					return fmt.Errorf("serve: --principals %s: %v", principals, err)
				}
				opts = append(opts, mqtest.WithPrincipals(ps...))
			}
			if state != "" {
				opts = append(opts, mqtest.WithStateFile(state))
			}
			eopts, err := eng.options(cmd.Flags(), state) // serve_engines.go
			if err != nil {
				return err
			}
			opts = append(opts, eopts...)
			if !quiet {
				opts = append(opts, mqtest.WithLogger(slog.New(slog.NewTextHandler(a.stderr, nil))))
			}
			srv := mqtest.NewUnstartedServer(nil, opts...)
			if err := srv.StartAt(listen); err != nil {
				srv.Close()
				return fmt.Errorf("serve: %v", err)
			}
			defer srv.Close()
			if err := eng.writeCA(srv); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "listening on %s\n", srv.URL)
			if principals == "" {
				p := mqtest.DefaultPrincipal()
				fmt.Fprintf(a.stdout, "AWS_ACCESS_KEY_ID=%s\nAWS_SECRET_ACCESS_KEY=%s\n", p.AccessKeyID, p.SecretAccessKey)
			}
			if f, ok := a.stdout.(*os.File); ok {
				_ = f.Sync()
			}
			<-ctx.Done()
			fmt.Fprintln(a.stderr, "mqctl serve: stopping")
			return nil
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&listen, "listen", defaultListen, "host:port to listen on; port 0 picks a free one")
	fs.StringVar(&region, "region", "", "region the emulator serves; requests must be signed for it (default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1)")
	fs.StringVar(&account, "account", mqtest.DefaultAccount, "account ID that owns the emulated resources")
	fs.StringVar(&principals, "principals", "", "JSON file of the callers and their IAM policies ({\"principals\": [...]}); default: one administrator")
	fs.DurationVar(&delay, "broker-create-delay", mqtest.DefaultBrokerCreateDelay, "how long brokers stay in CREATION_, REBOOT_ and DELETION_IN_PROGRESS; 0 makes them instant")
	fs.StringVar(&state, "state", "", "state database (mode 0600) to load the state from and write each change to before answering; locked while serve runs, so a second serve on it fails to start; an unreadable or corrupt file fails the start")
	fs.BoolVar(&quiet, "quiet", false, "do not log requests on stderr")
	fs.IntVar(&requestLog, "request-log", 0, "keep the last N requests in memory (the emulator's request log); 0, the default, keeps none")
	eng = addEngineFlags(fs)
	return cmd
}
