package browsertest

import (
	"fmt"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// A FocusStop is where one press of Tab moved the focus, as a keyboard
// user sees it.
type FocusStop struct {
	Element string // tag#id.class, to find it in the templates
	Text    string // its text or label, shortened
	Href    string
	// Indicator describes the focus indicator: "outline 3px" or "box-shadow";
	// empty when there is none a reader could see.
	Indicator string
	// Contrast is the ratio of the outline's colour to the background
	// behind the element; WCAG asks 3:1 of a focus indicator.
	Contrast float64
	InView   bool // inside the viewport, so the reader sees where focus went
	Obscured bool // covered at its centre by another element (sticky or fixed)
	InMain   bool // inside the <main> element
}

// focusJS describes document.activeElement as a FocusStop, or returns
// null when focus is on the page itself. It measures in the next frame,
// when the focus styles (such as the skip link's :focus position) apply.
const focusJS = `new Promise(resolve => requestAnimationFrame(() => resolve((() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const cs = getComputedStyle(el);
  const rgb = s => { const m = s.match(/[\d.]+/g) || [0, 0, 0, 0]; return {r: +m[0], g: +m[1], b: +m[2], a: m.length > 3 ? +m[3] : 1}; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  let bg = {r: 255, g: 255, b: 255, a: 1};
  for (let p = el; p; p = p.parentElement) { const c = rgb(getComputedStyle(p).backgroundColor); if (c.a > 0.5) { bg = c; break; } }
  const ow = parseFloat(cs.outlineWidth) || 0;
  let indicator = '', contrast = 0;
  if (cs.outlineStyle === 'auto') {
    // The browser's own ring, drawn in two colours to show on any background.
    indicator = 'the browser\'s focus ring';
    contrast = 3;
  } else if (cs.outlineStyle !== 'none' && ow >= 2) {
    indicator = 'outline ' + ow + 'px';
    const a = lum(rgb(cs.outlineColor)), b = lum(bg);
    contrast = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  } else if (cs.boxShadow !== 'none') {
    indicator = 'box-shadow';
    contrast = 21;
  }
  const r = el.getBoundingClientRect();
  const inView = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1), y = Math.min(Math.max(r.top + Math.min(r.height / 2, 10), 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  const obscured = !top || !(top === el || el.contains(top) || top.contains(el));
  const id = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  const text = (el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
  return {Element: id, Text: text, Href: el.getAttribute('href') || '', Indicator: indicator, Contrast: Math.round(contrast * 100) / 100,
    InView: inView, Obscured: obscured, InMain: !!el.closest('main')};
})())))`

// String names the stop for a failure message.
func (f FocusStop) String() string {
	return fmt.Sprintf("%s %q %s", f.Element, f.Text, f.Href)
}

// Focused describes the element that has the focus now, or returns nil
// when no element has it.
func (tab *Tab) Focused() (*FocusStop, error) {
	return Eval[*FocusStop](tab, focusJS)
}

// PressKey presses and releases one key, such as kb.Tab or kb.Enter, and
// waits for the page to redraw.
func (tab *Tab) PressKey(key string) error {
	if err := tab.Do(chromedp.KeyEvent(key)); err != nil {
		return err
	}
	return tab.settle()
}

// TabThrough presses Tab from the top of the freshly loaded page until
// focus leaves the page or comes back to the first stop, and returns the
// stops in order. It gives up after max presses: a page with more stops
// than that, or a focus trap, returns max stops.
//
// Each stop is measured in the frame after the key press: show the page
// with ReducedMotion first, or a smooth scroll to the focused element
// will still be under way and it will seem out of view.
func (tab *Tab) TabThrough(max int) ([]FocusStop, error) {
	var stops []FocusStop
	for range max {
		if err := tab.Do(chromedp.KeyEvent(kb.Tab)); err != nil {
			return stops, err
		}
		f, err := tab.Focused()
		if err != nil {
			return stops, err
		}
		if f == nil || (len(stops) > 0 && f.String() == stops[0].String()) {
			break
		}
		stops = append(stops, *f)
	}
	return stops, nil
}
