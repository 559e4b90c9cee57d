using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Documents;

/// <summary>
/// The open-contracting export (OCDS 1.1.5): one release for a tender and the agreements it produced, with
/// the 3- and 6-year evaluations and the aldermen's approvals as contract milestones. Only organisations
/// and roles appear, never a person or a client.
/// </summary>
public static class OcdsExport
{
    public const string Prefix = "ocds-vwrv";
    private const string LotsExtension = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json";

    public static JsonObject Package(VerwervingDb db, string tenderReference, DateTime now)
    {
        var tender = db.Tenders.AsNoTracking().Include(t => t.Candidates).Include(t => t.Lots).Include(t => t.Rounds).Include(t => t.Bids).AsSplitQuery()
            .FirstOrDefault(t => t.Reference == tenderReference) ?? throw new InputException($"Onbekende aanbesteding '{tenderReference}'.");
        var regions = db.Regions.AsNoTracking().ToDictionary(r => r.Code);
        var providers = db.Providers.AsNoTracking().ToDictionary(p => p.Id);
        var lots = db.Lots.AsNoTracking().ToDictionary(l => l.Code);
        var agreements = db.Agreements.AsNoTracking().Include(a => a.Ceilings).Where(a => a.TenderId == tender.Id).OrderBy(a => a.Reference).ToList();
        var buyers = regions.Values.Where(r => r.Kind == RegionKind.Region).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        var procuring = regions.TryGetValue(tender.RegionCode, out var pr) ? pr : buyers.First();

        var parties = new JsonArray();
        JsonObject Ref(string id, string name) => new() { ["id"] = id, ["name"] = name };
        string RegionId(Region r) => "NL-REGIO-" + r.Code;
        string ProviderId(Provider p) => "NL-AGB-" + p.AgbCode;
        parties.Add(new JsonObject
        {
            ["id"] = RegionId(procuring), ["name"] = "Regio " + procuring.Name,
            ["roles"] = new JsonArray("procuringEntity", "buyer"),
        });
        foreach (var r in buyers.Where(b => b.Code != procuring.Code))
            parties.Add(new JsonObject { ["id"] = RegionId(r), ["name"] = "Regio " + r.Name, ["roles"] = new JsonArray("buyer") });
        var awardedProviders = agreements.Select(a => a.ProviderId).ToHashSet();
        var bidders = tender.Bids.Select(b => b.ProviderId).ToHashSet();
        foreach (var c in tender.Candidates.OrderBy(c => providers[c.ProviderId].AgbCode, StringComparer.Ordinal))
        {
            var p = providers[c.ProviderId];
            var roles = new JsonArray();
            if (bidders.Contains(c.ProviderId)) roles.Add("tenderer");
            if (awardedProviders.Contains(p.Id)) roles.Add("supplier");
            if (roles.Count == 0) roles.Add("interestedParty");
            parties.Add(new JsonObject
            {
                ["id"] = ProviderId(p), ["name"] = p.Name,
                ["identifier"] = new JsonObject { ["scheme"] = "NL-AGB", ["id"] = p.AgbCode, ["legalName"] = p.Name },
                ["roles"] = roles,
            });
        }

        var tenderObject = new JsonObject
        {
            ["id"] = tender.Reference,
            ["title"] = tender.Title,
            ["status"] = tender.Phase switch
            {
                TenderPhase.Withdrawn => "withdrawn",
                TenderPhase.Preparation => "planning",
                >= TenderPhase.Awarded => "complete",
                _ => "active",
            },
            ["procuringEntity"] = Ref(RegionId(procuring), "Regio " + procuring.Name),
            ["procurementMethod"] = "selective",
            ["procurementMethodDetails"] = "Dialooggerichte aanbesteding (mededingingsprocedure met onderhandeling / concurrentiegerichte dialoog, Aanbestedingswet 2012) met strategische partnerschappen van 9 jaar",
            ["mainProcurementCategory"] = "services",
            ["value"] = Money(tender.Lots.Sum(l => l.EstimatedValueCents)),
            ["awardCriteria"] = "ratedCriteria",
            ["awardCriteriaDetails"] = string.Join("; ", tender.CriteriaWeights.Select(kv => $"{kv.Key} {kv.Value}%")),
            ["numberOfTenderers"] = bidders.Count,
            ["tenderers"] = new JsonArray(bidders.Order().Select(id => (JsonNode)Ref(ProviderId(providers[id]), providers[id].Name)).ToArray()),
            ["lots"] = new JsonArray(tender.Lots.OrderBy(l => l.LotCode, StringComparer.Ordinal).Select(l => (JsonNode)new JsonObject
            {
                ["id"] = l.LotCode,
                ["title"] = lots.TryGetValue(l.LotCode, out var lot) ? lot.Name : l.LotCode,
                ["value"] = Money(l.EstimatedValueCents),
            }).ToArray()),
            ["milestones"] = new JsonArray(tender.Rounds.OrderBy(r => r.Number).Select(r => (JsonNode)new JsonObject
            {
                ["id"] = $"{tender.Reference}-dialoog-{r.Number}",
                ["title"] = $"Dialoogronde {r.Number}: {r.Theme}",
                ["type"] = "engagement",
                ["dueDate"] = Date(r.HeldOn),
                ["dateMet"] = Date(r.HeldOn),
                ["status"] = "met",
            }).ToArray()),
        };
        if (tender.AwardDecisionSentOn is { } sentOn)
            ((JsonArray)tenderObject["milestones"]!).Add(new JsonObject
            {
                ["id"] = $"{tender.Reference}-gunningsbeslissing",
                ["title"] = "Gunningsbeslissing verzonden aan alle inschrijvers (begin standstilltermijn de dag erna)",
                ["type"] = "engagement",
                ["dueDate"] = Date(sentOn),
                ["dateMet"] = Date(sentOn),
                ["status"] = "met",
            });

        var decision = tender.AwardDecisionReference is { } dr ? db.Decisions.AsNoTracking().Include(d => d.Approvals).FirstOrDefault(d => d.Reference == dr) : null;
        var evaluations = EvaluationRecords.Load(db, agreements);
        var awards = new JsonArray();
        var contracts = new JsonArray();
        foreach (var a in agreements)
        {
            var p = providers[a.ProviderId];
            var awardId = $"{a.Reference}-gunning";
            var total = a.Ceilings.Sum(c => c.AmountCents);
            var bid = tender.Bids.FirstOrDefault(b => b.ProviderId == a.ProviderId && b.LotCode == a.LotCode);
            awards.Add(Compact(new JsonObject
            {
                ["id"] = awardId,
                ["title"] = $"Strategisch partnerschap {p.Name}, perceel {(lots.TryGetValue(a.LotCode, out var l) ? l.Name : a.LotCode)}",
                ["description"] = bid is null || bid.Scores.Count == 0 ? null : ScoreText(tender, bid),
                ["status"] = "active",
                ["date"] = (tender.AwardDecisionSentOn ?? tender.IntendedAwardOn) is { } ia ? Date(ia) : null,
                ["value"] = total > 0 ? Money(total) : null,
                ["suppliers"] = new JsonArray(Ref(ProviderId(p), p.Name)),
                ["relatedLots"] = new JsonArray(a.LotCode),
                ["contractPeriod"] = new JsonObject { ["startDate"] = Date(a.Start), ["endDate"] = Date(a.End) },
            }));
            var milestones = new JsonArray();
            foreach (var approval in decision?.Approvals.OrderBy(x => x.At) ?? Enumerable.Empty<DecisionApproval>())
                milestones.Add(new JsonObject
                {
                    ["id"] = $"{a.Reference}-{decision!.Reference}-{approval.RegionCode}",
                    ["title"] = $"Instemming wethouder {RegionName(regions, approval.RegionCode)} met de gunning ({decision.Reference})",
                    ["type"] = "approval",
                    ["dateMet"] = Date(WorkCalendar.DateOf(approval.At)),
                    ["status"] = "met",
                });
            foreach (var years in new[] { 3, 6 })
                foreach (var m in EvaluationMilestones(evaluations, regions, a, years, now)) milestones.Add(m);
            var contract = new JsonObject
            {
                ["id"] = a.Reference,
                ["awardID"] = awardId,
                ["title"] = $"Overeenkomst strategisch partnerschap {p.Name} ({a.LotCode})",
                ["status"] = a.End < WorkCalendar.DateOf(now) ? "terminated" : a.SignedOn is null ? "pending" : "active",
                ["period"] = new JsonObject { ["startDate"] = Date(a.Start), ["endDate"] = Date(a.End) },
                ["milestones"] = milestones,
            };
            if (total > 0) contract["value"] = Money(total);
            if (a.SignedOn is { } signed) contract["dateSigned"] = Date(signed);
            contracts.Add(contract);
        }

        // An intended award not yet made final: each proposed bid is a pending award.
        if (agreements.Count == 0)
            foreach (var b in tender.Bids.Where(b => b.Proposed))
                awards.Add(Compact(new JsonObject
                {
                    ["id"] = $"{tender.Reference}-{b.LotCode}-{providers[b.ProviderId].AgbCode}-gunning",
                    ["title"] = $"Voorgenomen gunning perceel {(lots.TryGetValue(b.LotCode, out var bl) ? bl.Name : b.LotCode)} aan {providers[b.ProviderId].Name}",
                    ["description"] = b.Scores.Count == 0 ? null : ScoreText(tender, b),
                    ["status"] = "pending",
                    ["date"] = (tender.AwardDecisionSentOn ?? tender.IntendedAwardOn) is { } d ? Date(d) : null,
                    ["value"] = Money(b.AmountCents),
                    ["suppliers"] = new JsonArray(Ref(ProviderId(providers[b.ProviderId]), providers[b.ProviderId].Name)),
                    ["relatedLots"] = new JsonArray(b.LotCode),
                }));

        var release = new JsonObject
        {
            ["ocid"] = $"{Prefix}-{tender.Reference}",
            ["id"] = $"{tender.Reference}-{now:yyyyMMddHHmmss}",
            ["date"] = Stamp(now),
            ["tag"] = new JsonArray(new[] { "tender", awards.Count > 0 ? "award" : null, contracts.Count > 0 ? "contract" : null }
                .Where(t => t is not null).Select(t => (JsonNode)t!).ToArray()),
            ["initiationType"] = "tender",
            ["language"] = "nl",
            ["parties"] = parties,
            ["buyer"] = Ref(RegionId(procuring), "Regio " + procuring.Name),
            ["tender"] = tenderObject,
            ["awards"] = awards,
            ["contracts"] = contracts,
        };
        return new JsonObject
        {
            ["uri"] = $"urn:verwerving:ocds:{tender.Reference}",
            ["version"] = "1.1",
            ["extensions"] = new JsonArray(LotsExtension),
            ["publishedDate"] = Stamp(now),
            ["publisher"] = new JsonObject { ["name"] = string.Join(" en ", buyers.Select(b => "Regio " + b.Name)) },
            ["releases"] = new JsonArray(release),
        };
    }

