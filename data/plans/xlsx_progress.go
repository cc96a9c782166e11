package plans

import (
	"sort"
	"strconv"

	"github.com/xuri/excelize/v2"

	"gasrisk/hazard"
	"gasrisk/renewal"
)

// writeProgress adds the sheet of progress by year and by district, the
// measures the renewal reports give: jobs, km and households planned and
// done, and the overdue jobs (Progress's tallies of the jobs).
func writeProgress(f *excelize.File, plan string, jobs []JobProgress, lang string) error {
	sheet := hazard.Text{ZH: "进展汇总", EN: "Progress"}.In(lang)
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	all, years, districts := newTally(), map[int]*Tally{}, map[string]*Tally{}
	for _, j := range jobs {
		if years[j.Year] == nil {
			t := newTally()
			years[j.Year] = &t
		}
		if districts[j.District] == nil {
			t := newTally()
			districts[j.District] = &t
		}
		for _, t := range []*Tally{&all, years[j.Year], districts[j.District]} {
			t.add(j)
		}
	}
	tx := func(zh, en string) string { return hazard.Text{ZH: zh, EN: en}.In(lang) }
	rows := [][]any{{tx("更新改造进展汇总", "Renewal progress") + " — " + plan}, {tx("分组", "By"), tx("年度/区域", "Year / district"),
		tx("项目数", "Jobs"), tx("改造长度（公里）", "Length (km)"), tx("惠及居民户数", "Households"),
		tx("已完工项目数", "Jobs done"), tx("已完工长度（公里）", "Length done (km)"), tx("已完工惠及户数", "Households done"),
		tx("逾期项目数", "Jobs overdue")}}
	row := func(by, label any, t *Tally) []any {
		return []any{by, label, t.Jobs, round1(t.Km*10) / 10, t.Households, t.States[renewal.StateDone], round1(t.KmDone*10) / 10,
			t.HouseholdsDone, t.Overdue}
	}
	ys := make([]int, 0, len(years))
	for y := range years {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	for _, y := range ys {
		rows = append(rows, row(tx("年度", "Year"), strconv.Itoa(y), years[y]))
	}
	ds := make([]string, 0, len(districts))
	for d := range districts {
		ds = append(ds, d)
	}
	sort.Strings(ds)
	for _, d := range ds {
		label := d
		if label == "" {
			label = "—"
		}
		rows = append(rows, row(tx("区域", "District"), label, districts[d]))
	}
	rows = append(rows, row(tx("合计", "Total"), "", &all))
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			return err
		}
	}
	return nil
}
