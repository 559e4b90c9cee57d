namespace Verwerving.Tests;

/// <summary>
/// Figures that tests measure (counts, rates), appended to the file scripts/test names in VERWERVING_TEST_FIGURES and
/// prints after the run. Tests assert on behaviour; the figures are for the reader.
/// </summary>
internal static class Figures
{
    private static readonly object Gate = new();

    public static void Report(string line)
    {
        if (Environment.GetEnvironmentVariable("VERWERVING_TEST_FIGURES") is not { Length: > 0 } file) return;
        lock (Gate) File.AppendAllText(file, line + Environment.NewLine);
    }
}
