using DjangoPreflight.Analysis.Deployment.Nginx;

namespace DjangoPreflight.Analysis.Tests.Deployment;

public sealed class NginxParserTests
{
    private static string Show(IEnumerable<NginxDirective> directives) =>
        string.Join(" ", directives.Select(d => $"{d.Location.Line}:{d.Name}[{string.Join("|", d.Args)}]" + (d.Block is null ? "" : "{" + Show(d.Block) + "}")));

    [Fact]
    public void Directives_blocks_and_lines()
    {
        var (top, errors) = NginxParser.Parse("""
            # comment
            http {
                server_tokens off;   # trailing comment
                server {
                    listen 80 default_server;
                    location = /x { return 444; }
                }
            }
            """, "n.conf");
        Assert.Empty(errors);
        Assert.Equal("2:http[]{3:server_tokens[off] 4:server[]{5:listen[80|default_server] 6:location[=|/x]{6:return[444]}}}", Show(top));
        Assert.All(top, d => Assert.Equal("n.conf", d.Location.Path));
    }

    [Fact]
    public void Quotes_escapes_hash_inside_words_and_variables_in_braces()
    {
        // As in nginx, a backslash keeps a blank inside a word, and only \" \' \\ \t \r \n are unescaped.
        var (top, errors) = NginxParser.Parse("""
            add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;
            return 200 'it\'s "ok"; {fine}';
            set $a ${host}x;
            rewrite ^/a#b$ /c\ d;
            log_format main "a
            b";
            """, "n.conf");
        Assert.Empty(errors);
        Assert.Equal(
            "1:add_header[Strict-Transport-Security|max-age=63072000; includeSubDomains|always] 2:return[200|it's \"ok\"; {fine}] 3:set[$a|${host}x] 4:rewrite[^/a#b$|/c\\ d] 5:log_format[main|a\nb]",
            Show(top));
    }

    [Fact]
    public void Errors_are_reported_and_parsing_goes_on()
    {
        var (top, errors) = NginxParser.Parse("""
            server {
                listen 80
            }
            }
            location / { return 204; }
            events {
            """, "n.conf");
        Assert.Equal(
        [
            new NginxSyntaxError(3, "directive \"listen\" is not terminated by \";\""),
            new NginxSyntaxError(4, "unexpected \"}\""),
            new NginxSyntaxError(6, "unexpected end of file, expecting \"}\""),
        ], errors);
        Assert.Equal("1:server[]{2:listen[80]} 5:location[/]{5:return[204]} 6:events[]{}", Show(top));
    }

    [Fact]
    public void Unterminated_quote_and_deep_nesting_never_throw()
    {
        var (_, quoteErrors) = NginxParser.Parse("return 200 \"never closed;\n", "n.conf");
        Assert.Contains(new NginxSyntaxError(1, "unterminated quoted string"), quoteErrors);
        var deep = string.Concat(Enumerable.Repeat("a {", 500)) + string.Concat(Enumerable.Repeat("}", 500));
        var (top, deepErrors) = NginxParser.Parse(deep, "n.conf");
        Assert.Contains(new NginxSyntaxError(1, "blocks nested too deeply"), deepErrors);
        Assert.Single(top);
    }
}
