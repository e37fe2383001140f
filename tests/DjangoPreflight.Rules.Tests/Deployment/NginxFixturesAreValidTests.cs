using System.Diagnostics;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>
/// No imaginary nginx: every configuration the loader finds in the rule fixtures must pass Debian's
/// `nginx -t`. Each runs in a temporary prefix with a fresh self-signed certificate; a site file
/// (conf.d/sites-available style) is tested inside a minimal wrapper with events {} and http {}.
/// </summary>
public sealed class NginxFixturesAreValidTests
{
    private const string Nginx = "/usr/sbin/nginx";

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(RepoRoot, "tests", "DjangoPreflight.Rules.Tests", "Fixtures", "Deployment")).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_nginx_configuration_passes_nginx_t(string fixture)
    {
        var configs = Project(fixture).Deployment.Nginx;
        if (!fixture.StartsWith("nginx", StringComparison.Ordinal))
        {
            Assert.Empty(configs);
            return;
        }
        Assert.NotEmpty(configs);
        var temp = Directory.CreateTempSubdirectory("dp-nginx-");
        try
        {
            var project = Path.Combine(temp.FullName, "project");
            CopyDirectory(Dir(fixture), project);
            foreach (var config in configs)
            {
                var file = Path.Combine(project, config.Path);
                var confDir = Path.GetDirectoryName(file)!;
                // What a Debian nginx ships next to nginx.conf, which the fixtures include by name.
                foreach (var stock in new[] { "mime.types", "proxy_params", "fastcgi_params", "uwsgi_params" })
                    if (!File.Exists(Path.Combine(confDir, stock))) File.Copy(Path.Combine("/etc/nginx", stock), Path.Combine(confDir, stock));
                MakeCertificate(Path.Combine(confDir, "ssl"));
                var main = file;
                if (!config.IsWholeConfig)
                {
                    main = Path.Combine(confDir, "wrapper-nginx.conf");
                    File.WriteAllText(main, $"events {{}}\nhttp {{\n    include {file};\n}}\n");
                }
                var (code, output) = Run(Nginx, "-t", "-c", main, "-p", temp.FullName + "/",
                    "-e", Path.Combine(temp.FullName, "error.log"), "-g", $"pid {Path.Combine(temp.FullName, "nginx.pid")};");
                Assert.True(code == 0, $"nginx -t failed for {fixture}/{config.Path}:\n{output}");
                Assert.Contains("syntax is ok", output);
            }
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    private static void MakeCertificate(string dir)
    {
        Directory.CreateDirectory(dir);
        if (File.Exists(Path.Combine(dir, "site.crt"))) return;
        var (code, output) = Run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", Path.Combine(dir, "site.key"), "-out", Path.Combine(dir, "site.crt"), "-days", "2", "-subj", "/CN=localhost");
        Assert.True(code == 0, "openssl failed: " + output);
    }

    private static (int Code, string Output) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
