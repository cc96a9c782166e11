-- Issue 17: the network as a network. Valves split the gas pipes where
-- they sit and bound an isolation (应急关阀); customers (用户/表具) are the
-- service points that lose gas when a stretch is isolated. Like every
-- layer they keep the geometry in the working CRS (geom) and EPSG:3857
-- (geom_3857), and belong to the service role, which rebuilds them on
-- import (0011_least_privilege.sql).
CREATE TABLE valves (
    gid            bigserial PRIMARY KEY,
    id             text NOT NULL UNIQUE,
    kind           text NOT NULL CHECK (kind IN ('gate','ball','plug','regulator_inlet')),
    normal_state   text NOT NULL DEFAULT 'open' CHECK (normal_state IN ('open','closed')),
    operable       boolean NOT NULL DEFAULT true,
    last_exercised date,
    pressure_class text CHECK (pressure_class IN ('LP','MPB','MPA','SHPB','SHPA','HPB','HPA')),
    geom           geometry NOT NULL,
    geom_3857      geometry(Geometry, 3857) NOT NULL
);

CREATE TABLE customers (
    gid         bigserial PRIMARY KEY,
    id          text NOT NULL UNIQUE,
    kind        text NOT NULL DEFAULT 'residential' CHECK (kind IN ('residential','commercial','industrial','critical')),
    meters      int NOT NULL DEFAULT 1 CHECK (meters >= 0),
    building_id text,
    geom        geometry NOT NULL,
    geom_3857   geometry(Geometry, 3857) NOT NULL
);

CREATE INDEX valves_geom ON valves USING gist (geom);
CREATE INDEX valves_geom_3857 ON valves USING gist (geom_3857);
CREATE INDEX customers_geom ON customers USING gist (geom);
CREATE INDEX customers_geom_3857 ON customers USING gist (geom_3857);

ALTER TABLE valves OWNER TO gasrisk_app;
ALTER TABLE customers OWNER TO gasrisk_app;
