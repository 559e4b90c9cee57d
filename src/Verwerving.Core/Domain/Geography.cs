namespace Verwerving.Domain;

public enum RegionKind { Region, SupraRegional }

/// <summary>A youth-care region (Zuid-Kennemerland, IJmond) or the supra-regional level above them.</summary>
public class Region
{
    private Region() { Code = Name = ""; }

    public Region(string code, string name, RegionKind kind, string? parentCode = null)
    {
        if (string.IsNullOrWhiteSpace(code)) throw new DomainException("Een regio heeft een code nodig.");
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("Een regio heeft een naam nodig.");
        if (kind == RegionKind.SupraRegional && parentCode is not null)
            throw new DomainException("Het bovenregionale niveau valt niet onder een andere regio.");
        Code = code;
        Name = name;
        Kind = kind;
        ParentCode = parentCode;
    }

    public string Code { get; private set; }
    public string Name { get; private set; }
    public RegionKind Kind { get; private set; }
    public string? ParentCode { get; private set; }
}

/// <summary>A municipality, keyed by its four-digit CBS code (also its iJw sender/receiver code).</summary>
public class Municipality
{
    private Municipality() { CbsCode = Name = RegionCode = ""; }

    public Municipality(string cbsCode, string name, string regionCode, int youthPopulation)
    {
        if (cbsCode.Length != 4 || !cbsCode.All(char.IsAsciiDigit))
            throw new DomainException($"CBS-gemeentecode '{cbsCode}' moet uit vier cijfers bestaan.");
        if (youthPopulation < 0) throw new DomainException("Het aantal jeugdigen kan niet negatief zijn.");
        CbsCode = cbsCode;
        Name = name;
        RegionCode = regionCode;
        YouthPopulation = youthPopulation;
    }

    public string CbsCode { get; private set; }
    public string Name { get; private set; }
    public string RegionCode { get; private set; }

    /// <summary>Inhabitants aged 0–17, the denominator of the share of youths in care.</summary>
    public int YouthPopulation { get; private set; }
}

/// <summary>A care category (perceel) that is tendered and contracted.</summary>
public class Lot
{
    private Lot() { Code = Name = Category = ""; }

    public Lot(string code, string name, string category)
    {
        if (string.IsNullOrWhiteSpace(code)) throw new DomainException("Een perceel heeft een code nodig.");
        Code = code;
        Name = name;
        Category = category;
    }

    public string Code { get; private set; }
    public string Name { get; private set; }

    /// <summary>Main category: Ambulant, Verblijf, Crisis, JeugdzorgPlus, Jeugdbescherming.</summary>
    public string Category { get; private set; }
}
