-- compare_yoy: year-on-year change of a metric per document, with the stated
-- change and the stated reason beside the computed one. The prior figure is
-- the one the document itself restates (period = 'prior'), else the current
-- figure of the same department's document for the previous year. District
-- roll-ups are left out (they are not departments).
-- The _for_year macro returns its rows unordered (sorting every row before
-- the wrapper sorts again and cuts to LIMIT cost up to half a second on a
-- national feed); the wrapper below orders them.
CREATE OR REPLACE MACRO compare_yoy_for_year(p_metric, p_year, p_stage, p_county, p_code) AS TABLE
WITH v AS MATERIALIZED (SELECT * FROM bf_pick(p_metric, p_year - 1, p_year, p_stage, NULL, p_code)),
cur AS (SELECT * FROM v WHERE fiscal_year = p_year AND period = 'current'
        AND scope <> 'district' AND (p_county IS NULL OR county = p_county)),
stated AS (SELECT * FROM v WHERE fiscal_year = p_year - 1 AND period = 'prior'),
-- the previous year's document of each county, department and scope, the
-- first by doc_id when there are several: only the (rare) keys that repeat
-- go through the ranking, the rest through an anti join, so the join below
-- finds at most one and needs no window over every row
prev AS (SELECT coalesce(county, '') AS county_key, department_canonical, scope, doc_id, num, source_url, quote
         FROM v WHERE fiscal_year = p_year - 1 AND period = 'current'),
twice AS (SELECT county_key, department_canonical, scope FROM prev GROUP BY ALL HAVING count(*) > 1),
prev1 AS (
    SELECT * FROM prev ANTI JOIN twice t USING (county_key, department_canonical, scope)
  UNION ALL
    SELECT * FROM prev SEMI JOIN twice t USING (county_key, department_canonical, scope)
    QUALIFY row_number() OVER (PARTITION BY county_key, department_canonical, scope ORDER BY doc_id) = 1
),
j AS (
    SELECT cur.*,
           CASE WHEN s.doc_id IS NOT NULL THEN s.num ELSE p.num END AS prior_num,
           CASE WHEN s.doc_id IS NOT NULL THEN 'stated_in_document'
                WHEN p.doc_id IS NOT NULL THEN 'prior_year_document' END AS prior_basis,
           CASE WHEN s.doc_id IS NOT NULL THEN s.doc_id ELSE p.doc_id END AS prior_doc_id,
           CASE WHEN s.doc_id IS NOT NULL THEN s.source_url ELSE p.source_url END AS prior_source_url,
           CASE WHEN s.doc_id IS NOT NULL THEN s.quote ELSE p.quote END AS prior_quote
    FROM cur
    LEFT JOIN stated s ON s.doc_id = cur.doc_id
    LEFT JOIN prev1 p ON p.county_key = coalesce(cur.county, '')
                     AND p.department_canonical = cur.department_canonical AND p.scope = cur.scope
)
SELECT county, department, department_canonical, department_type, scope, fiscal_year, stage, metric, code,
       num AS current_value, prior_num AS prior_value,
       CAST(num - prior_num AS DECIMAL(38,2)) AS change,
       bf_pct(num - prior_num, prior_num) AS change_pct,
       nullif(change_value, '') AS stated_change_value, change_yuan AS stated_change_yuan,
       nullif(change_pct, '') AS stated_change_pct, nullif(reason, '') AS reason,
       prior_basis, doc_id, source_url, quote, prior_doc_id, prior_source_url, prior_quote
FROM j;

-- compare_yoy: compare_yoy_for_year, for the latest year with data when p_year is NULL.
-- A constant p_year prunes the second branch at plan time, so the year
-- filter reaches the Parquet scan (partition pruning) instead of waiting for
-- a subquery.
CREATE OR REPLACE MACRO compare_yoy(p_metric, p_year := NULL, p_stage := 'budget', p_county := NULL, p_code := NULL) AS TABLE
SELECT * FROM (
    SELECT * FROM compare_yoy_for_year(p_metric, p_year, p_stage, p_county, p_code) WHERE p_year IS NOT NULL
  UNION ALL
    SELECT * FROM compare_yoy_for_year(p_metric, bf_latest_year(p_metric, p_stage), p_stage, p_county, p_code) WHERE p_year IS NULL
)
ORDER BY abs(change) DESC NULLS LAST, county, department_canonical, doc_id;
