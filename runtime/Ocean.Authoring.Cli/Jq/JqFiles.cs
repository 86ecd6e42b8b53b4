using System.Text;
using Ocean.Authoring.Jq.Evaluation;

namespace Ocean.Authoring.Cli.Jq;

/// <summary>A file that could not be read, worded as jq words it.</summary>
internal sealed class JqFileException(string message) : Exception(message);

/// <summary>Whole-file reads (<c>--rawfile</c>, <c>--slurpfile</c>, <c>-f</c>) with jq's error texts.</summary>
internal static class JqFiles
{
    /// <summary>The file's text (invalid UTF-8 becomes U+FFFD).</summary>
    public static string ReadText(string path) => Encoding.UTF8.GetString(ReadBytes(path));

    /// <summary>All JSON texts in the file, as an array.</summary>
    public static JqValue ReadValues(string path)
    {
        var bytes = ReadBytes(path);
        var values = new List<JqValue>();
        try
        {
            var reader = new JsonReader(bytes);
            while (reader.TryRead(out var value))
            {
                values.Add(value);
            }
        }
        catch (JqJsonException e)
        {
            throw new JqFileException(e.Message);
        }

        return JqValue.FromList(values);
    }

    public static byte[] ReadBytes(string path)
    {
        if (Directory.Exists(path))
        {
            throw new JqFileException($"Could not open {path}: It's a directory");
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JqFileException($"Could not open {path}: {Describe(e)}");
        }
    }

    /// <summary>The C library's wording (strerror) for why a file could not be opened.</summary>
    public static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        PathTooLongException => "File name too long",
        _ => e.Message,
    };
}
