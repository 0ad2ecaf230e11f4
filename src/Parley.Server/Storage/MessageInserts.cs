using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Parley.Server.Storage;

/// <summary>
/// Inserts many messages with one multi-row INSERT statement in the context's transaction: the group commit's hot
/// path, where the change tracker's per-entity work cost more than the database's. Table, columns, value conversions
/// and parameters all come from the EF Core model and the provider's own type mappings, so SQLite and PostgreSQL
/// store exactly what SaveChanges would (the storage specification reads them back on both).
/// </summary>
public static class MessageInserts
{
    private static readonly ConcurrentDictionary<IModel, Shape> Shapes = new();

    public static async Task InsertAsync(ParleyDbContext context, IReadOnlyList<MessageRecord> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        var shape = Shapes.GetOrAdd(context.Model, model => Shape.Of(model, context.GetService<ISqlGenerationHelper>()));
        var connection = context.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        var sql = new StringBuilder(shape.Prefix, shape.Prefix.Length + messages.Count * shape.Columns.Length * 8);
        for (var row = 0; row < messages.Count; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < shape.Columns.Length; column++)
            {
                var (property, mapping) = shape.Columns[column];
                var name = "p" + (row * shape.Columns.Length + column);
                var value = property.GetGetter().GetClrValueUsingContainingEntity(messages[row]);
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
        await context.Database.OpenConnectionAsync(cancellationToken);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record Shape(string Prefix, (IProperty Property, RelationalTypeMapping Mapping)[] Columns, ISqlGenerationHelper Sql)
    {
        public static Shape Of(IModel model, ISqlGenerationHelper sql)
        {
            var entity = model.FindEntityType(typeof(MessageRecord))!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = entity.GetProperties().Select(p => (Property: p, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping())).ToArray();
            var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)));
            return new Shape($"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({names}) VALUES ", columns, sql);
        }
    }
}
