namespace Tracehound.Ledger;

/// <summary>
/// A fixed-size, direct-mapped cache of stored tree hashes (2 MiB whatever the ledger size). Stored
/// hashes never change once written, so entries need no invalidation. Proofs share their upper
/// levels, which therefore stay cached and cost no disk read.
/// </summary>
internal sealed class NodeCache
{
    private const int Slots = 1 << 16;

    private readonly long[] _positions = new long[Slots];
    private readonly Sha256Hash[] _hashes = new Sha256Hash[Slots];

    public bool TryGet(long position, out Sha256Hash hash)
    {
        var slot = Slot(position);
        // Positions are stored plus one so that the zeroed array means "empty".
        if (_positions[slot] == position + 1)
        {
            hash = _hashes[slot];
            return true;
        }

        hash = default;
        return false;
    }

    public void Add(long position, Sha256Hash hash)
    {
        var slot = Slot(position);
        _positions[slot] = position + 1;
        _hashes[slot] = hash;
    }

    private static int Slot(long position) => (int)((ulong)(position * unchecked((long)0x9E3779B97F4A7C15)) >> 48);
}
