namespace Tracehound.Ledger;

/// <summary>One signature line of a signed note: <c>— &lt;key name&gt; base64(key id || signature)</c>.</summary>
/// <param name="KeyName">The signer's key name.</param>
/// <param name="KeyId">The signer's key id.</param>
/// <param name="Signature">The signature bytes (64 for Ed25519).</param>
public sealed record NoteSignature(string KeyName, uint KeyId, byte[] Signature);
