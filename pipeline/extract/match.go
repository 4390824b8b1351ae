package extract

import "strings"

// Hand-written matchers for the patterns tried on every label segment; each
// is equivalent to the regular expression named in its comment and avoids
// the backtracking engine on the hot path.

// fillerWords are the literal alternatives of fillerTok.
var fillerWords = []string{
	"本年", "本年度", "当年", "全年", "年初", "年度", "上年", "上年度", "去年", "上一年", "上一年度", "同期",
	"调整预算", "调整预算数", "预算", "预算数", "决算", "决算数", "执行数", "完成数", "实际", "安排", "安排了",
	"支出", "拨款", "财政", "一般公共预算", "总额", "总计", "合计", "共计", "累计", "共", "计",
	"为", "是", "达", "达到", "约", ":", "数", "金额", "资金", "规模", "经费", "费用", "拨付", "了", "全部", "本级", "额", "的", "中",
	"部分", "比", "较", "相比", "同比", "同", "列支", "发生", "计划", "预计", "总", "为了",
}

// fillerByLead indexes fillerWords by their first byte.
var fillerByLead = func() [256][]string {
	var t [256][]string
	for _, w := range fillerWords {
		t[w[0]] = append(t[w[0]], w)
	}
	return t
}()

// isFiller reports whether s consists only of words that may stand between a
// label and its figure: fillerRe (^(?:fillerTok)*$) as a segmentation check.
func isFiller(s string) bool {
	if s == "" {
		return true
	}
	var small [192]bool
	var reach []bool
	if len(s) < len(small) {
		reach = small[:len(s)+1]
	} else {
		reach = make([]bool, len(s)+1)
	}
	reach[0] = true
	for i := 0; i < len(s); i++ {
		if !reach[i] {
			continue
		}
		rest := s[i:]
		for _, w := range fillerByLead[s[i]] {
			if strings.HasPrefix(rest, w) {
				reach[i+len(w)] = true
			}
		}
		c := s[i]
		switch {
		case c == '1' || c == '2':
			// (?:19|20)\d{2}年度?
			if len(rest) >= 7 && (c == '1' && rest[1] == '9' || c == '2' && rest[1] == '0') && isD(rest[2]) && isD(rest[3]) && rest[4:7] == "年" {
				reach[i+7] = true
				if strings.HasPrefix(rest[7:], "度") {
					reach[i+10] = true
				}
			}
			fallthrough
		case isD(c):
			// \d{1,2}月底?份?
			for _, n := range [2]int{1, 2} {
				if len(rest) < n+3 || n == 2 && !isD(rest[1]) || rest[n:n+3] != "月" {
					continue
				}
				e := n + 3
				reach[i+e] = true
				if strings.HasPrefix(rest[e:], "底") {
					e += 3
					reach[i+e] = true
				}
				if strings.HasPrefix(rest[e:], "份") {
					reach[i+e+3] = true
				}
			}
		case c == '(':
			// \([^()\d]{0,20}\)
			n := 0
			for j := 1; j < len(rest) && n <= 20; {
				r, size := decodeRune(rest, j)
				if r == ')' {
					reach[i+j+1] = true
					break
				}
				if r == '(' || r >= '0' && r <= '9' {
					break
				}
				n++
				j += size
			}
		}
	}
	return reach[len(s)]
}

// stageWords are stageRe's alternatives in its order (leftmost-first).
var stageWords = []string{"年初预算", "调整预算", "调整后预算", "预算", "决算", "实际支出", "实际完成", "实际", "执行数", "计划"}

// stageMatches appends to dst the non-overlapping stage words of s, left to
// right, as stageRe.FindAllStringIndex would.
func stageMatches(dst [][2]int, s string) [][2]int { return altMatches(dst, s, stageWords) }

// reasonWords are reasonRe's alternatives in its order.
var reasonWords = []string{"主要原因是", "主要原因为", "主要原因:", "原因是", "主要是因为", "主要是", "主要由于", "主要因为", "增减原因:", "变动原因:", "原因主要是"}

// altMatches appends the leftmost-first, non-overlapping matches of the
// alternation of words in s (as regexp FindAllStringIndex of a|b|c would).
func altMatches(dst [][2]int, s string, words []string) [][2]int {
	for i := 0; i < len(s); {
		matched := 0
		for _, w := range words {
			if s[i] == w[0] && strings.HasPrefix(s[i:], w) {
				matched = len(w)
				break
			}
		}
		if matched > 0 {
			dst = append(dst, [2]int{i, i + matched})
			i += matched
			continue
		}
		_, size := decodeRune(s, i)
		i += size
	}
	return dst
}

// hasStageWord is stageRe.MatchString.
func hasStageWord(s string) bool {
	var buf [4][2]int
	return len(stageMatches(buf[:0], s)) > 0
}

// hasPrior is priorRe.MatchString (上年度?|上一年度?|去年|上年同期).
func hasPrior(s string) bool {
	return strings.Contains(s, "上年") || strings.Contains(s, "上一年") || strings.Contains(s, "去年")
}

// splitLabel is labelSplit.Split(s, -1): it cuts at (类), (款), (项), runs of
// - or >, and /.
func splitLabel(s string) []string { return appendSplitLabel(nil, s) }

// appendSplitLabel appends the parts of splitLabel(s) to out.
func appendSplitLabel(out []string, s string) []string {
	last := 0
	for i := 0; i < len(s); {
		n := 0
		switch s[i] {
		case '(':
			if r := s[i+1:]; len(r) >= 4 && r[3] == ')' && (r[:3] == "类" || r[:3] == "款" || r[:3] == "项") {
				n = 5
			}
		case '-', '>':
			for n = 1; i+n < len(s) && s[i+n] == s[i]; n++ {
			}
		case '/':
			n = 1
		}
		if n == 0 {
			i++
			continue
		}
		out = append(out, s[last:i])
		i += n
		last = i
	}
	return append(out, s[last:])
}

// purposeLen is the length of the purposeRe match at the start of s
// (^[,:]?(主要)?用于), 0 when there is none. Both optional parts are tried
// greedily; not taking one cannot help, as what follows it cannot start 用于.
func purposeLen(s string) int {
	i := 0
	if i < len(s) && (s[i] == ',' || s[i] == ':') {
		i++
	}
	if strings.HasPrefix(s[i:], "主要") {
		i += len("主要")
	}
	if !strings.HasPrefix(s[i:], "用于") {
		return 0
	}
	return i + len("用于")
}
