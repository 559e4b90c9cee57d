using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Rules;
using Verwerving.Workflows;

namespace Verwerving.Documents;

/// <summary>
/// Renders templates with their view models and stores each document with its instance, template
/// version and content hash. Workflow on-entry actions come here through <see cref="IDocumentRenderer"/>.
/// </summary>
public sealed class DocumentService(TemplateLibrary templates, Func<NormBook> loadNorms) : IDocumentRenderer
{
    // Read once per service: a demo or a clock advance renders many documents.
    private readonly Lazy<NormBook> _norms = new(loadNorms);

    public TemplateLibrary Templates => templates;

    public bool Knows(string templateId) => templates.Exists(templateId);

    public RenderedDocument Render(VerwervingDb db, string templateId, WorkflowInstance instance, DateTime now, string actor)
    {
        var template = templates.Get(templateId);
        if (template.Model.Id == "monitor")
            throw new InputException($"Sjabloon '{templateId}' is een monitor; die maak je met 'documents render {templateId} --region|--provider'.");
        return Store(db, template, Model(db, template, instance.SubjectKey, instance, now), instance.Id, instance.SubjectKey, now, actor, templates.Style());
    }

    /// <summary>
    /// Renders a document on request: a monitor for a region or provider and quarter, or any other template
    /// for a subject (the latest workflow instance on that subject supplies its history, when there is one).
    /// </summary>
    public RenderedDocument RenderFor(VerwervingDb db, string templateId, string subject, DateTime now, string actor, int? year = null, int? quarter = null)
    {
        var template = templates.Get(templateId);
        var today = WorkCalendar.DateOf(now);
        if (template.Model.Id == "monitor")
        {
            var y = year ?? today.Year;
            var q = quarter ?? (today.Month + 2) / 3;
            var isRegion = db.Regions.Any(r => r.Code == subject);
            var model = new ModelBuilder(db, _norms.Value, today).Monitor(isRegion ? subject : null, isRegion ? null : subject, y, q);
            return Store(db, template, model, null, $"{subject}/{y}-K{q}", now, actor, templates.Style());
        }
        var instance = db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.SubjectKey == subject).OrderByDescending(i => i.Id).FirstOrDefault();
        return Store(db, template, Model(db, template, subject, instance, now), null, subject, now, actor, templates.Style());
    }

    private object Model(VerwervingDb db, DocumentTemplate template, string subject, WorkflowInstance? instance, DateTime now)
    {
        var builder = new ModelBuilder(db, _norms.Value, WorkCalendar.DateOf(now));
        return template.Model.Id switch
        {
            "besluit" => builder.Decision(subject, instance),
            "evaluatie" => builder.Evaluation(subject),
            "aanbesteding" => builder.Tender(subject, instance),
            "signaal" => builder.Continuity(subject, instance),
            var other => throw new InputException($"Sjabloon '{template.Id}': model '{other}' wordt hier niet gemaakt."),
        };
    }

    private static RenderedDocument Store(VerwervingDb db, DocumentTemplate template, object model, long? instanceId, string subject, DateTime now, string actor,
        string style)
    {
        var organisation = string.Join(" en ", db.Regions.AsNoTracking().Where(r => r.Kind == RegionKind.Region).OrderBy(r => r.Name).Select(r => r.Name));
        var info = new DocumentInfo(template.Title, template.Id, template.Version, WorkCalendar.DateOf(now), subject, organisation, new Html(style));
        var html = TemplateLibrary.Render(template, info, model);
        var document = new RenderedDocument(template.Id, template.Version, template.Hash, instanceId, subject, $"{template.Title}: {subject}",
            html, TemplateLibrary.Hash(html), now, actor);
        db.Add(document);
        db.Audit(now, actor, "document.gemaakt", "Document", subject,
            System.Text.Json.JsonSerializer.Serialize(new { sjabloon = template.Id, versie = template.Version, instantie = instanceId, hash = document.ContentHash }));
        return document;
    }
}
