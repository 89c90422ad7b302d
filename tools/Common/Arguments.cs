namespace Chat.Tools;

/// <summary>Command-line options of the form <c>--name value</c>, plus value-less flags.</summary>
internal static class Arguments
{
    public static Dictionary<string, string> Parse(string[] args, IReadOnlySet<string> flags)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            var name = args[i][2..];
            if (flags.Contains(name))
            {
                result[name] = "true";
            }
            else if (i + 1 < args.Length)
            {
                result[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"--{name} needs a value.");
            }
        }

        return result;
    }
}