    private static string ScoreText(Tender tender, Bid bid) =>
        $"Inschrijving {Nl.Euro(bid.AmountCents)} per jaar; scores: {string.Join(", ", bid.Scores.Select(x => $"{x.Key} {x.Value.ToString("0.#", Nl.Culture)}"))} (gewogen {tender.WeightedScore(bid)?.ToString("0.00", Nl.Culture)})";

    /// <summary>Leaves out the fields that have no value: the schema wants them absent, not null.</summary>
    private static JsonObject Compact(JsonObject o)
    {
        foreach (var key in o.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList()) o.Remove(key);
        return o;
    }

    public static string Serialize(JsonObject package) =>
        package.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The evaluations of the agreements on record and their decisions with each alderman's approval, read in two queries.</summary>
    private sealed record EvaluationRecords(Dictionary<(int Agreement, int Round), Evaluation> Evaluations, Dictionary<string, Decision> Decisions)
    {
        public static EvaluationRecords Load(VerwervingDb db, IEnumerable<Agreement> agreements)
        {
            var ids = agreements.Select(a => a.Id).ToList();
            var evaluations = db.Evaluations.AsNoTracking().Where(e => ids.Contains(e.AgreementId)).ToList();
            var keys = evaluations.Select(e => e.DecisionReference ?? e.Key).ToList();
            var decisions = db.Decisions.AsNoTracking().Include(d => d.Approvals).Where(d => keys.Contains(d.Reference)).ToDictionary(d => d.Reference);
            return new EvaluationRecords(evaluations.ToDictionary(e => (e.AgreementId, e.Round)), decisions);
        }
    }

