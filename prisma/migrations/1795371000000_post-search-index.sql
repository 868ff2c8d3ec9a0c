-- Up Migration
--
-- Full-text search over posts (/search, /r/{name}/search): a GIN index on the document the search
-- matches, the title and text under English stemming (packages/listings read/search.ts names the
-- same expression). On the partitioned table it is built on every partition and given to new
-- ones. Built once, on a large database it takes a while (about a minute per million posts here).
CREATE INDEX posts_search_idx ON posts USING gin (to_tsvector('english', title || ' ' || body));

-- Down Migration
DROP INDEX posts_search_idx;
