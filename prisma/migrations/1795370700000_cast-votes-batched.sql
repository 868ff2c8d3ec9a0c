-- Up Migration
--
-- Votes in batches (packages/db vote-writer.ts): the votes an API process receives in one turn of
-- its event loop are written by one statement, in one transaction. On this hardware a round trip
-- to Postgres (the socket write, waking the backend, the commit's WAL flush) costs more than the
-- statements it carries, and under load a turn holds several votes.
--
-- Each vote is what cast_vote did alone: its transaction-scoped advisory lock, the previous dir
-- read under it, the row and its vote.cast event (data.prev set to that dir), or nothing when the
-- dir is unchanged (its prev is then NULL). The votes are taken in the order of their lock keys,
-- arrival order among equal keys, so two batches never wait on each other in a cycle and a user's
-- two votes on one thing in a batch apply in the order they came. Returns each vote's prev in the
-- order given.
CREATE FUNCTION cast_votes(
  p_things bigint[], p_users bigint[], p_kinds smallint[], p_dirs smallint[], p_ats timestamptz[],
  p_event_ids uuid[], p_topics text[], p_keys text[], p_payloads jsonb[]
) RETURNS smallint[]
LANGUAGE plpgsql AS $$
DECLARE
  prevs smallint[] := array_fill(NULL::smallint, ARRAY[cardinality(p_things)]);
  prev smallint;
  i int;
BEGIN
  FOR i IN
    SELECT o FROM unnest(p_things, p_users) WITH ORDINALITY AS v(thing, voter, o)
    ORDER BY hashtextextended('vote:' || thing || ':' || voter, 0), o
  LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('vote:' || p_things[i] || ':' || p_users[i], 0));
    SELECT dir INTO prev FROM votes WHERE thing_id = p_things[i] AND user_id = p_users[i] FOR UPDATE;
    prev := coalesce(prev, 0);
    CONTINUE WHEN prev = p_dirs[i];
    INSERT INTO votes (thing_id, user_id, kind, dir, updated_at) VALUES (p_things[i], p_users[i], p_kinds[i], p_dirs[i], p_ats[i])
      ON CONFLICT (thing_id, user_id) DO UPDATE SET dir = EXCLUDED.dir, updated_at = EXCLUDED.updated_at;
    INSERT INTO outbox (event_id, topic, key, payload)
      VALUES (p_event_ids[i], p_topics[i], p_keys[i], jsonb_set(p_payloads[i], '{data,prev}', to_jsonb(prev)));
    prevs[i] := prev;
  END LOOP;
  RETURN prevs;
END
$$;

DROP FUNCTION cast_vote(bigint, bigint, smallint, smallint, timestamptz, uuid, text, text, jsonb);

-- Down Migration
DROP FUNCTION cast_votes(bigint[], bigint[], smallint[], smallint[], timestamptz[], uuid[], text[], text[], jsonb[]);

CREATE FUNCTION cast_vote(
  p_thing bigint, p_user bigint, p_kind smallint, p_dir smallint, p_at timestamptz,
  p_event_id uuid, p_topic text, p_key text, p_payload jsonb
) RETURNS smallint
LANGUAGE plpgsql AS $$
DECLARE
  prev smallint;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('vote:' || p_thing || ':' || p_user, 0));
  SELECT dir INTO prev FROM votes WHERE thing_id = p_thing AND user_id = p_user FOR UPDATE;
  prev := coalesce(prev, 0);
  IF prev = p_dir THEN
    RETURN NULL;
  END IF;
  INSERT INTO votes (thing_id, user_id, kind, dir, updated_at) VALUES (p_thing, p_user, p_kind, p_dir, p_at)
    ON CONFLICT (thing_id, user_id) DO UPDATE SET dir = EXCLUDED.dir, updated_at = EXCLUDED.updated_at;
  INSERT INTO outbox (event_id, topic, key, payload)
    VALUES (p_event_id, p_topic, p_key, jsonb_set(p_payload, '{data,prev}', to_jsonb(prev)));
  RETURN prev;
END
$$;
