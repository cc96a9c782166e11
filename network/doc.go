// Package network is the gas network as a network: the graph of in-service
// pipes joined where their ends meet, split by the valves that sit on them
// and joined through the stations that feed them; the checks a GIS team
// cleans its data with (dangles, islands without a source, pressure class
// changes without a regulator, valves off the pipes); and the isolation
// trace an emergency crew runs (应急关阀): the valves to close around a
// point of the network, the pipes they isolate and the customers that lose
// gas.
//
// The package is pure: it works on plain records with coordinates in the
// metric working CRS (data/network reads them from PostGIS). Build makes a
// Graph once; Isolate and Check read it and may run concurrently.
package network
