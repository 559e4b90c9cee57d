using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Persistence;

namespace Verwerving.Cli;

internal static class AuditCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var head = new Option<string?>("--head") { Description = "Een eerder met 'audit head' bewaarde kop (REGEL:HASH); vindt ook een herschreven keten" };
        var verify = new Command("verify", "Controleert de hashketen van het auditspoor, het anker en eventueel een bewaarde kop") { head };
        verify.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            using var db = ctx.OpenDb();
            var check = AuditVerification.Verify(db, parse.GetValue(head));
            ctx.Print(check, w =>
            {
                w.WriteLine(check.Intact ? $"Auditspoor intact: {check.Entries} regels." : "Auditspoor NIET intact:");
                foreach (var p in check.Problems) w.WriteLine("  " + p);
                if (check.Note is { } note) w.WriteLine("  Let op: " + note);
            });
            return check.Intact ? ExitCodes.Ok : ExitCodes.Refused;
        }));
        var export = new Command("head", "Geeft de kop van het auditspoor (REGEL:HASH) om buiten de database te bewaren");
        export.SetAction(Cli.Action(output, error, (_, ctx) =>
        {
            using var db = ctx.OpenDb();
            var current = AuditVerification.Head(db) ?? throw new InputException("Het auditspoor is leeg.");
            ctx.Print(new { head = current }, w => w.WriteLine(current));
            return ExitCodes.Ok;
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
        command.Subcommands.Add(export);
        command.Subcommands.Add(list);
        return command;
    }
}
