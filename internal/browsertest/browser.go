package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// A Browser is one headless Chromium for a whole test run. Starting it
// takes 2-3 seconds; tabs are cheap.
type Browser struct {
	ctx context.Context
	axe string
}

// Start launches Chromium with a fresh profile in a temporary folder and
// the flags that keep it off the network (no background requests, no
// component updates, no QUIC), and stops it when the test ends. The axe
// script is read once and put into every tab.
func Start(t testing.TB, tools Tools) *Browser {
	t.Helper()
	axe, err := os.ReadFile(tools.Axe)
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(tools.Chromium),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", tools.Chromium, err)
	}
	return &Browser{ctx: ctx, axe: string(axe)}
}

// A Tab is one browser tab. It records what goes wrong while a page loads
// and runs: Content-Security-Policy violations, script errors, console
// errors, requests that fail or that go to another host. A Tab is used by
// one goroutine at a time.
type Tab struct {
	ctx context.Context

	mu       sync.Mutex
	host     string // the host:port pages may load from
	problems []string
}

// reportBinding is the function the page calls to report a problem.
const reportBinding = "__plansiteReport"

// watchScript runs before any script of each page and reports every CSP
// violation through the binding.
const watchScript = `document.addEventListener('securitypolicyviolation', function (e) {
  ` + reportBinding + `('Content-Security-Policy: ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline code') +
    ' at ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber + (e.sample ? ' (' + e.sample + ')' : ''));
});`

// NewTab opens a tab that closes when the test ends.
func (b *Browser) NewTab(t testing.TB) *Tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(cancel)
	tab := &Tab{ctx: ctx}
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		// Tabs in a headless browser are never the focused window, so
		// :focus would not match until the next frame: pretend they are.
		if _, err := cdp.Call(ctx, tg, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, tg, runtime.AddBinding, runtime.AddBindingParams{Name: reportBinding}); err != nil {
			return err
		}
		for _, src := range []string{watchScript, b.axe} {
			if _, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
				return err
			}
		}
		return nil
	}))
	if err == nil {
		err = chromedp.Listen(ctx, tab.record)
	}
	if err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return tab
}

// record turns browser events into problems. It runs on the tab's event
// loop, so it only appends.
func (tab *Tab) record(ev any) {
	var p string
	switch ev := ev.(type) {
	case *runtime.EventBindingCalled:
		if ev.Name == reportBinding {
			p = ev.Payload
		}
	case *runtime.EventExceptionThrown:
		p = "script error: " + ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil {
			p += " " + ev.ExceptionDetails.Exception.Description
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			args, _ := json.Marshal(ev.Args)
			p = "console." + string(ev.Type) + ": " + string(args)
		}
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			p = fmt.Sprintf("browser log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		u, err := url.Parse(ev.Request.URL)
		tab.mu.Lock()
		host := tab.host
		tab.mu.Unlock()
		if err != nil || (u.Scheme != "data" && u.Host != host) {
			p = "request to another host: " + ev.Request.URL
		}
	case *network.EventLoadingFailed:
		p = fmt.Sprintf("loading failed: %s %s %s", ev.Type, ev.ErrorText, ev.BlockedReason)
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			p = fmt.Sprintf("HTTP %d for %s", ev.Response.Status, ev.Response.URL)
		}
	}
	if p == "" {
		return
	}
	tab.mu.Lock()
	tab.problems = append(tab.problems, p)
	tab.mu.Unlock()
}

// A View is how a page is shown: the size of the viewport in CSS pixels,
// the device scale (2 with Width 640 is a 1280-pixel window at 200% zoom),
// and the emulated media.
type View struct {
	Width, Height int
	Scale         float64 // device pixels per CSS pixel; 0 means 1
	Print         bool    // CSS media type print
	Dark          bool    // prefers-color-scheme: dark
	ReducedMotion bool    // prefers-reduced-motion: reduce
}

// Open shows view and loads the page at u, waits for its fonts and for
// pending events, and returns the problems seen while it loaded.
func (tab *Tab) Open(u string, view View) ([]string, error) {
	pu, err := url.Parse(u)
	if err != nil {
		return nil, err
	}
	tab.mu.Lock()
	tab.host = pu.Host
	tab.problems = nil
	tab.mu.Unlock()
	if err := tab.Show(view); err != nil {
		return nil, err
	}
	if err := chromedp.Do(tab.ctx, chromedp.Navigate(u)); err != nil {
		return nil, fmt.Errorf("loading %s: %w", u, err)
	}
	if err := tab.settle(); err != nil {
		return nil, err
	}
	return tab.Problems(), nil
}

// Show changes the viewport and media of the page in the tab and waits
// for the new layout.
func (tab *Tab) Show(view View) error {
	scale := view.Scale
	if scale == 0 {
		scale = 1
	}
	media := ""
	if view.Print {
		media = "print"
	}
	feature := func(name string, on bool, yes, no string) *emulation.MediaFeature {
		if on {
			return &emulation.MediaFeature{Name: name, Value: yes}
		}
		return &emulation.MediaFeature{Name: name, Value: no}
	}
	err := chromedp.Do(tab.ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: int64(view.Width), Height: int64(view.Height), DeviceScaleFactor: scale,
		}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Media: media,
			Features: []*emulation.MediaFeature{
				feature("prefers-color-scheme", view.Dark, "dark", "light"),
				feature("prefers-reduced-motion", view.ReducedMotion, "reduce", "no-preference"),
			},
		})
		return err
	}))
	if err != nil {
		return err
	}
	return tab.settle()
}

// settle waits until the page's fonts are loaded and two frames have been
// drawn, so layout is final and queued events (CSP reports) have arrived.
func (tab *Tab) settle() error {
	const js = `document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))))`
	_, err := chromedp.Run(tab.ctx, chromedp.Evaluate[chromedp.Void](js, chromedp.EvalAwaitPromise))
	return err
}

// Problems returns what went wrong since the last Open.
func (tab *Tab) Problems() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return append([]string(nil), tab.problems...)
}

// Screenshot returns a PNG of the viewport, or of the whole page when
// full is set, encoded for speed rather than size: a long plan page at
// 1280 px is a picture of some 20 million pixels.
func (tab *Tab) Screenshot(full bool) ([]byte, error) {
	return chromedp.Run(tab.ctx, func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		res, err := cdp.Call(ctx, tg, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format:                page.CaptureScreenshotFormatPng,
			CaptureBeyondViewport: new(full),
			FromSurface:           new(true),
			OptimizeForSpeed:      new(true),
		})
		return res.Data, err
	})
}

// Eval evaluates the JavaScript expression js in the tab's page, awaits it
// if it is a promise, and decodes its JSON value into T.
func Eval[T any](tab *Tab, js string) (T, error) {
	return chromedp.Run(tab.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}

// Do runs chromedp actions in the tab, for what Eval cannot do: key
// presses, screenshots, PDFs.
func (tab *Tab) Do(steps ...chromedp.Action[chromedp.Void]) error {
	return chromedp.Do(tab.ctx, steps...)
}

// Run runs one chromedp action in the tab and returns its value.
func Run[T any](tab *Tab, a chromedp.Action[T]) (T, error) {
	return chromedp.Run(tab.ctx, a)
}
