package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The tokenizer below has a twin in the theme's search script
// (internal/theme/assets/js/search.js); testdata/spec.json holds the cases
// both must pass, so that a query is cut in the browser exactly as the
// documents were cut in the build. Change both, and the cases, together.

// Normalize folds the differences a reader does not see as differences:
// full-width ASCII (ＡＢＣ１２３％) to ASCII, the ideographic space to a
// space, half-width katakana (ｻﾛﾝ, ｶﾞ) to full-width, katakana to
// hiragana (サロン → さろん), ASCII and the accented Latin letters of
// romanized Japanese and European names to lower-case letters without
// accents (Ōita → oita).
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var prev rune = -1 // the last rune read, for half-width voicing marks
	flush := func() {
		if prev >= 0 {
			b.WriteRune(foldKanaCase(prev))
		}
	}
	for _, r := range s {
		r = foldWidth(r)
		if r == 0xFF9E || r == 0xFF9F { // half-width (semi-)voiced mark
			if v, ok := voice(prev, r == 0xFF9F); ok {
				prev = v
			}
			continue
		}
		if r >= 0xFF66 && r <= 0xFF9D {
			r = halfKana[r-0xFF66]
		} else if r >= 0xFF61 && r <= 0xFF65 {
			r = halfPunct[r-0xFF61]
		}
		flush()
		prev = r
	}
	flush()
	return b.String()
}

// foldWidth maps full-width ASCII to ASCII and U+3000 to a space.
func foldWidth(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x3000:
		return ' '
	}
	return r
}

// foldKanaCase maps katakana to hiragana and folds letter case and accents.
func foldKanaCase(r rune) rune {
	switch {
	case r >= 0x30A1 && r <= 0x30F6:
		return r - 0x60
	case r == 0x30FD || r == 0x30FE:
		return r - 0x60
	case r >= 'A' && r <= 'Z':
		return r + 'a' - 'A'
	case r >= 0xC0 && r <= 0x17F:
		if f, ok := latinFold[r]; ok {
			return f
		}
	}
	return r
}

// voice adds a voiced (dakuten) or semi-voiced (handakuten) mark to a
// full-width katakana, as ｶﾞ is ガ.
func voice(r rune, semi bool) (rune, bool) {
	switch {
	case semi && r >= 0x30CF && r <= 0x30DB && (r-0x30CF)%3 == 0: // ハヒフヘホ → パピプペポ
		return r + 2, true
	case !semi && r == 0x30A6: // ウ → ヴ
		return 0x30F4, true
	case !semi && ((r >= 0x30AB && r <= 0x30C1 && (r-0x30AB)%2 == 0) || // カ-チ
		(r >= 0x30C4 && r <= 0x30C8 && (r-0x30C4)%2 == 0) || // ツテト
		(r >= 0x30CF && r <= 0x30DB && (r-0x30CF)%3 == 0)): // ハヒフヘホ
		return r + 1, true
	}
	return r, false
}

// halfKana is the full-width form of U+FF66 (ｦ) to U+FF9D (ﾝ).
var halfKana = []rune("ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン")

// halfPunct is the full-width form of U+FF61 (｡) to U+FF65 (･).
var halfPunct = []rune("。「」、・")

// latinFold maps accented Latin letters, either case, to the plain
// lower-case letter.
var latinFold = func() map[rune]rune {
	m := map[rune]rune{}
	for base, letters := range map[rune]string{
		'a': "ÀÁÂÃÄÅàáâãäåĀāĂăĄą",
		'c': "ÇçĆćĈĉĊċČč",
		'e': "ÈÉÊËèéêëĒēĔĕĖėĘęĚě",
		'i': "ÌÍÎÏìíîïĨĩĪīĬĭĮįİ",
		'n': "ÑñŃńŅņŇň",
		'o': "ÒÓÔÕÖØòóôõöøŌōŎŏŐő",
		'u': "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų",
		'y': "ÝýÿŸ",
	} {
		for _, r := range letters {
			m[r] = base
		}
	}
	return m
}()

// A Token is one unit of the index: a word, a number, or two Japanese
// characters. A Prefix token, made from a one-character Japanese query,
// matches every token that begins with its character.
type Token struct {
	Text   string
	Prefix bool
}

// String is the token as the spec cases write it: a prefix token ends in "*".
func (t Token) String() string {
	if t.Prefix {
		return t.Text + "*"
	}
	return t.Text
}

// DocTokens cuts normalized document text into tokens, in order, with
// repeats: each word and number; a number followed by % also as, say,
// "75%"; each pair of neighbouring characters of a run of Japanese, and
// the run's last character alone, so that every character begins a token.
func DocTokens(norm string) []string {
	var out []string
	eachDocToken(norm, func(t string) { out = append(out, t) })
	return out
}

