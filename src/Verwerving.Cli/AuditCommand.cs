using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;

namespace Verwerving.Cli;

internal static class AuditCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var verify = new Command("verify", "Controleert de hashketen van het auditspoor");
        verify.SetAction(Cli.Action(output, error, (_, ctx) =>
        {
            using var db = ctx.OpenDb();
            AuditEntry? previous = null;
            long count = 0;
            long? broken = null;
            foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsEnumerable())
            {
                if (!entry.IsIntact(previous)) { broken = entry.Sequence; break; }
                previous = entry;
                count++;
            }
            ctx.Print(new { Intact = broken is null, Entries = count, BrokenAt = broken }, w =>
                w.WriteLine(broken is null ? $"Auditspoor intact: {count} regels." : $"Auditspoor verbroken bij regel {broken}."));
            return broken is null ? ExitCodes.Ok : ExitCodes.Refused;
        }));
        var list = new Command("list", "Toont de laatste regels van het auditspoor");
        var take = new Option<int>("--last") { DefaultValueFactory = _ => 20, Description = "Aantal regels" };
        list.Options.Add(take);
        list.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            using var db = ctx.OpenDb();
            var n = parse.GetValue(take);
            var entries = db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).Take(n).ToList();
            entries.Reverse();
            ctx.Print(entries, w =>
            {
                foreach (var e in entries) w.WriteLine($"{e.Sequence,6} {e.At:yyyy-MM-dd HH:mm} {e.Actor,-18} {e.Action,-24} {e.SubjectType} {e.SubjectKey} {e.DetailsJson}");
            });
            return ExitCodes.Ok;
        }));
        var command = new Command("audit", "Het auditspoor");
        command.Subcommands.Add(verify);
        command.Subcommands.Add(list);
        return command;
    }
}
