using System.Globalization;
using System.Xml;
using Heimdall.Advisories;
using Heimdall.Matching;
using Heimdall.Packages;

namespace Heimdall.Reports;

/// <summary>
/// Writes JUnit XML for CI test views: one test suite per scanned file, a coverage test case that fails
/// when entries could not be read, and one test case per package occurrence with a failure per finding.
/// </summary>
public static class JunitWriter
{
    /// <summary>Writes the XML.</summary>
    public static void Write(Stream output, ScanResult result, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var findingsByPackage = result.Findings.ToLookup(f => f.Package);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        using var xml = XmlWriter.Create(output, settings);
        var totalTests = result.Inventory.Files.Sum(f => f.Packages.Count + 1);
        var totalFailures = result.Inventory.Files.Sum(f => (f.IsComplete ? 0 : 1) + f.Packages.Count(p => findingsByPackage[p].Any()));
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", ToolInfo.Name);
        xml.WriteAttributeString("tests", totalTests.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", totalFailures.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("timestamp", JsonParts.Time(result.GeneratedAt));
        foreach (var file in result.Inventory.Files)
        {
            var failures = (file.IsComplete ? 0 : 1) + file.Packages.Count(p => findingsByPackage[p].Any());
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", file.Path);
            xml.WriteAttributeString("tests", (file.Packages.Count + 1).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("skipped", "0");

            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", file.Path);
            xml.WriteAttributeString("name", "coverage");
            if (!file.IsComplete)
            {
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("type", "partial-coverage");
                xml.WriteAttributeString("message", $"{file.Unparsed.Count} entries could not be read");
                xml.WriteString(string.Join('\n', file.Unparsed.Select(u => $"{u.Entry}: {u.Reason}")));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            foreach (var package in file.Packages)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", file.Path);
                xml.WriteAttributeString("name", $"{package.Name}@{package.Version ?? package.Source.ToString().ToLowerInvariant()}" + (package.Location is null ? "" : $" ({package.Location})"));
                foreach (var finding in findingsByPackage[package])
                {
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("type", finding.RuleId);
                    xml.WriteAttributeString("message", $"[{finding.Severity.Level.ToName()}] {finding.Title}");
                    xml.WriteString(finding.Reason + (finding.FixedIn.Count > 0 ? $"\nFixed in {string.Join(", ", finding.FixedIn)}" : ""));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }
}
