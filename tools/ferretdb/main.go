// Command ferretdb runs FerretDB (a MongoDB wire-protocol server) with its SQLite backend for
// Sluice's native stack. It embeds the FerretDB library package because `go install` of the
// upstream command builds a binary that panics at start (its version.txt is not part of the
// module; FerretDB issue 2982).
package main

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// sqliteURL is the SQLite URI of a directory: `file:<dir>/` (the trailing slash marks a
// directory), with optional query parameters.
func sqliteURL(dir, query string) string {
	u := "file:" + dir + "/"
	if query != "" {
		u += "?" + query
	}
	return u
}

func main() {
	addr := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on")
	dir := flag.String("data-dir", "data", "directory of the SQLite databases (created when missing)")
	query := flag.String("sqlite-query", "", "SQLite URI query parameters, e.g. _pragma=synchronous(NORMAL)")
	flag.Parse()

	abs, err := filepath.Abs(*dir)
	if err != nil {
		slog.Error("bad data dir", "err", err)
		os.Exit(1)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		slog.Error("cannot create data dir", "err", err)
		os.Exit(1)
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *addr},
		Handler:   "sqlite",
		SQLiteURL: sqliteURL(abs, *query),
	})
	if err != nil {
		slog.Error("cannot configure FerretDB", "err", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	slog.Info("FerretDB listening", "addr", *addr, "dir", abs)
	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		slog.Error("FerretDB stopped", "err", err)
		os.Exit(1)
	}
}
