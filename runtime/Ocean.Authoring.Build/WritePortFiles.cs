using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Ocean.Authoring.Build;

/// <summary>
/// Writes the .port files the generator baked into the compiled assembly, only where the text changed; or, in
/// check mode, fails naming each file on disk that differs from what the build would write.
/// </summary>
public sealed class WritePortFiles : Microsoft.Build.Utilities.Task
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The compiled (intermediate) assembly.</summary>
    [Required]
    public string AssemblyPath { get; set; } = string.Empty;

    /// <summary>The folder that holds <c>.port/</c> (the project folder).</summary>
    [Required]
    public string PortRoot { get; set; } = string.Empty;

    /// <summary>Check instead of write.</summary>
    public bool VerifyOnly { get; set; }

    /// <summary>The files written or checked.</summary>
    [Output]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    public override bool Execute()
    {
        PortManifest manifest;
        try
        {
            manifest = PortManifestReader.Read(AssemblyPath);
        }
        catch (Exception ex) when (ex is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            Log.LogError(null, "OCNBLD0004", null, AssemblyPath, 0, 0, 0, 0, "Cannot read the .port files from '{0}': {1}", AssemblyPath, ex.Message);
            return false;
        }

        if (manifest.Files.Count == 0)
        {
            if (manifest.UsesKitAttributes)
            {
                Log.LogError(null, "OCNBLD0001", null, AssemblyPath, 0, 0, 0, 0,
                    "The project uses the Ocean.Authoring attributes but the compiled assembly carries no .port files: the Ocean.Authoring source generator did not run. "
                    + "Check that the package is referenced normally (not with ExcludeAssets=analyzers), that source generators are not disabled, and that the SDK is 8.0.100 or newer.");
                return false;
            }

            return true;
        }

        var items = new List<ITaskItem>();
        var ok = true;
        foreach (var relative in PortFileNames.All)
        {
            if (!manifest.Files.TryGetValue(relative, out var text))
            {
                continue;
            }

            var path = Path.GetFullPath(Path.Combine(PortRoot, relative));
            items.Add(new TaskItem(path));
            var current = File.Exists(path) ? File.ReadAllText(path, Utf8NoBom) : null;

            // A checkout with core.autocrlf turns \n into \r\n: the same text, not a stale file.
            if (current is not null && string.Equals(current.Replace("\r\n", "\n"), text, StringComparison.Ordinal))
            {
                continue;
            }

            if (VerifyOnly)
            {
                var reason = current is null ? "is missing" : "differs from what the build writes (edited by hand, or not rebuilt)";
                Log.LogError(null, "OCNBLD0002", null, path, 0, 0, 0, 0,
                    "'{0}' {1}. Run 'dotnet build' and commit the result; change the C# declarations, not the file.", relative, reason);
                ok = false;
                continue;
            }

            ok &= Write(path, text);
        }

        Files = items.ToArray();
        return ok && !Log.HasLoggedErrors;
    }

    // Written to a temporary file of its own beside the target, then moved over it: a reader never sees half a file,
    // and two builds writing the same project at once (two configurations) do not trip over one temporary name.
    private bool Write(string path, string text)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(temporary, text, Utf8NoBom);
            File.Move(temporary, path, overwrite: true);
            Log.LogMessage(MessageImportance.High, "Ocean.Authoring: wrote {0}", path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);

            // Another build may have written the same text meanwhile; then there is nothing to report.
            if (File.Exists(path) && string.Equals(File.ReadAllText(path, Utf8NoBom).Replace("\r\n", "\n"), text, StringComparison.Ordinal))
            {
                return true;
            }

            Log.LogError(null, "OCNBLD0005", null, path, 0, 0, 0, 0, "Cannot write '{0}': {1}", path, ex.Message);
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind only if the folder itself is unwritable; the write error is what the user needs to see.
        }
    }
}
