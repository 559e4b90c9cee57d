namespace Verwerving.Domain;

/// <summary>
/// An iJw message as received: the header and a content hash, never the personal data in it.
/// Its (code, sender, identification) makes a repeated import recognisable.
/// </summary>
public class IjwMessage
{
    private IjwMessage() { Code = Sender = Receiver = Identification = ContentHash = FileName = Summary = ""; }

    public IjwMessage(string code, string sender, string receiver, string identification, DateOnly sentOn, string contentHash,
        string fileName, int items, string summary, DateTime importedAt)
    {
        if (string.IsNullOrWhiteSpace(identification)) throw new DomainException("Een iJw-bericht heeft een identificatie.");
        Code = code;
        Sender = sender;
        Receiver = receiver;
        Identification = identification;
        SentOn = sentOn;
        ContentHash = contentHash;
        FileName = fileName;
        Items = items;
        Summary = summary;
        ImportedAt = importedAt;
    }

    public long Id { get; private set; }

    /// <summary>The message type, e.g. "JW301".</summary>
    public string Code { get; private set; }
    public string Sender { get; private set; }
    public string Receiver { get; private set; }
    public string Identification { get; private set; }
    public DateOnly SentOn { get; private set; }
    public string ContentHash { get; private set; }
    public string FileName { get; private set; }
    public int Items { get; private set; }

    /// <summary>What the import did with it, in Dutch.</summary>
    public string Summary { get; private set; }
    public DateTime ImportedAt { get; private set; }
}
