-- Up Migration
--
-- parked_messages: Kafka messages a consumer could not accept (they failed
-- their schema). Consumers park them here, logged, instead of crashing;
-- ops inspect and replay or drop them.
CREATE TABLE parked_messages (
  id          bigserial   NOT NULL,
  group_id    text        NOT NULL,
  topic       text        NOT NULL,
  partition   integer     NOT NULL,
  msg_offset  bigint      NOT NULL,
  key         text,
  value       text,
  error       text        NOT NULL,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT parked_messages_pkey PRIMARY KEY (id)
);
CREATE UNIQUE INDEX parked_messages_group_id_topic_partition_msg_offset_key ON parked_messages (group_id, topic, partition, msg_offset);

-- A comment is addressed by its fullname (t1_<id>) alone; the primary key
-- leads with post_id (the hash partition key), so id needs its own index.
CREATE INDEX comments_id_idx ON comments (id);

-- Down Migration
DROP INDEX comments_id_idx;
DROP TABLE parked_messages;
