package schemas

import (
	"errors"
	"testing"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		value, unit string
		want        string
		err         error
	}{
		{"120.66", "万元", "1206600.00", nil},
		{"0.6", "万元", "6000.00", nil},
		{"1,700.91", "万元", "17009100.00", nil},
		{"2476260.58", "元", "2476260.58", nil},
		{"0.0012", "万元", "12.00", nil},
		{"1.234567", "万元", "12345.67", nil},
		{"3.5", "亿元", "350000000.00", nil},
		{"-4.12", "万元", "-41200.00", nil},
		{"１２０．６６", "万元", "1206600.00", nil},
		{" 0.12 ", "万元", "1200.00", nil},
		{"12 345", "元", "12345.00", nil},
		{"0", "万元", "0.00", nil},
		{"1.234", "元", "", ErrInexact},
		{"abc", "元", "", nil},
		{"1", "美元", "", nil},
		{"", "元", "", nil},
	}
	for _, tt := range tests {
		got, err := ParseMoney(tt.value, tt.unit)
		if tt.want == "" {
			if err == nil {
				t.Errorf("ParseMoney(%q,%q) = %v, want error", tt.value, tt.unit, got)
			}
			if tt.err != nil && !errors.Is(err, tt.err) {
				t.Errorf("ParseMoney(%q,%q) err = %v, want %v", tt.value, tt.unit, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseMoney(%q,%q): %v", tt.value, tt.unit, err)
			continue
		}
		if got.String() != tt.want {
			t.Errorf("ParseMoney(%q,%q) = %s, want %s", tt.value, tt.unit, got, tt.want)
		}
	}
}

func TestMoneyFormats(t *testing.T) {
	m, _ := ParseMoney("120.66", "万元")
	if got := m.In("万元"); got != "120.66" {
		t.Errorf("In(万元) = %q", got)
	}
	if got := m.Yuan(); got != "1206600" {
		t.Errorf("Yuan() = %q", got)
	}
	if got := Money(-5).In("万元"); got != "-0.000005" {
		t.Errorf("In small negative = %q", got)
	}
	if got := Money(60).Yuan(); got != "0.6" {
		t.Errorf("Yuan(60 fen) = %q", got)
	}
}

func TestParseCount(t *testing.T) {
	for in, want := range map[string]int64{"5": 5, "1,200": 1200, "０": 0, "3.0": 3} {
		got, err := ParseCount(in)
		if err != nil || got != want {
			t.Errorf("ParseCount(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"2.5", "x", ""} {
		if _, err := ParseCount(in); err == nil {
			t.Errorf("ParseCount(%q): want error", in)
		}
	}
}
