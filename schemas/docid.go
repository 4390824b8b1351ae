package schemas

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
)

// NewDocID derives a stable document id from the portal profile id and the
// article URL. The URL is canonicalised (scheme and host lower-cased, default
// port and fragment dropped, http and https treated alike) so that re-crawls
// of the same page give the same id.
func NewDocID(source, rawURL string) string {
	h := sha256.Sum256([]byte(source + "\x00" + CanonicalURL(rawURL)))
	return hex.EncodeToString(h[:8])
}

// CanonicalURL returns the form of rawURL used for identity.
func CanonicalURL(rawURL string) string {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return strings.TrimSpace(rawURL)
	}
	u.Fragment = ""
	u.Scheme = "http"
	host := strings.ToLower(u.Hostname())
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	u.Host = host
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String()
}
