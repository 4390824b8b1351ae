package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/budgetfeed/budgetfeed/pipeline/extract"
	"github.com/budgetfeed/budgetfeed/pipeline/textify"
	"github.com/budgetfeed/budgetfeed/schemas"
)

// extractLine is one JSON line of `budgetfeed extract --format jsonl`; the
// keys are the interface evaluation scripts read (see schema.md).
type extractLine struct {
	File         string  `json:"file"`
	Metric       string  `json:"metric"`
	Period       string  `json:"period"`
	Scheme       string  `json:"scheme,omitempty"`
	Code         string  `json:"code"`
	Level        int8    `json:"level,omitempty"`
	Name         string  `json:"name"`
	Value        string  `json:"value"`
	Unit         string  `json:"unit"`
	AmountYuan   *string `json:"amount_yuan,omitempty"`
	Count        *int64  `json:"count,omitempty"`
	SharePct     string  `json:"share_pct,omitempty"`
	ChangeValue  string  `json:"change_value,omitempty"`
	ChangePct    string  `json:"change_pct,omitempty"`
	ExecutionPct string  `json:"execution_pct,omitempty"`
	Reason       string  `json:"reason,omitempty"`
	Purpose      string  `json:"purpose,omitempty"`
	Department   string  `json:"department"`
	Scope        string  `json:"scope"`
	FiscalYear   int32   `json:"fiscal_year"`
	Stage        string  `json:"stage"`
	Quote        string  `json:"quote"`
	Start        int32   `json:"start"`
	End          int32   `json:"end"`
}

func newExtractCmd(a *app) *cobra.Command {
	var format, department, stage string
	var year int32
	cmd := &cobra.Command{
		Use:   "extract [--format jsonl|table] FILE...",
		Short: "Print the figures a disclosure's text states (plain text or HTML article pages)",
		Long: "extract reads each FILE (plain text, or an HTML article page whose body is taken without site\n" +
			"chrome) and prints one fact per line with its quote and character offsets in the extracted text.\n" +
			"A file that cannot be read is reported on stderr; the others are still processed and the exit\n" +
			"code is 3.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "jsonl" && format != "table" {
				return fmt.Errorf("extract: --format must be jsonl or table, not %q", format)
			}
			if stage != "" && stage != schemas.StageBudget && stage != schemas.StageFinalAccount {
				return fmt.Errorf("extract: --stage must be %s or %s", schemas.StageBudget, schemas.StageFinalAccount)
			}
			out := bufio.NewWriter(a.stdout)
			defer out.Flush()
			var tw *tabwriter.Writer
			if format == "table" {
				tw = tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "FILE\tMETRIC\tPERIOD\tYEAR\tNAME\tVALUE\tUNIT\tYUAN/COUNT\tQUOTE")
			}
			failed := 0
			for _, name := range args {
				if err := cmd.Context().Err(); err != nil {
					return err
				}
				if err := extractFile(a, name, extract.Hint{Department: department, FiscalYear: year, Stage: stage}, out, tw); err != nil {
					failed++
					fmt.Fprintf(a.stderr, "budgetfeed extract: %s: %v\n", name, err)
				}
			}
			if tw != nil {
				tw.Flush()
			}
			if err := out.Flush(); err != nil {
				return fmt.Errorf("extract: write output: %w", err)
			}
			if failed > 0 {
				return exitError{code: 3, msg: fmt.Sprintf("extract: %d of %d files could not be read", failed, len(args))}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "jsonl", "output format: jsonl or table")
	cmd.Flags().StringVar(&department, "department", "", "department the files are about (default: from title or text)")
	cmd.Flags().Int32Var(&year, "year", 0, "fiscal year of the files (default: from title or text)")
	cmd.Flags().StringVar(&stage, "stage", "", "budget or final_account (default: from title or text)")
	return cmd
}

func extractFile(a *app, name string, hint extract.Hint, out io.Writer, tw *tabwriter.Writer) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return fmt.Errorf("read: %w", err)
	}
	doc, err := textify.File(name, data)
	if err != nil {
		return err
	}
	if strings.TrimSpace(doc.Text) == "" {
		return fmt.Errorf("no text")
	}
	hint.Title = doc.Title
	res := extract.Extract(doc.Text, hint)
	if a.log != nil {
		a.log.Debug("extracted", "file", name, "format", doc.Format, "facts", len(res.Facts), "findings", len(res.Findings),
			"department", res.Department, "year", res.FiscalYear, "stage", res.Stage, "scope", res.Scope)
		for _, q := range res.Findings {
			a.log.Debug("finding", "file", name, "rule", q.RuleID, "metric", q.Metric, "message", q.Message, "text", q.Actual)
		}
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for _, f := range res.Facts {
		l := extractLine{
			File: name, Metric: f.Metric, Period: f.Period, Code: f.Code, Level: f.Level, Name: f.Name,
			Value: f.Value, Unit: f.Unit, SharePct: f.SharePct, ChangeValue: f.ChangeValue, ChangePct: f.ChangePct,
			ExecutionPct: f.ExecutionPct, Reason: f.Reason, Purpose: f.Purpose, Department: f.Department,
			Scope: res.Scope, FiscalYear: f.FiscalYear, Stage: f.Stage, Quote: f.Quote, Start: f.Start, End: f.End,
		}
		if f.Scheme != schemas.SchemeNone {
			l.Scheme = f.Scheme
		}
		amount := ""
		if f.HasAmount {
			y := f.Amount.Yuan()
			l.AmountYuan, amount = &y, y
		}
		if f.HasCount {
			c := f.Count
			l.Count, amount = &c, strconv.FormatInt(c, 10)
		}
		if tw != nil {
			v := f.Value
			if len([]rune(v)) > 24 {
				v = string([]rune(v)[:24]) + "…"
			}
			q := strings.ReplaceAll(f.Quote, "\n", " ")
			if len([]rune(q)) > 40 {
				q = string([]rune(q)[:40]) + "…"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\n", name, f.Metric, f.Period, f.FiscalYear, f.Name,
				strings.ReplaceAll(v, "\n", " "), f.Unit, amount, q)
			continue
		}
		if err := enc.Encode(l); err != nil {
			return fmt.Errorf("write: %w", err)
		}
	}
	return nil
}
