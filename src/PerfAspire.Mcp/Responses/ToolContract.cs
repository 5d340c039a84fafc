using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace PerfAspire.Mcp.Responses;

/// <summary>
/// What every client may rely on, enforced in one place for all tools rather than tool by tool:
/// <list type="bullet">
/// <item>a declared output schema describes the answers as they are sent: nulls are left out of answers, so a
/// member that may be null is never listed as required; it is sent in tools/list to every conversation, so nested
/// objects list their members and types but only the top level says which members are always there;</item>
/// <item>an error result of a tool with an output schema carries no structured content (a validating client checks
/// structured content against the schema, and an error body has another shape); its text says what failed;</item>
/// <item>an argument the tool does not declare is refused with <c>invalid_argument</c> naming the accepted ones,
/// instead of being silently ignored;</item>
/// <item>an argument whose JSON value cannot be read as the tool's parameter (a string for a number, a fraction or a
/// number out of range for an integer, a string for a list) is the JSON-RPC error -32602 (invalid params) naming the
/// argument and the type it takes, not the SDK's opaque "an error occurred".</item>
/// </list>
/// </summary>
public static class ToolContract
{
    public static IMcpServerBuilder WithToolContract(this IMcpServerBuilder builder)
    {
        builder.Services.PostConfigure<McpServerOptions>(o =>
        {
            if (o.ToolCollection is null) return;
            foreach (var tool in o.ToolCollection)
            {
                if (tool.ProtocolTool.OutputSchema is { } schema) tool.ProtocolTool.OutputSchema = RequiredAtTopLevelOnly(WithoutNullTypes(NullablesOptional(schema)));
                tool.ProtocolTool.InputSchema = CompactInput(tool.ProtocolTool.InputSchema);
                CompactAnnotations(tool.ProtocolTool);
            }
        });
        return builder.WithRequestFilters(f => f.AddCallToolFilter(next => async (context, ct) =>
        {
            var tool = context.MatchedPrimitive as McpServerTool
                       ?? (context.Params?.Name is { } name && context.Server.ServerOptions.ToolCollection?.TryGetPrimitive(name, out var t) == true ? t : null);
            if (tool is not null && UnknownArguments(tool.ProtocolTool, context.Params?.Arguments) is { } refusal)
            {
                return Refuse(tool.ProtocolTool, refusal);
            }
            if (tool is not null) CheckArgumentTypes(tool, context.Params?.Arguments);
            var result = await next(context, ct);
            if (result.IsError == true && tool?.ProtocolTool.OutputSchema is not null) result.StructuredContent = null;
            return result;
        }));
    }

    /// <summary>The names a tool accepts, from its input schema.</summary>
    public static IReadOnlyList<string> Accepted(Tool tool) =>
        tool.InputSchema.ValueKind == JsonValueKind.Object && tool.InputSchema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object
            ? [.. props.EnumerateObject().Select(p => p.Name)]
            : [];

    static ToolError? UnknownArguments(Tool tool, IDictionary<string, JsonElement>? arguments)
    {
        if (arguments is null || arguments.Count == 0) return null;
        var accepted = Accepted(tool);
        var unknown = arguments.Keys.Where(k => !accepted.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count == 0) return null;
        var list = accepted.Count == 0 ? "none" : string.Join(", ", accepted);
        var closest = unknown.SelectMany(u => Catalog.ClosestNames.Find(u, accepted, 2)).Distinct().ToList();
        return new ToolError("invalid_argument",
            $"{tool.Name} does not take {string.Join(", ", unknown.Select(u => $"'{Text.Clip(u, 40)}'"))}. Accepted arguments: {list}.",
            closest.Count > 0 ? closest : null,
            "Call again with only the accepted arguments.");
    }

