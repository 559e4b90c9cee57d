using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Governance;

[Name("bestuur.evaluatie-op-tijd"), Tag(RuleSets.Governance)]
[Description("Het strategisch partnerschap wordt na 3 en na 6 jaar op tijd geëvalueerd.")]
[Finding(Severity.Violation, "001 §8.1")]
public sealed class EvaluationOnTimeRule : CatalogRule
{
    public override void Define()
    {
        EvaluationDue f = null!;
        When().Match(() => f, x => (x.StartedOn ?? x.Today).DayNumber - x.Due.DayNumber > x.Norms["bestuur.evaluatie-marge-dagen"]);
        Then().Yield(_ => Verdict(f, $"De evaluatie na {f.AfterYears} jaar van overeenkomst {f.SubjectKey} ({f.Name}) viel op {Nl.Date(f.Due)}" + (f.StartedOn != null ? $" en startte pas op {Nl.Date(f.StartedOn.Value)}" : " en is nog niet gestart") + $""" (marge {f.Norms["bestuur.evaluatie-marge-dagen"]:0} dagen).""", new { naJaren = f.AfterYears, datum = f.Due, gestart = f.StartedOn }));
    }
}
