namespace Verwerving.Domain;

/// <summary>
/// A document rendered from a template: the HTML as it was sent, which template version made it, and a
/// content hash so a later copy can be compared with what was decided on.
/// </summary>
public class RenderedDocument
{
    private RenderedDocument() { TemplateId = TemplateHash = SubjectKey = Title = Html = ContentHash = CreatedBy = ""; }

    public RenderedDocument(string templateId, int templateVersion, string templateHash, long? instanceId, string subjectKey,
        string title, string html, string contentHash, DateTime createdAt, string createdBy)
    {
        TemplateId = templateId;
        TemplateVersion = templateVersion;
        TemplateHash = templateHash;
        InstanceId = instanceId;
        SubjectKey = subjectKey;
        Title = title;
        Html = html;
        ContentHash = contentHash;
        CreatedAt = createdAt;
        CreatedBy = createdBy;
    }

    public long Id { get; private set; }
    public string TemplateId { get; private set; }
    public int TemplateVersion { get; private set; }

    /// <summary>The hash of the template file's text, so an edit under the same version is still traceable.</summary>
    public string TemplateHash { get; private set; }

    /// <summary>The workflow instance whose on-entry action rendered it; null for a document made on request (a monitor).</summary>
    public long? InstanceId { get; private set; }
    public string SubjectKey { get; private set; }
    public string Title { get; private set; }
    public string Html { get; private set; }
    public string ContentHash { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; }
}
