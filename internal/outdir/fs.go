package outdir

import (
	"io"
	"io/fs"
	"os"
)

// outFS is the part of the file system a Writer uses. Builds use
// osFS; tests pass one that fails on a chosen call, to check that a write
// failing at any point leaves the previous site exactly as it was.
type outFS interface {
	ReadFile(name string) ([]byte, error)
	ReadDir(name string) ([]fs.DirEntry, error)
	Lstat(name string) (fs.FileInfo, error)
	Mkdir(name string, perm fs.FileMode) error
	// WriteTemp creates a new file with a unique ".gen-" name in dir,
	// writes data to it and makes it mode 0644. On failure it returns the
	// name of any file it left behind, for the caller to remove.
	WriteTemp(dir string, data pieces) (string, error)
	// WriteNew creates the file name, which must not exist, with data
	// and mode 0644.
	WriteNew(name string, data pieces) error
	// WriteNewFrom is WriteNew with the bytes that fill writes; its
	// error is returned.
	WriteNewFrom(name string, fill func(io.Writer) error) error
	Link(oldname, newname string) error
	Rename(oldname, newname string) error
	// Exchange swaps two folders in one step; RenameNew renames a folder
	// to a name that must not exist.
	Exchange(a, b string) error
	RenameNew(oldname, newname string) error
	Chmod(name string, mode fs.FileMode) error
	Remove(name string) error
	RemoveAll(name string) error
	// Lock takes the lock on a folder gen writes in (see lockFolder).
	Lock(dir string) (unlock func(), err error)
}

type osFS struct{}

func (osFS) ReadFile(name string) ([]byte, error)       { return os.ReadFile(name) }
func (osFS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }
func (osFS) Lstat(name string) (fs.FileInfo, error)     { return os.Lstat(name) }
func (osFS) Mkdir(name string, perm fs.FileMode) error  { return os.Mkdir(name, perm) }
func (osFS) Link(oldname, newname string) error         { return os.Link(oldname, newname) }
func (osFS) Rename(oldname, newname string) error       { return os.Rename(oldname, newname) }
func (osFS) Exchange(a, b string) error                 { return exchange(a, b) }
func (osFS) RenameNew(oldname, newname string) error    { return renameNoReplace(oldname, newname) }
func (osFS) Chmod(name string, mode fs.FileMode) error  { return os.Chmod(name, mode) }
func (osFS) Remove(name string) error                   { return os.Remove(name) }
func (osFS) RemoveAll(name string) error                { return os.RemoveAll(name) }
func (osFS) Lock(dir string) (func(), error)            { return lockFolder(dir) }

func (osFS) WriteTemp(dir string, data pieces) (string, error) {
	f, err := os.CreateTemp(dir, ".gen-*.tmp")
	if err != nil {
		return "", err
	}
	err = data.writeTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	return f.Name(), err
}

func (fsys osFS) WriteNew(name string, data pieces) error {
	return fsys.WriteNewFrom(name, data.writeTo)
}

func (osFS) WriteNewFrom(name string, fill func(io.Writer) error) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	err = fill(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
