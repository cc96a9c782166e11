-- Attributes the building clearances and station spacings depend on
-- (docs/risk-model.md §8, docs/data-model.md). All optional: NULL means
-- unknown, and the analysis applies the documented default.
--
-- pipes.wall_mm: nominal wall thickness; the note of GB 50028-2006 table
--   6.3.3-1 allows an SHPA pipe 6.5 m to buildings with a wall ≥ 9.5 mm and
--   3.0 m with ≥ 11.9 mm (§6.4.11 likewise for HP).
-- pipes.protection: agreed protective measures are in place (the note's
--   "采取有效的安全防护措施"); NULL counts as false.
-- stations.setting, inlet_pressure_class: a regulator's setting and inlet
--   pressure select its row of table 6.6.3.
-- stations.lpg_class: the class of a bottled-LPG supply station (§8.6).
ALTER TABLE pipes
    ADD COLUMN wall_mm    double precision CHECK (wall_mm > 0),
    ADD COLUMN protection boolean;

ALTER TABLE stations
    ADD COLUMN setting text CHECK (setting IN ('above_ground','cabinet','underground','underground_box','wall_hung')),
    ADD COLUMN inlet_pressure_class text CHECK (inlet_pressure_class IN ('LP','MPB','MPA','SHPB','SHPA','HPB','HPA')),
    ADD COLUMN lpg_class text CHECK (lpg_class IN ('I','II','III'));
