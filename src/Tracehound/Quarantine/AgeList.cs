namespace Tracehound;

/// <summary>
/// The evidence of one severity, oldest first, as an intrusive doubly linked list: append, remove and
/// "oldest" are O(1), which is what makes eviction O(1) instead of a scan.
/// </summary>
internal sealed class AgeList
{
    public Evidence? Oldest { get; private set; }

    public Evidence? Newest { get; private set; }

    public int Count { get; private set; }

    public long Bytes { get; set; }

    public void Append(Evidence evidence)
    {
        evidence.Older = Newest;
        evidence.Newer = null;
        if (Newest is null)
        {
            Oldest = evidence;
        }
        else
        {
            Newest.Newer = evidence;
        }

        Newest = evidence;
        evidence.Linked = true;
        Count++;
        Bytes += evidence.AccountedSize;
    }

    public void Remove(Evidence evidence)
    {
        if (evidence.Older is null)
        {
            Oldest = evidence.Newer;
        }
        else
        {
            evidence.Older.Newer = evidence.Newer;
        }

        if (evidence.Newer is null)
        {
            Newest = evidence.Older;
        }
        else
        {
            evidence.Newer.Older = evidence.Older;
        }

        evidence.Older = null;
        evidence.Newer = null;
        evidence.Linked = false;
        Count--;
        Bytes -= evidence.AccountedSize;
    }
}
