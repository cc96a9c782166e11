package access

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk/data"
)

// AuditEntry is one line of the append-only audit log: every permit check
// (accepted or refused) and every API key change. The database refuses to
// update or delete entries (migration 0003).
type AuditEntry struct {
	ID      int64          `json:"id"`
	At      time.Time      `json:"at"`
	Actor   string         `json:"actor"`   // "key:ID:NAME", "cli:USER"
	Action  string         `json:"action"`  // permit.check, apikey.create, apikey.revoke
	Subject string         `json:"subject"` // the ticket or key acted on
	Outcome string         `json:"outcome"` // ok, a decision, or the refusal's error code
	Detail  map[string]any `json:"detail"`
}

// AppendAudit writes e inside tx, so that the entry exists exactly when
// what it records does.
func AppendAudit(ctx context.Context, tx pgx.Tx, e AuditEntry) error {
	detail, err := auditDetail(e)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, sqlAppendAudit, e.Actor, e.Action, e.Subject, e.Outcome, detail)
	return err
}

// QueueAudit adds the writing of e to b: sent as one batch (an implicit
// transaction), the entry exists exactly when what the batch's other
// statements record does.
func QueueAudit(b *pgx.Batch, e AuditEntry) error {
	detail, err := auditDetail(e)
	if err != nil {
		return err
	}
	b.Queue(sqlAppendAudit, e.Actor, e.Action, e.Subject, e.Outcome, detail)
	return nil
}

const sqlAppendAudit = `INSERT INTO audit_log (actor, action, subject, outcome, detail) VALUES ($1, $2, $3, $4, $5)`

// auditDetail is the JSON of e's detail ({} when there is none).
func auditDetail(e AuditEntry) ([]byte, error) {
	if e.Detail == nil {
		return []byte("{}"), nil
	}
	return json.Marshal(e.Detail)
}

// Audit appends one entry on its own.
func (s *Service) Audit(ctx context.Context, e AuditEntry) (err error) {
	defer data.Annotate(&err, "access.Audit")
	return pgx.BeginFunc(ctx, s.db.Pool, func(tx pgx.Tx) error { return AppendAudit(ctx, tx, e) })
}

// AuditLog returns the newest entries, newest first; subject, when not
// empty, keeps only the entries about it.
func (s *Service) AuditLog(ctx context.Context, subject string, limit int) (_ []AuditEntry, err error) {
	defer data.Annotate(&err, "access.AuditLog")
	if limit <= 0 || limit > 10000 {
		limit = 100
	}
	rows, err := s.db.Pool.Query(ctx, `SELECT id, at, actor, action, subject, outcome, detail FROM audit_log
		WHERE $1 = '' OR subject = $1 ORDER BY id DESC LIMIT $2`, subject, limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (AuditEntry, error) {
		var e AuditEntry
		err := r.Scan(&e.ID, &e.At, &e.Actor, &e.Action, &e.Subject, &e.Outcome, &e.Detail)
		return e, err
	})
}
