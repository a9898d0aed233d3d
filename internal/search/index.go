package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
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
var boosts = map[string]float64{
	KindProgram: 1.0, KindTarget: 0.95, KindSection: 0.9, KindDivision: 0.85, KindEvent: 0.85,
	KindPlan: 0.8, KindOrg: 0.8, KindPage: 0.6, KindTerm: 0.5,
}

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

// Build makes the index files of docs (one language's, in the order of
// Docs): meta.json, orgs.json (each organization's name and document
// ranges, for the filter), s/<n>.json (the shards of the token lists),
// p/<shard>-<entry>-<page>.json (further pages of common tokens'
// postings) and d/<n>.json (the documents, ChunkDocs a file). The files
// are sorted by path, and the same docs give the same bytes.
//
// A shard is a JSON array of entries [token, df, pages, postings], sorted
// by token; postings are doc, weight pairs flattened, best weight first.
// A weight (1-255) is the token's BM25 weight in the document, its title
// counted three times, times the boost of the document's kind.
func Build(docs []Doc) ([]File, error) {
	// One pass: each token's postings, with the token's count in the
	// document (its title counted three times) where the weight will go.
	ids := map[string]int32{}
	var toks []string
	var lists []postings
	lens := make([]int32, len(docs))
	total := 0
	tf := map[int32]int{}
	var order []int32
	for i, d := range docs {
		clear(tf)
		order = order[:0]
		n := 0
		count := func(text string, w int) {
			eachDocToken(Normalize(text), func(t string) {
				n += w
				id, ok := ids[t]
				if !ok {
					id = int32(len(toks))
					t = strings.Clone(t) // not the document's text
					ids[t] = id
					toks = append(toks, t)
					lists = append(lists, postings{})
				}
				if _, ok := tf[id]; !ok {
					order = append(order, id)
				}
				tf[id] += w
			})
		}
		count(d.Title, 3)
		count(d.Text, 1)
		lens[i] = int32(n)
		total += n
		for _, id := range order {
			lists[id].docs = append(lists[id].docs, uint32(i))
			lists[id].ws = append(lists[id].ws, uint8(min(tf[id], 255)))
		}
	}
	ids = nil
	avg := 1.0
	if len(docs) > 0 {
		avg = max(1, float64(total)/float64(len(docs)))
	}
	const k1, b = 1.2, 0.75
	for _, l := range lists {
		for k, d := range l.docs {
			s := float64(l.ws[k])
			w := boosts[docs[d].Kind] * s * (k1 + 1) / (s + k1*(1-b+b*float64(lens[d])/avg))
			l.ws[k] = uint8(min(255, max(1, int(math.Round(w*100)))))
		}
		sort.Stable(l) // best weight first, then by document
	}

	// Shards: first find how many, from the size of the first pages.
	firstBytes := 0
	for id, l := range lists {
		firstBytes += len(toks[id]) + 12 + min(len(l.docs), PagePostings)*(digits(len(docs))+5)
	}
	shards := 1
	for shards < maxShards && firstBytes/shards > shardTarget*3/2 {
		shards *= 2
	}
	byShard := make([][]int32, shards)
	for id, t := range toks {
		s := ShardOf(t, shards)
		byShard[s] = append(byShard[s], int32(id))
	}
	var files []File
	var buf bytes.Buffer
	for s, ids := range byShard {
		sort.Slice(ids, func(i, j int) bool { return toks[ids[i]] < toks[ids[j]] })
		buf.Reset()
		buf.WriteByte('[')
		for e, id := range ids {
			l := lists[id]
			pages := 1 + (max(0, len(l.docs)-PagePostings)+MorePostings-1)/MorePostings
			if e > 0 {
				buf.WriteByte(',')
			}
			tj, _ := json.Marshal(toks[id])
			fmt.Fprintf(&buf, "[%s,%d,%d,", tj, len(l.docs), pages)
			l.write(&buf, 0, min(len(l.docs), PagePostings))
			buf.WriteByte(']')
			for p := 1; p < pages; p++ {
				var pb bytes.Buffer
				from := PagePostings + (p-1)*MorePostings
				l.write(&pb, from, min(len(l.docs), from+MorePostings))
				files = append(files, File{Path: PagePath(s, e, p+1), Data: pb.Bytes()})
			}
		}
		buf.WriteByte(']')
		files = append(files, File{Path: "s/" + strconv.Itoa(s) + ".json", Data: bytes.Clone(buf.Bytes())})
	}

	// Documents, in chunks.
	for c := 0; c*ChunkDocs < len(docs); c++ {
		var rows [][]string
		for _, d := range docs[c*ChunkDocs : min(len(docs), (c+1)*ChunkDocs)] {
			rows = append(rows, []string{d.Kind, d.Title, d.Path, d.OrgName, d.YearLabel, d.Context, cut(d.Text, snippetRunes)})
		}
		data, err := marshal(rows)
		if err != nil {
			return nil, err
		}
		files = append(files, File{Path: "d/" + strconv.Itoa(c) + ".json", Data: data})
	}

	// The years and organizations as ranges of documents.
	meta := Meta{Docs: len(docs), Shards: shards, Chunk: ChunkDocs, Years: [][3]int{}, Labels: []string{}}
	type orgRanges struct {
		name   string
		ranges []int
	}
	var orgs []orgRanges
	for i, d := range docs {
		if d.Year != 0 {
			if n := len(meta.Years); n > 0 && meta.Years[n-1][0] == d.Year {
				meta.Years[n-1][2] = i + 1
			} else {
				meta.Years = append(meta.Years, [3]int{d.Year, i, i + 1})
				meta.Labels = append(meta.Labels, d.YearLabel)
			}
		}
		if d.Org < 0 {
			continue
		}
		for len(orgs) <= d.Org {
			orgs = append(orgs, orgRanges{})
		}
		o := &orgs[d.Org]
		o.name = d.OrgName
		if n := len(o.ranges); n > 0 && o.ranges[n-1] == i {
			o.ranges[n-1] = i + 1
		} else {
			o.ranges = append(o.ranges, i, i+1)
		}
	}
	orgList := make([][]any, 0, len(orgs))
	for _, o := range orgs {
		row := []any{o.name}
		for _, r := range o.ranges {
			row = append(row, r)
		}
		orgList = append(orgList, row)
	}
	for name, v := range map[string]any{"meta.json": meta, "orgs.json": orgList} {
		data, err := marshal(v)
		if err != nil {
			return nil, err
		}
		files = append(files, File{Path: name, Data: data})
	}
	slices.SortFunc(files, func(a, b File) int {
		if a.Path < b.Path {
			return -1
		}
		if a.Path > b.Path {
			return 1
		}
		return 0
	})
	return files, nil
}

