namespace Tracehound.Cli.Output;

/// <summary>Exit codes shared by every command.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked and the answer is positive (intact, ok, found).</summary>
    public const int Ok = 0;

    /// <summary>The command ran and the answer is negative (damaged, proof rejected, nothing found).</summary>
    public const int Failed = 1;

    /// <summary>The command could not run: bad arguments, missing files.</summary>
    public const int Usage = 2;

    /// <summary>The running application could not be reached, or refused the request (address, token).</summary>
    public const int Unavailable = 3;
}
