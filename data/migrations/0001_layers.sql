-- The six layers of DESIGN.md §2 plus leak detectors. Every layer keeps its
-- geometry twice: geom in the metric working CRS (settings.working_srid) for
-- distance work, geom_3857 for tiles. gid is the integer feature id.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE settings (
    key   text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE districts (
    gid       bigserial PRIMARY KEY,
    id        text NOT NULL UNIQUE,
    name      text,
    geom      geometry NOT NULL,
    geom_3857 geometry(Geometry, 3857) NOT NULL
);

CREATE TABLE pipes (
    gid            bigserial PRIMARY KEY,
    id             text NOT NULL UNIQUE,
    material       text NOT NULL CHECK (material IN ('cast_iron','ductile_iron','steel','pe','copper','other','unknown')),
    diameter_mm    double precision CHECK (diameter_mm > 0),
    pressure_class text NOT NULL CHECK (pressure_class IN ('LP','MPB','MPA','SHPB','SHPA','HPB','HPA')),
    pressure_mpa   double precision CHECK (pressure_mpa >= 0),
    install_year   int,
    depth_m        double precision CHECK (depth_m >= 0),
    district       text,
    status         text NOT NULL DEFAULT 'in_service' CHECK (status IN ('in_service','abandoned')),
    geom           geometry NOT NULL,
    geom_3857      geometry(Geometry, 3857) NOT NULL
);

CREATE TABLE stations (
    gid          bigserial PRIMARY KEY,
    id           text NOT NULL UNIQUE,
    kind         text NOT NULL CHECK (kind IN ('city_gate','storage','regulator','regulator_box','cng','lng','lpg')),
    install_year int,
    name         text,
    geom         geometry NOT NULL,
    geom_3857    geometry(Geometry, 3857) NOT NULL
);

CREATE TABLE buildings (
    gid       bigserial PRIMARY KEY,
    id        text NOT NULL UNIQUE,
    use       text NOT NULL CHECK (use IN ('residential','commercial','school','hospital','nursing_home','mall','market','other')),
    floors    int CHECK (floors > 0),
    geom      geometry NOT NULL,
    geom_3857 geometry(Geometry, 3857) NOT NULL
);

CREATE TABLE sewers (
    gid         bigserial PRIMARY KEY,
    id          text NOT NULL UNIQUE,
    kind        text NOT NULL CHECK (kind IN ('sanitary','storm','combined','culvert','water')),
    diameter_mm double precision CHECK (diameter_mm > 0),
    depth_m     double precision CHECK (depth_m >= 0),
    geom        geometry NOT NULL,
    geom_3857   geometry(Geometry, 3857) NOT NULL
);

CREATE TABLE places (
    gid       bigserial PRIMARY KEY,
    id        text NOT NULL UNIQUE,
    kind      text NOT NULL,
    name      text,
    capacity  int CHECK (capacity >= 0),
    geom      geometry NOT NULL,
    geom_3857 geometry(Geometry, 3857) NOT NULL
);

CREATE TABLE detectors (
    gid          bigserial PRIMARY KEY,
    id           text NOT NULL UNIQUE,
    kind         text NOT NULL DEFAULT 'leak_detector',
    install_year int,
    geom         geometry NOT NULL,
    geom_3857    geometry(Geometry, 3857) NOT NULL
);

CREATE INDEX districts_geom ON districts USING gist (geom);
CREATE INDEX districts_geom_3857 ON districts USING gist (geom_3857);
CREATE INDEX pipes_geom ON pipes USING gist (geom);
CREATE INDEX pipes_geom_3857 ON pipes USING gist (geom_3857);
CREATE INDEX stations_geom ON stations USING gist (geom);
CREATE INDEX stations_geom_3857 ON stations USING gist (geom_3857);
CREATE INDEX buildings_geom ON buildings USING gist (geom);
CREATE INDEX buildings_geom_3857 ON buildings USING gist (geom_3857);
CREATE INDEX sewers_geom ON sewers USING gist (geom);
CREATE INDEX sewers_geom_3857 ON sewers USING gist (geom_3857);
CREATE INDEX places_geom ON places USING gist (geom);
CREATE INDEX places_geom_3857 ON places USING gist (geom_3857);
CREATE INDEX detectors_geom ON detectors USING gist (geom);
CREATE INDEX detectors_geom_3857 ON detectors USING gist (geom_3857);

-- One row per import, for audit and for tile invalidation.
CREATE TABLE imports (
    id          bigserial PRIMARY KEY,
    layer       text NOT NULL,
    source      text NOT NULL,
    features    int NOT NULL,
    rejected    int NOT NULL DEFAULT 0,
    replaced    boolean NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now()
);
