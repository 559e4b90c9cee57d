using Verwerving.Domain;
using Verwerving.Persistence;

namespace Verwerving.Workflows;

/// <summary>Renders and stores a document for a workflow instance; the documents project supplies it.</summary>
public interface IDocumentRenderer
{
    bool Knows(string templateId);

    /// <summary>Renders <paramref name="templateId"/> for the instance and adds the document to <paramref name="db"/>, within the caller's transaction.</summary>
    RenderedDocument Render(VerwervingDb db, string templateId, WorkflowInstance instance, DateTime now, string actor);
}
