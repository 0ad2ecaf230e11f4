using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Parley.Server.Storage;

/// <summary>
/// Inserts many rows (messages, reporting facts) with one multi-row INSERT statement in the context's transaction: the
/// group commit's hot path, where the change tracker's per-entity work cost more than the database's. Columns the
/// database generates (an identity key) are left to it. Table, columns, value conversions
/// and parameters all come from the EF Core model and the provider's own type mappings, so SQLite and PostgreSQL
/// store exactly what SaveChanges would (the storage specification reads them back on both).
/// </summary>
public static class RowInserts
{
    private static readonly ConcurrentDictionary<(IModel, Type), Shape> Shapes = new();

    /// <summary>Well under SQLite's 32,766 bound parameters per statement (PostgreSQL allows 65,535).</summary>
    private const int MaxParameters = 30_000;

    public static async Task InsertAsync<T>(ParleyDbContext context, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var shape = Shapes.GetOrAdd((context.Model, typeof(T)), key => Shape.Of(key.Item1, key.Item2, context.GetService<ISqlGenerationHelper>()));
        await context.Database.OpenConnectionAsync(cancellationToken);
        var perStatement = Math.Max(1, MaxParameters / shape.Columns.Length);
        for (var first = 0; first < rows.Count; first += perStatement)
        {
            await InsertAsync(context, shape, rows, first, Math.Min(rows.Count, first + perStatement), cancellationToken);
        }
    }

    private static async Task InsertAsync<T>(ParleyDbContext context, Shape shape, IReadOnlyList<T> rows, int first, int end, CancellationToken cancellationToken)
        where T : class
    {
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        var sql = new StringBuilder(shape.Prefix, shape.Prefix.Length + (end - first) * shape.Columns.Length * 8);
        for (var row = first; row < end; row++)
        {
            sql.Append(row == first ? "(" : ", (");
            for (var column = 0; column < shape.Columns.Length; column++)
            {
                var (property, mapping) = shape.Columns[column];
                var name = "p" + ((row - first) * shape.Columns.Length + column);
                var value = property.GetGetter().GetClrValueUsingContainingEntity(rows[row]);
                if (value is DateTimeOffset time)
                {
                    value = UtcMicrosecondTimestamps.Normalize(time);
                }

                command.Parameters.Add(mapping.CreateParameter(command, shape.Sql.GenerateParameterName(name), value, property.IsNullable));
                sql.Append(column == 0 ? "" : ", ").Append(shape.Sql.GenerateParameterNamePlaceholder(name));
            }

            sql.Append(')');
        }

        command.CommandText = sql.Append(';').ToString();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record Shape(string Prefix, (IProperty Property, RelationalTypeMapping Mapping)[] Columns, ISqlGenerationHelper Sql)
    {
        public static Shape Of(IModel model, Type type, ISqlGenerationHelper sql)
        {
            var entity = model.FindEntityType(type)!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = entity.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.OnAdd).Select(p => (Property: p, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping())).ToArray();
            var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)));
            return new Shape($"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({names}) VALUES ", columns, sql);
        }
    }
}
