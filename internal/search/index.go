package search

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/scratch"
)

// Sizes of the index's parts. A query downloads meta.json, one shard per
// distinct shard key of its tokens, more pages of a common token's
// postings only when the first gave too few results, and the chunks of
// the documents it shows.
const (
	// ChunkDocs is the number of documents per file of d/.
	ChunkDocs = 16
	// PagePostings is the number of postings in a token's first page, in
	// its shard; MorePostings in each further page, in p/ (fewer, larger
	// files: a further page is read only by a query that needs it).
	PagePostings = 256
	MorePostings = 1024
	// shardTarget is the size a shard aims at; the number of shards is
	// the power of two that brings the average nearest it.
	shardTarget = 8 << 10
	// maxShards caps the number of shards.
	maxShards = 4096
	// snippetRunes is how much of a document's text is kept for the
	// result snippet.
	snippetRunes = 240
)

// Boosts by document kind: a resident is best served by a program, then
// by a target, a section or a schedule entry; a glossary term, short as
// it is, explains a word rather than saying what is done about it.
var boosts = []struct {
	kind  string
	boost float64
}{
	{KindProgram, 1.0}, {KindTarget, 0.95}, {KindSection, 0.9}, {KindDivision, 0.85}, {KindEvent, 0.85},
	{KindPlan, 0.8}, {KindOrg, 0.8}, {KindPage, 0.6}, {KindTerm, 0.5},
}

// boostOf is the place in boosts of each kind.
var boostOf = func() map[string]uint8 {
	m := map[string]uint8{}
	for i, b := range boosts {
		m[b.kind] = uint8(i)
	}
	return m
}()

// A File is one file of an index, by path under the language's folder.
type File struct {
	Path string
	Data []byte
}

// Meta is meta.json: what a search needs before it reads any shard.
type Meta struct {
	Docs   int `json:"n"`
	Shards int `json:"shards"`
	Chunk  int `json:"chunk"`
	// Years are the fiscal years as [year, first doc, end doc] ranges,
	// newest first; their labels are in Labels.
	Years  [][3]int `json:"years"`
	Labels []string `json:"labels"`
}

// An Indexer makes the index of one language. It keeps each
// organization's documents, tokenized, from one Build to the next, so that
// a rebuild after an edit (plansite serve's) tokenizes only the
// organizations whose Input.OrgKey changed, which is most of the work.
//
// Build holds no document of an organization longer than it takes to
// count its tokens: its record goes out in its d/ chunk as soon as the
// chunk's last document is in, and what is kept until the end is each
// token's postings, a byte or two a posting (spillBudget bounds them),
// and the site's own documents (its content pages and glossary terms).
type Indexer struct {
	lang lang.Lang
	// ids numbers the tokens ever seen; a token's number is its place in
	// toks. Numbers are never reused, and an Indexer's output does not
	// depend on them.
	ids  map[string]int32
	toks []string
	orgs map[string]*orgUnit // by organization ID, when Input.OrgKey is set
	// where is tokenize's scratch, by token number: one more than the
	// token's place in the list of the document being tokenized, 0 when
	// the document does not have it. A slice rather than a map: this is
	// looked up for every token of every document.
	where []int32
	// rows encodes documents' records, without HTML escaping.
	rows rowEncoder
}

// NewIndexer returns an Indexer of language l's index.
func NewIndexer(l lang.Lang) *Indexer {
	return &Indexer{lang: l, ids: map[string]int32{}, orgs: map[string]*orgUnit{}}
}

// An orgUnit is an organization's documents, tokenized: each plan's, in
// the order of its Plans (nil until needed), and its own.
type orgUnit struct {
	key   string
	plans [][]tdoc
	org   *tdoc
}

// A tdoc is a document tokenized: its kind (its place in boosts), its
// d/ record, and its tokens with their counts, its title's counted three
// times.
type tdoc struct {
	kind   uint8
	row    []byte // the document's record in its d/ chunk
	toks   []int32
	counts []uint8 // at most 255
	length int32   // its tokens counted with their weights
}

