package schemas

//go:generate go test -run TestArrowGenerated -update .

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Kind is the logical type of a published column.
type Kind int

// Column kinds. Each maps to one Arrow type chosen to read back intact in
// DuckDB, arrow-go, pandas/pyarrow and Spark.
const (
	KindString    Kind = iota // utf8
	KindInt8                  // int8 (a bool field is published as 1 or 0)
	KindInt32                 // int32
	KindInt64                 // int64
	KindMoney                 // decimal128(18,2), yuan
	KindDate                  // date32
	KindTimestamp             // timestamp[us, UTC]
)

// Column describes one published column.
type Column struct {
	Name string
	Kind Kind
	// Field is the Go struct field holding the value; Valid, when set, is a
	// bool field that says whether the value is present (else null).
	Field, Valid string
	Nullable     bool
	Doc          string
	// Fiscal is the Fiscal Data Package meaning of the column, if any
	// (e.g. "value", "classification:functional", "direction", "phase", "date:fiscal-year").
	Fiscal string
}

// ArrowType returns the Arrow type of the column.
func (c Column) ArrowType() arrow.DataType {
	switch c.Kind {
	case KindInt8:
		return arrow.PrimitiveTypes.Int8
	case KindInt32:
		return arrow.PrimitiveTypes.Int32
	case KindInt64:
		return arrow.PrimitiveTypes.Int64
	case KindMoney:
		return &arrow.Decimal128Type{Precision: MoneyPrecision, Scale: MoneyScale}
	case KindDate:
		return arrow.FixedWidthTypes.Date32
	case KindTimestamp:
		return &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	default:
		return arrow.BinaryTypes.String
	}
}

// Table describes one published table: its columns and the Go row type.
type Table struct {
	Name    string
	Doc     string
	Columns []Column
	// SortKey lists the columns rows are sorted by when published.
	SortKey []string
	rowType reflect.Type
	fields  []int // struct field index per column
	valids  []int // struct field index of the validity flag, -1 if none
	// fast is the generated typed appender of the row type, nil when there
	// is none or it is out of date; it reports false for rows of another type.
	fast func(bs []array.Builder, rows any, sel []int32) bool
}

func newTable(name, doc string, row any, sortKey []string, cols []Column) *Table {
	t := &Table{Name: name, Doc: doc, Columns: cols, SortKey: sortKey, rowType: reflect.TypeOf(row)}
	for _, c := range cols {
		f, ok := t.rowType.FieldByName(c.Field)
		if !ok {
			panic(fmt.Sprintf("schemas: table %s column %s: no field %s", name, c.Name, c.Field))
		}
		t.fields = append(t.fields, f.Index[0])
		v := -1
		if c.Valid != "" {
			vf, ok := t.rowType.FieldByName(c.Valid)
			if !ok {
				panic(fmt.Sprintf("schemas: table %s column %s: no field %s", name, c.Name, c.Valid))
			}
			v = vf.Index[0]
		}
		t.valids = append(t.valids, v)
	}
	return t
}

// Schema returns the Arrow schema of the table, with the schema version in
// its metadata.
func (t *Table) Schema() *arrow.Schema {
	fs := make([]arrow.Field, len(t.Columns))
	for i, c := range t.Columns {
		fs[i] = arrow.Field{Name: c.Name, Type: c.ArrowType(), Nullable: c.Nullable || c.Valid != "" || c.Kind == KindDate || c.Kind == KindTimestamp}
	}
	md := arrow.NewMetadata([]string{VersionKey, "budgetfeed.table"}, []string{Version, t.Name})
	return arrow.NewSchema(fs, &md)
}

// Column returns the column with the given name.
func (t *Table) Column(name string) (Column, bool) {
	for _, c := range t.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}

// Record builds an Arrow record batch from rows, which must be a slice of the
// table's row type ([]Fact for Facts). The caller releases the record.
func (t *Table) Record(mem memory.Allocator, rows any) (arrow.RecordBatch, error) {
	b := array.NewRecordBuilder(mem, t.Schema())
	defer b.Release()
	if err := t.Append(b, rows); err != nil {
		return nil, err
	}
	return b.NewRecordBatch(), nil
}

