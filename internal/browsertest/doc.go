// Package browsertest checks built pages the way residents meet them: in
// a real browser, with the checkers public bodies are audited with. It is
// the harness behind the accessibility goal of JIS X 8341-3:2016 level AA
// (WCAG 2.0 AA; the tests also apply 2.1 and 2.2).
//
// The pieces, each usable from any package's tests:
//
//   - [Start] launches Debian's headless Chromium through chromedp, kept
//     off the network, and [Browser.NewTab] opens tabs that record every
//     Content-Security-Policy violation, script error, console error,
//     failed request and request to another host ([Tab.Open] returns them).
//   - [Serve] serves a built site on 127.0.0.1 under a base path with a
//     strict [ContentSecurityPolicy]: no inline scripts or styles, nothing
//     from other hosts.
//   - [Tab.Show] emulates what the reader has: a 360-pixel phone, 200%
//     zoom (640 CSS pixels at scale 2), the dark scheme, reduced motion,
//     paper.
//   - [Tab.Axe] runs axe-core, injected into every page, with the [WCAG]
//     rule tags; [VNU] runs the Nu HTML Checker over a whole folder in one
//     Java process.
//   - [Tab.HorizontalOverflow], [Tab.TabThrough] and [Tab.PrintToPDF]
//     with [PDFText] measure sideways scrolling, the keyboard's path with
//     its focus indicators, and the printed sheets.
//
// The tools come from the machine: Chromium, Java and pdftotext from
// Debian, axe-core and vnu-jar from npm into .ci/node_modules (.ci/run
// installs them all, and skips what is there). [Require] skips a test
// when one is missing, except under CI=true, where it fails: a CI machine
// without a browser must not pass by checking nothing.
//
// The package's own tests build the example site and the golden-test
// site with a subfolder base path and check every page in both languages:
// zero axe-core violations (light and dark), zero Nu errors, no sideways
// scroll at 360 px, 320 px and 200% zoom, the skip link first and every
// focus stop visible, printed sheets headed and numbered. Screenshots go
// to the git-ignored internal/browsertest/out/ for people to look at: the
// top of every page at 200% zoom and in the dark scheme, and for one page
// of each kind (and the めやす箱 2024 plan) the whole page at 360 and 1280
// px with its PDF; -shots.all does that for every page. TestCheckersAreLive
// runs each check on a page made to fail it.
//
//	go test -count=1 ./internal/browsertest            # everything
//	go test -count=1 -run 'TestSites/pages/example/ja/meyasubako/2024$' ./internal/browsertest
//
// -count=1 matters: the test cache does not know the browser or the
// built site changed.
package browsertest
