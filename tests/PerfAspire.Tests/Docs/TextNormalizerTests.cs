using PerfAspire.Docs.Search;

namespace PerfAspire.Tests.Docs;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("kb/s", "kb per second")]
    [InlineData("KiB/s", "kb per second")]
    [InlineData("read_kb_per_sec", "read kb per second")]
    [InlineData("ops/sec", "ops per second")]
    [InlineData("disk_busy_percent", "disk busy percent")]
    [InlineData("disk busy %", "disk busy percent")]
    [InlineData("80.3%", "80 3 percent")]
    [InlineData("I/O wait", "io wait")]
    public void Units_and_separators_normalise_to_the_same_words(string input, string expected)
    {
        Assert.Equal(expected, string.Join(' ', TextNormalizer.Tokens(input)));
    }

    [Fact]
    public void Underscores_and_spaces_give_the_same_tokens()
    {
        Assert.Equal(TextNormalizer.Tokens("fpports rx nombuf drops total"), TextNormalizer.Tokens("fpports_rx_nombuf_drops_total"));
        Assert.Equal(TextNormalizer.Tokens("net-rx.drops"), TextNormalizer.Tokens("net rx drops"));
    }

    [Theory]
    [InlineData("timeouts", "timeout")]
    [InlineData("dropped", "drops")]
    [InlineData("queries", "query")]
    [InlineData("saturation", "saturated")]
    [InlineData("utilisation", "utilization")]
    [InlineData("cached", "cache")]
    [InlineData("fragmentation", "fragmented")]
    [InlineData("processes", "process")]
    public void Word_forms_meet(string a, string b)
    {
        Assert.Equal(TextNormalizer.Tokens(b), TextNormalizer.Tokens(a));
    }

    [Fact]
    public void Stop_words_are_dropped_and_meaningful_words_kept()
    {
        Assert.Equal(["disk", "satur"], TextNormalizer.Tokens("Is the disk saturated?"));
        Assert.Contains("out", TextNormalizer.Tokens("running out of buffers"));
    }

    [Fact]
    public void Empty_and_punctuation_only_text_has_no_tokens()
    {
        Assert.Empty(TextNormalizer.Tokens(""));
        Assert.Empty(TextNormalizer.Tokens("  ?!  ,; "));
        Assert.Empty(TextNormalizer.Tokens(null));
    }
}
