package data

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// AppRole is the database role the services connect as: not a superuser,
// owner of the layers and the analysis results only, with grants on the
// rest (migration 0011, docs/design.md "Database roles"). The role of the
// configured URL — the owner — runs the migrations.
const AppRole = "gasrisk_app"

// ensureAppRole creates AppRole on the owner's connection when the server
// lacks it, makes the owner a member (a non-superuser owner needs that to
// take the ledger the first analysis builds), and refuses an AppRole that
// is a superuser.
func ensureAppRole(ctx context.Context, conn *pgx.Conn) error {
	var exists, ownerSuper, appSuper bool
	err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1),
		(SELECT rolsuper FROM pg_roles WHERE rolname = current_user),
		coalesce((SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = $1), false)`, AppRole).Scan(&exists, &ownerSuper, &appSuper)
	if err != nil {
		return err
	}
	role := pgx.Identifier{AppRole}.Sanitize()
	if !exists {
		_, err := conn.Exec(ctx, "CREATE ROLE "+role+" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS")
		var pe *pgconn.PgError
		if errors.As(err, &pe) && (pe.Code == "42710" || pe.Code == "23505") {
			err = nil // created meanwhile by another process
		}
		if err != nil {
			return fmt.Errorf("creating the database role %s the services connect as: %w "+
				"(create it yourself — CREATE ROLE %s LOGIN PASSWORD '…' — and set GASRISK_APP_DATABASE_URL)", AppRole, err, AppRole)
		}
	}
	if appSuper {
		return fmt.Errorf("the database role %s is a superuser or bypasses row security: the services will not connect as it", AppRole)
	}
	if !ownerSuper {
		if _, err := conn.Exec(ctx, "GRANT "+role+" TO CURRENT_USER"); err != nil {
			return fmt.Errorf("making the owner a member of %s: %w", AppRole, err)
		}
	}
	return nil
}

// grantDatabase lets AppRole create the analysis's work schemas in the
// current database. A database made from a template (tests) does not
// inherit the template's grants, so this runs on every open.
func grantDatabase(ctx context.Context, conn *pgx.Conn) error {
	var db string
	if err := conn.QueryRow(ctx, `SELECT current_database()`).Scan(&db); err != nil {
		return err
	}
	_, err := conn.Exec(ctx, "GRANT CREATE, CONNECT, TEMPORARY ON DATABASE "+pgx.Identifier{db}.Sanitize()+" TO "+pgx.Identifier{AppRole}.Sanitize())
	return err
}

// appPoolConfig is the pool configuration of the services: cfg.AppURL,
// or the owner's URL with AppRole as the user and no password.
func appPoolConfig(ownerURL, appURL string) (*pgxpool.Config, error) {
	if appURL != "" {
		pc, err := pgxpool.ParseConfig(appURL)
		if err != nil {
			return nil, fmt.Errorf("GASRISK_APP_DATABASE_URL: %w", err)
		}
		if pc.ConnConfig.User != AppRole {
			return nil, fmt.Errorf("GASRISK_APP_DATABASE_URL: user %q, want %s", pc.ConnConfig.User, AppRole)
		}
		return pc, nil
	}
	pc, err := pgxpool.ParseConfig(ownerURL)
	if err != nil {
		return nil, fmt.Errorf("database URL: %w", err)
	}
	pc.ConnConfig.User, pc.ConnConfig.Password = AppRole, ""
	return pc, nil
}

// checkAppRole makes sure the pool connects as AppRole, and AppRole is
// no superuser.
func checkAppRole(ctx context.Context, pool *pgxpool.Pool) error {
	var user string
	var super bool
	err := pool.QueryRow(ctx, `SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user`).Scan(&user, &super)
	if err != nil {
		return err
	}
	if user != AppRole || super {
		return fmt.Errorf("the services connect as %s (superuser %v), want %s, not a superuser", user, super, AppRole)
	}
	return nil
}
