package markdown

import (
	"strings"
	"testing"
)

// plainCases are sources the plain-text path must render exactly as
// goldmark does, or leave to goldmark.
var plainCases = []string{
	"相談者の意思を尊重し、寄り添い・伴走型の支援を行う。",
	"相談者の意思を尊重し、寄り添い・伴走型の支援を行う。\n関係機関と連携し、生活困窮者の早期発見・早期支援を実践する。\n",
	"\n\n一段落目。\n\n\n二段落目、\"引用\"と'括弧'（全角）。\n",
	"２０２４年度（令和６年度）は、５か所で実施する。",
	"2024年度に開始。\n2025年度も継続。",
	"We visit 12 homes (twice a year): it's free, 100% of the time.",
	"1. 一つ目\n2. 二つ目",
	"1) 一つ目",
	"- 箇条書き",
	"＊全角の記号は＃文字＞のまま。",
	"見出し\n===",
	"見出し\n---",
	"    字下げはコード",
	"行末の空白で改行  \n次の行",
	"行末のタブ\t\n次の行",
	"<b>太字</b>",
	"AT&T と &amp;",
	"**強調** と _強調_ と `コード`",
	"[リンク](/ja/about/) と ![画像](a.png)",
	"# 見出し",
	"> 引用",
	"| a | b |\n|---|---|\n| 1 | 2 |",
	"~~取り消し~~",
	"末尾の\\\n改行",
	"CRLF の行\r\n次の行\r\n",
	"NUL\x00文字",
	"ideographic\u3000space\u3000\n\u3000先頭の全角空白",
	"   \n\t\n",
	"a\n\n\n\nb\n\n",
}

// TestPlainParagraphsMatchGoldmark checks that the plain-text path renders
// what goldmark renders, and that it is taken for plain Japanese text.
func TestPlainParagraphsMatchGoldmark(t *testing.T) {
	c := New(Options{})
	for _, src := range plainCases {
		checkPlain(t, c, src)
	}
	for _, src := range plainCases[:6] {
		if _, ok := plainParagraphs(src); !ok {
			t.Errorf("plainParagraphs(%q): not taken for plain text", src)
		}
	}
}

func FuzzPlainParagraphs(f *testing.F) {
	for _, src := range plainCases {
		f.Add(src)
	}
	c := New(Options{})
	f.Fuzz(func(t *testing.T, src string) { checkPlain(t, c, src) })
}

func checkPlain(t *testing.T, c *Converter, src string) {
	t.Helper()
	got, ok := plainParagraphs(src)
	if !ok || strings.TrimSpace(src) == "" {
		return
	}
	want, err := c.parseAndRender(src, 3, NewIDs(""))
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("plainParagraphs(%q) =\n%q\ngoldmark:\n%q", src, got, want)
	}
}
