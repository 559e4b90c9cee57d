using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;

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
        var login = new Argument<string>("gebruiker") { Description = "Inlognaam" };
        var setPassword = new Command("set-password", "Zet het wachtwoord van een lokaal account; het wachtwoord komt van de standaardinvoer (niet als argument, dan blijft het uit de shellgeschiedenis)") { login };
        setPassword.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            var password = Console.In.ReadLine()?.TrimEnd('\r', '\n') ?? throw new InputException("Geef het wachtwoord op de standaardinvoer.");
            using var db = ctx.OpenDb();
            var user = db.RequireUser(parse.GetValue(login)!);
            Verwerving.Web.LocalAccounts.SetPassword(user, password);
            db.SaveChanges();
            ctx.Out.WriteLine($"Wachtwoord van {user.Login} gezet.");
            return ExitCodes.Ok;
        }));
        var token = new Command("token", "Maakt een nieuw API-token voor een gebruiker (vervangt het vorige); alleen de hash wordt bewaard") { new Argument<string>("gebruiker") };
        token.SetAction(Cli.Action(output, error, (parse, ctx) =>
        {
            using var db = ctx.OpenDb();
            var user = db.RequireUser(parse.GetValue<string>("gebruiker")!);
            var value = Verwerving.Web.LocalAccounts.NewApiToken(user);
            db.SaveChanges();
            ctx.Print(new { user.Login, token = value }, w => w.WriteLine(value));
            return ExitCodes.Ok;
        }));
        var command = new Command("users", "Gebruikers");
        command.Subcommands.Add(list);
        command.Subcommands.Add(setPassword);
        command.Subcommands.Add(token);
        return command;
    }
}
