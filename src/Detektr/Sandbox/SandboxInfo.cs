using System.Text.Json;

namespace Detektr.Sandbox;

/// <summary>Reads what bubblewrap reports on its info and status descriptors.</summary>
internal static class SandboxInfo
{
    /// <summary>The host pid of the sandbox's init (PID 1 inside), once bubblewrap has written it.
    /// Killing it makes the kernel kill every process of the PID namespace.</summary>
    public static int? ReadChildPid(string infoFile) => ReadNumber(infoFile, "child-pid");

    /// <summary>The exit code bubblewrap reported for the command, when it has.</summary>
    public static int? ReadExitCode(string statusFile) => ReadNumber(statusFile, "exit-code");

    private static int? ReadNumber(string file, string name)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (IOException)
        {
            return null;
        }

        // --json-status-fd writes several JSON documents one after the other.
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowMultipleValues = true });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(name) &&
                    reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value))
                {
                    return value;
                }
            }
        }
        catch (JsonException)
        {
            // A document still being written; the caller polls again.
        }

        return null;
    }
}
