package demoportal

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// style is how one document prints amounts and percentages.
type style struct {
	Unit    string // 万元 or 元
	Dec     int    // decimals printed in Unit
	Trim    bool   // drop trailing zero decimals ("16万元", "76.7万元")
	Yi      bool   // amounts of 1亿元 and more that are whole 万元 print in 亿元
	PctTrim bool   // percentages drop trailing zeros ("100%", "13.3%")
}

// pickStyle chooses a printing style that represents every multiple of g exactly.
func pickStyle(r *rand.Rand, g schemas.Money, big bool) style {
	var opts []style
	if g%10000 == 0 {
		opts = append(opts, style{Unit: "万元", Dec: 2}, style{Unit: "万元", Dec: 2, Trim: true}, style{Unit: "万元", Dec: 2, Trim: true})
	}
	opts = append(opts, style{Unit: "万元", Dec: 4}, style{Unit: "元", Dec: 2})
	s := opts[r.IntN(len(opts))]
	s.Yi = big && s.Unit == "万元" && r.IntN(3) != 0
	s.PctTrim = r.IntN(4) == 0
	return s
}

// num prints m in unit with dec decimals (exact: callers pass amounts the
// unit can hold), optionally trimmed and with thousands separators.
func num(m schemas.Money, unit string, dec int, trim, sep bool) string {
	exp := map[string]int{"元": 0, "万元": 4, "亿元": 8}[unit]
	neg := m < 0
	n := int64(m)
	if neg {
		n = -n
	}
	digits := fmt.Sprintf("%d", n)
	scale := exp + schemas.MoneyScale
	if len(digits) <= scale {
		digits = strings.Repeat("0", scale-len(digits)+1) + digits
	}
	ip, fp := digits[:len(digits)-scale], digits[len(digits)-scale:]
	if strings.TrimRight(fp[min(dec, len(fp)):], "0") != "" {
		panic(fmt.Sprintf("demoportal: %d fen is not exact in %s with %d decimals", m, unit, dec))
	}
	fp = fp[:min(dec, len(fp))]
	if trim {
		fp = strings.TrimRight(fp, "0")
	}
	if sep && len(ip) > 3 {
		var b strings.Builder
		for i, c := range ip {
			if i > 0 && (len(ip)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(c)
		}
		ip = b.String()
	}
	s := ip
	if fp != "" {
		s += "." + fp
	}
	if neg {
		s = "-" + s
	}
	return s
}

// amount prints m with its unit: "120.66万元", "1,206,600.00元", "3.2156亿元".
func (s style) amount(m schemas.Money) string {
	if s.Yi && m >= 10000000000 && m%1000000 == 0 {
		return num(m, "亿元", 4, true, false) + "亿元"
	}
	return s.number(m) + s.Unit
}

// number prints m in the style's unit without the unit.
func (s style) number(m schemas.Money) string {
	return num(m, s.Unit, s.Dec, s.Trim, s.Unit == "元")
}

// basisPoints is part/whole in hundredths of a percent, rounded half away
// from zero; whole must not be zero.
func basisPoints(part, whole schemas.Money) int64 {
	p, w := int64(part)*10000, int64(whole)
	neg := (p < 0) != (w < 0)
	if p < 0 {
		p = -p
	}
	if w < 0 {
		w = -w
	}
	q := (2*p + w) / (2 * w)
	if neg {
		q = -q
	}
	return q
}

// pct prints hundredths of a percent unsigned: "86.74", or trimmed "100".
func (s style) pct(bp int64) string {
	if bp < 0 {
		bp = -bp
	}
	str := fmt.Sprintf("%d.%02d", bp/100, bp%100)
	if s.PctTrim {
		str = strings.TrimSuffix(strings.TrimRight(str, "0"), ".")
	}
	return str
}

// cnNum is the Chinese numeral for section numbers 1..20.
func cnNum(n int) string {
	d := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	switch {
	case n <= 10:
		return d[n]
	case n < 20:
		return "十" + d[n-10]
	default:
		return d[n/10] + "十" + d[n%10]
	}
}

func pick[T any](r *rand.Rand, xs ...T) T { return xs[r.IntN(len(xs))] }
