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

    internal static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>
/// A prepared single-row lookup by key columns inside the caller's transaction: asked once per imported message,
/// where a LINQ query costs more than the message's writes.
/// </summary>
public sealed class PreparedLookup<T> : IDisposable where T : class
{
    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;

    /// <param name="result">The property whose stored value is returned.</param>
    /// <param name="keys">The properties compared for equality, in the order of the values given to <see cref="Find"/>.</param>
    public PreparedLookup(VerwervingDb db, string result, params string[] keys)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => PreparedInsert<T>.Quote(entity.FindProperty(property)!.GetColumnName(table)!);
        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                               ?? throw new InvalidOperationException("A prepared lookup runs only inside a transaction.");
        _parameters = keys.Select((k, i) =>
        {
            var property = entity.FindProperty(k)!;
            return ((RelationalTypeMapping)property.GetTypeMapping()).CreateParameter(_command, $"@k{i}", null, property.IsNullable);
        }).ToArray();
        _command.Parameters.AddRange(_parameters);
        _command.CommandText = $"SELECT {Column(result)} FROM {PreparedInsert<T>.Quote(table.Name)} WHERE "
                               + string.Join(" AND ", keys.Select((k, i) => $"{Column(k)} = {_parameters[i].ParameterName}")) + " LIMIT 1";
        _command.Prepare();
    }

    /// <summary>The stored value of the result column, or null when no row has these keys.</summary>
    public object? Find(params object[] keys)
    {
        for (var i = 0; i < keys.Length; i++) _parameters[i].Value = keys[i];
        return _command.ExecuteScalar() is { } value and not DBNull ? value : null;
    }

    public void Dispose() => _command.Dispose();
}
