using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Verwerving.Domain;

namespace Verwerving.Workflows;

/// <summary>An error in a definition or template file; <paramref name="Column"/> is 0 when only the line is known.</summary>
public sealed record DefinitionError(string File, int Line, string Field, string Message, int Column = 0)
{
    public override string ToString() => Column > 0 ? $"{File}:{Line}:{Column}: {Field}: {Message}" : $"{File}:{Line}: {Field}: {Message}";
}

/// <summary>The definition file has errors; all of them are listed.</summary>
public sealed class DefinitionException(IReadOnlyList<DefinitionError> errors)
    : InputException(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}

/// <summary>
/// Reads a workflow definition from YAML and validates it as a whole: unknown states, triggers, roles,
/// rule sets or workflows, unreachable states, non-final states without a way out, a wrong number of
/// initial states. Every error names file, line and field.
/// </summary>
public sealed class DefinitionLoader(IReadOnlySet<string> knownRuleSets, Func<string, bool> workflowExists, Func<string, bool>? templateExists = null)
{
    private readonly List<DefinitionError> _errors = [];
    private string _file = "";

    public static DefinitionLoader Default(Func<string, bool> workflowExists, Func<string, bool>? templateExists = null) =>
        new(RuleSets.Known, workflowExists, templateExists);

    public WorkflowDefinition LoadFile(string path) => Load(File.ReadAllText(path), Path.GetFileName(path));

    public WorkflowDefinition Load(string yaml, string file)
    {
        _errors.Clear();
        _file = file;
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException ex)
        {
            throw new DefinitionException([new DefinitionError(file, (int)ex.Start.Line, "yaml", ex.InnerException?.Message ?? ex.Message)]);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new DefinitionException([new DefinitionError(file, 1, "(bestand)", "een definitie is een YAML-mapping met id, version, states en triggers")]);

        var id = Scalar(root, "id", required: true) ?? "";
        var versionText = Scalar(root, "version", required: true);
        var version = 0;
        if (versionText is not null && (!int.TryParse(versionText, out version) || version < 1))
            Error(root, "version", $"'{versionText}' is geen positief versienummer");
        var title = Scalar(root, "title") ?? id;
        _subject = SubjectKinds.Parse(Scalar(root, "subject"));
        if ((int)_subject < 0)
        {
            Error(root, "subject", $"onbekend soort onderwerp '{Scalar(root, "subject")}' (bekend: {SubjectKinds.Known})");
            _subject = SubjectKind.None;
        }

        var defaults = new Dictionary<string, Value>(StringComparer.Ordinal);
        if (Child(root, "data") is YamlMappingNode data)
            foreach (var (k, v) in data.Children)
                defaults[((YamlScalarNode)k).Value!] = Value.Parse(((v as YamlScalarNode)?.Value) ?? "");

        var states = Sequence(root, "states", required: true).Select(ReadState).ToList();
        var triggers = Sequence(root, "triggers", required: true).Select(ReadTrigger).ToList();
        Validate(root, states, triggers, defaults);
        if (_errors.Count > 0) throw new DefinitionException([.. _errors]);
        return new WorkflowDefinition(id, version, title, file, defaults, states, triggers, yaml, _subject);
    }

    private SubjectKind _subject;

