using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Verwerving.Domain;

namespace Verwerving.Persistence;

/// <summary>
/// Writes invoice lines with one prepared statement inside the caller's transaction. Millions of
/// lines a year are too many for the change tracker; table and column names come from the EF model
/// so the schema stays defined in one place.
/// </summary>
public sealed class InvoiceLineWriter : IDisposable
{
    private static readonly string[] Columns =
    [
        nameof(InvoiceLine.Reference), nameof(InvoiceLine.ProviderId), nameof(InvoiceLine.MunicipalityCode), nameof(InvoiceLine.LotCode),
        nameof(InvoiceLine.ProductCode), nameof(InvoiceLine.ClientPseudonym), nameof(InvoiceLine.PeriodStart), nameof(InvoiceLine.PeriodEnd),
        nameof(InvoiceLine.Units), nameof(InvoiceLine.AmountCents),
    ];

    // Npgsql prepares only typed parameters; the types follow the columns above.
    private static readonly System.Data.DbType[] Types =
    [
        System.Data.DbType.String, System.Data.DbType.Int32, System.Data.DbType.String, System.Data.DbType.String, System.Data.DbType.String,
        System.Data.DbType.String, System.Data.DbType.Date, System.Data.DbType.Date, System.Data.DbType.Int32, System.Data.DbType.Int64,
    ];

    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;

    public InvoiceLineWriter(VerwervingDb db, bool skipExisting)
    {
        var entity = db.Model.FindEntityType(typeof(InvoiceLine))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var names = Columns.Select(c => Quote(entity.FindProperty(c)!.GetColumnName(table)!)).ToArray();
        var conflict = skipExisting ? $" ON CONFLICT ({Quote(entity.FindProperty(nameof(InvoiceLine.Reference))!.GetColumnName(table)!)}) DO NOTHING" : "";
        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                               ?? throw new InvalidOperationException("Declaratieregels worden alleen binnen een transactie geschreven.");
        _command.CommandText = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", names)}) VALUES ({string.Join(", ", Columns.Select((_, i) => "@p" + i))}){conflict}";
        _parameters = Columns.Select((_, i) =>
        {
            var p = _command.CreateParameter();
            p.ParameterName = "@p" + i;
            p.DbType = Types[i];
            _command.Parameters.Add(p);
            return p;
        }).ToArray();
        _command.Prepare();
    }

    /// <summary>Returns 1 when the line was written, 0 when a line with its reference already stood.</summary>
    public int Write(InvoiceLine line)
    {
        _parameters[0].Value = line.Reference;
        _parameters[1].Value = line.ProviderId;
        _parameters[2].Value = line.MunicipalityCode;
        _parameters[3].Value = line.LotCode;
        _parameters[4].Value = line.ProductCode;
        _parameters[5].Value = line.ClientPseudonym;
        _parameters[6].Value = line.PeriodStart;
        _parameters[7].Value = line.PeriodEnd;
        _parameters[8].Value = line.Units;
        _parameters[9].Value = line.AmountCents;
        return _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
