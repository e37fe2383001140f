using System.Text.RegularExpressions;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>
/// Whether a command starts Django's development server: a launcher (<c>manage.py</c>,
/// <c>django-admin</c>, <c>django-admin.py</c> or <c>-m django</c>), then, past an optional quote and a
/// blank, any words and <c>runserver</c> or <c>runserver_plus</c> as a word of its own
/// (<c>python manage.py --settings=x runserver 0:8000</c>, <c>django-admin runserver</c>).
/// </summary>
/// <remarks>
/// What <c>(manage\.py|django-admin(\.py)?|-m\s+django)["']?\s+(\S+\s+)*?runserver(_plus)?\b</c> matches,
/// read in one pass. As a backtracking pattern the repeated words would be rescanned from every
/// launcher, quadratic on a hostile line; the non-backtracking engine is linear but builds its
/// automaton at run time, which cost more than the rest of a small scan's deployment reading. Here:
/// the earliest launcher followed by a blank is found (each candidate is checked in constant time,
/// but for <c>-m</c>'s blanks, and the runs of blanks after different <c>-m</c>s do not overlap),
/// then "runserver" after a blank anywhere past it, which is all the words in between allow.
/// </remarks>
public static partial class RunserverCommand
{
    public static bool Starts(string command)
    {
        var blank = FirstBlankAfterLauncher(command);
        if (blank < 0) return false;
        for (var at = command.IndexOf("runserver", blank + 1, StringComparison.Ordinal); at >= 0;
             at = command.IndexOf("runserver", at + 1, StringComparison.Ordinal))
            if (char.IsWhiteSpace(command[at - 1]) && Word().IsMatch(command.AsSpan(at)))
                return true;
        return false;
    }

    /// <summary>The position of the blank that follows the earliest-ending launcher (past an optional
    /// quote), or -1. No launcher lies inside another, so the first one found is the earliest to end.</summary>
    private static int FirstBlankAfterLauncher(string command)
    {
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (c == 'm' && At(command, i, "manage.py") && BlankAfter(command, i + "manage.py".Length) is var managePy and >= 0)
                return managePy;
            if (c == 'd' && At(command, i, "django-admin"))
            {
                var end = i + "django-admin".Length;
                if (BlankAfter(command, end) is var admin and >= 0) return admin;
                if (At(command, end, ".py") && BlankAfter(command, end + ".py".Length) is var adminPy and >= 0) return adminPy;
            }
            if (c == '-' && At(command, i, "-m"))
            {
                var end = i + 2;
                while (end < command.Length && char.IsWhiteSpace(command[end])) end++;
                if (end > i + 2 && At(command, end, "django") && BlankAfter(command, end + "django".Length) is var module and >= 0)
                    return module;
            }
        }
        return -1;
    }

    private static bool At(string command, int i, string literal) =>
        command.AsSpan(i).StartsWith(literal, StringComparison.Ordinal);

    /// <summary>The position of the blank at <paramref name="end"/>, or just past a quote there; -1 if none.</summary>
    private static int BlankAfter(string command, int end)
    {
        if (end < command.Length && command[end] is '"' or '\'') end++;
        return end < command.Length && char.IsWhiteSpace(command[end]) ? end : -1;
    }

    // The word itself, with the regex engine's own word boundary after it. Anchored and bounded.
    [GeneratedRegex(@"^runserver(_plus)?\b")]
    private static partial Regex Word();
}
