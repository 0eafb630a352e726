package results

import (
	"bytes"
	"fmt"
	"image/color"
	"io"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// The size of every figure, the resolution of its PNG and its type: a
// fixed size and the embedded Liberation fonts make a PNG the same on
// every machine of an architecture. 7 × 4.5 in at 192 dpi is 1344 × 864
// pixels, sharp on a slide at full width; sans-serif reads better there
// than gonum's default serif.
const (
	FigureWidth  = 7 * vg.Inch
	FigureHeight = 4.5 * vg.Inch
	FigureDPI    = 192
)

var (
	sans      = font.Font{Typeface: "Liberation", Variant: "Sans"}
	sansBold  = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}
	ink       = color.Gray{Y: 34}
	greyInk   = color.Gray{Y: 110}
	gridColor = color.Gray{Y: 225}
)

// A Drawer draws itself on a canvas: a Figure, or a bare *plot.Plot.
type Drawer interface{ Draw(c draw.Canvas) }

// Figure is a plot as cisim draws it: labelled axes, light grid lines at
// the major ticks, the legend beneath the data (where it hides none of
// it) and a footer naming the build and the run that made it.
type Figure struct {
	Plot   *plot.Plot
	Footer string
	// FreeY leaves the y axis where the data are; otherwise it reaches 0,
	// so that a level is read against nothing and a difference against no
	// difference (an axis from 7 made 7 → 9 partners look like growth
	// from nothing).
	FreeY  bool
	legend []legendEntry
	grid   *plotter.Grid
}

type legendEntry struct {
	text   string
	thumbs []plot.Thumbnailer // none: a note, text alone
}

// NewFigure is an empty figure of the run m (nil: no footer) with its
// title and axis labels, round ticks on both axes.
func NewFigure(m *Manifest, title, xLabel, yLabel string) *Figure {
	p := plot.New()
	p.BackgroundColor = nil // the figure fills its whole canvas
	p.Title.Text, p.X.Label.Text, p.Y.Label.Text = title, xLabel, yLabel
	p.Title.TextStyle.Font = font.From(sansBold, 13)
	p.Title.TextStyle.Color = ink
	p.Title.Padding = vg.Points(8)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, 11)
		a.Label.TextStyle.Color = ink
		a.Tick.Label.Font = font.From(sans, 10)
		a.Tick.Label.Color = ink
		a.Tick.Length = vg.Points(4)
		a.Tick.Marker = RoundTicks{}
		a.AutoRescale = true
		a.Label.Padding = vg.Points(4)
	}
	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal = draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}
	p.Add(grid)
	return &Figure{Plot: p, Footer: FigureFooter(m), grid: grid}
}

// FigureFooter names the build and the run behind a figure, so that a
// slide says where its numbers came from; empty without a run.
func FigureFooter(m *Manifest) string {
	if m == nil {
		return ""
	}
	s := "cisim " + m.Version
	if m.Version == "" {
		s = "cisim"
	}
	s += fmt.Sprintf(" · seed %d · %d replicate", m.Seed, m.Runs)
	if m.Runs != 1 {
		s += "s"
	}
	switch {
	case m.Sweep != nil && m.Sweep.Method == "robust":
		return s + fmt.Sprintf(" in each of %d futures", len(m.Sweep.Points))
	case m.Sweep != nil:
		return s + fmt.Sprintf(" at each of %d design points", len(m.Sweep.Points))
	}
	return s + " of each design"
}

// AddLegend adds an entry beneath the data: text after its thumbnails
// (the plotters it names, or any Thumbnailer); none makes it a note.
func (f *Figure) AddLegend(text string, thumbs ...plot.Thumbnailer) {
	f.legend = append(f.legend, legendEntry{text, thumbs})
}

// legend sizes.
var (
	legendFont  = text.Style{Font: font.From(sans, 10), Color: ink, Handler: plot.DefaultTextHandler}
	footerFont  = text.Style{Font: font.From(sans, 7.5), Color: greyInk, Handler: plot.DefaultTextHandler, XAlign: draw.XRight}
	thumbWidth  = vg.Points(24)
	entryGap    = vg.Points(18)
	figureInset = vg.Points(8)
)

