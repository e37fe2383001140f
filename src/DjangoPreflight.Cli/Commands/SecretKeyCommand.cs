using System.CommandLine;
using System.Security.Cryptography;

namespace DjangoPreflight.Cli.Commands;

/// <summary><c>secret-key</c>: prints a new SECRET_KEY the way Django's
/// <c>django.core.management.utils.get_random_secret_key</c> makes one: 50 characters drawn
/// uniformly from the same alphabet, so any check that accepts Django's keys accepts ours.</summary>
public static class SecretKeyCommand
{
    /// <summary>Django's alphabet for generated secret keys (django/core/management/utils.py).</summary>
    public const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)";

    public const int Length = 50;

    public static Command Build(CliIo io)
    {
        var command = new Command("secret-key", "Print a new random SECRET_KEY (50 characters, Django's alphabet)");
        command.SetAction(_ =>
        {
            io.Out.WriteLine(Generate());
            return ExitCodes.Clean;
        });
        return command;
    }

    // The OS's cryptographic generator; GetString draws each character by rejection sampling, so
    // every character of the alphabet is equally likely (no modulo bias).
    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);
}
