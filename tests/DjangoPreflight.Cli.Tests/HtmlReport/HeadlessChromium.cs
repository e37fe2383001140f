using Microsoft.Playwright;

namespace DjangoPreflight.Cli.Tests.HtmlReport;

/// <summary>Debian's Chromium driven by Playwright's bundled node driver (in the test output's
/// .playwright folder): no browser download. One browser per test class; one context per page, so
/// each page records its own requests.</summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    public const string Executable = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("browser not started");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: scripts/test installs Debian's chromium package");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Timeout = 30_000,
        });
    }

    /// <summary>Opens a local file in a fresh context of the given viewport. Every request the page
    /// makes is recorded; any that is not the file itself is aborted, so nothing leaves the machine.</summary>
    public async Task<OpenedPage> OpenAsync(string file, int width = 1280, int height = 900)
    {
        var url = new Uri(file).AbsoluteUri;
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            JavaScriptEnabled = true,
        });
        var opened = new OpenedPage(context, await context.NewPageAsync(), url);
        await context.RouteAsync("**/*", route => route.Request.Url == url ? route.ContinueAsync() : route.AbortAsync());
        opened.Page.Request += (_, request) => opened.Requests.Add(request.Url);
        opened.Page.Console += (_, message) => opened.Console.Add($"{message.Type}: {message.Text}");
        opened.Page.PageError += (_, error) => opened.Console.Add($"pageerror: {error}");
        opened.Page.Dialog += (_, dialog) =>
        {
            opened.Console.Add($"dialog: {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        await opened.Page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 15_000 });
        return opened;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}

/// <summary>A page and what it did: every request URL (the file itself included) and every console
/// message, page error or dialog (a CSP violation shows up as a console error).</summary>
public sealed class OpenedPage(IBrowserContext context, IPage page, string url) : IAsyncDisposable
{
    public IPage Page { get; } = page;
    public string Url { get; } = url;
    public List<string> Requests { get; } = [];
    public List<string> Console { get; } = [];

    public ValueTask DisposeAsync() => new(context.CloseAsync());
}
