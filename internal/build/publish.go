package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/load"
)

// manifestName lists, in the destination, the files plansite wrote there,
// with what a later build needs to know which it must make again.
const manifestName = ".plansite-files"

// stagingPrefix names the folder, inside the destination, where a build
// stages the files it will move into place.
const stagingPrefix = ".plansite-staging-"

// PublishStats counts what Publish did.
type PublishStats struct {
	Written, Unchanged, Removed int
}

// A manifest is what the destination's .plansite-files records of the
// build that wrote it. Its first line is "#plansite-files\t2", then come
// "#source\t<hex>" (the digest of every source file, the program and the
// options), "#pages\t<lang>\t<n>" and "#warning\t<JSON>" lines, and
// then, group by group after a "#group\t<id>\t<hex key>" line, one line
// per output: "<path>\t<hex key>\t<size>\t<mtime>\t<hex SHA-256>", or
// "<path>\t<hex key>\t-" for an output that made no file. An older
// manifest, one path per line, is read as files with unknown keys.
type manifest struct {
	state    state
	source   load.Digest
	pages    map[lang.Lang]int
	warnings []diag.Problem
}

// files counts the files the manifest lists.
func (m *manifest) files() int {
	n := 0
	for _, g := range m.state {
		for _, e := range g.files {
			if !e.none {
				n++
			}
		}
	}
	return n
}

// unchanged reports whether the build m records was made from the sources
// whose digest is source, and every file it lists is still in dir as it
// was written.
func (m *manifest) unchanged(source load.Digest, dir string) bool {
	if m.source != source {
		return false
	}
	d := destSink{dir: dir}
	for _, g := range m.state {
		if !d.intactAll(g.files) {
			return false
		}
	}
	return true
}

// readManifest returns what the manifest of dir records. A missing or
// empty dir has none; a non-empty dir without a manifest is refused.
func readManifest(dir string) (*manifest, error) {
	m := &manifest{state: state{}, pages: map[lang.Lang]int{}}
	f, err := os.Open(filepath.Join(dir, manifestName))
	if err == nil {
		defer f.Close()
		return m, m.read(f)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), stagingPrefix) {
			return nil, fmt.Errorf("the destination %s holds files that plansite did not write (it has no %s); to protect them, nothing was written: choose an empty or new folder, or empty this one", dir, manifestName)
		}
	}
	return m, nil
}

// read parses a manifest. Lines it cannot read are skipped: at worst, a
// file is made again and compared.
func (m *manifest) read(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	g := &group{files: map[string]entry{}}
	m.state[""] = g
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			continue
		}
		fields := strings.Split(line, "\t")
		switch fields[0] {
		case "#plansite-files":
			continue
		case "#source":
			if len(fields) == 2 {
				hex.Decode(m.source[:], []byte(fields[1]))
			}
			continue
		case "#pages":
			if len(fields) == 3 {
				n, _ := strconv.Atoi(fields[2])
				m.pages[lang.Lang(fields[1])] = n
			}
			continue
		case "#warning":
			var p diag.Problem
			if len(fields) == 2 && json.Unmarshal([]byte(fields[1]), &p) == nil {
				m.warnings = append(m.warnings, p)
			}
			continue
		case "#group":
			if len(fields) == 3 {
				g = m.state[fields[1]]
				if g == nil {
					g = &group{files: map[string]entry{}}
					m.state[fields[1]] = g
				}
				hex.Decode(g.key[:], []byte(fields[2]))
			}
			continue
		}
		name := strings.TrimSpace(fields[0])
		if !filepath.IsLocal(filepath.FromSlash(name)) || strings.HasPrefix(name, "#") {
			continue
		}
		e := entry{size: -1}
		if len(fields) >= 2 {
			hex.Decode(e.key[:], []byte(fields[1]))
		}
		switch {
		case len(fields) == 3 && fields[2] == "-":
			e.none = true
		case len(fields) == 5:
			e.size, _ = strconv.ParseInt(fields[2], 10, 64)
			e.mtime, _ = strconv.ParseInt(fields[3], 10, 64)
			hex.Decode(e.sum[:], []byte(fields[4]))
		}
		g.files[name] = e
	}
	return sc.Err()
}

