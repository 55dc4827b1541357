using System.Diagnostics.CodeAnalysis;

namespace Tracehound.Ledger;

/// <summary>A checkpoint with its signatures: a signed note whose text is a checkpoint body.</summary>
public sealed class SignedCheckpoint
{
    private SignedCheckpoint(Checkpoint checkpoint, SignedNote note)
    {
        Checkpoint = checkpoint;
        Note = note;
    }

    /// <summary>The checkpoint body.</summary>
    public Checkpoint Checkpoint { get; }

    /// <summary>The signed note.</summary>
    public SignedNote Note { get; }

    /// <summary>Signs a checkpoint with each key (all keys of a rotation sign, one line each).</summary>
    public static SignedCheckpoint Sign(Checkpoint checkpoint, IEnumerable<NoteSigningKey> keys)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new SignedCheckpoint(checkpoint, SignedNote.Sign(checkpoint.ToNoteText(), keys));
    }

    /// <summary>Parses a signed checkpoint (note and body) strictly; signatures are not checked here.</summary>
    /// <exception cref="FormatException">The text is not a signed checkpoint.</exception>
    public static SignedCheckpoint Parse(string text) =>
        TryParse(text, out var checkpoint, out var error) ? checkpoint : throw new FormatException(error);

    /// <summary>Parses a signed checkpoint strictly, returning false with the reason.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SignedCheckpoint? checkpoint, [NotNullWhen(false)] out string? error)
    {
        checkpoint = null;
        if (!SignedNote.TryParse(text, out var note, out error))
        {
            return false;
        }

        if (!Checkpoint.TryParse(note.Text, out var body, out error))
        {
            return false;
        }

        checkpoint = new SignedCheckpoint(body, note);
        return true;
    }

    /// <summary>Verifies the signatures against trusted keys (see <see cref="SignedNote.Verify"/>).</summary>
    public NoteVerificationResult Verify(IEnumerable<NoteVerifierKey> trustedKeys) => Note.Verify(trustedKeys);

    /// <summary>The exact signed note text.</summary>
    public override string ToString() => Note.ToString();
}
