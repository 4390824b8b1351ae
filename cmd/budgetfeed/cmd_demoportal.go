package main

import (
	"github.com/spf13/cobra"

	"github.com/budgetfeed/budgetfeed/sources/demoportal"
)

// newDemoPortalCmd serves the generated demo district portal for people to
// browse and for crawls to run against.
func newDemoPortalCmd(a *app) *cobra.Command {
	var (
		addr string
		seed uint64
	)
	cmd := &cobra.Command{
		Use:   "demo-portal",
		Short: "Serve the embedded demo portal: three fictional districts with 144 budget and final-account disclosures",
		Long: `Serve the embedded demo portal: a deterministic, generated web site of three
fictional district governments (region codes 99xxxx) with 12 departments each,
publishing 2023 and 2024 部门预算 and 部门决算 disclosures with .xlsx tables.
The same --seed always produces the byte-identical site. The root URL and the
district home pages are printed once the server listens; stop with Ctrl-C.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			site := demoportal.Generate(seed)
			return demoportal.Serve(cmd.Context(), addr, site, a.stdout, a.log)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free port)")
	cmd.Flags().Uint64Var(&seed, "seed", demoportal.DefaultSeed, "generator seed; the same seed gives the same site")
	return cmd
}
