using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Workflows;

namespace Verwerving.Rules;

/// <summary>
/// Publishes a tender's award criteria. Once the candidates are invited to their final bids the criteria are
/// fixed (equal treatment), so a change then is refused. The tender's findings are re-checked right after
/// (findings are recomputed from the facts), so a corrected weighting closes its finding at once.
/// </summary>
public static class TenderCriteria
{
    public static IReadOnlyDictionary<string, int> Parse(IEnumerable<string> pairs)
    {
        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in pairs.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            var parts = pair.Split(['=', ':'], 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || !int.TryParse(parts[1].TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var weight))
                throw new InputException($"'{pair.Trim()}' is geen criterium met gewicht (bijvoorbeeld kwaliteit=60).");
            if (!weights.TryAdd(parts[0], weight)) throw new InputException($"Criterium '{parts[0]}' staat er twee keer in.");
        }
        return weights;
    }

    public static CheckResult Set(VerwervingDb db, NormBook norms, string reference, IReadOnlyDictionary<string, int> weights, User user, DateTime now)
    {
        if (!user.HasRole(Roles.ContractManager)) throw new DomainException($"{user.DisplayName} mag de gunningscriteria niet vaststellen (nodig: contractmanager).");
        var tender = db.Tenders.FirstOrDefault(t => t.Reference == reference) ?? throw new InputException($"Onbekende aanbesteding '{reference}'.");
        // The tender's own phase says it: the workflow moves it, whatever a region named its states.
        if (tender.Phase >= TenderPhase.FinalBids)
            throw new DomainException($"De gunningscriteria van {reference} liggen vast sinds de uitnodiging tot inschrijving (gelijke behandeling van de inschrijvers).");
        var before = tender.AwardCriteria;
        tender.SetAwardCriteria(weights);
        db.Audit(now, user.Login, "aanbesteding.criteria", "Tender", reference,
            JsonSerializer.Serialize(new { voor = before, na = tender.AwardCriteria, totaal = weights.Values.Sum() }));
        db.SaveChanges();
        var today = WorkCalendar.DateOf(now);
        var result = FindingLedger.Check(db, norms, new CheckScope(new DateOnly(today.Year - 3, 1, 1), today, Tender: reference), now, user.Login);
        return result;
    }
}
