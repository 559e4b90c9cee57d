namespace Verwerving.Rules.Acceptance;

internal static class AllowedText
{
    public static string Allowed(decimal norm) => norm == 0 ? "geen weigering" : $"ten hoogste {norm:0} weigeringen";
}
