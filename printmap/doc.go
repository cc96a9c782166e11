// Package printmap draws the printable risk distribution map (安全风险分布图,
// 挂图作战): an A4 or A3 page at a chosen resolution with the network's
// segments in the four risk colours, the hazards of the ledger, district
// outlines, a title, a legend, a scale bar, a north arrow, the date and
// the analysis run it shows. It is pure: the caller hands it a Map in a
// metric CRS and gets an image (PNG) back.
package printmap
