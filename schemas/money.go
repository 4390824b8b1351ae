package schemas

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Money is an exact amount in yuan, held as an integer number of fen
// (1 yuan = 100 fen). It is published as decimal128(18,2). Money never passes
// through a float.
type Money int64

// MoneyScale is the number of decimal places of Money in yuan.
const MoneyScale = 2

// MoneyPrecision is the decimal precision of the published amount columns.
const MoneyPrecision = 18

// ErrInexact reports a stated value that cannot be held in whole fen
// (for example 1.234567万元 = 12345.67 yuan is fine, 0.0000001万元 is not).
var ErrInexact = errors.New("amount is finer than one fen")

// unitFactor is the power of ten that turns the unit into yuan.
var unitFactor = map[string]int{
	"元": 0, "圆": 0, "千元": 3, "万元": 4, "万": 4, "百万元": 6, "亿元": 8, "亿": 8,
}

// MoneyUnits lists the money units ParseMoney accepts, longest first.
var MoneyUnits = []string{"百万元", "千元", "万元", "亿元", "万", "亿", "元", "圆"}

// IsMoneyUnit reports whether unit is a money unit ParseMoney understands.
func IsMoneyUnit(unit string) bool {
	_, ok := unitFactor[unit]
	return ok
}

// ParseMoney converts a value as printed ("1,234.56", "-4.12", "１２０．６６")
// in a money unit (元, 万元, 亿元, 千元) into exact Money. Thousands
// separators, spaces and full-width digits are accepted; anything else is an
// error. The conversion is decimal, never binary floating point.
func ParseMoney(value, unit string) (Money, error) {
	exp, ok := unitFactor[strings.TrimSpace(unit)]
	if !ok {
		return 0, fmt.Errorf("parse money %q: unknown unit %q", value, unit)
	}
	neg, intPart, frac, err := splitDecimal(value)
	if err != nil {
		return 0, fmt.Errorf("parse money %q %s: %w", value, unit, err)
	}
	// Shift the decimal point right by exp+MoneyScale places.
	shift := exp + MoneyScale
	frac = strings.TrimRight(frac, "0")
	if len(frac) > shift {
		return 0, fmt.Errorf("parse money %q %s: %w", value, unit, ErrInexact)
	}
	digits := intPart + frac + strings.Repeat("0", shift-len(frac))
	digits = strings.TrimLeft(digits, "0")
	if len(digits) > MoneyPrecision {
		return 0, fmt.Errorf("parse money %q %s: exceeds %d digits", value, unit, MoneyPrecision)
	}
	var n int64
	for _, c := range digits {
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return Money(n), nil
}

// splitDecimal normalises a printed decimal and splits it into sign, integer
// digits and fraction digits.
func splitDecimal(s string) (neg bool, intPart, frac string, err error) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '０' && r <= '９':
			b.WriteRune('0' + (r - '０'))
		case r == '．':
			b.WriteByte('.')
		case r == '－' || r == '−':
			b.WriteByte('-')
		case r == '＋':
			b.WriteByte('+')
		case r == ',' || r == '，' || r == ' ' || r == '\u3000' || r == '\u00a0' || r == '\t' || r == '\n' || r == '\r' || r == '\'':
			// thousands separators and stray white space inside a number
		default:
			b.WriteRune(r)
		}
	}
	t := b.String()
	if t == "" {
		return false, "", "", errors.New("empty number")
	}
	switch t[0] {
	case '-':
		neg, t = true, t[1:]
	case '+':
		t = t[1:]
	}
	intPart, frac, _ = strings.Cut(t, ".")
	if intPart == "" && frac == "" {
		return false, "", "", errors.New("no digits")
	}
	for _, part := range []string{intPart, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return false, "", "", fmt.Errorf("not a number: %q", s)
			}
		}
	}
	return neg, intPart, frac, nil
}

// ParseCount parses a stated whole count ("5", "1,200") of persons, vehicles,
// trips or units.
func ParseCount(value string) (int64, error) {
	neg, intPart, frac, err := splitDecimal(value)
	if err != nil {
		return 0, fmt.Errorf("parse count %q: %w", value, err)
	}
	if strings.TrimRight(frac, "0") != "" {
		return 0, fmt.Errorf("parse count %q: not a whole number", value)
	}
	if len(intPart) > 15 {
		return 0, fmt.Errorf("parse count %q: too large", value)
	}
	var n int64
	for _, c := range intPart {
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, nil
}

// Fen returns the amount as an integer number of fen.
func (m Money) Fen() int64 { return int64(m) }

// String formats the amount in yuan with exactly two decimals: "1206600.00".
func (m Money) String() string {
	n := int64(m)
	sign := ""
	var u uint64
	if n < 0 {
		sign = "-"
		if n == math.MinInt64 {
			u = uint64(math.MaxInt64) + 1
		} else {
			u = uint64(-n)
		}
	} else {
		u = uint64(n)
	}
	return fmt.Sprintf("%s%d.%02d", sign, u/100, u%100)
}

// Yuan formats the amount in yuan with trailing zero decimals dropped:
// "1206600", "0.6", "12.34".
func (m Money) Yuan() string {
	s := m.String()
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// In formats the amount in the given unit (元, 万元, 亿元) exactly, dropping
// trailing zeros: Money(120660000).In("万元") == "120.66".
func (m Money) In(unit string) string {
	exp, ok := unitFactor[unit]
	if !ok {
		return m.Yuan()
	}
	n := int64(m)
	neg := n < 0
	if neg {
		n = -n
	}
	digits := fmt.Sprintf("%d", n)
	scale := exp + MoneyScale
	if len(digits) <= scale {
		digits = strings.Repeat("0", scale-len(digits)+1) + digits
	}
	ip, fp := digits[:len(digits)-scale], strings.TrimRight(digits[len(digits)-scale:], "0")
	s := ip
	if fp != "" {
		s += "." + fp
	}
	if neg {
		s = "-" + s
	}
	return s
}
