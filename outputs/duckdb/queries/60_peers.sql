-- compare_peers: the same kind of department (documents.department_type, from
-- the shipped taxonomy) across districts. Each department is ranked among its
-- peers and set against their exact mean (rounded to the fen).
-- The _for_year macro returns its rows unordered (sorting every row before
-- the wrapper sorts again and cuts to LIMIT cost up to half a second on a
-- national feed); the wrapper below orders them.
CREATE OR REPLACE MACRO compare_peers_for_year(p_metric, p_year, p_stage, p_type, p_code) AS TABLE
WITH v AS (
    SELECT * FROM bf_values(p_metric, p_year, p_stage, p_code, 'current')
    WHERE scope <> 'district' AND coalesce(department_type, '') <> ''
      AND (p_type IS NULL OR department_type = p_type)
),
g AS (
    SELECT *, count(*) OVER w AS peers, sum(num) OVER w AS peer_sum
    FROM v WINDOW w AS (PARTITION BY department_type)
)
SELECT department_type,
       CAST(rank() OVER (PARTITION BY department_type ORDER BY num DESC) AS INTEGER) AS peer_rank,
       CAST(peers AS BIGINT) AS peers,
       county, department, department_canonical, scope, fiscal_year, stage, metric, code,
       num AS value, unit,
       bf_per(peer_sum, peers) AS peer_mean,
       CAST(num - bf_per(peer_sum, peers) AS DECIMAL(38,2)) AS diff_from_mean,
       bf_pct(num, bf_per(peer_sum, peers)) AS pct_of_mean,
       doc_id, source_url, quote
FROM g;

-- compare_peers: compare_peers_for_year, for the latest year with data when p_year is NULL.
-- A constant p_year prunes the second branch at plan time, so the year
-- filter reaches the Parquet scan (partition pruning) instead of waiting for
-- a subquery.
CREATE OR REPLACE MACRO compare_peers(p_metric, p_year := NULL, p_stage := 'budget', p_type := NULL, p_code := NULL) AS TABLE
SELECT * FROM (
    SELECT * FROM compare_peers_for_year(p_metric, p_year, p_stage, p_type, p_code) WHERE p_year IS NOT NULL
  UNION ALL
    SELECT * FROM compare_peers_for_year(p_metric, bf_latest_year(p_metric, p_stage), p_stage, p_type, p_code) WHERE p_year IS NULL
)
ORDER BY department_type, peer_rank, county, doc_id;
