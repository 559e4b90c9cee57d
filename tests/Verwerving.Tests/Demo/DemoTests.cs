using Microsoft.EntityFrameworkCore;
using Verwerving.Demo;
using Verwerving.Privacy;
using Verwerving.Tests.Persistence;

namespace Verwerving.Tests.Demo;

public class DemoTests
{
    private static readonly Pseudonymizer Key = new("demo-test-sleutel-0123456789"u8.ToArray());

    private static DemoSummary Generate(int seed)
    {
        using var database = TestDatabase.Sqlite();
        using var db = database.Options.OpenMigrated();
        return new DemoGenerator(db, Key, seed).Generate("test") with { Seconds = 0 };
    }

    [Fact]
    public void SameSeed_SameFigures_OtherSeed_OtherFigures()
    {
        var a = Generate(11);
        var b = Generate(11);
        var c = Generate(12);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(a), System.Text.Json.JsonSerializer.Serialize(b));
        Assert.NotEqual(a.Fingerprint, c.Fingerprint);
        Assert.NotEqual(a.InvoicedCents, c.InvoicedCents);
    }

    [Fact]
    public void Demo_IsCalibratedOnTheSeeds()
    {
        using var database = TestDatabase.Sqlite();
        using var db = database.Options.OpenMigrated();
        var s = new DemoGenerator(db, Key, DemoGenerator.DefaultSeed).Generate("test");

        var zk = s.Regions.Single(r => r.Code == "ZK");
        var ij = s.Regions.Single(r => r.Code == "IJM");
        Assert.InRange(zk.ShareInCare, 0.072, 0.092);   // 001 §2: 8.2%
        Assert.InRange(ij.ShareInCare, 0.101, 0.121);   // 001 §2: 11.1%
        Assert.InRange(s.ClientGrowth, 0.10, 0.22);     // 001 §2: +16% clients in two years
        Assert.InRange(s.CostGrowth, 0.24, 0.38);       // 001 §2: +31% costs
        Assert.InRange(s.Referrals, 3_000, 40_000);
        Assert.True(s.InvoiceLines > 30_000, $"{s.InvoiceLines} declaratieregels is te weinig voor een regiojaar");
        Assert.Equal("Zuid-Kennemerland", s.AccountHoldingRegion);
        Assert.Equal(7, db.Municipalities.Count());
        Assert.Equal(["0375", "0377", "0392", "0396", "0397", "0453", "0473"], db.Municipalities.OrderBy(m => m.CbsCode).Select(m => m.CbsCode).ToList());
        Assert.All(db.Agreements.Where(a => a.StrategicPartner).ToList(), a => Assert.Equal(a.Start.AddYears(9).AddDays(-1), a.End));
        Assert.Contains(db.Referrals.AsNoTracking(), r => r.Referrer == Verwerving.Domain.ReferrerType.CertifiedInstitution);
    }
}
