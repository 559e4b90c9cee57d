using NRules.Fluent.Dsl;
using Verwerving.Domain;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Rules.Acceptance;

[Name("acceptatie.complexe-casuistiek"), Tag(RuleSets.Acceptance)]
[Description("Een strategisch partner accepteert complexe verwijzingen niet minder vaak dan lichte.")]
[Finding(Severity.Violation, "001 bijlage 3")]
public sealed class ComplexCasesAcceptedLessRule : CatalogRule
{
    public override void Define()
    {
        ReferralStats f = null!;
        When().Match(() => f, x => x.StrategicPartner && x.ComplexTotal >= x.Norms["acceptatie.min-verwijzingen"] && x.LightTotal >= x.Norms["acceptatie.min-verwijzingen"]
            && (decimal)x.ComplexAccepted / x.ComplexTotal < (decimal)x.LightAccepted / x.LightTotal - x.Norms["acceptatie.max-achterstand-complex"]);
        Then().Yield(_ => Verdict(f, $"Aanbieder {f.Name} accepteerde in perceel {f.LotName} ({f.Region}, {Nl.Period(f.From, f.To)}) {Nl.Percent((decimal)f.ComplexAccepted / f.ComplexTotal)} van de complexe verwijzingen ({f.ComplexAccepted} van {f.ComplexTotal}) tegen {Nl.Percent((decimal)f.LightAccepted / f.LightTotal)} van de lichte ({f.LightAccepted} van {f.LightTotal}); complexe casuïstiek mag niet vaker worden afgewezen.", new { complexGeaccepteerd = f.ComplexAccepted, complexTotaal = f.ComplexTotal, lichtGeaccepteerd = f.LightAccepted, lichtTotaal = f.LightTotal }));
    }
}
