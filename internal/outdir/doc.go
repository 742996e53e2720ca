// Package outdir writes a generated site into its output folder safely.
// It knows files and folders, not what is in them.
//
// The folder is gen's only if it holds a manifest (ManifestName) naming
// every file gen wrote there, or nothing at all: gen refuses any other
// non-empty folder, never replaces or removes a file the manifest does
// not name, and refuses an output folder that is the source folder or
// contains it (CheckFolders).
//
// A write is one transaction: Open, then Put for each file (from many
// goroutines, as the files are made), then Commit, or Abort. Until
// Commit nothing visible changes; a failure at any step, or Abort,
// leaves the folder exactly as it was. Where it can, Commit swaps a
// hidden folder built beside the output folder for it in one step, so
// that a reader never sees half a site even if gen is killed; where it
// cannot, it replaces the files one by one in place and can put every
// one back (see Writer). Open removes what killed builds left behind.
package outdir
