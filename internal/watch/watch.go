// Package watch reports changes to files under some folders of a root
// folder, in batches, as editors and tools really make them. It knows
// nothing about plans: it says which paths changed, and the caller reads
// them again.
//
// fsnotify watches one folder at a time, so every folder is watched on its
// own: folders that appear (a new organization, a new year) are watched as
// they appear, and their files reported, since they may have been written
// before the watch was in place. Watched folders that disappear or are
// renamed have their watches dropped. The root itself is watched, so that
// a watched folder that does not exist yet (layouts/) is picked up when it
// is created.
//
// Editors save in many ways: writing in place (a truncate, then writes),
// writing a temporary file and renaming it over the original (an atomic
// save), or, as vim does, renaming the original to a backup, writing a new
// file and deleting the backup. Each is several events for one save, and
// a `git checkout` is hundreds. Events are therefore gathered into one
// Batch until the folders have been quiet for a moment: Quiet while the
// batch holds one or two paths, BurstQuiet once it holds more, so that a
// checkout becomes one batch while a single save is reported within
// milliseconds.
//
// Hidden files and folders (.git, vim's .plan.toml.swp, emacs's
// .#plan.toml) and backups (plan.toml~, #plan.toml#) are never reported.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options say what to watch.
type Options struct {
	// Root is the folder that paths are reported relative to.
	Root string
	// Dirs are the folders under Root to watch, with everything in them,
	// as slash paths relative to Root, such as "content".
	Dirs []string
	// Ignore, if set, reports slash paths relative to Root whose changes
	// are not reported, such as an output folder inside a watched one.
	Ignore func(path string) bool
	// Quiet is how long the folders must be still before a batch of one
	// or two paths is sent; 10ms when zero.
	Quiet time.Duration
	// BurstQuiet is how long they must be still once the batch holds
	// more (a checkout, a copy of a folder); 100ms when zero.
	BurstQuiet time.Duration
	// MaxDelay caps how long a batch waits while events keep coming;
	// 2s when zero.
	MaxDelay time.Duration
}

// burst is the number of paths from which a batch waits BurstQuiet. One
// save touches one or two paths, even vim's (the file and its test file
// 4913); three or more mean a tool is at work.
const burst = 3

// A Batch is the changes seen between two quiet moments.
type Batch struct {
	// Paths lists, sorted and once each, the files and folders (slash
	// paths relative to Root) that were created, written, removed or
	// renamed. A folder stands for everything in it.
	Paths []string
	// Overflow is set when the system dropped events: anything may have
	// changed, and the caller should read everything again.
	Overflow bool
}

// A Watcher watches folders until it is closed.
type Watcher struct {
	opts    Options
	root    string
	fsw     *fsnotify.Watcher
	watched map[string]bool // absolute paths of watched folders
}

// New starts watching. When it returns, every existing folder under Dirs
// is watched: a change made after New returns is reported by Run. It fails
// when the folders cannot be watched, for example when the system's limit
// of watches is reached, and then says how to raise it.
func New(opts Options) (*Watcher, error) {
	if opts.Quiet <= 0 {
		opts.Quiet = 10 * time.Millisecond
	}
	if opts.BurstQuiet <= 0 {
		opts.BurstQuiet = 100 * time.Millisecond
	}
	if opts.MaxDelay <= 0 {
		opts.MaxDelay = 2 * time.Second
	}
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, err
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, explain(err)
	}
	w := &Watcher{opts: opts, root: root, fsw: fsw, watched: map[string]bool{}}
	if err := w.add(root); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, d := range opts.Dirs {
		if err := w.addTree(filepath.Join(root, filepath.FromSlash(d))); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

// Close stops watching.
func (w *Watcher) Close() error { return w.fsw.Close() }

// Run reports changes to emit, one Batch at a time from one goroutine,
// until ctx is done or the Watcher is closed. emit should return quickly:
// events are gathered, not lost, while it runs. Problems that do not stop
// the watching, such as a new folder that could not be watched, are
// passed to onError when it is not nil.
func (w *Watcher) Run(ctx context.Context, emit func(Batch), onError func(error)) error {
	var (
		pending  = map[string]bool{}
		overflow bool
		quiet    = time.NewTimer(time.Hour)
		deadline <-chan time.Time
	)
	quiet.Stop()
	report := func(err error) {
		if onError != nil {
			onError(err)
		}
	}
	flush := func() {
		quiet.Stop()
		deadline = nil
		if len(pending) == 0 && !overflow {
			return
		}
		b := Batch{Overflow: overflow}
		for p := range pending {
			b.Paths = append(b.Paths, p)
		}
		sort.Strings(b.Paths)
		pending, overflow = map[string]bool{}, false
		emit(b)
	}
	touch := func() {
		if deadline == nil {
			deadline = time.After(w.opts.MaxDelay)
		}
		wait := w.opts.Quiet
		if len(pending) >= burst {
			wait = w.opts.BurstQuiet
		}
		quiet.Reset(wait)
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return nil
			}
			p, ok, err := w.handle(ev)
			if err != nil {
				report(err)
			}
			if ok {
				pending[p] = true
				touch()
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				overflow = true
				touch()
				continue
			}
			report(err)
		case <-quiet.C:
			flush()
		case <-deadline:
			flush()
		}
	}
}

