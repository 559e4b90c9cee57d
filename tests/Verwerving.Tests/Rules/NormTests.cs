using Verwerving.Domain;
using Verwerving.Rules;
using Verwerving.Workflows;

namespace Verwerving.Tests.Rules;

public sealed class NormTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("verwerving-norms-").FullName;

    public NormTests()
    {
        foreach (var f in Directory.GetFiles(NormBook.DefaultFolder())) File.Copy(f, Path.Combine(_folder, Path.GetFileName(f)));
    }

    public void Dispose() => Directory.Delete(_folder, true);

    [Theory]
    [InlineData("IJM", "2025-06-01", 35)]   // IJmond's own norm from 2025
    [InlineData("IJM", "2024-12-31", 42)]   // before it took effect: the default
    [InlineData("ZK", "2025-06-01", 42)]
    [InlineData(null, "2025-06-01", 42)]
    public void RegionOverride_HoldsFromItsDate(string? region, string at, int expected) =>
        Assert.Equal(expected, NormBook.Load().Value("wachttijd.norm-dagen", region, DateOnly.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void CheckOf2023_UsesTheNormOf2023()
    {
        QualityFigure Figure(int year) => new()
        {
            SubjectType = Subjects.Provider, SubjectKey = "71000011/geregistreerde-professionals", Name = "Kennemer Jeugd & GGZ",
            From = new DateOnly(year, 10, 1), To = new DateOnly(year, 12, 31), Norms = NormBook.Load().For("ZK", new DateOnly(year, 12, 31)),
            Indicator = "geregistreerde-professionals", Value = 0.78m,
        };
        // 0.75 held until 2023, 0.80 from 2024 (rules/norms/default.yaml).
        Assert.DoesNotContain(RuleEngine.Evaluate([Figure(2023)]), v => v.Rule.Id == "kwaliteit.geregistreerde-professionals");
        Assert.Contains(RuleEngine.Evaluate([Figure(2024)]), v => v.Rule.Id == "kwaliteit.geregistreerde-professionals");
    }

    [Fact]
    public void EditedNormsFile_ChangesTheOutcome_WithoutARebuild()
    {
        var stats = RuleCatalogTests.Referrals(refused: 2, lightAccepted: 98);
        Assert.Contains(RuleEngine.Evaluate([stats]), v => v.Rule.Id == "acceptatie.weigering");

        var path = Path.Combine(_folder, NormBook.DefaultFile);
        File.WriteAllText(path, File.ReadAllText(path).Replace(
            "source: 001 bijlage 3 (acceptatieplicht)\n    values:\n      - { from: 2015-01-01, value: 0 }",
            "source: 001 bijlage 3 (acceptatieplicht)\n    values:\n      - { from: 2015-01-01, value: 0 }\n      - { from: 2025-01-01, value: 2 }", StringComparison.Ordinal));
        var edited = NormBook.Load(_folder);
        var relaxed = RuleCatalogTests.Referrals(refused: 2, lightAccepted: 98);
        var judged = new ReferralStats
        {
            SubjectType = relaxed.SubjectType, SubjectKey = relaxed.SubjectKey, Name = relaxed.Name, From = relaxed.From, To = relaxed.To,
            Norms = edited.For("ZK", relaxed.To), ProviderAgb = relaxed.ProviderAgb, LotCode = relaxed.LotCode, LotName = relaxed.LotName,
            Region = "ZK", StrategicPartner = true, LightTotal = 100, LightAccepted = 98, ComplexTotal = 50, ComplexAccepted = 50, Refused = 2, Answered = 150,
        };
        Assert.Equal(2, edited.Value("acceptatie.max-weigeringen", "ZK", new DateOnly(2025, 6, 1)));
        Assert.DoesNotContain(RuleEngine.Evaluate([judged]), v => v.Rule.Id == "acceptatie.weigering");
    }

    [Fact]
    public void BrokenNormsFiles_AreRejected_WithEveryErrorByFileAndLine()
    {
        File.WriteAllText(Path.Combine(_folder, "IJM.yaml"), """
            region: IJM
            norms:
              wachttijd.norm-dagen:
                - { from: 2025-13-01, value: 35 }
              bestaat.niet:
                - { from: 2025-01-01, value: 1 }
            """);
        File.WriteAllText(Path.Combine(_folder, "ZK.yaml"), "norms:\n  budget.pro-rata-marge:\n    - { from: 2024-01-01, value: veel }\n");
        var ex = Assert.Throws<DefinitionException>(() => NormBook.Load(_folder));
        Assert.Contains(ex.Errors, e => e is { File: "IJM.yaml", Line: 4, Field: "wachttijd.norm-dagen.from" });
        Assert.Contains(ex.Errors, e => e is { File: "IJM.yaml", Line: 5, Field: "bestaat.niet" });
        Assert.Contains(ex.Errors, e => e is { File: "ZK.yaml", Field: "region" });
    }
}
