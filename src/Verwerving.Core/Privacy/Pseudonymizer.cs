using System.Security.Cryptography;
using System.Text;
using Verwerving.Domain;

namespace Verwerving.Privacy;

/// <summary>
/// Turns a BSN into a pseudonym with a keyed hash (HMAC-SHA256). The key comes from configuration
/// (VERWERVING_PSEUDONYM_KEY, or a key file in the user's configuration folder), never from beside
/// the data, so the database alone cannot be reversed by hashing all nine-digit numbers.
/// </summary>
public sealed class Pseudonymizer
{
    public const string KeyVariable = "VERWERVING_PSEUDONYM_KEY";
    private readonly byte[] _key;

    public Pseudonymizer(byte[] key)
    {
        if (key.Length < 16) throw new InputException("De pseudonimiseringssleutel is te kort (minimaal 16 bytes).");
        _key = key;
    }

    public static Pseudonymizer FromConfiguration()
    {
        var configured = Environment.GetEnvironmentVariable(KeyVariable);
        if (!string.IsNullOrEmpty(configured)) return new Pseudonymizer(Encoding.UTF8.GetBytes(configured));
        var home = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        var file = Path.Combine(home, "verwerving", "pseudonym.key");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return new Pseudonymizer(Convert.FromBase64String(File.ReadAllText(file).Trim()));
    }

    /// <summary>The pseudonym of a BSN; refuses anything that is not a valid BSN (nine digits, eleven test).</summary>
    public string Pseudonymize(string bsn)
    {
        if (!IsValidBsn(bsn)) throw new InputException("Ongeldig BSN (negen cijfers en de elfproef).");
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(bsn)))[..40];
    }

    /// <summary>Replaces every run of nine digits that passes the eleven test (a possible BSN) with asterisks, e.g. in a file name.</summary>
    public static string MaskBsns(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"(?<!\d)\d{9}(?!\d)", m => IsValidBsn(m.Value) ? "*********" : m.Value);

    public static bool IsValidBsn(string bsn)
    {
        if (bsn.Length != 9 || !bsn.All(char.IsAsciiDigit)) return false;
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (bsn[i] - '0') * (9 - i);
        sum -= bsn[8] - '0';
        return sum % 11 == 0 && bsn != "000000000";
    }
}
