package network

// Piece is the piece of pipe at spot (between the pipe's ends, valves and
// station links): traces from spots on one piece are the same, so callers
// tracing many spots may trace each piece once. ok is false when the
// pipe is not an in-service pipe of the network.
func (g *Graph) Piece(at Spot) (id int32, ok bool) { return g.pieceAt(at) }