// Build makes the index files of in and hands each to emit as it is made:
// meta.json, orgs.json (each organization's name and document ranges, for
// the filter), s/<n>.json (the shards of the token lists),
// p/<shard>-<entry>-<page>.json (further pages of common tokens'
// postings) and d/<n>.json (the documents, ChunkDocs a file). The same
// input gives the same files, whatever was built before. A file's Data
// is lent to emit: it is written over once emit returns, so emit copies
// it to keep it (most files are written out and dropped, and the index
// of a large site is gigabytes of them). An error of emit
// stops the build and is returned, as is ctx's error when ctx is done
// (plansite serve cancels a build when another edit comes).
//
// Documents are numbered in this order: the plans' parts by fiscal year,
// newest first, then by organization in the order of in.Orgs, in the
// order of the plan page; then the organizations, the content pages by
// name, and the glossary's terms. This order lets a year be a range of
// document numbers.
//
// A shard is a JSON array of entries [token, df, pages, postings], sorted
// by token; postings are doc, weight pairs flattened, best weight first.
// A weight (1-255) is the token's BM25 weight in the document, its title
// counted three times, times the boost of the document's kind.
//
// Build is Begin, AddOrg for each organization and Finish.
func (ix *Indexer) Build(ctx context.Context, in Input, emit func(File) error) error {
	w := ix.Begin(ctx, in, emit)
	defer w.Close()
	for i, o := range in.Orgs {
		if err := w.AddOrg(i, o); err != nil {
			return err
		}
	}
	return w.Finish()
}

// Begin starts the index of in, as Build makes it, for a caller that
// hands it the organizations one by one (AddOrg), then calls Finish and
// Close, and need not hold them all: in.Orgs need only say what numbers the documents, their plans'
// years and, through in.DocCount, how many documents each plan has.
func (ix *Indexer) Begin(ctx context.Context, in Input, emit func(File) error) *Writer {
	w := &Writer{ctx: ctx, ix: ix, in: in, emit: emit, units: make([]*orgUnit, len(in.Orgs)), chunks: map[int]*chunk{}}
	seen := make(map[string]bool, len(in.Orgs))
	for i, o := range in.Orgs {
		seen[o.ID] = true
		w.units[i] = ix.unit(in, o)
	}
	for id := range ix.orgs {
		if !seen[id] {
			delete(ix.orgs, id)
		}
	}
	w.site = siteDocs(in, ix.lang)
	w.num = number(in, ix.lang, w.units, len(w.site))
	w.lens = make([]int32, w.num.total())
	w.kinds = make([]uint8, w.num.total())
	return w
}

// AddOrg adds the documents of organization i of the Input, whole: o is
// in.Orgs[i] or the same organization with its plans read in full.
// Organizations are added in their order.
func (w *Writer) AddOrg(i int, o *plan.Org) error {
	if i != w.added {
		return fmt.Errorf("search: organization %d added after %d", i, w.added)
	}
	w.added++
	if len(o.Plans) != len(w.num.plans[i]) {
		return fmt.Errorf("search: %s has %d plans, %d were counted", o.ID, len(o.Plans), len(w.num.plans[i]))
	}
	u := w.units[i]
	for k, p := range o.Plans {
		docs, err := w.ix.planDocs(w.in, o, u, k)
		if err != nil {
			return err
		}
		first, seg := w.num.plans[i][k], w.num.yearSeg[int(p.FiscalYear)]
		if want := w.num.counts[i][k]; len(docs) != want {
			return fmt.Errorf("search: %s has %d documents, %d were counted", w.in.PlanPath(p), len(docs), want)
		}
		for d := range docs {
			if err := w.add(&docs[d], first+d, seg); err != nil {
				return err
			}
		}
	}
	d := u.org
	if d == nil {
		td, err := w.ix.tokenize(orgDoc(w.ix.lang, o), u.key != "")
		if err != nil {
			return err
		}
		if d = &td; u.key != "" {
			u.org = d
		}
	}
	return w.add(d, w.num.starts[w.num.orgSeg()]+i, w.num.orgSeg())
}

