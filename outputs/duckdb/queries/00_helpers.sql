-- Helpers shared by the comparison macros. Everything stays exact: money is
-- DECIMAL, ratios are computed on integers (fen, counts) and returned as
-- DECIMAL with two places, rounded half away from zero. DuckDB's "/" on
-- DECIMAL returns DOUBLE, so it is never used on money.

-- bf_round_div(n, d): n / d rounded half away from zero, on integers.
-- HUGEINT: exact at any size, but DuckDB's HUGEINT division costs about
-- 10 µs a row (1 s per 100 000 percentages), so bf_pct and bf_per take the
-- BIGINT path below whenever the operands are small enough for it.
CREATE OR REPLACE MACRO bf_round_div(n, d) AS
    CASE WHEN n IS NULL OR d IS NULL OR d = 0 THEN NULL
         ELSE sign(CAST(n AS HUGEINT)) * sign(CAST(d AS HUGEINT))
              * ((2 * abs(CAST(n AS HUGEINT)) + abs(CAST(d AS HUGEINT))) // (2 * abs(CAST(d AS HUGEINT))))
    END;

-- bf_round_div64(n, d): bf_round_div on BIGINT, exact while 2|n| + |d|
-- stays below 2^63 (callers check the size first).
CREATE OR REPLACE MACRO bf_round_div64(n, d) AS
    CASE WHEN n IS NULL OR d IS NULL OR d = 0 THEN NULL
         ELSE sign(CAST(n AS BIGINT)) * sign(CAST(d AS BIGINT))
              * ((2 * abs(CAST(n AS BIGINT)) + abs(CAST(d AS BIGINT))) // (2 * abs(CAST(d AS BIGINT))))
    END;

-- bf_fen(x): a money DECIMAL (or a count) as a whole number of fen.
CREATE OR REPLACE MACRO bf_fen(x) AS CAST(CAST(x AS DECIMAL(38,2)) * 100 AS HUGEINT);

-- bf_fen64(x): bf_fen as BIGINT, for |x| < 10^12 (callers check).
CREATE OR REPLACE MACRO bf_fen64(x) AS CAST(CAST(x AS DECIMAL(18,2)) * 100 AS BIGINT);

-- bf_small(x): |x| < 10^12 (yuan, or a count), where the BIGINT path is
-- exact: 10^14 fen × 10 000 (a percentage to the cent) doubled, plus the
-- divisor, stays below 2^63.
CREATE OR REPLACE MACRO bf_small(x) AS abs(x) < 1000000000000;

-- bf_pct(a, b): 100 * a / b as DECIMAL(18,2), exact to the cent of a percent.
CREATE OR REPLACE MACRO bf_pct(a, b) AS
    CASE WHEN a IS NULL OR b IS NULL THEN NULL
         WHEN bf_small(a) AND bf_small(b)
         THEN CAST(CAST(bf_round_div64(bf_fen64(a) * 10000, bf_fen64(b)) AS DECIMAL(38,0)) * 0.01 AS DECIMAL(18,2))
         ELSE CAST(CAST(bf_round_div(bf_fen(a) * 10000, bf_fen(b)) AS DECIMAL(38,0)) * 0.01 AS DECIMAL(18,2))
    END;

-- bf_per(amount, n): amount / n in yuan as DECIMAL(18,2) (rounded to the fen).
CREATE OR REPLACE MACRO bf_per(amount, n) AS
    CASE WHEN amount IS NULL OR n IS NULL THEN NULL
         WHEN bf_small(amount) AND bf_small(n)
         THEN CAST(CAST(bf_round_div64(bf_fen64(amount), CAST(n AS BIGINT)) AS DECIMAL(38,0)) * 0.01 AS DECIMAL(18,2))
         ELSE CAST(CAST(bf_round_div(bf_fen(amount), CAST(n AS HUGEINT)) AS DECIMAL(38,0)) * 0.01 AS DECIMAL(18,2))
    END;

-- bf_num(amount, cnt): the comparable number of a fact, money or count.
CREATE OR REPLACE MACRO bf_num(amount, cnt) AS
    coalesce(CAST(amount AS DECIMAL(38,2)), CAST(cnt AS DECIMAL(38,2)));

-- bf_latest_year(metric, stage): the latest fiscal year with a current fact.
CREATE OR REPLACE MACRO bf_latest_year(p_metric, p_stage) AS
    (SELECT max(fiscal_year) FROM facts WHERE metric = p_metric AND stage = p_stage AND period = 'current');

-- bf_pick: one row per document, stage, period and fiscal year stating
-- p_metric with the code p_code, in the fiscal years p_lo..p_hi, of stage
-- p_stage and period p_period (NULL: every stage or period). When a document
-- states a figure more than once, the feed marks the one to use
-- (facts.preferred: text before table, class figures table before text), so
-- nothing is ranked here; fund-source breakdown cells (scheme fund_source)
-- are parts of a figure, never the figure. Facts carry their document's
-- county, department, type and scope, so nothing is joined either: a
-- comparison reads the facts once through bf_pick (materialised where it is
-- used twice) and splits the periods and stages it needs from that one scan.
-- Constant metric and years reach the Parquet scan, so only the year
-- partitions (and, with one-metric row groups, the row groups) asked for are
-- read.
CREATE OR REPLACE MACRO bf_pick(p_metric, p_lo, p_hi, p_stage, p_period, p_code) AS TABLE
SELECT doc_id, fiscal_year, coalesce(stage, '') AS stage, metric, coalesce(period, '') AS period,
       coalesce(code, '') AS code, name,
       value, unit, CAST(amount_yuan AS DECIMAL(38,2)) AS amount_yuan, count,
       bf_num(amount_yuan, count) AS num,
       share_pct, change_value, change_yuan, change_pct, execution_pct, reason,
       quote, location, source_url,
       county, department, department_canonical, department_type, scope
FROM facts
WHERE metric = p_metric AND fiscal_year BETWEEN p_lo AND p_hi AND preferred = 1
  AND (p_stage IS NULL OR stage = p_stage) AND (p_period IS NULL OR period = p_period)
  AND coalesce(code, '') = coalesce(p_code, '')
  AND scheme IS DISTINCT FROM 'fund_source';

-- bf_values: one row per document stating the metric for the year, stage and
-- period (the preferred figure when a document states it twice), with its
-- document's region, department and URL.
CREATE OR REPLACE MACRO bf_values(p_metric, p_year, p_stage, p_code, p_period) AS TABLE
SELECT * FROM bf_pick(p_metric, p_year, p_year, p_stage, p_period, p_code);
