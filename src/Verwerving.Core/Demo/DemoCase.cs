using Verwerving.Domain;

namespace Verwerving.Demo;

/// <summary>
/// The fixed facts of the demo: the seven municipalities of Zuid-Kennemerland and IJmond,
/// the lots seen in the seeds and the calibration figures of 001 §2 and annex 1.
/// </summary>
internal static class DemoCase
{
    public const string ZuidKennemerland = "ZK";
    public const string IJmond = "IJM";
    public const string SupraRegional = "ZKIJ";

    public static readonly int[] Years = [2023, 2024, 2025];
    public static readonly DateOnly AgreementStart = new(2023, 1, 1);

    public static Region[] Regions() =>
    [
        new(SupraRegional, "Zuid-Kennemerland en IJmond (bovenregionaal)", RegionKind.SupraRegional),
        new(ZuidKennemerland, "Zuid-Kennemerland", RegionKind.Region, SupraRegional),
        new(IJmond, "IJmond", RegionKind.Region, SupraRegional),
    ];

    // Youth population 0–17 (rounded CBS figures); CBS codes from DESIGN.md §2.
    public static Municipality[] Municipalities() =>
    [
        new("0377", "Bloemendaal", ZuidKennemerland, 5_300),
        new("0392", "Haarlem", ZuidKennemerland, 33_400),
        new("0397", "Heemstede", ZuidKennemerland, 6_500),
        new("0473", "Zandvoort", ZuidKennemerland, 2_900),
        new("0375", "Beverwijk", IJmond, 9_100),
        new("0396", "Heemskerk", IJmond, 8_000),
        new("0453", "Velsen", IJmond, 13_600),
    ];

    /// <summary>Share of youths in care in the last demo year (001 §2: ZK 8.2%, IJmond 11.1%).</summary>
    public static double ShareInCare(string region) => region == ZuidKennemerland ? 0.082 : 0.111;

    /// <summary>
    /// A lot with its share of clients, yearly cost per client (euros, last year), average duration in
    /// months, share of complex cases, and the growth of clients and costs over two years (001 annex 1, 2018–2020).
    /// </summary>
    public sealed record LotProfile(string Code, string Name, string Category, double ClientShare, double CostPerClient,
        double DurationMonths, double ComplexShare, double ClientGrowth2y, double CostGrowth2y, string ProductCode, double MeanWaitDays);

    public static readonly LotProfile[] Lots =
    [
        new("AMB-BGGZ", "Basis GGZ", "Ambulant", 0.15, 2_400, 4, 0.10, 1.47, 1.91, "45A01", 24),
        new("AMB-SGGZ", "Specialistische GGZ", "Ambulant", 0.21, 8_200, 9, 0.35, 1.07, 1.51, "54001", 45),
        new("AMB-DYS", "Dyslexiezorg", "Ambulant", 0.06, 3_600, 12, 0.05, 1.16, 1.16, "54D01", 30),
        new("AMB-OV", "Overig ambulant", "Ambulant", 0.32, 9_500, 7, 0.25, 1.14, 1.71, "43A01", 28),
        new("VB-KGGZ", "Klinische GGZ", "Verblijf", 0.003, 68_000, 5, 0.90, 0.58, 0.41, "54K01", 35),
        new("VB-OV", "Jeugdzorg met verblijf overig", "Verblijf", 0.03, 52_000, 14, 0.70, 1.09, 1.18, "44V01", 40),
        new("VB-PLG", "Pleegzorg en gezinshuizen", "Verblijf", 0.045, 24_000, 24, 0.60, 1.03, 1.22, "44P01", 30),
        new("CRISIS", "Crisis", "Crisis", 0.02, 7_500, 1.5, 0.80, 1.00, 0.88, "46C01", 1),
        new("JZPLUS", "JeugdzorgPlus (gesloten jeugdhulp)", "JeugdzorgPlus", 0.002, 135_000, 6, 1.00, 0.74, 0.63, "47G01", 10),
        new("JB-JR", "Jeugdbescherming en jeugdreclassering", "Jeugdbescherming", 0.063, 6_200, 12, 0.60, 1.00, 1.00, "48B01", 7),
    ];