// write writes the manifest of state s.
func (m *manifest) write(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 256*1024)
	fmt.Fprintf(bw, "#plansite-files\t2\n#source\t%x\n", m.source[:])
	for _, l := range lang.All {
		fmt.Fprintf(bw, "#pages\t%s\t%d\n", l, m.pages[l])
	}
	for _, p := range m.warnings {
		js, _ := json.Marshal(p)
		fmt.Fprintf(bw, "#warning\t%s\n", js)
	}
	ids := slices.Sorted(maps.Keys(m.state))
	var buf []byte
	for _, id := range ids {
		g := m.state[id]
		fmt.Fprintf(bw, "#group\t%s\t%x\n", id, g.key[:])
		names := slices.Sorted(maps.Keys(g.files))
		for _, name := range names {
			e := g.files[name]
			buf = append(buf[:0], name...)
			buf = append(buf, '\t')
			buf = hex.AppendEncode(buf, e.key[:])
			if e.none {
				buf = append(buf, "\t-\n"...)
			} else {
				buf = append(buf, '\t')
				buf = strconv.AppendInt(buf, e.size, 10)
				buf = append(buf, '\t')
				buf = strconv.AppendInt(buf, e.mtime, 10)
				buf = append(buf, '\t')
				buf = hex.AppendEncode(buf, e.sum[:])
				buf = append(buf, '\n')
			}
			bw.Write(buf)
		}
	}
	return bw.Flush()
}

// A destSink compares each output, as it is made, with the file in the
// destination, and stages those that differ in a folder inside it
// (.plansite-staging-<random>/, on the same file system), mirroring
// their paths. Nothing in the destination changes until commit moves
// the staged files into place; abort removes them.
type destSink struct {
	dir     string
	removed []string // files of the last build to remove on commit

	mu      sync.Mutex
	staging string // the staging folder, once made
	created bool   // dir did not exist when the build began
	// dirs are the folders made in staging, by output path: a part of
	// the path an entry holds, not a string of their own.
	dirs    map[string]bool
	written int
}

func newDestSink(dir string) *destSink {
	_, err := os.Stat(dir)
	return &destSink{dir: dir, dirs: map[string]bool{}, created: errors.Is(err, fs.ErrNotExist)}
}

// intact reports whether the file at path is the one described by e: the
// same size and modification time, as make and rsync's quick check do.
// A file changed by someone else without changing either goes unseen.
func (d *destSink) intact(path string, e entry) bool {
	if e.mtime == 0 || e.size < 0 {
		return false
	}
	info, err := os.Lstat(filepath.Join(d.dir, filepath.FromSlash(path)))
	return err == nil && info.Mode().IsRegular() && info.Size() == e.size && info.ModTime().UnixNano() == e.mtime
}

// keeps is false: put writes the bytes out before it returns.
func (d *destSink) keeps() bool { return false }

func (d *destSink) intactAll(files map[string]entry) bool {
	for path, e := range files {
		if !e.none && !d.intact(path, e) {
			return false
		}
	}
	return true
}

func (d *destSink) put(path string, data []byte, prev entry) (entry, bool, error) {
	if data == nil {
		return entry{none: true}, !prev.none && prev != (entry{}), nil
	}
	e := entry{size: int64(len(data)), sum: sumOf(data)}
	if prev.size == e.size && prev.sum == e.sum && d.intact(path, prev) {
		e.mtime = prev.mtime
		return e, false, nil
	}
	// A file already there with the same bytes is kept as it is. There
	// is none in a destination this build creates: a first build into a
	// new folder opens no file before writing it.
	if !d.created {
		if mtime, ok := holds(filepath.Join(d.dir, filepath.FromSlash(path)), data); ok {
			e.mtime = mtime
			return e, false, nil
		}
	}
	mtime, err := d.stage(path, data)
	if err != nil {
		return e, false, err
	}
	e.mtime = mtime
	return e, true, nil
}

