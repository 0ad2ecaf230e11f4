namespace Parley.Server.Files;

/// <summary>
/// When a file was stored, read from its id: <see cref="FileIntake"/> makes each id a version 7 Guid on the server's
/// clock, whose first 48 bits are the Unix time in milliseconds. Derived, so nothing beside the file keeps the time.
/// </summary>
public static class StoredFileAge
{
    /// <summary>The time inside a version 7 id; null for any other id (never ours to judge by age).</summary>
    public static DateTimeOffset? StoredAt(Guid id)
    {
        if (id.Version != 7)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        long milliseconds = 0;
        for (var i = 0; i < 6; i++)
        {
            milliseconds = (milliseconds << 8) | bytes[i];
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }
}
