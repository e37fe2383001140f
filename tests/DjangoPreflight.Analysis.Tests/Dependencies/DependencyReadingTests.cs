using DjangoPreflight.Analysis.Dependencies;

namespace DjangoPreflight.Analysis.Tests.Dependencies;

public sealed class DependencyReadingTests
{
    [Theory]
    [InlineData("Django", "django")]
    [InlineData("django_environ", "django-environ")]
    [InlineData("Django.Environ", "django-environ")]
    [InlineData("argon2--CFFI", "argon2-cffi")]
    [InlineData("zope.interface__x", "zope-interface-x")]
    public void Names_are_normalised_per_PEP_503(string given, string expected) => Assert.Equal(expected, PackageName.Normalize(given));

    [Fact]
    public void Requirements_with_includes_comments_markers_extras_hashes_and_continuations()
    {
        using var p = new TempProject()
            .With("requirements.txt", """
                # production requirements
                -r requirements/base.txt
                --index-url https://pypi.example.com/simple
                gunicorn==21.2.0 \
                    --hash=sha256:aaaa \
                    --hash=sha256:bbbb
                Django_Environ>=0.11  # env files
                sentry-sdk[django]>=1.40 ; python_version >= "3.8"
                -e git+https://github.com/example/lib.git#egg=lib
                """)
            .With("requirements/base.txt", """
                Django==4.2.11
                -c ../constraints.txt
                whitenoise
                """)
            .With("constraints.txt", "argon2-cffi==23.1.0\n");
        var deps = p.Context().Dependencies;
        Assert.Equal(["argon2-cffi", "django", "django-environ", "gunicorn", "sentry-sdk", "whitenoise"], deps.All.Select(d => d.Name).Distinct());
        var django = Assert.Single(deps.Find("DJANGO"));
        Assert.Equal(("==4.2.11", "4.2.11", "requirements/base.txt", 1), (django.Specifier, django.Pinned, django.Source.Path, django.Source.Line));
        var gunicorn = Assert.Single(deps.Find("gunicorn"));
        Assert.Equal(("4", "21.2.0"), (gunicorn.Source.Line.ToString(), gunicorn.Pinned));
        var sentry = Assert.Single(deps.Find("sentry_sdk"));
        Assert.Equal((">=1.40", null, 8), (sentry.Specifier, sentry.Pinned, sentry.Source.Line));
        Assert.Equal(7, Assert.Single(deps.Find("django-environ")).Source.Line);
        Assert.True(deps.Has("Argon2_CFFI"));
        Assert.False(deps.Has("lib"));
        Assert.False(deps.Has("channels"));
    }

    [Fact]
    public void Pyproject_pep621_and_poetry_tables()
    {
        using var p = new TempProject().With("pyproject.toml", """
            [project]
            name = "shop"
            dependencies = [
                "Django>=4.2,<5.0",   # LTS
                'django-csp ~= 3.8',
                "channels[daphne]",
            ]

            [project.optional-dependencies]
            dev = ["django-debug-toolbar==4.3"]

            [tool.poetry.dependencies]
            python = "^3.11"
            whitenoise = { version = "^6.6", extras = ["brotli"] }
            "django-axes" = "6.4.0"

            [tool.poetry.group.dev.dependencies]
            pytest = "*"
            """);
        var deps = p.Context().Dependencies;
        var django = Assert.Single(deps.Find("django"));
        Assert.Equal((">=4.2,<5.0", null, 4), (django.Specifier, django.Pinned, django.Source.Line));
        Assert.Equal(("~=3.8", 5), (Assert.Single(deps.Find("django-csp")).Specifier, Assert.Single(deps.Find("django-csp")).Source.Line));
        Assert.Equal("", Assert.Single(deps.Find("channels")).Specifier);
        Assert.Equal("4.3", Assert.Single(deps.Find("django_debug_toolbar")).Pinned);
        Assert.Equal(("^6.6", 14), (Assert.Single(deps.Find("whitenoise")).Specifier, Assert.Single(deps.Find("whitenoise")).Source.Line));
        Assert.Equal("6.4.0", Assert.Single(deps.Find("django-axes")).Pinned);
        Assert.Equal("", Assert.Single(deps.Find("pytest")).Specifier);
        Assert.False(deps.Has("python"));
    }

