namespace DjangoPreflight.Probe.Observing;

/// <summary>One Set-Cookie header, parsed enough to judge its flags (RFC 6265bis attribute names,
/// case-insensitive). The value is never kept: cookies may be credentials.</summary>
public sealed record SetCookie(string Name, bool Secure, bool HttpOnly, string? SameSite, string SeenAt)
{
    public static SetCookie? Parse(string header, string seenAt)
    {
        var parts = header.Split(';');
        var eq = parts[0].IndexOf('=');
        if (eq <= 0)
            return null;
        var name = parts[0][..eq].Trim();
        bool secure = false, httpOnly = false;
        string? sameSite = null;
        foreach (var part in parts.Skip(1))
        {
            var attribute = part.Trim();
            var aeq = attribute.IndexOf('=');
            var key = (aeq < 0 ? attribute : attribute[..aeq]).Trim();
            var value = aeq < 0 ? "" : attribute[(aeq + 1)..].Trim();
            if (key.Equals("secure", StringComparison.OrdinalIgnoreCase)) secure = true;
            else if (key.Equals("httponly", StringComparison.OrdinalIgnoreCase)) httpOnly = true;
            else if (key.Equals("samesite", StringComparison.OrdinalIgnoreCase)) sameSite = value;
        }
        return new SetCookie(name, secure, httpOnly, sameSite, seenAt);
    }
}
