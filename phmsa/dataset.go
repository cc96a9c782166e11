package phmsa

import (
	"fmt"
	"path/filepath"
	"sort"

	"gasrisk/riskmodel"
)

// Dataset holds the raw PHMSA records read from one directory.
type Dataset struct {
	// Dir is the directory the files were read from.
	Dir string
	// Annual holds every annual-report row of every year, in file order.
	Annual []AnnualReport
	// Incidents holds every incident report, in file order.
	Incidents []Incident
}

// Load reads every gas_distribution_annual_*.csv and the single
// incident_gas_distribution_*.tsv in dir.
func Load(dir string) (*Dataset, error) {
	annual, err := filepath.Glob(filepath.Join(dir, "gas_distribution_annual_*.csv"))
	if err != nil {
		return nil, err
	}
	if len(annual) == 0 {
		return nil, fmt.Errorf("phmsa: no gas_distribution_annual_*.csv in %s", dir)
	}
	sort.Strings(annual)
	d := &Dataset{Dir: dir}
	for _, p := range annual {
		rows, err := readAnnual(p)
		if err != nil {
			return nil, err
		}
		d.Annual = append(d.Annual, rows...)
	}
	inc, err := filepath.Glob(filepath.Join(dir, "incident_gas_distribution_*.tsv"))
	if err != nil {
		return nil, err
	}
	if len(inc) != 1 {
		return nil, fmt.Errorf("phmsa: want exactly one incident_gas_distribution_*.tsv in %s, found %d", dir, len(inc))
	}
	if d.Incidents, err = readIncidents(inc[0]); err != nil {
		return nil, err
	}
	return d, nil
}

// Years returns the distinct annual-report years, ascending.
func (d *Dataset) Years() []int {
	seen := map[int]bool{}
	var ys []int
	for _, r := range d.Annual {
		if !seen[r.Year] {
			seen[r.Year] = true
			ys = append(ys, r.Year)
		}
	}
	sort.Ints(ys)
	return ys
}

// MainMiles returns miles of main by material summed over all operators for
// one report year.
func (d *Dataset) MainMiles(year int) map[string]float64 {
	out := map[string]float64{}
	for _, r := range d.Annual {
		if r.Year == year {
			for _, m := range riskmodel.Materials() {
				out[m] += r.MainMiles[m]
			}
		}
	}
	return out
}

// MainMilesByDecade returns miles of main by install decade summed over all
// operators for one report year.
func (d *Dataset) MainMilesByDecade(year int) map[string]float64 {
	out := map[string]float64{}
	for _, r := range d.Annual {
		if r.Year == year {
			for _, k := range riskmodel.DecadeKeys() {
				out[k] += r.MainMilesByDecade[k]
			}
		}
	}
	return out
}

// MainIncidents returns the incidents on mains with first <= Year <= last.
func (d *Dataset) MainIncidents(first, last int) []Incident {
	var out []Incident
	for _, i := range d.Incidents {
		if i.OnMain() && i.Year >= first && i.Year <= last {
			out = append(out, i)
		}
	}
	return out
}