// Finish adds the site's documents and writes what needs every
// document: the shards, the further pages of postings, meta.json and
// orgs.json.
func (w *Writer) Finish() error {
	if w.added != len(w.units) {
		return fmt.Errorf("search: %d of %d organizations added", w.added, len(w.units))
	}
	seg := w.num.orgSeg() + 1
	for j, d := range w.site {
		td, err := w.ix.tokenize(d, false)
		if err != nil {
			return err
		}
		if err := w.add(&td, w.num.starts[seg]+j, seg); err != nil {
			return err
		}
	}
	return w.finish()
}

// Close lets go of the scratch file a Writer may have written postings
// to; call it once the Writer is done with, finished or not.
func (w *Writer) Close() error {
	err := w.spill.Close()
	w.spill = nil
	return err
}

// A numbering places the documents of an index (see Build). Documents
// are added organization by organization, so the plans' documents of one
// year arrive in increasing order, but after those of other years: each
// year is a segment, as are the organizations' documents and the site's.
type numbering struct {
	years  []int // newest first
	labels []string
	// yearSeg is the segment of each year; starts[s] is the first
	// document of segment s, the years' then the organizations' and the
	// site's, and starts[len(starts)-1] the number of documents.
	yearSeg map[int]int
	starts  []int
	// plans[i][k] is the first document of plan k of organization i,
	// counts[i][k] how many it has.
	plans, counts [][]int
	orgs          []orgRanges
}

func (n *numbering) orgSeg() int { return len(n.years) }
func (n *numbering) total() int  { return n.starts[len(n.starts)-1] }

// number numbers the documents of in: sites is how many the site has.
func number(in Input, l lang.Lang, units []*orgUnit, sites int) numbering {
	n := numbering{yearSeg: map[int]int{}, plans: make([][]int, len(in.Orgs)), counts: make([][]int, len(in.Orgs))}
	for i, o := range in.Orgs {
		n.plans[i] = make([]int, len(o.Plans))
		n.counts[i] = make([]int, len(o.Plans))
		for k, p := range o.Plans {
			switch {
			case units[i].plans[k] != nil:
				n.counts[i][k] = len(units[i].plans[k])
			case in.DocCount != nil:
				n.counts[i][k] = in.DocCount(p)
			default:
				n.counts[i][k] = DocCount(p)
			}
			if y := int(p.FiscalYear); !slices.Contains(n.years, y) {
				n.years = append(n.years, y)
			}
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(n.years)))
	next := 0
	for s, y := range n.years {
		n.yearSeg[y] = s
		n.starts = append(n.starts, next)
		for i, o := range in.Orgs {
			for k, p := range o.Plans {
				if int(p.FiscalYear) != y {
					continue
				}
				if len(n.labels) == s { // the year's first plan
					n.labels = append(n.labels, p.YearLabel(l))
				}
				n.plans[i][k] = next
				next += n.counts[i][k]
			}
		}
	}
	n.starts = append(n.starts, next, next+len(in.Orgs), next+len(in.Orgs)+sites)

	// Each organization's ranges: its plans' by year, then its own
	// document, joined where they meet.
	for i, o := range in.Orgs {
		r := orgRanges{name: o.Name.String(l)}
		extend := func(from, to int) {
			if k := len(r.ranges); k > 0 && r.ranges[k-1] == from {
				r.ranges[k-1] = to
			} else {
				r.ranges = append(r.ranges, from, to)
			}
		}
		for _, y := range n.years {
			for k, p := range o.Plans {
				if int(p.FiscalYear) == y {
					extend(n.plans[i][k], n.plans[i][k]+n.counts[i][k])
				}
			}
		}
		extend(next+i, next+i+1)
		n.orgs = append(n.orgs, r)
	}
	return n
}

// unit returns the tokenized documents of organization o kept from the
// last Build when its key is the same, or an empty unit to fill.
func (ix *Indexer) unit(in Input, o *plan.Org) *orgUnit {
	key := ""
	if in.OrgKey != nil {
		key = in.OrgKey(o)
	}
	if u := ix.orgs[o.ID]; u != nil && key != "" && u.key == key {
		return u
	}
	u := &orgUnit{key: key, plans: make([][]tdoc, len(o.Plans))}
	if key != "" {
		ix.orgs[o.ID] = u
	}
	return u
}

