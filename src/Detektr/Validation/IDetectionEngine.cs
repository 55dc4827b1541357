namespace Detektr.Validation;

/// <summary>Loads detection rules for validation. Detektr's CLI plugs in its Sigma engine; the validation
/// runner knows nothing of rule formats.</summary>
public interface IDetectionEngine
{
    /// <summary>Loads the rules under <paramref name="rulesDirectory"/> (a directory or one file).
    /// Implementations may cache by path and must be safe to call from several threads.</summary>
    /// <exception cref="DirectoryNotFoundException">Nothing exists at <paramref name="rulesDirectory"/>.</exception>
    IDetectionRules Load(string rulesDirectory);
}
