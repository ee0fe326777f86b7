using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DistSys.Jobs.Inputs;

/// <summary>
/// The one directory whose files a job may name (<c>--input-dir</c>). A client's name is trusted for
/// nothing: it is resolved lexically inside the root before anything is opened (so a path outside
/// says nothing about what exists there), opened without blocking, and the file actually opened —
/// read back from <c>/proc/self/fd</c>, symbolic links and all — must still be a regular file inside
/// the root. Reads stop at a byte budget counted as bytes arrive, never at the size a file reports
/// (<c>/dev/zero</c> and <c>/proc</c> files report 0).
/// </summary>
internal sealed partial class InputRoot
{
    public const int MaxNameLength = 4096;

    private readonly string _prefix;

    /// <param name="directory">An existing directory; it is canonicalized once here.</param>
    public InputRoot(string directory)
    {
        Directory = Canonical(directory);
        _prefix = Directory.EndsWith('/') ? Directory : Directory + "/";
    }

    /// <summary>The canonical root, with no trailing slash (except for <c>/</c> itself).</summary>
    public string Directory { get; }

    /// <summary>
    /// Reads the whole of the file <paramref name="name"/> names, at most <paramref name="maxBytes"/>
    /// bytes; a refusal says which rule the name broke and never quotes the file.
    /// </summary>
    public InputRead ReadAll(string name, long maxBytes)
    {
        using var handle = Open(name, out var refusal);
        return handle is null ? InputRead.Refused(refusal!) : ReadBounded(handle, name, maxBytes);
    }

    /// <summary>
    /// Opens the regular file <paramref name="name"/> names inside the root, for reading; null with
    /// <paramref name="refusal"/> saying which rule the name broke (never quoting the file).
    /// </summary>
    public SafeFileHandle? Open(string name, out string? refusal)
    {
        if (name.Length == 0 || name.Length > MaxNameLength || name.Contains('\0'))
        {
            refusal = $"must be a file name of 1 to {MaxNameLength} characters without NUL";
            return null;
        }

        var full = Resolve(name);
        if (!IsInside(full))
        {
            refusal = $"'{name}' is outside the input root (relative names resolve inside it; absolute ones must lie inside it)";
            return null;
        }

        return OpenRegular(name, full, out refusal);
    }

    /// <summary>The size of the regular file <paramref name="name"/> names (the only thing a submit learns of it), or why it was refused.</summary>
    public InputFile? Stat(string name, out string? refusal)
    {
        using var handle = Open(name, out refusal);
        return handle is null ? null : InputFile.Of(Relative(name), handle);
    }

    /// <summary>
    /// The regular files directly in directory <paramref name="directory"/> (inside the root) whose
    /// names match <paramref name="glob"/> (<c>*</c> and <c>?</c>), in ordinal order, at most
    /// <paramref name="maxFiles"/>; null with a refusal for a directory outside the root, missing, or
    /// holding more matches than that.
    /// </summary>
    public List<InputFile>? List(string directory, string glob, int maxFiles, out string? refusal)
    {
        var full = Resolve(directory);
        var canonical = Native.RealPath(full);
        if (!IsInside(full + "/") || canonical is null || !IsInside(canonical + "/"))
        {
            refusal = canonical is null && IsInside(full + "/")
                ? $"'{directory}' does not exist in the input root"
                : $"'{directory}' is outside the input root";
            return null;
        }

        if (!System.IO.Directory.Exists(canonical))
        {
            refusal = $"'{directory}' is not a directory";
            return null;
        }

        var names = new List<string>();
        foreach (var path in System.IO.Directory.EnumerateFiles(canonical))
        {
            if (System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(glob, Path.GetFileName(path), ignoreCase: false))
            {
                if (names.Count == maxFiles)
                {
                    refusal = $"'{directory}' holds more than {maxFiles} files matching '{glob}'";
                    return null;
                }

                names.Add(path[_prefix.Length..]);
            }
        }

        names.Sort(StringComparer.Ordinal);
        var files = new List<InputFile>(names.Count);
        foreach (var name in names)
        {
            // Each match is opened as a client's name would be: a link out of the root is refused here too.
            if (Stat(name, out refusal) is not { } file)
            {
                return null;
            }

            files.Add(file);
        }

        refusal = null;
        return files;
    }

    /// <summary>A name as the job records it: relative to the root, so a worker with its own root finds the same file.</summary>
    private string Relative(string name) => Resolve(name)[_prefix.Length..];

    /// <summary>A client's name, resolved lexically: relative names inside the root, absolute ones as given.</summary>
    private string Resolve(string name) => Path.GetFullPath(Path.IsPathRooted(name) ? name : Path.Combine(Directory, name));

    private bool IsInside(string canonical) => canonical.StartsWith(_prefix, StringComparison.Ordinal);

    private SafeFileHandle? OpenRegular(string name, string full, out string? refusal)
    {
        var fd = Native.Open(full, Native.ORdOnly | Native.ONonBlock | Native.OCloExec);
        if (fd < 0)
        {
            refusal = Marshal.GetLastPInvokeError() switch
            {
                Native.ENoEnt or Native.ENotDir => $"'{name}' does not exist in the input root",
                Native.EAcces or Native.EPerm => $"'{name}' cannot be read by the node",
                Native.ELoop => $"'{name}' resolves through too many symbolic links",
                var errno => $"'{name}' cannot be opened (errno {errno})",
            };
            return null;
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        refusal = null;

        // The fd's own path is the file actually opened, whatever a symbolic link or a concurrent rename did.
        var opened = new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
        if (opened is null || !IsInside(opened))
        {
            refusal = $"'{name}' resolves outside the input root (through a symbolic link)";
        }
        else if (!Native.IsRegularFile(fd))
        {
            refusal = $"'{name}' is not a regular file";
        }

        if (refusal is null)
        {
            return handle;
        }

        handle.Dispose();
        return null;
    }

    private static InputRead ReadBounded(SafeFileHandle handle, string name, long maxBytes)
    {
        // One byte past the budget proves "too large" without trusting any reported size.
        var buffer = new byte[(int)Math.Min(maxBytes + 1, 64 * 1024)];
        long total = 0;
        try
        {
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (total > maxBytes)
                    {
                        return InputRead.Refused($"'{name}' is larger than {maxBytes} bytes");
                    }

                    Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1, (long)buffer.Length * 2));
                }

                var read = RandomAccess.Read(handle, buffer.AsSpan((int)total), total);
                if (read == 0)
                {
                    return InputRead.Read(buffer.AsSpan(0, (int)total));
                }

                total += read;
            }
        }
        catch (IOException)
        {
            return InputRead.Refused($"'{name}' could not be read to its end");
        }
    }

    private static string Canonical(string directory)
    {
        var full = Path.GetFullPath(directory);
        return Native.RealPath(full) ?? throw new DirectoryNotFoundException($"the input root '{full}' does not exist");
    }
}