// planDocs returns the documents of plan k of organization o, tokenized,
// keeping them in u when u is kept.
func (ix *Indexer) planDocs(in Input, o *plan.Org, u *orgUnit, k int) ([]tdoc, error) {
	if u.plans[k] != nil {
		return u.plans[k], nil
	}
	docs := planDocs(in, ix.lang, o, o.Plans[k])
	td := make([]tdoc, len(docs))
	for i, d := range docs {
		var err error
		if td[i], err = ix.tokenize(d, u.key != ""); err != nil {
			return nil, err
		}
	}
	if u.key != "" {
		u.plans[k] = td
	}
	return td, nil
}

// tokenize tokenizes d, numbering new tokens. A document to keep is made
// no larger than it needs to be.
func (ix *Indexer) tokenize(d Doc, keep bool) (tdoc, error) {
	row, err := ix.rows.encode([]string{d.Kind, d.Title, d.Path, d.OrgName, d.YearLabel, d.Context, cut(d.Text, snippetRunes)})
	if err != nil {
		return tdoc{}, fmt.Errorf("search: document %s: %w", d.Path, err)
	}
	td := tdoc{kind: boostOf[d.Kind], row: row}
	count := func(text string, w int) {
		eachDocToken(Normalize(text), func(t string) {
			td.length += int32(w)
			id, ok := ix.ids[t]
			if !ok {
				id = int32(len(ix.toks))
				t = strings.Clone(t) // not the document's text
				ix.ids[t] = id
				ix.toks = append(ix.toks, t)
				ix.where = append(ix.where, 0)
			}
			k := ix.where[id] - 1
			if k < 0 {
				k = int32(len(td.toks))
				ix.where[id] = k + 1
				td.toks = append(td.toks, id)
				td.counts = append(td.counts, 0)
			}
			td.counts[k] = uint8(min(int(td.counts[k])+w, 255))
		})
	}
	count(d.Title, 3)
	count(d.Text, 1)
	for _, id := range td.toks {
		ix.where[id] = 0
	}
	if keep {
		td.toks, td.counts = slices.Clone(td.toks), slices.Clone(td.counts)
	}
	return td, nil
}

// A Writer makes the files of one index from its documents, as Build
// describes.
type Writer struct {
	ctx  context.Context
	ix   *Indexer
	in   Input
	emit func(File) error

	units []*orgUnit
	site  []Doc
	num   numbering
	added int // the organizations added

	// Each token's postings (by token number); each document's length
	// and kind (its place in boosts).
	lists []postings
	lens  []int32
	kinds []uint8
	total int

	// chunks are the d/ chunks being filled, by number; chunkBuf is
	// where a full one is written, to lend to emit.
	chunks   map[int]*chunk
	chunkBuf []byte

	// held is the size of the postings' streams in memory; past
	// spillBudget they go to spill, a scratch file, and stream is the
	// buffer they are read back into.
	held    int
	spill   *scratch.File
	noSpill bool // the spill file failed: hold the rest
	stream  []byte
}

// spillBudget is how many bytes of postings a Writer holds in memory
// before it writes them out to a scratch file, to read them back at the
// end: a site of a few hundred organizations holds all of its postings
// (a thousand have about 14 MB a language), and a larger one no more
// than this. Tests lower it.
var spillBudget = 8 << 20

// orgRanges is an organization's name and the ranges of its documents.
type orgRanges struct {
	name   string
	ranges []int
}

// A chunk is a d/ file being filled: its documents' records, by place.
type chunk struct {
	rows [ChunkDocs][]byte
	n    int
}

