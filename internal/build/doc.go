// Package build runs the pipeline: load the site, check it, render every
// page and asset in memory on all cores, and only then publish the result
// into the destination folder. It is the only package that writes the
// output.
//
// Besides pages and assets, a build writes the calendar files beside each
// calendar page (calendar.go): an iCalendar file, unless no entry has a
// date, and a CSV, per language, for each plan and each organization.
//
// A Builder (incremental.go) builds one site again and again, for plansite
// serve: it keeps the source files by digest (load.Cache), the parsed
// layouts and the last good output with a key per file, made of the
// digests of everything the file is made from. After an edit it reads the
// files it is told of, parses those whose bytes changed, and renders only
// the outputs whose key changed. Run is a Builder's first build. A new
// kind of output gets a key covering all it reads; the incremental test
// (incremental_test.go) checks, edit after edit, that a Builder's output is
// byte for byte a fresh build's.
//
// Publishing is a sync: each file whose bytes changed is written to a
// temporary file and renamed over the old one, files whose bytes are the
// same are left alone (so deploys copy only what changed), and files of an
// earlier build that are no longer produced are removed. A build with any
// error publishes nothing, leaving the destination as it was.
//
// The destination holds a list of the files plansite wrote
// (.plansite-files). Without that list, a non-empty destination is refused,
// so that a mistyped -destination never deletes someone's files.
package build
