using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace DistSys.Host.Api;

/// <summary>
/// System.Text.Json parses a lone surrogate escape (<c>"\ud800"</c>) or raw invalid UTF-8 inside a string
/// and only fails when the string is read, deep in a handler. One pass over the body finds them first.
/// </summary>
internal static class JsonUnicode
{
    /// <summary>True when every key and string value of the (already well-formed) JSON is valid Unicode.</summary>
    public static bool IsValid(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        char[]? rented = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
                {
                    continue;
                }

                if (!reader.ValueIsEscaped)
                {
                    if (!Utf8.IsValid(reader.ValueSpan))
                    {
                        return false;
                    }

                    continue;
                }

                // Unescaping checks the escapes pair up; the text never needs more chars than its escaped bytes.
                var length = reader.ValueSpan.Length;
                if (rented is null || rented.Length < length)
                {
                    if (rented is not null)
                    {
                        ArrayPool<char>.Shared.Return(rented);
                    }

                    rented = ArrayPool<char>.Shared.Rent(length);
                }

                reader.CopyString(rented);
            }

            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
