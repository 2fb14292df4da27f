package alertmanager

import (
	"errors"
	"net/url"
	"strings"
)

// RedactURL returns raw with the password of its user information masked
// ("http://user:xxxxx@host"), for logs and errors. Text that is not a URL
// has everything between "://" and the last "@" masked instead.
func RedactURL(raw string) string {
	if u, err := url.Parse(strings.TrimSpace(raw)); err == nil {
		if u.User == nil {
			return raw
		}
		return u.Redacted()
	}
	return redactRaw(raw)
}

// redactRaw masks what could be user information in text url.Parse
// refused.
func redactRaw(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	at := strings.LastIndexByte(rest, '@')
	if !ok || at < 0 {
		return raw
	}
	return scheme + "://xxxxx" + rest[at:]
}

// withoutURL returns the cause inside a *url.Error, whose text repeats the
// URL (and, depending on where it was made, its password).
func withoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
