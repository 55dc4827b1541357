using System.Globalization;

namespace Detektr.Sandbox;

/// <summary>Finds the descriptors this process inherited without close-on-exec. .NET opens everything
/// with O_CLOEXEC, so these came from Detektr's own parent; every child would inherit them too, and
/// the launch script closes them so that none reaches the sandbox.</summary>
internal static class InheritedDescriptors
{
    private const int CloseOnExec = 0x80000; // O_CLOEXEC (02000000)

    /// <summary>Descriptor numbers above 2 that would survive an exec.</summary>
    public static IReadOnlyList<int> Find()
    {
        var found = new List<int>();
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries("/proc/self/fd");
        }
        catch (IOException)
        {
            return found;
        }

        foreach (var entry in entries)
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var fd) || fd <= 2)
            {
                continue;
            }

            try
            {
                foreach (var line in File.ReadLines($"/proc/self/fdinfo/{fd}"))
                {
                    if (line.StartsWith("flags:", StringComparison.Ordinal))
                    {
                        var flags = Convert.ToInt32(line["flags:".Length..].Trim(), 8);
                        if ((flags & CloseOnExec) == 0)
                        {
                            found.Add(fd);
                        }

                        break;
                    }
                }
            }
            catch (IOException)
            {
                // Closed while we looked (the enumeration's own descriptor, for one).
            }
        }

        return found;
    }
}