// add adds document d as number doc, of segment seg.
func (w *Writer) add(d *tdoc, doc, seg int) error {
	if n := len(w.ix.toks); n > len(w.lists) {
		w.lists = append(w.lists, make([]postings, n-len(w.lists))...)
	}
	for k, id := range d.toks {
		s := w.lists[id].segment(seg)
		n := len(s.data)
		s.add(uint32(doc), d.counts[k])
		w.held += len(s.data) - n
	}
	if w.held > spillBudget && !w.noSpill {
		w.spillAll()
	}
	w.lens[doc] = d.length
	w.kinds[doc] = d.kind
	w.total += int(d.length)

	c := doc / ChunkDocs
	ch := w.chunks[c]
	if ch == nil {
		ch = &chunk{}
		w.chunks[c] = ch
	}
	ch.rows[doc%ChunkDocs] = d.row
	if ch.n++; ch.n < min(ChunkDocs, len(w.lens)-c*ChunkDocs) {
		return nil
	}
	delete(w.chunks, c)
	size := 1
	for _, row := range ch.rows[:ch.n] {
		size += len(row) + 1
	}
	data := slices.Grow(w.chunkBuf[:0], size)
	for k, row := range ch.rows[:ch.n] {
		if k == 0 {
			data = append(data, '[')
		} else {
			data = append(data, ',')
		}
		data = append(data, row...)
	}
	w.chunkBuf = append(data, ']')
	return w.put(File{Path: "d/" + strconv.Itoa(c) + ".json", Data: w.chunkBuf})
}

// spillAll writes every token's postings in memory out to the spill
// file, letting them go. When the file cannot be made or written, the
// postings stay in memory, as they would in a smaller site.
func (w *Writer) spillAll() {
	if w.spill == nil {
		f, err := scratch.New()
		if err != nil {
			w.noSpill = true
			return
		}
		w.spill = f
	}
	// The streams are written a megabyte at a time, not one write each.
	var buf []byte
	var pending []*segmentPostings // the streams in buf, in order
	flush := func() bool {
		sp, err := w.spill.Append(buf)
		if err != nil {
			w.noSpill = true
			return false
		}
		off := sp.Off
		for _, s := range pending {
			n := int64(len(s.data))
			s.spilled, s.data = append(s.spilled, scratch.Span{Off: off, N: n}), nil
			off += n
		}
		buf, pending = buf[:0], pending[:0]
		return true
	}
	for id := range w.lists {
		for i := range w.lists[id] {
			s := &w.lists[id][i]
			if len(s.data) == 0 {
				continue
			}
			buf = append(buf, s.data...)
			pending = append(pending, s)
			if len(buf) >= 1<<20 && !flush() {
				return
			}
		}
	}
	if len(pending) > 0 && !flush() {
		return
	}
	w.held = 0
}

// put emits f, unless the build was cancelled.
func (w *Writer) put(f File) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	return w.emit(f)
}

