package textify

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const page = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="某区科协2024年部门预算公开">
<meta name="PubDate" content="2024-02-05 10:00">
<title>网站标题</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<table class="xxgk_table"><tr><td>索　引　号：</td><td>114403006955506492/2024-00426</td><td>发布日期：</td><td>2024-02-05</td></tr></table>
<div class="TRS_Editor"><p>一、收支预算总体情况</p><p>2024年收入预算120.66万元。<br>支出预算120.66万元。</p>
<table><tr><td>项目</td><td>预算数</td></tr><tr><td>基本支出</td><td>104.66</td></tr></table>
<script>var x = "不应出现";</script></div>
<div class="footer">版权所有 主办单位</div></body></html>`

func TestHTML(t *testing.T) {
	a, err := HTML(page)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "某区科协2024年部门预算公开" {
		t.Errorf("title %q", a.Title)
	}
	if a.PublishedAt.Format("2006-01-02") != "2024-02-05" {
		t.Errorf("published %v", a.PublishedAt)
	}
	for _, want := range []string{"一、收支预算总体情况\n", "2024年收入预算120.66万元。\n支出预算120.66万元。", "基本支出 | 104.66"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, a.Text)
		}
	}
	for _, bad := range []string{"首页", "索", "版权所有", "不应出现"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("text keeps chrome %q:\n%s", bad, a.Text)
		}
	}
}

func TestHTMLFallbackAndMarkers(t *testing.T) {
	tests := []struct {
		name, page, want, not string
	}{
		{"content markers", `<html><body><div>菜单</div><meta name="ContentStart"><p>正文一段。</p><meta name="ContentEnd"><div>页脚</div></body></html>`, "正文一段。", "菜单"},
		{"largest block", `<html><body><div><a>导航</a></div><div class="x"><p>第一段很长的正文内容。</p><p>第二段正文。</p></div><footer>页脚</footer></body></html>`, "第二段正文。", "页脚"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := HTML(tt.page)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.Text, tt.want) || strings.Contains(a.Text, tt.not) {
				t.Errorf("text %q: want %q without %q", a.Text, tt.want, tt.not)
			}
		})
	}
}

func TestFile(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String("收入预算120.66万元")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		data   []byte
		format string
		want   string
		err    error
	}{
		{"a.txt", []byte("收入预算1万元"), "text", "收入预算1万元", nil},
		{"gbk.txt", []byte(gbk), "text", "收入预算120.66万元", nil},
		{"page.html", []byte(page), "html", "基本支出 | 104.66", nil},
		{"noext", []byte(page), "html", "基本支出", nil},
		{"a.pdf", []byte("%PDF-1.7 ..."), "", "", ErrUnsupported},
	}
	for _, tt := range tests {
		d, err := File(tt.name, tt.data)
		if tt.err != nil {
			if !errors.Is(err, tt.err) || !strings.Contains(err.Error(), tt.name) {
				t.Errorf("%s: err %v, want %v naming the file", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || d.Format != tt.format || !strings.Contains(d.Text, tt.want) {
			t.Errorf("%s: %+v %v, want format %s containing %q", tt.name, d, err, tt.format, tt.want)
		}
	}
	// A registered converter plugs in.
	Register("pdf", func(name string, data []byte) (Document, error) {
		return Document{Text: "converted " + name, Format: "pdf"}, nil
	}, ".pdf")
	defer func() { mu.Lock(); delete(converters, "pdf"); delete(byExt, ".pdf"); mu.Unlock() }()
	if d, err := File("a.pdf", []byte("%PDF-1.7")); err != nil || d.Text != "converted a.pdf" {
		t.Errorf("registered converter: %+v %v", d, err)
	}
}
