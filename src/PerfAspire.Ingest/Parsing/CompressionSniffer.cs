using System.IO.Compression;

namespace PerfAspire.Ingest.Parsing;

/// <summary>
/// Recognises gzip by its magic bytes (not by the file name: rotated logs are sometimes renamed) and returns a
/// stream of the plain text. Works on non-seekable streams (archive members): the peeked bytes are replayed.
/// </summary>
internal static class CompressionSniffer
{
    public static Stream Open(Stream input, out bool gzip)
    {
        var head = new byte[2];
        var n = 0;
        while (n < 2)
        {
            var r = input.Read(head, n, 2 - n);
            if (r <= 0) break;
            n += r;
        }
        var replay = new ReplayStream(head.AsMemory(0, n), input);
        gzip = n == 2 && head[0] == 0x1f && head[1] == 0x8b;
        return gzip ? new GZipStream(replay, CompressionMode.Decompress, leaveOpen: true) : replay;
    }

    /// <summary>Serves a few already-read bytes, then the rest of the inner stream. Read-only, forward-only.</summary>
    sealed class ReplayStream(ReadOnlyMemory<byte> head, Stream inner) : Stream
    {
        ReadOnlyMemory<byte> _head = head;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_head.Length > 0)
            {
                var n = Math.Min(buffer.Length, _head.Length);
                _head.Span[..n].CopyTo(buffer);
                _head = _head[n..];
                return n;
            }
            return inner.Read(buffer);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
