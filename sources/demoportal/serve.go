package demoportal

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Serve serves site on addr until ctx is cancelled. Once listening it
// prints the root URL and every district home page to w, one per line.
func Serve(ctx context.Context, addr string, site *Site, w io.Writer, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("demo portal: listen on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: site.Handler(), ReadHeaderTimeout: 10 * time.Second}
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(w, "demo portal (fictional districts, seed %d) serving on %s/\n", site.seed, base)
	for _, u := range site.HomeURLs(base) {
		fmt.Fprintln(w, u)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("demo portal listening", "addr", ln.Addr().String(), "paths", len(site.paths))
	select {
	case err := <-errc:
		return fmt.Errorf("demo portal: serve %s: %w", addr, err)
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("demo portal: shutdown %s: %w", addr, err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("demo portal: serve %s: %w", addr, err)
	}
	return nil
}

// DefaultSeed is the seed the CLI serves unless told otherwise.
const DefaultSeed uint64 = 1