    /// <summary>
    /// Reads every argument given as the CLR type of the tool method's parameter, with the options the SDK binds
    /// with; one that does not read is <see cref="McpErrorCode.InvalidParams"/>. A JSON null is "not given".
    /// </summary>
    static void CheckArgumentTypes(McpServerTool tool, IDictionary<string, JsonElement>? arguments)
    {
        if (arguments is null || arguments.Count == 0) return;
        if (tool.Metadata.OfType<System.Reflection.MethodInfo>().FirstOrDefault() is not { } method) return;
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.Name is not { } name || !arguments.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null) continue;
            try
            {
                JsonSerializer.Deserialize(value, parameter.ParameterType, ModelContextProtocol.McpJsonUtilities.DefaultOptions);
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException or OverflowException)
            {
                var expected = ExpectedType(tool.ProtocolTool, name);
                throw new ModelContextProtocol.McpProtocolException(
                    $"Invalid params: argument '{name}' of {tool.ProtocolTool.Name} must be {expected}; got {Describe(value)}.",
                    ModelContextProtocol.McpErrorCode.InvalidParams);
            }
        }
    }

    /// <summary>What the input schema says an argument takes: "an integer", "a boolean", "an array of string", ...</summary>
    static string ExpectedType(Tool tool, string name)
    {
        if (tool.InputSchema.ValueKind != JsonValueKind.Object || !tool.InputSchema.TryGetProperty("properties", out var props)
            || !props.TryGetProperty(name, out var p) || p.ValueKind != JsonValueKind.Object || !p.TryGetProperty("type", out var type))
        {
            return "of the type its schema gives";
        }
        var names = type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString() ?? "")] : new[] { type.GetString() ?? "" };
        var main = names.FirstOrDefault(n => n != "null") ?? "null";
        var text = main switch
        {
            "integer" => "an integer (32-bit)",
            "array" when p.TryGetProperty("items", out var items) && items.TryGetProperty("type", out var it) && it.ValueKind == JsonValueKind.String => $"an array of {it.GetString()}",
            "array" => "an array",
            "object" => "an object",
            _ => $"a {main}",
        };
        return text;
    }

    static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"a string \"{Text.Clip(value.GetString() ?? "", 40)}\"",
        JsonValueKind.Number => $"the number {Text.Clip(value.GetRawText(), 40)}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };

    static CallToolResult Refuse(Tool tool, ToolError error)
    {
        var result = ToolResponse.Error(error);
        if (tool.OutputSchema is not null) result.StructuredContent = null;
        return result;
    }

    /// <summary>
    /// Every conversation pays for tools/list before its first question, so the generated input schemas lose what
    /// says nothing: <c>"default": null</c> on optional arguments (leaving one out is the default) and the
    /// <c>"null"</c> in <c>["integer", "null"]</c> (an optional argument is left out rather than sent as null; a
    /// null that comes anyway is still taken as "not given").
    /// </summary>
    public static JsonElement CompactInput(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object) return schema;
        var node = JsonNode.Parse(schema.GetRawText())!.AsObject();
        if (node["properties"] is JsonObject props)
        {
            foreach (var (_, value) in props)
            {
                if (value is not JsonObject p) continue;
                if (p.TryGetPropertyValue("default", out var d) && d is null) p.Remove("default");
                DropNull(p);
            }
        }
        return JsonSerializer.SerializeToElement(node);
    }

    /// <summary>
    /// The title is the tool's own <c>title</c>, not repeated in the annotations; <c>idempotentHint</c> only means
    /// something for a tool that changes state, so a read-only tool does not send it.
    /// </summary>
    static void CompactAnnotations(Tool tool)
    {
        if (tool.Annotations is not { } a) return;
        if (tool.Title is { Length: > 0 } && a.Title == tool.Title) a.Title = null;
        if (a.ReadOnlyHint == true) a.IdempotentHint = null;
    }

    /// <summary>
    /// After <see cref="NullablesOptional"/>: <c>["string", "null"]</c> becomes <c>"string"</c> everywhere, since an
    /// answer leaves a null member out instead of sending it; and <c>"format"</c> goes (a validator either ignores it
    /// or, in strict mode, may reject a format it does not know). The schema stays true and tools/list stays short.
    /// </summary>
    public static JsonElement WithoutNullTypes(JsonElement schema)
    {
        var node = JsonNode.Parse(schema.GetRawText())!;
        DropNull(node);
        return JsonSerializer.SerializeToElement(node);
    }

    static void DropNull(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null"))
                {
                    var rest = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList();
                    if (rest.Count > 0) o["type"] = rest.Count == 1 ? JsonValue.Create(rest[0]) : new JsonArray([.. rest.Select(r => (JsonNode)JsonValue.Create(r)!)]);
                }
                if (o["format"] is JsonValue && o["type"] is not null) o.Remove("format");
                foreach (var (_, child) in o.ToList()) DropNull(child);
                break;
            case JsonArray a:
                foreach (var child in a) DropNull(child);
                break;
        }
    }

    /// <summary>
    /// Keeps the top level's <c>required</c> list (what a client can always read: status, warnings, ...) and drops
    /// the nested ones: every member of a nested object keeps its name and type, and a validating client only gets
    /// more lenient. On system_health this is 381 of tools/list's characters.
    /// </summary>
    public static JsonElement RequiredAtTopLevelOnly(JsonElement schema)
    {
        var node = JsonNode.Parse(schema.GetRawText())!;
        if (node is JsonObject { } top)
        {
            foreach (var (key, child) in top.ToList())
            {
                if (key != "required") DropRequired(child);
            }
        }
        return JsonSerializer.SerializeToElement(node);
    }

    static void DropRequired(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["required"] is JsonArray && o["properties"] is JsonObject) o.Remove("required");
                foreach (var (_, child) in o.ToList()) DropRequired(child);
                break;
            case JsonArray a:
                foreach (var child in a) DropRequired(child);
                break;
        }
    }

    /// <summary>Removes from every <c>required</c> list the members whose schema admits null (recursively).</summary>
    public static JsonElement NullablesOptional(JsonElement schema)
    {
        var node = JsonNode.Parse(schema.GetRawText())!;
        Visit(node);
        return JsonSerializer.SerializeToElement(node);
    }

    static void Visit(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["required"] is JsonArray required && o["properties"] is JsonObject props)
                {
                    foreach (var r in required.ToList())
                    {
                        if (r?.GetValue<string>() is { } name && props[name] is { } p && AdmitsNull(p)) required.Remove(r);
                    }
                    if (required.Count == 0) o.Remove("required");
                }
                foreach (var (_, child) in o.ToList()) Visit(child);
                break;
            case JsonArray a:
                foreach (var child in a) Visit(child);
                break;
        }
    }

    static bool AdmitsNull(JsonNode property) => property switch
    {
        JsonObject o when o["type"] is JsonValue t && t.TryGetValue<string>(out var s) => s == "null",
        JsonObject o when o["type"] is JsonArray types => types.Any(x => x?.GetValue<string>() == "null"),
        JsonObject o when o["anyOf"] is JsonArray any => any.Any(x => x is not null && AdmitsNull(x)),
        JsonObject o when o["oneOf"] is JsonArray one => one.Any(x => x is not null && AdmitsNull(x)),
        // A $ref to a nullable definition is not resolved here: generated schemas inline nullable members.
        _ => false,
    };
}
