using System.Text;
using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Deployment;

namespace DjangoPreflight.Analysis.Tests.Deployment;

/// <summary>
/// RunserverCommand reads by hand what a non-backtracking pattern used to match; these pin that it
/// answers as the pattern does, on the launch commands we meet and on inputs built to find where a
/// hand-written reading would slip (quotes, blanks of every kind, launchers inside words, word
/// boundaries after the command, launchers that fail and others after them).
/// </summary>
public class RunserverCommandTests
{
    // The pattern as it was, run on the engine that made it linear: the reference.
    private static readonly Regex Reference = new(@"(manage\.py|django-admin(\.py)?|-m\s+django)[""']?\s+(\S+\s+)*?runserver(_plus)?\b",
        RegexOptions.NonBacktracking);

    [Theory]
    [InlineData("python manage.py runserver 0.0.0.0:8000", true)]
    [InlineData("sh -c 'python manage.py migrate && python manage.py runserver 0.0.0.0:8000'", true)]
    [InlineData("django-admin runserver --settings=shop.settings", true)]
    [InlineData("django-admin.py runserver", true)]
    [InlineData("python -m django runserver", true)]
    [InlineData("python -m\tdjango\trunserver", true)]
    [InlineData("python manage.py --settings=x runserver_plus", true)]
    [InlineData("[\"python\", \"manage.py\", \"runserver\", \"0.0.0.0:8000\"]", false)] // a quote, then no blank
    [InlineData("python 'manage.py' runserver", true)]
    [InlineData("./manage.py\u00a0runserver", true)]
    [InlineData("python manage.py runserverless", false)]
    [InlineData("python manage.py runserver_plusx", false)]
    [InlineData("python manage.py runserver_x", false)]
    [InlineData("python manage.py xrunserver", false)]
    [InlineData("python manage.py migrate", false)]
    [InlineData("python manage.pyc runserver", false)]
    [InlineData("python -m djangox runserver", false)]
    [InlineData("python -mdjango runserver", false)]
    [InlineData("python manage.py\"\"runserver", false)]
    [InlineData("runserver manage.py", false)]
    [InlineData("manage.py runserver\u00e9", false)]
    [InlineData("manage.py runserver\u200d", false)]
    [InlineData("manage.py runserver.", true)]
    [InlineData("manage.pymanage.py runserver", true)]
    [InlineData("django-admin.pyx manage.py runserver", true)]
    [InlineData("-m -m django runserver", true)]
    [InlineData("manage.py", false)]
    [InlineData("", false)]
    public void Reads_launch_commands_as_the_pattern_did(string command, bool starts)
    {
        Assert.Equal(starts, Reference.IsMatch(command));
        Assert.Equal(starts, RunserverCommand.Starts(command));
    }

    [Fact]
    public void Answers_as_the_pattern_on_commands_built_from_its_pieces()
    {
        string[] pieces =
        [
            "manage.py", "manage", ".py", "django-admin", "django", "-admin", "-m", "m", "runserver", "_plus", "plus", "runserverless",
            " ", "  ", "\t", "\n", "\u00a0", "\u2003", "'", "\"", "x", "_", "é", "\u200d", ".", "-", "0:8000", "&&", ";",
            // Whole pieces too, so that commands that start the server are not rare.
            "manage.py ", " runserver", "-m django ", "django-admin.py ", "' ",
        ];
        var random = new Random(18);
        var differing = new List<string>();
        var matched = 0;
        for (var n = 0; n < 20000; n++)
        {
            var command = new StringBuilder();
            for (var k = random.Next(1, 12); k > 0; k--) command.Append(pieces[random.Next(pieces.Length)]);
            var text = command.ToString();
            var expected = Reference.IsMatch(text);
            if (expected) matched++;
            if (RunserverCommand.Starts(text) != expected) differing.Add(text);
        }
        Assert.Empty(differing);
        // Both answers are exercised, not only "no".
        Assert.InRange(matched, 500, 19500);
    }

    [Theory]
    // Launchers with blanks and words and no command: every launcher starts a scan of the rest
    // under backtracking. Read once here (the answer is checked; its time is the benchmark's business).
    [InlineData("manage.py ", false)]
    [InlineData("-m django x ", false)]
    [InlineData("-m      ", false)]
    [InlineData("manage.py ", true)]
    public void Long_hostile_lines_are_answered_as_the_pattern_does(string repeated, bool endWithCommand)
    {
        var line = string.Concat(Enumerable.Repeat(repeated, 20000)) + (endWithCommand ? "runserver" : "runserve");
        Assert.Equal(Reference.IsMatch(line), RunserverCommand.Starts(line));
    }
}