// Draw draws the figure: white ground, footer, legend rows, then the plot
// in what is left above them.
func (f *Figure) Draw(c draw.Canvas) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	c = draw.Crop(c, figureInset, -figureInset, figureInset, -figureInset)
	if f.Footer != "" {
		c.FillText(footerFont, vg.Point{X: c.Max.X, Y: c.Min.Y}, f.Footer)
		c.Min.Y += footerFont.Height(f.Footer) + vg.Points(4)
	}
	rows := f.legendRows(c.Max.X - c.Min.X)
	rowHeight := legendFont.Height("Mg") + vg.Points(4)
	for i, row := range rows {
		f.drawLegendRow(c, row, c.Min.Y+rowHeight*vg.Length(len(rows)-1-i), rowHeight)
	}
	if len(rows) > 0 {
		c.Min.Y += rowHeight*vg.Length(len(rows)) + vg.Points(6)
	}
	if !f.FreeY {
		f.Plot.Y.Min = min(f.Plot.Y.Min, 0)
		f.Plot.Y.Max = max(f.Plot.Y.Max, 0)
	}
	f.Plot.Draw(c)
}

// entryWidth is the width an entry takes in a legend row.
func entryWidth(e legendEntry) vg.Length {
	w := legendFont.Width(e.text)
	if len(e.thumbs) > 0 {
		w += thumbWidth + vg.Points(5)
	}
	return w
}

// legendRows flows the entries into rows no wider than width, in order.
func (f *Figure) legendRows(width vg.Length) [][]legendEntry {
	var rows [][]legendEntry
	var used vg.Length
	for _, e := range f.legend {
		w := entryWidth(e)
		if n := len(rows); n > 0 && used+entryGap+w <= width {
			rows[n-1] = append(rows[n-1], e)
			used += entryGap + w
			continue
		}
		rows = append(rows, []legendEntry{e})
		used = w
	}
	return rows
}

// drawLegendRow draws one row of entries, centred, its bottom at y.
func (f *Figure) drawLegendRow(c draw.Canvas, row []legendEntry, y, h vg.Length) {
	var width vg.Length
	for i, e := range row {
		if i > 0 {
			width += entryGap
		}
		width += entryWidth(e)
	}
	x := c.Center().X - width/2
	for _, e := range row {
		if len(e.thumbs) > 0 {
			thumb := &draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
				Min: vg.Point{X: x, Y: y + vg.Points(2)}, Max: vg.Point{X: x + thumbWidth, Y: y + h - vg.Points(2)}}}
			for _, t := range e.thumbs {
				t.Thumbnail(thumb)
			}
			x += thumbWidth + vg.Points(5)
		}
		descent := legendFont.FontExtents().Descent
		c.FillText(legendFont, vg.Point{X: x, Y: y + (h-legendFont.Height(e.text))/2 + descent}, e.text)
		x += legendFont.Width(e.text) + entryGap
	}
}

// writeFigure writes d as a PNG or an SVG. SVG text names its font with
// fallbacks metrically like it (Arial, Helvetica), so that a browser
// without Liberation Sans sets the labels in the widths they were laid
// out for, not in its default serif.
func writeFigure(w io.Writer, d Drawer, ext string) error {
	switch ext {
	case "png":
		return writePNG(w, d, FigureDPI)
	case "svg":
		c := vgsvg.New(FigureWidth, FigureHeight)
		d.Draw(draw.New(c))
		var b bytes.Buffer
		if _, err := c.WriteTo(&b); err != nil {
			return err
		}
		out := bytes.ReplaceAll(b.Bytes(), []byte("font-family:Liberation Sans;"),
			[]byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
		_, err := w.Write(out)
		return err
	}
	return fmt.Errorf("results: no figure format %q", ext)
}

// writePNG writes d as a PNG at dpi dots per inch.
func writePNG(w io.Writer, d Drawer, dpi int) error {
	c := vgimg.NewWith(vgimg.UseWH(FigureWidth, FigureHeight), vgimg.UseDPI(dpi))
	d.Draw(draw.New(c))
	_, err := vgimg.PngCanvas{Canvas: c}.WriteTo(w)
	return err
}
