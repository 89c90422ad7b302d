namespace Chat.Shared.Domain;

/// <summary>
/// Folds lower-case Latin letters with diacritics to their base letters (é → e, ß → ss) for the directory's search
/// names. The app runs with invariant globalization, where <c>string.Normalize</c> does not decompose non-ASCII text,
/// so the Latin-1 Supplement and Latin Extended-A/B letters that decompose to a base letter (table generated from the
/// Unicode character database's compatibility decompositions) and a few letters that have none (ß, æ, œ, ø, đ, ł, þ,
/// ð, ı, ħ, ŧ, ŋ, ĸ) are listed here. Other scripts are kept as they are.
/// </summary>
internal static class LatinFolding
{
    private const string Letters = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžſơưǎǐǒǔǖǘǚǜǟǡǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳøđłðıħŧŋĸ";
    private const string Bases = "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzsouaiouuuuuaagkoojgnaaaeeiioorruusthaeooooyodldihtnk";

    private static readonly Dictionary<char, string> Map = Build();

    /// <summary>The base letters of <paramref name="lowerCase"/>, or null when it is not a folded letter.</summary>
    public static string? Fold(char lowerCase) => Map.GetValueOrDefault(lowerCase);

    private static Dictionary<char, string> Build()
    {
        var map = new Dictionary<char, string> { ['ĳ'] = "ij", ['ǆ'] = "dz", ['ǉ'] = "lj", ['ǌ'] = "nj", ['ǳ'] = "dz", ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['þ'] = "th" };
        for (var i = 0; i < Letters.Length; i++)
        {
            map[Letters[i]] = Bases[i].ToString();
        }

        return map;
    }
}
