namespace Verwerving;

/// <summary>Where the editable data of an installation lives (workflows/, rules/, templates/).</summary>
public static class Installation
{
    /// <summary>VERWERVING_HOME/<paramref name="name"/>, else the first such folder upwards beside Verwerving.sln.</summary>
    public static string Folder(string name)
    {
        if (Environment.GetEnvironmentVariable("VERWERVING_HOME") is { Length: > 0 } home) return Path.Combine(home, name);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, name)) && File.Exists(Path.Combine(dir.FullName, "Verwerving.sln")))
                    return Path.Combine(dir.FullName, name);
        return Path.Combine(Directory.GetCurrentDirectory(), name);
    }
}
