using System.Text;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>urllib.parse.urlparse (Python 3.11) for the URLs settings hold: database, cache and email URLs.</summary>
internal sealed record UrlParts(string Scheme, string Netloc, string Path, string Query, string Fragment)
{
    public static UrlParts Parse(string url)
    {
        url = url.Trim(' ', '\t', '\n', '\r', '\v', '\f', '\0').Replace("\t", "").Replace("\r", "").Replace("\n", "");
        var scheme = "";
        var colon = url.IndexOf(':');
        if (colon > 0 && char.IsAsciiLetter(url[0]) && url[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
        {
            scheme = url[..colon].ToLowerInvariant();
            url = url[(colon + 1)..];
        }
        var netloc = "";
        if (url.StartsWith("//", StringComparison.Ordinal))
        {
            var end = url.IndexOfAny(['/', '?', '#'], 2);
            if (end < 0) end = url.Length;
            netloc = url[2..end];
            url = url[end..];
        }
        var fragment = "";
        var hash = url.IndexOf('#');
        if (hash >= 0) { fragment = url[(hash + 1)..]; url = url[..hash]; }
        var query = "";
        var q = url.IndexOf('?');
        if (q >= 0) { query = url[(q + 1)..]; url = url[..q]; }
        return new UrlParts(scheme, netloc, url, query, fragment);
    }

    private string UserInfo => Netloc.Contains('@') ? Netloc[..Netloc.LastIndexOf('@')] : "";

    private string HostInfo => Netloc.Contains('@') ? Netloc[(Netloc.LastIndexOf('@') + 1)..] : Netloc;

    public string? Username => Netloc.Contains('@') ? (UserInfo.Contains(':') ? UserInfo[..UserInfo.IndexOf(':')] : UserInfo) : null;

    public string? Password => Netloc.Contains('@') && UserInfo.Contains(':') ? UserInfo[(UserInfo.IndexOf(':') + 1)..] : null;

    public string? Hostname
    {
        get
        {
            var h = HostInfo;
            if (h.StartsWith('['))
            {
                var close = h.IndexOf(']');
                h = close < 0 ? h[1..] : h[1..close];
            }
            else if (h.Contains(':')) h = h[..h.IndexOf(':')];
            return h.Length == 0 ? null : h.ToLowerInvariant();
        }
    }

    /// <summary>The port, null when absent; throws ValueError like Python for a bad one.</summary>
    public int? Port
    {
        get
        {
            var h = HostInfo;
            string? port = null;
            if (h.StartsWith('['))
            {
                var close = h.IndexOf(']');
                if (close >= 0 && close + 1 < h.Length && h[close + 1] == ':') port = h[(close + 2)..];
            }
            else if (h.Contains(':')) port = h[(h.IndexOf(':') + 1)..];
            if (string.IsNullOrEmpty(port)) return null;
            if (!port.All(char.IsAsciiDigit)) throw new PyRaise("ValueError", $"Port could not be cast to integer value as '{port}'");
            if (port.Length > 6 || int.Parse(port) > 65535) throw new PyRaise("ValueError", "Port out of range 0-65535");
            return int.Parse(port);
        }
    }

    public PyValue Attribute(string attr) => attr switch
    {
        "scheme" => new PyStr(Scheme),
        "netloc" => new PyStr(Netloc),
        "path" => new PyStr(Path),
        "query" => new PyStr(Query),
        "fragment" => new PyStr(Fragment),
        "params" => new PyStr(""),
        "hostname" => Hostname is { } h ? new PyStr(h) : PyNone.Instance,
        "port" => Port is { } p ? new PyInt(p) : PyNone.Instance,
        "username" => Username is { } u ? new PyStr(u) : PyNone.Instance,
        "password" => Password is { } pw ? new PyStr(pw) : PyNone.Instance,
        _ => new PyUnknown($"ParseResult.{attr} is not modelled"),
    };

    /// <summary>urllib.parse.unquote / unquote_plus (UTF-8, invalid sequences replaced).</summary>
    public static string Unquote(string s, bool plus)
    {
        if (plus) s = s.Replace('+', ' ');
        if (!s.Contains('%')) return s;
        var bytes = new List<byte>();
        var sb = new StringBuilder();
        void Flush()
        {
            if (bytes.Count == 0) return;
            sb.Append(Encoding.UTF8.GetString(bytes.ToArray()));
            bytes.Clear();
        }
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && i + 2 < s.Length + 0 && i + 2 <= s.Length - 1 && Uri.IsHexDigit(s[i + 1]) && Uri.IsHexDigit(s[i + 2]))
            {
                bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
                continue;
            }
            Flush();
            sb.Append(s[i]);
        }
        Flush();
        return sb.ToString();
    }

    /// <summary>urllib.parse.parse_qs(query) with default options: blank values dropped, last order kept.</summary>
    public static List<KeyValuePair<string, List<string>>> ParseQs(string query)
    {
        var result = new List<KeyValuePair<string, List<string>>>();
        foreach (var pair in query.Split('&'))
        {
            if (pair.Length == 0) continue;
            var eq = pair.IndexOf('=');
            if (eq < 0) continue;
            var value = pair[(eq + 1)..];
            if (value.Length == 0) continue;
            var name = Unquote(pair[..eq], plus: true);
            var v = Unquote(value, plus: true);
            var i = result.FindIndex(r => r.Key == name);
            if (i >= 0) result[i].Value.Add(v);
            else result.Add(new(name, [v]));
        }
        return result;
    }
}
