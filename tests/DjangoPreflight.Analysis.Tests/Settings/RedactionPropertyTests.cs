using System.Text;
using System.Text.Json;
using CsCheck;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Tests.Settings;

/// <summary>Property tests (CsCheck) of the rule "never print a secret whole": for any generated secret,
/// <see cref="Secrets.Redact"/> shows at most a short prefix, and the settings output (text and JSON)
/// of a setting holding it, in every shape settings hold secrets, never contains it.</summary>
public sealed class RedactionPropertyTests
{
    /// <summary>Characters secrets are made of (Django's key alphabet, base64, URL-safe tokens), without
    /// whitespace, quotes, backslash and '@': Python's repr and the URL pattern keep them as they are, so a
    /// secret that leaked would appear verbatim.</summary>
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?[]^_{|}~";

    private static readonly Gen<string> Secret = Gen.Char[Alphabet].Array[8, 100].Select(chars => new string(chars));

    private static readonly Gen<string> SecretName =
        Gen.OneOf("SECRET_KEY", "SECRET_KEY_FALLBACKS", "EMAIL_HOST_PASSWORD", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "STRIPE_API_KEY", "private_key");

    [Fact]
    public void Redact_shows_at_most_four_characters_and_never_half_the_secret()
    {
        Gen.String[0, 200].Where(s => s.Length > 0).Sample(secret =>
        {
            var redacted = Secrets.Redact(secret);
            var shown = redacted[..redacted.IndexOf('…', StringComparison.Ordinal)];
            Assert.StartsWith(shown, secret, StringComparison.Ordinal);
            Assert.True(shown.Length <= Math.Min(Secrets.PrefixLength, secret.Length / 2), $"{shown.Length} of {secret.Length} characters shown");
            Assert.EndsWith($"… ({secret.Length} chars)", redacted, StringComparison.Ordinal);
        }, iter: 2000);
    }

    [Fact]
    public void Redact_never_contains_the_secret()
    {
        Secret.Sample(secret => Assert.DoesNotContain(secret, Secrets.Redact(secret), StringComparison.Ordinal), iter: 2000);
    }

    /// <summary>The shapes settings hold secrets in: a secret-named string, list and bytes; a password inside
    /// DATABASES; the password of a credential URL under a name that says nothing.</summary>
    private static readonly Gen<(string Name, PyValue Value, string Secret)> Setting =
        Gen.Select(SecretName, Secret, Gen.Int[0, 4], (name, secret, shape) => shape switch
        {
            0 => (name, (PyValue)new PyStr(secret), secret),
            1 => (name, new PyList([new PyStr("older-key-" + secret[..4]), new PyStr(secret)]), secret),
            2 => ("DATABASES", Databases(secret), secret),
            3 => ("DATABASE_URL", new PyStr($"postgres://shop:{secret}@db.internal:5432/shop"), secret),
            _ => (name, new PyBytes([.. Encoding.ASCII.GetBytes(secret)]), secret),
        });

    [Fact]
    public void The_settings_output_never_contains_a_secret()
    {
        Setting.Sample((name, value, secret) =>
        {
            Assert.DoesNotContain(secret, SettingsOutput.Display(name, value), StringComparison.Ordinal);
            foreach (var text in JsonStrings(SettingsRedaction.Redact(name, value)))
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }, iter: 1000, print: t => $"{t.Item1} = {PyRepr.Of(t.Item2)}");
    }

    /// <summary>Every string in the JSON form of a value, decoded (the writer escapes '+', '&lt;' and others).</summary>
    private static List<string> JsonStrings(PyValue value)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) SettingsOutput.WriteJson(w, value);
        using var json = JsonDocument.Parse(buffer.ToArray());
        var strings = new List<string>();
        var stack = new Stack<JsonElement>([json.RootElement]);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            switch (e.ValueKind)
            {
                case JsonValueKind.String: strings.Add(e.GetString()!); break;
                case JsonValueKind.Array: foreach (var item in e.EnumerateArray()) stack.Push(item); break;
                case JsonValueKind.Object: foreach (var p in e.EnumerateObject()) { strings.Add(p.Name); stack.Push(p.Value); } break;
            }
        }
        return strings;
    }

    /// <summary>DATABASES = {"default": {"ENGINE": ..., "NAME": "shop", "PASSWORD": secret}}.</summary>
    private static PyDict Databases(string password)
    {
        var connection = Dict(("ENGINE", new PyStr("django.db.backends.postgresql")), ("NAME", new PyStr("shop")), ("PASSWORD", new PyStr(password)));
        return Dict(("default", connection));
    }

    private static PyDict Dict(params (string Key, PyValue Value)[] entries) =>
        new([.. entries.Select(e => new KeyValuePair<PyValue, PyValue>(new PyStr(e.Key), e.Value))]);
}
