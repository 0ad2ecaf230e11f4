using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using SpreadCheetah;

namespace Parley.Server.Reporting;

/// <summary>
/// Answers a report's rows as JSON, CSV or XLSX, streamed as they are read (flat memory whatever the size). The
/// columns are the row type's public properties in declaration order, named as in the JSON (camelCase), so the three
/// formats always agree. CSV cells that a spreadsheet would run as a formula are escaped (customer names are hostile).
/// </summary>
public static class ReportExport
{
    public static IResult Rows<T>(IAsyncEnumerable<T> rows, ReportFormat format, string name) => format switch
    {
        ReportFormat.Csv => new Streamed<T>(rows, name + ".csv", ReportRequest.CsvType, WriteCsvAsync),
        ReportFormat.Xlsx => new Streamed<T>(rows, name + ".xlsx", ReportRequest.XlsxType, WriteXlsxAsync),
        _ => TypedResults.Ok(rows),
    };

    /// <summary>The export's columns: header and getter, from the row type.</summary>
    public static IReadOnlyList<(string Header, Func<T, object?> Value)> Columns<T>() => Shape<T>.Columns;

    private static async Task WriteCsvAsync<T>(IAsyncEnumerable<T> rows, Stream body, CancellationToken cancellationToken)
    {
        var columns = Shape<T>.Columns;
        await using var text = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape });
        foreach (var (header, _) in columns)
        {
            csv.WriteField(header);
        }

        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            foreach (var (_, value) in columns)
            {
                csv.WriteField(Text(value(row)));
            }

            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
    }

    private static async Task WriteXlsxAsync<T>(IAsyncEnumerable<T> rows, Stream body, CancellationToken cancellationToken)
    {
        var columns = Shape<T>.Columns;
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(body, cancellationToken: cancellationToken);
        await spreadsheet.StartWorksheetAsync("Report", token: cancellationToken);
        await spreadsheet.AddHeaderRowAsync([.. columns.Select(c => c.Header)], token: cancellationToken);
        var cells = new DataCell[columns.Count];
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = Cell(columns[i].Value(row));
            }

            await spreadsheet.AddRowAsync(cells, cancellationToken);
        }

        await spreadsheet.FinishAsync(cancellationToken);
    }

    private static DataCell Cell(object? value) => value switch
    {
        null => new DataCell(),
        int i => new DataCell(i),
        long l => new DataCell(l),
        double d => double.IsFinite(d) ? new DataCell(d) : new DataCell(),
        decimal m => new DataCell(m),
        bool b => new DataCell(b),
        DateTimeOffset t => new DataCell(t.UtcDateTime),
        DateTime t => new DataCell(t),
        _ => new DataCell(Text(value)),
    };

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTimeOffset t => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        IEnumerable<string> list => string.Join(", ", list), // a conversation's tags in one cell
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static class Shape<T>
    {
        public static readonly IReadOnlyList<(string Header, Func<T, object?> Value)> Columns =
        [
            .. typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0)
                .OrderBy(p => p.MetadataToken)
                .Select(p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name), (Func<T, object?>)(row => p.GetValue(row)))),
        ];
    }

    private sealed class Streamed<T>(IAsyncEnumerable<T> rows, string fileName, string contentType, Func<IAsyncEnumerable<T>, Stream, CancellationToken, Task> write) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = contentType;
            response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = fileName, DispositionType = "attachment" }.ToString();
            response.Headers.XContentTypeOptions = "nosniff";
            await using var body = new AsyncOnlyStream(response.Body);
            await write(rows, body, httpContext.RequestAborted);
            await body.FlushAsync(httpContext.RequestAborted);
        }
    }
}
