package duckdb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// Comparison kinds.
const (
	KindRanking     = "ranking"
	KindComposition = "composition"
	KindPerStaff    = "per_staff"
	KindYoY         = "yoy"
	KindExecution   = "execution"
	KindPeers       = "peers"
	KindSplit       = "split"
)

// Kinds lists the comparison kinds in documentation order.
var Kinds = []string{KindRanking, KindComposition, KindPerStaff, KindYoY, KindExecution, KindPeers, KindSplit}

// MacroOf names the SQL table macro behind each comparison kind.
var MacroOf = map[string]string{
	KindRanking:     "compare_ranking",
	KindComposition: "compare_composition",
	KindPerStaff:    "compare_per_staff",
	KindYoY:         "compare_yoy",
	KindExecution:   "compare_execution",
	KindPeers:       "compare_peers",
	KindSplit:       "compare_split",
}

// CompareRequest selects one comparison.
type CompareRequest struct {
	// Metric is a metric name from schemas.Metrics. A class may be named with
	// its code: "function_class:206". For composition it is the scheme
	// ("function" or "economic"; function_class / economic_class also work).
	Metric string
	Year   int32  // 0: the latest year with data
	By     string // ranking only: department (default) | department_type | district
	Stage  string // budget (default) | final_account | adjusted_budget; execution ignores it
	County string // restrict to one district or county
	Limit  int    // 0: no limit
	Kind   string // ranking (default) | composition | per_staff | yoy | execution | peers | split
	// Per is the head count metric of per_staff (default staff_in_post,
	// authorized_posts for personnel_expenditure). Type restricts peers to
	// one department type. Level is the class level of composition (1 类).
	Per   string
	Type  string
	Level int
}

// Compare runs one comparison through its SQL macro.
func (q *Querier) Compare(ctx context.Context, req CompareRequest) (*Result, error) {
	if req.Year == 0 {
		// Resolve "latest" here so the macro gets a constant year, which
		// DuckDB pushes into the Parquet scan.
		y, err := q.latestYear(ctx, req)
		if err != nil {
			return nil, err
		}
		req.Year = y
	}
	query, args, err := compareSQL(req)
	if err != nil {
		return nil, err
	}
	r, err := q.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("compare %s %s: %w", req.Kind, req.Metric, err)
	}
	return r, nil
}

// CompareSQL returns the SQL and arguments Compare runs for req, so a user
// can re-run a comparison with budgetfeed query.
func CompareSQL(req CompareRequest) (string, []any, error) { return compareSQL(req) }

