using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;
using Verwerving.Privacy;

namespace Verwerving.Import;

/// <summary>A JW323 header as read, with the line of each field for errors found later against the database.</summary>
public sealed record MessageHeader(string Code, string Sender, int SenderLine, string Receiver, int ReceiverLine, string Identification, int IdentificationLine, DateOnly SentOn);

/// <summary>One service of a declaration, validated and pseudonymised, not yet bound to a provider id.</summary>
public readonly record struct DeclaredService(string Reference, string Lot, int LotLine, string ProductCode, string Pseudonym,
    DateOnly Start, DateOnly End, int Units, long Cents, int Line);

/// <summary>
/// A JW323 read in one pass. An error in the body is kept rather than thrown, so the importer can first say that
/// the message was already imported, as it would for any other message.
/// </summary>
public sealed record Declaration(MessageHeader Header, string Number, IReadOnlyList<DeclaredService> Services, long Total, ImportException? Error);

/// <summary>
/// Reads the invoice message, the one that comes by the million, with a forward-only reader instead of a tree:
/// elements are matched by local name and parent, as the tree-based reader of the other messages does.
/// Needs no database, so it runs beside the writer.
/// </summary>
public sealed class Jw323Reader(string file, Pseudonymizer pseudonymizer, LotMapping lots)
{
    private const int MaxDepth = 32;

    private enum F { Sender, Receiver, Identification, SentOn, Number, Total, TotalSign, Bsn, Reference, Category, Product, Start, End, Units, Amount, Sign }

    private readonly string?[] _value = new string?[16];
    private readonly int[] _line = new int[16];
    private readonly string[] _path = new string[MaxDepth];
    private readonly int[] _pathLine = new int[MaxDepth];

    // The names the reader compares with. Put into the reader's name table first, the reader hands back these very
    // instances, so every comparison below succeeds on reference equality.
    private static readonly string[] Names =
    [
        "Bericht", "Header", "Afzender", "Ontvanger", "BerichtIdentificatie", "Identificatie", "Dagtekening", "Declaratie", "DeclaratieNummer",
        "TotaalIngediendBedrag", "TotaalBedrag", "DebetCredit", "Clienten", "Client", "Bsn", "Prestaties", "Prestatie", "ProductReferentie",
        "ReferentieNummer", "ProductCategorie", "ProductCode", "ProductPeriode", "Begindatum", "Einddatum", "GeleverdVolume", "IngediendBedrag", "Bedrag",
    ];

    /// <summary>The declaration, or null when the message is not a JW323 (the caller reads it as a tree).</summary>
    // The hot methods are compiled optimised at once: during a long import the runtime kept them at its first,
    // unoptimised tier for longer than a region-year takes (parsing ran at half speed).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Declaration? Read(byte[] content, XmlReaderSettings settings)
    {
        var names = new NameTable();
        foreach (var n in Names) names.Add(n);
        settings.NameTable = names;
        using var reader = XmlReader.Create(new MemoryStream(content), settings);
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "Bericht" || IjwImporter.CodeOf(reader.NamespaceURI) != "JW323") return null;
        MessageHeader? header = null;
        var services = new List<DeclaredService>();
        var references = new Dictionary<string, int>(StringComparer.Ordinal);
        long total = 0;
        string? pseudonym = null;
        F? field = null;
        var declarationLine = Line(reader);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Close(string name, int depth)
        {
            if (field is { } f)
            {
                _value[(int)f] = (_value[(int)f] ?? "").Trim();
                field = null;
            }
            if (name == "Header" && depth == 1) header = Header(_pathLine[depth]);
            else if (name == "Bsn" && Parent(depth) == "Client")
                pseudonym = _value[(int)F.Bsn] is { } bsn && Pseudonymizer.IsValidBsn(bsn) ? pseudonymizer.Pseudonymize(bsn)
                    : throw Fail(F.Bsn, "geen geldig burgerservicenummer (negen cijfers, elfproef); de waarde wordt niet getoond");
            else if (name == "Prestatie" && Parent(depth) == "Prestaties")
            {
                if (header is null) throw new ImportException(file, _pathLine[0], "Header", "element ontbreekt in Bericht (of staat na de declaratie)");
                var service = Service(_pathLine[depth], pseudonym ?? throw Missing("Bsn", "Client", _pathLine[Math.Max(0, depth - 2)]));
                // iJw retourcode 8021: a reference number belongs to one service; a second one with it is not another line.
                if (!references.TryAdd(service.Reference, _line[(int)F.Reference]))
                    throw Fail(F.Reference, $"dit referentienummer staat ook op regel {references[service.Reference]}; elk referentienummer hoort bij één prestatie "
                        + "(iJw-retourcode 8021). De declaratie is niet ingelezen");
                services.Add(service);
                total += service.Cents;
            }
        }

