-- compare_composition: what each document's spending is made of, by function
-- class (p_scheme = 'function', 类 at p_level 1) or by economic class
-- (p_scheme = 'economic'). share_pct is the class's exact share of the sum of
-- the classes the document states at that level; stated_share_pct is the
-- share the document prints, if any. Class names are the current names from
-- the code list (renamed classes compare across years).
-- The _for_year macro returns its rows unordered (sorting every row before
-- the wrapper sorts again and cuts to LIMIT cost up to half a second on a
-- national feed); the wrapper below orders them.
CREATE OR REPLACE MACRO compare_composition_for_year(p_year, p_scheme, p_stage, p_county, p_level, p_department) AS TABLE
WITH x AS MATERIALIZED (
    SELECT doc_id, fiscal_year, stage, code, name, CAST(amount_yuan AS DECIMAL(38,2)) AS amount_yuan,
           value, unit, share_pct, quote, source_url,
           county, department, department_canonical, department_type, scope
    FROM facts
    WHERE metric = CASE p_scheme WHEN 'economic' THEN 'economic_class' ELSE 'function_class' END
      AND scheme = p_scheme AND level = p_level AND period = 'current' AND stage = p_stage
      AND amount_yuan IS NOT NULL AND preferred = 1
      AND fiscal_year = p_year
      AND (p_county IS NULL OR county = p_county)
      AND (p_department IS NULL OR department_canonical = p_department OR department = p_department)
),
-- the documents' totals by a hash aggregate, not a second window over every class
t AS (SELECT doc_id, sum(amount_yuan) AS doc_total_yuan FROM x GROUP BY doc_id),
names AS (SELECT scheme, code, any_value(current_name) AS current_name FROM codes GROUP BY scheme, code)
SELECT x.county, x.department, x.department_canonical, x.department_type, x.scope, x.fiscal_year, x.stage,
       p_scheme AS scheme, x.code, coalesce(n.current_name, x.name) AS class_name, x.name AS printed_name,
       x.amount_yuan,
       t.doc_total_yuan,
       bf_pct(x.amount_yuan, t.doc_total_yuan) AS share_pct,
       nullif(x.share_pct, '') AS stated_share_pct,
       x.doc_id, x.source_url, x.quote
FROM x JOIN t ON t.doc_id = x.doc_id
LEFT JOIN names n ON n.scheme = p_scheme AND n.code = x.code;

-- compare_composition: compare_composition_for_year, for the latest year with data when p_year is NULL.
-- A constant p_year prunes the second branch at plan time, so the year
-- filter reaches the Parquet scan (partition pruning) instead of waiting for
-- a subquery.
CREATE OR REPLACE MACRO compare_composition(p_scheme := 'function', p_year := NULL, p_stage := 'budget', p_county := NULL, p_level := 1, p_department := NULL) AS TABLE
SELECT * FROM (
    SELECT * FROM compare_composition_for_year(p_year, p_scheme, p_stage, p_county, p_level, p_department) WHERE p_year IS NOT NULL
  UNION ALL
    SELECT * FROM compare_composition_for_year(bf_latest_year(CASE p_scheme WHEN 'economic' THEN 'economic_class' ELSE 'function_class' END, p_stage), p_scheme, p_stage, p_county, p_level, p_department) WHERE p_year IS NULL
)
ORDER BY county, department_canonical, doc_id, amount_yuan DESC, code;
