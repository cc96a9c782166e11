package topology

import (
	"context"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"gasrisk/data"
	"gasrisk/hazard"
	"gasrisk/network"
)

// cardStart is where a hazard's trace starts and its nearest station.
type cardStart struct {
	id      int64
	code    string
	pipeGID int64  // 0: no pipe to start on
	pipeID  string // the pipe, also when it is out of service
	inUse   bool
	at      float64
	nearest *hazard.CardStation
}

// Cards answers the emergency cards (应急处置卡) of the hazards ids, keyed
// by hazard id (unknown ids have none): the graph is built (or taken) once,
// the hazards located in one query and each traced in Go, and the valves'
// positions and the critical customers' buildings read in one query each,
// so that the cards of a whole ledger cost a handful of queries.
func (s *Service) Cards(ctx context.Context, ids []int64) (_ map[int64]hazard.Card, err error) {
	defer data.Annotate(&err, "topology.Cards")
	g, err := s.Graph(ctx)
	if err != nil {
		return nil, err
	}
	starts, err := s.cardStarts(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]hazard.Card, len(starts))
	var valves []*hazard.CardValve
	var pts []orb.Point
	var critical []*hazard.CardCustomer
	var order []hazard.Card                 // the cards in the order of pts
	traced := map[int32]network.Isolation{} // by start piece: hazards on one piece share their trace
	for _, st := range starts {
		c := hazard.Card{HazardID: st.id, Code: st.code, PipeID: st.pipeID, Nearest: st.nearest,
			Valves: []hazard.CardValve{}, Passed: []hazard.CardValve{}, Critical: []hazard.CardCustomer{},
			Stations: []hazard.CardStation{}, Sources: []hazard.CardStation{}}
		var iso network.Isolation
		switch {
		case st.pipeGID == 0:
			c.NoTrace, c.PipeID = hazard.NoTracePipe, ""
		case !st.inUse:
			c.NoTrace = hazard.NoTraceOut
		default:
			spot := network.Spot{Pipe: st.pipeGID, At: st.at}
			piece, ok := g.Piece(spot)
			if done, seen := traced[piece]; ok && seen {
				iso = done
			} else if iso, err = g.Isolate(spot); err != nil {
				c.NoTrace = hazard.NoTraceOut
			} else {
				traced[piece] = iso
			}
		}
		byID := func(a, b network.Valve) int { return strings.Compare(a.ID, b.ID) }
		slices.SortFunc(iso.Valves, byID) // as Isolate lists them
		slices.SortFunc(iso.Passed, byID)
		c.Valves, c.Passed = cardValves(iso.Valves), cardValves(iso.Passed)
		for _, vs := range [][]network.Valve{iso.Valves, iso.Passed} {
			for _, v := range vs {
				pts = append(pts, v.Point)
			}
		}
		_, c.IsolatedM = pipeIDs(iso.Isolated)
		_, c.OutageM = pipeIDs(iso.Lost)
		for _, cu := range iso.Customers {
			c.Customers++
			c.Meters += cu.Meters
			if cu.Kind == "critical" {
				c.Critical = append(c.Critical, hazard.CardCustomer{ID: cu.ID, Meters: cu.Meters, Building: cu.Building})
			}
		}
		c.Stations, c.Sources = cardStations(iso.Stations), cardStations(iso.Sources)
		c.Unfed = iso.Unfed
		out[st.id] = c
		order = append(order, c)
	}
	// positions and buildings, once for all cards
	for _, c := range order {
		for i := range c.Valves {
			valves = append(valves, &c.Valves[i])
		}
		for i := range c.Passed {
			valves = append(valves, &c.Passed[i])
		}
		for i := range c.Critical {
			critical = append(critical, &c.Critical[i])
		}
	}
	ll, err := s.lonLat(ctx, pts)
	if err != nil {
		return nil, err
	}
	for i, v := range valves {
		v.Lon, v.Lat = ll[i][0], ll[i][1]
	}
	return out, s.buildingUses(ctx, critical)
}

// cardStarts locates the hazards as Isolate does (the hazard's pipe, else
// the nearest in-service pipe within PointM) with the nearest station, in
// one query.
func (s *Service) cardStarts(ctx context.Context, ids []int64) ([]cardStart, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT h.id, h.code, coalesce(a.gid, b.gid, 0), coalesce(a.id, b.id, ''),
			coalesce(a.in_use, b.gid IS NOT NULL), coalesce(a.f, b.f, 0), t.id, t.kind, coalesce(t.name, ''), t.d
		FROM unnest($1::bigint[]) AS u(id) JOIN hazards h ON h.id = u.id
		CROSS JOIN LATERAL (SELECT ST_PointOnSurface(h.geom) AS pt) x
		LEFT JOIN LATERAL (SELECT p.gid, p.id, p.status = 'in_service' AS in_use, ST_LineLocatePoint(`+line+`, x.pt) AS f
			FROM pipes p WHERE p.id = h.pipe_id) a ON true
		LEFT JOIN LATERAL (SELECT p.gid, p.id, ST_LineLocatePoint(`+line+`, x.pt) AS f FROM pipes p
			WHERE a.gid IS NULL AND p.status = 'in_service' AND ST_DWithin(p.geom, x.pt, $2)
			ORDER BY p.geom <-> x.pt LIMIT 1) b ON true
		LEFT JOIN LATERAL (SELECT t.id, t.kind, t.name, ST_Distance(t.geom, x.pt) AS d FROM stations t
			ORDER BY t.geom <-> x.pt LIMIT 1) t ON true
		ORDER BY h.id`, ids, PointM)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (cardStart, error) {
		var c cardStart
		var tid, tkind, tname *string
		var d *float64
		err := r.Scan(&c.id, &c.code, &c.pipeGID, &c.pipeID, &c.inUse, &c.at, &tid, &tkind, &tname, &d)
		if tid != nil {
			c.nearest = &hazard.CardStation{ID: *tid, Kind: *tkind, Name: *tname, DistanceM: *d}
		}
		return c, err
	})
}

// buildingUses names the critical customers' buildings by their use.
func (s *Service) buildingUses(ctx context.Context, cs []*hazard.CardCustomer) error {
	var ids []string
	for _, c := range cs {
		if c.Building != "" {
			ids = append(ids, c.Building)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	rows, err := s.db.Pool.Query(ctx, `SELECT id, use FROM buildings WHERE id = ANY($1)`, slices.Compact(ids))
	if err != nil {
		return err
	}
	use := map[string]string{}
	var id, u string
	if _, err := pgx.ForEachRow(rows, []any{&id, &u}, func() error { use[id] = u; return nil }); err != nil {
		return err
	}
	for _, c := range cs {
		c.Use = use[c.Building]
	}
	return nil
}

func cardValves(vs []network.Valve) []hazard.CardValve {
	out := []hazard.CardValve{}
	for _, v := range vs {
		out = append(out, hazard.CardValve{ID: v.ID, Kind: v.Kind, Class: v.Class})
	}
	return out
}

func cardStations(ts []network.Station) []hazard.CardStation {
	out := []hazard.CardStation{}
	for _, t := range ts {
		out = append(out, hazard.CardStation{ID: t.ID, Kind: t.Kind})
	}
	return out
}
