using PerfAspire.AppHost.Database;

namespace PerfAspire.Tests.Foundation;

public sealed class DatabaseModeSelectionTests
{
    [Theory]
    [InlineData("container", DatabaseMode.Container)]
    [InlineData("local", DatabaseMode.Local)]
    [InlineData("external", DatabaseMode.External)]
    [InlineData(" LOCAL ", DatabaseMode.Local)]
    public void Explicit_modes_are_taken_as_given_without_probing_docker(string configured, DatabaseMode expected)
    {
        var probed = false;
        var s = DatabaseModeSelection.Select(configured, () => probed = true);
        Assert.Equal(expected, s.Mode);
        Assert.False(probed);
        Assert.Equal(expected.ToString().ToLowerInvariant(), s.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("auto")]
    public void Auto_is_container_when_docker_answers(string? configured)
    {
        var s = DatabaseModeSelection.Select(configured, () => true);
        Assert.Equal(DatabaseMode.Container, s.Mode);
        Assert.Contains("docker info succeeded", s.Reason);
    }

    [Fact]
    public void Auto_is_local_without_a_docker_engine()
    {
        var s = DatabaseModeSelection.Select("auto", () => false);
        Assert.Equal(DatabaseMode.Local, s.Mode);
        Assert.Equal("local", s.Name);
        Assert.Contains("no Docker engine", s.Reason);
    }

    [Fact]
    public void Unknown_mode_is_one_line_naming_the_valid_modes()
    {
        var e = Assert.Throws<DatabaseConfigurationException>(() => DatabaseModeSelection.Select("kubernetes", () => true));
        Assert.Contains("'kubernetes'", e.Message);
        Assert.Contains("auto, container, local, external", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
