package schemas

import (
	"reflect"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

func TestFactsRoundTrip(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	amt, _ := ParseMoney("120.66", "万元")
	in := []Fact{
		{DocID: "d1", FiscalYear: 2024, Stage: StageBudget, Metric: "total_income", Period: PeriodCurrent,
			Scheme: SchemeNone, Value: "120.66", Unit: "万元", Amount: amt, HasAmount: true,
			ChangeValue: "-4.12", ChangeAmount: -4120000, HasChange: true, Quote: "收入预算120.66万元", Start: 3, End: 14},
		{DocID: "d1", FiscalYear: 2024, Metric: "staff_in_post", Value: "5", Unit: "人", Count: 5, HasCount: true},
		{DocID: "d1", FiscalYear: 2024, Metric: "function_class", Scheme: SchemeFunction, Code: "2060701", Level: 3,
			Value: "-0.01", Unit: "万元", Amount: -100, HasAmount: true},
	}
	rec, err := Facts.Record(mem, in)
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Release()
	if got := rec.Schema().Metadata().FindKey(VersionKey); got < 0 {
		t.Fatal("schema version missing from metadata")
	}
	out, err := Facts.Rows(rec)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out.([]Fact), in) {
		t.Fatalf("round trip differs:\n got %+v\nwant %+v", out, in)
	}
	if rec.Column(13).IsValid(1) {
		t.Error("amount_yuan of a count fact should be null")
	}
}

func TestDocumentsRoundTripDates(t *testing.T) {
	mem := memory.NewGoAllocator()
	pub := time.Date(2024, 2, 20, 0, 0, 0, 0, time.UTC)
	fet := time.Date(2026, 11, 27, 8, 1, 2, 345678000, time.UTC)
	in := []Document{{DocID: "x", FiscalYear: 2024, PublishedAt: pub, FetchedAt: fet}, {DocID: "y"}}
	rec, err := Documents.Record(mem, in)
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Release()
	out, _ := Documents.Rows(rec)
	got := out.([]Document)
	if !got[0].PublishedAt.Equal(pub) || !got[0].FetchedAt.Equal(fet) {
		t.Errorf("dates: got %v %v", got[0].PublishedAt, got[0].FetchedAt)
	}
	if !got[1].PublishedAt.IsZero() {
		t.Errorf("zero date should stay null, got %v", got[1].PublishedAt)
	}
	if _, err := Documents.Record(mem, []Fact{}); err == nil {
		t.Error("wrong row type accepted")
	}
}

func TestCodes(t *testing.T) {
	l, err := LoadCodes()
	if err != nil {
		t.Fatal(err)
	}
	c, ok := l.ByCode(SchemeFunction, "210", 2018)
	if !ok || c.Name != "医疗卫生与计划生育支出" || c.CurrentName != "卫生健康支出" {
		t.Errorf("210 in 2018 = %+v", c)
	}
	if got := l.ByName(SchemeFunction, "医疗卫生与计划生育支出", ""); len(got) != 1 || got[0].Code != "210" {
		t.Errorf("ByName renamed class = %+v", got)
	}
	if got := l.ByName(SchemeFunction, "机构运行", "20607"); len(got) != 1 || got[0].Code != "2060701" || got[0].Level != 3 {
		t.Errorf("ByName 机构运行 under 20607 = %+v", got)
	}
}

func TestMetricsUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range Metrics {
		if seen[m.Name] {
			t.Errorf("metric %s listed twice", m.Name)
		}
		seen[m.Name] = true
	}
	if _, ok := LookupMetric("three_public_total"); !ok {
		t.Error("three_public_total missing")
	}
}
