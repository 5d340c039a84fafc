using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
/// instead of being silently ignored; so is a required argument missing or null and a value of the wrong JSON type
/// (<see cref="InvalidArguments"/>);</item>
/// <item>a failure nothing expected answers <c>internal_error</c> in the same error shape, without the exception's
/// text or stack trace (<see cref="ToolResponse.InternalError"/>).</item>
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
            if (tool is null) return await next(context, ct);
            if ((UnknownArguments(tool.ProtocolTool, context.Params?.Arguments)
                 ?? InvalidArguments(tool.ProtocolTool, context.Params?.Arguments)
                 ?? UnreadableArguments(tool, context.Params?.Arguments)) is { } refusal)
            {
                return Refuse(tool.ProtocolTool, refusal);
            }
            CallToolResult result;
            try
            {
                result = await next(context, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                var logger = Logger(context);
                result = ToolResponse.Failure(logger, tool.ProtocolTool.Name, e) ?? ToolResponse.InternalError(logger, tool.ProtocolTool.Name, e);
            }
            // A failure the SDK answered itself (its bare "An error occurred invoking ..." text) gets the error shape too.
            if (result.IsError == true && !HasErrorBody(result)) result = ToolResponse.InternalError(Logger(context), tool.ProtocolTool.Name, null);
            if (result.IsError == true && tool.ProtocolTool.OutputSchema is not null) result.StructuredContent = null;
            return result;
        }));
    }

    static ILogger Logger(RequestContext<CallToolRequestParams> context) =>
        (context.Services ?? context.Server.Services)?.GetService<ILoggerFactory>()?.CreateLogger(typeof(ToolContract).FullName!) ?? NullLogger.Instance;

    static bool HasErrorBody(CallToolResult result)
    {
        if (result.Content.OfType<TextContentBlock>().LastOrDefault()?.Text is not { Length: > 0 } text || text[0] != '{') return false;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object && e.TryGetProperty("code", out _);
        }
        catch (JsonException)
        {
            return false;
        }
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
        var closest = unknown.SelectMany(u => Catalog.ClosestNames.Find(u, accepted, 2)).Distinct().ToList();
        return new ToolError("invalid_argument",
            $"{tool.Name} does not take {string.Join(", ", unknown.Select(u => $"'{Text.Clip(u, 40)}'"))}. {AcceptedList(tool)}",
            closest.Count > 0 ? closest : null,
            "Call again with only the accepted arguments.");
    }

    /// <summary>"Accepted arguments: metric (required), k, ..." or "Accepted arguments: none."</summary>
    static string AcceptedList(Tool tool)
    {
        var accepted = Accepted(tool);
        if (accepted.Count == 0) return "Accepted arguments: none.";
        var required = Required(tool);
        return "Accepted arguments: " + string.Join(", ", accepted.Select(a => required.Contains(a) ? a + " (required)" : a)) + ".";
    }

    static IReadOnlyList<string> Required(Tool tool) =>
        tool.InputSchema.ValueKind == JsonValueKind.Object && tool.InputSchema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? [.. r.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : [];

    /// <summary>
    /// Compares the arguments with the tool's input schema, before the tool runs: a required argument missing or
    /// null, or a value of another JSON type than the one declared, is refused with <c>invalid_argument</c> naming it
    /// and the accepted arguments (otherwise the SDK's binder fails with a bare, code-less error). What the binder
    /// would read the same way is let through and made plain in place: an optional argument sent as null is left
    /// out (not given), a whole number written 3.0 becomes 3, a number or true/false sent as a string becomes the
    /// number or boolean. "integer" is a 32-bit integer: every tool's integer arguments are C# <c>int</c>. An
    /// argument declared without a type (a time, a list given as a string or an array) is the tool's to check.
    /// </summary>
    static ToolError? InvalidArguments(Tool tool, IDictionary<string, JsonElement>? arguments)
    {
        if (tool.InputSchema.ValueKind != JsonValueKind.Object || !tool.InputSchema.TryGetProperty("properties", out var props) || props.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var problems = new List<string>();
        foreach (var name in Required(tool))
        {
            if (arguments is null || !arguments.TryGetValue(name, out var v)) problems.Add($"'{name}' is required");
            else if (v.ValueKind == JsonValueKind.Null) problems.Add($"'{name}' is required and cannot be null");
        }
        if (arguments is not null)
        {
            foreach (var (name, value) in arguments.ToList())
            {
                if (value.ValueKind == JsonValueKind.Null)
                {
                    if (!arguments.IsReadOnly && !problems.Any(p => p.StartsWith($"'{name}'", StringComparison.Ordinal))) arguments.Remove(name);
                    continue;
                }
                if (!props.TryGetProperty(name, out var schema) || schema.ValueKind != JsonValueKind.Object) continue;
                switch (Conform(schema, value))
                {
                    case (true, { } plain):
                        if (!arguments.IsReadOnly) arguments[name] = plain;
                        break;
                    case (false, _):
                        problems.Add($"'{name}' must be {Expected(schema)}, not {Describe(value)}");
                        break;
                }
            }
        }
        if (problems.Count == 0) return null;
        return new ToolError("invalid_argument", $"{tool.Name}: {string.Join("; ", problems)}. {AcceptedList(tool)}", null,
            "Call again with every required argument, each of the type its inputSchema declares.");
    }

    /// <summary>
    /// The backstop of <see cref="InvalidArguments"/>: reads every argument given as the CLR type of the tool method's
    /// parameter, with the options the SDK binds with (the schema cannot say everything, e.g. an integer's range);
    /// one that does not read is <c>invalid_argument</c> naming it, not the SDK's opaque error. A JSON null is "not given".
    /// </summary>
    static ToolError? UnreadableArguments(McpServerTool tool, IDictionary<string, JsonElement>? arguments)
    {
        if (arguments is null || arguments.Count == 0) return null;
        if (tool.Metadata.OfType<System.Reflection.MethodInfo>().FirstOrDefault() is not { } method) return null;
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.Name is not { } name || !arguments.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null) continue;
            try
            {
                JsonSerializer.Deserialize(value, parameter.ParameterType, ModelContextProtocol.McpJsonUtilities.DefaultOptions);
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException or OverflowException)
            {
                var expected = tool.ProtocolTool.InputSchema.TryGetProperty("properties", out var props) && props.TryGetProperty(name, out var p) ? Expected(p) : "a value of another type";
                return new ToolError("invalid_argument", $"{tool.ProtocolTool.Name}: '{name}' must be {expected}, not {Describe(value)}. {AcceptedList(tool.ProtocolTool)}", null,
                    "Call again with every required argument, each of the type its inputSchema declares.");
            }
        }
        return null;
    }

    /// <summary>Whether a value has the declared type, and the plain form to pass on when it only had to be rewritten.</summary>
    static (bool Ok, JsonElement? Plain) Conform(JsonElement schema, JsonElement value)
    {
        if (!schema.TryGetProperty("type", out var type)) return (true, null);
        var types = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
            : type.ValueKind == JsonValueKind.String ? [type.GetString()!] : [];
        if (types.Count == 0) return (true, null);
        foreach (var t in types)
        {
            if (Conform(t, schema, value) is (true, var plain)) return (true, plain);
        }
        return (false, null);
    }

    static (bool Ok, JsonElement? Plain) Conform(string type, JsonElement schema, JsonElement value)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        switch (type)
        {
            case "string":
                return (value.ValueKind == JsonValueKind.String, null);
            case "boolean":
                if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return (true, null);
                if (value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString()!.Trim(), out var b)) return (true, JsonSerializer.SerializeToElement(b));
                return (false, null);
            case "integer":
                if (value.ValueKind == JsonValueKind.Number)
                {
                    if (value.TryGetInt32(out _)) return (true, null);
                    var d = value.GetDouble();
                    return d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue ? (true, JsonSerializer.SerializeToElement((int)d)) : (false, null);
                }
                if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString()!.Trim(), System.Globalization.NumberStyles.Integer, invariant, out var i))
                {
                    return (true, JsonSerializer.SerializeToElement(i));
                }
                return (false, null);
            case "number":
                if (value.ValueKind == JsonValueKind.Number) return (true, null);
                if (value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString()!.Trim(), System.Globalization.NumberStyles.Float, invariant, out var n) && double.IsFinite(n))
                {
                    return (true, JsonSerializer.SerializeToElement(n));
                }
                return (false, null);
            case "array":
                if (value.ValueKind != JsonValueKind.Array) return (false, null);
                if (schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object)
                {
                    foreach (var item in value.EnumerateArray())
                    {
                        if (Conform(items, item) is not (true, null)) return (false, null);
                    }
                }
                return (true, null);
            case "object":
                return (value.ValueKind == JsonValueKind.Object, null);
            case "null":
                return (value.ValueKind == JsonValueKind.Null, null);
            default:
                return (true, null);
        }
    }

    static string Expected(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type)) return "a value";
        var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList() : [type.GetString()];
        return string.Join(" or ", types.Select(t => t switch
        {
            "string" => "a string",
            "integer" => "a whole number",
            "number" => "a number",
            "boolean" => "true or false",
            "array" => schema.TryGetProperty("items", out var i) && i.TryGetProperty("type", out var it) && it.GetString() == "string" ? "an array of strings" : "an array",
            "object" => "an object",
            _ => t,
        }));
    }

    static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Text.Clip(value.GetString()!, 30)}\"",
        JsonValueKind.Number => $"the number {Text.Clip(value.GetRawText(), 30)}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
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
