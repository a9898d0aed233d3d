package load

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/scratch"
)

// Lean makes the cache keep each plan hollow (plan.Plan.Hollow), once
// see was shown it in full, rather than every plan whole: plansite build
// needs all plans only one organization at a time, and ReadOrg reads an
// organization's plans again. Call it before the first Load; see is
// called from many goroutines at once.
//
// The plans are kept to be read again as snapshots, in a temporary file,
// or, when that cannot be written, by parsing their files again; Close
// removes the file. A lean cache serves one Load: the prose it sets aside
// after the link is no longer in the cached files a second Load would
// link.
func (c *Cache) Lean(see func(*plan.Plan)) {
	c.see, c.plans, c.intros = see, map[*plan.Plan]planSource{}, map[string]scratch.Span{}
	c.snaps, _ = scratch.New() // none: the files are parsed again
}

// A planSource is where a lean cache reads a plan again: its snapshot,
// when the span is not empty, or its file.
type planSource struct {
	file string
	snap scratch.Span
	// body is where its prose went (hollowProse), if it did.
	body scratch.Span
}

// snapshot writes the snapshot of p, just parsed, encoding it in buf, and
// returns where it is; an empty span when there is none, and the plan is
// to be parsed again.
func (c *Cache) snapshot(buf *[]byte, p *plan.Plan) scratch.Span {
	if c.snaps == nil {
		return scratch.Span{}
	}
	var err error
	if *buf, err = encodeSnapshot((*buf)[:0], reflect.ValueOf(p).Elem()); err != nil {
		return scratch.Span{}
	}
	s, err := c.snaps.Append(*buf) // written before Append returns
	if err != nil {
		return scratch.Span{}
	}
	return s
}

// hollowProse writes the Markdown of the organizations' introductions and
// plans' prose to the snapshots and lets go of it, in the site and in the
// files parsed: of the prose, a lean load keeps only the site's own pages,
// and ReadOrg gives each organization's back.
func (c *Cache) hollowProse(site *Site) {
	if c.snaps == nil {
		return
	}
	var buf []byte
	for _, o := range site.Orgs {
		if sp, ok := c.hollowPage(&buf, &o.Intro); ok {
			c.intros[o.ID] = sp
		}
		for _, p := range o.Plans {
			if sp, ok := c.hollowPage(&buf, &p.Body); ok {
				src := c.plans[p]
				src.body = sp
				c.plans[p] = src
			}
		}
	}
}

// hollowPage hollows the prose of pg, all its languages in one snapshot
// encoded in buf, and returns where it went; ok is false when it has
// none (already hollow) or stays whole.
func (c *Cache) hollowPage(buf *[]byte, pg *plan.Page) (sp scratch.Span, ok bool) {
	if len(pg.Source) == 0 {
		return sp, false
	}
	var err error
	if *buf, err = encodeSnapshot((*buf)[:0], reflect.ValueOf(pg.Source)); err != nil {
		return sp, false // kept whole
	}
	if sp, err = c.snaps.Append(*buf); err != nil {
		return sp, false
	}
	pg.Source = nil
	for _, name := range pg.File {
		if f := c.files[name]; f != nil {
			if cf, ok := f.parsed.value.(*contentFile); ok {
				cf.body = ""
			}
		}
	}
	return sp, true
}

// wholePage returns pg with its prose, written at sp, read back; pg as it
// is when sp is empty.
func (c *Cache) wholePage(sp scratch.Span, pg plan.Page) (plan.Page, error) {
	if sp.N == 0 {
		return pg, nil
	}
	if c.snaps == nil {
		return pg, errors.New("internal error: the prose was let go before its pages were made")
	}
	if err := readSnapshot(c.snaps, sp, &pg.Source); err != nil {
		return pg, fmt.Errorf("%s: %w", strings.Join(slices.Sorted(maps.Values(pg.File)), ", "), err)
	}
	return pg, nil
}

// Close lets go of what a lean cache keeps on disk.
func (c *Cache) Close() error {
	err := c.snaps.Close()
	c.snaps = nil
	return err
}

// ReadOrg returns organization o of the last Load of a lean cache with
// its plans whole again, as a copy: o and its hollow plans do not change.
// The plans are decoded from their snapshots, as the Load parsed them; a
// plan without one is parsed again from its file, and that file's bytes
// changing since the Load is an error: the site must be built again.
func (c *Cache) ReadOrg(o *plan.Org) (*plan.Org, error) {
	full := *o
	full.Plans = make([]*plan.Plan, len(o.Plans))
	var err error
	if full.Intro, err = c.wholePage(c.intros[o.ID], o.Intro); err != nil {
		return nil, err
	}
	for i, hp := range o.Plans {
		src := c.plans[hp]
		body, err := c.wholePage(src.body, hp.Body)
		if err != nil {
			return nil, err
		}
		if src.snap.N > 0 && c.snaps != nil {
			p := &plan.Plan{}
			if err := readSnapshot(c.snaps, src.snap, p); err != nil {
				return nil, fmt.Errorf("%s: %w", src.file, err)
			}
			p.Org, p.Body = &full, body
			full.Plans[i] = p
			continue
		}
		name := src.file
		f := c.files[name]
		if f == nil {
			return nil, fmt.Errorf("internal error: %s/%d: the plan's file is not known", o.ID, hp.FiscalYear)
		}
		r := c.readFile(name)
		if r.err == nil && r.digest != f.digest {
			r.err = errors.New("the file changed during the build: build again")
		}
		if r.err != nil {
			return nil, fmt.Errorf("%s: %w", name, r.err)
		}
		p, ok := parse(name, r.b).value.(*plan.Plan)
		if !ok {
			return nil, fmt.Errorf("internal error: %s: the plan cannot be read again", name)
		}
		p.Org, p.Body = &full, body
		full.Plans[i] = p
	}
	return &full, nil
}
