-- A pipe laid in a casing (套管) where it passes through sewers, culverts
-- and other trenches (GB 50028-2006 §6.3.8); NULL = unknown.
ALTER TABLE pipes ADD COLUMN casing boolean;