    [Fact]
    public void Pipfile_and_its_lock()
    {
        using var p = new TempProject()
            .With("Pipfile", """
                [[source]]
                url = "https://pypi.org/simple"

                [packages]
                django = ">=4.2"
                psycopg = {version = "*", extras = ["binary"]}

                [dev-packages]
                django-extensions = "*"
                """)
            .With("Pipfile.lock", """
                {
                    "_meta": {"hash": {"sha256": "x"}},
                    "default": {
                        "asgiref": {"version": "==3.7.2"},
                        "django": {
                            "hashes": ["sha256:aa"],
                            "version": "==4.2.7"
                        }
                    },
                    "develop": {}
                }
                """);
        var deps = p.Context().Dependencies;
        var locked = deps.Find("django").Single(d => d.FromLock);
        Assert.Equal(("4.2.7", "Pipfile.lock", 5), (locked.Pinned, locked.Source.Path, locked.Source.Line));
        var declared = deps.Find("django").Single(d => !d.FromLock);
        Assert.Equal((">=4.2", "Pipfile", 5), (declared.Specifier, declared.Source.Path, declared.Source.Line));
        Assert.True(deps.Has("django_extensions"));
        Assert.True(deps.Has("psycopg"));
    }

    [Fact]
    public void Poetry_and_uv_locks()
    {
        using var p = new TempProject()
            .With("poetry.lock", """
                [[package]]
                name = "asgiref"
                version = "3.7.2"
                description = "ASGI specs"
                files = [
                    {file = "asgiref-3.7.2.tar.gz", hash = "sha256:x"},
                ]

                [[package]]
                name = "Django"
                version = "5.0.3"
                description = '''
                Multi-line "quoted" text
                '''

                [metadata]
                lock-version = "2.0"
                """)
            .With("sub/uv.lock", """
                version = 1
                [[package]]
                name = "whitenoise"
                version = "6.6.0"
                source = { registry = "https://pypi.org/simple" }
                dependencies = [{ name = "django" }]
                """);
        var deps = p.Context().Dependencies;
        var django = Assert.Single(deps.Find("django"));
        Assert.Equal(("5.0.3", "poetry.lock", 10, true), (django.Pinned, django.Source.Path, django.Source.Line, django.FromLock));
        Assert.Equal(("6.6.0", "sub/uv.lock"), (Assert.Single(deps.Find("whitenoise")).Pinned, Assert.Single(deps.Find("whitenoise")).Source.Path));
    }

    [Fact]
    public void A_malformed_toml_file_is_a_parse_error_not_a_crash()
    {
        using var p = new TempProject().With("pyproject.toml", "[project]\ndependencies = [\"django\"\nname = \n");
        var context = p.Context();
        Assert.Empty(context.Dependencies.All);
        Assert.Contains(context.Diagnostics.ParseErrors, e => e.Path == "pyproject.toml");
    }

    [Theory]
    [InlineData("==4.2.11", "4.2.11", "4.2.11")]
    [InlineData(">=4.2,<5", null, "4.2")]
    [InlineData(">=3.2, <6, !=4.0.*", null, "3.2")]
    [InlineData("~=4.1.0", null, "4.1.0")]
    [InlineData("==4.2.*", null, "4.2")]
    [InlineData("^5.0", null, "5.0")]
    [InlineData("5.0.3", "5.0.3", "5.0.3")]
    [InlineData("<5", null, null)]
    [InlineData("", null, null)]
    public void Specifiers_give_their_pin_and_lowest_version(string specifier, string? pin, string? lowest)
    {
        Assert.Equal(pin, VersionSpecifier.ExactPin(specifier));
        Assert.Equal(lowest, VersionSpecifier.LowestAllowed(specifier));
    }
}