// holds reports whether the file at target has the bytes data, and its
// modification time when it does.
func holds(target string, data []byte) (int64, bool) {
	f, err := os.Open(target)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return 0, false
	}
	old := make([]byte, len(data))
	if _, err := io.ReadFull(f, old); err != nil || !bytes.Equal(old, data) {
		return 0, false
	}
	return info.ModTime().UnixNano(), true
}

// stage writes data to path in the staging folder and returns its
// modification time, which the rename into place keeps.
func (d *destSink) stage(path string, data []byte) (int64, error) {
	d.mu.Lock()
	if d.staging == "" {
		if err := os.MkdirAll(d.dir, 0o755); err != nil {
			d.mu.Unlock()
			return 0, err
		}
		name, err := os.MkdirTemp(d.dir, stagingPrefix+"*")
		if err != nil {
			d.mu.Unlock()
			return 0, err
		}
		d.staging = name
	}
	target := filepath.Join(d.staging, filepath.FromSlash(path))
	if dir := path[:max(strings.LastIndexByte(path, '/'), 0)]; !d.dirs[dir] {
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			d.mu.Unlock()
			return 0, err
		}
		d.dirs[dir] = true
	}
	d.written++
	d.mu.Unlock()
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return 0, err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return 0, fmt.Errorf("writing %s: %w", path, err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return 0, err
	}
	if err := f.Close(); err != nil {
		return 0, fmt.Errorf("writing %s: %w", path, err)
	}
	return info.ModTime().UnixNano(), nil
}

// commit removes the files of the last build that this one no longer
// makes, moves the staged files into place (a folder the destination does
// not have yet in one rename), and writes the manifest of s.
func (d *destSink) commit(s state, res *Result, source load.Digest) (PublishStats, error) {
	st := PublishStats{Written: d.written}
	for _, name := range d.removed {
		if err := removeStale(d.dir, name, &st); err != nil {
			return st, err
		}
	}
	if d.staging != "" {
		if err := moveInto(d.staging, d.dir); err != nil {
			return st, err
		}
		os.RemoveAll(d.staging) // emptied, but for folders moved from
		d.staging = ""
	}
	m := &manifest{state: s, source: source, pages: res.Pages, warnings: res.Warnings}
	// Written as it is made: a large site's is tens of megabytes.
	if err := writeAtomicWith(filepath.Join(d.dir, manifestName), m.write); err != nil {
		return st, err
	}
	st.Unchanged = res.Files - st.Written
	return st, nil
}

// moveInto renames every file of the folder from into the folder to, at
// the same relative path. A folder that to does not have is renamed
// whole.
func moveInto(from, to string) error {
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	for _, e := range entries {
		src, dst := filepath.Join(from, e.Name()), filepath.Join(to, e.Name())
		if e.IsDir() {
			info, err := os.Lstat(dst)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				if err := os.Rename(src, dst); err != nil {
					return err
				}
				continue
			case err != nil:
				return err
			case !info.IsDir():
				if err := os.Remove(dst); err != nil {
					return err
				}
				if err := os.Rename(src, dst); err != nil {
					return err
				}
				continue
			}
			if err := moveInto(src, dst); err != nil {
				return err
			}
			continue
		}
		if err := os.Rename(src, dst); err != nil {
			return err
		}
	}
	return nil
}

// abort removes what was staged, leaving the destination as it was.
func (d *destSink) abort() {
	if d.staging != "" {
		os.RemoveAll(d.staging)
		d.staging = ""
	}
	if d.created {
		os.Remove(d.dir) // only if empty
	}
}

