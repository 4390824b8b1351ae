package tables

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/budgetfeed/budgetfeed/pipeline/tables/tablegen"
	"github.com/budgetfeed/budgetfeed/sources/demoportal/officegen"
)

// TestGeneratedXLSInlineStrings reads back a workbook from the project's
// BIFF8 writer whose strings overflow the one-record SST, so that the rest
// are inline LABEL records: every row and amount must still be read.
func TestGeneratedXLSInlineStrings(t *testing.T) {
	tb := tablegen.Table{Kind: KindProject, Title: "某单位2024年项目支出预算表", Unit: "元", Sheet: "项目支出",
		Header: [][]tablegen.HeaderCell{{{Text: "项目名称"}, {Text: "合计"}}}}
	for i := 0; i < 300; i++ {
		tb.Rows = append(tb.Rows, tablegen.Row{Cells: []string{fmt.Sprintf("第%03d号科普活动专项经费（含宣传、培训和场馆运行）", i), fmt.Sprintf("%d.50", 1000+i)}})
	}
	data, err := tablegen.XLS(tablegen.Doc{Name: "many", Department: "某单位", Tables: []tablegen.Table{tb}})
	if err != nil {
		t.Fatal(err)
	}
	f := File{Name: "many.xls", Data: data}
	ts, err := Read(context.Background(), f)
	if err != nil || len(ts) != 1 {
		t.Fatalf("%d tables, %v", len(ts), err)
	}
	if ts[0].Format != "xls" || len(ts[0].Rows) != 300 {
		t.Fatalf("format %s, %d rows", ts[0].Format, len(ts[0].Rows))
	}
	facts, _ := Facts(ts, f, Hint{FiscalYear: 2024})
	if len(facts) != 300 {
		t.Fatalf("%d facts", len(facts))
	}
	last := facts[299]
	if last.Name != "第299号科普活动专项经费（含宣传、培训和场馆运行）" || last.Amount.Yuan() != "1299.5" || last.Cell != "B303" {
		t.Errorf("last fact %s %s %s", last.Name, last.Amount.Yuan(), last.Cell)
	}
}

// TestGeneratedLegacyWord: the demo portal's .doc attachment is detected as
// Word 97 and refused as unsupported, never read.
func TestGeneratedLegacyWord(t *testing.T) {
	data, err := officegen.LegacyWordDOC("x")
	if err != nil {
		t.Fatal(err)
	}
	if fm, err := Detect(data); fm != FormatDOC || !errors.Is(err, ErrUnsupported) {
		t.Fatalf("Detect: %s %v", fm, err)
	}
	if _, err := Read(context.Background(), File{Name: "a.doc", Data: data}); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("Read: %v", err)
	}
}

// TestTitleRowSplitIntoRuns: a title cut into runs at PDF column borders is
// still a title; two unrelated texts or a row with an amount are not.
func TestTitleRowSplitIntoRuns(t *testing.T) {
	cases := []struct {
		texts []string
		title string
		ok    bool
	}{
		{[]string{"清溪区妇女联合会", "2023年收支预算总表"}, "清溪区妇女联合会2023年收支预算总表", true},
		{[]string{"表1", "某单位2024年一般公共预算支出表"}, "某单位2024年一般公共预算支出表", true},
		{[]string{"某单位2024年一般公共预算支出表", "单位：万元"}, "某单位2024年一般公共预算支出表", true},
		{[]string{"一般公共预算支出表", "12.50"}, "", false},
		{[]string{"项目", "预算数"}, "项目预算数", false},
	}
	for _, c := range cases {
		r := grow{}
		for _, x := range c.texts {
			r.cells = append(r.cells, gcell{text: x})
		}
		title, ok := isTitleRow(r)
		if ok != c.ok || (ok && title != c.title) {
			t.Errorf("%q: %q %v, want %q %v", c.texts, title, ok, c.title, c.ok)
		}
	}
}
