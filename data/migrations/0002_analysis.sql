-- Analysis runs. Each run writes its segments into its own partition of
-- segments; one transaction attaches it and makes the run current, so
-- readers see the old run until then and a failed run changes nothing.
CREATE TABLE analysis_runs (
    id          bigserial PRIMARY KEY,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    as_of       date NOT NULL,
    config      jsonb NOT NULL,
    status      text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
    duration_ms bigint,
    phases      jsonb,
    counts      jsonb,
    error       text
);

CREATE TABLE current_run (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    run_id    bigint NOT NULL REFERENCES analysis_runs (id)
);

CREATE SEQUENCE segment_ids;

CREATE TABLE segments (
    run_id              bigint NOT NULL,
    segment_id          bigint NOT NULL,
    pipe_gid            bigint NOT NULL,
    pipe_id             text NOT NULL,
    part                int NOT NULL,
    f0                  double precision NOT NULL,
    f1                  double precision NOT NULL,
    length_m            double precision NOT NULL,
    material            text NOT NULL,
    pressure_class      text NOT NULL,
    diameter_mm         double precision,
    install_year        int,
    district            text,
    grade               text NOT NULL,
    score               double precision NOT NULL,
    lof                 double precision NOT NULL,
    cof                 double precision NOT NULL,
    occupied            boolean NOT NULL,
    clearance_violation boolean NOT NULL,
    sewer_crossing      boolean NOT NULL,
    aged                boolean NOT NULL,
    third_party         boolean NOT NULL,
    findings            text[] NOT NULL,
    factors             jsonb NOT NULL,
    geom                geometry NOT NULL,
    geom_3857           geometry(Geometry, 3857) NOT NULL
) PARTITION BY LIST (run_id);

-- Third-party construction activity near the network (the permit API
-- records its permits here); active ones raise likelihood.
CREATE TABLE works (
    gid        bigserial PRIMARY KEY,
    id         text NOT NULL UNIQUE,
    kind       text NOT NULL,
    starts_on  date NOT NULL,
    ends_on    date NOT NULL,
    geom       geometry NOT NULL,
    geom_3857  geometry(Geometry, 3857) NOT NULL
);
CREATE INDEX works_geom ON works USING gist (geom);

-- Station findings per run.
CREATE TABLE station_findings (
    run_id     bigint NOT NULL REFERENCES analysis_runs (id) ON DELETE CASCADE,
    station_gid bigint NOT NULL,
    kind       text NOT NULL,
    detail     text NOT NULL,
    ref_layer  text,
    ref_id     text,
    distance_m double precision
);
CREATE INDEX station_findings_run ON station_findings (run_id);

-- Parts of a line inside an area, as fractions of the line's length.
CREATE FUNCTION gasrisk_intervals(line geometry, area geometry)
RETURNS TABLE (f0 double precision, f1 double precision)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT least(a, b), greatest(a, b) FROM (
        SELECT ST_LineLocatePoint(line, ST_StartPoint(d.geom)) AS a,
               ST_LineLocatePoint(line, ST_EndPoint(d.geom)) AS b
        FROM ST_Dump(ST_Intersection(line, area)) d
        WHERE GeometryType(d.geom) = 'LINESTRING') s
$$;
