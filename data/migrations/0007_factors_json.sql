-- A segment's factors are written once by the analysis and read back whole
-- (API, exports, map); nothing queries inside them. As jsonb, COPY parsed
-- and key-sorted ~770 bytes of JSON per segment: about 5 s of CPU a run on
-- a city of a million segments (docs/benchmarks.md). json keeps the text
-- the risk model wrote, checked for syntax only. Rewrites the kept runs.
ALTER TABLE segments ALTER COLUMN factors TYPE json USING factors::json;
