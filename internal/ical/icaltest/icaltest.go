// Package icaltest checks iCalendar files the strict way, for tests: it
// parses them with github.com/emersion/go-ical, the strictest Go parser,
// encodes the result again (which enforces one PRODID, VERSION, UID and
// DTSTAMP and at least one component), and checks by itself what go-ical
// does not: CRLF line ends, the 75-octet line limit, whole UTF-8
// characters on every physical line, and a DTSTART in every event.
package icaltest

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"
)

// Parse checks data and returns the parsed calendar, or an error naming
// the first problem and its line.
func Parse(data []byte) (*goical.Calendar, error) {
	if err := CheckLines(data); err != nil {
		return nil, err
	}
	dec := goical.NewDecoder(bytes.NewReader(data))
	cal, err := dec.Decode()
	if err != nil {
		return nil, fmt.Errorf("go-ical: %w", err)
	}
	if _, err := dec.Decode(); err != io.EOF {
		return nil, fmt.Errorf("go-ical: want one VCALENDAR, found more or trailing data (%v)", err)
	}
	if err := goical.NewEncoder(io.Discard).Encode(cal); err != nil {
		return nil, fmt.Errorf("go-ical: encoding the parsed calendar again: %w", err)
	}
	for i, ev := range cal.Events() {
		if ev.Props.Get(goical.PropDateTimeStart) == nil {
			return nil, fmt.Errorf("event %d (%s) has no DTSTART", i, ev.Props.Get(goical.PropUID).Value)
		}
	}
	return cal, nil
}

// CheckLines checks the physical lines of data: every line ends in CRLF,
// holds at most 75 octets and only whole UTF-8 characters, and the file
// does not end in a folded line.
func CheckLines(data []byte) error {
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		return fmt.Errorf("the file does not end in CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
	for i, line := range lines {
		n := i + 1
		switch {
		case strings.ContainsAny(line, "\r\n"):
			return fmt.Errorf("line %d: a bare CR or LF; lines must end in CRLF", n)
		case len(line) > 75:
			return fmt.Errorf("line %d: %d octets, over the limit of 75: %q", n, len(line), line)
		case !utf8.ValidString(line):
			return fmt.Errorf("line %d: a UTF-8 character is split across lines: %q", n, line)
		case line == "":
			return fmt.Errorf("line %d: empty", n)
		}
	}
	return nil
}
