-- Households a renewal job serves (docs/risk-model.md §11 "Households"):
-- the meters of the residential customers its pipes feed, counted when the
-- plan is made. NULL: not counted (jobs of plans made before this column).
ALTER TABLE renewal_jobs
    ADD COLUMN households int CHECK (households >= 0);
