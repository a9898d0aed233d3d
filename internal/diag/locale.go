package diag

import (
	"fmt"
	"strings"
)

// A Locale is the language messages are printed in. The zero value is
// English, the language messages are written in.
//
// Messages are written in English with fmt verbs, as everywhere in Go
// ("months[%d] is %d, but a month is 1 to 12 (4 = April)"), and that
// English format is also the message's ID in the catalog, which gives its
// Japanese template (see catalog.go). This is how gettext and
// golang.org/x/text/message key their catalogs. It lets every package keep
// building messages with fmt-style calls, and Problem.Message stay English,
// while printing them in Japanese takes one lookup at the end:
//
//   - Sprintf formats a catalog message in the locale directly.
//   - Translate takes a message that was already formatted in English
//     (a Problem's Message, an error from the TOML library) and finds the
//     catalog format it was made from, recovering the arguments, and
//     formats the Japanese template with them. Arguments that are
//     themselves catalog messages, such as a " (did you mean %q?)" hint,
//     are translated in turn.
//
// A message missing from the catalog prints in English; TestCatalogCovers
// fails for any message in the source that the catalog lacks.
type Locale int

const (
	English Locale = iota
	Japanese
)

// LocaleFromEnv picks the locale the way POSIX programs do: the first set
// one of LC_ALL, LC_MESSAGES and LANG names the language, and Japanese
// (ja, ja_JP.UTF-8) selects Japanese. getenv is os.Getenv outside tests.
func LocaleFromEnv(getenv func(string) string) Locale {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		if v == "ja" || strings.HasPrefix(v, "ja_") || strings.HasPrefix(v, "ja.") || strings.HasPrefix(v, "ja-") {
			return Japanese
		}
		return English
	}
	return English
}

// Sprintf formats the catalog message format with args in l. Arguments
// formatted with %s or %v that are English catalog messages themselves are
// translated too.
func (l Locale) Sprintf(format string, args ...any) string {
	if l == English {
		return fmt.Sprintf(format, args...)
	}
	ja, ok := lookup(format)
	if !ok {
		return fmt.Sprintf(format, args...)
	}
	verbs := parseVerbs(format)
	if len(verbs) != len(args) {
		return fmt.Sprintf(format, args...)
	}
	captures := make([]string, len(args))
	for i, v := range verbs {
		captures[i] = fmt.Sprintf("%"+v.flags+string(v.verb), args[i])
	}
	return fill(ja, verbs, captures)
}

// Translate returns msg, an English message made from a catalog format, in
// l. A message that matches no catalog format is returned as it is.
func (l Locale) Translate(msg string) string {
	if l == English {
		return msg
	}
	if out, ok := translate(msg); ok {
		return out
	}
	return msg
}

// Localized formats the problem as Error does, in l: the message
// translated, and "警告" for "warning" in Japanese.
func (p Problem) Localized(l Locale) string {
	if l == English {
		return p.Error()
	}
	msg := l.Translate(p.Message)
	if p.Severity == Warning {
		return fmt.Sprintf("%s: 警告: %s", p.Pos, msg)
	}
	return fmt.Sprintf("%s: %s", p.Pos, msg)
}

// Message formats an English catalog message, exactly as fmt.Sprintf
// does. Use it, rather than fmt.Sprintf, for text that reaches people
// (parts of problems, hints): it marks the format as a catalog ID, so that
// TestCatalogCovers checks the format has a Japanese template.
func Message(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// Errorf returns an error whose text is the English catalog message
// format formatted with args: Message as an error, for UnmarshalTOML
// methods and other code that reports through an error.
func Errorf(format string, args ...any) error { return messageError(fmt.Sprintf(format, args...)) }

type messageError string

func (e messageError) Error() string { return string(e) }
