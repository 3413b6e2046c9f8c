package main

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strings"
)

// The chart: for every row with a baseline, horizontal bars of each
// contender's median normalised to the baseline's (baseline = 1), one panel
// for time per operation and one for allocations per operation. The SVG is
// written by hand; no library.

// Layout, in pixels.
const (
	svgMargin    = 16
	svgLabelW    = 230 // row labels
	svgPanelW    = 300 // bar area of one panel
	svgPanelGap  = 70  // room for value labels right of the bars
	svgBarH      = 10
	svgRowGap    = 10
	svgHeaderH   = 78 // title, legend, panel titles
	svgAxisH     = 26 // tick labels
	svgFontSize  = 11
	svgSmallFont = 9
)

// svgColors are the bar colours by role.
var svgColors = map[string]string{roleOurs: "#1f6fb4", roleBaseline: "#e8822a", roleFloor: "#8c8c8c"}

// panel is one metric of the chart.
type panel struct {
	title, unit string
}

// allPanels are the chart's panels, in order; those whose unit no result
// has are left out.
var allPanels = []panel{
	{"wall time per operation (ns/op)", "ns/op"},
	{"CPU time per operation (cpu-ns/op)", "cpu-ns/op"},
	{"allocations per operation (allocs/op)", "allocs/op"},
}

func panelsOf(rep *report) []panel {
	var out []panel
	for _, p := range allPanels {
		if rep.hasUnit(p.unit) {
			out = append(out, p)
		}
	}
	return out
}

// chartRow is a row's bar lengths, normalised to the baseline.
type chartRow struct {
	name string
	vals map[string][]float64 // role → value per panel (NaN: none)
}

func chartRows(rep *report, panels []panel) []chartRow {
	var out []chartRow
	for _, rw := range rep.rows {
		cr := chartRow{name: rw.name, vals: map[string][]float64{}}
		any := false
		for _, role := range roleOrder {
			for _, p := range panels {
				v := math.NaN()
				if base, ok := rw.stat(roleBaseline, p.unit); ok && base > 0 {
					if role == roleBaseline {
						v = 1
					} else if r, ok := rw.ratio(role, roleBaseline, p.unit); ok {
						v = r
					}
					any = true
				}
				cr.vals[role] = append(cr.vals[role], v)
			}
		}
		if any {
			out = append(out, cr)
		}
	}
	return out
}

// niceMax returns the axis end for values up to m: a multiple of 0.25,
// at least 1 (the baseline), and its tick step.
func niceMax(m float64) (end, step float64) {
	end = math.Max(1, math.Ceil(m*4)/4)
	switch {
	case end > 6:
		step = 2
	case end > 3:
		step = 1
	case end > 1.5:
		step = 0.5
	default:
		step = 0.25
	}
	return math.Ceil(end/step) * step, step
}

// writeSVG writes the chart of rep.
func writeSVG(w io.Writer, rep *report) error {
	panels := panelsOf(rep)
	rows := chartRows(rep, panels)
	groupH := 3*svgBarH + svgRowGap
	width := 2*svgMargin + svgLabelW + len(panels)*(svgPanelW+svgPanelGap)
	height := svgMargin + svgHeaderH + len(rows)*groupH + svgAxisH + svgMargin

	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	text := func(x, y float64, anchor, size, extra, s string) {
		p(`<text x="%.1f" y="%.1f" text-anchor="%s" font-size="%s"%s>%s</text>`+"\n", x, y, anchor, size, extra, esc(s))
	}

	p(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	p(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="Helvetica, Arial, sans-serif" font-size="%d">`+"\n",
		width, height, width, height, svgFontSize)
	p(`<rect x="0" y="0" width="%d" height="%d" fill="#ffffff"/>`+"\n", width, height)
	t := rep.roles.title
	text(svgMargin, svgMargin+12, "start", "14", ` font-weight="bold"`,
		fmt.Sprintf("%s vs %s vs %s, normalised to %s = 1 (median; shorter is better)", t[roleOurs], t[roleBaseline], t[roleFloor], t[roleBaseline]))

	// Legend.
	lx := float64(svgMargin)
	for _, role := range roleOrder {
		name := strings.Join(rep.contenders[role], " / ")
		if name == "" {
			name = t[role]
		}
		p(`<rect x="%.1f" y="%d" width="12" height="12" fill="%s"/>`+"\n", lx, svgMargin+24, svgColors[role])
		text(lx+17, float64(svgMargin+34), "start", fmt.Sprint(svgFontSize), "", name)
		lx += 17 + 7*float64(len(name)) + 24
	}

	top := float64(svgMargin + svgHeaderH)
	for i, r := range rows {
		y := top + float64(i*groupH)
		text(svgMargin+svgLabelW-8, y+1.5*svgBarH+4, "end", fmt.Sprint(svgFontSize), "", r.name)
		if i > 0 {
			p(`<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#eeeeee"/>`+"\n",
				svgMargin, y-svgRowGap/2, width-svgMargin, y-svgRowGap/2)
		}
	}

	for pi, pn := range panels {
		x0 := float64(svgMargin + svgLabelW + pi*(svgPanelW+svgPanelGap))
		m := 0.0
		for _, r := range rows {
			for _, role := range roleOrder {
				if v := r.vals[role][pi]; !math.IsNaN(v) {
					m = math.Max(m, v)
				}
			}
		}
		end, step := niceMax(m)
		scale := svgPanelW / end
		text(x0, top-10, "start", "12", ` font-weight="bold"`, pn.title)
		bottom := top + float64(len(rows)*groupH)
		for v := 0.0; v <= end+1e-9; v += step {
			x := x0 + v*scale
			stroke := `stroke="#dddddd"`
			if math.Abs(v-1) < 1e-9 {
				stroke = `stroke="#e8822a" stroke-dasharray="4 3"`
			}
			p(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" %s/>`+"\n", x, top-4, x, bottom, stroke)
			text(x, bottom+14, "middle", fmt.Sprint(svgSmallFont), "", strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")+"×")
		}
		for i, r := range rows {
			y := top + float64(i*groupH)
			for j, role := range roleOrder {
				v := r.vals[role][pi]
				by := y + float64(j*svgBarH)
				if math.IsNaN(v) {
					continue
				}
				p(`<rect x="%.1f" y="%.1f" width="%.1f" height="%d" fill="%s"><title>%s</title></rect>`+"\n",
					x0, by, math.Max(v*scale, 0.5), svgBarH-1, svgColors[role],
					esc(fmt.Sprintf("%s %s: %s of %s", r.name, pn.unit, fmtRatio(v), t[roleBaseline])))
				text(x0+v*scale+4, by+svgBarH-2, "start", fmt.Sprint(svgSmallFont), "", fmtRatio(v))
			}
		}
	}
	p("</svg>\n")
	return bw.Flush()
}

// esc escapes s for XML text and attribute values.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
