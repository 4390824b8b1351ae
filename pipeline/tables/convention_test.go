package tables

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/budgetfeed/budgetfeed/pipeline/textify"
	"github.com/budgetfeed/budgetfeed/schemas"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden fact lists in testdata/tables")

// factLine is a fact without its provenance: what the convention decides.
func factLine(f schemas.Fact) string {
	amt := "-"
	if f.HasAmount {
		amt = f.Amount.Yuan()
	}
	return fmt.Sprintf("%s\t%s\t%s\t%s\t%d\t%s\t%s", f.Metric, f.Period, f.Scheme, f.Code, f.Level, f.Name, amt)
}

func factLines(fs []schemas.Fact) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, factLine(f))
	}
	sort.Strings(out)
	return out
}

// TestFactsGolden pins every fact (metric, period, scheme, code, level,
// name, exact amount) of both fixture documents to a reviewed golden list,
// and requires the four formats of a document to yield exactly that list:
// the convention of docs/tables.md does not depend on the file format.
// Refresh with go test ./pipeline/tables -run TestFactsGolden -update.
func TestFactsGolden(t *testing.T) {
	hints := map[string]Hint{
		"budget_2024": {FiscalYear: 2024, Stage: schemas.StageBudget, Department: "区科协"},
		"final_2023":  {FiscalYear: 2023, Stage: schemas.StageFinalAccount, Department: "区科协"},
	}
	for _, doc := range []string{"budget_2024", "final_2023"} {
		golden := filepath.Join(fixtureDir, doc+".facts.golden")
		for _, ext := range []string{"xlsx", "xls", generatedXLS, "docx", "pdf"} {
			t.Run(doc+"."+ext, func(t *testing.T) {
				f := readFixture(t, doc+"."+ext)
				ts, err := Read(context.Background(), f)
				if err != nil {
					t.Fatal(err)
				}
				facts, _ := Facts(ts, f, hints[doc])
				got := strings.Join(factLines(facts), "\n") + "\n"
				if *update && ext == "xlsx" {
					if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				b, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("golden %s: %v (run with -update)", golden, err)
				}
				want := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
				have := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
				diffLines(t, want, have)
			})
		}
	}
}

// diffLines reports the lines only in want and only in have (multisets).
func diffLines(t *testing.T, want, have []string) {
	t.Helper()
	n := map[string]int{}
	for _, l := range want {
		n[l]++
	}
	for _, l := range have {
		n[l]--
	}
	var keys []string
	for l := range n {
		keys = append(keys, l)
	}
	sort.Strings(keys)
	for _, l := range keys {
		switch {
		case n[l] > 0:
			t.Errorf("missing %d× %q", n[l], l)
		case n[l] < 0:
			t.Errorf("extra %d× %q", -n[l], l)
		}
	}
}

