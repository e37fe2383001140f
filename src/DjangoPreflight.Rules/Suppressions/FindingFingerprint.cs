using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Suppressions;

/// <summary>
/// What identifies a finding across edits, for baselines: the rule, the file (or URL), the setting,
/// and a hash of the message with line and column numbers taken out. No line number is in it, so
/// findings survive lines inserted or removed above them; the message keeps what tells two findings
/// of one rule in one file apart (the setting's value, the entry, the service, the view), so a new
/// finding that only resembles an old one gets another fingerprint. Identical fingerprints are told
/// apart by how many times they occur (see <see cref="Baseline"/>). The message is hashed because it
/// may quote part of a secret; the file stores no source text.
/// </summary>
public sealed record FindingFingerprint(string Rule, string Path, string Setting, string Evidence)
{
    public static FindingFingerprint Of(Finding finding) => new(
        finding.RuleId,
        finding.Location.Path ?? finding.Location.Url ?? "",
        finding.Setting ?? "",
        Hash(WithoutLineNumbers(finding.Message)));

    /// <summary>"shop/settings/base.py:14:1" becomes "shop/settings/base.py", "line 12" becomes "line":
    /// messages cite other places by line, and those lines move too. A number after a colon only
    /// counts as a line when a name with a letter comes before it, so "0.0.0.0:8000" keeps its port.</summary>
    public static string WithoutLineNumbers(string message) =>
        Lines.Replace(FileLines.Replace(message, ""), "$1");

    private static readonly Regex FileLines = new(@"(?<=[A-Za-z_][\w.\-/]*):\d+(?::\d+)?(?![\w.])", RegexOptions.CultureInvariant);

    private static readonly Regex Lines = new(@"\b(lines?) \d+(?:-\d+)?\b", RegexOptions.CultureInvariant);

    /// <summary>The first 16 hex digits of the SHA-256 of the text: enough to tell messages apart,
    /// and nothing of a secret can be read back from it.</summary>
    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
