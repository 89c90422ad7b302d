using System.Globalization;
using System.Text;

namespace Chat.Shared.Domain;

/// <summary>
/// Rules about text users see: what the content limit counts, what counts as no text at all, which characters a
/// name shown to other people never keeps, and where text may be cut.
/// </summary>
public static class TextRules
{
    /// <summary>
    /// Code points (Unicode scalar values): what the content limit counts. An emoji or a CJK character counts 1 (not
    /// the 2 UTF-16 units of a surrogate pair); a combining accent, a skin-tone modifier or a joiner inside an emoji
    /// sequence counts on its own. Code points do not depend on the Unicode version of the runtime (text-element
    /// segmentation does), and stacking combining marks cannot hide length inside one visible character. An invalid
    /// lone surrogate counts 1.
    /// </summary>
    public static int CodePointCount(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>True when nothing in <paramref name="text"/> is visible: empty, white space, or only invisible characters.</summary>
    public static bool IsBlank(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (!IsInvisible(rune))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Characters that show nothing on their own: white space and separators, control and format characters
    /// (zero-width space, joiners, word joiner, byte order mark, bidi marks, tags), unassigned code points,
    /// variation selectors, the combining grapheme joiner, the Hangul fillers and the braille blank.
    /// </summary>
    public static bool IsInvisible(Rune rune) =>
        Rune.IsWhiteSpace(rune)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.Surrogate
        || rune.Value is 0x034F or 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);

    /// <summary>True when <paramref name="text"/> has a C0 or C1 control character (tab and line breaks included).</summary>
    public static bool HasControlCharacters(string text) => text.Any(char.IsControl);

    /// <summary>
    /// Characters a name shown to other users never keeps: control and format characters (bidi embeddings,
    /// overrides, isolates and marks, zero-width characters), line and paragraph separators, private-use and
    /// unassigned code points, and invalid UTF-16 (a lone surrogate reads as U+FFFD).
    /// </summary>
    public static bool IsUnsafeInName(Rune rune) =>
        rune == Rune.ReplacementChar
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.Surrogate;

    /// <summary>
    /// The longest prefix of <paramref name="text"/> of at most <paramref name="maxUtf16Length"/> UTF-16 units that
    /// ends on a text-element (grapheme cluster) boundary, so no surrogate pair, emoji sequence or base character
    /// with its combining marks is cut in half.
    /// </summary>
    public static string TruncateOnTextElements(string text, int maxUtf16Length)
    {
        if (text.Length <= maxUtf16Length)
        {
            return text;
        }

        var end = 0;
        while (end < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text, end);
            if (end + next > maxUtf16Length)
            {
                break;
            }

            end += next;
        }

        return text[..end];
    }

    /// <summary>Each rune of <paramref name="text"/>, or <paramref name="replacement"/> for those <paramref name="replace"/> selects.</summary>
    public static string ReplaceRunes(string text, Func<Rune, bool> replace, char replacement)
    {
        var builder = new StringBuilder(text.Length);
        Span<char> buffer = stackalloc char[2];
        foreach (var rune in text.EnumerateRunes())
        {
            if (replace(rune))
            {
                builder.Append(replacement);
            }
            else
            {
                builder.Append(buffer[..rune.EncodeToUtf16(buffer)]);
            }
        }

        return builder.ToString();
    }
}
