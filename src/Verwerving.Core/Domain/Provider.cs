namespace Verwerving.Domain;

/// <summary>A youth-care provider (jeugdhulpaanbieder), identified by its eight-digit AGB code.</summary>
public class Provider : Versioned
{
    private Provider() { AgbCode = Name = ""; }

    public Provider(string agbCode, string name)
    {
        if (agbCode.Length != 8 || !agbCode.All(char.IsAsciiDigit))
            throw new DomainException($"AGB-code '{agbCode}' moet uit acht cijfers bestaan.");
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("Een aanbieder heeft een naam nodig.");
        AgbCode = agbCode;
        Name = name;
    }

    public int Id { get; private set; }
    public string AgbCode { get; private set; }
    public string Name { get; private set; }

    /// <summary>The region that watches this provider on behalf of all purchasing regions (001 §6.3).</summary>
    public string? AccountHoldingRegionCode { get; private set; }

    /// <summary>Financial ratios from the latest annual accounts, for the continuity rules.</summary>
    public decimal? Solvency { get; private set; }
    public decimal? CurrentRatio { get; private set; }
    public long? ResultCents { get; private set; }

    public void AppointAccountHolder(string regionCode) => AccountHoldingRegionCode = regionCode;

    public void RecordAnnualAccounts(decimal solvency, decimal currentRatio, long resultCents)
    {
        if (solvency is < -1 or > 1) throw new DomainException("Solvabiliteit is een fractie tussen -1 en 1.");
        if (currentRatio < 0) throw new DomainException("De current ratio kan niet negatief zijn.");
        Solvency = solvency;
        CurrentRatio = currentRatio;
        ResultCents = resultCents;
    }

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("Een aanbieder heeft een naam nodig.");
        Name = name;
    }
}
