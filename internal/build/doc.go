// Package build runs the pipeline: load the site, check it, render every
// page and asset on all cores, and publish the result into the
// destination folder. It is the only package that writes the output.
//
// Besides pages and assets, a build writes the calendar files beside each
// calendar page (calendar.go): an iCalendar file, unless no entry has a
// date, and a CSV, per language, for each plan and each organization; and
// the open data of each plan, with an index of it (opendata.go).
//
// # Outputs, keys and groups
//
// Every output file has a key made of the digests of everything it is
// made from (incremental.go): the options, the program and
// data/site.toml; the layout files its templates can reach; its own part
// of the site; and the site-wide parts its templates mention. A build
// gathers its outputs in a batch, group by group: each organization's
// outputs form a group, keyed by that organization's files and what every
// output depends on, and the site's own outputs (the home page, content
// pages, the open-data index …) form the group "". A group whose key did
// not change is taken whole from the last build without asking for its
// outputs; in the others, an output whose key did not change is not made
// again. To add a kind of output, call batch.isStale with its path and
// key and, when it reports true, batch.add with a function making its
// bytes (batch.addLate for one that reads the other outputs' sizes and
// digests); see batch. The incremental tests (incremental_test.go,
// stream_test.go) check, edit after edit, that the result is byte for
// byte a fresh build's.
//
// # Where the outputs go
//
// plansite build (Run) keeps no rendered file in memory: each output, as
// it is made, goes to a destSink (publish.go), which compares it with the
// file in the destination and, when it differs, writes it into a staging
// folder inside the destination (.plansite-staging-*, so on the same file
// system). Only a small entry per file is kept: its key, size, SHA-256
// and modification time. When every output was made without error, the
// staged files are moved into place by rename (a folder the destination
// lacks, in one rename), files of the earlier build that are no longer
// made are removed, and the manifest is written. On any error the
// staging folder is removed and the destination is exactly as it was.
//
// Nor does plansite build keep every plan whole (held.go): its load
// keeps each plan hollow once it was read and checked (load.Cache.Lean),
// noting meanwhile what the build needs before the plan's turn (planFacts:
// its number of search documents, its open-data files). Each
// organization's outputs read its plans again, whole, through a heldOrg:
// the first output made reads them, the others share them, and after the
// last one and the search index let go of them. A site whose own layouts
// may read other organizations' plans (layoutsReachOtherPlans) is loaded
// whole instead.
//
// The manifest (.plansite-files) lists the files plansite wrote, with
// each one's entry and each group's key, the digest of the sources, and
// the last build's warnings. The next plansite build, in a new process,
// first reads and digests the source files without parsing them
// (load.Scan): if they, the program and the options are as recorded and
// every file is still in the destination with its recorded size and
// modification time, nothing is loaded, rendered or written. Otherwise it
// loads the site and makes only the outputs whose keys changed, or whose
// file in the destination is not as it was written (the size and
// modification time check of make and rsync: a file edited by hand
// keeping both is not noticed). Without a manifest, a non-empty
// destination is refused, so that a mistyped -destination never deletes
// someone's files.
//
// A Builder built with NewBuilder (plansite serve, Render) keeps its
// output as a Snapshot, its files' bytes in a temporary file, which the
// next build shares but for the files that changed, and publishes it
// into the destination, if any, by writing the files that changed. It keeps the source files by digest
// (load.Cache), the parsed layouts and the entries of its last good
// build: after an edit it reads the files it is told of, parses those
// whose bytes changed, and renders only the outputs whose key changed. A
// Preview makes the pages open in a browser first.
package build
