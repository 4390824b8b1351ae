package mockportal

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Jiangsu is a 预决算公开 platform of the Jiangsu kind (portals.md archetype
// D): "/" is a small SPA shell; the data comes from form POSTs answering
// JSON:
//
//  1. POST /front/department/getdepartmentname.do pid, departmentName,
//     date, typeid → [{iid, name, pid, dtype}]
//  2. POST /front/budgetfinal/itemsandpag.do page_num, groupid=<iid>,
//     typeid, date → {budgetTemplates: [{uuid, name}], total}; two per page
//  3. POST /front/budgetfinal/getTemporaryFiles.do uuid='<uuid>' (the
//     literal quotes are required; without them the answer is [])
//     → [{t_oldname, iid, t_uploaddate}]
//  4. GET /front/budgetfinal/download.do?iid=N → the file
//     (application/octet-stream, no Content-Disposition)
//
// GETs of the .do endpoints answer 405. Expect keys of disclosures are
// "/front/budgetfinal/getTemporaryFiles.do?uuid=%27<uuid>%27" (the answer's
// identity: URL plus form fields).
type Jiangsu struct {
	*Portal
	// Region and Year are the pid and date the chain must send.
	Region, Year string
	// Titles maps disclosure keys to their expected title.
	Titles map[string]string
}

// NewJiangsu starts the platform mock.
func NewJiangsu() *Jiangsu {
	p := newPortal()
	j := &Jiangsu{Portal: p, Region: "320200", Year: "2021", Titles: map[string]string{}}
	shell := `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>预决算公开统一平台</title><link href="/static/css/app.css" rel="stylesheet"></head><body><noscript>请启用JavaScript</noscript><div id="app"></div><script src="/static/js/manifest.js"></script><script src="/static/js/vendor.js"></script><script src="/static/js/app.js"></script></body></html>`
	p.static("/", "text/html; charset=utf-8", []byte(shell))

	type dept struct {
		IID   int    `json:"iid"`
		Name  string `json:"name"`
		PID   string `json:"pid"`
		DType int    `json:"dtype"`
	}
	type tpl struct {
		UUID string `json:"uuid"`
		Name string `json:"name"`
	}
	type file struct {
		Name string `json:"t_oldname"`
		IID  int    `json:"iid"`
		Date string `json:"t_uploaddate"`
	}
	depts := []dept{{101, "无锡市教育局", j.Region, 1}, {102, "无锡市财政局", j.Region, 1}, {103, "无锡市档案馆", j.Region, 2}}
	tpls := map[int][]tpl{}
	files := map[string][]file{}
	fileIID := 5000
	for _, d := range depts {
		n := map[int]int{101: 3, 102: 1, 103: 0}[d.IID]
		for k := 1; k <= n; k++ {
			t := tpl{UUID: fmt.Sprintf("%08x-4e1a-9c2b-%012d", d.IID*7919+k, d.IID*10+k), Name: j.Year + "年部门预算"}
			if k == 3 {
				t.Name = j.Year + "年单位预算（二级单位）"
			}
			tpls[d.IID] = append(tpls[d.IID], t)
			key := "/front/budgetfinal/getTemporaryFiles.do?" + url.Values{"uuid": {"'" + t.UUID + "'"}}.Encode()
			var atts []string
			nf := 1
			if d.IID == 101 && k == 1 {
				nf = 2 // a department with more than one file
			}
			for f := 1; f <= nf; f++ {
				fileIID++
				name := fmt.Sprintf("%s%s（%d）.pdf", d.Name, t.Name, f)
				files[t.UUID] = append(files[t.UUID], file{Name: name, IID: fileIID, Date: fmt.Sprintf("%s-02-%02d 10:00:00", j.Year, k)})
				dl := "/front/budgetfinal/download.do?iid=" + strconv.Itoa(fileIID)
				atts = append(atts, dl)
				p.Expect.FileNames[dl] = name
			}
			p.disclose(key, atts...)
			j.Titles[key] = d.Name + t.Name
		}
	}
	post := func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != http.MethodPost || r.ParseForm() != nil {
			http.Error(w, "Request method not supported", http.StatusMethodNotAllowed)
			return false
		}
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		return true
	}
	p.handle("/front/department/getdepartmentname.do", func(w http.ResponseWriter, r *http.Request) {
		if !post(w, r) {
			return
		}
		out := []dept{}
		if r.PostForm.Get("pid") == j.Region && r.PostForm.Get("date") == j.Year && r.PostForm.Get("typeid") == "2" {
			out = depts
		}
		_ = json.NewEncoder(w).Encode(out)
	})
	p.handle("/front/budgetfinal/itemsandpag.do", func(w http.ResponseWriter, r *http.Request) {
		if !post(w, r) {
			return
		}
		g, _ := strconv.Atoi(r.PostForm.Get("groupid"))
		pg, _ := strconv.Atoi(r.PostForm.Get("page_num"))
		all := tpls[g]
		if r.PostForm.Get("date") != j.Year || r.PostForm.Get("typeid") != "2" {
			all = nil
		}
		out := []tpl{}
		for i := (pg - 1) * 2; pg >= 1 && i < pg*2 && i < len(all); i++ {
			out = append(out, all[i])
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"budgetTemplates": out, "total": len(all)})
	})
	p.handle("/front/budgetfinal/getTemporaryFiles.do", func(w http.ResponseWriter, r *http.Request) {
		if !post(w, r) {
			return
		}
		u := r.PostForm.Get("uuid")
		out := []file{}
		if len(u) > 2 && strings.HasPrefix(u, "'") && strings.HasSuffix(u, "'") {
			out = append(out, files[u[1:len(u)-1]]...)
		}
		_ = json.NewEncoder(w).Encode(out)
	})
	body := map[int][]byte{}
	for _, fs := range files {
		for _, f := range fs {
			body[f.IID] = fakePDF("yjsgk-"+strconv.Itoa(f.IID), 2400+f.IID%97)
		}
	}
	p.handle("/front/budgetfinal/download.do", func(w http.ResponseWriter, r *http.Request) {
		iid, _ := strconv.Atoi(r.URL.Query().Get("iid"))
		b, ok := body[iid]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write(b)
	})
	p.start()
	return j
}

// ChainYAML is the jsonapi chain configuration of this platform, as a
// profile would carry it (documentation and tests).
const ChainYAML = `jsonapi:
  vars: {region: "320200", year: "2021"}
  chain:
    - {url: /front/department/getdepartmentname.do, form: {pid: "{region}", departmentName: "", date: "{year}", typeid: "2"}, as: dept}
    - {url: /front/budgetfinal/itemsandpag.do, form: {page_num: "{page}", groupid: "{dept.iid}", typeid: "2", date: "{year}"}, items_path: budgetTemplates, as: tpl}
    - {url: /front/budgetfinal/getTemporaryFiles.do, form: {uuid: "'{tpl.uuid}'"}, as: file}
  chain_title: "{dept.name}{tpl.name}"
  chain_file_url: "/front/budgetfinal/download.do?iid={file.iid}"
  chain_file_name: "{file.t_oldname}"
  chain_date: "{file.t_uploaddate}"
`
