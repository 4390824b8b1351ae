package extract

import "strings"

// Glossary (名词解释) regions. A 名词解释 heading starts a glossary only where
// definitions follow it (a term, then ":" and 指/是/反映/包括…, or the term
// directly followed by 指/是指); the same words in a table of contents
// ("第四部分 名词解释" followed by "……" or the next TOC line) start nothing.
// A glossary ends at the next section heading that is not itself a
// definition, so sections and tables after it are read again. Its bytes are
// blanked in the normalised text (same length, newlines kept), which leaves
// every offset into the original text exact.

// defVerbs may follow "term:" in a definition.
var defVerbs = []string{"指", "是", "反映", "包括", "包含", "即", "系", "主要", "用于", "核算", "按照", "为保障", "为完成"}

// isDefinition reports a glossary entry: after an optional list marker, a
// short term, then ":" and a defining verb, or the term directly followed by
// 指/是指/系指.
func isDefinition(line string) bool {
	line = strings.TrimSpace(line)
	if line == "" || strings.Contains(line, "…") || strings.Contains(line, "|") {
		return false
	}
	rs := []rune(line)
	// Skip a list marker: 1. 1、 (1) (一) 一、 第一
	i := 0
	if headingStart(rs, 0) {
		for i < len(rs) && i < 6 && rs[i] != '、' && rs[i] != '.' && rs[i] != ')' {
			i++
		}
		if i < len(rs) && i < 6 {
			i++
		} else {
			i = 0
		}
	}
	body := string(rs[i:])
	const maxTerm = 24 // runes before the colon or verb
	if c := strings.IndexByte(body, ':'); c > 0 && runeLen(body[:c]) <= maxTerm && !hasMention(body[:c]) {
		rest := strings.TrimLeft(body[c+1:], " \t\u3000")
		for _, v := range defVerbs {
			if strings.HasPrefix(rest, v) {
				return true
			}
		}
		return false
	}
	for _, v := range []string{"是指", "系指", "指"} {
		if k := strings.Index(body, v); k > 0 && runeLen(body[:k]) <= maxTerm && !hasMention(body[:k]) && !strings.ContainsAny(body[:k], ",;。") {
			return true
		}
	}
	return false
}

// glossaryHeading reports a line that heads a glossary, and the byte offset
// within the line where the definitions start when they follow on the same
// line ("五、名词解释:基本支出指…"), or -1 when they must follow on the next line.
func glossaryHeading(line string) (bool, int) {
	k := strings.Index(line, "名词解释")
	if k < 0 {
		return false, -1
	}
	after := strings.TrimLeft(line[k+len("名词解释"):], " \t\u3000")
	if strings.HasPrefix(after, ":") {
		rest := after[1:]
		if strings.TrimSpace(rest) == "" {
			return runeLen(line) < 30, -1
		}
		if isDefinition(rest) {
			return runeLen(line[:k]) < 12, len(line) - len(rest)
		}
		return false, -1
	}
	return after == "" && runeLen(line) < 30, -1
}

// maskGlossary returns s with its glossary regions blanked.
func maskGlossary(s string) string {
	if !strings.Contains(s, "名词解释") {
		return s
	}
	type span struct{ a, b int }
	var ls []span
	for a := 0; a <= len(s); {
		b := strings.IndexByte(s[a:], '\n')
		if b < 0 {
			b = len(s)
		} else {
			b += a
		}
		ls = append(ls, span{a, b})
		a = b + 1
	}
	nextNonBlank := func(i int) int {
		for i++; i < len(ls); i++ {
			if strings.TrimSpace(s[ls[i].a:ls[i].b]) != "" {
				return i
			}
		}
		return -1
	}
	var regions []span
	for i := 0; i < len(ls); i++ {
		line := s[ls[i].a:ls[i].b]
		ok, inline := glossaryHeading(line)
		if !ok {
			continue
		}
		if inline < 0 {
			j := nextNonBlank(i)
			if j < 0 || !isDefinition(s[ls[j].a:ls[j].b]) {
				continue // a table of contents, or a heading with nothing defined
			}
		}
		// The region runs to the next section heading that is not a
		// definition and is not followed by one.
		end := len(s)
		for j := i + 1; j < len(ls); j++ {
			l := s[ls[j].a:ls[j].b]
			if !sectionBreak(l) || isDefinition(l) {
				continue
			}
			if k := nextNonBlank(j); k >= 0 && isDefinition(s[ls[k].a:ls[k].b]) && !topHeading(l) {
				continue // a term on its own line, defined on the next
			}
			end = ls[j].a
			break
		}
		regions = append(regions, span{ls[i].a, end})
		for i+1 < len(ls) && ls[i+1].a < end {
			i++
		}
	}
	if len(regions) == 0 {
		return s
	}
	b := []byte(s)
	for _, r := range regions {
		for k := r.a; k < r.b; k++ {
			if b[k] != '\n' {
				b[k] = ' '
			}
		}
	}
	return string(b)
}

// sectionBreak reports a line that can end a glossary: a top-level heading
// (一、, (一), 第…), a heading naming a year and a stage, or a table caption
// or row.
func sectionBreak(line string) bool {
	t := strings.TrimSpace(line)
	if t == "" {
		return false
	}
	if strings.Count(t, "|") >= 2 || strings.HasPrefix(t, "单位:") {
		return true
	}
	if runeLen(t) > 40 {
		return false
	}
	if topHeading(t) {
		return true
	}
	return isHeading(t) && (strings.Contains(t, "预算") || strings.Contains(t, "决算") || strings.HasSuffix(t, "表"))
}
