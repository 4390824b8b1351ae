package parquet

import (
	"cmp"
	"reflect"
	"sort"
	"time"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// rowSortKey is one sort column's value for one row.
type rowSortKey struct {
	s string
	i int64
}

// rowSorter sorts a reflect slice of rows by the table's SortKey, breaking
// ties by every field of the row in struct order, so that the same rows always
// come out in the same order whatever order they arrived in.
type rowSorter struct {
	rows   reflect.Value
	swap   func(i, j int)
	keys   []rowSortKey // len(rows) × nk
	nk     int
	fields []int // struct field index of every column, for tie breaks
}

func (s *rowSorter) Len() int { return s.rows.Len() }

func (s *rowSorter) Swap(i, j int) {
	s.swap(i, j)
	a, b := s.keys[i*s.nk:(i+1)*s.nk], s.keys[j*s.nk:(j+1)*s.nk]
	for k := range a {
		a[k], b[k] = b[k], a[k]
	}
}

func (s *rowSorter) Less(i, j int) bool {
	a, b := s.keys[i*s.nk:(i+1)*s.nk], s.keys[j*s.nk:(j+1)*s.nk]
	for k := range a {
		if c := cmp.Compare(a[k].s, b[k].s); c != 0 {
			return c < 0
		}
		if c := cmp.Compare(a[k].i, b[k].i); c != 0 {
			return c < 0
		}
	}
	ri, rj := s.rows.Index(i), s.rows.Index(j)
	for _, f := range s.fields {
		if c := compareValue(ri.Field(f), rj.Field(f)); c != 0 {
			return c < 0
		}
	}
	return false
}

// compareValue compares two struct fields of the kinds rows use.
func compareValue(a, b reflect.Value) int {
	switch a.Kind() {
	case reflect.String:
		return cmp.Compare(a.String(), b.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return cmp.Compare(a.Int(), b.Int())
	case reflect.Bool:
		switch {
		case a.Bool() == b.Bool():
			return 0
		case a.Bool():
			return 1
		default:
			return -1
		}
	case reflect.Struct:
		if ta, ok := a.Interface().(time.Time); ok {
			return ta.Compare(b.Interface().(time.Time))
		}
	}
	return 0
}

// sortRows sorts rows (a slice of the table's row type) in place by the
// sort key, ties broken by every field: the tests' canonical order of rows
// (the writer sorts Arrow columns, see sort.go).
func sortRows(t *schemas.Table, rows reflect.Value) {
	n := rows.Len()
	if n < 2 {
		return
	}
	typ := rows.Type().Elem()
	var keyFields []int
	for _, k := range t.SortKey {
		c, ok := t.Column(k)
		if !ok {
			continue
		}
		f, _ := typ.FieldByName(c.Field)
		keyFields = append(keyFields, f.Index[0])
	}
	s := &rowSorter{rows: rows, swap: reflect.Swapper(rows.Interface()), nk: len(keyFields)}
	for i := 0; i < typ.NumField(); i++ {
		s.fields = append(s.fields, i)
	}
	s.keys = make([]rowSortKey, n*s.nk)
	for i := 0; i < n; i++ {
		r := rows.Index(i)
		for k, f := range keyFields {
			v := r.Field(f)
			switch v.Kind() {
			case reflect.String:
				s.keys[i*s.nk+k].s = v.String()
			case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
				s.keys[i*s.nk+k].i = v.Int()
			case reflect.Struct:
				if tm, ok := v.Interface().(time.Time); ok && !tm.IsZero() {
					s.keys[i*s.nk+k].i = tm.UnixNano()
				}
			}
		}
	}
	sort.Sort(s)
}
