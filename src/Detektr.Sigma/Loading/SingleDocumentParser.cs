using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Detektr.Sigma.Loading;

/// <summary>
/// Presents one document of a multi-document YAML stream as a stream of its own, so documents load
/// one at a time and those before a syntax error are kept.
/// </summary>
internal sealed class SingleDocumentParser(IParser inner) : IParser
{
    private State _state = State.BeforeStream;

    private enum State
    {
        BeforeStream,
        AtDocumentStart,
        InDocument,
        AfterDocument,
        Done,
    }

    public ParsingEvent? Current { get; private set; }

    public bool MoveNext()
    {
        switch (_state)
        {
            case State.BeforeStream:
                Current = new StreamStart();
                _state = State.AtDocumentStart;
                return true;
            case State.AtDocumentStart:
                // The inner parser already stands on this document's DocumentStart.
                Current = inner.Current;
                _state = State.InDocument;
                return true;
            case State.InDocument:
                if (!inner.MoveNext())
                {
                    throw new YamlException("the YAML stream ended inside a document");
                }

                Current = inner.Current;
                if (Current is DocumentEnd)
                {
                    // Step past it so the caller sees the next document (or the stream end).
                    inner.MoveNext();
                    _state = State.AfterDocument;
                }

                return true;
            case State.AfterDocument:
                Current = new StreamEnd();
                _state = State.Done;
                return true;
            default:
                return false;
        }
    }
}
