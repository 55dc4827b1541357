namespace Heimdall.Readers;

/// <summary>
/// Finds the line of keys in a file's text. Readers walk a document in order, so each search starts where
/// the previous one ended and the whole file is scanned once.
/// </summary>
internal sealed class TextLines
{
    private readonly string _text;
    private int _position;
    private int _line = 1;

    public TextLines(string text)
    {
        _text = text;
    }

    /// <summary>The line of the next occurrence of <paramref name="needle"/>, or null when absent.</summary>
    public int? Find(string needle)
    {
        var index = _text.IndexOf(needle, _position, StringComparison.Ordinal);
        if (index < 0)
        {
            return null;
        }

        for (var i = _position; i < index; i++)
        {
            if (_text[i] == '\n')
            {
                _line++;
            }
        }

        _position = index;
        return _line;
    }
}
