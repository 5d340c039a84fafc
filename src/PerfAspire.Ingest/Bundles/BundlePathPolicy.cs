namespace PerfAspire.Ingest.Bundles;

/// <summary>
/// Confines bundle paths to the allowed roots (BUNDLE_ROOTS, R4). The check runs on the real path, after every
/// symbolic link is resolved, so a link inside a root cannot lead outside it. With no roots configured any path is
/// accepted only while the service listens on loopback alone (a CLI always does); otherwise loads are refused with
/// <c>bundle_roots_required</c>.
/// </summary>
public sealed class BundlePathPolicy
{
    readonly string[] _roots;
    readonly Func<bool> _loopbackOnly;

    public BundlePathPolicy(IEnumerable<string> roots, Func<bool> loopbackOnly)
    {
        _roots = [.. roots.Where(r => r.Length > 0).Select(r => RealPath(Path.GetFullPath(ExpandHome(r))).TrimEnd('/')).Select(r => r.Length == 0 ? "/" : r)];
        _loopbackOnly = loopbackOnly;
    }

    public IReadOnlyList<string> Roots => _roots;

    /// <summary>BUNDLE_ROOTS: absolute directories separated by ':' , ';' or ','.</summary>
    public static IReadOnlyList<string> ParseRoots(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split([':', ';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The canonical real path of an existing bundle, or a specific error.</summary>
    public string Resolve(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new IngestException(IngestErrors.InvalidArgument, "invalid_argument: path is required");
        if (path.Contains('\0')) throw new IngestException(IngestErrors.InvalidArgument, "invalid_argument: path contains a NUL character; give the bundle's path as plain text");
        path = ExpandHome(path.Trim());
        if (!Path.IsPathFullyQualified(path))
        {
            throw new IngestException(IngestErrors.InvalidArgument, $"invalid_argument: path must be absolute: {path}");
        }
        var full = Path.GetFullPath(path);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            throw new IngestException(IngestErrors.PathNotFound, $"path_not_found: no file or directory at {full}", 404);
        }
        var real = RealPath(full);
        var kind = FileKinds.Of(real);
        if (kind is not (FileKind.Regular or FileKind.Directory)) throw FileKinds.RefusedSpecial(full, kind);
        if (_roots.Length == 0)
        {
            if (_loopbackOnly()) return real;
            throw new IngestException(IngestErrors.BundleRootsRequired,
                "bundle_roots_required: the service listens beyond loopback, so BUNDLE_ROOTS must name the directories bundles may be loaded from", 403);
        }
        foreach (var root in _roots)
        {
            if (root == "/" || real == root || real.StartsWith(root + "/", StringComparison.Ordinal)) return real;
        }
        throw new IngestException(IngestErrors.PathNotAllowed,
            $"path_not_allowed: {full} (real path {real}) is outside the allowed bundle roots ({string.Join(", ", _roots)}; BUNDLE_ROOTS)", 403);
    }

    static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..]
            : path;

    /// <summary>Resolves every symbolic link in <paramref name="fullPath"/> (like realpath(3)); missing components are kept as given.</summary>
    internal static string RealPath(string fullPath, int depth = 0)
    {
        if (depth > 40) throw new IngestException(IngestErrors.PathNotAllowed, $"path_not_allowed: too many symbolic links in {fullPath}", 403);
        var current = Path.GetPathRoot(fullPath) ?? "/";
        var parts = fullPath[current.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            FileSystemInfo? target = null;
            try
            {
                target = File.ResolveLinkTarget(next, returnFinalTarget: true);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            current = target is null ? next : RealPath(Path.GetFullPath(target.FullName), depth + 1);
        }
        return current;
    }
}
