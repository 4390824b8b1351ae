package crawl

import (
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestPrivateAddressGuard: a crawl whose start URLs are all public never
// connects to a private or loopback address (a link or redirect to an
// intranet host from a public portal), while a crawl the user started on
// loopback may.
func TestPrivateAddressGuard(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("ok")) }))
	defer srv.Close()

	guarded := &http.Client{Transport: newBaseTransport(DefaultOptions(), false, false)}
	_, err := guarded.Get(srv.URL)
	if !errors.Is(err, errPrivateAddress) {
		t.Fatalf("public crawl reached loopback: err = %v, want %v", err, errPrivateAddress)
	}
	trusted := &http.Client{Transport: newBaseTransport(DefaultOptions(), true, false)}
	resp, err := trusted.Get(srv.URL)
	if err != nil {
		t.Fatalf("trusted loopback start URL refused: %v", err)
	}
	resp.Body.Close()
	for _, ip := range []string{"10.1.2.3", "172.16.0.9", "192.168.1.1", "127.0.0.1", "169.254.1.1", "::1", "fc00::1"} {
		if !isPrivateIP(parseIP(t, ip)) {
			t.Errorf("%s not recognised as private", ip)
		}
	}
	for _, ip := range []string{"8.8.8.8", "202.99.230.232", "2001:4860::8888"} {
		if isPrivateIP(parseIP(t, ip)) {
			t.Errorf("%s taken for private", ip)
		}
	}
}

func parseIP(t *testing.T, s string) net.IP {
	t.Helper()
	ip := net.ParseIP(s)
	if ip == nil {
		t.Fatalf("bad IP %s", s)
	}
	return ip
}
