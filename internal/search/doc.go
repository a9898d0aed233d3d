// Package search builds the site's search index, one per language, from
// the plans' parts (documents: an organization, a plan, a division, a
// section, a program, a target, a schedule entry, a content page, a
// glossary term), and reads it back as the search page's script does.
// It renders nothing and writes nothing: package build publishes the
// files it makes under search/<lang>/.
//
// # One tokenizer, twice
//
// Normalize, DocTokens and QueryTokens are the spec; the theme's
// assets/js/search.js implements them again for the browser, and both
// pass the cases of testdata/spec.json (TestSpec here, TestSearch in
// internal/browsertest). Text is folded for width (ＡＢＣ, ｻﾛﾝ), kana
// (katakana to hiragana), case and accents; Japanese runs are cut into
// overlapping pairs of characters, English into words with simple plural
// folding and a few stop words dropped, numbers kept whole (1,548 is
// 1548; 75% is both 75 and 75%). A one-character Japanese query matches
// every pair that begins with it.
//
// # Split so that a query reads little
//
// meta.json (under 1 KB) says how many documents and shards there are.
// Tokens are spread over shards s/<n>.json by FNV-1a of their first
// character (Japanese) or of the whole word, so a query reads one shard
// per distinct key. A token's postings are sorted best weight first; the
// first PagePostings are in its shard and the rest in pages p/… of
// MorePostings, read only when a query's results are too few. Documents (title, address with its
// anchor, organization, year, context, the start of the text) are in
// chunks d/<n>.json of ChunkDocs, in an order that makes each fiscal year
// a range of numbers, and orgs.json gives each organization's ranges, for
// the filters. Searcher is the query side in Go, used by the tests to
// check results and count the bytes a query reads (TestMeasure).
package search
