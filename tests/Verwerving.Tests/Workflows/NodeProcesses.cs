using System.Diagnostics;
using System.Text;

namespace Verwerving.Tests.Workflows;

/// <summary>Our own program as separate processes on one database: serve, worker, or any command, with its output kept.</summary>
public sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts `verwerving ARGS` on the harness's database and definitions; data-protection keys in <paramref name="keys"/>.</summary>
    public static NodeProcess Start(WorkflowHarness h, string? keys, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "verwerving.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var a in h.Options.IsPostgres ? new[] { "--connection", h.Options.PostgresConnection! } : ["--db", h.Options.SqlitePath!]) start.ArgumentList.Add(a);
        start.ArgumentList.Add("--workflows");
        start.ArgumentList.Add(h.Folder);
        start.Environment["VERWERVING_HOME"] = Path.GetDirectoryName(WorkflowHarness.RepositoryWorkflows);
        start.Environment["VERWERVING_KEYS"] = keys ?? Path.Combine(Path.GetTempPath(), "verwerving-test-keys");
        return new NodeProcess(Process.Start(start)!);
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: the process gets no chance to finish anything.</summary>
    public void KillHard()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails with the output when it does not come.</summary>
    public string WaitFor(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Output.Contains(text, StringComparison.Ordinal)) return Output;
            if (_process.HasExited) break;
            Thread.Sleep(50);
        }
        throw new Xunit.Sdk.XunitException($"'{text}' kwam niet binnen {timeout.TotalSeconds:0} s. Uitvoer:{Environment.NewLine}{Output}");
    }

    /// <summary>The address serve listens on, from its first line.</summary>
    public string Url(TimeSpan timeout)
    {
        var output = WaitFor("Verwerving draait op ", timeout);
        var line = output.Split('\n').First(l => l.Contains("Verwerving draait op ", StringComparison.Ordinal));
        return line[(line.IndexOf("http://", StringComparison.Ordinal))..].Split(' ', ',')[0];
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }

    /// <summary>Polls until <paramref name="done"/> holds; fails with <paramref name="describe"/> when it does not within the time.</summary>
    public static void Until(Func<bool> done, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException(describe());
            Thread.Sleep(50);
        }
    }
}
