using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace DistSys.Host.Api;

/// <summary>A whole-number query parameter within a range; absent, its fallback; otherwise the 400 naming it.</summary>
internal static class QueryInt
{
    public static bool TryRead(HttpRequest request, string name, long fallback, long min, long max, out long value, out IResult? error)
    {
        error = null;
        value = fallback;
        if (!request.Query.TryGetValue(name, out var text))
        {
            return true;
        }

        if (long.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }

        error = JsonBodyReader.Invalid(name, $"must be a whole number from {min} to {max}");
        return false;
    }
}