// sheetXLSX writes rows of strings (row 1 first) on one sheet; cells that
// parse as numbers are written as numbers.
func sheetXLSX(t *testing.T, rows [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	for r, cells := range rows {
		for c, v := range cells {
			if v == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if _, ok := parseNumber(v); ok && r > 2 {
				if err := f.SetCellDefault("Sheet1", cell, v); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if err := f.SetCellStr("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestConvention checks the long-format rules of docs/tables.md on tables
// laid out as the district portals print them, including 合计 in the
// 科目编码 (or 类) column rather than the name column.
func TestConvention(t *testing.T) {
	type fact struct{ metric, period, scheme, code, name, yuan string }
	cases := []struct {
		name  string
		hint  Hint
		rows  [][]string
		wants []fact
	}{
		{"function table, budget, 合计 in the code column", Hint{FiscalYear: 2024, Stage: schemas.StageBudget}, [][]string{
			{"某单位2024年一般公共预算支出表"}, {"单位：元"},
			{"科目编码", "科目名称", "合计", "基本支出", "项目支出"},
			{"206", "科学技术支出", "300", "100", "200"},
			{"2060101", "行政运行", "300", "100", "200"},
			{"合计", "", "300", "100", "200"},
		}, []fact{
			{"function_class", "current", "function", "206", "科学技术支出", "300"},
			{"basic_expenditure", "current", "function", "206", "科学技术支出", "100"},
			{"project_expenditure", "current", "function", "206", "科学技术支出", "200"},
			{"function_class", "current", "function", "2060101", "行政运行", "300"},
			{"basic_expenditure", "current", "function", "2060101", "行政运行", "100"},
			{"project_expenditure", "current", "function", "2060101", "行政运行", "200"},
			{"general_public_budget_expenditure", "current", "none", "", "合计", "300"},
			// the 一般公共预算 shares, not the department-wide totals of the 收支总表
			{"general_public_budget_basic_expenditure", "current", "none", "", "合计", "100"},
			{"general_public_budget_project_expenditure", "current", "none", "", "合计", "200"},
		}},
		{"function table, final account, split code, 合计 in the 类 column", Hint{FiscalYear: 2023, Stage: schemas.StageFinalAccount}, [][]string{
			{"某单位2023年度一般公共预算财政拨款支出决算表"}, {"单位：万元"},
			{"类", "款", "项", "科目名称", "年初预算数", "决算数"},
			{"206", "", "", "科学技术支出", "1.5", "1.25"},
			{"", "01", "", "科学技术管理事务", "1.5", "1.25"},
			{"", "", "01", "行政运行", "1.5", "1.25"},
			{"合计", "", "", "", "1.5", "1.25"},
		}, []fact{
			{"function_class", "initial_budget", "function", "206", "科学技术支出", "15000"},
			{"function_class", "current", "function", "206", "科学技术支出", "12500"},
			{"function_class", "current", "function", "20601", "科学技术管理事务", "12500"},
			{"function_class", "current", "function", "2060101", "行政运行", "12500"},
			{"general_public_budget_expenditure", "initial_budget", "none", "", "", "15000"},
			{"general_public_budget_expenditure", "current", "none", "", "", "12500"},
		}},
		{"basic expenditure table, economic class", Hint{FiscalYear: 2024, Stage: schemas.StageBudget}, [][]string{
			{"某单位2024年一般公共预算基本支出表"}, {"单位：元"},
			{"科目编码", "科目名称", "合计", "人员经费", "公用经费"},
			{"301", "工资福利支出", "70", "70", ""},
			{"30101", "基本工资", "70", "70", ""},
			{"302", "商品和服务支出", "30", "", "30"},
			{"30201", "办公费", "30", "", "30"},
			{"合计", "", "100", "70", "30"},
		}, []fact{
			{"economic_class", "current", "economic", "301", "工资福利支出", "70"},
			{"personnel_expenditure", "current", "economic", "301", "工资福利支出", "70"},
			{"personnel_expenditure", "current", "economic", "30101", "基本工资", "70"},
			{"economic_class", "current", "economic", "30201", "办公费", "30"},
			{"public_expenditure", "current", "economic", "302", "商品和服务支出", "30"},
			{"public_expenditure", "current", "economic", "30201", "办公费", "30"},
			{"general_public_budget_basic_expenditure", "current", "none", "", "", "100"},
			{"personnel_expenditure", "current", "none", "", "", "70"},
			{"public_expenditure", "current", "none", "", "", "30"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := File{Name: "convention.xlsx", Data: sheetXLSX(t, c.rows)}
			ts, err := Read(context.Background(), f)
			if err != nil || len(ts) != 1 {
				t.Fatalf("%d tables, %v", len(ts), err)
			}
			for _, n := range ts[0].Notes {
				t.Errorf("unexpected note %+v", n)
			}
			facts, _ := Facts(ts, f, c.hint)
			got := map[string]schemas.Fact{}
			for _, fa := range facts {
				if fa.Code == "合计" || strings.Contains(fa.Code, "计") {
					t.Errorf("code %q published: %+v", fa.Code, fa)
				}
				if (fa.Metric == "function_class" || fa.Metric == "economic_class") && fa.Code == "" {
					t.Errorf("class metric without code: %+v", fa)
				}
				k := fa.Metric + "|" + fa.Period + "|" + fa.Code
				if _, dup := got[k]; dup {
					t.Errorf("fact %s published twice", k)
				}
				got[k] = fa
			}
			if len(got) != len(c.wants) && len(c.wants) == len(c.rows[3:])*(len(c.rows[2])-2) {
				t.Errorf("%d facts, want %d", len(got), len(c.wants))
			}
			for _, w := range c.wants {
				fa, ok := got[w.metric+"|"+w.period+"|"+w.code]
				if !ok {
					t.Errorf("no fact %+v (have %v)", w, keys(got))
					continue
				}
				if fa.Scheme != w.scheme || (w.name != "" && fa.Name != w.name) || fa.Amount.Yuan() != w.yuan {
					t.Errorf("fact %s: scheme %q name %q amount %s, want %+v", w.metric+"|"+w.code, fa.Scheme, fa.Name, fa.Amount.Yuan(), w)
				}
			}
		})
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestNameLookupUnderParent resolves classes printed without 科目编码 by
// name under the enclosing row's code: 行政运行 and 其他支出 recur under
// many parents.
func TestNameLookupUnderParent(t *testing.T) {
	f := File{Name: "nocodes.xlsx", Data: sheetXLSX(t, [][]string{
		{"某单位2024年一般公共预算支出表"}, {"单位：元"},
		{"科目名称", "合计"},
		{"一般公共服务支出", "10"},
		{"　　政府办公厅（室）及相关机构事务", "10"},
		{"　　　　行政运行", "10"},
		{"文化旅游体育与传媒支出", "20"},
		{"　　文化和旅游", "20"},
		{"　　　　行政运行", "20"},
		{"其他支出", "5"},
		{"　　其他支出", "5"},
		{"合计", "35"},
	})}
	ts, err := Read(context.Background(), f)
	if err != nil || len(ts) != 1 {
		t.Fatalf("%d tables, %v", len(ts), err)
	}
	facts, _ := Facts(ts, f, Hint{FiscalYear: 2024, Stage: schemas.StageBudget})
	var got []string
	for _, fa := range facts {
		got = append(got, fmt.Sprintf("%s %s %d %s", fa.Metric, fa.Code, fa.Level, fa.Amount.Yuan()))
	}
	want := []string{
		"function_class 201 1 10", "function_class 20103 2 10", "function_class 2010301 3 10",
		"function_class 207 1 20", "function_class 20701 2 20", "function_class 2070101 3 20",
		"function_class 229 1 5", "function_class 22999 2 5",
		"general_public_budget_expenditure  0 35",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("facts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestTextifyConverters: textify.File reads .docx and PDF attachments
// through this package once it is linked in.
func TestTextifyConverters(t *testing.T) {
	for _, c := range []struct{ file, format, want string }{
		{"budget_2024.docx", "docx", "区科协2024年一般公共预算支出预算表"},
		{"final_2023.pdf", "pdf", "一般公共预算财政拨款基本支出决算表"},
	} {
		f := readFixture(t, c.file)
		d, err := textify.File(c.file, f.Data)
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if d.Format != c.format || !strings.Contains(strings.ReplaceAll(d.Text, " ", ""), c.want) {
			t.Errorf("%s: format %q, text without %q:\n%.400s", c.file, d.Format, c.want, d.Text)
		}
	}
	if _, err := textify.File("broken.pdf", []byte("%PDF-1.7 truncated")); err == nil {
		t.Errorf("a corrupt PDF converted without error")
	}
}