    private StateDefinition ReadState(YamlNode node)
    {
        var map = AsMap(node, "states[]");
        var id = Scalar(map, "id", required: true) ?? "";
        var actions = new List<ActionDefinition>();
        foreach (var a in Sequence(map, "onEntry"))
        {
            var am = AsMap(a, $"states.{id}.onEntry");
            if (Child(am, "task") is YamlMappingNode t)
                actions.Add(ReadTask(t, $"states.{id}.onEntry.task"));
            else if (Child(am, "start") is YamlMappingNode s)
            {
                var each = Scalar(s, "each");
                actions.Add(new StartWorkflowAction(Scalar(s, "workflow", required: true) ?? "", Scalar(s, "subject", required: each is null) ?? "",
                    Operands(s, "data"), Line(s), each));
                if (each is not null && !SubjectKinds.CollectionNames(_subject).Contains(each))
                    Error(s, "each", $"'{each}' is geen verzameling van het onderwerp ({SubjectKinds.Dutch(_subject)}; bekend: {string.Join(", ", SubjectKinds.CollectionNames(_subject).DefaultIfEmpty("geen"))})");
            }
            else if (Scalar(am, "fireParent") is { } fp)
                actions.Add(new FireParentAction(fp, Line(am)));
            else if (Scalar(am, "recordDate") is { } rd)
                actions.Add(new SetDateAction(rd, Line(am)));
            else if (Child(am, "document") is { } doc)
                actions.Add(ReadDocument(doc, $"states.{id}.onEntry.document"));
            else Error(am, $"states.{id}.onEntry", "onbekende actie (bekend: task, start, fireParent, recordDate, document)");
        }
        var timers = new List<TimerDefinition>();
        foreach (var t in Sequence(map, "timers"))
        {
            var tm = AsMap(t, $"states.{id}.timers");
            var trigger = Scalar(tm, "trigger", required: true) ?? "";
            Duration? after = null, every = null, offset = null;
            string? atField = null;
            if (Scalar(tm, "after") is { } a) after = ParseDuration(tm, "after", a);
            if (Scalar(tm, "every") is { } e) every = ParseDuration(tm, "every", e);
            if (Scalar(tm, "at") is { } at)
            {
                var parts = at.Split('+', StringSplitOptions.TrimEntries);
                atField = parts[0];
                if (parts.Length == 2) offset = ParseDuration(tm, "at", parts[1]);
                else if (parts.Length > 2) Error(tm, "at", $"'{at}' is geen datum van de vorm 'veld + duur' (bv. ingangsdatum + 3y)");
            }
            if ((after is null ? 0 : 1) + (atField is null ? 0 : 1) + (every is null ? 0 : 1) != 1)
                Error(tm, $"states.{id}.timers", "een timer heeft precies één van after, at of every");
            timers.Add(new TimerDefinition(trigger, after, atField, offset, every, Line(tm)));
        }
        return new StateDefinition(id, Scalar(map, "title") ?? id, Bool(map, "initial"), Bool(map, "final"), actions, timers, Line(map));
    }

    private OpenTaskAction ReadTask(YamlMappingNode t, string field) =>
        new(Scalar(t, "title", required: true) ?? "", Scalar(t, "role", required: true) ?? "",
            Scalar(t, "approve"), Scalar(t, "reject"), Scalar(t, "sendBack"), Line(t), ReadTerm(t, field + ".within"));

    /// <summary>"document: ID" or "document: { template: ID, when: CONDITION }".</summary>
    private RenderDocumentAction ReadDocument(YamlNode node, string field)
    {
        if (node is YamlScalarNode scalar) return new RenderDocumentAction(scalar.Value ?? "", null, Line(node));
        var map = AsMap(node, field);
        Condition? when = null;
        if (Scalar(map, "when") is { } w)
        {
            when = Condition.TryParse(w, out var err);
            if (err is not null) Error(map, field + ".when", err);
        }
        return new RenderDocumentAction(Scalar(map, "template", required: true) ?? "", when, Line(map));
    }

