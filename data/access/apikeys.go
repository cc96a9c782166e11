package access

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk"
	"gasrisk/data"
)

// Roles of API keys. A key has exactly one role:
//
//	permit  a third party: the permit check API and its own tickets
//	viewer  reads (map, tiles, exports, OGC API) where reads need a key
//	editor  reads and writes (the hazard ledger)
//	admin   everything, including every permit ticket
//	sensor  a detector gateway: posting readings, nothing else
const (
	RolePermit = "permit"
	RoleViewer = "viewer"
	RoleEditor = "editor"
	RoleAdmin  = "admin"
	RoleSensor = "sensor"
)

// Roles lists the roles of API keys.
func Roles() []string { return []string{RolePermit, RoleViewer, RoleEditor, RoleAdmin, RoleSensor} }

// keyPrefix starts every API key, so that leaked keys are easy to find.
const keyPrefix = "gsk_"

// Key is a stored API key (never its secret).
type Key struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Role      string     `json:"role"`
	Prefix    string     `json:"prefix"` // the key's first characters
	CreatedAt time.Time  `json:"created_at"`
	RevokedAt *time.Time `json:"revoked_at"`
}

// Actor names the key in audit entries and tickets: "key:ID:NAME".
func (k Key) Actor() string { return "key:" + strconv.FormatInt(k.ID, 10) + ":" + k.Name }

// hashKey is what is stored for a key: SHA-256 of the secret. The secret
// has 256 bits of entropy, so a plain hash is enough (no key stretching).
func hashKey(secret string) [32]byte { return sha256.Sum256([]byte(secret)) }

// newSecret returns a new random key: keyPrefix + 43 base64url characters.
func newSecret() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand)
	return keyPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// CreateKey stores a new key with a name and role and returns it with
// its secret, which is not stored and cannot be shown again. actor is who
// creates it, for the audit log.
func (s *Service) CreateKey(ctx context.Context, name, role, actor string) (_ Key, _ string, err error) {
	defer data.Annotate(&err, "access.CreateKey")
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 {
		return Key{}, "", gasrisk.Errorf(gasrisk.EINVALID, "key name: want 1–100 characters")
	}
	if !slices.Contains(Roles(), role) {
		return Key{}, "", gasrisk.Errorf(gasrisk.EINVALID, "role %q: want one of %s", role, strings.Join(Roles(), ", "))
	}
	secret := newSecret()
	k, h := Key{Name: name, Role: role, Prefix: secret[:len(keyPrefix)+6]}, hashKey(secret)
	err = pgx.BeginFunc(ctx, s.db.Pool, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO api_keys (name, role, hash, prefix) VALUES ($1, $2, $3, $4)
			RETURNING id, created_at`, k.Name, k.Role, h[:], k.Prefix).Scan(&k.ID, &k.CreatedAt)
		if err != nil {
			return err
		}
		return AppendAudit(ctx, tx, AuditEntry{Actor: actor, Action: "apikey.create", Subject: k.Actor(),
			Outcome: "ok", Detail: map[string]any{"role": role, "prefix": k.Prefix}})
	})
	return k, secret, err
}

// Keys lists every key, revoked ones included, oldest first.
func (s *Service) Keys(ctx context.Context) (_ []Key, err error) {
	defer data.Annotate(&err, "access.Keys")
	rows, err := s.db.Pool.Query(ctx, `SELECT id, name, role, prefix, created_at, revoked_at FROM api_keys ORDER BY id`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[Key])
}

// RevokeKey revokes a key by id or by name (when exactly one live key
// has that name); revoking a revoked key is a conflict.
func (s *Service) RevokeKey(ctx context.Context, idOrName, actor string) (_ Key, err error) {
	defer data.Annotate(&err, "access.RevokeKey")
	var k Key
	err = pgx.BeginFunc(ctx, s.db.Pool, func(tx pgx.Tx) error {
		var err error
		if k, err = findKey(ctx, tx, idOrName); err != nil {
			return err
		}
		if k.RevokedAt != nil {
			return gasrisk.Errorf(gasrisk.ECONFLICT, "key %d (%s) was already revoked on %s", k.ID, k.Name,
				k.RevokedAt.Format(time.RFC3339))
		}
		if err := tx.QueryRow(ctx, `UPDATE api_keys SET revoked_at = now() WHERE id = $1 RETURNING revoked_at`,
			k.ID).Scan(&k.RevokedAt); err != nil {
			return err
		}
		return AppendAudit(ctx, tx, AuditEntry{Actor: actor, Action: "apikey.revoke", Subject: k.Actor(), Outcome: "ok",
			Detail: map[string]any{"role": k.Role}})
	})
	s.cache.forget() // this process need not wait for the announcement
	return k, err
}

// findKey locks the key named by id or by a unique live name.
func findKey(ctx context.Context, tx pgx.Tx, idOrName string) (Key, error) {
	rows, err := tx.Query(ctx, `SELECT id, name, role, prefix, created_at, revoked_at FROM api_keys
		WHERE id::text = $1 OR (name = $1 AND revoked_at IS NULL) ORDER BY (id::text = $1) DESC FOR UPDATE`, idOrName)
	if err != nil {
		return Key{}, err
	}
	keys, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Key])
	switch {
	case err != nil:
		return Key{}, err
	case len(keys) == 0:
		return Key{}, gasrisk.Errorf(gasrisk.ENOTFOUND, "no API key with id or live name %q", idOrName)
	case len(keys) > 1 && keys[0].Name == idOrName && strconv.FormatInt(keys[0].ID, 10) != idOrName:
		return Key{}, gasrisk.Errorf(gasrisk.ECONFLICT, "%d live keys are named %q: revoke by id", len(keys), idOrName)
	}
	return keys[0], nil
}

// Authenticate returns the live key whose secret is given: from the key
// cache while a listener keeps it (Listen), else from the database.
func (s *Service) Authenticate(ctx context.Context, secret string) (_ Key, err error) {
	defer data.Annotate(&err, "access.Authenticate")
	var k Key
	if !strings.HasPrefix(secret, keyPrefix) || len(secret) > 200 {
		return k, gasrisk.Errorf(gasrisk.EUNAUTHORIZED, "unknown or revoked API key")
	}
	h, now := hashKey(secret), time.Now()
	k, ok, gen := s.cache.get(h, now)
	if ok {
		return k, nil
	}
	err = s.db.Pool.QueryRow(ctx, `SELECT id, name, role, prefix, created_at, revoked_at FROM api_keys WHERE hash = $1`,
		h[:]).Scan(&k.ID, &k.Name, &k.Role, &k.Prefix, &k.CreatedAt, &k.RevokedAt)
	if errors.Is(err, pgx.ErrNoRows) || err == nil && k.RevokedAt != nil {
		return Key{}, gasrisk.Errorf(gasrisk.EUNAUTHORIZED, "unknown or revoked API key")
	}
	if err == nil {
		s.cache.put(h, k, gen, now)
	}
	return k, err
}
