-- Helpers shared by the comparison macros. Everything stays exact: money is
-- DECIMAL, ratios are computed on integers (fen, counts) and returned as
-- DECIMAL with two places, rounded half away from zero. DuckDB's "/" on
-- DECIMAL returns DOUBLE, so it is never used on money.

-- bf_round_div(n, d): n / d rounded half away from zero, on integers.
CREATE OR REPLACE MACRO bf_round_div(n, d) AS
    CASE WHEN n IS NULL OR d IS NULL OR d = 0 THEN NULL
         ELSE sign(CAST(n AS HUGEINT)) * sign(CAST(d AS HUGEINT))
              * ((2 * abs(CAST(n AS HUGEINT)) + abs(CAST(d AS HUGEINT))) // (2 * abs(CAST(d AS HUGEINT))))
    END;

-- bf_fen(x): a money DECIMAL (or a count) as a whole number of fen.
CREATE OR REPLACE MACRO bf_fen(x) AS CAST(CAST(x AS DECIMAL(38,2)) * 100 AS HUGEINT);

-- bf_pct(a, b): 100 * a / b as DECIMAL(18,2), exact to the cent of a percent.
CREATE OR REPLACE MACRO bf_pct(a, b) AS
    CAST(CAST(bf_round_div(bf_fen(a) * 10000, bf_fen(b)) AS DECIMAL(38,0)) * 0.01 AS DECIMAL(18,2));

-- bf_per(amount, n): amount / n in yuan as DECIMAL(18,2) (rounded to the fen).
CREATE OR REPLACE MACRO bf_per(amount, n) AS
    CAST(CAST(bf_round_div(bf_fen(amount), CAST(n AS HUGEINT)) AS DECIMAL(38,0)) * 0.01 AS DECIMAL(18,2));

-- bf_num(amount, cnt): the comparable number of a fact, money or count.
CREATE OR REPLACE MACRO bf_num(amount, cnt) AS
    coalesce(CAST(amount AS DECIMAL(38,2)), CAST(cnt AS DECIMAL(38,2)));

-- bf_latest_year(metric, stage): the latest fiscal year with a current fact.
CREATE OR REPLACE MACRO bf_latest_year(p_metric, p_stage) AS
    (SELECT max(fiscal_year) FROM facts WHERE metric = p_metric AND stage = p_stage AND period = 'current');

-- bf_pick: one row per document, stage, period and fiscal year stating
-- p_metric with the code p_code, in the fiscal years p_lo..p_hi, of stage p_stage and period
-- p_period (NULL: every stage or period); text quotes are preferred over
-- table cells when a document states a figure twice. Joined to the document
-- for region, department and URL. A comparison reads the facts once through
-- bf_pick (materialised) and splits the periods and stages it needs from
-- that one scan: constant metric and years reach the Parquet scan, so only
-- the year partitions asked for are read, and the documents are joined
-- after the facts are filtered and de-duplicated.
CREATE OR REPLACE MACRO bf_pick(p_metric, p_lo, p_hi, p_stage, p_period, p_code) AS TABLE
WITH f AS MATERIALIZED (
    SELECT doc_id, fiscal_year, coalesce(stage, '') AS stage, metric, coalesce(period, '') AS period,
           coalesce(code, '') AS code, name,
           value, unit, amount_yuan, count, share_pct, change_value, change_yuan, change_pct,
           execution_pct, reason, quote, location, source_url, method, start
    FROM facts
    WHERE metric = p_metric AND fiscal_year BETWEEN p_lo AND p_hi
      AND (p_stage IS NULL OR stage = p_stage) AND (p_period IS NULL OR period = p_period)
      AND coalesce(code, '') = coalesce(p_code, '')
),
-- Only the (rare) figures a document states twice go through the window,
-- which sorts every row it sees by its strings (0.5-1 s per 100 000 rows).
twice AS (SELECT doc_id, fiscal_year, stage, period FROM f GROUP BY ALL HAVING count(*) > 1),
f1 AS (
    SELECT * FROM f ANTI JOIN twice t
        ON t.doc_id = f.doc_id AND t.fiscal_year = f.fiscal_year AND t.stage = f.stage AND t.period = f.period
  UNION ALL
    SELECT * FROM f SEMI JOIN twice t
        ON t.doc_id = f.doc_id AND t.fiscal_year = f.fiscal_year AND t.stage = f.stage AND t.period = f.period
    QUALIFY row_number() OVER (PARTITION BY f.doc_id, f.fiscal_year, f.stage, f.period
                               ORDER BY (f.method = 'text') DESC, f.start, f.location, f.quote) = 1
)
SELECT f.doc_id, f.fiscal_year, f.stage, f.metric, f.period, f.code, f.name,
       f.value, f.unit, CAST(f.amount_yuan AS DECIMAL(38,2)) AS amount_yuan, f.count,
       bf_num(f.amount_yuan, f.count) AS num,
       f.share_pct, f.change_value, f.change_yuan, f.change_pct, f.execution_pct, f.reason,
       f.quote, f.location, coalesce(nullif(f.source_url, ''), d.url) AS source_url,
       d.url AS doc_url, d.province, d.city, d.county, d.region_code,
       d.department, d.department_canonical, d.department_type, d.scope
FROM f1 f JOIN documents d ON d.doc_id = f.doc_id;

-- bf_values: one row per document stating the metric for the year, stage and
-- period (text quotes preferred over table cells when a document states it
-- twice), joined to the document for region, department and URL.
CREATE OR REPLACE MACRO bf_values(p_metric, p_year, p_stage, p_code, p_period) AS TABLE
SELECT * FROM bf_pick(p_metric, p_year, p_year, p_stage, p_period, p_code);
