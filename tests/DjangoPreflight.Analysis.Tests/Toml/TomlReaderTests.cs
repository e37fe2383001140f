using System.Numerics;
using System.Text.Json;
using DjangoPreflight.Analysis.Toml;

namespace DjangoPreflight.Analysis.Tests.Toml;

/// <summary>The TOML reader on real pyproject files (compared with Python's tomllib), pinned values and
/// lines, and invalid documents that must fail with a message and a line, never be misread.</summary>
public class TomlReaderTests
{
    private static readonly string FixtureDir = Path.Combine(RepoPaths.Root, "tests", "DjangoPreflight.Analysis.Tests", "Toml", "Fixtures");
    private static readonly string Oracle = Path.Combine(RepoPaths.Root, "tests", "DjangoPreflight.Analysis.Tests", "Toml", "tomllib_oracle.py");

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var file in AllDocuments()) data.Add(Path.GetRelativePath(FixtureDir, file));
        return data;
    }

    private static IEnumerable<string> AllDocuments() =>
        Directory.EnumerateFiles(FixtureDir, "*.toml", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>tomllib's reading of every fixture, from one Python process.</summary>
    private static readonly Lazy<JsonElement> Expected = new(() =>
    {
        var run = ProcessRunner.Run(ProcessRunner.Python, ["-I", Oracle, "files", .. AllDocuments()]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement;
    });

    [Fact]
    public void There_are_at_least_fifteen_real_pyproject_files()
    {
        Assert.True(Directory.GetFiles(Path.Combine(FixtureDir, "real"), "*.toml").Length >= 15);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void A_real_document_reads_as_tomllib_reads_it(string relative)
    {
        var path = Path.Combine(FixtureDir, relative);
        var doc = TomlReader.Parse(File.ReadAllText(path));
        AssertSame(Expected.Value.GetProperty(path), doc, relative);
    }

    private static void AssertSame(JsonElement expected, TomlValue actual, string at)
    {
        switch (actual)
        {
            case TomlTable table:
                Assert.True(expected.ValueKind == JsonValueKind.Object, $"{at}: tomllib has {expected.ValueKind}, we have a table");
                var names = expected.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
                Assert.Equal(names, table.Entries.Keys.Order(StringComparer.Ordinal).ToList());
                foreach (var name in names) AssertSame(expected.GetProperty(name), table.Entries[name], $"{at}.{name}");
                break;
            case TomlArray array:
                Assert.True(expected.ValueKind == JsonValueKind.Array, $"{at}: tomllib has {expected.ValueKind}, we have an array");
                Assert.Equal(expected.GetArrayLength(), array.Items.Count);
                for (var i = 0; i < array.Items.Count; i++) AssertSame(expected[i], array.Items[i], $"{at}[{i}]");
                break;
            case TomlString s:
                Assert.Equal(expected.GetString(), s.Value);
                break;
            case TomlScalar scalar:
                Assert.Equal(expected.GetString(), Canonical(scalar));
                break;
        }
    }

    private static string Canonical(TomlScalar scalar) => scalar.Kind switch
    {
        TomlScalarKind.Boolean => "boolean:" + scalar.Raw,
        TomlScalarKind.Integer => "integer:" + IntegerValue(scalar.Raw.Replace("_", "", StringComparison.Ordinal)),
        _ => scalar.TypeName,
    };

    private static BigInteger IntegerValue(string raw)
    {
        var (radix, digits) = raw.Length > 2 && raw[0] == '0' ? (raw[1] switch { 'x' => 16, 'o' => 8, _ => 2 }, raw[2..]) : (10, raw);
        if (radix == 10) return BigInteger.Parse(raw, System.Globalization.CultureInfo.InvariantCulture);
        return digits.Aggregate(BigInteger.Zero, (n, c) => n * radix + Convert.ToInt32(c.ToString(), 16));
    }

    private static TomlTable Real(string name) => TomlReader.Parse(File.ReadAllText(Path.Combine(FixtureDir, "real", name)));

    [Fact]
    public void Django_project_values_and_their_lines()
    {
        var doc = Real("django.toml");
        var project = doc.Table("project")!;
        Assert.Equal(new TomlString("Django", 6), project["name"]);
        var deps = Assert.IsType<TomlArray>(project["dependencies"]);
        Assert.Equal(9, deps.Line);
        Assert.Equal(new TomlString("tzdata; sys_platform == 'win32'", 12), deps.Items[2]);
        Assert.Equal(new TomlString("https://docs.djangoproject.com/en/stable/releases/", 50), doc.Table("project", "urls")!["Release notes"]);
        Assert.Equal(64, doc.Table("tool", "setuptools", "dynamic")!.Line);
        Assert.Equal(new TomlString("django.__version__", 65), doc.Table("tool", "setuptools", "dynamic")!.Table("version")!["attr"]);
    }

    [Fact]
    public void Black_multi_line_literal_strings_keep_backslashes_and_newlines()
    {
        var black = Real("black.toml").Table("tool", "black")!;
        Assert.Equal(@"\.pyi?$", ((TomlString)black["include"]!).Value);
        Assert.Equal("/(\n  # The following are specific to Black, you probably don't want those.\n  tests/data\n  | profiling\n)/\n", ((TomlString)black["extend-exclude"]!).Value);
        Assert.Equal(new TomlScalar("true", TomlScalarKind.Boolean, 22), black["preview"]);
        var filters = (TomlArray)Real("black.toml").Table("tool", "pytest", "ini_options")!["filterwarnings"]!;
        Assert.Equal(@"ignore:datetime.*utcfromtimestamp\(\) is deprecated and scheduled for removal:DeprecationWarning", ((TomlString)filters.Items[^1]).Value);
    }

    [Fact]
    public void Pydantic_quoted_keys_and_literal_regexes()
    {
        var doc = Real("pydantic.toml");
        var ignores = doc.Table("tool", "ruff", "lint", "per-file-ignores")!;
        Assert.Equal(["docs/*", "pydantic/__init__.py", "tests/test_forward_ref.py", "tests/*", "pydantic/deprecated/*", "pydantic/json_schema.py"], ignores.Entries.Keys);
        Assert.Equal(["F405", "F403", "D"], ((TomlArray)ignores["pydantic/__init__.py"]!).Items.Cast<TomlString>().Select(s => s.Value));
        var substitution = (TomlTable)((TomlArray)doc.Table("tool", "hatch", "metadata", "hooks", "fancy-pypi-readme")!["substitutions"]!).Items[0];
        Assert.Equal(@"(\s+)#(\d+)", ((TomlString)substitution["pattern"]!).Value);
        Assert.Equal(@"D:\a\pydantic\pydantic\pydantic", ((TomlString)((TomlArray)doc.Table("tool", "coverage", "paths")!["source"]!).Items[2]).Value);
        Assert.Equal(new TomlScalar("14", TomlScalarKind.Integer, 189), doc.Table("tool", "ruff", "lint", "mccabe")!["max-complexity"]);
    }

    [Fact]
    public void Wagtail_and_poetry_inline_tables_and_quoted_keys()
    {
        var packageData = Real("wagtail.toml").Table("tool", "setuptools", "package-data")!;
        Assert.Equal(new TomlString(".dockerignore", 125), ((TomlArray)packageData["*"]!).Items[0]);
        var cachecontrol = Real("poetry-0.12.toml").Table("tool", "poetry", "dependencies", "cachecontrol")!;
        Assert.Equal(33, cachecontrol.Line);
        Assert.Equal("filecache", ((TomlString)((TomlArray)cachecontrol["extras"]!).Items[0]).Value);
    }

    [Fact]
    public void Strings_escapes_and_trimming()
    {
        var s = TomlReader.Parse(File.ReadAllText(Path.Combine(FixtureDir, "features.toml"))).Table("strings")!;
        string Value(string key) => ((TomlString)s[key]!).Value;
        Assert.Equal("tab\there \"quoted\" back\\slash é 😀", Value("basic"));
        Assert.Equal(@"C:\Users\nobody", Value("literal"));
        Assert.Equal("first line\n  second \"with\" quotes \"\"\nthird", Value("multi"));
        Assert.Equal("The quick brown fox.", Value("trimmed"));
        Assert.Equal("raw \\n stays\n", Value("multi-literal"));
        Assert.Equal("ends with two quotes\"\"", Value("quotes-before-close"));
        Assert.Equal("it''s''", Value("literal-quotes-before-close"));
        Assert.Equal(12, s["multi"]!.Line);
    }

    [Fact]
    public void Tables_headers_and_arrays_of_tables_keep_their_lines()
    {
        var doc = TomlReader.Parse(File.ReadAllText(Path.Combine(FixtureDir, "features.toml")));
        var products = Assert.IsType<TomlArray>(doc["products"]);
        Assert.Equal([62, 66, 68], products.Items.Select(p => p.Line));
        Assert.Empty(((TomlTable)products.Items[1]).Entries);
        Assert.Equal(72, ((TomlArray)((TomlTable)products.Items[2])["variant"]!).Items[0].Line);
        // [x] comes after [x.y.z]: the table takes its own header's line, and keeps the sub-table.
        Assert.Equal(85, doc.Table("x")!.Line);
        Assert.NotNull(doc.Table("x", "y", "z"));
        Assert.Equal(new TomlString("made by dotted keys", 4), doc.Table("dotted", "key")!["path"]);
    }

    /// <summary>Invalid documents, Tomlyn's message (in part) and the line it points at.</summary>
    public static TheoryData<string, string, int> Invalid() => new()
    {
        { "a = 1\na = 2\n", "The key `a` is already defined at (1,1)", 2 },
        { "[t]\nx = 1\n\n[t]\n", "The key `t` is already defined", 4 },
        { "[t]\nx.y = 1\n[t.x]\n", "The key `t.x` is already defined", 3 },
        { "a = {b = 1}\n[a]\n", "The key `a` is already defined", 2 },
        { "a = {b = 1}\na.c = 2\n", "The key `a` is already defined", 2 },
        { "a = {b = 1}\n[a.c]\n", "The key `a` is already defined", 2 },
        { "[a.b]\nx = 1\n[a]\nb.y = 2\n", "The key `a.b` is already defined", 4 },
        { "a.b = 1\na.b.c = 2\n", "The key `a.b` is already defined", 2 },
        { "[a]\nb = 1\n[a.b]\n", "The key `a.b` is already defined", 3 },
        { "a = [1]\n[[a]]\n", "The key `a` is already defined", 2 },
        { "[[a]]\n[a]\n", "The key `a` is already defined", 2 },
        { "enabled = yes\n", "Unexpected token `yes` for a value", 1 },
        { "enabled = True\n", "Unexpected token `True` for a value", 1 },
        { "\nname = django\n", "Unexpected token `django` for a value", 2 },
        { "n = 01\n", "Unexpected leading zero", 1 },
        { "n = 1__0\n", "An underscore `_` must follow a digit", 1 },
        { "n = 1.\n", "Unexpected token `1.`", 1 },
        { "d = 2024-13-01\n", "Unable to parse the date time/offset `2024-13-01`", 1 },
        { "d = 2023-02-29\n", "Unable to parse the date time/offset `2023-02-29`", 1 },
        { "a = \"unterminated\nb = 1\n", "Invalid newline in a string", 1 },
        { "x = 1\na = \"\"\"never closed\n\nb = 1\n", "Invalid End-Of-File found for multi-line string", 4 },
        { "a = \"bad \\ escape\"\n", "Invalid escape", 1 },
        { "a = \"\"\"x \\ y\"\"\"\n", "Invalid escape", 1 },
        { "a = \"\\uD800\"\n", "Invalid Unicode scalar value", 1 },
        { "a = \"\\u12G4\"\n", "Unexpected escape character [G]", 1 },
        { "a = \"bell \u0007\"\n", "Invalid control character", 1 },
        { "a = 1 b = 2\n", "Unexpected token found `b`", 1 },
        { "[a] b = 1\n", "Unexpected token found `b`", 1 },
        { "x = 1\n\n\nkey\n", "Expecting `=` after a key", 4 },
        { "a = [1, 2\nb = 3\n", "Expecting a closing `]` for an array", 2 },
        { "a = [1,\n", "Unexpected token `<eof>` for a value", 2 },
        { "a =\nb = 1\n", "while expecting a value", 1 },
        { "a = # nothing\n", "while expecting a value", 1 },
        { "[a\nb = 1\n", "while expecting `]`", 1 },
        { "[[a]\n", "while expecting `]]`", 1 },
        { "a = \"\"\"x\"\"\"\"\"\"\n", "Unexpected token found", 1 },
        { "\"\"\"k\"\"\" = 1\n", "Expecting `=` after a key", 1 },
        { "= 1\n", "Unexpected token [=] found", 1 },
    };

    /// <summary>TOML 1.1 (which Tomlyn reads) allows what 1.0's tomllib refuses: \xHH escapes, inline
    /// tables across lines and with a trailing comma. Reading more than pip would is harmless for an
    /// auditor; the values must still be the ones written.</summary>
    [Fact]
    public void Toml_1_1_additions_are_read()
    {
        var doc = TomlReader.Parse("a = \"\\x41\"\nb = {c = 1,\n d = 2,}\n");
        Assert.Equal(new TomlString("A", 1), doc["a"]);
        Assert.Equal(["c", "d"], doc.Table("b")!.Entries.Keys);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_toml_is_an_error_with_its_line(string text, string message, int line)
    {
        var e = Assert.Throws<TomlException>(() => TomlReader.Parse(text));
        Assert.Contains(message, e.Message);
        Assert.Equal(line, e.Line);
    }

    [Fact]
    public void Every_invalid_case_is_invalid_for_tomllib_too()
    {
        var texts = Invalid().Select(row => (string)row[0]).ToList();
        var run = ProcessRunner.Run(ProcessRunner.Python, ["-I", Oracle, "reject"], stdin: JsonList(texts));
        Assert.True(run.ExitCode == 0, run.Stderr);
        var rejected = JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray().Select(e => e.GetBoolean()).ToList();
        Assert.Equal(texts.Count, rejected.Count);
        Assert.Equal([], texts.Where((_, i) => !rejected[i]));
    }

    private static string JsonList(List<string> texts)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var text in texts) writer.WriteStringValue(text);
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Theory]
    [InlineData("a = \"\\uD800\"")]
    [InlineData("a = [\n")]
    [InlineData("a = '''\n")]
    [InlineData("\"")]
    [InlineData("[")]
    [InlineData("a = {")]
    public void Truncated_input_is_an_error_never_a_crash(string text)
    {
        Assert.Throws<TomlException>(() => TomlReader.Parse(text));
    }

    [Fact]
    public void Nesting_is_bounded_so_hostile_input_cannot_exhaust_the_stack()
    {
        // Valid TOML (tomllib reads it), refused on purpose: no real file nests arrays a hundred deep.
        foreach (var depth in new[] { 101, 150 })
        {
            var e = Assert.Throws<TomlException>(() => TomlReader.Parse("a = " + new string('[', depth) + new string(']', depth) + "\n"));
            Assert.Equal("arrays and inline tables nested deeper than 100", e.Message);
        }
        Assert.NotNull(TomlReader.Parse("a = " + new string('[', 100) + new string(']', 100) + "\n")["a"]);
    }

    [Fact]
    public void Byte_order_mark_and_crlf_line_endings_are_accepted()
    {
        var doc = TomlReader.Parse("\uFEFF[tool]\r\nname = \"x\"\r\n\r\nother = 2\r\n");
        Assert.Equal(new TomlString("x", 2), doc.Table("tool")!["name"]);
        Assert.Equal(4, doc.Table("tool")!["other"]!.Line);
    }
}
