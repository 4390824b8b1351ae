package extract

import (
	"reflect"
	"testing"
)

func TestExpand(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"公务[用]车", []string{"公务车", "公务用车"}},
		{"购置[费|经费]", []string{"购置", "购置费", "购置经费"}},
		{"{a|b}c[d]", []string{"ac", "acd", "bc", "bcd"}},
		{"x{|y}", []string{"x", "xy"}},
	}
	for _, tt := range tests {
		if got := expand(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("expand(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
