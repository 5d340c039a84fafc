using System.Buffers.Binary;

namespace PerfAspire.Tests.Charts;

/// <summary>Reads a PNG's header independently of the code that wrote it.</summary>
internal static class PngImage
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height) Dimensions(byte[] png)
    {
        Assert.True(png.Length > 33, "PNG too short");
        Assert.Equal(Signature, png[..8]);
        // The first chunk must be IHDR: length (4) "IHDR" (4) width (4) height (4).
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
        Assert.Equal("IEND", System.Text.Encoding.ASCII.GetString(png, png.Length - 8, 4));
        return (width, height);
    }

    /// <summary>Optional: set PERFASPIRE_CHART_DIR to keep the rendered charts for a look.</summary>
    public static void Keep(byte[] png, string name)
    {
        var dir = Environment.GetEnvironmentVariable("PERFASPIRE_CHART_DIR");
        if (string.IsNullOrEmpty(dir)) return;
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, name + ".png"), png);
    }
}
