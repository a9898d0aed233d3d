package build

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/plansite/plansite/internal/ical"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/load"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/render"
)

// calendarPages lists the calendar pages of the site: per language, one
// per organization that has schedule entries and one per plan that has.
func calendarPages(site *load.Site) []render.Page {
	var pages []render.Page
	for _, l := range lang.All {
		for _, o := range site.Orgs {
			if !render.OrgHasCalendar(o) {
				continue
			}
			pages = append(pages, render.Page{Kind: render.KindCalendar, Lang: l, Path: render.OrgCalendarURL(o), Org: o})
			for _, p := range o.Plans {
				if render.HasCalendar(p) {
					pages = append(pages, render.Page{Kind: render.KindCalendar, Lang: l, Path: render.PlanCalendarURL(p), Org: o, Plan: p})
				}
			}
		}
	}
	return pages
}

// calendarFiles adds the iCalendar and CSV files beside the calendar
// pages: per language, one pair for each organization (all its plans) and
// one for each plan. A calendar with no dated entry gets the CSV only: an
// empty iCalendar file would be invalid. base is the site's absolute
// address, which events link to, or "".
func calendarFiles(site *load.Site, base string, out Output) error {
	for _, l := range lang.All {
		planURL := func(p *plan.Plan) string { return render.AbsoluteURL(base, l, render.PlanURL(p)) }
		for _, o := range site.Orgs {
			if !render.OrgHasCalendar(o) {
				continue
			}
			cal := ical.Calendar{Lang: l, Name: render.CalendarName(o, nil).String(l), Plans: o.Plans, PlanURL: planURL}
			if err := addCalendar(out, l, cal, render.OrgCalendarFile(o, l, "ics"), render.OrgCalendarFile(o, l, "csv")); err != nil {
				return err
			}
			for _, p := range o.Plans {
				if !render.HasCalendar(p) {
					continue
				}
				cal := ical.Calendar{Lang: l, Name: render.CalendarName(o, p).String(l), Plans: []*plan.Plan{p}, PlanURL: planURL}
				if err := addCalendar(out, l, cal, render.PlanCalendarFile(p, l, "ics"), render.PlanCalendarFile(p, l, "csv")); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func addCalendar(out Output, l lang.Lang, cal ical.Calendar, icsPath, csvPath string) error {
	data, err := ical.Encode(cal)
	switch {
	case err == nil:
		out[string(l)+"/"+icsPath] = data
	case !errors.Is(err, ical.ErrNoEvents):
		return fmt.Errorf("%s: %w", icsPath, err)
	}
	out[string(l)+"/"+csvPath] = ical.CSV(cal)
	return nil
}

// absoluteBase returns baseURL with a trailing slash when it is an
// absolute http or https address, and "" when it is only a path: then
// pages cannot offer webcal: subscriptions, and events carry no links.
func absoluteBase(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.RawQuery, u.Fragment = "", ""
	s := u.String()
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s
}
