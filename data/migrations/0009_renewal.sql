-- Renewal categories of 国办发〔2022〕22号 (docs/risk-model.md §6). A pipe
-- carries what its condition assessment found; NULL is unknown (not
-- assessed): condition (corrosion, leak_history, failed_inspection or
-- good), ductile_unsafe (ductile iron that does not meet the requirements
-- of safe operation) and hazard_uncontrollable (a hazard that, as
-- assessed, control measures cannot make safe). Each segment of a run
-- records its renewal category (NULL: none); the run partitions created
-- LIKE segments take the column and its check.
ALTER TABLE pipes
    ADD COLUMN condition text CHECK (condition IN ('corrosion', 'leak_history', 'failed_inspection', 'good')),
    ADD COLUMN ductile_unsafe boolean,
    ADD COLUMN hazard_uncontrollable boolean;

ALTER TABLE segments
    ADD COLUMN renewal_category text
    CHECK (renewal_category IN ('grey_cast_iron', 'ductile_unsafe', 'aged_condition', 'uncontrollable', 'occupied'));
