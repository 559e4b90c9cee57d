namespace Verwerving.Domain;

/// <summary>Roles as workflow definitions name them.</summary>
public static class Roles
{
    public const string ContractManager = "contractmanager";
    public const string Controller = "controller";
    public const string Alderman = "wethouder";
    public const string CoreTeam = "kernteam";
    public const string Official = "ambtenaar";
    public const string Provider = "aanbieder";
    public const string System = "systeem";

    /// <summary>Roles that look and never act: the controller follows the figures, he fires no step and holds no task.</summary>
    public static readonly IReadOnlySet<string> ReadOnly = new HashSet<string>([Controller], StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> All =
        new HashSet<string>([ContractManager, Controller, Alderman, CoreTeam, Official, Provider, System], StringComparer.Ordinal);
}

/// <summary>A person who signs in. An alderman's mandate is his region; a provider's user sees only its provider.</summary>
public class User : Versioned
{
    private User() { Login = DisplayName = RolesText = SecurityStamp = ""; }

    public User(string login, string displayName, IEnumerable<string> roles, string? regionCode = null, int? providerId = null)
    {
        if (string.IsNullOrWhiteSpace(login) || login.Any(char.IsWhiteSpace))
            throw new DomainException($"Inlognaam '{login}' mag niet leeg zijn of spaties bevatten.");
        var list = roles.Distinct().ToList();
        if (list.Count == 0) throw new DomainException($"Gebruiker {login} heeft ten minste één rol.");
        foreach (var r in list)
            if (!Roles.All.Contains(r)) throw new DomainException($"Onbekende rol '{r}' voor gebruiker {login}.");
        if (list.Contains(Roles.Alderman) && regionCode is null)
            throw new DomainException($"Wethouder {login} heeft een regio als mandaat.");
        if (list.Contains(Roles.Provider) && providerId is null)
            throw new DomainException($"Gebruiker {login} van een aanbieder hoort bij een aanbieder.");
        Login = login;
        DisplayName = displayName;
        RolesText = string.Join(',', list);
        RegionCode = regionCode;
        ProviderId = providerId;
        SecurityStamp = NewStamp();
    }

    public string Login { get; private set; }
    public string DisplayName { get; private set; }
    public string RolesText { get; private set; }
    public string? RegionCode { get; private set; }
    public int? ProviderId { get; private set; }

    /// <summary>The local account's password hash (ASP.NET Core Identity format); null when the user signs in through OpenID Connect only.</summary>
    public string? PasswordHash { get; private set; }

    /// <summary>SHA-256 of the user's API token; the token itself is shown once and never stored.</summary>
    public string? ApiTokenHash { get; private set; }

    /// <summary>
    /// Changes when the user signs out or gets a new password. A sign-in cookie carries the stamp it was issued with;
    /// one with another stamp is refused, so a copied or old cookie stops working.
    /// </summary>
    public string SecurityStamp { get; private set; }

    public void RenewSecurityStamp() => SecurityStamp = NewStamp();

    private static string NewStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public void SetPasswordHash(string? hash)
    {
        PasswordHash = hash;
        RenewSecurityStamp();
    }

    public void SetApiTokenHash(string? hash) => ApiTokenHash = hash;

    public IReadOnlyList<string> RoleList => RolesText.Split(',', StringSplitOptions.RemoveEmptyEntries);
    public bool HasRole(string role) => RoleList.Contains(role);
}
