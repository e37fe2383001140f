using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.Safety;

/// <summary>
/// A Django project every Python file of which writes a marker file the moment it is imported or
/// run. If the tool ever executed project code (import, exec, a subprocess), the marker appears.
/// </summary>
public sealed class BoobyTrappedProject : IDisposable
{
    private readonly TempDirectory _dir = new("dp-trap");

    public BoobyTrappedProject()
    {
        Marker = Path.Combine(_dir.Path, "EXECUTED");
        Root = Path.Combine(_dir.Path, "project");
        var trap = $"open({Quote(Marker)}, 'a').write(__name__ + '\\n')\n";
        Write("manage.py", trap + """
            import os, sys
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trap.settings")
            from django.core.management import execute_from_command_line
            execute_from_command_line(sys.argv)
            """);
        Write("trap/__init__.py", trap);
        Write("trap/settings.py", trap + """
            import os
            SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "fallback-" + "x" * 60)
            DEBUG = True
            ALLOWED_HOSTS = ["*"]
            INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions"]
            ROOT_URLCONF = "trap.urls"
            exec("open('/dev/null').close()")
            """);
        Write("trap/urls.py", trap + """
            from django.contrib import admin
            from django.urls import path
            urlpatterns = [path("admin/", admin.site.urls)]
            """);
        Write("trap/wsgi.py", trap + """
            import os
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trap.settings")
            """);
        Write("setup.py", trap);
        Write("conftest.py", trap);
        Write("requirements.txt", "Django==4.2.11\n");
    }

    public string Root { get; }

    /// <summary>Exists only if some project code ran.</summary>
    public string Marker { get; }

    public void Dispose() => _dir.Dispose();

    private void Write(string relative, string content) => _dir.Write(Path.Combine("project", relative), content);

    private static string Quote(string s) => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