// handle keeps the watches in step with one event, and returns the path
// to report, if any. A new folder that cannot be watched is still
// reported, with the error.
func (w *Watcher) handle(ev fsnotify.Event) (string, bool, error) {
	rel, ok := w.relevant(ev.Name)
	if !ok || ev.Op == fsnotify.Chmod {
		return "", false, nil
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.drop(ev.Name)
	}
	var err error
	if ev.Has(fsnotify.Create) {
		if info, statErr := os.Lstat(ev.Name); statErr == nil && info.IsDir() {
			err = w.addTree(ev.Name)
		}
	}
	return rel, true, err
}

// relevant returns the slash path of name relative to the root when a
// change to it should be reported.
func (w *Watcher) relevant(name string) (string, bool) {
	rel, err := filepath.Rel(w.root, name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	inDirs := false
	for _, d := range w.opts.Dirs {
		if rel == d || strings.HasPrefix(rel, d+"/") {
			inDirs = true
			break
		}
	}
	if !inDirs || Ignored(rel) || (w.opts.Ignore != nil && w.opts.Ignore(rel)) {
		return "", false
	}
	return rel, true
}

// addTree watches the folder dir and every folder under it.
func (w *Watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone already, or not made yet: the root's watch will see it appear
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if _, ok := w.relevant(p); !ok {
			return filepath.SkipDir
		}
		return w.add(p)
	})
}

func (w *Watcher) add(dir string) error {
	if w.watched[dir] {
		return nil
	}
	if err := w.fsw.Add(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("watching %s: %w", dir, explain(err))
	}
	w.watched[dir] = true
	return nil
}

// drop stops watching the folder name, if it was one, and every folder
// under it: after a rename the old watches would report the new folder's
// changes under the old names.
func (w *Watcher) drop(name string) {
	for dir := range w.watched {
		if dir == name || strings.HasPrefix(dir, name+string(filepath.Separator)) {
			w.fsw.Remove(dir) // fails harmlessly when the system already dropped it
			delete(w.watched, dir)
		}
	}
}

// explain adds what to do to the system's errors for running out of
// watches or watchers.
func explain(err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("%w: the system's limit of watched folders is reached; raise it with: sudo sysctl fs.inotify.max_user_watches=524288", err)
	case errors.Is(err, syscall.EMFILE):
		return fmt.Errorf("%w: too many programs are watching files; close some, or raise the limit with: sudo sysctl fs.inotify.max_user_instances=512", err)
	}
	return err
}

// Ignored reports whether a change to the slash path p is never worth
// reporting: a hidden file or folder, or an editor's backup or lock file,
// or anything inside one.
func Ignored(p string) bool {
	for _, part := range strings.Split(p, "/") {
		if strings.HasPrefix(part, ".") || strings.HasPrefix(part, "#") || strings.HasSuffix(part, "~") {
			return true
		}
	}
	return false
}
