package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExtractCmd(t *testing.T) {
	dir := t.TempDir()
	txt := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(txt, []byte("某区科协2024年部门预算\n2024年收入预算120.66万元，其中：一般公共预算拨款收入120.66万元，占100%。\n单位现有公务用车2辆。"), 0o644); err != nil {
		t.Fatal(err)
	}
	html := filepath.Join(dir, "b.html")
	if err := os.WriteFile(html, []byte(`<html><head><meta name="ArticleTitle" content="某区科协2023年部门决算"></head><body><div class="nav">首页</div><div id="zoom"><p>2023年度支出总计98.5万元。</p></div></body></html>`), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.txt")

	var out, errb bytes.Buffer
	err := execute(context.Background(), []string{"extract", txt, missing, html}, strings.NewReader(""), &out, &errb)
	var ec exitError
	if !errors.As(err, &ec) || ec.code != 3 {
		t.Fatalf("err = %v, want exit code 3", err)
	}
	if !strings.Contains(errb.String(), missing) || strings.Count(strings.TrimSpace(errb.String()), "\n") != 0 {
		t.Errorf("stderr = %q, want one line naming %s", errb.String(), missing)
	}
	got := map[string]map[string]any{}
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("bad json line %q: %v", line, err)
		}
		for _, k := range []string{"metric", "period", "code", "name", "value", "unit", "department", "fiscal_year", "stage", "quote", "start", "end"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line %q lacks %s", line, k)
			}
		}
		got[m["metric"].(string)+"@"+filepath.Base(m["file"].(string))] = m
	}
	tests := []struct {
		key, field string
		want       any
	}{
		{"total_income@a.txt", "amount_yuan", "1206600"},
		{"general_public_budget_income@a.txt", "share_pct", "100"},
		{"vehicles_count@a.txt", "count", float64(2)},
		{"total_expenditure@b.html", "amount_yuan", "985000"},
		{"total_expenditure@b.html", "stage", "final_account"},
		{"total_expenditure@b.html", "fiscal_year", float64(2023)},
	}
	for _, tt := range tests {
		m, ok := got[tt.key]
		if !ok {
			t.Errorf("no %s in output:\n%s", tt.key, out.String())
			continue
		}
		if m[tt.field] != tt.want {
			t.Errorf("%s %s = %v, want %v", tt.key, tt.field, m[tt.field], tt.want)
		}
	}
	if _, ok := got["vehicles_count@a.txt"]["amount_yuan"]; ok {
		t.Errorf("a count carries amount_yuan")
	}

	// All files readable: exit 0; table format.
	out.Reset()
	errb.Reset()
	if err := execute(context.Background(), []string{"extract", "--format", "table", txt}, strings.NewReader(""), &out, &errb); err != nil {
		t.Fatalf("table: %v (%s)", err, errb.String())
	}
	if !strings.Contains(out.String(), "METRIC") || !strings.Contains(out.String(), "total_income") {
		t.Errorf("table output:\n%s", out.String())
	}
}
