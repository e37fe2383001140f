namespace DjangoPreflight.Cli;

/// <summary>Bad input from the user: becomes one line on stderr and exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
