namespace PerfAspire.Ingest.Writing;

/// <summary>The per-bundle values of the common columns: the same on every row of a load.</summary>
internal sealed record BundleColumns(string BundleId, string? Sptid, string Host)
{
    /// <summary>bundle_id, sptid, metric_category, host as encoded binary fields, copied once per row.</summary>
    public byte[] EncodeCommon(string category)
    {
        var b = new BatchBuffer(256);
        try
        {
            b.TextField(BundleId);
            if (Sptid is null) { b.Ensure(4); b.Null(); } else b.TextField(Sptid);
            b.TextField(category);
            b.TextField(Host);
            return b.Array.AsSpan(0, b.Length).ToArray();
        }
        finally
        {
            b.Release();
        }
    }
}
