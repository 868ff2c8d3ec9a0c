-- Up Migration
--
-- event_source: this database's mark, stamped by its relay on every event it publishes (the Kafka
-- header `event-source`). The topics are shared by every database on a broker (the dev site, test
-- runs, benchmarks); event_origin keeps a new database's consumers from reading what others
-- published before it existed, and this keeps them from handling what others publish after. A
-- consumer skips a message whose header names another database without decoding it: a benchmark's
-- worker used to chew through every other database's votes since its last run, beside the pages it
-- was measuring. One row, created here with the schema, so every process can read it from its start.
-- A database dropped and created again under the same name gets a new mark.
CREATE TABLE event_source (
  id     boolean NOT NULL DEFAULT true,
  source uuid    NOT NULL DEFAULT gen_random_uuid(),
  CONSTRAINT event_source_pkey PRIMARY KEY (id),
  CONSTRAINT event_source_one_row CHECK (id)
);
INSERT INTO event_source DEFAULT VALUES;

-- Down Migration
DROP TABLE event_source;
