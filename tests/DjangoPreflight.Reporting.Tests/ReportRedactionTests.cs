using System.Text.Json;
using DjangoPreflight.Core;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Reporting.Tests;

/// <summary>
/// #22 item 6: one redaction serves every output. A secret in each shape the secret rules know is
/// planted in every text of a report a repository can reach (a finding's message, title and file,
/// a merged finding, notices, parse errors and their files, unresolved names, what production must
/// set, why the settings module and a deployment file's role were chosen, a suppression's
/// justification); no format may show any of them whole, nor its tail.
/// </summary>
public class ReportRedactionTests
{
    /// <summary>Shape, the text carrying the secret as a repository would write it, and the secret.</summary>
    public static readonly (string Shape, string Text, string Secret)[] Shapes =
    [
        ("URL password", "postgres://app:Url-s3kr1t-9001@db:5432/app", "Url-s3kr1t-9001"),
        ("URL password holding @", "redis://:At@s3kr1t-9002@cache:6379", "At@s3kr1t-9002"),
        ("libpq password=", "host=db password=Dsn-s3kr1t-9003 dbname=app", "Dsn-s3kr1t-9003"),
        ("env assignment", "DB_PASSWORD=Env-s3kr1t-9004", "Env-s3kr1t-9004"),
        ("Python assignment", "API_TOKEN = 'Py-s3kr1t-9005'", "Py-s3kr1t-9005"),
        ("YAML/JSON value", "\"CLIENT_SECRET\": \"Json-s3kr1t-9006\"", "Json-s3kr1t-9006"),
        ("short name ending _PWD", "SMTP_PWD=Pwd-s3kr1t-9007", "Pwd-s3kr1t-9007"),
        ("GitHub token", "token ghp_" + new string('a', 30) + "9008zz", "ghp_" + new string('a', 30) + "9008zz"),
        ("AWS access key ID", "id AKIAABCDEFGHIJ9009XY", "AKIAABCDEFGHIJ9009XY"),
        ("Django key", "key 'x7#k2(m9!q=z0p4+w8&r1^t5$y3@u6*e-h_j9010abcdefgh'", "x7#k2(m9!q=z0p4+w8&r1^t5$y3@u6*e-h_j9010abcdefgh"),
        ("PEM private key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA9011" + new string('Q', 40) + "\n-----END RSA PRIVATE KEY-----",
            "MIIEpAIBAAKCAQEA9011" + new string('Q', 40)),
    ];

    private static ScanReport Planted(string text)
    {
        var sample = SampleReports.Scan();
        // A file name holds no '/' and, here, no line break: the shapes without them ride on one too.
        var file = text.Contains('/') || text.Contains('\n') ? "settings.py" : $"{text}.py";
        var finding = sample.Findings[0] with
        {
            Message = $"message: {text}",
            Location = new SourceLocation($"conf/{file}", 3),
        };
        var merged = sample.Findings[1] with
        {
            Message = $"merged: {text}",
            Merged = [sample.Findings[1] with { Message = $"constituent: {text}" }, sample.Findings[0] with { Message = $"also: {text}" }],
        };
        return sample with
        {
            Target = sample.Target with
            {
                Reasons = [$"reason: {text}"],
                DeploymentFiles = [new DeploymentFileInfo("deploy/app.env", "env", "production", $"role: {text}")],
                SettingsEvidence = new SettingsEvidenceInfo("shop.settings.production", "serving process", $"evidence: {text}", "Procfile", 1),
            },
            Findings = [finding, merged, sample.Findings[2] with { Title = $"title: {text}" }],
            Summary = sample.Summary with
            {
                ParseErrors = [new ParseErrorInfo($"legacy/{file}", 3, $"invalid syntax: {text}")],
                Notices = [$"notice: {text}"],
                UnresolvedSettings = ["CACHES", text],
                Requirements = [new Requirement("DJANGO_SECRET_KEY", ["SECRET_KEY"], new SourceLocation("shop/settings.py", 7), $"requirement: {text}")],
            },
            Suppressed = [new SuppressedFinding(finding with { Message = $"suppressed: {text}" }, SuppressionKind.External, $"justification: {text}")],
        };
    }

    public static TheoryData<string, string> ShapesByFormat()
    {
        var data = new TheoryData<string, string>();
        foreach (var writer in ReportWriters.All)
            foreach (var (shape, _, _) in Shapes)
                data.Add(writer.Format, shape);
        return data;
    }

