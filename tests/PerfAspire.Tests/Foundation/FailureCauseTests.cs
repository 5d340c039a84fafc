using System.Net.Sockets;
using Npgsql;
using PerfAspire.Schema;

namespace PerfAspire.Tests.Foundation;

public sealed class FailureCauseTests
{
    [Fact]
    public void The_innermost_error_is_appended_to_a_message_that_names_only_the_target()
    {
        var e = new NpgsqlException("Failed to connect to 127.0.0.1:1", new SocketException((int)SocketError.ConnectionRefused));
        Assert.Equal("Failed to connect to 127.0.0.1:1: Connection refused", FailureCause.Describe(e));
    }

    [Fact]
    public void A_message_that_already_says_it_is_kept_and_a_long_cause_is_shortened_to_one_line()
    {
        Assert.Equal("boom", FailureCause.Describe(new InvalidOperationException("boom", new Exception("boom"))));
        var loader = new DllNotFoundException("Unable to load shared library 'onnxruntime':\n" + string.Join("\n", Enumerable.Repeat("/some/path/libonnxruntime.so: cannot open shared object file", 20)));
        var described = FailureCause.Describe(new TypeInitializationException("Microsoft.ML.OnnxRuntime.NativeMethods", loader));
        Assert.StartsWith("The type initializer for 'Microsoft.ML.OnnxRuntime.NativeMethods' threw an exception: Unable to load shared library 'onnxruntime': /some", described);
        Assert.DoesNotContain('\n', described);
        Assert.EndsWith("...", described);
    }
}