// eachDocToken calls fn with each token DocTokens returns, in order. A
// Japanese token is a substring of norm, so no token is copied: fn must
// clone what it keeps.
func eachDocToken(norm string, fn func(string)) {
	scan(norm, fn, func(run string) {
		for i := 0; i < len(run); {
			_, a := utf8.DecodeRuneInString(run[i:])
			if i+a == len(run) {
				fn(run[i:])
				break
			}
			_, b := utf8.DecodeRuneInString(run[i+a:])
			fn(run[i : i+a+b])
			i += a
		}
	})
}

// QueryTokens cuts a query, normalized here, into the tokens a document
// must hold, each once, in order: its words and numbers as DocTokens makes
// them, the pairs of each Japanese run of two or more characters, and a
// Prefix token for a Japanese run of one character.
func QueryTokens(query string) []Token {
	var out []Token
	seen := map[Token]bool{}
	add := func(t Token) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	scan(Normalize(query), func(word string) { add(Token{Text: word}) }, func(run string) {
		rs := []rune(run)
		if len(rs) == 1 {
			add(Token{Text: run, Prefix: true})
			return
		}
		for i := 0; i+1 < len(rs); i++ {
			add(Token{Text: string(rs[i : i+2])})
		}
	})
	return out
}

// scan splits normalized text into words (calling word for each token a
// word gives) and runs of Japanese characters (substrings of s).
func scan(s string, word func(string), cjk func(string)) {
	at := func(i int) (rune, int) {
		if i >= len(s) {
			return -1, 0
		}
		return utf8.DecodeRuneInString(s[i:])
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := at(i)
		switch {
		case isCJK(r):
			j := i
			for {
				c, n := at(j)
				if n == 0 || !isCJK(c) {
					break
				}
				j += n
			}
			cjk(s[i:j])
			i = j
		case isWord(r):
			b.Reset()
			numeric := true
			j := i
			prev := rune(-1)
			for j < len(s) {
				c, n := at(j)
				if isWord(c) {
					b.WriteRune(c)
					numeric = numeric && (isDigit(c) || c == '.')
					prev = c
					j += n
					continue
				}
				// A comma or point between digits stays in the number:
				// 1,548 is 1548 and 0.9 is 0.9.
				if next, _ := at(j + n); (c == ',' || c == '.') && isDigit(prev) && isDigit(next) {
					if c == '.' {
						b.WriteRune(c)
					}
					prev = c
					j += n
					continue
				}
				break
			}
			w := b.String()
			if numeric {
				word(w)
				if c, _ := at(j); c == '%' {
					word(w + "%")
				}
			} else if !stopWords[w] {
				word(foldPlural(w))
			}
			i = j
		default:
			i += size
		}
	}
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isWord reports whether r belongs in a word: a letter or digit below the
// CJK blocks (Latin, Greek, Cyrillic …).
func isWord(r rune) bool {
	return (r >= 'a' && r <= 'z') || isDigit(r) || (r < 0x2E80 && r > 0x7F && unicode.IsLetter(r))
}

// isCJK reports whether r is cut into pairs: kanji, hiragana, katakana
// left after folding, the long-vowel mark, 々 and 〆 and 〇.
func isCJK(r rune) bool {
	switch {
	case r >= 0x3041 && r <= 0x3096, r >= 0x309D && r <= 0x309F:
		return true
	case r >= 0x30A1 && r <= 0x30FA, r == 0x30FC:
		return true
	case r >= 0x3005 && r <= 0x3007:
		return true
	case r >= 0x3400 && r <= 0x4DBF, r >= 0x4E00 && r <= 0x9FFF, r >= 0xF900 && r <= 0xFAFF, r >= 0x20000 && r <= 0x2FFFF:
		return true
	}
	return false
}

// stopWords are English words too common to find anything with.
var stopWords = map[string]bool{
	"a": true, "an": true, "and": true, "are": true, "as": true, "at": true, "be": true, "by": true,
	"for": true, "from": true, "in": true, "is": true, "it": true, "of": true, "on": true, "or": true,
	"s": true, "that": true, "the": true, "to": true, "with": true,
}

// foldPlural folds simple English plurals: -ies to -y, -sses/-xes/-ches/
// -shes lose -es, and a final -s goes unless the word ends in -ss, -us or
// -is or has three letters or fewer.
func foldPlural(w string) string {
	n := len(w)
	if n <= 3 || w[n-1] != 's' || strings.IndexFunc(w, isDigit) >= 0 {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && n > 4:
		return w[:n-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"):
		return w[:n-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	}
	return w[:n-1]
}

// shardKey is what a token's shard is chosen by: its first character for
// Japanese tokens, so that a one-character query finds every pair that
// begins with it in one shard, and the whole token otherwise.
func shardKey(tok string) string {
	r, size := utf8.DecodeRuneInString(tok)
	if isCJK(r) {
		return tok[:size]
	}
	return tok
}

// ShardOf is the shard of a token among n: FNV-1a (32 bits) of the UTF-8
// of its shard key, modulo n.
func ShardOf(tok string, n int) int {
	h := uint32(2166136261)
	for _, c := range []byte(shardKey(tok)) {
		h ^= uint32(c)
		h *= 16777619
	}
	return int(h % uint32(n))
}
