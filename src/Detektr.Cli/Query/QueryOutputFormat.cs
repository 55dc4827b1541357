namespace Detektr.Cli.Query;

/// <summary>How <c>detektr query</c> prints its results.</summary>
internal enum QueryOutputFormat
{
    /// <summary>A table per result set (at most <c>--max-rows</c> rows shown).</summary>
    Table,

    /// <summary>A JSON array of row objects per result set.</summary>
    Json,

    /// <summary>One JSON object per row and line.</summary>
    JsonLines,

    /// <summary>RFC 4180 CSV with a header line; result sets separated by an empty line.</summary>
    Csv,
}
