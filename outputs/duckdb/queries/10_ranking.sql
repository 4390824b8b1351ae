-- compare_ranking: departments ranked by any metric, within one district
-- (p_county) or across districts. p_by = 'department' ranks documents of
-- departments and units; 'department_type' sums departments of one type;
-- 'district' ranks districts by their roll-up document (scope = 'district'),
-- or by the sum of their departments when no roll-up was published. District
-- roll-ups are never ranked with departments.
-- The _for_year macro returns its rows unordered (sorting every row before
-- the wrapper sorts again and cuts to LIMIT cost up to half a second on a
-- national feed); the wrapper below orders them.
CREATE OR REPLACE MACRO compare_ranking_for_year(p_metric, p_year, p_by, p_stage, p_county, p_code) AS TABLE
WITH v AS MATERIALIZED (
    SELECT * FROM bf_values(p_metric, p_year, p_stage, p_code, 'current')
    WHERE p_county IS NULL OR county = p_county
),
rows AS (
    SELECT department_canonical AS group_name, county, department, department_type, scope,
           fiscal_year, stage, metric, code, amount_yuan, count, value, unit,
           1 AS members, 'document' AS basis,
           doc_id, source_url, quote
    FROM v WHERE p_by = 'department' AND scope <> 'district'
  UNION ALL
    SELECT department_type, NULL, NULL, department_type, 'department_type',
           any_value(fiscal_year), any_value(stage), any_value(metric), any_value(code),
           sum(amount_yuan), CAST(sum(count) AS BIGINT), NULL, NULL,
           count(*), 'sum_of_departments',
           -- one ordered list per group, not three ordered string_aggs (each sorted every row again)
           array_to_string(list_transform(list({'d': doc_id, 'u': source_url, 'q': quote} ORDER BY county, department_canonical, doc_id), x -> x.d), ' | '),
           array_to_string(list_transform(list({'d': doc_id, 'u': source_url, 'q': quote} ORDER BY county, department_canonical, doc_id), x -> x.u), ' | '),
           array_to_string(list_transform(list({'d': doc_id, 'u': source_url, 'q': quote} ORDER BY county, department_canonical, doc_id), x -> x.q), ' | ')
    FROM v WHERE p_by = 'department_type' AND scope = 'department' AND coalesce(department_type, '') <> ''
    GROUP BY department_type
  UNION ALL
    SELECT county, county, NULL, NULL, 'district',
           fiscal_year, stage, metric, code, amount_yuan, count, value, unit,
           1, 'district_rollup', doc_id, source_url, quote
    FROM v WHERE p_by = 'district' AND scope = 'district'
    QUALIFY row_number() OVER (PARTITION BY county ORDER BY doc_id) = 1
  UNION ALL
    SELECT county, county, NULL, NULL, 'district',
           any_value(fiscal_year), any_value(stage), any_value(metric), any_value(code),
           sum(amount_yuan), CAST(sum(count) AS BIGINT), NULL, NULL,
           count(*), 'sum_of_departments',
           array_to_string(list_transform(list({'d': doc_id, 'u': source_url, 'q': quote} ORDER BY department_canonical, doc_id), x -> x.d), ' | '),
           array_to_string(list_transform(list({'d': doc_id, 'u': source_url, 'q': quote} ORDER BY department_canonical, doc_id), x -> x.u), ' | '),
           array_to_string(list_transform(list({'d': doc_id, 'u': source_url, 'q': quote} ORDER BY department_canonical, doc_id), x -> x.q), ' | ')
    FROM v WHERE p_by = 'district' AND scope = 'department'
      AND county NOT IN (SELECT county FROM v WHERE scope = 'district')
    GROUP BY county
)
SELECT CAST(rank() OVER (ORDER BY bf_num(amount_yuan, count) DESC NULLS LAST) AS INTEGER) AS rank,
       CASE WHEN p_by = 'department'
            THEN CAST(rank() OVER (PARTITION BY county ORDER BY bf_num(amount_yuan, count) DESC NULLS LAST) AS INTEGER)
       END AS rank_in_county,
       group_name, county, department, department_type, scope, fiscal_year, stage, metric, code,
       CAST(amount_yuan AS DECIMAL(38,2)) AS amount_yuan, CAST(count AS BIGINT) AS count,
       value, unit, CAST(members AS BIGINT) AS members, basis,
       doc_id, source_url, quote
FROM rows;

-- compare_ranking: compare_ranking_for_year, for the latest year with data when p_year is NULL.
-- A constant p_year prunes the second branch at plan time, so the year
-- filter reaches the Parquet scan (partition pruning) instead of waiting for
-- a subquery.
CREATE OR REPLACE MACRO compare_ranking(p_metric, p_year := NULL, p_by := 'department', p_stage := 'budget', p_county := NULL, p_code := NULL) AS TABLE
SELECT * FROM (
    SELECT * FROM compare_ranking_for_year(p_metric, p_year, p_by, p_stage, p_county, p_code) WHERE p_year IS NOT NULL
  UNION ALL
    SELECT * FROM compare_ranking_for_year(p_metric, bf_latest_year(p_metric, p_stage), p_by, p_stage, p_county, p_code) WHERE p_year IS NULL
)
ORDER BY rank, group_name, doc_id;
