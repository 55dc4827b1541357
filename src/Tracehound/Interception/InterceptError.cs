namespace Tracehound;

/// <summary>Why an intercept ended in <see cref="InterceptStatus.Error"/>.</summary>
/// <param name="Code">A stable code from <see cref="InterceptErrorCodes"/>.</param>
/// <param name="Message">A human-readable explanation that never contains the payload.</param>
/// <param name="Recoverable">True when the same scent might succeed later (a transient fault); false for bad input.</param>
public sealed record InterceptError(string Code, string Message, bool Recoverable);