// programDigest is the SHA-256 of the running program, so that keys kept
// in a destination change with the program that made the files; zero when
// it cannot be read.
func programDigest() load.Digest {
	exe, err := os.Executable()
	if err != nil {
		return load.Digest{}
	}
	f, err := os.Open(exe)
	if err != nil {
		return load.Digest{}
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return load.Digest{}
	}
	var d load.Digest
	h.Sum(d[:0])
	return d
}

// Publish syncs files into dir: changed files are written atomically,
// unchanged ones left alone, and files of the previous build that files
// no longer has are removed. It refuses a non-empty dir that has no
// manifest. It is how plansite serve -destination first writes the site
// it keeps, and writes it again after a publish failed.
func Publish(dir string, files *Snapshot) (PublishStats, error) {
	var st PublishStats
	m, err := readManifest(dir)
	if err != nil {
		return st, err
	}
	all := files.blobs()
	names := slices.Sorted(maps.Keys(all))
	var data []byte // each file is written out before the next is read
	for _, name := range names {
		if data, err = files.readBlob(data, name, all[name]); err != nil {
			return st, err
		}
		target := filepath.Join(dir, filepath.FromSlash(name))
		if _, same := holds(target, data); same {
			st.Unchanged++
			continue
		}
		if err := writeAtomic(target, data); err != nil {
			return st, err
		}
		st.Written++
	}
	for _, g := range m.state {
		for name, e := range g.files {
			if _, keep := all[name]; keep || e.none {
				continue
			}
			if err := removeStale(dir, name, &st); err != nil {
				return st, err
			}
		}
	}
	if err := writeNames(dir, names); err != nil {
		return st, err
	}
	return st, nil
}

// writeNames writes a manifest that lists names only: a later plansite
// build compares every file.
func writeNames(dir string, names []string) error {
	manifest := []byte(strings.Join(names, "\n") + "\n")
	if _, same := holds(filepath.Join(dir, manifestName), manifest); same {
		return nil
	}
	return writeAtomic(filepath.Join(dir, manifestName), manifest)
}

// writeAtomic writes data to a temporary file beside name and renames it
// over name, so readers never see a partly written file.
func writeAtomic(name string, data []byte) error {
	return writeAtomicWith(name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeAtomicWith is writeAtomic of what write writes.
func writeAtomicWith(name string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-"+filepath.Base(name)+"-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return os.Rename(tmp.Name(), name)
}

// removeStale removes the file name (a slash path) of the last build from
// dir, and the folders it leaves empty, counting it in st. A file already
// gone is no error.
func removeStale(dir, name string, st *PublishStats) error {
	target := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.Remove(target); err == nil {
		st.Removed++
		removeEmptyParents(dir, filepath.Dir(target))
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("removing stale %s: %w", target, err)
	}
	return nil
}

// removeEmptyParents removes now-empty folders from dir up to, not
// including, root.
func removeEmptyParents(root, dir string) {
	for dir != root && strings.HasPrefix(dir, root) {
		if err := os.Remove(dir); err != nil {
			return
		}
		dir = filepath.Dir(dir)
	}
}

// publishChanges brings dir, last synced with the build before, up to date
// with files: it writes the files named in changed that files has and
// removes those it no longer has, without comparing the files nothing
// changed.
func publishChanges(dir string, files *Snapshot, changed []string) (PublishStats, error) {
	st := PublishStats{Unchanged: files.Len()}
	namesChanged := false
	for _, name := range changed {
		target := filepath.Join(dir, filepath.FromSlash(name))
		data, ok, err := files.read(name)
		if err != nil {
			return st, err
		}
		if !ok {
			namesChanged = true
			if err := removeStale(dir, name, &st); err != nil {
				return st, err
			}
			continue
		}
		if _, err := os.Stat(target); err != nil {
			namesChanged = true
		}
		if err := writeAtomic(target, data); err != nil {
			return st, err
		}
		st.Written++
		st.Unchanged--
	}
	if namesChanged {
		if err := writeNames(dir, files.Names()); err != nil {
			return st, err
		}
	}
	return st, nil
}