        try
        {
            do
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        var depth = reader.Depth;
                        var name = reader.LocalName;
                        if (depth >= MaxDepth) throw new ImportException(file, Line(reader), name, "te diep genest");
                        _path[depth] = name;
                        _pathLine[depth] = Line(reader);
                        if (name == "Declaratie" && depth == 1) declarationLine = _pathLine[depth];
                        else if (name == "Client" && Parent(depth) == "Clienten") { pseudonym = null; Clear(F.Bsn, F.Bsn); }
                        else if (name == "Prestatie" && Parent(depth) == "Prestaties") Clear(F.Reference, F.Sign);
                        field = FieldOf(Parent(depth), name);
                        if (field is { } f)
                        {
                            _value[(int)f] = null;
                            _line[(int)f] = _pathLine[depth];
                        }
                        if (reader.IsEmptyElement) Close(name, depth);
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace when field is { } textField:
                        _value[(int)textField] += reader.Value;
                        break;
                    case XmlNodeType.EndElement:
                        Close(reader.LocalName, reader.Depth);
                        break;
                }
            } while (reader.Read());
        }
        catch (Exception ex) when (header is not null && ex is ImportException or XmlException)
        {
            return new Declaration(header, _value[(int)F.Number] ?? "", [], 0, ex as ImportException ?? IjwImporter.XmlFailure(file, (XmlException)ex));
        }
        if (header is null) throw new ImportException(file, _pathLine[0], "Header", "element ontbreekt in Bericht");
        try
        {
            var number = Required(F.Number, "DeclaratieNummer", "Declaratie", declarationLine);
            var declared = Long(F.Total, Required(F.Total, "TotaalBedrag", "TotaalIngediendBedrag", declarationLine))
                           * (Required(F.TotalSign, "DebetCredit", "TotaalIngediendBedrag", declarationLine) == "C" ? -1 : 1);
            if (declared != total)
                throw new ImportException(file, _line[(int)F.Total], "TotaalIngediendBedrag", $"het totaal {declared} cent wijkt af van de som van de prestaties ({total} cent)");
            var prefix = $"{header.Sender}-{number}-";
            return new Declaration(header, number, services.Select(s => s with { Reference = prefix + s.Reference }).ToList(), total, null);
        }
        catch (ImportException ex)
        {
            return new Declaration(header, _value[(int)F.Number] ?? "", [], 0, ex);
        }
    }

    /// <summary>The field a leaf element holds, by its name and parent; null for everything the importer does not need.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static F? FieldOf(string? parent, string name) => (parent, name) switch
    {
        ("Header", "Afzender") => F.Sender, ("Header", "Ontvanger") => F.Receiver,
        ("BerichtIdentificatie", "Identificatie") => F.Identification, ("BerichtIdentificatie", "Dagtekening") => F.SentOn,
        ("Declaratie", "DeclaratieNummer") => F.Number,
        ("TotaalIngediendBedrag", "TotaalBedrag") => F.Total, ("TotaalIngediendBedrag", "DebetCredit") => F.TotalSign,
        ("Client", "Bsn") => F.Bsn,
        ("ProductReferentie", "ReferentieNummer") => F.Reference,
        ("Prestatie", "ProductCategorie") => F.Category, ("Prestatie", "ProductCode") => F.Product, ("Prestatie", "GeleverdVolume") => F.Units,
        ("ProductPeriode", "Begindatum") => F.Start, ("ProductPeriode", "Einddatum") => F.End,
        ("IngediendBedrag", "Bedrag") => F.Amount, ("IngediendBedrag", "DebetCredit") => F.Sign,
        _ => null,
    };

    private MessageHeader Header(int line)
    {
        var sentOn = Date(F.SentOn, Required(F.SentOn, "Dagtekening", "BerichtIdentificatie", line));
        return new MessageHeader("JW323", Required(F.Sender, "Afzender", "Header", line), _line[(int)F.Sender],
            Required(F.Receiver, "Ontvanger", "Header", line), _line[(int)F.Receiver],
            Required(F.Identification, "Identificatie", "BerichtIdentificatie", line), _line[(int)F.Identification], sentOn);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private DeclaredService Service(int line, string pseudonym)
    {
        var reference = Required(F.Reference, "ReferentieNummer", "ProductReferentie", line);
        var category = Required(F.Category, "ProductCategorie", "Prestatie", line);
        var product = string.IsNullOrEmpty(_value[(int)F.Product]) ? null : _value[(int)F.Product];
        var lot = lots.LotFor(product, category) ?? throw Fail(F.Category, $"categorie {category} hoort bij geen perceel (zie rules/{LotMapping.FileName})");
        var start = Date(F.Start, Required(F.Start, "Begindatum", "ProductPeriode", line));
        var end = Date(F.End, Required(F.End, "Einddatum", "ProductPeriode", line));
        var units = (int)Long(F.Units, Required(F.Units, "GeleverdVolume", "Prestatie", line), MaxIjwNumber);
        var cents = Long(F.Amount, Required(F.Amount, "Bedrag", "IngediendBedrag", line), MaxIjwNumber)
                    * (Required(F.Sign, "DebetCredit", "IngediendBedrag", line) == "C" ? -1 : 1);
        return new DeclaredService(reference, lot, _line[(int)F.Category], product ?? category, pseudonym, start, end, units, cents, line);
    }

    /// <summary>A field's text; a missing element is reported at the enclosing group, an empty one at itself.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string Required(F field, string name, string parent, int groupLine)
    {
        var value = _value[(int)field];
        if (value is null) throw Missing(name, parent, groupLine);
        return value.Length == 0 ? throw Fail(field, "is leeg", name) : value;
    }

    private ImportException Missing(string name, string parent, int line) => new(file, line, name, $"element ontbreekt in {parent}");

    /// <summary>The largest volume and amount (in cents) the iJw allows (LDT_Volume, LDT_Bedrag: at most 8 digits).</summary>
    public const long MaxIjwNumber = 99_999_999;

    // Values are never echoed: a misplaced BSN must not reach an error message.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private DateOnly Date(F field, string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw Fail(field, "is geen geldige datum (JJJJ-MM-DD)");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long Long(F field, string value, long max = long.MaxValue)
    {
        if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) throw Fail(field, "is geen geheel getal");
        return v >= 0 && v <= max ? v : throw Fail(field, $"valt buiten het bereik 0 tot {max.ToString("#,##0", CultureInfo.GetCultureInfo("nl-NL"))}");
    }

    private ImportException Fail(F field, string message, string? name = null) => new(file, _line[(int)field], name ?? ElementName(field), message);

    private static string ElementName(F field) => field switch
    {
        F.Sender => "Afzender", F.Receiver => "Ontvanger", F.Identification => "Identificatie", F.SentOn => "Dagtekening", F.Number => "DeclaratieNummer",
        F.Total => "TotaalBedrag", F.TotalSign => "DebetCredit", F.Bsn => "Bsn", F.Reference => "ReferentieNummer", F.Category => "ProductCategorie",
        F.Product => "ProductCode", F.Start => "Begindatum", F.End => "Einddatum", F.Units => "GeleverdVolume", F.Amount => "Bedrag", _ => "DebetCredit",
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? Parent(int depth) => depth > 0 ? _path[depth - 1] : null;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Clear(F from, F to)
    {
        for (var f = (int)from; f <= (int)to; f++) _value[f] = null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Line(XmlReader reader) => reader is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
}
