using System.Buffers;
using PerfAspire.Schema.Runtime;

namespace PerfAspire.Ingest.Writing;

/// <summary>
/// Rows of one table, already encoded as binary COPY tuples, written and committed as one unit. The byte array is
/// rented; <see cref="Release"/> returns it once the batch is written (or given up).
/// </summary>
internal sealed class CopyBatch
{
    public required string Table { get; init; }

    /// <summary>The live layout (null for text records): the writer makes sure the table has <see cref="MetricColumns"/> of its columns.</summary>
    public required TableLayout? Layout { get; init; }

    public required int MetricColumns { get; init; }

    public required string CopyCommand { get; init; }

    public required byte[] Data { get; init; }

    public required int Length { get; init; }

    public required int Rows { get; init; }

    public required long Values { get; init; }

    public void Release() => ArrayPool<byte>.Shared.Return(Data);

    /// <summary>Start offsets of every tuple (plus the end), for splitting a batch the server rejected.</summary>
    public int[] RowOffsets()
    {
        var offsets = new int[Rows + 1];
        var span = Data.AsSpan(0, Length);
        var pos = 0;
        for (var r = 0; r < Rows; r++)
        {
            offsets[r] = pos;
            var fields = System.Buffers.Binary.BinaryPrimitives.ReadInt16BigEndian(span[pos..]);
            pos += 2;
            for (var f = 0; f < fields; f++)
            {
                var len = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(span[pos..]);
                pos += 4 + Math.Max(0, len);
            }
        }
        offsets[Rows] = pos;
        return offsets;
    }
}
