using System.Text.Json;

namespace DjangoPreflight.Cli.Tests.Suppressions;

/// <summary>
/// <c>django-preflight baseline</c> and <c>scan --baseline</c> on a copy of examples/insecure-shop:
/// the baseline hides what it recorded even after lines move, never hides a new finding that only
/// resembles a recorded one, and is a deterministic file with no secret in it.
/// </summary>
public sealed class BaselineTests
{
    private const string Settings = "shop/settings/production.py";

    private static string WriteBaseline(ShopScan shop, params string[] extra)
    {
        var file = shop.PathOf("accepted.json");
        var result = CliRun.InMemory(["baseline", shop.Root, "--no-history", "--env-file", shop.PathOf("deploy/production.env"), "--output", file, .. extra]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Matches(@"^Wrote .*accepted\.json: \d+ fingerprints for \d+ findings\.\n$", result.Stdout);
        return file;
    }

    [Fact]
    public void BaselineSurvivesLinesInsertedAboveTheFindings()
    {
        using var shop = new ShopScan();
        var (_, before) = shop.Scan();
        var file = WriteBaseline(shop);
        var (exit, report) = shop.Scan("--baseline", file);
        Assert.Equal(0, exit);
        Assert.Empty(report.Findings);
        Assert.Contains($"{before.Shown} findings hidden by the baseline {file}", report.Notices);

        foreach (var path in new[] { Settings, "shop/settings/base.py", "manage.py" })
            shop.Edit(path, text => "# Reviewed 2026-11.\nimport sys  # noqa: F401\n\n" + text);
        foreach (var path in new[] { "deploy/nginx/shop.conf", "requirements.txt", "docker-compose.yml", "Dockerfile" })
            shop.Edit(path, text => "# Reviewed 2026-11.\n\n\n" + text);
        var (_, moved) = shop.Scan();
        Assert.Equal(before.Findings.Count, moved.Findings.Count);
        Assert.Contains("DP201 shop/settings/base.py:14", before.Findings);
        Assert.Contains("DP201 shop/settings/base.py:17", moved.Findings);

        (exit, report) = shop.Scan("--baseline", file);
        Assert.Equal(0, exit);
        Assert.Empty(report.Findings);
        Assert.DoesNotContain(report.Notices, n => n.Contains("not found any more"));
    }

    /// <summary>Each edit adds a finding that shares the rule (and more) with a recorded one.</summary>
    public static TheoryData<string, string[]> SimilarFindings() => new()
    {
        // Same rule, same file, another setting.
        { "another setting", ["DP505 shop/settings/production.py:31"] },
        // Same rule, same setting, another value.
        { "another entry", ["DP205 shop/settings/production.py:31"] },
        // Same rules, another file: a second nginx site file like the first. DP309's message names an
        // nginx location as its example, now the new file's: a changed message is a new finding too.
        { "another file", ["DP309 shop/settings/production.py:14", "DP604 deploy/nginx/admin.conf:18", "DP604 deploy/nginx/admin.conf:20", "DP803 deploy/nginx/admin.conf:6", "DP804 deploy/nginx/admin.conf:7", "DP805 deploy/nginx/admin.conf:23", "DP806 deploy/nginx/admin.conf:11"] },
        // Same rule, file and message: a second occurrence of two recorded findings.
        { "second occurrence", ["DP604 deploy/nginx/shop.conf:33", "DP604 deploy/nginx/shop.conf:35"] },
    };

    [Theory]
    [MemberData(nameof(SimilarFindings))]
    public void ANewFindingThatResemblesARecordedOneIsShown(string edit, string[] expected)
    {
        using var shop = new ShopScan();
        var file = WriteBaseline(shop);
        switch (edit)
        {
            case "another setting":
                shop.Edit(Settings, text => text + "\nCSRF_COOKIE_SAMESITE = \"None\"\n");
                break;
            case "another entry":
                shop.Edit(Settings, text => text + "\nALLOWED_HOSTS += [\"192.168.0.0/24\"]\n");
                break;
            case "another file":
                File.Copy(shop.PathOf("deploy/nginx/shop.conf"), shop.PathOf("deploy/nginx/admin.conf"));
                break;
            case "second occurrence":
                shop.Edit("deploy/nginx/shop.conf", text => text
                    + "server {\n    listen 127.0.0.1:8080;\n    server_name media.example.com;\n    location /media/ {\n        alias /srv/shop/media/;\n        autoindex on;\n    }\n}\n");
                break;
        }
        var (_, report) = shop.Scan("--baseline", file);
        Assert.Equal(expected.Order(StringComparer.Ordinal), report.Findings.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DeletingTheBaselineShowsEveryFindingAgain()
    {
        using var shop = new ShopScan();
        var (exit, before) = shop.Scan();
        Assert.Equal(1, exit);
        var file = WriteBaseline(shop);
        Assert.Empty(shop.Scan("--baseline", file).Report.Findings);
        File.Delete(file);
        var (afterExit, after) = shop.Scan();
        Assert.Equal(1, afterExit);
        Assert.Equal(before.Findings, after.Findings);
        var missing = CliRun.InMemory("scan", shop.Root, "--baseline", file);
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith($"django-preflight: error: cannot read baseline '{file}'", missing.Stderr);
    }

    [Fact]
    public void AFixedFindingIsReportedAsNoLongerFoundOnlyForRulesThatRan()
    {
        using var shop = new ShopScan();
        var file = WriteBaseline(shop);
        shop.EditLine("shop/settings/base.py", "X_FRAME_OPTIONS = \"SAMEORIGIN\"", "X_FRAME_OPTIONS = \"DENY\"");
        var (_, report) = shop.Scan("--baseline", file);
        Assert.Empty(report.Findings);
        Assert.Contains($"baseline {file}: 1 accepted finding not found any more (fixed or changed); `django-preflight baseline` updates it", report.Notices);
        (_, report) = shop.Scan("--baseline", file, "--select", "DP1");
        Assert.DoesNotContain(report.Notices, n => n.Contains("not found any more"));
    }

    [Fact]
    public void BaselineFileIsSortedDeterministicAndHoldsNoSecret()
    {
        using var shop = new ShopScan();
        var (_, report) = shop.Scan();
        var file = WriteBaseline(shop);
        var first = File.ReadAllBytes(file);
        Assert.Equal(first, File.ReadAllBytes(WriteBaseline(shop)));

        var text = File.ReadAllText(file);
        // The shop's secrets: the SECRET_KEY literal and the database password (whose prefix messages quote).
        Assert.DoesNotContain("django-insecure", text);
        Assert.DoesNotContain("Sh0p", text);
        Assert.DoesNotContain("SAMEORIGIN", text);

        using var doc = JsonDocument.Parse(first);
        Assert.Equal(1, doc.RootElement.GetProperty("version").GetInt32());
        var entries = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(report.Findings.Count, entries.Sum(e => e.GetProperty("count").GetInt32()));
        var keys = entries.Select(e => string.Join('\0', e.GetProperty("rule").GetString(), e.GetProperty("path").GetString(),
            e.TryGetProperty("setting", out var s) ? s.GetString() : "", e.GetProperty("evidence").GetString())).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.All(entries, e =>
        {
            Assert.Matches("^[0-9a-f]{16}$", e.GetProperty("evidence").GetString());
            Assert.Subset(new HashSet<string> { "rule", "path", "setting", "evidence", "count" }, e.EnumerateObject().Select(p => p.Name).ToHashSet());
        });
        Assert.Contains(entries, e => e.GetProperty("rule").GetString() == "DP402" && e.GetProperty("setting").GetString() == "X_FRAME_OPTIONS"
            && e.GetProperty("path").GetString() == "shop/settings/base.py" && e.GetProperty("count").GetInt32() == 1);
    }

    [Fact]
    public void BaselineWritesIntoTheProjectByDefaultAndTakesScanRuleOptions()
    {
        using var shop = new ShopScan();
        var result = CliRun.InMemory("baseline", shop.Root, "--no-history", "--select", "DP4");
        Assert.Equal(0, result.ExitCode);
        var file = Path.Combine(shop.Root, ".preflight-baseline.json");
        Assert.Equal($"Wrote {file}: 2 fingerprints for 2 findings.\n", result.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
        Assert.All(doc.RootElement.GetProperty("findings").EnumerateArray(), e => Assert.StartsWith("DP4", e.GetProperty("rule").GetString()));
    }

    public static TheoryData<string, string> BadFiles() => new()
    {
        { "not json", "is not valid JSON" },
        { "[]", "is not a django-preflight baseline: expected a JSON object" },
        { "{\"findings\": []}", "is not a django-preflight baseline: no 'version'" },
        { "{\"version\": 2, \"findings\": []}", "version 2 is not supported (expected 1)" },
        { "{\"version\": 1}", "no 'findings' list" },
        { "{\"version\": 1, \"findings\": [{\"rule\": \"DP201\", \"path\": \"a.py\", \"evidence\": \"00\", \"count\": 0}]}", "findings[0] has no positive whole 'count'" },
        { "{\"version\": 1, \"findings\": [{\"rule\": \"DP201\", \"path\": \"a.py\", \"evidence\": \"00\", \"count\": \"1\"}]}", "findings[0] has no positive whole 'count'" },
        { "{\"version\": 1, \"findings\": [{\"rule\": \"DP201\", \"evidence\": \"00\", \"count\": 1}]}", "findings[0] has no 'path' string" },
        { "{\"version\": 1, \"findings\": [7]}", "findings[0] is not an object" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void ABadBaselineIsOneLineAndExitTwo(string content, string expected)
    {
        using var shop = new ShopScan();
        var file = shop.PathOf("bad.json");
        File.WriteAllText(file, content);
        var result = CliRun.InMemory("scan", shop.Root, "--baseline", file);
        CliAssert.UsageError(result, expected);
    }

    [Fact]
    public void ADirectoryIsNotABaseline()
    {
        using var shop = new ShopScan();
        var result = CliRun.InMemory("scan", shop.Root, "--baseline", shop.PathOf("deploy"));
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"django-preflight: error: cannot read baseline '{shop.PathOf("deploy")}'", result.Stderr);
    }

    /// <summary>Baselines are for the project scan: a live site's findings are fixed on the server, and
    /// their fingerprints would be URLs of one deployment. <c>probe</c> refuses the option outright.</summary>
    [Fact]
    public void ProbeTakesNoBaseline()
    {
        var result = CliRun.InMemory("probe", "http://127.0.0.1:9/", "--baseline", "accepted.json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--baseline", result.Stderr);
    }
}
