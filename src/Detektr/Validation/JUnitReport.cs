using System.Globalization;
using System.Text;
using System.Xml;

namespace Detektr.Validation;

/// <summary>Writes a validation report as JUnit XML, the format CI systems (GitHub Actions reporters,
/// GitLab, Jenkins) read: one <c>testsuite</c> per spec, one <c>testcase</c> per expectation, with the
/// verdict's summary and evidence in the <c>failure</c> or <c>error</c> element, or in <c>system-out</c>
/// for a pass. Valid against the Jenkins xUnit plugin's <c>junit-10.xsd</c>.</summary>
public static class JUnitReport
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="path"/>; spec files are named relative to
    /// <paramref name="baseDirectory"/> (the current directory by default).</summary>
    public static void Write(ValidationReport report, string path, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.Create(path);
        Write(report, stream, baseDirectory);
    }

    /// <summary>Writes <paramref name="report"/> to <paramref name="stream"/> (UTF-8).</summary>
    public static void Write(ValidationReport report, Stream stream, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stream);
        var root = baseDirectory ?? Environment.CurrentDirectory;
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var xml = XmlWriter.Create(stream, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "detektr validate");
        xml.WriteAttributeString("tests", Number(report.Expectations));
        xml.WriteAttributeString("failures", Number(report.Failures));
        xml.WriteAttributeString("errors", Number(report.Errors));
        xml.WriteAttributeString("time", Seconds(report.Duration));
        foreach (var spec in report.Specs)
        {
            WriteSuite(xml, spec, root);
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteSuite(XmlWriter xml, SpecResult spec, string root)
    {
        var file = ReportPaths.Relative(spec.Spec.File, root);
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", spec.Spec.Name);
        xml.WriteAttributeString("tests", Number(spec.Results.Count));
        xml.WriteAttributeString("failures", Number(spec.Failures));
        xml.WriteAttributeString("errors", Number(spec.Errors));
        xml.WriteAttributeString("skipped", "0");
        xml.WriteAttributeString("time", Seconds(spec.Duration));
        xml.WriteAttributeString("timestamp", spec.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        xml.WriteAttributeString("file", file);

        xml.WriteStartElement("properties");
        Property(xml, "spec", file);
        Property(xml, "target", spec.Spec.Target.Describe());
        if (spec.Spec.Description is { } description)
        {
            Property(xml, "description", description);
        }

        foreach (var run in spec.Runs)
        {
            Property(xml, $"run.{run.Label}", run.Directory ?? $"not run: {run.Problem}");
        }

        xml.WriteEndElement();

        foreach (var result in spec.Results)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("name", result.Name);
            xml.WriteAttributeString("classname", spec.Spec.Name);
            var details = Details(result, root);
            switch (result.Verdict)
            {
                case Verdict.Failed:
                case Verdict.Error:
                    xml.WriteStartElement(result.Verdict == Verdict.Failed ? "failure" : "error");
                    xml.WriteAttributeString("message", result.Summary);
                    xml.WriteAttributeString("type", KindName(result.Expectation.KindId));
                    xml.WriteString(details);
                    xml.WriteEndElement();
                    break;
                default:
                    xml.WriteElementString("system-out", details);
                    break;
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static string Details(ExpectationResult result, string root)
    {
        var text = new StringBuilder();
        text.Append(result.Summary).Append('\n');
        var location = result.Expectation.Location;
        text.Append("at ").Append(location with { File = ReportPaths.Relative(location.File, root) }).Append('\n');
        foreach (var evidence in result.Evidence)
        {
            text.Append(evidence).Append('\n');
        }

        return text.ToString();
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }

    internal static string KindName(string kindId) =>
        ExpectationKinds.All.FirstOrDefault(k => k.Id == kindId).Name ?? kindId;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
