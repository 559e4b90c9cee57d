using System.Diagnostics;
using Verwerving.Domain;

namespace Verwerving.Documents;

/// <summary>Prints a document to PDF with the machine's headless Chromium (Debian package chromium); nothing is downloaded.</summary>
public static class Pdf
{
    public static string? FindChromium()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("VERWERVING_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" };
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
    }

    public static void Print(string html, string pdfFile)
    {
        var chromium = FindChromium() ?? throw new InputException(
            "Chromium is niet gevonden voor het maken van een PDF: installeer het Debian-pakket 'chromium' (of zet VERWERVING_CHROMIUM).");
        var work = Directory.CreateTempSubdirectory("verwerving-pdf-");
        try
        {
            var page = Path.Combine(work.FullName, "document.html");
            File.WriteAllText(page, html);
            var output = Path.GetFullPath(pdfFile);
            if (File.Exists(output)) File.Delete(output);
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                ArgumentList =
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage",
                    "--user-data-dir=" + Path.Combine(work.FullName, "profiel"), "--no-pdf-header-footer", "--print-to-pdf=" + output,
                    new Uri(page).AbsoluteUri,
                },
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                throw new IOException("Chromium maakte de PDF niet binnen 90 seconden.");
            }
            if (!File.Exists(output) || new FileInfo(output).Length == 0)
                throw new IOException($"Chromium maakte geen PDF (exitcode {process.ExitCode}): {stderr.Result.Trim().Split('\n').LastOrDefault()}");
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }
}
