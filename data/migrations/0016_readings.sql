-- Live detectors (issue 20, docs/data-model.md "Readings and alarms").
-- A key of the new sensor role posts readings; detector alarms may open
-- hazards of their own (source 'detector').
ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN ('permit', 'viewer', 'editor', 'admin', 'sensor'));
ALTER TABLE hazards DROP CONSTRAINT hazards_source_check;
ALTER TABLE hazards ADD CONSTRAINT hazards_source_check CHECK (source IN ('segment', 'station', 'detector'));

-- Readings, partitioned by the day of the reading (UTC): the service
-- creates a day's partition when the first reading of that day arrives
-- and drops the partitions older than the retention period, so it owns
-- the table (like segments and its run partitions). A reading is one
-- value of one detector at one instant; a repeat of it (an MQTT
-- redelivery) is ignored by the primary key.
CREATE TABLE readings (
    sensor_id   text NOT NULL,
    at          timestamptz NOT NULL,
    value       double precision NOT NULL CHECK (value = value AND value NOT IN ('Infinity', '-Infinity')),
    unit        text NOT NULL,
    source      text NOT NULL CHECK (source IN ('http', 'mqtt')),
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sensor_id, at)
) PARTITION BY RANGE (at);
ALTER TABLE readings OWNER TO gasrisk_app;

-- The latest reading of each detector: the map's status and the silence
-- sweep read it instead of the readings.
CREATE TABLE sensor_status (
    sensor_id  text PRIMARY KEY,
    first_at   timestamptz NOT NULL,
    last_at    timestamptz NOT NULL,
    last_value double precision NOT NULL,
    unit       text NOT NULL,
    readings   bigint NOT NULL DEFAULT 0
);
GRANT SELECT, INSERT, UPDATE ON sensor_status TO gasrisk_app;
