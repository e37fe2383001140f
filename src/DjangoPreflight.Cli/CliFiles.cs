using DjangoPreflight.Core.Files;

namespace DjangoPreflight.Cli;

/// <summary>Files the command line names: the user may name any path, but only a regular file within
/// <see cref="BoundedFile.CommandLineMaxBytes"/> is read (not /dev/zero, not a named pipe); anything
/// else is a one-line usage error.</summary>
public static class CliFiles
{
    public static void Check(string option, string path)
    {
        try
        {
            BoundedFile.Check(path, BoundedFile.CommandLineMaxBytes);
        }
        catch (FileRefusedException e)
        {
            throw Refused(option, path, e);
        }
    }

    public static string ReadText(string option, string path)
    {
        try
        {
            return BoundedFile.ReadText(path, BoundedFile.CommandLineMaxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Refused(option, path, e);
        }
    }

    private static UsageException Refused(string option, string path, Exception e) => new($"{option} '{path}': {e.Message}");
}
