-- Sparse GiST indexes on the layers the analysis probes once per pipe part,
-- segment or crossing (buildings, sewers, detectors): about a million
-- probes a run on a city of a million segments. A probe's cost is the
-- index entries it tests, so pages of ~30 entries (fillfactor 10) beat the
-- default build's packed pages of several hundred. PostgreSQL's sorted
-- GiST build ignores fillfactor; buffering = on builds them top-down.
-- Measured on the 1 M-segment bench city (one core): segments × buildings
-- within 10 m 23–26 s → 10.6 s, pipes × buildings within 1.5 m 7.7 → 3.0 s;
-- the buildings index grows from 19 MB to 248 MB. See docs/benchmarks.md.
-- Imports recreate these indexes from their definitions, options included.
DROP INDEX buildings_geom;
CREATE INDEX buildings_geom ON buildings USING gist (geom) WITH (fillfactor = 10, buffering = on);
DROP INDEX sewers_geom;
CREATE INDEX sewers_geom ON sewers USING gist (geom) WITH (fillfactor = 10, buffering = on);
DROP INDEX detectors_geom;
CREATE INDEX detectors_geom ON detectors USING gist (geom) WITH (fillfactor = 10, buffering = on);
