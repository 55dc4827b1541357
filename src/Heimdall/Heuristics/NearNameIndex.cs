namespace Heimdall.Heuristics;

/// <summary>
/// Finds popular names within a small edit distance without comparing against every one of them: each
/// name is indexed under every string obtained by deleting up to <c>maxDistance</c> characters
/// (symmetric deletion), so two names within that distance share at least one key. Candidates found
/// this way are then checked with the exact distance.
/// </summary>
internal sealed class NearNameIndex
{
    private readonly Dictionary<string, List<string>> _byDeletion = new(StringComparer.Ordinal);
    private readonly int _maxDistance;

    public NearNameIndex(IEnumerable<string> names, int maxDistance)
    {
        _maxDistance = maxDistance;
        foreach (var name in names)
        {
            foreach (var key in Deletions(name, maxDistance))
            {
                if (!_byDeletion.TryGetValue(key, out var list))
                {
                    list = [];
                    _byDeletion[key] = list;
                }

                if (!list.Contains(name))
                {
                    list.Add(name);
                }
            }
        }
    }

    /// <summary>Indexed names that may be within the index's distance of <paramref name="name"/>.</summary>
    public HashSet<string> Candidates(string name)
    {
        // Probe with spans: a name of length n has about n²/2 two-character deletions, none of which is
        // worth allocating as a string.
        var found = new HashSet<string>(StringComparer.Ordinal);
        var lookup = _byDeletion.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buffer = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        Span<char> twice = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        Probe(lookup, name, found);
        for (var i = 0; i < name.Length; i++)
        {
            var once = Delete(name, i, buffer);
            Probe(lookup, once, found);
            if (_maxDistance < 2)
            {
                continue;
            }

            for (var j = i; j < once.Length; j++)
            {
                Probe(lookup, DeleteSpan(once, j, twice), found);
            }
        }

        return found;
    }

    private static ReadOnlySpan<char> Delete(string word, int index, Span<char> buffer)
    {
        word.AsSpan(0, index).CopyTo(buffer);
        word.AsSpan(index + 1).CopyTo(buffer[index..]);
        return buffer[..(word.Length - 1)];
    }

    private static ReadOnlySpan<char> DeleteSpan(ReadOnlySpan<char> word, int index, Span<char> buffer)
    {
        word[..index].CopyTo(buffer);
        word[(index + 1)..].CopyTo(buffer[index..]);
        return buffer[..(word.Length - 1)];
    }

    private static void Probe(Dictionary<string, List<string>>.AlternateLookup<ReadOnlySpan<char>> lookup, ReadOnlySpan<char> key, HashSet<string> found)
    {
        if (lookup.TryGetValue(key, out var names))
        {
            found.UnionWith(names);
        }
    }

    private static HashSet<string> Deletions(string name, int depth)
    {
        var result = new HashSet<string>(StringComparer.Ordinal) { name };
        var frontier = new List<string> { name };
        for (var d = 0; d < depth; d++)
        {
            var next = new List<string>();
            foreach (var word in frontier)
            {
                for (var i = 0; i < word.Length; i++)
                {
                    var deleted = word.Remove(i, 1);
                    if (result.Add(deleted))
                    {
                        next.Add(deleted);
                    }
                }
            }

            frontier = next;
        }

        return result;
    }
}
