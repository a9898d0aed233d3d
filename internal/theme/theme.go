// Package theme holds plansite's default theme, embedded in the binary, and
// lays a site's own layouts/ and assets/ over it: a site file replaces the
// theme file of the same path.
package theme

import (
	"embed"
	"errors"
	"io/fs"
	"os"
	"path"
	"sort"
)

//go:embed layouts assets
var embedded embed.FS

// Overlay returns a file system of the theme's layouts/ and assets/ with
// the files of the site folder root laid over them.
func Overlay(root string) fs.FS {
	return overlay{top: os.DirFS(root), base: embedded}
}

// Over returns a file system of the theme's layouts/ and assets/ with the
// files of top laid over them; top is usually load.Site.Theme, the site's
// own layouts/ and assets/ as last read.
func Over(top fs.FS) fs.FS {
	return overlay{top: top, base: embedded}
}

// Default returns the embedded theme alone.
func Default() fs.FS { return embedded }

type overlay struct {
	top, base fs.FS
}

func (o overlay) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if f, err := o.top.Open(name); err == nil {
		if st, err := f.Stat(); err == nil && !st.IsDir() {
			return f, nil
		}
		f.Close()
	}
	return o.base.Open(name)
}

// ReadDir lists the union of both layers' entries, by name.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]fs.DirEntry{}
	var firstErr error
	for _, layer := range []fs.FS{o.base, o.top} {
		entries, err := fs.ReadDir(layer, name)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) && firstErr == nil {
				firstErr = err
			}
			continue
		}
		for _, e := range entries {
			seen[e.Name()] = e
		}
	}
	if len(seen) == 0 {
		if firstErr != nil {
			return nil, firstErr
		}
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// Files lists the regular files under dir in the overlay, sorted, as
// slash paths.
func Files(fsys fs.FS, dir string) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir
			}
			return err
		}
		if !d.IsDir() && path.Base(p)[0] != '.' {
			files = append(files, p)
		}
		return nil
	})
	return files, err
}
