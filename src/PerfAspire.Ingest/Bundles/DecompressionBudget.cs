namespace PerfAspire.Ingest.Bundles;

/// <summary>
/// Everything one bundle's decompressors produced, across archive layers; exceeding the cap ends the load with
/// <c>bundle_too_large</c>. Shared by the discovery pass and the ingest pass of one load (each pass gets its own).
/// </summary>
internal sealed class DecompressionBudget(BundleLimits limits)
{
    long _produced;
    int _members;

    public BundleLimits Limits { get; } = limits;

    public long Produced => Interlocked.Read(ref _produced);

    public void Add(int bytes, string what)
    {
        var total = Interlocked.Add(ref _produced, bytes);
        if (total > Limits.MaxUncompressedBytes)
        {
            throw new IngestException(IngestErrors.BundleTooLarge,
                $"bundle_too_large: decompressing {what} passed the cap of {Limits.MaxUncompressedBytes} bytes (BUNDLE_MAX_UNCOMPRESSED_BYTES)");
        }
    }

    public void CountMember(string what)
    {
        if (++_members > Limits.MaxMembers)
        {
            throw new IngestException(IngestErrors.TooManyMembers,
                $"too_many_members: the bundle has more than {Limits.MaxMembers} archive members (BUNDLE_MAX_MEMBERS), at {what}");
        }
    }
}
