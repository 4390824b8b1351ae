package main

import (
	"context"
	"io"
	"log/slog"

	"github.com/spf13/cobra"
)

// app carries what every subcommand shares: the streams and the logger.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	log            *slog.Logger
	verbose        bool
}

// execute runs the CLI in-process; tests call it directly.
func execute(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:           "budgetfeed",
		Short:         "Crawl, extract and publish Chinese district budget disclosures as data",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRun: func(cmd *cobra.Command, _ []string) {
			level := slog.LevelWarn
			if a.verbose {
				level = slog.LevelDebug
			}
			a.log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
		},
	}
	root.PersistentFlags().BoolVarP(&a.verbose, "verbose", "v", false, "log debug detail to stderr")
	// One constructor per subcommand, each in its own cmd_<name>.go file.
	for _, newCmd := range []func(*app) *cobra.Command{newRunCmd, newExtractCmd, newQueryCmd, newCompareCmd, newReportCmd, newDemoPortalCmd} {
		root.AddCommand(newCmd(a))
	}
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	return root.ExecuteContext(ctx)
}
