namespace DjangoPreflight.Core;

/// <summary>Where a suppression is written, in SARIF's terms: in the scanned source (an inline
/// comment, SILENCED_SYSTEM_CHECKS in the settings) or outside it (a baseline file, the
/// configuration's per-path-ignores).</summary>
public enum SuppressionKind
{
    InSource,
    External,
}

/// <summary>A finding a suppression hid, with what hid it: reports that can carry suppressed results
/// (SARIF) show it as suppressed instead of dropping it, so code scanning does not close it as fixed.</summary>
public sealed record SuppressedFinding(Finding Finding, SuppressionKind Kind, string Justification);
