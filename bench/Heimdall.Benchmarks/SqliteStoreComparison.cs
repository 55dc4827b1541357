using System.Diagnostics;
using System.Text.Json;
using Heimdall.Advisories;
using Heimdall.Packages;
using Microsoft.Data.Sqlite;

/// <summary>
/// The SQLite layout Heimdall would use instead of its JSON store: one row per (ecosystem, name,
/// advisory) with the advisory as JSON, indexed by package. Measured against loading the JSON store
/// whole, for a scan that looks up every package name of a lockfile.
/// </summary>
internal static class SqliteStoreComparison
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static (double WriteMs, double LookupMs, long Bytes, int Matches) Run(string directory, IReadOnlyList<Advisory> advisories, IReadOnlyList<(Ecosystem Ecosystem, string Name)> lookups)
    {
        var path = Path.Combine(directory, "advisories.db");
        var sw = Stopwatch.StartNew();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using (var create = connection.CreateCommand())
            {
                create.CommandText = "CREATE TABLE affected (ecosystem TEXT NOT NULL, name TEXT NOT NULL, id TEXT NOT NULL, advisory TEXT NOT NULL); CREATE INDEX by_package ON affected (ecosystem, name);";
                create.ExecuteNonQuery();
            }

            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO affected VALUES ($e, $n, $i, $a)";
            var e = insert.Parameters.Add("$e", SqliteType.Text);
            var n = insert.Parameters.Add("$n", SqliteType.Text);
            var i = insert.Parameters.Add("$i", SqliteType.Text);
            var a = insert.Parameters.Add("$a", SqliteType.Text);
            foreach (var advisory in advisories)
            {
                var json = JsonSerializer.Serialize(advisory, Json);
                foreach (var affected in advisory.Affected)
                {
                    e.Value = affected.Ecosystem.ToOsv();
                    n.Value = affected.Ecosystem.NormalizeName(affected.Name);
                    i.Value = advisory.Id;
                    a.Value = json;
                    insert.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }

        var writeMs = sw.Elapsed.TotalMilliseconds;
        SqliteConnection.ClearAllPools();

        // A scan's view: open the database and fetch the advisories of every package name it read.
        sw.Restart();
        var matches = 0;
        using (var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var query = connection.CreateCommand();
            query.CommandText = "SELECT advisory FROM affected WHERE ecosystem = $e AND name = $n";
            var e = query.Parameters.Add("$e", SqliteType.Text);
            var n = query.Parameters.Add("$n", SqliteType.Text);
            query.Prepare();
            foreach (var (ecosystem, name) in lookups)
            {
                e.Value = ecosystem.ToOsv();
                n.Value = ecosystem.NormalizeName(name);
                using var reader = query.ExecuteReader();
                var found = new List<Advisory>();
                while (reader.Read())
                {
                    found.Add(JsonSerializer.Deserialize<Advisory>(reader.GetString(0), Json)!);
                }

                _ = new AdvisoryIndex(found);
                matches += found.Count;
            }
        }

        return (writeMs, sw.Elapsed.TotalMilliseconds, new FileInfo(path).Length, matches);
    }
}
