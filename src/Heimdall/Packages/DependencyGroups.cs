namespace Heimdall.Packages;

/// <summary>The dependency groups a package occurrence belongs to.</summary>
[Flags]
public enum DependencyGroups
{
    /// <summary>A production dependency.</summary>
    None = 0,

    /// <summary>Only needed to develop or build the project.</summary>
    Dev = 1,

    /// <summary>Installation may skip it when it fails.</summary>
    Optional = 2,

    /// <summary>Expected to be supplied by the consumer.</summary>
    Peer = 4,
}

/// <summary>Text forms of <see cref="DependencyGroups"/>.</summary>
public static class DependencyGroupNames
{
    /// <summary>The groups as lower-case names: <c>dev</c>, <c>optional</c>, <c>peer</c>.</summary>
    public static IReadOnlyList<string> ToNames(this DependencyGroups groups)
    {
        var names = new List<string>(3);
        if ((groups & DependencyGroups.Dev) != 0)
        {
            names.Add("dev");
        }

        if ((groups & DependencyGroups.Optional) != 0)
        {
            names.Add("optional");
        }

        if ((groups & DependencyGroups.Peer) != 0)
        {
            names.Add("peer");
        }

        return names;
    }
}
