using Tracehound.Cli.Output;
using Tracehound.Ledger;

namespace Tracehound.Cli.Ledger;

/// <summary>The keys a command trusts: those in <c>--key</c> files, or the data directory's published keys.</summary>
internal static class TrustedKeys
{
    public static IReadOnlyList<NoteVerifierKey>? FromFiles(FileInfo[]? files)
    {
        if (files is null || files.Length == 0)
        {
            return null;
        }

        var keys = new List<NoteVerifierKey>();
        foreach (var file in files)
        {
            if (!file.Exists)
            {
                throw new UsageException($"key file '{file.FullName}' does not exist");
            }

            try
            {
                keys.AddRange(NoteVerifierKey.ReadFile(file.FullName));
            }
            catch (FormatException exception)
            {
                throw new UsageException(exception.Message);
            }
        }

        return keys;
    }

    public static IReadOnlyList<NoteVerifierKey> FromFilesOrDirectory(FileInfo[]? files, string dataDirectory) =>
        FromFiles(files) ?? LedgerKeyRing.ReadVerifierKeys(LedgerLayout.KeysDirectory(dataDirectory));
}