func compareSQL(req CompareRequest) (string, []any, error) {
	kind := req.Kind
	if kind == "" {
		kind = KindRanking
	}
	macro, ok := MacroOf[kind]
	if !ok {
		return "", nil, fmt.Errorf("compare: unknown kind %q (want one of %s)", req.Kind, strings.Join(Kinds, ", "))
	}
	metric, code, _ := strings.Cut(req.Metric, ":")
	stage := req.Stage
	if stage == "" {
		stage = schemas.StageBudget
	}
	switch stage {
	case schemas.StageBudget, schemas.StageFinalAccount, schemas.StageAdjustedBudget:
	default:
		return "", nil, fmt.Errorf("compare: unknown stage %q", req.Stage)
	}
	if req.By != "" && req.By != "department" && kind != KindRanking {
		return "", nil, fmt.Errorf("compare: --by %s applies to rankings only (peers compare department types)", req.By)
	}
	if req.Limit < 0 {
		return "", nil, fmt.Errorf("compare: negative limit %d", req.Limit)
	}
	var pos []any
	var named []string
	var args []any
	add := func(name string, v any) {
		typ := "VARCHAR"
		if _, ok := v.(string); !ok {
			typ = "INTEGER"
		}
		named = append(named, name+" := CAST(? AS "+typ+")")
		args = append(args, v)
	}
	if req.Year != 0 {
		add("p_year", req.Year)
	}
	if req.County != "" {
		add("p_county", req.County)
	}
	checkMetric := func(kinds ...schemas.MetricKind) error {
		m, ok := schemas.LookupMetric(metric)
		if !ok {
			return fmt.Errorf("compare: unknown metric %q", metric)
		}
		for _, k := range kinds {
			if m.Kind == k {
				return nil
			}
		}
		return fmt.Errorf("compare %s: metric %s is %s, want %v", kind, metric, m.Kind, kinds)
	}
	switch kind {
	case KindRanking, KindYoY, KindPeers, KindExecution:
		if err := checkMetric(schemas.MetricMoney, schemas.MetricCount); err != nil {
			return "", nil, err
		}
		pos = append(pos, metric)
		if code != "" {
			add("p_code", code)
		}
		if kind != KindExecution {
			add("p_stage", stage)
		}
		if kind == KindRanking {
			by := req.By
			if by == "" {
				by = "department"
			}
			switch by {
			case "department", "department_type", "district":
			default:
				return "", nil, fmt.Errorf("compare: unknown --by %q (want department, department_type or district)", req.By)
			}
			add("p_by", by)
		}
		if kind == KindPeers && req.Type != "" {
			add("p_type", req.Type)
		}
		if kind == KindPeers && req.County != "" {
			return "", nil, fmt.Errorf("compare peers: peers span districts; --county does not apply")
		}
	case KindSplit:
		if metric != "" && metric != "basic_project" {
			return "", nil, fmt.Errorf("compare split: metric %q: split compares basic_expenditure and project_expenditure; leave METRIC out or say basic_project", req.Metric)
		}
		add("p_stage", stage)
	case KindComposition:
		scheme := metric
		switch metric {
		case "", "function", "function_class":
			scheme = schemas.SchemeFunction
		case "economic", "economic_class":
			scheme = schemas.SchemeEconomic
		default:
			return "", nil, fmt.Errorf("compare composition: metric %q: want function or economic", req.Metric)
		}
		add("p_scheme", scheme)
		add("p_stage", stage)
		if req.Level != 0 {
			add("p_level", req.Level)
		}
	case KindPerStaff:
		if err := checkMetric(schemas.MetricMoney); err != nil {
			return "", nil, err
		}
		add("p_metric", metric)
		add("p_stage", stage)
		if req.Per != "" {
			m, ok := schemas.LookupMetric(req.Per)
			if !ok || m.Kind != schemas.MetricCount {
				return "", nil, fmt.Errorf("compare per_staff: --per %q is not a count metric", req.Per)
			}
			add("p_per", req.Per)
		}
	}
	var callArgs []string
	for range pos {
		callArgs = append(callArgs, "CAST(? AS VARCHAR)")
	}
	callArgs = append(callArgs, named...)
	query := fmt.Sprintf("SELECT * FROM %s(%s)", macro, strings.Join(callArgs, ", "))
	if req.Limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", req.Limit)
	}
	return query, append(pos, args...), nil
}

// latestYear returns the latest fiscal year with a current figure of the
// request's metric at its stage, 0 when there is none (the macro then picks
// the year itself and returns no rows).
func (q *Querier) latestYear(ctx context.Context, req CompareRequest) (int32, error) {
	metric, _, _ := strings.Cut(req.Metric, ":")
	stage := req.Stage
	if stage == "" {
		stage = schemas.StageBudget
	}
	switch req.Kind {
	case KindExecution:
		stage = schemas.StageFinalAccount
	case KindSplit:
		metric = "basic_expenditure"
	case KindComposition:
		metric = "function_class"
		if strings.HasPrefix(req.Metric, "economic") {
			metric = "economic_class"
		}
	}
	key := metric + "\x00" + stage
	q.mu.Lock()
	y, ok := q.years[key]
	q.mu.Unlock()
	if ok {
		return y, nil
	}
	var n sql.NullInt64
	if err := q.db.QueryRowContext(ctx, "SELECT bf_latest_year(CAST(? AS VARCHAR), CAST(? AS VARCHAR))", metric, stage).Scan(&n); err != nil {
		return 0, fmt.Errorf("compare %s %s: latest year: %w", req.Kind, req.Metric, err)
	}
	q.mu.Lock()
	if q.years == nil {
		q.years = map[string]int32{}
	}
	q.years[key] = int32(n.Int64)
	q.mu.Unlock()
	return int32(n.Int64), nil
}
