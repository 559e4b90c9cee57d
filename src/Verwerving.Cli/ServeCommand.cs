using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Verwerving.Web;

namespace Verwerving.Cli;

internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static readonly Option<string> UrlsOption = new("--urls")
    {
        Description = $"Adres(sen) waarop de webapplicatie luistert, gescheiden door ; (standaard {DefaultUrls})",
        DefaultValueFactory = _ => DefaultUrls,
    };

    private static readonly Option<bool> NoWorkerOption = new("--no-worker") { Description = "Vuur hier geen timers af (er draaien aparte werkers: verwerving worker)" };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("serve", "Start de webapplicatie (Nederlandse pagina's en JSON-API) op dezelfde database; vuurt ook vervallen timers af")
        {
            UrlsOption, NoWorkerOption, WorkerCommand.NodeOption, WorkerCommand.LeaseOption, WorkerCommand.BatchOption, WorkerCommand.IntervalOption,
        };
        command.SetAction(Cli.Action(output, error, Serve));
        return command;
    }

    public static int Serve(ParseResult parse, CliContext ctx)
    {
        // Migrates once, before the first request.
        bool demo;
        using (var db = ctx.OpenDb()) demo = LocalAccounts.IsDemo(db);
        var urls = parse.GetValue(UrlsOption)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var app = WebApp.Build(new WebSettings(ctx.Database, urls, parse.GetValue(WorkflowCommands.WorkflowsOption), parse.GetValue(RulesCommands.NormsOption),
            parse.GetValue(DocumentCommands.TemplatesOption), Worker: parse.GetValue(NoWorkerOption) ? null : WorkerCommand.Options(parse)));
        app.Start();
        ctx.Out.WriteLine($"Verwerving draait op {string.Join(", ", app.Urls)} ({ctx.Database.Describe()}). Stoppen: Ctrl+C.");
        // Only a demo database has demo accounts; anywhere else the password would be a hint to an attacker.
        if (demo) ctx.Out.WriteLine($"Demo-accounts: contractmanager, controller, accounthouder, wethouder.zk, wethouder.ijmond, aanbieder.kjg; wachtwoord {LocalAccounts.DemoPassword}.");
        ctx.Out.Flush();
        app.WaitForShutdown();
        return ExitCodes.Ok;
    }
}
