-- compare_split: how each department's expenditure splits into 基本支出
-- (basic) and 项目支出 (project), with exact shares of their sum and the
-- shares the document itself prints. Department totals only (code ''), never
-- the per-class breakdown cells of the tables; district roll-ups excluded.
-- The _for_year macro returns its rows unordered (sorting every row before
-- the wrapper sorts again and cuts to LIMIT cost up to half a second on a
-- national feed); the wrapper below orders them.
CREATE OR REPLACE MACRO compare_split_for_year(p_year, p_stage, p_county) AS TABLE
WITH b AS (SELECT * FROM bf_pick('basic_expenditure', p_year, p_year, p_stage, 'current', NULL)),
     p AS (SELECT * FROM bf_pick('project_expenditure', p_year, p_year, p_stage, 'current', NULL)),
-- the shares once per department (HUGEINT arithmetic), then ranked on the result
     j AS MATERIALIZED (
    SELECT b.county, b.department, b.department_canonical, b.department_type, b.fiscal_year, b.stage,
           b.amount_yuan AS basic_yuan, p.amount_yuan AS project_yuan,
           CAST(b.amount_yuan + p.amount_yuan AS DECIMAL(38,2)) AS total_yuan,
           bf_pct(b.amount_yuan, b.amount_yuan + p.amount_yuan) AS basic_share_pct,
           bf_pct(p.amount_yuan, b.amount_yuan + p.amount_yuan) AS project_share_pct,
           nullif(b.share_pct, '') AS stated_basic_share_pct,
           nullif(p.share_pct, '') AS stated_project_share_pct,
           b.doc_id, b.source_url, b.quote, p.source_url AS project_source_url, p.quote AS project_quote
    FROM b JOIN p ON p.doc_id = b.doc_id
    WHERE b.scope <> 'district' AND (p_county IS NULL OR b.county = p_county)
)
SELECT CAST(rank() OVER (ORDER BY basic_share_pct DESC, county, department_canonical) AS INTEGER) AS rank,
       county, department, department_canonical, department_type, fiscal_year, stage,
       basic_yuan, project_yuan, total_yuan, basic_share_pct, project_share_pct,
       stated_basic_share_pct, stated_project_share_pct,
       doc_id, source_url, quote, project_source_url, project_quote
FROM j;

-- compare_split: compare_split_for_year, for the latest year with data when p_year is NULL.
CREATE OR REPLACE MACRO compare_split(p_year := NULL, p_stage := 'budget', p_county := NULL) AS TABLE
SELECT * FROM (
    SELECT * FROM compare_split_for_year(p_year, p_stage, p_county) WHERE p_year IS NOT NULL
  UNION ALL
    SELECT * FROM compare_split_for_year(bf_latest_year('basic_expenditure', p_stage), p_stage, p_county) WHERE p_year IS NULL
)
ORDER BY rank, county, department_canonical, doc_id;