    /// <summary>The evaluation after <paramref name="years"/> years: scheduled, started, or decided (and when the aldermen approved).</summary>
    private static IEnumerable<JsonObject> EvaluationMilestones(EvaluationRecords records, Dictionary<string, Region> regions, Agreement a, int years, DateTime now)
    {
        var due = a.Start.AddYears(years);
        var id = $"{a.Reference}-evaluatie-na-{years}-jaar";
        var evaluation = records.Evaluations.GetValueOrDefault((a.Id, years / 3));
        var decision = evaluation is null ? null : records.Decisions.GetValueOrDefault(evaluation.DecisionReference ?? evaluation.Key);
        var milestone = new JsonObject
        {
            ["id"] = id,
            ["title"] = $"Evaluatie na {years} jaar",
            ["type"] = "assessment",
            ["dueDate"] = Date(due),
            ["status"] = evaluation?.Outcome is not null ? "met" : due < WorkCalendar.DateOf(now) ? "notMet" : "scheduled",
        };
        if (evaluation?.Outcome is not null)
        {
            milestone["dateMet"] = decision?.DecidedAt is { } at ? Stamp(at) : Date(evaluation.DecidedOn!.Value);
            milestone["description"] = "Besluit: " + (decision?.Proposal ?? EvaluationOutcomes.Dutch(evaluation.Outcome.Value));
        }
        else if (evaluation is not null) milestone["description"] = "Gestart op " + evaluation.StartedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ", nog niet besloten";
        yield return milestone;
        foreach (var approval in decision?.Approvals.OrderBy(x => x.At) ?? Enumerable.Empty<DecisionApproval>())
            yield return new JsonObject
            {
                ["id"] = $"{id}-instemming-{approval.RegionCode}",
                ["title"] = $"Instemming wethouder {RegionName(regions, approval.RegionCode)} met het evaluatiebesluit na {years} jaar",
                ["type"] = "approval",
                ["dateMet"] = Stamp(approval.At),
                ["status"] = "met",
            };
    }

    private static string RegionName(Dictionary<string, Region> regions, string code) => regions.TryGetValue(code, out var r) ? r.Name : code;

    private static JsonObject Money(long cents) => new() { ["amount"] = cents / 100m, ["currency"] = "EUR" };

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    private static string Stamp(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