    /// <summary>Who refers (001 annex 1 names the referrers; shares are the demo's assumption).</summary>
    public static readonly (ReferrerType Type, double Share)[] ReferrerMix =
    [
        (ReferrerType.GeneralPractitioner, 0.38), (ReferrerType.AccessTeam, 0.32), (ReferrerType.MedicalSpecialist, 0.09),
        (ReferrerType.CertifiedInstitution, 0.12), (ReferrerType.YouthJudge, 0.04), (ReferrerType.YouthHealthDoctor, 0.05),
    ];

    /// <summary>
    /// A fictional provider with its market share per lot and region. The first plays the role the seeds
    /// give Kenter: the largest provider of both regions, biggest in Zuid-Kennemerland (001 §6.3).
    /// </summary>
    public sealed record ProviderProfile(string Agb, string Name, string ShortLogin, Dictionary<string, (double Zk, double Ij)> Shares,
        double RefusalRate, double CeilingHeadroom, bool Strategic);

    public static readonly ProviderProfile[] Providers =
    [
        new("71000011", "Kennemer Jeugd & GGZ", "kjg", new()
        {
            ["AMB-BGGZ"] = (0.30, 0.25), ["AMB-SGGZ"] = (0.55, 0.40), ["AMB-OV"] = (0.30, 0.25), ["VB-KGGZ"] = (0.80, 0.70), ["CRISIS"] = (0.50, 0.50),
        }, 0.004, 1.01, true),
        new("71000022", "Spaarne Jeugd en Gezin", "spaarne", new()
        {
            ["AMB-OV"] = (0.30, 0.20), ["VB-OV"] = (0.55, 0.40), ["VB-PLG"] = (0.40, 0.30), ["CRISIS"] = (0.30, 0.20),
        }, 0.002, 1.08, true),
        new("71000033", "IJmond Opvoedpunt", "opvoedpunt", new()
        {
            ["AMB-BGGZ"] = (0.20, 0.40), ["AMB-OV"] = (0.20, 0.40), ["VB-OV"] = (0.15, 0.40), ["VB-PLG"] = (0.10, 0.40),
        }, 0.02, 1.10, true),
        new("71000044", "Duinzicht Ambulant", "duinzicht", new()
        {
            ["AMB-BGGZ"] = (0.35, 0.20), ["AMB-SGGZ"] = (0.30, 0.35), ["AMB-OV"] = (0.20, 0.15),
        }, 0.03, 1.06, false),
        new("71000055", "Horizon Pleegzorg", "horizon", new() { ["VB-PLG"] = (0.50, 0.30) }, 0.0, 1.12, true),
        new("71000066", "Leerlijn Dyslexiecentrum", "leerlijn", new() { ["AMB-DYS"] = (1.00, 1.00) }, 0.0, 1.15, false),
        new("71000077", "De Kustlijn JeugdzorgPlus", "kustlijn", new() { ["JZPLUS"] = (1.00, 1.00) }, 0.0, 1.05, true),
        new("71000088", "Jeugdbescherming Noord-Holland", "jbnh", new() { ["JB-JR"] = (1.00, 1.00) }, 0.0, 1.05, true),
        new("71000099", "Kleinschalig Wonen Kennemerland", "kleinschalig", new()
        {
            ["AMB-SGGZ"] = (0.15, 0.25), ["VB-OV"] = (0.30, 0.20), ["VB-KGGZ"] = (0.20, 0.30), ["CRISIS"] = (0.20, 0.30), ["AMB-OV"] = (0.0, 0.0),
        }, 0.05, 1.04, false),
    ];
}
