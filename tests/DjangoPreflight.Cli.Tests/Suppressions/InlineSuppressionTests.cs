namespace DjangoPreflight.Cli.Tests.Suppressions;

/// <summary>
/// <c># preflight: ignore</c> comments in a copy of examples/insecure-shop, scanned through the CLI:
/// what each directive hides, what it must not hide, and the notices that account for both.
/// </summary>
public sealed class InlineSuppressionTests
{
    private const string Base = "shop/settings/base.py";
    private const string Production = "shop/settings/production.py";
    private const string DebugLine = "DEBUG = os.environ.get(\"DJANGO_DEBUG\", \"True\").lower() in (\"1\", \"true\", \"yes\")";
    private const string Suppressed1 = "1 finding suppressed by `# preflight: ignore` comments";

    [Fact]
    public void ADirectiveHidesOnlyTheRulesItNamesOnItsLine()
    {
        using var shop = new ShopScan();
        var (_, before) = shop.Scan();
        Assert.Equal(["DP201 shop/settings/base.py:14", "DP202 shop/settings/base.py:14"], before.Findings.Where(f => f.EndsWith("base.py:14", StringComparison.Ordinal)));
        shop.EditLine(Base, DebugLine, DebugLine + "  # preflight: ignore[DP201]");
        var (_, report) = shop.Scan();
        Assert.Equal(before.Findings.Where(f => f != "DP201 shop/settings/base.py:14"), report.Findings);
        Assert.Contains(Suppressed1, report.Notices);
        Assert.DoesNotContain(report.Notices, n => n.Contains("suppressed nothing"));
    }

    [Fact]
    public void ABareDirectiveHidesEveryRuleOnItsLineAndSeveralIdsAreAllowed()
    {
        using var shop = new ShopScan();
        var (_, before) = shop.Scan();
        shop.Edit(Production, text => text
            .Replace("\"10.0.0.0/16\", \"*\"]\n", "\"10.0.0.0/16\", \"*\"]  # preflight: ignore\n")
            .Replace("SECRET_KEY)  # noqa: F405\n", "SECRET_KEY)  # noqa: F405  # preflight: ignore[DP102, dp103]\n"));
        var (_, report) = shop.Scan();
        string[] hidden = ["DP102 shop/settings/production.py:6", "DP103 shop/settings/production.py:6", "DP204 shop/settings/production.py:9", "DP205 shop/settings/production.py:9"];
        Assert.Subset(before.Findings.ToHashSet(), hidden.ToHashSet());
        Assert.Equal(before.Findings.Where(f => !hidden.Contains(f)), report.Findings);
        Assert.Contains("4 findings suppressed by `# preflight: ignore` comments", report.Notices);
    }

    [Fact]
    public void ADirectiveInAViewFileWhichTheBulkParseReadsAndDropsStillHidesItsFinding()
    {
        // The suppression pass skips files the rules read and found without the tool's name; the
        // view module is read once by the parse of every application file, and must not be skipped.
        using var shop = new ShopScan();
        var (_, before) = shop.Scan();
        Assert.Contains("DP503 orders/views.py:43", before.Findings);
        shop.EditLine("orders/views.py", "@csrf_exempt", "@csrf_exempt  # preflight: ignore[DP503]");
        var (_, report) = shop.Scan();
        Assert.Equal(before.Findings.Where(f => f != "DP503 orders/views.py:43"), report.Findings);
        Assert.Contains(Suppressed1, report.Notices);
    }

    [Fact]
    public void ADirectiveInsideAStringLiteralIsNotAComment()
    {
        using var shop = new ShopScan();
        shop.EditLine(Base, "X_FRAME_OPTIONS = \"SAMEORIGIN\"", "X_FRAME_OPTIONS = \"SAMEORIGIN  # preflight: ignore\"");
        shop.EditLine(Base, DebugLine, DebugLine.Replace("\"yes\")", "\"yes\", \"# preflight: ignore[DP201]\")"));
        var (_, report) = shop.Scan();
        Assert.Contains("DP402 shop/settings/base.py:119", report.Findings);
        Assert.Contains("DP201 shop/settings/base.py:14", report.Findings);
        Assert.DoesNotContain(report.Notices, n => n.Contains("preflight: ignore"));
    }

    [Fact]
    public void ADirectiveOnTheLineAboveDoesNotCountAndIsReportedUnused()
    {
        using var shop = new ShopScan();
        shop.EditLine(Base, DebugLine, "# preflight: ignore[DP201]\n" + DebugLine);
        var (_, report) = shop.Scan();
        Assert.Contains("DP201 shop/settings/base.py:15", report.Findings);
        Assert.Contains("shop/settings/base.py:14: `# preflight: ignore[DP201]` suppressed nothing (no DP201 finding on this line)", report.Notices);
        Assert.DoesNotContain(report.Notices, n => n.Contains("findings suppressed") || n.Contains("finding suppressed"));
    }