// Append appends rows, a slice of the table's row type ([]Fact for Facts),
// to b, a builder of t.Schema() (or of a schema with the same fields). The
// builder may be reused: rows accumulate until b.NewRecordBatch.
//
// The row types of the published tables have generated, typed appenders
// (arrow_gen.go) that fill one column at a time without reflection; a table
// whose columns no longer match the generated code falls back to the
// reflective path, which gives the same result, only slower.
func (t *Table) Append(b *array.RecordBuilder, rows any) error {
	return t.AppendSelected(b, rows, nil)
}

// AppendSelected is Append of the rows rows[sel[0]], rows[sel[1]] ... in
// that order; a nil sel selects every row. It lets a caller append the rows
// of one partition out of a mixed slice without copying them.
func (t *Table) AppendSelected(b *array.RecordBuilder, rows any, sel []int32) error {
	if got := b.Schema().NumFields(); got != len(t.Columns) {
		return fmt.Errorf("table %s: builder has %d fields, want %d", t.Name, got, len(t.Columns))
	}
	if t.fast != nil && t.fast(b.Fields(), rows, sel) {
		return nil
	}
	rv := reflect.ValueOf(rows)
	if rv.Kind() != reflect.Slice || rv.Type().Elem() != t.rowType {
		return fmt.Errorf("table %s: rows are %T, want []%s", t.Name, rows, t.rowType.Name())
	}
	for _, i := range sel {
		if i < 0 || int(i) >= rv.Len() {
			return fmt.Errorf("table %s: selected row %d out of %d", t.Name, i, rv.Len())
		}
	}
	t.appendReflect(b.Fields(), rv, sel)
	return nil
}

// appendReflect is the reflective Append, one column at a time.
func (t *Table) appendReflect(bs []array.Builder, rv reflect.Value, sel []int32) {
	n := rv.Len()
	if sel != nil {
		n = len(sel)
	}
	for ci, c := range t.Columns {
		fb := bs[ci]
		fb.Reserve(n)
		for k := 0; k < n; k++ {
			i := k
			if sel != nil {
				i = int(sel[k])
			}
			row := rv.Index(i)
			if t.valids[ci] >= 0 && !row.Field(t.valids[ci]).Bool() {
				fb.AppendNull()
				continue
			}
			appendValue(fb, c.Kind, row.Field(t.fields[ci]))
		}
	}
}

// boolInt8 is how a bool field is published in a KindInt8 column: 1 for
// true, 0 for false (a flag such as facts.preferred).
func boolInt8(v bool) int8 {
	if v {
		return 1
	}
	return 0
}

// RowType returns the Go type of one row (schemas.Fact for Facts).
func (t *Table) RowType() reflect.Type { return t.rowType }

// signature describes the columns of t as the generated appenders see them:
// a generated appender is used only while its table still has this
// signature.
func (t *Table) signature() string {
	var sb strings.Builder
	sb.WriteString(t.rowType.Name())
	for _, c := range t.Columns {
		fmt.Fprintf(&sb, ";%s:%d:%s:%s", c.Name, c.Kind, c.Field, c.Valid)
	}
	return sb.String()
}

// reserveData makes room for size more bytes of string data in b, growing
// the data buffer at least twofold (BinaryBuilder.ReserveData grows it to
// the exact size asked, which turns many small appends quadratic).
func reserveData(b *array.StringBuilder, size int) {
	if need := b.DataLen() + size; need > b.DataCap() {
		b.ReserveData(max(need, 2*b.DataCap()) - b.DataLen())
	}
}

// useGenerated installs a generated appender for the named table if the
// table still has the signature the appender was generated for.
func useGenerated(table, sig string, fn func(bs []array.Builder, rows any, sel []int32) bool) {
	if t, ok := TableByName(table); ok && t.signature() == sig {
		t.fast = fn
	}
}

