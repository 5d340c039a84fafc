using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PerfAspire.Ingest.Parsing;

/// <summary>
/// A hash map keyed by UTF-8 byte spans, so the parser can look up prefixes, keys and label strings straight from
/// its read buffer without creating a string per token.
/// </summary>
internal sealed class ByteKeyMap<T>
{
    struct Entry
    {
        public int Hash;
        public int Next;
        public byte[] Key;
        public T Value;
    }

    int[] _buckets;
    Entry[] _entries;
    int _count;

    public ByteKeyMap(int capacity = 16)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 4));
        _buckets = new int[size];
        _entries = new Entry[size];
    }

    public int Count => _count;

    public bool TryGetValue(ReadOnlySpan<byte> key, out T value)
    {
        var hash = Hash(key);
        var i = _buckets[hash & (_buckets.Length - 1)] - 1;
        var entries = _entries;
        while ((uint)i < (uint)entries.Length)
        {
            ref var e = ref entries[i];
            if (e.Hash == hash && key.SequenceEqual(e.Key))
            {
                value = e.Value;
                return true;
            }
            i = e.Next - 1;
        }
        value = default!;
        return false;
    }

    /// <summary>Adds or replaces.</summary>
    public void Set(ReadOnlySpan<byte> key, T value)
    {
        var hash = Hash(key);
        var i = _buckets[hash & (_buckets.Length - 1)] - 1;
        while ((uint)i < (uint)_entries.Length)
        {
            ref var e = ref _entries[i];
            if (e.Hash == hash && key.SequenceEqual(e.Key))
            {
                e.Value = value;
                return;
            }
            i = e.Next - 1;
        }
        if (_count == _entries.Length) Grow();
        var bucket = hash & (_buckets.Length - 1);
        _entries[_count] = new Entry { Hash = hash, Next = _buckets[bucket], Key = key.ToArray(), Value = value };
        _buckets[bucket] = ++_count;
    }

    public void Set(string asciiKey, T value) => Set(System.Text.Encoding.UTF8.GetBytes(asciiKey), value);

    public void Clear()
    {
        Array.Clear(_buckets);
        Array.Clear(_entries, 0, _count);
        _count = 0;
    }

    void Grow()
    {
        var size = _entries.Length * 2;
        var entries = new Entry[size];
        Array.Copy(_entries, entries, _count);
        var buckets = new int[size];
        for (var i = 0; i < _count; i++)
        {
            var bucket = entries[i].Hash & (size - 1);
            entries[i].Next = buckets[bucket];
            buckets[bucket] = i + 1;
        }
        _entries = entries;
        _buckets = buckets;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static int Hash(ReadOnlySpan<byte> key)
    {
        // Short tokens dominate (labels, keys): mix 8 bytes at a time, multiply-rotate, good enough spread.
        ulong h = 0x9E3779B97F4A7C15UL ^ (ulong)key.Length;
        while (key.Length >= 8)
        {
            h = BitOperations.RotateLeft((h ^ MemoryMarshal.Read<ulong>(key)) * 0xFF51AFD7ED558CCDUL, 29);
            key = key[8..];
        }
        if (key.Length > 0)
        {
            // 1..7 bytes left: assemble them with at most three reads instead of a byte loop.
            ulong tail = 0;
            var shift = 0;
            if ((key.Length & 4) != 0)
            {
                tail = MemoryMarshal.Read<uint>(key);
                key = key[4..];
                shift = 32;
            }
            if ((key.Length & 2) != 0)
            {
                tail |= (ulong)MemoryMarshal.Read<ushort>(key) << shift;
                key = key[2..];
                shift += 16;
            }
            if (key.Length != 0) tail |= (ulong)key[0] << shift;
            h = BitOperations.RotateLeft((h ^ tail) * 0xFF51AFD7ED558CCDUL, 29);
        }
        h ^= h >> 32;
        h *= 0xC4CEB9FE1A85EC53UL;
        return (int)(h ^ (h >> 29));
    }
}
