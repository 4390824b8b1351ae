-- compare_execution: execution rate, the final account (决算) as a percent
-- of the budget (预算) for the same department and year. The budget is the
-- department's own budget document for the year; when that is missing, the
-- 年初预算 the final account restates (period = 'initial_budget').
-- stated_execution_pct is the 完成率 the final account prints, if any.
-- District roll-ups are left out: they are not departments.
-- The _for_year macro returns its rows unordered (sorting every row before
-- the wrapper sorts again and cuts to LIMIT cost up to half a second on a
-- national feed); the wrapper below orders them.
CREATE OR REPLACE MACRO compare_execution_for_year(p_year, p_metric, p_county, p_code) AS TABLE
WITH v AS MATERIALIZED (
    SELECT * FROM bf_pick(p_metric, p_year, p_year, NULL, NULL, p_code)
    WHERE (stage = 'final_account' AND period IN ('current', 'initial_budget')) OR (stage = 'budget' AND period = 'current')
),
fa AS (SELECT * FROM v WHERE stage = 'final_account' AND period = 'current'
       AND scope <> 'district' AND (p_county IS NULL OR county = p_county)),
ib AS (SELECT * FROM v WHERE stage = 'final_account' AND period = 'initial_budget'),
-- the budget document of each county, department and scope, the first by
-- doc_id when there are several: only the (rare) keys that repeat go
-- through the ranking, the rest through an anti join, so the join below
-- finds at most one budget and needs no window over every row
bd AS (SELECT coalesce(county, '') AS county_key, department_canonical, scope, doc_id, num, source_url, quote
       FROM v WHERE stage = 'budget' AND period = 'current'),
twice AS (SELECT county_key, department_canonical, scope FROM bd GROUP BY ALL HAVING count(*) > 1),
bd1 AS (
    SELECT * FROM bd ANTI JOIN twice t USING (county_key, department_canonical, scope)
  UNION ALL
    SELECT * FROM bd SEMI JOIN twice t USING (county_key, department_canonical, scope)
    QUALIFY row_number() OVER (PARTITION BY county_key, department_canonical, scope ORDER BY doc_id) = 1
),
j AS (
    SELECT fa.*,
           coalesce(b.num, i.num) AS budget_value,
           CASE WHEN b.doc_id IS NOT NULL THEN 'budget_document'
                WHEN i.doc_id IS NOT NULL THEN 'initial_budget_stated' END AS budget_basis,
           CASE WHEN b.doc_id IS NOT NULL THEN b.doc_id ELSE i.doc_id END AS budget_doc_id,
           CASE WHEN b.doc_id IS NOT NULL THEN b.source_url ELSE i.source_url END AS budget_source_url,
           CASE WHEN b.doc_id IS NOT NULL THEN b.quote ELSE i.quote END AS budget_quote
    FROM fa
    LEFT JOIN ib i ON i.doc_id = fa.doc_id
    LEFT JOIN bd1 b ON b.county_key = coalesce(fa.county, '')
                   AND b.department_canonical = fa.department_canonical AND b.scope = fa.scope
)
SELECT county, department, department_canonical, department_type, scope, fiscal_year, metric, code,
       num AS final_value, budget_value,
       CAST(num - budget_value AS DECIMAL(38,2)) AS difference,
       bf_pct(num, budget_value) AS execution_pct,
       nullif(execution_pct, '') AS stated_execution_pct,
       budget_basis, doc_id, source_url, quote, budget_doc_id, budget_source_url, budget_quote
FROM j;

-- compare_execution: compare_execution_for_year, for the latest year with data when p_year is NULL.
-- A constant p_year prunes the second branch at plan time, so the year
-- filter reaches the Parquet scan (partition pruning) instead of waiting for
-- a subquery.
CREATE OR REPLACE MACRO compare_execution(p_metric := 'total_expenditure', p_year := NULL, p_county := NULL, p_code := NULL) AS TABLE
SELECT * FROM (
    SELECT * FROM compare_execution_for_year(p_year, p_metric, p_county, p_code) WHERE p_year IS NOT NULL
  UNION ALL
    SELECT * FROM compare_execution_for_year(bf_latest_year(p_metric, 'final_account'), p_metric, p_county, p_code) WHERE p_year IS NULL
)
ORDER BY execution_pct DESC NULLS LAST, county, department_canonical, doc_id;
