using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Workflows;

namespace Verwerving.Web;

/// <summary>Refused because the signed-in user may not see or do this; pages show 403, the API answers 403.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);

/// <summary>The record does not exist (404).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>
/// The signed-in user with what he may see, read from the database on every request so a changed role or
/// mandate counts at once. Every page and API call asks here, not only the menu.
/// </summary>
public sealed class Viewer
{
    private readonly HashSet<string> _agreements;

    private Viewer(User user, Provider? provider, IEnumerable<string> agreements)
    {
        User = user;
        Provider = provider;
        _agreements = agreements.ToHashSet(StringComparer.Ordinal);
    }

    public User User { get; }
    public Provider? Provider { get; }
    public string Login => User.Login;

    /// <summary>A provider user's agreements (empty for everyone else).</summary>
    public IReadOnlyCollection<string> Agreements => _agreements;

    public bool IsProvider => User.HasRole(Roles.Provider);
    public bool IsAlderman => User.HasRole(Roles.Alderman);
    public bool IsManager => User.HasRole(Roles.ContractManager);

    /// <summary>Staff of the regions: they follow every workflow; an alderman who is only an alderman follows those of his mandate.</summary>
    public bool IsStaff => User.HasRole(Roles.ContractManager) || User.HasRole(Roles.Controller) || User.HasRole(Roles.Official) || User.HasRole(Roles.CoreTeam);

    /// <summary>Staff of the regions (and the aldermen) read tenders and every provider's figures; a provider does not.</summary>
    public bool IsInternal => !IsProvider;

    public static Viewer? For(ClaimsPrincipal principal, VerwervingDb db)
    {
        if (principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } login) return null;
        var user = db.Users.AsNoTracking().FirstOrDefault(u => u.Login == login);
        if (user is null) return null;
        Provider? provider = null;
        List<string> agreements = [];
        if (user.HasRole(Roles.Provider))
        {
            provider = db.Providers.AsNoTracking().First(p => p.Id == user.ProviderId);
            agreements = db.Agreements.AsNoTracking().Where(a => a.ProviderId == provider.Id).Select(a => a.Reference).ToList();
        }
        return new Viewer(user, provider, agreements);
    }

    /// <summary>A provider sees what is about itself: its AGB code, its agreements and what hangs under them.</summary>
    public bool SeesSubject(string key) => !IsProvider
        || key == Provider!.AgbCode
        || _agreements.Contains(key)
        || (key.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash && (_agreements.Contains(key[..slash]) || key[..slash] == Provider!.AgbCode));

    public bool SeesProvider(int providerId) => !IsProvider || Provider!.Id == providerId;

    /// <summary>An alderman sees the workflow of a decision only when it touches his region; a provider only its own.</summary>
    public bool SeesInstance(WorkflowInstance instance)
    {
        if (IsProvider) return SeesSubject(instance.SubjectKey);
        if (IsAlderman && !IsStaff)
        {
            var regions = WorkflowRuntime.RegionsOf(instance);
            return regions.Count == 0 || (User.RegionCode is { } r && regions.Contains(r));
        }
        return true;
    }
}
