// Package build runs the pipeline: load the site, check it, render every
// page and asset in memory on all cores, and only then publish the result
// into the destination folder. It is the only package that writes the
// output.
//
// Besides pages and assets, a build writes the calendar files beside each
// calendar page (calendar.go): an iCalendar file, unless no entry has a
// date, and a CSV, per language, for each plan and each organization.
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
