package diag

import "testing"

func TestLocaleFromEnv(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want Locale
	}{
		{map[string]string{}, English},
		{map[string]string{"LANG": "ja_JP.UTF-8"}, Japanese},
		{map[string]string{"LANG": "ja"}, Japanese},
		{map[string]string{"LANG": "en_US.UTF-8"}, English},
		{map[string]string{"LANG": "ja_JP.UTF-8", "LC_ALL": "C"}, English},
		{map[string]string{"LANG": "C", "LC_MESSAGES": "ja_JP.eucJP"}, Japanese},
		{map[string]string{"LANG": "japanese"}, English},
	}
	for _, tt := range tests {
		if got := LocaleFromEnv(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("%v: got %v, want %v", tt.env, got, tt.want)
		}
	}
}

func TestTranslate(t *testing.T) {
	tests := []struct{ en, ja string }{
		{`months[1] is 13, but a month is 1 to 12 (4 = April)`, `months[1] が 13 ですが、月は1から12です（4 = 4月）`},
		{`unknown key "titel": did you mean "title"?`, `不明なキー "titel" があります。"title" の誤りではありませんか？`},
		// A hint inside a message is translated in turn.
		{`"y" is not a role of this staffing table (did you mean "x"?); the roles are x, z`,
			`"y" はこの職員配置表の職種ではありません（"x" の誤りではありませんか？）。職種は x, z です`},
		{`"y" is not a role of this staffing table; the roles are x`, `"y" はこの職員配置表の職種ではありません。職種は x です`},
		// Quoted arguments keep their escapes and may hold the format's own words.
		{`id "a \"b\", found" may hold only lower-case letters a-z, digits and hyphens`, `id "a \"b\", found" に使えるのは英小文字 a-z、数字、ハイフンだけです`},
		// Nested: a key, then a type error whose type names are translated.
		{`fiscal_year: expected a whole number, found text in quotes`, `fiscal_year: 整数 を書くところに 引用符で囲んだ文字列 が書かれています`},
		{`a rate target cannot exceed 100%, found 120`, `率の目標は100%を超えられません。120 と書かれています`},
		{`the contract ends (2021-03) before it starts (2022-04)`, `契約の終わり（2021-03）が始まり（2022-04）より前です`},
		// Not in the catalog: left as it is.
		{`something new`, `something new`},
	}
	for _, tt := range tests {
		if got := Japanese.Translate(tt.en); got != tt.ja {
			t.Errorf("%s\ngot  %s\nwant %s", tt.en, got, tt.ja)
		}
		if got := English.Translate(tt.en); got != tt.en {
			t.Errorf("English changed %q to %q", tt.en, got)
		}
	}
}

func TestSprintf(t *testing.T) {
	if got := Japanese.Sprintf("months[%d] is %d, but a month is 1 to 12 (4 = April)", 0, 13); got != "months[0] が 13 ですが、月は1から12です（4 = 4月）" {
		t.Errorf("got %q", got)
	}
	if got := English.Sprintf("months[%d] is %d, but a month is 1 to 12 (4 = April)", 0, 13); got != "months[0] is 13, but a month is 1 to 12 (4 = April)" {
		t.Errorf("got %q", got)
	}
	// An argument that is a catalog message is translated.
	if got := Japanese.Sprintf("%s: %s", "title", "a number"); got != "title: 数" {
		t.Errorf("got %q", got)
	}
}

func TestProblemLocalized(t *testing.T) {
	p := Problem{Pos: Pos{File: "a.toml", Line: 3, Col: 1}, Severity: Warning, Message: "2025-06-01 is outside fiscal year 2024 (2024-04-01 to 2025-03-31)"}
	if got, want := p.Localized(Japanese), "a.toml:3:1: 警告: 2025-06-01 は 2024 年度（2024-04-01 から 2025-03-31）の外です"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := p.Localized(English); got != p.Error() {
		t.Errorf("English: %s", got)
	}
}

// FuzzTranslate checks that no message panics the matcher, and that a
// message is either translated or returned unchanged.
func FuzzTranslate(f *testing.F) {
	f.Add(`unknown key "titel": did you mean "title"?`)
	f.Add(`"y" is not a role of this staffing table (did you mean "x"?); the roles are x, z`)
	f.Add(`id "unterminated may hold only`)
	f.Add(`%s: %d: : :`)
	f.Fuzz(func(t *testing.T, msg string) {
		got := Japanese.Translate(msg)
		if _, ok := translate(msg); !ok && got != msg {
			t.Errorf("untranslatable %q changed to %q", msg, got)
		}
	})
}
