using System.Globalization;
using System.Net;
using System.Text;

namespace Verwerving.Web;

/// <summary>An agreement's nine years drawn on one line: meetings as small marks, evaluations as diamonds, today as a red line.</summary>
public static class TimelineSvg
{
    public static string Render(IReadOnlyList<TimelineEvent> events, DateOnly start, DateOnly end, DateOnly today)
    {
        const int width = 1100, height = 150, left = 30, right = 30, axis = 70;
        var span = Math.Max(1, end.DayNumber - start.DayNumber);
        double X(DateOnly d) => left + (double)(Math.Clamp(d.DayNumber, start.DayNumber, end.DayNumber) - start.DayNumber) / span * (width - left - right);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"Tijdlijn van de overeenkomst\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{axis}\" x2=\"{width - right}\" y2=\"{axis}\" stroke=\"#1d1d1d\" stroke-width=\"2\"/>");
        for (var y = start.Year; y <= end.Year; y++)
        {
            var x = X(new DateOnly(y, 1, 1));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"{axis - 6}\" x2=\"{x:0.#}\" y2=\"{axis + 6}\" stroke=\"#6b6b6b\"/><text x=\"{x:0.#}\" y=\"{axis + 24}\" font-size=\"12\" text-anchor=\"middle\">{y}</text>");
        }
        foreach (var e in events)
        {
            var x = X(e.On);
            var colour = e.Status is "gehouden" or "gebeurd" ? "#1f5fa8" : e.Status is "niet gehouden" or "niet gestart" ? "#c0392b" : "#9aa3ad";
            var tip = WebUtility.HtmlEncode($"{e.Title} — {e.On:d MMMM yyyy}: {e.Status}");
            svg.Append(e.Kind switch
            {
                "evaluatie" => string.Create(CultureInfo.InvariantCulture,
                    $"<g><title>{tip}</title><polygon points=\"{x:0.#},{axis - 22} {x + 9:0.#},{axis - 13} {x:0.#},{axis - 4} {x - 9:0.#},{axis - 13}\" fill=\"#e08a1e\"/>"
                    + $"<text x=\"{x:0.#}\" y=\"{axis - 30}\" font-size=\"12\" text-anchor=\"middle\">{WebUtility.HtmlEncode(e.Title)}</text></g>"),
                "overleg" => string.Create(CultureInfo.InvariantCulture, $"<g><title>{tip}</title><circle cx=\"{x:0.#}\" cy=\"{axis}\" r=\"4\" fill=\"{colour}\"/></g>"),
                _ => string.Create(CultureInfo.InvariantCulture,
                    $"<g><title>{tip}</title><rect x=\"{x - 3:0.#}\" y=\"{axis - 12}\" width=\"6\" height=\"24\" fill=\"#1d1d1d\"/></g>"),
            });
        }
        var t = X(today);
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{t:0.#}\" y1=\"{axis - 40}\" x2=\"{t:0.#}\" y2=\"{axis + 30}\" stroke=\"#c0392b\" stroke-dasharray=\"4 3\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{t:0.#}\" y=\"{axis + 44}\" font-size=\"12\" fill=\"#c0392b\" text-anchor=\"middle\">vandaag</text></svg>");
        return svg.ToString();
    }
}
