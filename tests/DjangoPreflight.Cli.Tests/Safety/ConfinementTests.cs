using DjangoPreflight.Cli.Tests.Configuration;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.Safety;

/// <summary>
/// A scanned project's configuration may name only the project's own regular files: not a file
/// elsewhere on the machine, not its .git (where CI keeps its token), not a pipe or a device, and
/// not through a link. Each attack is built here and must end in one line and exit 2, quickly.
/// The command line, which the user types, may still name any file, but only a regular one.
/// </summary>
public class ConfinementTests
{
    private const string Header = "[tool.django-preflight]\n";

    private static void AssertRefused(ConfiguredShop shop, string expected)
    {
        foreach (var command in new[] { "scan", "settings" })
        {
            var result = shop.Run(command, shop.Root);
            Assert.True(result.Elapsed < TimeSpan.FromSeconds(30), $"{command} took {result.Elapsed}");
            CliAssert.UsageError(result, expected);
        }
    }

    private static string Outside(ConfiguredShop shop, string text = "API_TOKEN=Outside-7c2e9a4f1b8d\n") => shop.Outside("ci-secrets.env", text);

    [Fact]
    public void Env_files_in_the_git_folder_are_refused()
    {
        using var shop = new ConfiguredShop(Header + "env-files = [\".git/config\"]\n");
        Directory.CreateDirectory(Path.Combine(shop.Root, ".git"));
        shop.Write(".git/config", "[http \"https://github.com/\"]\n\textraheader = AUTHORIZATION: basic Q0ktVG9rZW4tOWYyYTdjNGUxYg==\n");
        AssertRefused(shop, "pyproject.toml:2: 'env-files': '.git/config' is inside the project's .git folder: a project's configuration may name only the project's own files");
    }

    [Fact]
    public void Env_files_outside_the_project_are_refused_however_they_are_named()
    {
        using var shop = new ConfiguredShop();
        var outside = Outside(shop);
        Directory.CreateSymbolicLink(Path.Combine(shop.Root, "conf"), Path.GetDirectoryName(outside)!);
        File.CreateSymbolicLink(Path.Combine(shop.Root, "prod.env"), outside);
        foreach (var name in new[] { outside, "../elsewhere/ci-secrets.env", "prod.env", "conf/ci-secrets.env", "/dev/zero" })
        {
            shop.Write("pyproject.toml", Header + $"env-files = [\"{name}\"]\n");
            AssertRefused(shop, $"pyproject.toml:2: 'env-files': '{name}' is outside the project");
        }
    }

    [Fact]
    public void An_env_file_that_is_a_named_pipe_is_refused_without_waiting_for_it()
    {
        using var shop = new ConfiguredShop(Header + "env-files = [\"deploy/prod.env\"]\n");
        Directory.CreateDirectory(Path.Combine(shop.Root, "deploy"));
        Assert.Equal(0, ProcessRunner.Run("mkfifo", [Path.Combine(shop.Root, "deploy", "prod.env")]).ExitCode);
        AssertRefused(shop, "pyproject.toml:2: 'env-files': 'deploy/prod.env': a named pipe, not a regular file");
    }

    [Fact]
    public void An_env_file_over_the_bound_is_refused()
    {
        using var shop = new ConfiguredShop(Header + "env-files = [\"huge.env\"]\n");
        shop.Write("huge.env", "A=" + new string('x', 5 * 1024 * 1024) + "\n");
        AssertRefused(shop, "pyproject.toml:2: 'env-files': 'huge.env': over the 4194304-byte limit");
    }

    [Fact]
    public void A_pyproject_that_leads_to_a_device_or_a_pipe_is_one_line_not_a_crash()
    {
        using var shop = new ConfiguredShop();
        File.CreateSymbolicLink(Path.Combine(shop.Root, "pyproject.toml"), "/dev/zero");
        AssertRefused(shop, $"cannot read {shop.Root}/pyproject.toml: it is a link that leads outside the project");
        File.Delete(Path.Combine(shop.Root, "pyproject.toml"));
        Assert.Equal(0, ProcessRunner.Run("mkfifo", [Path.Combine(shop.Root, "pyproject.toml")]).ExitCode);
        AssertRefused(shop, $"cannot read {shop.Root}/pyproject.toml: a named pipe, not a regular file");
    }

