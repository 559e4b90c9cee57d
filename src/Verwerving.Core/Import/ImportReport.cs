namespace Verwerving.Import;

public enum ImportStatus { Imported, AlreadyImported, Refused }

/// <summary>What happened to one file: imported, recognised as already imported, or refused with the reason.</summary>
public sealed record ImportReport(string File, ImportStatus Status, string? Kind, int Items, string Message)
{
    public string StatusText => Status switch
    {
        ImportStatus.Imported => "ingelezen",
        ImportStatus.AlreadyImported => "al ingelezen",
        _ => "geweigerd",
    };
}

/// <summary>Bad input in a file: names the file, the line and the element or field.</summary>
public sealed class ImportException(string file, int line, string field, string message)
    : Domain.InputException($"{file} regel {line}, {field}: {message}");
