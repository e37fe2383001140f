using System.Security.Cryptography;
using System.Text;

namespace DjangoPreflight.Reporting;

/// <summary>The stylesheet and script the HTML report carries inline, and the Content-Security-Policy
/// that allows exactly these two (by SHA-256 hash) and nothing else: no network, no other script,
/// so a hostile string that slipped past escaping still could not run or phone home.</summary>
public static class HtmlReportAssets
{
    // No style attributes anywhere in the page: a hash covers <style> elements only.
    public const string Style = """
        :root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;
        --critical:#a40e26;--high:#d1242f;--medium:#9a6700;--low:#0969da;--info:#59636e}
        @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--line:#3d444d;--card:#151b23;
        --critical:#ff6a69;--high:#f47067;--medium:#d29922;--low:#4493f8;--info:#9198a1}}
        *{box-sizing:border-box}
        [hidden]{display:none!important}
        body{margin:0 auto;max-width:60rem;padding:1rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);overflow-wrap:anywhere}
        h1{font-size:1.4rem;margin:0 0 .5rem}
        h2{font-size:1.15rem;margin:1.5rem 0 .5rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}
        h3{font-size:1rem;margin:0;display:inline}
        code{font:.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
        dl.target{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.1rem 1rem;margin:0}
        dl.target dt{color:var(--muted)}
        dl.target dd{margin:0;min-width:0}
        ul{padding-left:1.2rem}
        .reasons{color:var(--muted);font-size:.9rem}
        .counts{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}
        .counts li{border:1px solid var(--line);border-radius:.4rem;padding:.2rem .6rem;background:var(--card)}
        .counts strong{font-size:1.1rem}
        fieldset{border:1px solid var(--line);border-radius:.4rem;margin:0 0 .5rem;padding:.3rem .6rem;min-width:0}
        fieldset label{display:inline-block;margin:.15rem .8rem .15rem 0}
        .findings{list-style:none;padding:0;margin:0}
        .finding{border:1px solid var(--line);border-left:.35rem solid var(--sev);border-radius:.4rem;padding:.5rem .75rem;margin:.5rem 0;background:var(--card)}
        .finding p{margin:.3rem 0}
        .meta{color:var(--muted);font-size:.9rem}
        .badge{display:inline-block;min-width:4.5rem;text-align:center;border-radius:.3rem;padding:0 .3rem;margin-right:.3rem;color:#fff;background:var(--sev);font-size:.8rem;font-weight:600;text-transform:uppercase}
        .sev-critical{--sev:var(--critical)}.sev-high{--sev:var(--high)}.sev-medium{--sev:var(--medium)}.sev-low{--sev:var(--low)}.sev-info{--sev:var(--info)}
        .none{color:var(--muted)}
        @media print{#filters{display:none}}
        """;

    // Filters rows by the checked severities and categories; a category with no row left is hidden.
    // Plain DOM, no eval, no inline handlers: the page works from a file:// URL with no server.
    public const string Script = """
        (function () {
          var form = document.getElementById('filters');
          if (!form) return;
          var rows = Array.prototype.slice.call(document.querySelectorAll('.finding'));
          var groups = Array.prototype.slice.call(document.querySelectorAll('.category'));
          var shown = document.getElementById('shown');
          function checked(name) {
            var set = {};
            form.querySelectorAll('input[name="' + name + '"]').forEach(function (i) { if (i.checked) set[i.value] = true; });
            return set;
          }
          function apply() {
            var severities = checked('severity'), categories = checked('category'), n = 0;
            rows.forEach(function (r) {
              var visible = severities[r.dataset.severity] === true && categories[r.dataset.category] === true;
              r.hidden = !visible;
              if (visible) n++;
            });
            groups.forEach(function (g) { g.hidden = !g.querySelector('.finding:not([hidden])'); });
            shown.textContent = String(n);
          }
          form.addEventListener('change', apply);
          form.hidden = false;
          apply();
        })();
        """;

    /// <summary>The policy for a <c>&lt;meta http-equiv&gt;</c>: nothing may load, only this style and script run.</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src '{Sha256(Style)}'; script-src '{Sha256(Script)}'; base-uri 'none'; form-action 'none'";

    private static string Sha256(string text) =>
        "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
