using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Verwerving.Persistence;

/// <summary>
/// Writes rows of one entity type with prepared INSERTs inside the caller's transaction, bypassing the change
/// tracker: millions of invoice lines a year, and a message row and audit entry per imported message, cost more
/// in tracking than in writing. Table, columns, parameter types and value conversions come from the EF model, so
/// the schema stays defined in one place and both providers are served.
/// </summary>
public sealed class PreparedInsert<T> : IDisposable where T : class
{
    private readonly (IClrPropertyGetter Getter, ValueConverter? Converter)[] _columns;
    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;

    /// <param name="skipOnConflict">A property with a unique index: a row whose value already stands is skipped, not an error.</param>
    public PreparedInsert(VerwervingDb db, string? skipOnConflict = null)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        // Generated keys are left to the database.
        var properties = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToArray();
        _columns = properties.Select(p => (p.GetGetter(), ((RelationalTypeMapping)p.GetTypeMapping()).Converter)).ToArray();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                          ?? throw new InvalidOperationException("Rows are written in bulk only inside a transaction.");
        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = transaction;
        // Npgsql prepares only typed parameters: the mapping sets the provider's type.
        _parameters = properties.Select((p, i) => ((RelationalTypeMapping)p.GetTypeMapping()).CreateParameter(_command, $"@p{i}", null, p.IsNullable)).ToArray();
        _command.Parameters.AddRange(_parameters);
        var conflict = skipOnConflict is null ? "" : $" ON CONFLICT ({Quote(entity.FindProperty(skipOnConflict)!.GetColumnName(table)!)}) DO NOTHING";
        _command.CommandText = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", properties.Select(p => Quote(p.GetColumnName(table)!)))}) "
                               + $"VALUES ({string.Join(", ", _parameters.Select(p => p.ParameterName))}){conflict}";
        _command.Prepare();
    }

    /// <summary>Returns 1 when the row was written, 0 when it was skipped because its unique value already stood.</summary>
    public int Write(T row)
    {
        for (var c = 0; c < _columns.Length; c++)
        {
            var (getter, converter) = _columns[c];
            var value = getter.GetClrValue(row);
            _parameters[c].Value = (converter is null || value is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
        }
        return _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