func appendValue(fb array.Builder, k Kind, fv reflect.Value) {
	switch k {
	case KindString:
		fb.(*array.StringBuilder).Append(fv.String())
	case KindInt8:
		if fv.Kind() == reflect.Bool {
			fb.(*array.Int8Builder).Append(boolInt8(fv.Bool()))
			return
		}
		fb.(*array.Int8Builder).Append(int8(fv.Int()))
	case KindInt32:
		fb.(*array.Int32Builder).Append(int32(fv.Int()))
	case KindInt64:
		fb.(*array.Int64Builder).Append(fv.Int())
	case KindMoney:
		fb.(*array.Decimal128Builder).Append(decimal128.FromI64(fv.Int()))
	case KindDate:
		tm := fv.Interface().(time.Time)
		if tm.IsZero() {
			fb.AppendNull()
			return
		}
		fb.(*array.Date32Builder).Append(arrow.Date32FromTime(tm))
	case KindTimestamp:
		tm := fv.Interface().(time.Time)
		if tm.IsZero() {
			fb.AppendNull()
			return
		}
		fb.(*array.TimestampBuilder).Append(arrow.Timestamp(tm.UTC().UnixMicro()))
	}
}

// Rows reads a record batch of this table back into a slice of the row type
// (for example []Fact). Columns missing from the record are left zero, so a
// reader of schema v1 files keeps working when columns are added.
func (t *Table) Rows(rec arrow.RecordBatch) (any, error) {
	n := int(rec.NumRows())
	out := reflect.MakeSlice(reflect.SliceOf(t.rowType), n, n)
	sch := rec.Schema()
	for ci, c := range t.Columns {
		idx := sch.FieldIndices(c.Name)
		if len(idx) == 0 {
			continue
		}
		arr := rec.Column(idx[0])
		for i := 0; i < n; i++ {
			row := out.Index(i)
			if arr.IsNull(i) {
				continue
			}
			if t.valids[ci] >= 0 {
				row.Field(t.valids[ci]).SetBool(true)
			}
			if err := setValue(row.Field(t.fields[ci]), c.Kind, arr, i); err != nil {
				return nil, fmt.Errorf("table %s column %s row %d: %w", t.Name, c.Name, i, err)
			}
		}
	}
	return out.Interface(), nil
}

func setValue(fv reflect.Value, k Kind, arr arrow.Array, i int) error {
	switch a := arr.(type) {
	case *array.String:
		fv.SetString(a.Value(i))
	case *array.LargeString:
		fv.SetString(a.Value(i))
	case *array.Dictionary:
		return setValue(fv, k, a.Dictionary(), a.GetValueIndex(i))
	case *array.Int8:
		if fv.Kind() == reflect.Bool {
			fv.SetBool(a.Value(i) != 0)
			return nil
		}
		fv.SetInt(int64(a.Value(i)))
	case *array.Int16:
		fv.SetInt(int64(a.Value(i)))
	case *array.Int32:
		fv.SetInt(int64(a.Value(i)))
	case *array.Int64:
		fv.SetInt(a.Value(i))
	case *array.Decimal128:
		typ := a.DataType().(*arrow.Decimal128Type)
		v := a.Value(i)
		for s := typ.Scale; s < MoneyScale; s++ {
			v = v.Mul(decimal128.FromI64(10))
		}
		for s := typ.Scale; s > MoneyScale; s-- {
			q, r := v.Div(decimal128.FromI64(10))
			if r != (decimal128.Num{}) {
				return fmt.Errorf("decimal with scale %d is finer than fen", typ.Scale)
			}
			v = q
		}
		if !v.FitsInPrecision(MoneyPrecision) {
			return fmt.Errorf("decimal %s exceeds precision %d", v.ToString(MoneyScale), MoneyPrecision)
		}
		fv.SetInt(int64(v.LowBits()))
	case *array.Date32:
		fv.Set(reflect.ValueOf(a.Value(i).ToTime().UTC()))
	case *array.Timestamp:
		unit := a.DataType().(*arrow.TimestampType).Unit
		fv.Set(reflect.ValueOf(a.Value(i).ToTime(unit).UTC()))
	default:
		return fmt.Errorf("unsupported arrow type %s", arr.DataType())
	}
	return nil
}