    [Fact]
    public void A_config_file_inside_the_project_is_held_to_the_project_one_outside_is_not()
    {
        using var shop = new ConfiguredShop();
        var outside = Outside(shop, "DJANGO_DEBUG=False\n");
        shop.Write("preflight.toml", $"env-files = [\"{outside}\"]\n");
        CliAssert.UsageError(shop.Run("scan", shop.Root, "--config", Path.Combine(shop.Root, "preflight.toml")),
            $"preflight.toml:1: 'env-files': '{outside}' is outside the project");
        var mine = shop.Outside("mine.toml", $"env-files = [\"{outside}\"]\n");
        Assert.True(shop.Run("scan", shop.Root, "--config", mine).ExitCode is 0 or 1);
    }

    [Fact]
    public void Files_the_command_line_names_must_be_regular_files()
    {
        using var shop = new ConfiguredShop();
        using var temp = new TempDirectory("dp-cli-files");
        var pipe = Path.Combine(temp.Path, "pipe");
        Assert.Equal(0, ProcessRunner.Run("mkfifo", [pipe]).ExitCode);
        var badPem = temp.Write("ca.pem", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        var noPem = temp.Write("empty.pem", "nothing here\n");
        CliAssert.UsageError(shop.Run("scan", shop.Root, "--env-file", "/dev/zero"), "--env-file '/dev/zero': a character device, not a regular file");
        CliAssert.UsageError(shop.Run("scan", shop.Root, "--env-file", pipe), $"--env-file '{pipe}': a named pipe, not a regular file");
        CliAssert.UsageError(shop.Run("scan", shop.Root, "--config", "/dev/zero"), "cannot read /dev/zero: a character device, not a regular file");
        CliAssert.UsageError(shop.Run("settings", shop.Root, "--config", pipe), $"cannot read {pipe}: a named pipe, not a regular file");
        CliAssert.UsageError(shop.Run("scan", shop.Root, "--baseline", "/dev/zero"), "cannot read baseline '/dev/zero': a character device, not a regular file");
        CliAssert.UsageError(shop.Run("probe", "http://127.0.0.1:9/", "--ca-file", badPem), $"--ca-file '{badPem}': not a PEM certificate file (");
        CliAssert.UsageError(shop.Run("probe", "http://127.0.0.1:9/", "--ca-file", noPem), $"--ca-file '{noPem}': no PEM certificate in it");
        CliAssert.UsageError(shop.Run("probe", "http://127.0.0.1:9/", "--ca-file", "/dev/zero"), "--ca-file '/dev/zero': a character device, not a regular file");
    }

    [Fact]
    public void A_file_named_through_a_directory_link_out_of_the_project_is_never_read()
    {
        using var shop = new ConfiguredShop();
        var outside = shop.Outside("nginx-secrets.conf", "server { listen 80 default_server; }\n");
        Directory.CreateSymbolicLink(Path.Combine(shop.Root, "linked"), Path.GetDirectoryName(outside)!);
        var files = new Analysis.Project.ProjectFiles(shop.Root, 1 << 20, new Analysis.Project.ProjectDiagnostics());
        Assert.True(File.Exists(Path.Combine(shop.Root, "linked", "nginx-secrets.conf")));
        Assert.False(files.Exists("linked/nginx-secrets.conf"));
        Assert.Null(files.ReadText("linked/nginx-secrets.conf"));
        Assert.NotNull(files.ReadText("manage.py"));
    }

    [Fact]
    public void A_project_file_that_is_a_pipe_or_a_device_is_skipped_with_a_notice()
    {
        using var shop = new ConfiguredShop();
        Assert.Equal(0, ProcessRunner.Run("mkfifo", [Path.Combine(shop.Root, "shop", "local_settings.py")]).ExitCode);
        var diagnostics = new Analysis.Project.ProjectDiagnostics();
        var files = new Analysis.Project.ProjectFiles(shop.Root, 1 << 20, diagnostics);
        Assert.Null(files.ReadText("shop/local_settings.py"));
        Assert.Contains("shop/local_settings.py: skipped, a named pipe, not a regular file", diagnostics.Notices);
    }
}
