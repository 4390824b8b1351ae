-- compare_per_staff: a money metric per head, from the same document.
-- Defaults: personnel_expenditure per authorized post (编制); any other metric
-- (three_public_total, operating_expenses ...) per in-post staff (在职人员).
-- Ranked highest first; district roll-ups are never ranked with departments.
CREATE OR REPLACE MACRO compare_per_staff_for_year(p_year, p_metric, p_stage, p_county, p_per) AS TABLE
WITH num AS (SELECT * FROM bf_values(p_metric, p_year, p_stage, NULL, 'current')),
den AS (SELECT * FROM bf_values(coalesce(p_per, CASE WHEN p_metric = 'personnel_expenditure'
                                                   THEN 'authorized_posts' ELSE 'staff_in_post' END),
                                p_year, p_stage, NULL, 'current')),
j AS (
    SELECT num.*, den.metric AS per_metric, den.count AS per_count, den.quote AS per_quote,
           den.source_url AS per_source_url
    FROM num JOIN den ON den.doc_id = num.doc_id
    WHERE num.scope <> 'district' AND (p_county IS NULL OR num.county = p_county)
      AND num.amount_yuan IS NOT NULL AND den.count > 0
)
SELECT CAST(rank() OVER (ORDER BY bf_per(amount_yuan, per_count) DESC) AS INTEGER) AS rank,
       county, department, department_canonical, department_type, scope, fiscal_year, stage,
       metric, amount_yuan, per_metric, per_count,
       bf_per(amount_yuan, per_count) AS yuan_per_head,
       doc_id, source_url, quote, per_quote, per_source_url
FROM j
ORDER BY rank, county, department_canonical, doc_id;

-- compare_per_staff: compare_per_staff_for_year, for the latest year with data when p_year is NULL.
-- A constant p_year prunes the second branch at plan time, so the year
-- filter reaches the Parquet scan (partition pruning) instead of waiting for
-- a subquery.
CREATE OR REPLACE MACRO compare_per_staff(p_metric := 'three_public_total', p_year := NULL, p_stage := 'budget', p_county := NULL, p_per := NULL) AS TABLE
SELECT * FROM (
    SELECT * FROM compare_per_staff_for_year(p_year, p_metric, p_stage, p_county, p_per) WHERE p_year IS NOT NULL
  UNION ALL
    SELECT * FROM compare_per_staff_for_year(bf_latest_year(p_metric, p_stage), p_metric, p_stage, p_county, p_per) WHERE p_year IS NULL
)
ORDER BY rank, county, department_canonical, doc_id;
