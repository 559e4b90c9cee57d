using System.Globalization;
using System.Net;
using System.Text;
using Verwerving.Text;

namespace Verwerving.Documents;

public sealed record ChartSeries(string Name, IReadOnlyList<decimal> Values);

/// <summary>
/// A chart in a view model: labels on the x-axis, one or more series, and optionally the norm as a line.
/// Templates draw it with the filter <c>grafiek</c>; the result is inline SVG, so the document stays one
/// self-contained file that prints as it shows.
/// </summary>
public sealed record Chart(string Title, string Unit, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series,
    decimal? Norm = null, string? NormLabel = null, bool Lines = false)
{
    /// <summary>The series colours; the first is the one a reader (and a test on the printed page) looks for.</summary>
    public static readonly string[] Colours = ["#1f5fa8", "#e08a1e", "#4a9a4a", "#8a4fa8", "#6b6b6b"];
    public const string NormColour = "#c0392b";

    public string Svg()
    {
        const int width = 680, height = 280, left = 78, right = 16, top = 34, bottom = 58;
        var plotW = width - left - right;
        var plotH = height - top - bottom;
        var max = Series.SelectMany(s => s.Values).Append(Norm ?? 0).DefaultIfEmpty(0).Max();
        max = max <= 0 ? 1 : NiceCeiling(max * 1.08m);
        double Y(decimal v) => top + plotH - (double)(v / max) * plotH;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"grafiek\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{E(Title)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{E(Title)}</text>");
        for (var i = 0; i <= 4; i++)
        {
            var v = max * i / 4;
            var y = Y(v);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{y:0.#}\" x2=\"{width - right}\" y2=\"{y:0.#}\" stroke=\"#dddddd\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 4:0.#}\" font-size=\"11\" text-anchor=\"end\">{E(Format(v))}</text>");
        }
        var n = Math.Max(1, Labels.Count);
        var slot = (double)plotW / n;
        for (var i = 0; i < Labels.Count; i++)
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + slot * (i + 0.5):0.#}\" y=\"{top + plotH + 16}\" font-size=\"11\" text-anchor=\"middle\">{E(Labels[i])}</text>");
        for (var s = 0; s < Series.Count; s++)
        {
            var colour = Colours[s % Colours.Length];
            var values = Series[s].Values;
            if (Lines)
            {
                var points = string.Join(' ', values.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"{left + slot * (i + 0.5):0.#},{Y(v):0.#}")));
                svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"3\" points=\"{points}\"/>");
                for (var i = 0; i < values.Count; i++)
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{left + slot * (i + 0.5):0.#}\" cy=\"{Y(values[i]):0.#}\" r=\"4\" fill=\"{colour}\"><title>{E(Labels.ElementAtOrDefault(i) ?? "")}: {E(Format(values[i]))}</title></circle>");
            }
            else
            {
                var barW = slot * 0.7 / Series.Count;
                for (var i = 0; i < values.Count; i++)
                {
                    var x = left + slot * i + slot * 0.15 + barW * s;
                    var y = Y(values[i]);
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{barW:0.#}\" height=\"{top + plotH - y:0.#}\" fill=\"{colour}\"><title>{E(Series[s].Name)} {E(Labels.ElementAtOrDefault(i) ?? "")}: {E(Format(values[i]))}</title></rect>");
                }
            }
            var lx = left + s * 150;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{lx}\" y=\"{height - 22}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{lx + 16}\" y=\"{height - 12}\" font-size=\"11\">{E(Series[s].Name)}</text>");
        }
        if (Norm is { } norm)
        {
            var y = Y(norm);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{y:0.#}\" x2=\"{width - right}\" y2=\"{y:0.#}\" stroke=\"{NormColour}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - right}\" y=\"{y - 5:0.#}\" font-size=\"11\" text-anchor=\"end\" fill=\"{NormColour}\">{E(NormLabel ?? "norm")}: {E(Format(norm))}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private string Format(decimal v) => Unit switch
    {
        "euro" => v >= 1_000_000 ? "€ " + (v / 1_000_000).ToString("0.#", Nl.Culture) + " mln" : "€ " + v.ToString("#,##0", Nl.Culture),
        "%" => Nl.Percent(v / 100, 0),
        "dagen" => v.ToString("0.#", Nl.Culture) + " d",
        _ => v.ToString("#,##0.#", Nl.Culture),
    };

    private static decimal NiceCeiling(decimal v)
    {
        var magnitude = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)v)));
        foreach (var step in new[] { 1m, 2m, 2.5m, 5m, 10m })
            if (step * magnitude >= v) return step * magnitude;
        return 10 * magnitude;
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