    private TriggerDefinition ReadTrigger(YamlNode node)
    {
        var map = AsMap(node, "triggers[]");
        var id = Scalar(map, "id", required: true) ?? "";
        var from = Child(map, "from") switch
        {
            YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => s.Value!).ToList(),
            YamlScalarNode s => [s.Value!],
            _ => [],
        };
        if (from.Count == 0) Error(map, $"triggers.{id}.from", "ontbreekt");
        var roles = Child(map, "roles") is YamlSequenceNode rs ? rs.Children.OfType<YamlScalarNode>().Select(s => s.Value!).ToList() : [];
        if (roles.Count == 0) Error(map, $"triggers.{id}.roles", "noem ten minste één rol die de trigger mag afvuren");
        var parameters = new List<ParameterDefinition>();
        foreach (var p in Sequence(map, "parameters"))
        {
            var pm = AsMap(p, $"triggers.{id}.parameters");
            var type = Scalar(pm, "type") ?? "text";
            if (!ParameterValues.TypeNames.TryGetValue(type, out var kind))
                Error(pm, $"triggers.{id}.parameters.type", $"onbekend type '{type}' ({string.Join(", ", ParameterValues.TypeNames.Keys)})");
            var options = Child(pm, "options") switch
            {
                YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(o => o.Value!).ToList(),
                YamlScalarNode o => o.Value!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
                _ => [],
            };
            if ((kind == ParameterKind.Choice) != (options.Count > 0))
                Error(pm, $"triggers.{id}.parameters.options", kind == ParameterKind.Choice ? "een keuze noemt haar waarden (options: [a, b])" : "alleen een keuze (type: choice) heeft options");
            var name = Scalar(pm, "name", required: true) ?? "";
            parameters.Add(new ParameterDefinition(name, kind, Bool(pm, "required", true), Scalar(pm, "label") ?? name, options));
        }
        var guards = new List<GuardDefinition>();
        foreach (var g in Sequence(map, "guards"))
        {
            var gm = AsMap(g, $"triggers.{id}.guards");
            var message = Scalar(gm, "message", required: true) ?? "";
            Condition? condition = null;
            if (Scalar(gm, "condition") is { } c)
            {
                condition = Condition.TryParse(c, out var err);
                if (err is not null) Error(gm, $"triggers.{id}.guards.condition", err);
            }
            var ruleSet = Scalar(gm, "ruleset");
            if ((condition is null) == (ruleSet is null) && _errors.All(e => e.Line != Line(gm)))
                Error(gm, $"triggers.{id}.guards", "een guard heeft precies één van condition of ruleset");
            guards.Add(new GuardDefinition(condition, ruleSet, message, Line(gm)));
        }
        var increment = Child(map, "increment") switch
        {
            YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => s.Value!).ToList(),
            YamlScalarNode s => [s.Value!],
            _ => [],
        };
        var quorum = Scalar(map, "quorum");
        if (quorum is not null and not "regions") Error(map, $"triggers.{id}.quorum", $"onbekend quorum '{quorum}' (bekend: regions)");
        var isInternal = Bool(map, "internal");
        var to = isInternal ? "" : Scalar(map, "to", required: true) ?? "";
        if (isInternal && Child(map, "to") is not null) Error(map, "to", "een interne trigger (internal: true) blijft in dezelfde status en heeft geen 'to'");
        var documents = Child(map, "document") is { } doc ? new List<RenderDocumentAction> { ReadDocument(doc, $"triggers.{id}.document") } : [];
        return new TriggerDefinition(id, Scalar(map, "title") ?? id, from, to, roles, parameters, guards,
            Operands(map, "set"), increment, quorum == "regions", isInternal, documents, Line(map),
            map.Children.Where(kv => kv.Key is YamlScalarNode).ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => (int)kv.Value.Start.Line),
            Scalar(map, "operation"), Scalar(map, "confirm"), Child(map, "task") is YamlMappingNode task ? ReadTask(task, $"triggers.{id}.task") : null);
    }

    private void Validate(YamlMappingNode root, List<StateDefinition> states, List<TriggerDefinition> triggers, Dictionary<string, Value> defaults)
    {
        var stateIds = states.Select(s => s.Id).ToHashSet();
        var triggerIds = triggers.Select(t => t.Id).ToHashSet();
        foreach (var dup in states.GroupBy(s => s.Id).Where(g => g.Count() > 1)) Add(dup.Last().Line, "states.id", $"status '{dup.Key}' komt dubbel voor");
        foreach (var dup in triggers.GroupBy(t => t.Id).Where(g => g.Count() > 1)) Add(dup.Last().Line, "triggers.id", $"trigger '{dup.Key}' komt dubbel voor");
        var initials = states.Count(s => s.Initial);
        if (initials != 1) Add(Line(root), "states", $"er is precies één begintoestand nodig (initial: true), gevonden: {initials}");
        if (!states.Any(s => s.Final)) Add(Line(root), "states", "er is ten minste één eindtoestand nodig (final: true)");

        foreach (var t in triggers)
        {
            foreach (var f in t.From.Where(f => !stateIds.Contains(f))) Add(t.LineOf("from"), $"triggers.{t.Id}.from", $"onbekende status '{f}'");
            if (!t.Internal && t.To.Length > 0 && !stateIds.Contains(t.To)) Add(t.LineOf("to"), $"triggers.{t.Id}.to", $"onbekende status '{t.To}'");
            foreach (var f in t.From.Where(f => states.FirstOrDefault(s => s.Id == f)?.Final == true))
                Add(t.LineOf("from"), $"triggers.{t.Id}.from", $"'{f}' is een eindtoestand; daar vertrekt geen trigger");
            foreach (var r in t.Roles.Where(r => !Roles.All.Contains(r)))
                Add(t.LineOf("roles"), $"triggers.{t.Id}.roles", $"onbekende rol '{r}' (bekend: {string.Join(", ", Roles.All)})");
            foreach (var r in t.Roles.Where(Roles.ReadOnly.Contains))
                Add(t.LineOf("roles"), $"triggers.{t.Id}.roles", $"de rol '{r}' kijkt alleen mee en vuurt geen stap af");
            foreach (var g in t.Guards.Where(g => g.RuleSet is not null && !knownRuleSets.Contains(g.RuleSet)))
                Add(g.Line, $"triggers.{t.Id}.guards.ruleset", $"onbekende regelset '{g.RuleSet}'" + (knownRuleSets.Count == 0 ? " (er zijn nog geen regelsets)" : $" (bekend: {string.Join(", ", knownRuleSets)})"));
            var paramNames = t.Parameters.Select(p => p.Name).ToHashSet();
            foreach (var field in t.Increment.Concat(t.Set.Keys).Where(f => !defaults.ContainsKey(f)))
                Add(t.LineOf(t.Increment.Contains(field) ? "increment" : "set"), $"triggers.{t.Id}", $"'{field}' is geen veld in 'data' van de definitie");
            foreach (var g in t.Guards.Where(g => g.Condition is not null))
                foreach (var operand in new[] { g.Condition!.Left, g.Condition.Right })
                    CheckOperand(operand, paramNames, defaults, g.Line, $"triggers.{t.Id}.guards.condition");
            foreach (var operand in t.Set.Values) CheckOperand(operand, paramNames, defaults, t.LineOf("set"), $"triggers.{t.Id}.set");
            foreach (var doc in t.Documents) CheckDocument(doc, paramNames, defaults, $"triggers.{t.Id}.document");
            if (t.Operation is not null) CheckOperation(t);
            if (t.Task is { } planned)
            {
                if (!Roles.All.Contains(planned.Role)) Add(planned.Line, $"triggers.{t.Id}.task.role", $"onbekende rol '{planned.Role}'");
                foreach (var (field, answer) in new[] { ("approve", planned.Approve), ("reject", planned.Reject), ("sendBack", planned.SendBack) })
                    if (answer is not null && triggers.All(x => x.Id != answer))
                        Add(planned.Line, $"triggers.{t.Id}.task.{field}", $"onbekende trigger '{answer}'");
            }
        }
        foreach (var s in states)
        {
            foreach (var timer in s.Timers)
            {
                if (timer.AtField is { } at) CheckOperand(new Operand(at), [], defaults, timer.Line, $"states.{s.Id}.timers.at");
                var trig = triggers.FirstOrDefault(t => t.Id == timer.Trigger);
                if (trig is null) Add(timer.Line, $"states.{s.Id}.timers.trigger", $"onbekende trigger '{timer.Trigger}'");
                else if (!trig.From.Contains(s.Id)) Add(timer.Line, $"states.{s.Id}.timers.trigger", $"trigger '{timer.Trigger}' vertrekt niet uit '{s.Id}'");
                else if (!trig.Roles.Contains(Roles.System)) Add(timer.Line, $"states.{s.Id}.timers.trigger", $"trigger '{timer.Trigger}' moet rol '{Roles.System}' toestaan om door een timer te worden afgevuurd");
            }
            foreach (var a in s.OnEntry)
            {
                switch (a)
                {
                    case OpenTaskAction task:
                        if (!Roles.All.Contains(task.Role)) Add(task.Line, $"states.{s.Id}.onEntry.task.role", $"onbekende rol '{task.Role}'");
                        else if (Roles.ReadOnly.Contains(task.Role)) Add(task.Line, $"states.{s.Id}.onEntry.task.role", $"de rol '{task.Role}' kijkt alleen mee en krijgt geen taak");
                        foreach (var (field, trig) in new[] { ("approve", task.Approve), ("reject", task.Reject), ("sendBack", task.SendBack) })
                            if (trig is not null && !triggers.Any(t => t.Id == trig && t.From.Contains(s.Id)))
                                Add(task.Line, $"states.{s.Id}.onEntry.task.{field}", $"trigger '{trig}' bestaat niet of vertrekt niet uit '{s.Id}'");
                        break;
                    case StartWorkflowAction start when !workflowExists(start.Workflow):
                        Add(start.Line, $"states.{s.Id}.onEntry.start.workflow", $"onbekende workflow '{start.Workflow}'");
                        break;
                    case RenderDocumentAction doc:
                        CheckDocument(doc, [], defaults, $"states.{s.Id}.onEntry.document");
                        break;
                }
            }
            if (!s.Final && triggers.All(t => !t.From.Contains(s.Id) || t.Internal))
                Add(s.Line, $"states.{s.Id}", "deze status is geen eindtoestand maar er vertrekt geen trigger uit");
        }
        if (initials == 1)
        {
            var reached = new HashSet<string> { states.Single(s => s.Initial).Id };
            for (var changed = true; changed;)
            {
                changed = false;
                foreach (var t in triggers.Where(t => !t.Internal && t.From.Any(reached.Contains) && stateIds.Contains(t.To)))
                    changed |= reached.Add(t.To);
            }
            foreach (var s in states.Where(s => !reached.Contains(s.Id))) Add(s.Line, $"states.{s.Id}", "onbereikbaar: geen trigger leidt naar deze status");
        }
    }

    private void CheckDocument(RenderDocumentAction doc, HashSet<string> parameters, Dictionary<string, Value> defaults, string field)
    {
        if (templateExists is not null && !templateExists(doc.Template))
            Add(doc.Line, field + ".template", $"onbekend sjabloon '{doc.Template}' (de sjablonen staan in templates/)");
        if (doc.When is { } when)
            foreach (var operand in new[] { when.Left, when.Right }) CheckOperand(operand, parameters, defaults, doc.Line, field + ".when");
    }

    private void CheckOperand(Operand operand, HashSet<string> parameters, Dictionary<string, Value> defaults, int line, string field)
    {
        if (operand.IsLiteral || operand.IsComputed) return;
        if (operand.IsSubject)
        {
            var names = SubjectKinds.ValueNames(_subject);
            if (!names.Contains(operand.Name))
                Add(line, field, $"'{operand.Text}' is geen waarde van het onderwerp ({SubjectKinds.Dutch(_subject)}; bekend: {string.Join(", ", names.DefaultIfEmpty("geen"))})");
            return;
        }
        if (operand.IsParameter && !parameters.Contains(operand.Name))
            Add(line, field, $"'{operand.Text}' verwijst naar een parameter die de trigger niet heeft");
        else if (!operand.IsParameter && !defaults.ContainsKey(operand.Name))
            Add(line, field, $"'{operand.Text}' is geen veld in 'data' van de definitie");
    }

    /// <summary>The operation must exist, act on this definition's subject kind, and get each parameter it needs with its type.</summary>
    private void CheckOperation(TriggerDefinition t)
    {
        var line = t.LineOf("operation");
        if (DomainOperations.Find(t.Operation) is not { } op)
        {
            Add(line, $"triggers.{t.Id}.operation", $"onbekende operatie '{t.Operation}' (bekend: {string.Join(", ", DomainOperations.Names)})");
            return;
        }
        if (op.Subject != _subject)
            Add(line, $"triggers.{t.Id}.operation", $"'{op.Name}' werkt op een {SubjectKinds.Dutch(op.Subject)}; deze definitie heeft als onderwerp: {SubjectKinds.Dutch(_subject)} (subject:)");
        foreach (var spec in op.Parameters)
        {
            var declared = t.Parameters.FirstOrDefault(p => p.Name == spec.Name);
            if (declared is null && spec.Required)
                Add(t.LineOf("parameters"), $"triggers.{t.Id}.parameters", $"'{op.Name}' vraagt de parameter '{spec.Name}' ({spec.Label}, type {ParameterValues.TypeName(spec.Kind)})");
            else if (declared is not null && declared.Kind != spec.Kind)
                Add(t.LineOf("parameters"), $"triggers.{t.Id}.parameters.{spec.Name}", $"'{op.Name}' verwacht '{spec.Name}' als {ParameterValues.TypeName(spec.Kind)}, niet als {declared.Type}");
        }
    }

    private Duration? ParseDuration(YamlMappingNode map, string field, string text)
    {
        if (Duration.TryParse(text, out var d)) return d;
        Error(map, field, $"'{text}' is geen duur ({Duration.Examples})");
        return null;
    }

    /// <summary>"within: 14d", "within: 5 werkdagen" or "within: norm bestuur.raden-informeren-dagen".</summary>
    private TaskTerm? ReadTerm(YamlMappingNode map, string field)
    {
        if (Scalar(map, "within") is not { } text) return null;
        if (text.StartsWith("norm ", StringComparison.Ordinal))
        {
            var norm = text[5..].Trim();
            if (norm.Length == 0) Error(map, field, "noem de norm: within: norm NAAM");
            return new TaskTerm(null, norm);
        }
        return ParseDuration(map, field, text) is { } d ? new TaskTerm(d, null) : null;
    }

    private Dictionary<string, Operand> Operands(YamlMappingNode map, string key)
    {
        var result = new Dictionary<string, Operand>(StringComparer.Ordinal);
        if (Child(map, key) is YamlMappingNode m)
            foreach (var (k, v) in m.Children) result[((YamlScalarNode)k).Value!] = new Operand(((v as YamlScalarNode)?.Value) ?? "");
        return result;
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private string? Scalar(YamlMappingNode map, string key, bool required = false)
    {
        switch (Child(map, key))
        {
            case YamlScalarNode s when !string.IsNullOrWhiteSpace(s.Value): return s.Value;
            case null or YamlScalarNode when required: Error(map, key, "ontbreekt"); return null;
            case null or YamlScalarNode: return null;
            default: Error(map, key, "verwacht een enkele waarde"); return null;
        }
    }

    private bool Bool(YamlMappingNode map, string key, bool fallback = false) => Scalar(map, key) switch
    {
        null => fallback,
        "true" or "ja" => true,
        "false" or "nee" => false,
        var other => Fail(map, key, $"'{other}' is geen true/false", fallback),
    };

    private IEnumerable<YamlNode> Sequence(YamlMappingNode map, string key, bool required = false)
    {
        switch (Child(map, key))
        {
            case YamlSequenceNode seq: return seq.Children;
            case null when required: Error(map, key, "ontbreekt"); return [];
            case null: return [];
            default: Error(map, key, "verwacht een lijst"); return [];
        }
    }

    private YamlMappingNode AsMap(YamlNode node, string field)
    {
        if (node is YamlMappingNode m) return m;
        Add((int)node.Start.Line, field, "verwacht een mapping (sleutel: waarde)");
        return new YamlMappingNode();
    }

    private bool Fail(YamlMappingNode map, string key, string message, bool fallback)
    {
        Error(map, key, message);
        return fallback;
    }

    private void Error(YamlNode node, string field, string message)
    {
        var line = node is YamlMappingNode m && Child(m, field.Split('.')[^1]) is { } child ? (int)child.Start.Line : (int)node.Start.Line;
        Add(line, field, message);
    }

    private void Add(int line, string field, string message) => _errors.Add(new DefinitionError(_file, line, field, message));

    private static int Line(YamlNode node) => (int)node.Start.Line;
}

/// <summary>The rule sets a guard may name; the rules project tags each rule with one of these.</summary>
public static class RuleSets
{
    public const string Acceptance = "acceptatie";
    public const string Quality = "kwaliteit";
    public const string Budget = "budget";
    public const string Procurement = "aanbesteding";
    public const string Continuity = "continuiteit";
    public const string Governance = "bestuur";

    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(StringComparer.Ordinal)
        { Acceptance, Quality, Budget, Procurement, Continuity, Governance };
}
