namespace DjangoPreflight.Cli;

/// <summary>The exit codes of DESIGN.md. Never negative: POSIX would show 255.</summary>
public static class ExitCodes
{
    /// <summary>Nothing at or above <c>--fail-on</c>.</summary>
    public const int Clean = 0;

    /// <summary>Findings at or above <c>--fail-on</c>.</summary>
    public const int Findings = 1;

    /// <summary>Usage or input error, with a one-line reason on stderr.</summary>
    public const int UsageError = 2;

    /// <summary>The scan was cut short by <c>scan --timeout</c>: the report (if one was written) lists
    /// what was found before and names what was not done. Given whatever the findings, so a gate never
    /// passes on a scan that did not finish.</summary>
    public const int CutShort = 3;
}