    [Fact]
    public void ADirectiveForAnotherRuleHidesNothingAndIsReportedOnlyIfThatRuleRan()
    {
        using var shop = new ShopScan();
        shop.EditLine(Base, DebugLine, DebugLine + "  # preflight: ignore[DP402, DP999]");
        var (_, report) = shop.Scan();
        Assert.Contains("DP201 shop/settings/base.py:14", report.Findings);
        Assert.Contains("shop/settings/base.py:14: `# preflight: ignore[DP402]` suppressed nothing (no DP402 finding on this line)", report.Notices);
        Assert.Contains("shop/settings/base.py:14: `# preflight: ignore[DP999]` names no rule of django-preflight scan", report.Notices);

        (_, report) = shop.Scan("--select", "DP2");
        Assert.Contains("DP201 shop/settings/base.py:14", report.Findings);
        Assert.DoesNotContain(report.Notices, n => n.Contains("DP402"));
        Assert.Contains("shop/settings/base.py:14: `# preflight: ignore[DP999]` names no rule of django-preflight scan", report.Notices);
    }

    [Theory]
    [InlineData("# preflight: ignore[DP201", "no closing ']'")]
    [InlineData("# preflight: ignore[]", "an empty rule ID")]
    [InlineData("# preflight: ignore[DEBUG]", "'DEBUG' is not a rule ID")]
    public void AMalformedDirectiveHidesNothingAndSaysWhy(string comment, string why)
    {
        using var shop = new ShopScan();
        shop.EditLine(Base, DebugLine, DebugLine + "  " + comment);
        var (_, report) = shop.Scan();
        Assert.Contains("DP201 shop/settings/base.py:14", report.Findings);
        Assert.Contains("DP202 shop/settings/base.py:14", report.Findings);
        Assert.Contains($"shop/settings/base.py:14: `# preflight: ignore` directive not understood ({why}); it suppresses nothing", report.Notices);
    }

    /// <summary>Deployment files, each with its own comment syntax. A Dockerfile has no end-of-line
    /// comments, so its directive is the comment line above the instruction.</summary>
    [Theory]
    [InlineData("Dockerfile", "CMD [\"sh\", \"-c\", \"python manage.py migrate --noinput && python manage.py runserver 0.0.0.0:8000\"]", "# preflight: ignore[DP801]\n{0}", "DP801 Dockerfile:15", "DP602 Dockerfile:16")]
    [InlineData("deploy/nginx/shop.conf", "server_tokens on;", "    server_tokens on;  # preflight: ignore[DP806]", "DP806 deploy/nginx/shop.conf:11", "DP803 deploy/nginx/shop.conf:6")]
    [InlineData("docker-compose.yml", "DJANGO_DEBUG: \"1\"", "      DJANGO_DEBUG: \"1\"  # preflight: ignore[DP808]", "DP808 docker-compose.yml:7", "DP807 docker-compose.yml:24")]
    [InlineData("requirements.txt", "Django==3.2.19", "Django==3.2.19  # preflight: ignore[DP211]", "DP211 requirements.txt:1", "DP110 manage.py:9")]
    public void DeploymentFilesTakeDirectivesInTheirOwnCommentSyntax(string file, string line, string replacement, string hidden, string kept)
    {
        using var shop = new ShopScan();
        var (_, before) = shop.Scan();
        Assert.Contains(hidden, before.Findings);
        shop.EditLine(file, line, string.Format(replacement, line));
        var (_, report) = shop.Scan();
        Assert.DoesNotContain(hidden, report.Findings);
        Assert.Contains(kept, report.Findings);
        var count = before.Findings.Count(f => f == hidden);
        Assert.Equal(before.Findings.Count - count, report.Findings.Count);
        Assert.Contains(count == 1 ? Suppressed1 : $"{count} findings suppressed by `# preflight: ignore` comments", report.Notices);
    }

    [Theory]
    [InlineData("text", "Note: 1 finding suppressed by `# preflight: ignore` comments")]
    [InlineData("markdown", "- Note: 1 finding suppressed by `# preflight: ignore` comments")]
    [InlineData("json", "\"1 finding suppressed by `# preflight: ignore` comments\"")]
    [InlineData("junit", "Note: 1 finding suppressed by `# preflight: ignore` comments")]
    [InlineData("html", "<li>1 finding suppressed by `# preflight: ignore` comments</li>")]
    public void EveryFormatSaysHowManyWereSuppressed(string format, string expected)
    {
        using var shop = new ShopScan();
        shop.EditLine(Base, DebugLine, DebugLine + "  # preflight: ignore[DP201]");
        var result = CliRun.InMemory("scan", shop.Root, "--no-history", "--format", format);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Stdout);
    }
}
