-- Up Migration
--
-- Abuse limits for every rate-limited action (login, register, create community, submit,
-- comment, vote, report) share one table of rate-limiter-flexible's RateLimiterPostgres, keyed
-- "<action>_<account|address>:<key>"; login counts used to have a table of their own.
ALTER TABLE ratelimit.login_attempts RENAME TO actions;
ALTER TABLE ratelimit.actions RENAME CONSTRAINT login_attempts_pkey TO actions_pkey;

-- One open report per user per thing: a second report of the same thing by the same user,
-- while the first awaits a moderator, adds nothing to the queue. Older duplicates go first.
DELETE FROM reports r
 USING reports o
 WHERE r.resolved_at IS NULL AND o.resolved_at IS NULL
   AND r.reporter_id = o.reporter_id AND r.kind = o.kind AND r.thing_id = o.thing_id
   AND r.id > o.id;
CREATE UNIQUE INDEX reports_one_open_per_reporter_idx ON reports (reporter_id, kind, thing_id) WHERE resolved_at IS NULL;

-- Down Migration
DROP INDEX reports_one_open_per_reporter_idx;
ALTER TABLE ratelimit.actions RENAME CONSTRAINT actions_pkey TO login_attempts_pkey;
ALTER TABLE ratelimit.actions RENAME TO login_attempts;
