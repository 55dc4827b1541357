using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Detektr.Sigma.Loading;

/// <summary>Collects the problems found while reading one rule, each placed in its file.</summary>
internal sealed class ProblemSink(string file)
{
    private readonly List<SigmaProblem> _problems = [];

    public string File { get; } = file;

    public IReadOnlyList<SigmaProblem> Problems => _problems;

    public bool HasErrors => _problems.Any(p => p.Kind != SigmaProblemKind.Warning);

    public SourcePosition At(YamlNode? node) => node is null ? new SourcePosition(File, 0, 0) : At(node.Start);

    public SourcePosition At(Mark mark) => new(File, (int)Math.Min(mark.Line, int.MaxValue), (int)Math.Min(mark.Column, int.MaxValue));

    public void Add(SigmaProblemKind kind, string message, YamlNode? node) => _problems.Add(new SigmaProblem(kind, message, At(node)));

    public void Add(SigmaProblemKind kind, string message, SourcePosition position) => _problems.Add(new SigmaProblem(kind, message, position));

    public void Invalid(string message, YamlNode? node) => Add(SigmaProblemKind.InvalidRule, message, node);

    public void Unsupported(string message, YamlNode? node) => Add(SigmaProblemKind.UnsupportedFeature, message, node);

    public void Warn(string message, YamlNode? node) => Add(SigmaProblemKind.Warning, message, node);
}
