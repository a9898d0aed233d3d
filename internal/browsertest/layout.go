package browsertest

import "fmt"

// An Overflow is a page wider than its viewport: the reader would have to
// scroll sideways.
type Overflow struct {
	ScrollWidth, ClientWidth int
	// Culprits name up to five elements that stick out, other than those
	// inside a region that scrolls on its own.
	Culprits []string
}

func (o *Overflow) String() string {
	return fmt.Sprintf("the page scrolls sideways: scrollWidth %d > clientWidth %d; sticking out: %v",
		o.ScrollWidth, o.ClientWidth, o.Culprits)
}

// overflowJS measures the page's width and names the elements that stick
// out of the viewport, skipping those inside an element that scrolls or
// clips on its own (a wide table in its .table-scroll).
const overflowJS = `(() => {
  const de = document.documentElement, w = de.clientWidth;
  const inScroller = el => { for (let p = el.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > w + 0.5 || r.left < -0.5) && !inScroller(el)) {
      culprits.push(name(el) + ' [' + Math.round(r.left) + ', ' + Math.round(r.right) + ']');
      if (culprits.length === 5) break;
    }
  }
  return {ScrollWidth: de.scrollWidth, ClientWidth: w, Culprits: culprits};
})()`

// HorizontalOverflow returns nil when the page fits the viewport's width,
// and what sticks out when it does not.
func (tab *Tab) HorizontalOverflow() (*Overflow, error) {
	o, err := Eval[Overflow](tab, overflowJS)
	if err != nil || o.ScrollWidth <= o.ClientWidth {
		return nil, err
	}
	return &o, nil
}
