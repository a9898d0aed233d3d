package search

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// A Searcher runs queries against a built index the way the search page's
// script does, reading its files through Fetch, so tests can check the
// results and count the bytes a query downloads. It is not safe for
// concurrent use.
type Searcher struct {
	fetch  func(path string) ([]byte, error)
	meta   Meta
	orgs   [][]any
	shards map[int][]*entry
	chunks map[int][][]string
	// Bytes counts the bytes fetched so far.
	Bytes int
}

// An entry is one token of a shard, with the postings loaded so far.
type entry struct {
	shard, index int
	token        string
	df, pages    int
	loaded       int // pages loaded
	weights      map[int]int
	order        []int // docs in the order loaded
}

// Open reads meta.json through fetch, whose paths are relative to one
// language's index folder.
func Open(fetch func(path string) ([]byte, error)) (*Searcher, error) {
	s := &Searcher{fetch: fetch, shards: map[int][]*entry{}, chunks: map[int][][]string{}}
	if err := s.get("meta.json", &s.meta); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Searcher) get(path string, v any) error {
	data, err := s.fetch(path)
	if err != nil {
		return err
	}
	s.Bytes += len(data)
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// A Filter narrows a search to one organization (its index in the
// site's list, or -1 for all) and one fiscal year (0 for all).
type Filter struct {
	Org  int
	Year int
}

// A Result is one document found, with its score.
type Result struct {
	Doc   int
	Score float64
	// matched counts the query's tokens the document is known to hold.
	matched int
}

// maxExtraPages caps the further pages of postings one search reads.
const maxExtraPages = 6

// Search returns up to limit documents for query, best first. A token
// whose postings are all loaded is a filter: every result holds it. When
// no token's are, the rarest token (the least df) is the filter, and more
// of its pages are read (up to maxExtraPages) while the results are fewer
// than limit. The other tokens rank: results are ordered by how many of
// the query's tokens their loaded postings show them to hold, then by the
// sum over the tokens of the token's weight in the document times
// ln(1 + documents / df), then by document number. For Japanese, whose
// tokens are overlapping pairs, a document with the rarest pair of a
// query almost always has the others.
func (s *Searcher) Search(query string, f Filter, limit int) ([]Result, error) {
	toks := QueryTokens(query)
	if len(toks) == 0 {
		return nil, nil
	}
	terms := make([][]*entry, len(toks))
	for i, t := range toks {
		sh, err := s.shard(ShardOf(t.Text, s.meta.Shards))
		if err != nil {
			return nil, err
		}
		for _, e := range sh {
			if e.token == t.Text || (t.Prefix && strings.HasPrefix(e.token, t.Text)) {
				terms[i] = append(terms[i], e)
			}
		}
		if terms[i] == nil {
			return nil, nil
		}
	}
	allow, err := s.filter(f)
	if err != nil {
		return nil, err
	}
	for extra := 0; ; extra++ {
		res := s.rank(terms, allow)
		if len(res) >= limit || extra >= maxExtraPages {
			return res[:min(limit, len(res))], nil
		}
		next := s.nextPage(s.filters(terms))
		if next == nil {
			return res[:min(limit, len(res))], nil
		}
		if err := s.loadPage(next); err != nil {
			return nil, err
		}
	}
}

// rank scores the documents the loaded postings allow.
func (s *Searcher) rank(terms [][]*entry, allow func(int) bool) []Result {
	must := s.filters(terms)
	// Candidates: the documents of the first term to filter by, kept when
	// every term to filter by holds them.
	seen := map[int]bool{}
	var cands []int
	for _, e := range must[0] {
		for _, d := range e.order {
			if !seen[d] {
				seen[d] = true
				cands = append(cands, d)
			}
		}
	}
	var res []Result
	for _, d := range cands {
		if !allow(d) {
			continue
		}
		ok := true
		for _, es := range must[1:] {
			if weight(es, d) == 0 {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		score, matched := 0.0, 0
		for _, es := range terms {
			if w := weight(es, d); w > 0 {
				matched++
				score += float64(w) * math.Log(1+float64(s.meta.Docs)/float64(df(es)))
			}
		}
		res = append(res, Result{Doc: d, Score: score, matched: matched})
	}
	sort.Slice(res, func(i, j int) bool {
		if res[i].matched != res[j].matched {
			return res[i].matched > res[j].matched
		}
		if res[i].Score != res[j].Score {
			return res[i].Score > res[j].Score
		}
		return res[i].Doc < res[j].Doc
	})
	return res
}

// filters are the terms every result must hold: those whose postings are
// all loaded, or else the one with the least df (the first of them).
func (s *Searcher) filters(terms [][]*entry) [][]*entry {
	var must [][]*entry
	for _, es := range terms {
		if complete(es) {
			must = append(must, es)
		}
	}
	if must != nil {
		return must
	}
	rarest := terms[0]
	for _, es := range terms[1:] {
		if df(es) < df(rarest) {
			rarest = es
		}
	}
	return [][]*entry{rarest}
}

func complete(es []*entry) bool {
	for _, e := range es {
		if e.loaded < e.pages {
			return false
		}
	}
	return true
}

// df is the number of documents of a term's entries (an upper bound for
// a prefix term's).
func df(es []*entry) int {
	n := 0
	for _, e := range es {
		n += e.df
	}
	return n
}

// weight is the best weight of doc d among the entries of a term, 0 when
// their loaded postings do not hold it.
func weight(es []*entry, d int) int {
	w := 0
	for _, e := range es {
		w = max(w, e.weights[d])
	}
	return w
}

// nextPage picks the entry of the filter terms to read one more page of:
// the one with pages left and the fewest postings loaded.
func (s *Searcher) nextPage(terms [][]*entry) *entry {
	var best *entry
	for _, es := range terms {
		for _, e := range es {
			if e.loaded < e.pages && (best == nil || len(e.order) < len(best.order)) {
				best = e
			}
		}
	}
	return best
}

func (s *Searcher) loadPage(e *entry) error {
	var flat []int
	if err := s.get(PagePath(e.shard, e.index, e.loaded+1), &flat); err != nil {
		return err
	}
	e.add(flat)
	e.loaded++
	return nil
}

func (e *entry) add(flat []int) {
	for i := 0; i+1 < len(flat); i += 2 {
		if _, ok := e.weights[flat[i]]; !ok {
			e.order = append(e.order, flat[i])
		}
		e.weights[flat[i]] = flat[i+1]
	}
}

func (s *Searcher) shard(n int) ([]*entry, error) {
	if sh, ok := s.shards[n]; ok {
		return sh, nil
	}
	var raw [][]json.RawMessage
	if err := s.get("s/"+strconv.Itoa(n)+".json", &raw); err != nil {
		return nil, err
	}
	sh := make([]*entry, 0, len(raw))
	for i, r := range raw {
		if len(r) != 4 {
			return nil, fmt.Errorf("s/%d.json: entry %d has %d fields", n, i, len(r))
		}
		e := &entry{shard: n, index: i, loaded: 1, weights: map[int]int{}}
		var flat []int
		for k, v := range []any{&e.token, &e.df, &e.pages, &flat} {
			if err := json.Unmarshal(r[k], v); err != nil {
				return nil, fmt.Errorf("s/%d.json: entry %d: %w", n, i, err)
			}
		}
		e.add(flat)
		sh = append(sh, e)
	}
	s.shards[n] = sh
	return sh, nil
}

// filter returns whether a document passes f, reading orgs.json when f
// names an organization.
func (s *Searcher) filter(f Filter) (func(int) bool, error) {
	yearOK := func(int) bool { return true }
	if f.Year != 0 {
		lo, hi := 0, 0
		for _, y := range s.meta.Years {
			if y[0] == f.Year {
				lo, hi = y[1], y[2]
			}
		}
		yearOK = func(d int) bool { return d >= lo && d < hi }
	}
	if f.Org < 0 {
		return yearOK, nil
	}
	if s.orgs == nil {
		if err := s.get("orgs.json", &s.orgs); err != nil {
			return nil, err
		}
	}
	var ranges []int
	if f.Org < len(s.orgs) {
		for _, v := range s.orgs[f.Org][1:] {
			ranges = append(ranges, int(v.(float64)))
		}
	}
	return func(d int) bool {
		if !yearOK(d) {
			return false
		}
		for i := 0; i+1 < len(ranges); i += 2 {
			if d >= ranges[i] && d < ranges[i+1] {
				return true
			}
		}
		return false
	}, nil
}

// Hit is a document as the search page shows it.
type Hit struct {
	Kind, Title, Path, Org, Year, Context, Text string
}

// Doc reads the document d from its chunk.
func (s *Searcher) Doc(d int) (Hit, error) {
	c := d / s.meta.Chunk
	rows, ok := s.chunks[c]
	if !ok {
		if err := s.get("d/"+strconv.Itoa(c)+".json", &rows); err != nil {
			return Hit{}, err
		}
		s.chunks[c] = rows
	}
	i := d % s.meta.Chunk
	if i >= len(rows) || len(rows[i]) != 7 {
		return Hit{}, fmt.Errorf("d/%d.json: no document %d", c, d)
	}
	r := rows[i]
	return Hit{Kind: r[0], Title: r[1], Path: r[2], Org: r[3], Year: r[4], Context: r[5], Text: r[6]}, nil
}
