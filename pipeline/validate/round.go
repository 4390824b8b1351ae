package validate

import (
	"math"
	"math/big"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/budgetfeed/budgetfeed/schemas"
)

// ulp returns one unit of the last printed digit of f's value, in fen: 100
// yuan for "120.66" 万元, 10000 yuan for "16" 万元. It is 0 when the value
// was printed to the fen or finer (amounts are whole fen) or the unit is not
// a money unit, so such a figure is taken as exact.
func ulp(f *schemas.Fact) int64 { return ulpOf(f.Value, f.Unit) }

// changeUlp is ulp for the stated change, which is printed in f's unit.
func changeUlp(f *schemas.Fact) int64 { return ulpOf(f.ChangeValue, f.Unit) }

func ulpOf(value, unit string) int64 {
	if value == "" {
		return 0
	}
	one, ok := unitOne(unit)
	if !ok {
		return 0
	}
	p := int64(1)
	for range decimals(value) {
		p *= 10
	}
	// Amounts are whole fen: a figure printed to the fen or finer is exact.
	if int64(one)%p != 0 || int64(one)/p <= 1 {
		return 0
	}
	return int64(one) / p
}

// decimals counts the digits printed after the decimal point.
func decimals(s string) int {
	i := strings.LastIndexAny(s, ".．")
	if i < 0 {
		return 0
	}
	n := 0
	for _, r := range s[i:] {
		if (r >= '0' && r <= '9') || (r >= '０' && r <= '９') {
			n++
		}
	}
	return n
}

// within reports whether |diff| is at most half of the summed last-digit
// units: 2·|diff| ≤ Σ ulp.
func within(diff, ulpSum int64) bool {
	if diff < 0 {
		diff = -diff
	}
	return 2*diff <= ulpSum
}

// parsePct parses a stated percentage ("86.74", "-50.29", "86.74%") into an
// exact rational and the half-unit of its last printed digit.
func parsePct(s string) (v, half *big.Rat, ok bool) {
	t := strings.TrimSpace(s)
	t = strings.TrimSuffix(strings.TrimSuffix(t, "%"), "％")
	t = strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．':
			return '.'
		case r == '－' || r == '−':
			return '-'
		case r == ' ' || r == ',':
			return -1
		}
		return r
	}, t)
	if t == "" {
		return nil, nil, false
	}
	v, ok = new(big.Rat).SetString(t)
	if !ok {
		return nil, nil, false
	}
	den := big.NewInt(10)
	den.Exp(den, big.NewInt(int64(decimals(t))), nil)
	half = new(big.Rat).SetFrac(big.NewInt(1), den.Mul(den, big.NewInt(2)))
	return v, half, true
}

// pctRange returns the range of 100·n/d when n and d may each be off by up to
// en and ed fen (half their last printed digit). ok is false when d's range
// reaches zero, where the ratio is undefined.
func pctRange(n, en, d, ed int64) (lo, hi *big.Rat, ok bool) {
	// Work in half-fen so that the half-units stay integers.
	n2, d2 := big.NewInt(2*n), big.NewInt(2*d)
	eN, eD := big.NewInt(en), big.NewInt(ed)
	dLo, dHi := new(big.Int).Sub(d2, eD), new(big.Int).Add(d2, eD)
	if dLo.Sign() != dHi.Sign() || dLo.Sign() == 0 {
		return nil, nil, false
	}
	nLo, nHi := new(big.Int).Sub(n2, eN), new(big.Int).Add(n2, eN)
	hundred := big.NewRat(100, 1)
	for _, nn := range []*big.Int{nLo, nHi} {
		for _, dd := range []*big.Int{dLo, dHi} {
			r := new(big.Rat).SetFrac(nn, dd)
			r.Mul(r, hundred)
			if lo == nil || r.Cmp(lo) < 0 {
				lo = r
			}
			if hi == nil || r.Cmp(hi) > 0 {
				hi = r
			}
		}
	}
	return lo, hi, true
}

