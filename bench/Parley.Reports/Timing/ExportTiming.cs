using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Parley.Server.Reporting;

namespace Parley.ReportBench.Timing;

/// <summary>
/// The CSV export of the conversations, through the product's own export (<c>ReportExport.Rows</c>, what
/// <c>GET /api/v1/reports/conversations?format=csv</c> answers) into a response body that only counts: rows per second,
/// bytes, and the managed heap's peak above where it started (sampled every 1,000 rows), which stays flat whatever the size.
/// </summary>
public sealed record ExportTiming(string Range, long Rows, long Bytes, TimeSpan Elapsed, long PeakHeapBytes)
{
    public double RowsPerSecond => Rows / Elapsed.TotalSeconds;

    public static async Task<ExportTiming> MeasureAsync(string range, ProductReports reports, ReportFilter filter, CancellationToken cancellationToken)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var meter = new Meter();
        var http = new DefaultHttpContext();
        var body = new CountingStream();
        http.Response.Body = body;
        var clock = Stopwatch.StartNew();
        await ReportExport.Rows(meter.Count(reports.Queues.ConversationsAsync(filter, cancellationToken: cancellationToken)), ReportFormat.Csv, "conversations").ExecuteAsync(http);
        var elapsed = clock.Elapsed;
        return new ExportTiming(range, meter.Rows, body.Length, elapsed, Math.Max(0, meter.PeakHeap - baseline));
    }

    private sealed class Meter
    {
        public long Rows { get; private set; }
        public long PeakHeap { get; private set; }

        public async IAsyncEnumerable<T> Count<T>(IAsyncEnumerable<T> rows)
        {
            await foreach (var row in rows)
            {
                if (++Rows % 1000 == 0)
                {
                    PeakHeap = Math.Max(PeakHeap, GC.GetTotalMemory(forceFullCollection: false));
                }

                yield return row;
            }
        }
    }

    /// <summary>A response body that keeps nothing.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _length += count;
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
