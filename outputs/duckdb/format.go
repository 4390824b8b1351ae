package duckdb

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"strings"
	"time"

	"github.com/mattn/go-runewidth"
)

// Formats lists the output formats of Format.
var Formats = []string{"table", "csv", "json", "markdown"}

// FormatValue renders one result value as text: decimals with all their
// places, dates as 2006-01-02, timestamps as RFC 3339 in UTC, NULL as "".
func FormatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case Decimal:
		return x.String()
	case *big.Int:
		return x.String()
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.UTC().Format("2006-01-02")
		}
		return x.UTC().Format(time.RFC3339Nano)
	case []any, map[string]any:
		b, err := json.Marshal(x)
		if err != nil {
			return fmt.Sprint(x)
		}
		return string(b)
	default:
		return fmt.Sprint(x)
	}
}

// Strings returns the rows of r rendered with FormatValue.
func (r *Result) Strings() [][]string {
	out := make([][]string, len(r.Rows))
	for i, row := range r.Rows {
		out[i] = make([]string, len(row))
		for j, v := range row {
			out[i][j] = FormatValue(v)
		}
	}
	return out
}

// Format writes r to w as table (aligned text, CJK-aware), csv (with a
// header row), json (an array of objects, keys in column order, decimals as
// exact JSON numbers) or markdown (a pipe table).
func Format(w io.Writer, r *Result, format string) error {
	if r == nil {
		return fmt.Errorf("format: no result")
	}
	var err error
	switch format {
	case "", "table":
		err = formatTable(w, r)
	case "csv":
		cw := csv.NewWriter(w)
		if err = cw.Write(r.Columns); err == nil {
			err = cw.WriteAll(r.Strings())
		}
	case "json":
		err = formatJSON(w, r)
	case "markdown", "md":
		err = formatMarkdown(w, r)
	default:
		return fmt.Errorf("format: unknown format %q (want %s)", format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return fmt.Errorf("format %s: %w", format, err)
	}
	return nil
}

func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ").Replace(s)
}

func formatTable(w io.Writer, r *Result) error {
	rows := r.Strings()
	width := make([]int, len(r.Columns))
	for i, c := range r.Columns {
		width[i] = runewidth.StringWidth(c)
	}
	for _, row := range rows {
		for i := range row {
			row[i] = oneLine(row[i])
			if n := runewidth.StringWidth(row[i]); n > width[i] {
				width[i] = n
			}
		}
	}
	var b bytes.Buffer
	line := func(cells []string, right func(int) bool) {
		for i, c := range cells {
			if i > 0 {
				b.WriteString("  ")
			}
			pad := strings.Repeat(" ", width[i]-runewidth.StringWidth(c))
			if right(i) {
				b.WriteString(pad + c)
			} else if i < len(cells)-1 {
				b.WriteString(c + pad)
			} else {
				b.WriteString(c)
			}
		}
		b.WriteByte('\n')
	}
	numeric := func(i int) bool {
		if i >= len(r.Types) {
			return false
		}
		t := r.Types[i]
		return strings.HasPrefix(t, "DECIMAL") || strings.Contains(t, "INT") || t == "DOUBLE" || t == "FLOAT"
	}
	line(r.Columns, func(int) bool { return false })
	sep := make([]string, len(width))
	for i, n := range width {
		sep[i] = strings.Repeat("-", n)
	}
	line(sep, func(int) bool { return false })
	for _, row := range rows {
		line(row, numeric)
	}
	fmt.Fprintf(&b, "(%d rows)\n", len(rows))
	_, err := w.Write(b.Bytes())
	return err
}

func formatJSON(w io.Writer, r *Result) error {
	var b bytes.Buffer
	b.WriteString("[")
	for i, row := range r.Rows {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  {")
		for j, v := range row {
			if j > 0 {
				b.WriteString(", ")
			}
			k, _ := json.Marshal(r.Columns[j])
			b.Write(k)
			b.WriteString(": ")
			var enc []byte
			var err error
			switch x := v.(type) {
			case time.Time:
				enc, err = json.Marshal(FormatValue(x))
			case *big.Int:
				enc = []byte(x.String())
			default:
				enc, err = json.Marshal(x)
			}
			if err != nil {
				return fmt.Errorf("row %d column %s: %w", i+1, r.Columns[j], err)
			}
			b.Write(enc)
		}
		b.WriteString("}")
	}
	if len(r.Rows) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	_, err := w.Write(b.Bytes())
	return err
}

func formatMarkdown(w io.Writer, r *Result) error {
	esc := func(s string) string {
		return strings.ReplaceAll(strings.ReplaceAll(oneLine(s), `\`, `\\`), "|", `\|`)
	}
	var b bytes.Buffer
	b.WriteString("|")
	for _, c := range r.Columns {
		b.WriteString(" " + esc(c) + " |")
	}
	b.WriteString("\n|")
	for i := range r.Columns {
		if i < len(r.Types) && (strings.HasPrefix(r.Types[i], "DECIMAL") || strings.Contains(r.Types[i], "INT")) {
			b.WriteString(" ---: |")
		} else {
			b.WriteString(" --- |")
		}
	}
	b.WriteString("\n")
	for _, row := range r.Strings() {
		b.WriteString("|")
		for _, c := range row {
			b.WriteString(" " + esc(c) + " |")
		}
		b.WriteString("\n")
	}
	_, err := w.Write(b.Bytes())
	return err
}