// finish weighs the postings and emits the shards, the further pages of
// postings, meta.json and orgs.json.
func (w *Writer) finish() error {
	docs := len(w.lens)
	avg := 1.0
	if docs > 0 {
		avg = max(1, float64(w.total)/float64(docs))
	}
	// Shards: first find how many, from the size of the first pages.
	toks := w.ix.toks
	firstBytes, postingBytes := 0, len(strconv.Itoa(docs))+5 // a posting is "doc,weight,"
	for id, l := range w.lists {
		if n := l.len(); n > 0 {
			firstBytes += len(toks[id]) + 12 + min(n, PagePostings)*postingBytes
		}
	}
	shards := 1
	for shards < maxShards && firstBytes/shards > shardTarget*3/2 {
		shards *= 2
	}
	byShard := make([][]int32, shards)
	for id, l := range w.lists {
		if l.len() > 0 {
			s := ShardOf(toks[id], shards)
			byShard[s] = append(byShard[s], int32(id))
		}
	}
	var buf, pb bytes.Buffer // the files are lent out of them
	var l weighed            // the token being written; its buffers serve them all
	written := 0
	for s, ids := range byShard {
		slices.SortFunc(ids, func(a, b int32) int { return strings.Compare(toks[a], toks[b]) })
		buf.Reset()
		buf.WriteByte('[')
		for e, id := range ids {
			if written++; written%4096 == 0 {
				if err := w.ctx.Err(); err != nil {
					return err
				}
			}
			if err := w.weigh(&l, w.lists[id], avg); err != nil {
				return err
			}
			pages := 1 + (max(0, len(l.docs)-PagePostings)+MorePostings-1)/MorePostings
			if e > 0 {
				buf.WriteByte(',')
			}
			tj, _ := json.Marshal(toks[id]) // a string always marshals
			buf.WriteByte('[')
			buf.Write(tj)
			buf.WriteByte(',')
			buf.WriteString(strconv.Itoa(len(l.docs)))
			buf.WriteByte(',')
			buf.WriteString(strconv.Itoa(pages))
			buf.WriteByte(',')
			l.write(&buf, 0, min(len(l.docs), PagePostings))
			buf.WriteByte(']')
			for p := 1; p < pages; p++ {
				pb.Reset()
				from := PagePostings + (p-1)*MorePostings
				l.write(&pb, from, min(len(l.docs), from+MorePostings))
				if err := w.put(File{Path: PagePath(s, e, p+1), Data: pb.Bytes()}); err != nil {
					return err
				}
			}
			w.lists[id] = nil // written: let it go
		}
		buf.WriteByte(']')
		if err := w.put(File{Path: "s/" + strconv.Itoa(s) + ".json", Data: buf.Bytes()}); err != nil {
			return err
		}
	}

	meta := Meta{Docs: docs, Shards: shards, Chunk: ChunkDocs, Years: [][3]int{}, Labels: w.num.labels}
	if meta.Labels == nil {
		meta.Labels = []string{}
	}
	for s, y := range w.num.years {
		meta.Years = append(meta.Years, [3]int{y, w.num.starts[s], w.num.starts[s+1]})
	}
	orgList := make([][]any, 0, len(w.num.orgs))
	for _, o := range w.num.orgs {
		row := []any{o.name}
		for _, r := range o.ranges {
			row = append(row, r)
		}
		orgList = append(orgList, row)
	}
	for _, f := range []struct {
		name string
		v    any
	}{{"meta.json", meta}, {"orgs.json", orgList}} {
		data, err := marshal(f.v)
		if err != nil {
			return err
		}
		if err := w.put(File{Path: f.name, Data: data}); err != nil {
			return err
		}
	}
	return nil
}

// PagePath is the file of page p (2 or more) of entry e of shard s.
func PagePath(s, e, p int) string {
	return "p/" + strconv.Itoa(s) + "-" + strconv.Itoa(e) + "-" + strconv.Itoa(p) + ".json"
}

// postings are one token's documents and counts while the index is
// built, by segment of the numbering, in the order the segments were
// first met.
type postings []segmentPostings

// segmentPostings are a token's postings in one segment: the documents,
// added in increasing order, each as a varint of the gap from the one
// before, shifted left two bits, holding its count in those bits when it
// is 1 to 3, which most are, or 0 and then a byte of the count. A posting
// takes a byte or two rather than the five of a document number and a
// count.
type segmentPostings struct {
	seg  int32
	n    int32 // postings
	last uint32
	data []byte
	// spilled are the parts of the stream written to the Writer's spill
	// file, before data.
	spilled []scratch.Span
}

// add adds document doc, later than the last, with its count c (1-255).
func (s *segmentPostings) add(doc uint32, c uint8) {
	v := uint64(doc-s.last) << 2
	if c <= 3 {
		s.data = binary.AppendUvarint(s.data, v|uint64(c))
	} else {
		s.data = append(binary.AppendUvarint(s.data, v), c)
	}
	s.last = doc
	s.n++
}

// eachPosting calls f with each posting's document and count of data, a
// segment's stream, in order.
func eachPosting(data []byte, f func(doc uint32, c uint8)) {
	d := uint32(0)
	for rest := data; len(rest) > 0; {
		v, n := binary.Uvarint(rest)
		rest = rest[n:]
		d += uint32(v >> 2)
		c := uint8(v & 3)
		if c == 0 {
			c, rest = rest[0], rest[1:]
		}
		f(d, c)
	}
}

