using Microsoft.EntityFrameworkCore;
using Verwerving.Persistence;

namespace Verwerving.Domain;

/// <summary>
/// The account-holding region informed another region that buys from the provider about a continuity signal (001 §6.3,
/// 004 §6.3.1): which region, when, by whom. One per region per escalation.
/// </summary>
public class SignalNotice
{
    private SignalNotice() { RegionCode = InformedBy = ""; }

    public SignalNotice(long escalationId, int providerId, string regionCode, DateOnly informedOn, string informedBy)
    {
        EscalationId = escalationId; ProviderId = providerId; RegionCode = regionCode; InformedOn = informedOn; InformedBy = informedBy;
    }

    public long Id { get; private set; }

    /// <summary>The escalation workflow instance the notice belongs to.</summary>
    public long EscalationId { get; private set; }
    public int ProviderId { get; private set; }
    public string RegionCode { get; private set; }
    public DateOnly InformedOn { get; private set; }
    public string InformedBy { get; private set; }
}

/// <summary>The regions that buy from a provider, as the data shows it: its agreements' regions and where its care is declared.</summary>
public static class PurchasingRegions
{
    /// <summary>Every region that buys from the provider (a supra-regional agreement counts for the regions under it), ordered by code.</summary>
    public static List<string> Of(VerwervingDb db, int providerId)
    {
        var regions = db.Regions.AsNoTracking().ToList();
        var agreementRegions = db.Agreements.AsNoTracking().Where(a => a.ProviderId == providerId).Select(a => a.RegionCode).Distinct().ToList();
        var declared = db.InvoiceLines.AsNoTracking().Where(l => l.ProviderId == providerId).Select(l => l.MunicipalityCode).Distinct().ToList();
        var municipalityRegions = db.Municipalities.AsNoTracking().Where(m => declared.Contains(m.CbsCode)).Select(m => m.RegionCode).Distinct().ToList();
        return agreementRegions.SelectMany(code => regions.Any(r => r.ParentCode == code) ? regions.Where(r => r.ParentCode == code).Select(r => r.Code) : [code])
            .Concat(municipalityRegions).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The regions the account holder informs: every purchasing region except itself.</summary>
    public static List<string> Others(VerwervingDb db, Provider provider) =>
        Of(db, provider.Id).Where(r => r != provider.AccountHoldingRegionCode).ToList();
}
