-- The table the PostgreSQL example reads: three weeks of web requests, one row each.
-- Deterministic (no random()), so the example's numbers are the same everywhere.
--   psql -f docs/examples/postgres/setup.sql
DROP TABLE IF EXISTS web_requests;
CREATE TABLE web_requests (
  at      timestamptz NOT NULL,   -- when the request came in
  section text        NOT NULL,   -- first segment of the path
  status  text        NOT NULL,   -- status class: 2xx, 3xx, 4xx, 5xx
  bytes   bigint                  -- bytes sent; NULL when the log had "-"
);
INSERT INTO web_requests
SELECT timestamptz '2026-10-05 00:00:00+00' + i * interval '37 minutes',
       (ARRAY['docs', 'blog', 'api', 'download'])[1 + (i * 7 + i / 97) % 4],
       CASE WHEN i % 53 = 0 THEN '5xx' WHEN i % 17 = 0 THEN '4xx' WHEN i % 11 = 0 THEN '3xx' ELSE '2xx' END,
       CASE WHEN i % 13 = 0 THEN NULL ELSE 500 + (i * 7919) % 60000 END
FROM generate_series(0, 816) AS i;   -- 817 requests, 37 minutes apart: 5-25 Oct 2026
