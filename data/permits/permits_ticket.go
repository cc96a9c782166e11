package permits

import (
	"context"
	"encoding/json"
	"errors"
	"gasrisk/data"
	"gasrisk/data/access"
	"gasrisk/permit"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk"
)

// storeTicket writes the ticket, the works record (unless denied) and the
// audit entry of a check in one batch: one round trip, one implicit
// transaction (all of them or none). area is the work area in the working
// CRS (EWKB), as the check's read transformed it.
func storeTicket(ctx context.Context, q querier, c Check, res permit.Result, area []byte) error {
	req, err := json.Marshal(c.Request)
	if err != nil {
		return err
	}
	ans, err := json.Marshal(res)
	if err != nil {
		return err
	}
	var run *int64
	if res.RunID != 0 {
		run = &res.RunID
	}
	r := c.Request
	var b pgx.Batch
	b.Queue(sqlStoreTicket, res.TicketID, c.Caller.ID, r.Applicant, r.WorkKind, r.DepthM, r.Start, r.End, res.Decision,
		run, req, ans, area, res.CheckedAt)
	err = access.QueueAudit(&b, access.AuditEntry{Actor: c.Caller.Actor(), Action: "permit.check", Subject: res.TicketID,
		Outcome: res.Decision, Detail: map[string]any{"applicant": r.Applicant, "work_kind": r.WorkKind,
			"segments": len(res.Segments), "run_id": res.RunID}})
	if err != nil {
		return err
	}
	return q.SendBatch(ctx, &b).Close()
}

// sqlStoreTicket inserts the ticket and, unless it is denied, the works
// record that feeds the next analysis (one statement).
const sqlStoreTicket = `
WITH t AS (INSERT INTO permit_tickets (id, key_id, applicant, work_kind, depth_m, starts_on, ends_on,
		decision, run_id, request, response, geom, created_at)
	VALUES ($1, $2, $3, $4, $5, $6::date, $7::date, $8, $9, $10, $11, ST_GeomFromEWKB($12), $13)
	RETURNING id, work_kind, starts_on, ends_on, geom, decision)
INSERT INTO works (id, kind, starts_on, ends_on, geom, geom_3857)
SELECT id, work_kind, starts_on, ends_on, geom, ST_Transform(geom, 3857) FROM t WHERE decision <> 'denied'`

// AuditPermitRefused records a permit check that was refused before any
// ticket was made (bad input, limits): who asked and why it was refused.
func (s *Service) AuditPermitRefused(ctx context.Context, caller access.Key, refusal error) (err error) {
	defer data.Annotate(&err, "permits.AuditPermitRefused")
	return access.New(s.db).Audit(ctx, access.AuditEntry{Actor: caller.Actor(), Action: "permit.check", Outcome: gasrisk.ErrorCode(refusal),
		Detail: map[string]any{"error": gasrisk.ErrorMessage(refusal)}})
}

// Ticket is a stored permit check: the request and the answer as
// they were given.
type Ticket struct {
	TicketID  string          `json:"ticket_id"`
	CreatedAt time.Time       `json:"created_at"`
	Caller    string          `json:"caller"` // the name of the API key that asked
	Decision  string          `json:"decision"`
	Request   json.RawMessage `json:"request"`
	Result    json.RawMessage `json:"result"`
}

// Ticket returns a ticket to the key that made it, or to an admin;
// to anyone else it does not exist.
func (s *Service) PermitTicket(ctx context.Context, id string, caller access.Key) (_ Ticket, err error) {
	defer data.Annotate(&err, "permits.PermitTicket")
	var t Ticket
	err = s.db.Pool.QueryRow(ctx, `SELECT t.id, t.created_at, k.name, t.decision, t.request, t.response
		FROM permit_tickets t JOIN api_keys k ON k.id = t.key_id
		WHERE t.id = $1 AND (t.key_id = $2 OR $3)`, id, caller.ID, caller.Role == access.RoleAdmin).Scan(
		&t.TicketID, &t.CreatedAt, &t.Caller, &t.Decision, &t.Request, &t.Result)
	if errors.Is(err, pgx.ErrNoRows) {
		return t, gasrisk.Errorf(gasrisk.ENOTFOUND, "no permit ticket %q for this API key", id)
	}
	return t, err
}
