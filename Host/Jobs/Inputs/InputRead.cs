using System.Text;

namespace DistSys.Jobs.Inputs;

/// <summary>An input file's text, or why it was refused (an expected outcome, so a value).</summary>
internal readonly struct InputRead
{
    private InputRead(string? text, string? refusal)
    {
        Text = text;
        Refusal = refusal;
    }

    /// <summary>The file as UTF-8 text (a byte order mark dropped); null when refused.</summary>
    public string? Text { get; }

    /// <summary>Which rule the name broke; null when read.</summary>
    public string? Refusal { get; }

    public static InputRead Read(ReadOnlySpan<byte> bytes) =>
        new(Encoding.UTF8.GetString(bytes.StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes), null);

    public static InputRead Refused(string refusal) => new(null, refusal);
}
