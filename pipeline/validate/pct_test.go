package validate

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestFitsRangeMatchesExact checks the float64 fast path of fitsRange
// against pctRange and pctFits (exact rationals) on random amounts of every
// magnitude and on percentages placed exactly on, and one digit either side
// of, the edges of the range, where only the exact path can decide.
func TestFitsRangeMatchesExact(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	ulps := []int64{0, 1, 50, 100, 5000, 1_000_000}
	mags := []int64{1, 100, 10_000, 1_000_000, 100_000_000, 10_000_000_000, 1 << 49, 1 << 52}
	checked, exact := 0, 0
	for range 8000 {
		n := r.Int64N(mags[r.IntN(len(mags))]) - r.Int64N(2)*r.Int64N(1000)
		d := r.Int64N(mags[r.IntN(len(mags))]) - r.Int64N(3)
		en, ed := ulps[r.IntN(len(ulps))], ulps[r.IntN(len(ulps))]
		decs := r.IntN(4)
		var stateds []string
		stateds = append(stateds, fmt.Sprintf("%.*f", decs, r.Float64()*200-50))
		if lo, hi, ok := pctRange(n, en, d, ed); ok {
			// The edges themselves, rounded to the printed digits, and one
			// printed unit either side.
			for _, e := range []*big.Rat{lo, hi} {
				unit := new(big.Rat).SetFrac64(1, pow10(decs))
				for _, k := range []int64{-1, 0, 1} {
					v := new(big.Rat).Add(e, new(big.Rat).Mul(unit, big.NewRat(k, 1)))
					stateds = append(stateds, v.FloatString(decs))
				}
			}
		}
		for _, st := range stateds {
			v, half, ok := parsePct(st)
			if !ok {
				t.Fatalf("parsePct(%q) failed", st)
			}
			lo, hi, wantOK := pctRange(n, en, d, ed)
			want := wantOK && pctFits(v, half, lo, hi)
			got, gotOK := newStatedPct(v, half).fitsRange(n, en, d, ed)
			if got != want || gotOK != wantOK {
				t.Fatalf("fitsRange(%s%%, n=%d±%d, d=%d±%d) = %v, %v; exact %v, %v", st, n, en, d, ed, got, gotOK, want, wantOK)
			}
			checked++
			if want {
				exact++
			}
		}
	}
	if checked < 20000 || exact < 500 {
		t.Fatalf("only %d cases (%d fitting): the generator misses the edges", checked, exact)
	}
}

func pow10(k int) int64 {
	p := int64(1)
	for range k {
		p *= 10
	}
	return p
}
