using System.CommandLine;
using Verwerving.Rules;
using Verwerving.Workflows;

namespace Verwerving.Cli;

internal static class TenderCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var reference = new Argument<string>("aanbesteding") { Description = "Kenmerk van de aanbesteding" };
        var weights = new Argument<string[]>("criteria") { Description = "Criteria met gewicht, bijvoorbeeld kwaliteit=60 prijs=30 samenwerking=10", Arity = ArgumentArity.OneOrMore };
        var criteria = new Command("criteria", "Stelt de gunningscriteria vast (tot de uitnodiging tot inschrijving) en toetst de aanbesteding opnieuw") { reference, weights, WorkflowCommands.AsOption };
        criteria.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            using var db = ctx.OpenDb();
            var clock = DatabaseClock.Load(db);
            var parsed = TenderCriteria.Parse(parse.GetValue(weights)!);
            var result = WorkflowCommands.Factory(parse).UseCases(db).SetCriteria(parse.GetValue(reference)!, parsed, db.RequireUser(parse.GetValue(WorkflowCommands.AsOption)!));
            ctx.Print(new { criteria = parsed, total = parsed.Values.Sum(), standing = result.Standing.Select(f => f.Explanation) }, w =>
            {
                w.WriteLine($"Gunningscriteria van {parse.GetValue(reference)} vastgesteld: {string.Join(", ", parsed.Select(p => $"{p.Key} {p.Value}%"))} (totaal {parsed.Values.Sum()}%).");
                foreach (var f in result.Standing) w.WriteLine($"  Bevinding: {f.Explanation}");
            });
            return result.Blocking ? ExitCodes.Refused : ExitCodes.Ok;
        }));
        return new Command("tenders", "Aanbestedingen") { criteria };
    }
}
