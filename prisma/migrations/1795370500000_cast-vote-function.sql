-- Up Migration
--
-- A vote in one round trip (packages/db vote-writer.ts). Written from the app it took five
-- (BEGIN, the lock, the previous dir, the write, COMMIT), and on this hardware each round trip
-- costs the API process and Postgres more CPU than the statements themselves. Called as one
-- autocommitted statement, the function runs in that statement's transaction: the advisory lock
-- is held until it commits, as before.
--
-- A user's votes on one thing queue on the transaction-scoped advisory lock (a first vote has no
-- row to lock yet). The previous dir is read under it; the same vote again writes nothing and
-- returns NULL. Otherwise the row (only `dir`: the tally owns counted_dir and the counts) and its
-- vote.cast event, whose data.prev is set here to the dir read under the lock, and the previous
-- dir is returned.
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

-- Down Migration
DROP FUNCTION cast_vote(bigint, bigint, smallint, smallint, timestamptz, uuid, text, text, jsonb);
