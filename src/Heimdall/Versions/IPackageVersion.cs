namespace Heimdall.Versions;

/// <summary>A parsed version of one ecosystem; only versions of the same ecosystem are compared.</summary>
public interface IPackageVersion : IComparable<IPackageVersion>
{
    /// <summary>The version in the ecosystem's normalized text form.</summary>
    string Normalized { get; }
}