// segment returns p's postings in segment seg, adding them when new.
func (p *postings) segment(seg int) *segmentPostings {
	for i := len(*p) - 1; i >= 0; i-- {
		if int((*p)[i].seg) == seg {
			return &(*p)[i]
		}
	}
	*p = append(*p, segmentPostings{seg: int32(seg)})
	return &(*p)[len(*p)-1]
}

// len is the number of postings.
func (p postings) len() int {
	n := 0
	for _, s := range p {
		n += int(s.n)
	}
	return n
}

// weighed is one token's postings as written: its documents and their
// weights, best first, keeping the order of documents of equal weight.
// docs are in the order of the postings until sorted.
type weighed struct {
	docs, sorted []uint32
	ws, sortedWs []uint8
}

// weigh fills l with p's documents and their weights: each count becomes
// the document's BM25 weight times its kind's boost, in 1-255. The
// postings are sorted by weight with a counting sort, as weights are
// bytes. l's buffers are reused from one token to the next.
func (w *Writer) weigh(l *weighed, p postings, avg float64) error {
	const k1, b = 1.2, 0.75
	l.docs, l.ws = l.docs[:0], l.ws[:0]
	slices.SortFunc(p, func(a, b segmentPostings) int { return int(a.seg - b.seg) })
	for i := range p {
		data := p[i].data
		if len(p[i].spilled) > 0 {
			var err error
			w.stream = w.stream[:0]
			for _, sp := range p[i].spilled {
				if w.stream, err = w.spill.Read(w.stream, sp); err != nil {
					return fmt.Errorf("search: %w", err)
				}
			}
			data = append(w.stream, data...)
			w.stream = data
		}
		eachPosting(data, func(d uint32, c uint8) {
			s := float64(c)
			wt := boosts[w.kinds[d]].boost * s * (k1 + 1) / (s + k1*(1-b+b*float64(w.lens[d])/avg))
			l.docs = append(l.docs, d)
			l.ws = append(l.ws, uint8(min(255, max(1, int(math.Round(wt*100))))))
		})
	}
	if len(l.docs) < 2 {
		return nil
	}
	var at [256]int
	for _, w := range l.ws {
		at[w]++
	}
	next := 0
	for w := 255; w >= 0; w-- {
		at[w], next = next, next+at[w]
	}
	l.sorted, l.sortedWs = slices.Grow(l.sorted[:0], len(l.docs))[:len(l.docs)], slices.Grow(l.sortedWs[:0], len(l.ws))[:len(l.ws)]
	for k, w := range l.ws {
		l.sorted[at[w]], l.sortedWs[at[w]] = l.docs[k], w
		at[w]++
	}
	l.docs, l.sorted = l.sorted, l.docs
	l.ws, l.sortedWs = l.sortedWs, l.ws
	return nil
}

// write writes postings [from, to) as a flat JSON array of doc, weight
// pairs.
func (l *weighed) write(buf *bytes.Buffer, from, to int) {
	buf.WriteByte('[')
	for k := from; k < to; k++ {
		if k > from {
			buf.WriteByte(',')
		}
		buf.Write(strconv.AppendUint(buf.AvailableBuffer(), uint64(l.docs[k]), 10))
		buf.WriteByte(',')
		buf.Write(strconv.AppendUint(buf.AvailableBuffer(), uint64(l.ws[k]), 10))
	}
	buf.WriteByte(']')
}

// marshal is JSON without HTML escaping, which the index does not need.
func marshal(v any) ([]byte, error) {
	var e rowEncoder
	return e.encode(v)
}

// A rowEncoder is marshal with its buffer and encoder kept, for the
// records of a hundred thousand documents.
type rowEncoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

// encode returns v's JSON, in a slice of its own.
func (e *rowEncoder) encode(v any) ([]byte, error) {
	if e.enc == nil {
		e.enc = json.NewEncoder(&e.buf)
		e.enc.SetEscapeHTML(false)
	}
	e.buf.Reset()
	if err := e.enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.Clone(bytes.TrimSuffix(e.buf.Bytes(), []byte("\n"))), nil
}

// cut keeps the first n runes of s, marking a cut with "…".
func cut(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	if i == len(s) {
		return s
	}
	return s[:i] + "…"
}
