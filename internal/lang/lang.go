// Package lang knows the site's two languages, localized text with a
// visible fallback to Japanese, and translation coverage. It knows nothing
// about pages.
package lang

import (
	"fmt"

	"github.com/plansite/plansite/internal/diag"
	"sort"
	"strings"
)

// Lang is a site language code.
type Lang string

const (
	Ja Lang = "ja"
	En Lang = "en"
)

// All lists the site's languages, Japanese (the source) first.
var All = []Lang{Ja, En}

// Other returns the other language of the pair.
func (l Lang) Other() Lang {
	if l == Ja {
		return En
	}
	return Ja
}

// Text is a human-readable string in Japanese with an optional English
// translation. In TOML it is written either as a plain string (Japanese
// only) or as a table { ja = "...", en = "..." }.
type Text struct {
	Ja string `json:"ja,omitempty"`
	En string `json:"en,omitempty"`
}

// T returns a Text with both languages.
func T(ja, en string) Text { return Text{Ja: ja, En: en} }

// IsZero reports whether t holds no text in any language.
func (t Text) IsZero() bool { return t.Ja == "" && t.En == "" }

// Localized is the text shown for one language: Value is what to show and
// Lang the language it is actually in, which differs from the requested
// language when the translation is missing (Fallback is then true).
type Localized struct {
	Value    string
	Lang     Lang
	Fallback bool
}

// In returns t in language l. Missing English falls back to the Japanese,
// marked as a fallback so pages can say so; it is never blank while any
// language has text.
func (t Text) In(l Lang) Localized {
	switch {
	case l == En && t.En != "":
		return Localized{Value: t.En, Lang: En}
	case l == En:
		return Localized{Value: t.Ja, Lang: Ja, Fallback: t.Ja != ""}
	case t.Ja != "":
		return Localized{Value: t.Ja, Lang: Ja}
	default:
		return Localized{Value: t.En, Lang: En, Fallback: t.En != ""}
	}
}

// String returns the text in l, falling back as In does.
func (t Text) String(l Lang) string { return t.In(l).Value }

// UnmarshalTOML accepts a string or a table with the keys ja and en.
func (t *Text) UnmarshalTOML(v any) error {
	switch x := v.(type) {
	case string:
		*t = Text{Ja: x}
		return nil
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			s, ok := x[k].(string)
			if !ok {
				return diag.Errorf("%q must be a string, found %s", k, typeName(x[k]))
			}
			switch k {
			case "ja":
				t.Ja = s
			case "en":
				t.En = s
			default:
				return diag.Errorf("unknown language %q in a text table: write { ja = \"…\", en = \"…\" }", k)
			}
		}
		return nil
	default:
		return diag.Errorf("expected text: a string or { ja = \"…\", en = \"…\" }, found %s", typeName(v))
	}
}

func typeName(v any) string {
	switch v.(type) {
	case int64:
		return diag.Message("an integer")
	case float64:
		return diag.Message("a number")
	case bool:
		return diag.Message("true/false")
	case []any, []map[string]any:
		return diag.Message("an array")
	case map[string]any:
		return diag.Message("a table")
	default:
		return fmt.Sprintf("%T", v)
	}
}

// Coverage counts how many texts have an English translation.
type Coverage struct {
	Total      int
	Translated int
	// Missing holds the first untranslated Japanese passages, for reports.
	Missing []string
}

// maxMissing bounds Coverage.Missing.
const maxMissing = 5

// Count adds t to the coverage.
func (c *Coverage) Count(t Text) {
	if t.Ja == "" {
		return
	}
	c.Total++
	if t.En != "" {
		c.Translated++
		return
	}
	if len(c.Missing) < maxMissing {
		c.Missing = append(c.Missing, shorten(t.Ja, 30))
	}
}

// Percent is the translated share, 100 when there is nothing to translate.
func (c Coverage) Percent() int {
	if c.Total == 0 {
		return 100
	}
	return c.Translated * 100 / c.Total
}

func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
