using NRules;
using NRules.Fluent;

namespace Verwerving.Rules;

/// <summary>
/// The compiled rule catalogue. Compiling is done once per process and shared; a session is one unit
/// of work and is not thread-safe.
/// </summary>
public static class RuleEngine
{
    private static readonly Lazy<ISessionFactory> Factory = new(() =>
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(RuleEngine).Assembly));
        return repository.Compile();
    });

    public static IReadOnlyList<Verdict> Evaluate(IEnumerable<Fact> facts)
    {
        var session = Open();
        session.InsertAll(facts);
        session.Fire();
        return session.Query<Verdict>().ToList();
    }

    /// <summary>A session that stays open, so one changed fact is re-judged without judging the rest again.</summary>
    public static ISession Open() => Factory.Value.CreateSession();
}
