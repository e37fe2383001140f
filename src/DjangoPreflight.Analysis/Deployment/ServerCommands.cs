using System.Text.RegularExpressions;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>Recognises, in a command line, the server it starts and whether it speaks WSGI or ASGI.</summary>
public static partial class ServerCommands
{
    /// <summary>The server a command starts, or null if it starts none we know.
    /// <paramref name="gunicornWorkerClass"/> is the worker_class of the project's gunicorn config,
    /// used when the command does not choose one.</summary>
    public static (AppServer Server, AppInterface Interface)? Classify(string command, string? gunicornWorkerClass = null)
    {
        foreach (var segment in Segments(command))
        {
            // `pip install gunicorn` installs a server and `echo "never use runserver"` talks about one:
            // neither starts it.
            if (Installer().IsMatch(segment) || Talk().IsMatch(segment)) continue;
            if (ClassifySegment(segment, gunicornWorkerClass) is { } found) return found;
        }
        return null;
    }

    private static (AppServer Server, AppInterface Interface)? ClassifySegment(string command, string? gunicornWorkerClass)
    {
        if (RunserverCommand.Starts(command)) return (AppServer.Runserver, AppInterface.Unknown);
        if (Program("gunicorn").IsMatch(command))
        {
            var worker = WorkerClass().Match(command) is { Success: true } m ? m.Groups[1].Value : gunicornWorkerClass;
            // gunicorn itself is WSGI; only an ASGI worker class (uvicorn's) makes it serve ASGI.
            var asgi = worker is not null && (worker.Contains("uvicorn", StringComparison.OrdinalIgnoreCase) || worker.Contains("asgi", StringComparison.OrdinalIgnoreCase));
            return (AppServer.Gunicorn, asgi ? AppInterface.Asgi : AppInterface.Wsgi);
        }
        if (Program("uwsgi").IsMatch(command)) return (AppServer.Uwsgi, AppInterface.Wsgi);
        if (Program("waitress-serve").IsMatch(command)) return (AppServer.Waitress, AppInterface.Wsgi);
        if (Program("uvicorn").IsMatch(command)) return (AppServer.Uvicorn, AppInterface.Asgi);
        if (Program("daphne").IsMatch(command)) return (AppServer.Daphne, AppInterface.Asgi);
        if (Program("hypercorn").IsMatch(command)) return (AppServer.Hypercorn, AppInterface.Asgi);
        if (Program("granian").IsMatch(command))
            return (AppServer.Granian, Regex.IsMatch(command, @"--interface[= ]+wsgi") ? AppInterface.Wsgi : AppInterface.Asgi);
        return null;
    }

    /// <summary>True when the command runs Django's collectstatic.</summary>
    public static bool CollectsStatic(string command) => Collectstatic().IsMatch(command);

    /// <summary>The settings module a <c>--settings</c> flag of the command names, or null.</summary>
    public static string? SettingsFlag(string command) => SettingsOption().Match(command) is { Success: true } m ? m.Groups[1].Value : null;

    // Source-generated backtracking patterns cost nothing to build (a non-backtracking one is built
    // at run time, milliseconds each, on every scan with a deployment file) and these stay linear:
    // their alternatives are bounded, and each loop follows a literal start and is followed by a
    // character outside its class, so a stretch of the command is scanned from one start only.
    // (Runserver's repeated words would not be: RunserverCommand reads them by hand.)
    [GeneratedRegex(@"(?:-k|--worker-class)(?:\s+|=)[""']?([\w.\-]+)")]
    private static partial Regex WorkerClass();

    /// <summary>The simple commands of a command line: split at ;, &&, ||, | and newlines outside quotes.</summary>
    private static IEnumerable<string> Segments(string command)
    {
        var start = 0;
        char quote = '\0';
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else if (c == '\\') i++;
                continue;
            }
            if (c is '"' or '\'') quote = c;
            else if (c is ';' or '|' or '&' or '\n')
            {
                yield return command[start..i];
                start = i + 1;
            }
        }
        yield return command[start..];
    }

    [GeneratedRegex(@"^\s*(echo|printf)\b")]
    private static partial Regex Talk();

    [GeneratedRegex(@"\b(install|add|download)\b")]
    private static partial Regex Installer();

    [GeneratedRegex(@"\bcollectstatic\b")]
    private static partial Regex Collectstatic();

    [GeneratedRegex("""--settings[= ]\s*["']?([A-Za-z_][\w.]*)""")]
    private static partial Regex SettingsOption();

    private static Regex Program(string name) => name switch
    {
        "gunicorn" => Gunicorn(),
        "uwsgi" => Uwsgi(),
        "waitress-serve" => Waitress(),
        "uvicorn" => Uvicorn(),
        "daphne" => Daphne(),
        "hypercorn" => Hypercorn(),
        _ => Granian(),
    };

    // The program as a command word: at the start, after a blank, a quote, a path or `-m`; not
    // inside another word.
    [GeneratedRegex(@"(^|[\s;&|""'(/]|-m\s+)gunicorn(\s|$|[""'\]])")]
    private static partial Regex Gunicorn();

    [GeneratedRegex(@"(^|[\s;&|""'(/]|-m\s+)uwsgi(\s|$|[""'\]])")]
    private static partial Regex Uwsgi();

    [GeneratedRegex(@"(^|[\s;&|""'(/])waitress-serve(\s|$|[""'\]])")]
    private static partial Regex Waitress();

    [GeneratedRegex(@"(^|[\s;&|""'(/]|-m\s+)uvicorn(\s|$|[""'\]])")]
    private static partial Regex Uvicorn();

    [GeneratedRegex(@"(^|[\s;&|""'(/]|-m\s+)daphne(\s|$|[""'\]])")]
    private static partial Regex Daphne();

    [GeneratedRegex(@"(^|[\s;&|""'(/]|-m\s+)hypercorn(\s|$|[""'\]])")]
    private static partial Regex Hypercorn();

    [GeneratedRegex(@"(^|[\s;&|""'(/]|-m\s+)granian(\s|$|[""'\]])")]
    private static partial Regex Granian();
}
