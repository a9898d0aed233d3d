// Package ical writes the schedules of plans as iCalendar files (RFC 5545)
// that calendar apps subscribe to, and as the calendar CSV beside them for
// people who use Excel. It returns bytes and writes no files.
//
// # What becomes an event
//
// Plans rarely give days. Each kind of entry (plan.When) becomes:
//
//   - InMonths (months = [5, 8, 1]): one all-day event per month, spanning
//     the whole month (DTSTART 1 May, DTEND 1 June), its description
//     saying that the day is not fixed.
//   - OnDate (date, end): an all-day event over its days; DTEND is the day
//     after the last, as RFC 5545 counts it.
//   - Monthly (every_month, or a program's frequency per month or week):
//     one event recurring monthly over the fiscal year
//     (RRULE:FREQ=MONTHLY;COUNT=12 from 1 April). A recurring event has
//     one duration, and months differ in length, so each occurrence lasts
//     28 days (DURATION:P28D): it stays within its month and never meets
//     the next one.
//   - Yearly (年5回) and AsNeeded (随時) have no dates and are left out of
//     the iCalendar file; the CSV and the calendar pages list them.
//
// Every event is all-day (VALUE=DATE) and marked TRANSP:TRANSPARENT, so
// it does not make its subscriber look busy.
//
// # Reproducible and stable
//
// The same plans give the same bytes. DTSTAMP, which RFC 5545 requires, is
// taken from the data rather than the clock: the start of the plan's fiscal
// year, 1 April 00:00 Japan time. The UID of an event is made of the
// organization, the fiscal year and the entry's key (plan.Entry.Key), plus
// the month for InMonths events, such as
// "meyasubako/2024/calendar-forum/2024-10@plansite". It does not depend on
// the language, on which file the event is in, or on other entries, so an
// event keeps its UID when unrelated entries are added, and importing the
// same event from the plan's and the organization's file, or from the
// Japanese and the English one, updates it rather than duplicating it.
//
// # A plan with no dated entries
//
// RFC 5545 requires at least one component in a calendar, so Encode
// returns ErrNoEvents when no entry can be placed on a calendar, and the
// build publishes no iCalendar file for it (the calendar page says why).
//
// # Format
//
// Lines end in CRLF and are folded at 75 octets, never inside a UTF-8
// character; text values escape backslashes, semicolons, commas and
// newlines. An English name that has no translation is written in
// Japanese with LANGUAGE=ja.
package ical
