using System.Text.Json;
using ModelContextProtocol.Client;
using PerfAspire.Tests.Infrastructure;
using PerfAspire.Tests.Mcp;

namespace PerfAspire.Tests.Security;

/// <summary>
/// Every argument of every tool (from tools/list, so a new tool is swept too) sent with a JSON value of the wrong
/// type: the answer is the tool error <c>invalid_argument</c> naming the argument and the type it takes (a tool
/// execution error the model can correct), never the SDK's opaque "an error occurred", never exception text.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class McpInvalidParamsTests(DatabaseFixture db)
{
    /// <summary>Values a property of this schema type cannot take; none for a property without one plain type.</summary>
    static IEnumerable<object?> WrongValues(JsonElement property)
    {
        if (!property.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String) yield break;
        switch (type.GetString())
        {
            case "string":
                yield return 5;
                yield return new[] { "x" };
                break;
            case "integer":
                yield return "abc";
                yield return 1.5;
                yield return 1e30;
                yield return 99_999_999_999L;
                break;
            case "number":
                yield return "abc";
                yield return new { };
                break;
            case "boolean":
                yield return "yes";
                yield return 1;
                break;
            case "array":
                yield return 5;
                yield return new { a = 1 };
                break;
            case "object":
                yield return 5;
                break;
        }
    }

    [Fact]
    public async Task A_wrongly_typed_argument_of_any_tool_is_invalid_argument_naming_it()
    {
        var cs = await McpDatabase.CreateMigratedAsync(db);
        await TestBundleData.InsertAsync(cs);
        await using var server = await McpTestServer.StartAsync(cs, new Dictionary<string, string?>
        {
            ["Mcp:IngestUrl"] = "http://127.0.0.1:9",
            ["Mcp:DocsUrl"] = "http://127.0.0.1:9",
        });
        await using var client = await server.ConnectAsync();

        var tools = await client.ListToolsAsync();
        var sent = 0;
        foreach (var tool in tools)
        {
            var schema = tool.ProtocolTool.InputSchema;
            if (!schema.TryGetProperty("properties", out var props)) continue;
            foreach (var property in props.EnumerateObject())
            {
                foreach (var wrong in WrongValues(property.Value))
                {
                    var what = $"{tool.Name} {property.Name}={JsonSerializer.Serialize(wrong)}";
                    var error = await client.ErrorAsync(tool.Name, new Dictionary<string, object?> { [property.Name] = wrong }, "invalid_argument");
                    var message = error.GetProperty("message").GetString()!;
                    Assert.True(message.Contains($"'{property.Name}' must be", StringComparison.Ordinal), $"{what}: {message}");
                    Assert.Contains(tool.Name, message);
                    Assert.DoesNotContain("   at ", message);
                    Assert.DoesNotContain("Exception", message);
                    sent++;
                }
            }
        }
        Assert.True(sent > 100, $"{sent} calls");

        // Right types with values a tool refuses stay its own invalid_argument result; a well-formed call still answers.
        await client.ErrorAsync("schema_list_metrics", new { limit = 1000 }, "invalid_argument");
        await client.OkAsync("query_run", new { metric_name = "cpu_utilization", bundle_id = TestBundleData.OtherBundle });
    }
}
