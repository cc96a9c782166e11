-- The rule that set each segment's grade (riskmodel.Config.RuleOf:
-- score_<grade>, or the code of the policy floor that raised it), written
-- by the analysis beside the grade. Exports used to work it out per row
-- from the run's thresholds and the segment's factors, twice a row (code
-- and text): about a quarter of a whole-city GeoJSON export query's time
-- (docs/benchmarks.md "The grade rule stored with the grade"). Runs
-- analysed before this migration keep NULL here; the export works their
-- rule out as before.
ALTER TABLE segments ADD COLUMN grade_rule text;
