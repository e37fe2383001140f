using System.Text;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>Splits text into words as a POSIX shell would for plain assignments: blanks separate,
/// single and double quotes group, backslash escapes. No expansion is performed.</summary>
public static class ShellWords
{
    public static IReadOnlyList<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else if (c == '\\' && quote == '"' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$') word.Append(text[++i]);
                else word.Append(c);
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
                continue;
            }
            inWord = true;
            if (c is '"' or '\'') quote = c;
            else if (c == '\\' && i + 1 < text.Length) word.Append(text[++i]);
            else word.Append(c);
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }
}
