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
			pages = append(pages, langCalendarPages(o, l)...)
		}
	}
	return pages
}

// orgCalendarPages lists the calendar pages of organization o, per
// language.
func orgCalendarPages(o *plan.Org) []render.Page {
	var pages []render.Page
	for _, l := range lang.All {
		pages = append(pages, langCalendarPages(o, l)...)
	}
	return pages
}

// langCalendarPages lists the calendar pages of organization o in
// language l: the organization's, when it has schedule entries, and one
// per plan that has.
func langCalendarPages(o *plan.Org, l lang.Lang) []render.Page {
	if !render.OrgHasCalendar(o) {
		return nil
	}
	pages := []render.Page{{Kind: render.KindCalendar, Lang: l, Path: render.OrgCalendarURL(o), Org: o}}
	for _, p := range o.Plans {
		if render.HasCalendar(p) {
			pages = append(pages, render.Page{Kind: render.KindCalendar, Lang: l, Path: render.PlanCalendarURL(p), Org: o, Plan: p})
		}
	}
	return pages
}

// calendarFiles adds to bt the iCalendar and CSV files beside the
// calendar pages of organization o: per language, one pair for the
// organization (all its plans) and one for each plan. A calendar with no
// dated entry gets the CSV only: an empty iCalendar file would be invalid,
// so its .ics output makes no file. base is the site's absolute address,
// which events link to, or "". k is the key of the organization's files.
func calendarFiles(bt *batch, o *plan.Org, base string, k key) {
	if !render.OrgHasCalendar(o) {
		return
	}
	for _, l := range lang.All {
		planURL := func(p *plan.Plan) string { return render.AbsoluteURL(base, l, render.PlanURL(p)) }
		addCalendar(bt, k, l, o, nil, planURL)
		for _, p := range o.Plans {
			if render.HasCalendar(p) {
				addCalendar(bt, k, l, o, p, planURL)
			}
		}
	}
}

// addCalendar adds to bt the .ics and .csv files of the calendar of
// organization o, or of its plan p when p is not nil.
func addCalendar(bt *batch, k key, l lang.Lang, o *plan.Org, p *plan.Plan, planURL func(*plan.Plan) string) {
	icsPath, csvPath := render.OrgCalendarFile(o, l, "ics"), render.OrgCalendarFile(o, l, "csv")
	if p != nil {
		icsPath, csvPath = render.PlanCalendarFile(p, l, "ics"), render.PlanCalendarFile(p, l, "csv")
	}
	icsPath, csvPath = string(l)+"/"+icsPath, string(l)+"/"+csvPath
	h := bt.held
	cal := func() (ical.Calendar, error) {
		o, p, err := h.whole(p)
		if err != nil {
			return ical.Calendar{}, err
		}
		c := ical.Calendar{Lang: l, Name: render.CalendarName(o, p).String(l), Plans: o.Plans, PlanURL: planURL}
		if p != nil {
			c.Plans = []*plan.Plan{p}
		}
		return c, nil
	}
	if bt.isStale(icsPath, k) {
		bt.add(icsPath, func(*scratch) ([]byte, error) {
			c, err := cal()
			if err != nil {
				return nil, err
			}
			data, err := ical.Encode(c)
			if errors.Is(err, ical.ErrNoEvents) {
				return nil, nil
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", icsPath, err)
			}
			return data, nil
		})
	}
	if bt.isStale(csvPath, k) {
		bt.add(csvPath, func(*scratch) ([]byte, error) {
			c, err := cal()
			if err != nil {
				return nil, err
			}
			return ical.CSV(c), nil
		})
	}
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
