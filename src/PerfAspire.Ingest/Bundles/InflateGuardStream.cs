namespace PerfAspire.Ingest.Bundles;

/// <summary>
/// Wraps the output of a decompressor: charges every produced byte to the bundle's <see cref="DecompressionBudget"/>
/// and stops a stream whose produced/consumed ratio exceeds the cap once it has produced enough to judge
/// (<c>compression_ratio_exceeded</c>). <paramref name="consumed"/> reports the compressed bytes read so far.
/// </summary>
internal sealed class InflateGuardStream(Stream decompressed, Func<long> consumed, DecompressionBudget budget, string what) : Stream
{
    long _produced;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = decompressed.Read(buffer);
        Charge(n);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await decompressed.ReadAsync(buffer, cancellationToken);
        Charge(n);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    void Charge(int n)
    {
        if (n <= 0) return;
        budget.Add(n, what);
        _produced += n;
        var limits = budget.Limits;
        if (_produced > limits.RatioCheckAfterBytes)
        {
            var ratio = (double)_produced / Math.Max(1, consumed());
            if (ratio > limits.MaxCompressionRatio)
            {
                throw new IngestException(IngestErrors.CompressionRatioExceeded,
                    $"compression_ratio_exceeded: {what} expands more than {limits.MaxCompressionRatio}:1 (BUNDLE_MAX_COMPRESSION_RATIO); refusing a likely decompression bomb");
            }
        }
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _produced; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) decompressed.Dispose();
        base.Dispose(disposing);
    }
}
