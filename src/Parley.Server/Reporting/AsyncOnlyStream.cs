using System.Buffers;

namespace Parley.Server.Reporting;

/// <summary>
/// A write-only stream over the response body that never writes to it synchronously: a synchronous write (the zip
/// writer under SpreadCheetah writes each entry's small trailer that way) is kept, and goes out with the next
/// asynchronous write or flush. The server can then keep refusing synchronous I/O, and the body still streams.
/// </summary>
internal sealed class AsyncOnlyStream(Stream inner) : Stream
{
    private readonly ArrayBufferWriter<byte> _kept = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => _kept.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendKeptAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendKeptAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    /// <summary>Nothing goes out synchronously; what is kept goes with the next <see cref="FlushAsync(CancellationToken)"/>.</summary>
    public override void Flush()
    {
    }

    public override async ValueTask DisposeAsync()
    {
        await SendKeptAsync(CancellationToken.None);
        await base.DisposeAsync();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private async ValueTask SendKeptAsync(CancellationToken cancellationToken)
    {
        if (_kept.WrittenCount > 0)
        {
            await inner.WriteAsync(_kept.WrittenMemory, cancellationToken);
            _kept.ResetWrittenCount();
        }
    }
}
