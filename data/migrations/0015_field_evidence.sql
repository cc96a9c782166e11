-- Field evidence (issue 19): leaks found and repaired, line-patrol
-- observations and cathodic-protection readings. They are layers like the
-- others — imported (all-or-nothing, mapping flags), geometry twice (the
-- working CRS and EPSG:3857) — and field crews add to them through the API
-- and the CLI. The analysis joins them to the segments (the likelihood's
-- evidence, docs/risk-model.md §4).
CREATE TABLE leaks (
    gid           bigserial PRIMARY KEY,
    id            text NOT NULL UNIQUE,
    found_date    date NOT NULL,
    -- GPTC / CJJ 51-2016 practice: 1 hazardous, repair at once; 2 repair
    -- within a set period; 3 non-hazardous, monitor.
    leak_class    int NOT NULL CHECK (leak_class BETWEEN 1 AND 3),
    cause         text NOT NULL CHECK (cause IN ('corrosion','excavation','natural_force','material_joint',
                                                 'equipment','incorrect_operation','other')),
    repaired_date date CHECK (repaired_date >= found_date),
    pipe_id       text,
    geom          geometry NOT NULL,
    geom_3857     geometry(Geometry, 3857) NOT NULL
);

CREATE TABLE patrols (
    gid         bigserial PRIMARY KEY,
    id          text NOT NULL UNIQUE,
    date        date NOT NULL,
    observer    text,
    observation text NOT NULL CHECK (observation IN ('works_without_permit','exposed_pipe','subsidence','odour')),
    geom        geometry NOT NULL,
    geom_3857   geometry(Geometry, 3857) NOT NULL
);

CREATE TABLE cp_readings (
    gid          bigserial PRIMARY KEY,
    id           text NOT NULL UNIQUE,
    date         date NOT NULL,
    potential_mv double precision NOT NULL,
    pass         boolean NOT NULL,
    pipe_id      text,
    geom         geometry NOT NULL,
    geom_3857    geometry(Geometry, 3857) NOT NULL
);

CREATE INDEX leaks_geom ON leaks USING gist (geom);
CREATE INDEX leaks_geom_3857 ON leaks USING gist (geom_3857);
CREATE INDEX patrols_geom ON patrols USING gist (geom);
CREATE INDEX patrols_geom_3857 ON patrols USING gist (geom_3857);
CREATE INDEX cp_readings_geom ON cp_readings USING gist (geom);
CREATE INDEX cp_readings_geom_3857 ON cp_readings USING gist (geom_3857);

-- Like every layer, owned by the service's role: an import with --replace
-- truncates them and rebuilds their indexes (0011_least_privilege.sql).
ALTER TABLE leaks OWNER TO gasrisk_app;
ALTER TABLE patrols OWNER TO gasrisk_app;
ALTER TABLE cp_readings OWNER TO gasrisk_app;
GRANT USAGE ON SEQUENCE leaks_gid_seq, patrols_gid_seq, cp_readings_gid_seq TO gasrisk_app;
