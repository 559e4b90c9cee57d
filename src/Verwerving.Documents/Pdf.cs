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

    /// <summary>
    /// The Chromium command: no network, its own profile, and, when we run as root, as the unprivileged user 'nobody'
    /// in a folder only for this print. Scripts are off through the page's own policy (<see cref="WithoutScripts"/>):
    /// Chromium's switch for that stops headless printing altogether.
    /// </summary>
    internal static ProcessStartInfo Start(string chromium, string work, string page)
    {
        var asRoot = Environment.UserName == "root" && File.Exists("/usr/sbin/runuser");
        var start = new ProcessStartInfo(asRoot ? "/usr/sbin/runuser" : chromium) { RedirectStandardError = true, RedirectStandardOutput = true };
        if (asRoot && OperatingSystem.IsLinux())
        {
            foreach (var a in new[] { "-u", "nobody", "--", chromium }) start.ArgumentList.Add(a);
            // nobody writes its profile and the PDF here, and nowhere else.
            File.SetUnixFileMode(work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
                | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        }
        foreach (var a in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage",
                     "--disable-extensions", "--no-first-run",
                     "--user-data-dir=" + Path.Combine(work, "profiel"), "--no-pdf-header-footer", "--print-to-pdf=" + Path.Combine(work, "document.pdf"),
                     new Uri(page).AbsoluteUri,
                 })
            start.ArgumentList.Add(a);
        return start;
    }

    private const string NoScripts = "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'; object-src 'none'; connect-src 'none'\">";

    /// <summary>The document with a policy that forbids every script, first in its head: a document is static; nothing in it may run.</summary>
    internal static string WithoutScripts(string html)
    {
        var head = System.Text.RegularExpressions.Regex.Match(html, "<head[^>]*>", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        return head.Success ? html.Insert(head.Index + head.Length, NoScripts) : NoScripts + html;
    }

    public static void Print(string html, string pdfFile)
    {
        var chromium = FindChromium() ?? throw new InputException(
            "Chromium is niet gevonden voor het maken van een PDF: installeer het Debian-pakket 'chromium' (of zet VERWERVING_CHROMIUM).");
        var work = Directory.CreateTempSubdirectory("verwerving-pdf-");
        try
        {
            var page = Path.Combine(work.FullName, "document.html");
            File.WriteAllText(page, WithoutScripts(html));
            var output = Path.GetFullPath(pdfFile);
            if (File.Exists(output)) File.Delete(output);
            var start = Start(chromium, work.FullName, page);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                throw new IOException("Chromium maakte de PDF niet binnen 90 seconden.");
            }
            var printed = Path.Combine(work.FullName, "document.pdf");
            if (!File.Exists(printed) || new FileInfo(printed).Length == 0)
                throw new IOException($"Chromium maakte geen PDF (exitcode {process.ExitCode}): {stderr.Result.Trim().Split('\n').LastOrDefault()}");
            File.Copy(printed, output, overwrite: true);
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }
}
