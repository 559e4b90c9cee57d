using System.CommandLine;
using Microsoft.EntityFrameworkCore;

namespace Verwerving.Cli;

internal static class UsersCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var list = new Command("list", "Toont de gebruikers met hun rollen en mandaat");
        list.SetAction(Cli.Action(output, error, (_, ctx) =>
        {
            using var db = ctx.OpenDb();
            var users = db.Users.AsNoTracking().OrderBy(u => u.Login).ToList()
                .Select(u => new { u.Login, u.DisplayName, Roles = u.RoleList, Region = u.RegionCode, u.ProviderId }).ToList();
            ctx.Print(users, w =>
            {
                foreach (var u in users)
                    w.WriteLine($"{u.Login,-22} {string.Join(",", u.Roles),-28} {u.Region ?? "-",-6} {u.DisplayName}");
            });
            return ExitCodes.Ok;
        }));
        var command = new Command("users", "Gebruikers");
        command.Subcommands.Add(list);
        return command;
    }
}
