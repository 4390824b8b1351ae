package extract

import "strings"

// units in the order they are tried (longest first).
var mentionUnits = []string{"百万元", "万元", "亿元", "千元", "人次", "批次", "元", "万", "亿", "人", "名", "辆", "台", "个", "家", "次", "批", "%"}

// appendMentions appends to out the numbers of s followed by a unit, like
// the pattern -?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?UNIT, without a regular
// expression.
func appendMentions(out []mention, s string) []mention {
	for i := 0; ; {
		m, ok := nextMention(s, i)
		if !ok {
			return out
		}
		out = append(out, m)
		i = m.end
	}
}

// hasMention reports whether s holds a number with a unit.
func hasMention(s string) bool {
	_, ok := nextMention(s, 0)
	return ok
}

// nextMention returns the first mention that starts at or after byte i.
func nextMention(s string, i int) (mention, bool) {
	for ; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			continue
		}
		if i > 0 && (s[i-1] >= '0' && s[i-1] <= '9' || s[i-1] == '.') {
			continue
		}
		start := i
		// integer part: digits with optional ,ddd groups
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j-i <= 3 {
			for j+3 < len(s) && s[j] == ',' && isD(s[j+1]) && isD(s[j+2]) && isD(s[j+3]) && (j+4 >= len(s) || !isD(s[j+4])) {
				j += 4
			}
		}
		if j+1 < len(s) && s[j] == '.' && isD(s[j+1]) {
			j++
			for j < len(s) && isD(s[j]) {
				j++
			}
		}
		numEnd := j
		i = j - 1
		unit := unitAt(s, numEnd)
		if unit == "" {
			continue
		}
		m := mention{start: start, numStart: start, numEnd: numEnd, end: numEnd + len(unit), value: s[start:numEnd], unit: unit}
		if unit == "%" {
			m.pct = true
			if start > 0 && s[start-1] == '-' {
				m.neg, m.start = true, start-1
			}
		}
		return m, true
	}
	return mention{}, false
}

// unitAt returns the unit (mentionUnits, longest first) starting at s[i:].
func unitAt(s string, i int) string {
	if i >= len(s) || s[i] != '%' && s[i] < 0x80 {
		return ""
	}
	rest := s[i:]
	for _, u := range mentionUnits {
		if strings.HasPrefix(rest, u) {
			return u
		}
	}
	return ""
}

func isD(c byte) bool { return c >= '0' && c <= '9' }

// yearSpan is a "2024年" or "2024年度" in s.
type yearSpan struct {
	pos, end int
	year     int32
}

// findYears finds four-digit years 19xx/20xx followed by 年.
func findYears(s string) []yearSpan {
	out := make([]yearSpan, 0, 32)
	for off := 0; ; {
		k := strings.Index(s[off:], "年")
		if k < 0 {
			return out
		}
		k += off
		off = k + len("年")
		if k < 4 || !isD(s[k-1]) || !isD(s[k-2]) || !isD(s[k-3]) || !isD(s[k-4]) || k >= 5 && isD(s[k-5]) {
			continue
		}
		if !(s[k-4] == '1' && s[k-3] == '9' || s[k-4] == '2' && s[k-3] == '0') {
			continue
		}
		y := int32(s[k-4]-'0')*1000 + int32(s[k-3]-'0')*100 + int32(s[k-2]-'0')*10 + int32(s[k-1]-'0')
		end := off
		if strings.HasPrefix(s[end:], "度") {
			end += len("度")
		}
		out = append(out, yearSpan{pos: k - 4, end: end, year: y})
	}
}
