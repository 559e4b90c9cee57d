namespace Verwerving.Domain;

/// <summary>The council's budget frame (budgettair kader) for youth care of one municipality in one year.</summary>
public class BudgetFrame : Versioned
{
    private BudgetFrame() { MunicipalityCode = ""; }

    public BudgetFrame(string municipalityCode, int year, long amountCents)
    {
        if (year is < 2015 or > 2100) throw new DomainException($"Begrotingsjaar {year} valt buiten het bereik 2015–2100.");
        if (amountCents < 0) throw new DomainException("Een budget kan niet negatief zijn.");
        MunicipalityCode = municipalityCode;
        Year = year;
        AmountCents = amountCents;
    }

    public int Id { get; private set; }
    public string MunicipalityCode { get; private set; }
    public int Year { get; private set; }
    public long AmountCents { get; private set; }

    /// <summary>A council amends the budget (begrotingswijziging).</summary>
    public void Amend(long amountCents)
    {
        if (amountCents < 0) throw new DomainException("Een budget kan niet negatief zijn.");
        AmountCents = amountCents;
    }

    /// <summary>The share of the year's budget available up to and including <paramref name="date"/>.</summary>
    public long ProRataCents(DateOnly date)
    {
        if (date.Year < Year) return 0;
        if (date.Year > Year) return AmountCents;
        var days = DateTime.IsLeapYear(Year) ? 366 : 365;
        return AmountCents * date.DayOfYear / days;
    }
}
