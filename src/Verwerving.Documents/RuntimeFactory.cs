using Verwerving.Persistence;
using Verwerving.Rules;
using Verwerving.Workflows;

namespace Verwerving.Documents;

/// <summary>
/// The one place a workflow runtime is composed: definitions, rule-set guards and norm terms, documents, the working-day
/// calendar. The CLI, the web application and the timer worker all take their runtime from here, so they judge alike.
/// </summary>
public sealed class RuntimeFactory
{
    private readonly WorkflowRuleGuard _rules;
    private readonly DocumentService _documents;

    public RuntimeFactory(DefinitionCatalog catalog, TemplateLibrary templates, Func<NormBook> norms, WorkCalendar? calendar = null)
    {
        Catalog = catalog;
        Norms = norms;
        Calendar = calendar ?? WorkCalendar.Default;
        _rules = new WorkflowRuleGuard(norms);
        _documents = new DocumentService(templates, norms);
    }

    public DefinitionCatalog Catalog { get; }
    public Func<NormBook> Norms { get; }
    public WorkCalendar Calendar { get; }
    public DocumentService Documents => _documents;

    public WorkflowRuntime For(VerwervingDb db) => new(db, Catalog, DatabaseClock.Load(db), _rules, _documents, Calendar);

    /// <summary>The use cases on this database, composed as the runtime is.</summary>
    public UseCases UseCases(VerwervingDb db) => new(db, this);

    /// <summary>A timer worker on this database with these definitions.</summary>
    public TimerWorker Worker(DatabaseOptions database, WorkerOptions options, Action<string> log) =>
        new(() => database.Open(), For, options, log);
}
