-- Hazard codes past YH-999999: lpad() cuts a longer string to the given
-- width, so 0004's code made hazard 1000000 'YH-100000', a duplicate of
-- hazard 100000 (the unique index then refused the run). Codes keep six
-- digits at least and grow beyond. PostgreSQL 15 cannot change a
-- generated column's expression, so the column is rebuilt (codes of ids
-- below 1,000,000 are unchanged).
ALTER TABLE hazards DROP COLUMN code;
ALTER TABLE hazards ADD COLUMN code text
    GENERATED ALWAYS AS ('YH-' || lpad(id::text, greatest(6, length(id::text)), '0')) STORED;
CREATE UNIQUE INDEX hazards_code ON hazards (code);
