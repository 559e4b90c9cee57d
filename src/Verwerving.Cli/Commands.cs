using System.CommandLine;

namespace Verwerving.Cli;

internal static class Commands
{
    public static IEnumerable<Command> All(TextWriter output, TextWriter error) =>
    [
        DemoCommand.Create(output, error),
        UsersCommand.Create(output, error),
        AuditCommand.Create(output, error),
        .. WorkflowCommands.Create(output, error),
        .. RulesCommands.Create(output, error),
        ImportCommands.Create(output, error),
        .. DocumentCommands.Create(output, error),
        BenchCommand.Create(output, error),
        ServeCommand.Create(output, error),
        .. WorkerCommand.Create(output, error),
        TenderCommands.Create(output, error),
    ];
}
