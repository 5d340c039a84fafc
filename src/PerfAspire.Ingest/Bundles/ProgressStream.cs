namespace PerfAspire.Ingest.Bundles;

/// <summary>Counts bytes and newlines of the decompressed log as the parser reads it (live "lines" progress).</summary>
internal sealed class ProgressStream(Stream inner) : Stream
{
    long _bytes;
    long _lines;

    public long Bytes => Interlocked.Read(ref _bytes);

    public long Lines => Interlocked.Read(ref _lines);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (n > 0)
        {
            Interlocked.Add(ref _bytes, n);
            Interlocked.Add(ref _lines, System.MemoryExtensions.Count(buffer[..n], (byte)'\n'));
        }
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Bytes; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
