using System.Globalization;

namespace DistSys.Host.Api;

/// <summary>
/// Names a client gives (a job's name, a worker id, an address) end up in the node's log and in
/// terminals: a newline would forge a log line, an escape sequence would drive the operator's
/// terminal, a bidirectional override would make a name read as another. So they are refused.
/// </summary>
internal static class NameRules
{
    public const string Rule = "without control, format or line-separator characters";

    public static bool IsPrintable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var category = char.GetUnicodeCategory(text[i]);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }

            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
