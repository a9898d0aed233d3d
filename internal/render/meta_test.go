package render

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/markdown"
	"github.com/plansite/plansite/internal/plan"
)

func TestTrim(t *testing.T) {
	for _, tt := range []struct {
		s    string
		max  int
		want string
	}{
		{"短い説明。", 10, "短い説明。"},
		{"  空白が\n\n  まとまる  ", 20, "空白が まとまる"},
		{"全角の　空白は　残る", 20, "全角の　空白は　残る"},
		// A sentence end in the later half is preferred, with no ellipsis.
		{"一文目です。二文目はとても長いのでここで切れます", 12, "一文目です。"},
		{"This is one. And this is the second sentence", 20, "This is one."},
		// Otherwise a space, then the limit, with an ellipsis.
		{"Staying close, staying connected: you and me", 20, "Staying close…"},
		{"あいうえおかきくけこさしすせそ", 10, "あいうえおかきくけ…"},
		// Never inside a character: が written as か and a combining
		// dakuten, an emoji with a skin tone, a family joined by ZWJ, a flag.
		{"かかかか\u3099き", 5, "かかかか\u3099き"},
		{"かかかか\u3099き", 4, "かかか…"},
		{"かかかか\u3099きき", 5, "かかかか\u3099…"},
		{"ああ👍🏽いいい", 4, "ああ👍🏽…"},
		{"あ👨\u200d👩\u200d👧いいい", 3, "あ👨\u200d👩\u200d👧…"},
		{"🇯🇵🇯🇵🇯🇵🇯🇵", 3, "🇯🇵🇯🇵…"},
		{"e\u0301e\u0301e\u0301e\u0301", 3, "e\u0301e\u0301…"},
	} {
		got := Trim(tt.s, tt.max)
		if got != tt.want {
			t.Errorf("Trim(%q, %d) = %q, want %q", tt.s, tt.max, got, tt.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("Trim(%q, %d) is not valid UTF-8", tt.s, tt.max)
		}
	}
}

func TestDescribe(t *testing.T) {
	md := markdown.New(markdown.Options{})
	body := plan.Page{Source: map[lang.Lang]string{lang.Ja: "## 見出し\n\n基本方針の本文。\n続き。\n\n次の段落。"}}
	slogan := lang.T("よりそい", "Side by side")
	for _, tt := range []struct {
		l     lang.Lang
		parts []any
		want  string
	}{
		{lang.Ja, []any{slogan, body}, "よりそい。基本方針の本文。続き。"},
		// English leaves out the parts without English.
		{lang.En, []any{slogan, body}, "Side by side"},
		// With no English at all, the Japanese.
		{lang.En, []any{lang.T("法人の紹介。", ""), body}, "法人の紹介。基本方針の本文。続き。"},
		// A front matter description is preferred to the Markdown.
		{lang.Ja, []any{plan.Page{Description: lang.T("要約。", ""), Source: body.Source}}, "要約。"},
		{lang.Ja, []any{"", lang.Text{}}, ""},
		// A part already said is not said again.
		{lang.Ja, []any{lang.T("岡山県の法人。", ""), plan.Page{Source: map[lang.Lang]string{lang.Ja: "岡山県の法人。"}}}, "岡山県の法人。"},
		{lang.Ja, []any{strings.Repeat("長", 200)}, strings.Repeat("長", DescriptionLength[lang.Ja]-1) + "…"},
	} {
		if got := describe(md, tt.l, tt.parts); got != tt.want {
			t.Errorf("describe(%s, %v) = %q, want %q", tt.l, tt.parts, got, tt.want)
		}
	}
}