// pctFits reports whether the stated percentage (± half its last digit)
// overlaps [lo, hi].
func pctFits(stated, half, lo, hi *big.Rat) bool {
	sLo := new(big.Rat).Sub(stated, half)
	sHi := new(big.Rat).Add(stated, half)
	return sHi.Cmp(lo) >= 0 && sLo.Cmp(hi) <= 0
}

// statedPct is a stated percentage and its half-unit, exact and as float64.
type statedPct struct {
	v, half   *big.Rat
	vF, halfF float64
}

func newStatedPct(v, half *big.Rat) statedPct {
	vF, _ := v.Float64()
	halfF, _ := half.Float64()
	return statedPct{v, half, vF, halfF}
}

// fitsRange is pctRange and pctFits in one: whether the stated percentage
// (± half its last digit) overlaps the range of 100·n/d when n and d may be
// off by en and ed; ok is false when d's range reaches zero. It decides in
// float64 when both comparisons clear their bound by a wide margin (the
// float error is below 1e-15 of the values, the margin 1e-9), and with exact
// rationals otherwise, so its answer is always pctFits's.
func (s statedPct) fitsRange(n, en, d, ed int64) (fits, ok bool) {
	const small = 1 << 50 // so that 2x±e stays below 2^52, where float64 is exact
	if abs(n) < small && abs(d) < small && abs(en) < small && abs(ed) < small {
		n2, d2 := 2*n, 2*d
		dLo, dHi := d2-ed, d2+ed
		if sign(dLo) != sign(dHi) || dLo == 0 {
			return false, false
		}
		nLo, nHi := n2-en, n2+en
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, nn := range [2]int64{nLo, nHi} {
			for _, dd := range [2]int64{dLo, dHi} {
				r := float64(nn) / float64(dd) * 100
				lo, hi = min(lo, r), max(hi, r)
			}
		}
		sLo, sHi := s.vF-s.halfF, s.vF+s.halfF
		a, b := sHi-lo, hi-sLo // fits: a >= 0 and b >= 0
		eps := 1e-9 * max(1, math.Abs(sLo), math.Abs(sHi), math.Abs(lo), math.Abs(hi))
		if math.Abs(a) > eps && math.Abs(b) > eps {
			return a >= 0 && b >= 0, true
		}
	}
	lo, hi, ok := pctRange(n, en, d, ed)
	if !ok {
		return false, false
	}
	return pctFits(s.v, s.half, lo, hi), true
}

func sign(x int64) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}

// pct formats 100·n/d with two decimals, rounded half away from zero.
func pct(n, d int64) string {
	if d == 0 {
		return ""
	}
	r := new(big.Rat).SetFrac(big.NewInt(100*n), big.NewInt(d))
	return r.FloatString(2)
}

// unitOnes caches schemas.ParseMoney("1", unit) by unit: ulp is asked for
// every fact of every combination a sum check tries. Units are few (元, 万元,
// 人 …); the cache stops growing at maxUnitOnes entries.
var (
	unitOnes     sync.Map // unit -> unitOneEntry
	unitOnesSize atomic.Int32
)

const maxUnitOnes = 1024

type unitOneEntry struct {
	one int64
	ok  bool
}

// unitOne is one unit in fen, ok=false when unit is not a money unit.
func unitOne(unit string) (int64, bool) {
	if e, hit := unitOnes.Load(unit); hit {
		v := e.(unitOneEntry)
		return v.one, v.ok
	}
	m, err := schemas.ParseMoney("1", unit)
	e := unitOneEntry{int64(m), err == nil}
	if unitOnesSize.Load() < maxUnitOnes {
		if _, loaded := unitOnes.LoadOrStore(unit, e); !loaded {
			unitOnesSize.Add(1)
		}
	}
	return e.one, e.ok
}