    [Theory]
    [MemberData(nameof(ShapesByFormat))]
    public void NoFormatShowsTheSecret(string format, string shape)
    {
        var (_, text, secret) = Shapes.Single(s => s.Shape == shape);
        var output = WriterOutput.Of(ReportWriters.Find(format)!, Planted(text));
        // JSON, SARIF, HTML and JUnit escape what they carry: compare with what a reader sees.
        var seen = format switch
        {
            "json" or "sarif" => Unescaped(output),
            "html" or "junit" => System.Net.WebUtility.HtmlDecode(output),
            _ => output,
        };
        // The text reached the format (so the check below can fail): the message's lead is there.
        Assert.Contains("message: ", seen);
        Assert.False(seen.Contains(secret, StringComparison.Ordinal), $"{format} shows the {shape} whole");
        Assert.False(seen.Contains(secret[^8..], StringComparison.Ordinal), $"{format} shows the {shape}'s tail");
    }

    /// <summary>Every string of a JSON document, unescaped, one per line.</summary>
    private static string Unescaped(string json)
    {
        var strings = new List<string>();
        void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject()) { strings.Add(p.Name); Walk(p.Value); }
                    break;
                case JsonValueKind.Array:
                    foreach (var i in e.EnumerateArray()) Walk(i);
                    break;
                case JsonValueKind.String:
                    strings.Add(e.GetString()!);
                    break;
            }
        }
        using var doc = JsonDocument.Parse(json);
        Walk(doc.RootElement);
        return string.Join("\n", strings);
    }

    [Fact]
    public void TheReportItselfHoldsEverySecretWhole()
    {
        // Proves the test above can fail: the report handed to the writers carries each secret as
        // written, in every field; only the writers' redaction hides it.
        foreach (var (shape, text, secret) in Shapes)
        {
            var report = Planted(text);
            Assert.Contains(secret, report.Findings[0].Message);
            Assert.Contains(secret, report.Summary.Notices[0]);
            Assert.Contains(secret, report.Findings[1].Merged[0].Message);
            Assert.Contains(secret, report.Suppressed[0].Justification);
            var redacted = ReportRedaction.Apply(report);
            Assert.False(redacted.Findings[0].Message.Contains(secret, StringComparison.Ordinal), shape);
            Assert.StartsWith("message: ", redacted.Findings[0].Message);
        }
    }

    [Theory]
    [InlineData("TOKEN_EXPIRY_NOTE = os.environ['X']")]
    [InlineData("SECRET_KEY = env('DJANGO_SECRET_KEY')")]
    [InlineData("PASSWORD_HASHERS=['argon2']")]
    [InlineData("SECRET_KEY = None")]
    [InlineData("SECRET_KEY is a string literal (abcd… (50 chars)); read it from the environment")]
    [InlineData("see https://docs.djangoproject.com/en/5.2/ref/settings/#secure-cross-origin-opener-policy-1")]
    [InlineData("if SECRET_KEY == 'x': raise")]
    [InlineData("with CORS_ALLOW_CREDENTIALS = True: any website can make authenticated requests")]
    [InlineData("SESSION_COOKIE_SECURE is on, but AUTH_PASSWORD = None.")]
    public void CodeAndRedactedValuesAreLeftAsTheyAre(string text) => Assert.Equal(text, SecretText.Redact(text));

    [Fact]
    public void HostileTextStaysEscapedAndTheSarifValidates()
    {
        // #22: terminal escapes, a bidirectional override, a CDATA end and a script in a file name,
        // a message and a notice. The SARIF stays valid (the Multitool finds nothing), and reading
        // it back gives the same text.
        const string hostile = "<script>alert(1)</script>]]><!--\u001b[2J\u202e";
        var sample = SampleReports.Scan();
        var report = sample with
        {
            Findings = [sample.Findings[0] with { Message = $"value {hostile}", Location = new SourceLocation($"h/{hostile}.py", 3, 1) }],
            Summary = sample.Summary with
            {
                Notices = [$"notice {hostile}"],
                ParseErrors = [new ParseErrorInfo($"h/{hostile}.py", 2, $"invalid syntax {hostile}")],
            },
        };
        var sarif = WriterOutput.Of(new SarifReportWriter(), report);
        Assert.DoesNotContain('\u001b', sarif);
        Assert.DoesNotContain('\u202e', sarif);
        using var temp = new TempDirectory();
        Assert.Empty(SarifMultitool.Validate(temp.Write("hostile.sarif", sarif)));
        using var doc = JsonDocument.Parse(sarif);
        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.Equal($"value {hostile}", run.GetProperty("results")[0].GetProperty("message").GetProperty("text").GetString());
        var notes = run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications").EnumerateArray()
            .Select(n => n.GetProperty("message").GetProperty("text").GetString()).ToList();
        Assert.Contains(notes, n => n!.Contains($"notice {hostile}", StringComparison.Ordinal));
    }
}
