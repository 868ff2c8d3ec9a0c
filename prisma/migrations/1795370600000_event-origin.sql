-- Up Migration
--
-- event_origin: where this database's events begin in Kafka. The topics are shared by every
-- database on a broker (the dev site, test runs, benchmarks), so a new database's consumer groups
-- must not read what other databases published before it existed. Its relay records, once and
-- before its first publish, each topic partition's end offset; a consumer group with no committed
-- offset (or one left from an earlier database of the same name) starts there. One row at most;
-- recorded again when the Kafka cluster is a different one (its id changed: the broker's data was
-- wiped, and the offsets with it).
-- A database that existed before this table has NULL offsets: its origin is unknown and its new
-- consumer groups read the topics from the beginning, as they always did.
CREATE TABLE event_origin (
  id          boolean        NOT NULL DEFAULT true,
  offsets     jsonb,
  kafka_cluster_id text,
  recorded_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT event_origin_pkey PRIMARY KEY (id),
  CONSTRAINT event_origin_one_row CHECK (id)
);
INSERT INTO event_origin (offsets) SELECT NULL WHERE EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM consumer_offsets);

-- Down Migration
DROP TABLE event_origin;
