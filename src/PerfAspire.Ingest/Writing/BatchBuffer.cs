using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace PerfAspire.Ingest.Writing;

/// <summary>
/// A growable byte buffer rented from the array pool that rows are encoded into, field by field, in PostgreSQL's
/// binary COPY tuple format. Ownership moves to a <see cref="CopyBatch"/> when sealed; the writer returns it.
/// Growth doubles up to <c>maxCapacity</c> and no further unless a single write needs more: the builders seal
/// before a row could pass their byte cap, so a 16 MiB cap never turns into a 32 MiB array.
/// </summary>
internal struct BatchBuffer
{
    readonly int _max;
    byte[] _buf;
    int _len;

    public BatchBuffer(int capacity, int maxCapacity = int.MaxValue)
    {
        _max = Math.Max(maxCapacity, 4096);
        _buf = ArrayPool<byte>.Shared.Rent(Math.Clamp(capacity, 4096, _max));
        _len = 0;
    }

    public readonly int Length => _len;

    public readonly byte[] Array => _buf;

    public readonly int Capacity => _buf.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Ensure(int extra)
    {
        if (_len + extra > _buf.Length) Grow(extra);
    }

    void Grow(int extra)
    {
        var doubled = (int)Math.Min((long)_buf.Length * 2, _max);
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(doubled, _len + extra));
        Buffer.BlockCopy(_buf, 0, next, 0, _len);
        ArrayPool<byte>.Shared.Return(_buf);
        _buf = next;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Int16(short v)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buf.AsSpan(_len), v);
        _len += 2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Int32(int v)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buf.AsSpan(_len), v);
        _len += 4;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Null() => Int32(-1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Int64Field(long v)
    {
        var s = _buf.AsSpan(_len);
        BinaryPrimitives.WriteInt32BigEndian(s, 8);
        BinaryPrimitives.WriteInt64BigEndian(s[4..], v);
        _len += 12;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Float8Field(double v)
    {
        var s = _buf.AsSpan(_len);
        BinaryPrimitives.WriteInt32BigEndian(s, 8);
        BinaryPrimitives.WriteDoubleBigEndian(s[4..], v);
        _len += 12;
    }

    public void Float4Field(float v)
    {
        var s = _buf.AsSpan(_len);
        BinaryPrimitives.WriteInt32BigEndian(s, 4);
        BinaryPrimitives.WriteSingleBigEndian(s[4..], v);
        _len += 8;
    }

    public void Int32Field(int v)
    {
        var s = _buf.AsSpan(_len);
        BinaryPrimitives.WriteInt32BigEndian(s, 4);
        BinaryPrimitives.WriteInt32BigEndian(s[4..], v);
        _len += 8;
    }

    public void Int16Field(short v)
    {
        var s = _buf.AsSpan(_len);
        BinaryPrimitives.WriteInt32BigEndian(s, 2);
        BinaryPrimitives.WriteInt16BigEndian(s[4..], v);
        _len += 6;
    }

    /// <summary>A length-prefixed UTF-8 text field. NUL is not allowed in PostgreSQL text and becomes U+FFFD.</summary>
    public void TextField(string s)
    {
        if (s.Contains('\0')) s = s.Replace('\0', '\uFFFD');
        if (Ascii.IsValid(s))
        {
            Ensure(4 + s.Length);
            BinaryPrimitives.WriteInt32BigEndian(_buf.AsSpan(_len), s.Length);
            Encoding.ASCII.GetBytes(s, _buf.AsSpan(_len + 4));
            _len += 4 + s.Length;
            return;
        }
        Ensure(4 + Encoding.UTF8.GetMaxByteCount(s.Length));
        var n = Encoding.UTF8.GetBytes(s, _buf.AsSpan(_len + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buf.AsSpan(_len), n);
        _len += 4 + n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buf.AsSpan(_len));
        _len += bytes.Length;
    }

    /// <summary>Hands the bytes over (the caller returns the array to the pool) and starts empty with a fresh array.</summary>
    public (byte[] Array, int Length) Detach(int nextCapacity)
    {
        var result = (_buf, _len);
        _buf = ArrayPool<byte>.Shared.Rent(Math.Clamp(nextCapacity, 4096, _max));
        _len = 0;
        return result;
    }

    public void Release()
    {
        if (_buf is not null) ArrayPool<byte>.Shared.Return(_buf);
        _buf = null!;
        _len = 0;
    }
}
