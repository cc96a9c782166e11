package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"gasrisk/data/access"
	"os/user"
	"strings"
	"text/tabwriter"
	"time"
)

func apikeyCommand() command {
	return command{name: "apikey", args: "create --name N --role ROLE | list | revoke ID|NAME | audit [--subject S]",
		summary: "manage the API keys of the permit API and of writes; show the audit log",
		detail: "Roles: permit (third parties: the permit check and their own tickets), viewer (reads where reads\n" +
			"need a key), editor (reads and writes: the hazard ledger), admin (everything).\n" +
			"create prints the new key once, alone on the last line of its output; only its SHA-256 is stored.\n" +
			"Clients send it as Authorization: Bearer KEY. Every key change is written to the audit log.",
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			var name, role, subject string
			var limit int
			fs.StringVar(&name, "name", "", "create: who the key is for (e.g. the construction firm)")
			fs.StringVar(&role, "role", "", "create: "+strings.Join(access.Roles(), ", "))
			fs.StringVar(&subject, "subject", "", "audit: only entries about this ticket or key (key:ID:NAME)")
			fs.IntVar(&limit, "limit", 50, "audit: newest entries to show")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) == 0 {
					return usageError("want: apikey create|list|revoke|audit")
				}
				switch sub, rest := args[0], args[1:]; {
				case sub == "create" && len(rest) == 0:
					if name == "" || role == "" {
						return usageError("apikey create needs --name and --role")
					}
					return runAPIKeyCreate(ctx, a, name, role)
				case sub == "list" && len(rest) == 0:
					return runAPIKeyList(ctx, a)
				case sub == "revoke" && len(rest) == 1:
					return runAPIKeyRevoke(ctx, a, rest[0])
				case sub == "audit" && len(rest) == 0:
					return runAudit(ctx, a, subject, limit)
				}
				return usageError("want: apikey create --name N --role ROLE | list | revoke ID|NAME | audit")
			}
		}}
}

// cliActor names the person at the terminal in the audit log.
func cliActor() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return "cli:" + u.Username
	}
	return "cli"
}

func runAPIKeyCreate(ctx context.Context, a *app, name, role string) error {
	s, err := openServices(ctx, a)
	if err != nil {
		return err
	}
	defer s.Close()
	k, secret, err := s.access.CreateKey(ctx, name, role, cliActor())
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "created API key %d %q with role %s; it is shown once, store it now:\n%s\n", k.ID, k.Name, k.Role, secret)
	return nil
}

func runAPIKeyList(ctx context.Context, a *app) error {
	s, err := openServices(ctx, a)
	if err != nil {
		return err
	}
	defer s.Close()
	keys, err := s.access.Keys(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tROLE\tKEY\tCREATED\tREVOKED")
	for _, k := range keys {
		revoked := "-"
		if k.RevokedAt != nil {
			revoked = k.RevokedAt.Format(time.DateTime)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s…\t%s\t%s\n", k.ID, k.Name, k.Role, k.Prefix, k.CreatedAt.Format(time.DateTime), revoked)
	}
	return tw.Flush()
}

func runAPIKeyRevoke(ctx context.Context, a *app, idOrName string) error {
	s, err := openServices(ctx, a)
	if err != nil {
		return err
	}
	defer s.Close()
	k, err := s.access.RevokeKey(ctx, idOrName, cliActor())
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "revoked API key %d %q (%s)\n", k.ID, k.Name, k.Role)
	return nil
}

func runAudit(ctx context.Context, a *app, subject string, limit int) error {
	s, err := openServices(ctx, a)
	if err != nil {
		return err
	}
	defer s.Close()
	entries, err := s.access.AuditLog(ctx, subject, limit)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tAT\tACTOR\tACTION\tSUBJECT\tOUTCOME\tDETAIL")
	for _, e := range entries {
		d, _ := json.Marshal(e.Detail)
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", e.ID, e.At.Format(time.RFC3339), e.Actor, e.Action, e.Subject, e.Outcome, d)
	}
	return tw.Flush()
}