// PagePath is the file of page p (2 or more) of entry e of shard s.
func PagePath(s, e, p int) string {
	return "p/" + strconv.Itoa(s) + "-" + strconv.Itoa(e) + "-" + strconv.Itoa(p) + ".json"
}

// postings are one token's documents and weights (counts while the
// index is built), sorted by weight, best first, once built.
type postings struct {
	docs []uint32
	ws   []uint8
}

func (l postings) Len() int           { return len(l.docs) }
func (l postings) Less(i, j int) bool { return l.ws[i] > l.ws[j] }
func (l postings) Swap(i, j int) {
	l.docs[i], l.docs[j] = l.docs[j], l.docs[i]
	l.ws[i], l.ws[j] = l.ws[j], l.ws[i]
}

// write writes postings [from, to) as a flat JSON array of doc, weight
// pairs.
func (l postings) write(buf *bytes.Buffer, from, to int) {
	buf.WriteByte('[')
	for k := from; k < to; k++ {
		if k > from {
			buf.WriteByte(',')
		}
		buf.WriteString(strconv.FormatUint(uint64(l.docs[k]), 10))
		buf.WriteByte(',')
		buf.WriteString(strconv.FormatUint(uint64(l.ws[k]), 10))
	}
	buf.WriteByte(']')
}

// marshal is JSON without HTML escaping, which the index does not need.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

func digits(n int) int { return len(strconv.Itoa(n)) }

// cut keeps the first n runes of s, marking a cut with "…".
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for k := 0; k < n; k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i] + "…"
}
