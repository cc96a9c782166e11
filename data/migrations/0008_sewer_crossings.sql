-- A pipe laid in a casing (套管) where it passes through sewers, culverts
-- and other trenches (GB 50028-2006 §6.3.8); NULL = unknown.
ALTER TABLE pipes ADD COLUMN casing boolean;
-- A station with an automatic cut-off and relief that keeps the system
-- pressure within its limits (超压切断/放散); NULL = unknown.
ALTER TABLE stations ADD COLUMN overpressure_protection boolean;
