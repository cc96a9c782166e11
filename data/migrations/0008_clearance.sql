-- Attributes the building clearances depend on (docs/risk-model.md §8,
-- docs/data-model.md). Optional: NULL means unknown, and the analysis
-- applies the documented default.
--
-- pipes.wall_mm: nominal wall thickness; the note of GB 50028-2006 table
--   6.3.3-1 allows an SHPA pipe 6.5 m to buildings with a wall ≥ 9.5 mm and
--   3.0 m with ≥ 11.9 mm (§6.4.11 likewise for HP).
-- pipes.protection: agreed protective measures are in place (the note's
--   "采取有效的安全防护措施"); NULL counts as false.
ALTER TABLE pipes
    ADD COLUMN wall_mm    double precision CHECK (wall_mm > 0),
    ADD COLUMN protection boolean;
